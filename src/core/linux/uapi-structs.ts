/**
 * The uapi structures the MPTCP socket options return, laid out as x86-64 Linux 6.18 lays them out
 * (natural alignment, little-endian, bitfields packed from the low bit as GCC does): field names
 * and C types exactly as include/uapi/linux/mptcp.h and include/uapi/linux/tcp.h spell them, with
 * offsets computed by the C rules (and pinned by tests against the kernel's BUILD_BUG_ONs and pahole).
 *
 * struct tcp_info is 6.18's: 280 bytes, ending with the Accurate ECN counters and the
 * tcpi_ecn_mode / tcpi_accecn_opt_seen / tcpi_accecn_fail_mode / tcpi_options2 bitfield word.
 */

export type CType = 'u8' | 'u16' | 'u32' | 'u64';

const SIZE: Record<CType, number> = { u8: 1, u16: 2, u32: 4, u64: 8 };

/** One member: a scalar, or a storage unit of bitfields (`bits`: name → width, low bits first). */
export type MemberSpec = [name: string, ctype: CType] | [name: string, ctype: CType, bits: [string, number][]] | [name: string, nested: StructLayout];

export interface FieldLayout {
  name: string;
  ctype: CType;
  offset: number;
  size: number;
  /** Bitfield: first bit and width inside the storage unit at `offset`. */
  bit?: { shift: number; width: number };
}

export interface StructLayout {
  name: string;
  size: number;
  align: number;
  fields: FieldLayout[];
}

/** Lay a C struct out: each member at the next multiple of its alignment; size rounded to the struct's alignment. */
export function layout(name: string, members: MemberSpec[], minAlign = 1): StructLayout {
  let off = 0;
  let align = minAlign;
  const fields: FieldLayout[] = [];
  for (const m of members) {
    if (typeof m[1] === 'object') {
      const sub = m[1];
      off = Math.ceil(off / sub.align) * sub.align;
      for (const f of sub.fields) fields.push({ ...f, name: `${m[0]}.${f.name}`, offset: off + f.offset });
      off += sub.size;
      align = Math.max(align, sub.align);
      continue;
    }
    const ctype = m[1];
    const size = SIZE[ctype];
    off = Math.ceil(off / size) * size;
    align = Math.max(align, size);
    if (m.length === 3) {
      let shift = 0;
      for (const [bn, width] of m[2]) {
        fields.push({ name: bn, ctype, offset: off, size, bit: { shift, width } });
        shift += width;
      }
    } else fields.push({ name: m[0], ctype, offset: off, size });
    off += size;
  }
  return { name, size: Math.ceil(off / align) * align, align, fields };
}

/** struct mptcp_info (uapi mptcp.h): 96 bytes, with a 16-bit and an 8-bit hole that can no longer be filled. */
export const MPTCP_INFO_LAYOUT = layout('mptcp_info', [
  ['mptcpi_subflows', 'u8'],
  ['mptcpi_add_addr_signal', 'u8'],
  ['mptcpi_add_addr_accepted', 'u8'],
  ['mptcpi_subflows_max', 'u8'],
  ['mptcpi_add_addr_signal_max', 'u8'],
  ['mptcpi_add_addr_accepted_max', 'u8'],
  ['mptcpi_flags', 'u32'],
  ['mptcpi_token', 'u32'],
  ['mptcpi_write_seq', 'u64'],
  ['mptcpi_snd_una', 'u64'],
  ['mptcpi_rcv_nxt', 'u64'],
  ['mptcpi_local_addr_used', 'u8'],
  ['mptcpi_local_addr_max', 'u8'],
  ['mptcpi_csum_enabled', 'u8'],
  ['mptcpi_retransmits', 'u32'],
  ['mptcpi_bytes_retrans', 'u64'],
  ['mptcpi_bytes_sent', 'u64'],
  ['mptcpi_bytes_received', 'u64'],
  ['mptcpi_bytes_acked', 'u64'],
  ['mptcpi_subflows_total', 'u8'],
  ['mptcpi_endp_laminar_max', 'u8'],
  ['mptcpi_endp_fullmesh_max', 'u8'],
  ['reserved', 'u8'],
  ['mptcpi_last_data_sent', 'u32'],
  ['mptcpi_last_data_recv', 'u32'],
  ['mptcpi_last_ack_recv', 'u32'],
]);

/** struct tcp_info (uapi tcp.h, 6.18). */
export const TCP_INFO_LAYOUT = layout('tcp_info', [
  ['tcpi_state', 'u8'],
  ['tcpi_ca_state', 'u8'],
  ['tcpi_retransmits', 'u8'],
  ['tcpi_probes', 'u8'],
  ['tcpi_backoff', 'u8'],
  ['tcpi_options', 'u8'],
  ['', 'u8', [['tcpi_snd_wscale', 4], ['tcpi_rcv_wscale', 4]]],
  ['', 'u8', [['tcpi_delivery_rate_app_limited', 1], ['tcpi_fastopen_client_fail', 2]]],
  ['tcpi_rto', 'u32'],
  ['tcpi_ato', 'u32'],
  ['tcpi_snd_mss', 'u32'],
  ['tcpi_rcv_mss', 'u32'],
  ['tcpi_unacked', 'u32'],
  ['tcpi_sacked', 'u32'],
  ['tcpi_lost', 'u32'],
  ['tcpi_retrans', 'u32'],
  ['tcpi_fackets', 'u32'],
  ['tcpi_last_data_sent', 'u32'],
  ['tcpi_last_ack_sent', 'u32'],
  ['tcpi_last_data_recv', 'u32'],
  ['tcpi_last_ack_recv', 'u32'],
  ['tcpi_pmtu', 'u32'],
  ['tcpi_rcv_ssthresh', 'u32'],
  ['tcpi_rtt', 'u32'],
  ['tcpi_rttvar', 'u32'],
  ['tcpi_snd_ssthresh', 'u32'],
  ['tcpi_snd_cwnd', 'u32'],
  ['tcpi_advmss', 'u32'],
  ['tcpi_reordering', 'u32'],
  ['tcpi_rcv_rtt', 'u32'],
  ['tcpi_rcv_space', 'u32'],
  ['tcpi_total_retrans', 'u32'],
  ['tcpi_pacing_rate', 'u64'],
  ['tcpi_max_pacing_rate', 'u64'],
  ['tcpi_bytes_acked', 'u64'],
  ['tcpi_bytes_received', 'u64'],
  ['tcpi_segs_out', 'u32'],
  ['tcpi_segs_in', 'u32'],
  ['tcpi_notsent_bytes', 'u32'],
  ['tcpi_min_rtt', 'u32'],
  ['tcpi_data_segs_in', 'u32'],
  ['tcpi_data_segs_out', 'u32'],
  ['tcpi_delivery_rate', 'u64'],
  ['tcpi_busy_time', 'u64'],
  ['tcpi_rwnd_limited', 'u64'],
  ['tcpi_sndbuf_limited', 'u64'],
  ['tcpi_delivered', 'u32'],
  ['tcpi_delivered_ce', 'u32'],
  ['tcpi_bytes_sent', 'u64'],
  ['tcpi_bytes_retrans', 'u64'],
  ['tcpi_dsack_dups', 'u32'],
  ['tcpi_reord_seen', 'u32'],
  ['tcpi_rcv_ooopack', 'u32'],
  ['tcpi_snd_wnd', 'u32'],
  ['tcpi_rcv_wnd', 'u32'],
  ['tcpi_rehash', 'u32'],
  ['tcpi_total_rto', 'u16'],
  ['tcpi_total_rto_recoveries', 'u16'],
  ['tcpi_total_rto_time', 'u32'],
  ['tcpi_received_ce', 'u32'],
  ['tcpi_delivered_e1_bytes', 'u32'],
  ['tcpi_delivered_e0_bytes', 'u32'],
  ['tcpi_delivered_ce_bytes', 'u32'],
  ['tcpi_received_e1_bytes', 'u32'],
  ['tcpi_received_e0_bytes', 'u32'],
  ['tcpi_received_ce_bytes', 'u32'],
  ['', 'u32', [['tcpi_ecn_mode', 2], ['tcpi_accecn_opt_seen', 2], ['tcpi_accecn_fail_mode', 4], ['tcpi_options2', 24]]],
]);

/** struct mptcp_subflow_data: the header of MPTCP_TCPINFO / MPTCP_SUBFLOW_ADDRS, __attribute__((aligned(8))). */
export const SUBFLOW_DATA_LAYOUT = layout('mptcp_subflow_data', [
  ['size_subflow_data', 'u32'],
  ['num_subflows', 'u32'],
  ['size_kernel', 'u32'],
  ['size_user', 'u32'],
], 8);

/**
 * struct sockaddr_in inside the sockaddr_storage unions of mptcp_subflow_addrs (sin_port and
 * sin_addr in network byte order: `be16`/`be32` when encoded).
 */
const SOCKADDR_IN: [string, CType][] = [
  ['sin_family', 'u16'],
  ['sin_port', 'u16'],
  ['sin_addr', 'u32'],
];
/** Members stored big-endian (network byte order). */
const BIG_ENDIAN = /(?:^|\.)(sin_port|sin_addr)$/;

/** struct mptcp_subflow_addrs: two __kernel_sockaddr_storage unions (128 bytes each, aligned 8). */
export const SUBFLOW_ADDRS_LAYOUT: StructLayout = (() => {
  const storage = (tag: string): StructLayout => ({ ...layout(`sin_${tag}`, SOCKADDR_IN), size: 128, align: 8 });
  return layout('mptcp_subflow_addrs', [['sin_local', storage('local')], ['sin_remote', storage('remote')]]);
})();

/** struct mptcp_subflow_info: u32 id, then the addresses (at offset 8). */
export const SUBFLOW_INFO_LAYOUT = layout('mptcp_subflow_info', [['id', 'u32'], ['addrs', SUBFLOW_ADDRS_LAYOUT]]);

/** struct mptcp_full_info: the 40-byte header (MIN_FULL_INFO_OPTLEN_SIZE), then struct mptcp_info. */
export const FULL_INFO_LAYOUT = layout('mptcp_full_info', [
  ['size_tcpinfo_kernel', 'u32'],
  ['size_tcpinfo_user', 'u32'],
  ['size_sfinfo_kernel', 'u32'],
  ['size_sfinfo_user', 'u32'],
  ['num_subflows', 'u32'],
  ['size_arrays_user', 'u32'],
  ['subflow_info', 'u64'],
  ['tcp_info', 'u64'],
  ['mptcp_info', MPTCP_INFO_LAYOUT],
]);

export type FieldValues = Record<string, number | bigint>;

/** The struct's bytes for `values` (missing fields are 0), little-endian except network-order members. */
export function encode(l: StructLayout, values: FieldValues): Uint8Array {
  const buf = new Uint8Array(l.size);
  const dv = new DataView(buf.buffer);
  for (const f of l.fields) {
    const raw = values[f.name] ?? 0;
    const be = BIG_ENDIAN.test(f.name);
    if (f.bit) {
      const mask = f.bit.width >= 32 ? 0xffffffff : (1 << f.bit.width) - 1;
      const cur = f.size === 1 ? dv.getUint8(f.offset) : dv.getUint32(f.offset, true);
      const v = ((cur & ~(mask << f.bit.shift)) | ((Number(raw) & mask) << f.bit.shift)) >>> 0;
      if (f.size === 1) dv.setUint8(f.offset, v & 0xff);
      else dv.setUint32(f.offset, v, true);
      continue;
    }
    switch (f.ctype) {
      case 'u8':
        dv.setUint8(f.offset, Number(raw) & 0xff);
        break;
      case 'u16':
        dv.setUint16(f.offset, Number(raw) & 0xffff, !be);
        break;
      case 'u32':
        dv.setUint32(f.offset, Number(raw) >>> 0, !be);
        break;
      case 'u64':
        dv.setBigUint64(f.offset, BigInt.asUintN(64, BigInt(raw)), true);
        break;
    }
  }
  return buf;
}

/** Read the fields back from bytes (a truncated copy reads what it holds; later fields are absent). */
export function decode(l: StructLayout, bytes: Uint8Array): FieldValues {
  const out: FieldValues = {};
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const f of l.fields) {
    if (f.offset + f.size > bytes.byteLength) continue;
    const be = BIG_ENDIAN.test(f.name);
    if (f.bit) {
      const unit = f.size === 1 ? dv.getUint8(f.offset) : dv.getUint32(f.offset, true);
      out[f.name] = (unit >>> f.bit.shift) & (f.bit.width >= 32 ? 0xffffffff : (1 << f.bit.width) - 1);
      continue;
    }
    out[f.name] = f.ctype === 'u8' ? dv.getUint8(f.offset) : f.ctype === 'u16' ? dv.getUint16(f.offset, !be) : f.ctype === 'u32' ? dv.getUint32(f.offset, !be) : dv.getBigUint64(f.offset, true);
  }
  return out;
}
