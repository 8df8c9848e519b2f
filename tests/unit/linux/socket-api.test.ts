/**
 * The MPTCP socket API over the trace (linux/socket-api.ts, uapi-structs.ts, getsockopt-cmd.ts):
 * struct layouts as x86-64 Linux 6.18 lays them out, each option's values against the trace at t,
 * sockopt.c's header checks, fallback and plain TCP, and the console's getsockopt command.
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/core/linux/complete';
import { newSession, runConsoleLine, type ConsoleEnv } from '../../../src/core/linux/shell';
import {
  appSocketAt, getsockopt, MPTCP_FULL_INFO, MPTCP_INFO, MPTCP_SUBFLOW_ADDRS, MPTCP_TCPINFO, SOL_MPTCP, SOL_TCP, solMptcpErrno, TCP_IS_MPTCP, tcpIsMptcp,
  type GetsockoptResult,
} from '../../../src/core/linux/socket-api';
import {
  decode, encode, FULL_INFO_LAYOUT, MPTCP_INFO_LAYOUT, SUBFLOW_ADDRS_LAYOUT, SUBFLOW_DATA_LAYOUT, SUBFLOW_INFO_LAYOUT, TCP_INFO_LAYOUT, type StructLayout,
} from '../../../src/core/linux/uapi-structs';
import { jiffiesToMsecsSince } from '../../../src/core/mptcp/connection';
import { krefRun } from './run-helpers';

const offsets = (l: StructLayout): Record<string, number> => Object.fromEntries(l.fields.map((f) => [f.name, f.offset]));
type Ok = Extract<GetsockoptResult, { ok: true }>;
const ok = (r: GetsockoptResult): Ok => {
  if (!r.ok) throw new Error(`getsockopt failed: ${r.errno}`);
  return r;
};
const T = 300_000_000; // 0.3 s: both subflows of a_aggregation are up

describe('uapi struct layouts (x86-64)', () => {
  it('struct mptcp_info: 96 bytes, every member at its uapi offset (the 16- and 8-bit holes kept)', () => {
    expect(MPTCP_INFO_LAYOUT.size).toBe(96);
    expect(offsets(MPTCP_INFO_LAYOUT)).toEqual({
      mptcpi_subflows: 0, mptcpi_add_addr_signal: 1, mptcpi_add_addr_accepted: 2, mptcpi_subflows_max: 3, mptcpi_add_addr_signal_max: 4,
      mptcpi_add_addr_accepted_max: 5, mptcpi_flags: 8, mptcpi_token: 12, mptcpi_write_seq: 16, mptcpi_snd_una: 24, mptcpi_rcv_nxt: 32,
      mptcpi_local_addr_used: 40, mptcpi_local_addr_max: 41, mptcpi_csum_enabled: 42, mptcpi_retransmits: 44, mptcpi_bytes_retrans: 48,
      mptcpi_bytes_sent: 56, mptcpi_bytes_received: 64, mptcpi_bytes_acked: 72, mptcpi_subflows_total: 80, mptcpi_endp_laminar_max: 81,
      mptcpi_endp_fullmesh_max: 82, reserved: 83, mptcpi_last_data_sent: 84, mptcpi_last_data_recv: 88, mptcpi_last_ack_recv: 92,
    });
    expect(Object.fromEntries(MPTCP_INFO_LAYOUT.fields.map((f) => [f.name, f.ctype]))).toMatchObject({ mptcpi_flags: 'u32', mptcpi_write_seq: 'u64', mptcpi_subflows_total: 'u8' });
  });

  it('struct tcp_info: 280 bytes (6.18 with AccECN); offsets as pahole and kernel-ref\'s TCP_INFO_PICK', () => {
    expect(TCP_INFO_LAYOUT.size).toBe(280);
    expect(TCP_INFO_LAYOUT.fields).toHaveLength(72);
    expect(offsets(TCP_INFO_LAYOUT)).toMatchObject({
      tcpi_state: 0, tcpi_ca_state: 1, tcpi_options: 5, tcpi_snd_wscale: 6, tcpi_rcv_wscale: 6, tcpi_delivery_rate_app_limited: 7,
      tcpi_rto: 8, tcpi_snd_mss: 16, tcpi_unacked: 24, tcpi_lost: 32, tcpi_retrans: 36, tcpi_rtt: 68, tcpi_rttvar: 72, tcpi_snd_ssthresh: 76,
      tcpi_snd_cwnd: 80, tcpi_rcv_rtt: 92, tcpi_rcv_space: 96, tcpi_total_retrans: 100, tcpi_pacing_rate: 104, tcpi_bytes_acked: 120,
      tcpi_bytes_received: 128, tcpi_segs_out: 136, tcpi_segs_in: 140, tcpi_min_rtt: 148, tcpi_delivery_rate: 160, tcpi_bytes_sent: 200,
      tcpi_bytes_retrans: 208, tcpi_reord_seen: 220, tcpi_rcv_ooopack: 224, tcpi_snd_wnd: 228, tcpi_rcv_wnd: 232, tcpi_rehash: 236,
      tcpi_total_rto: 240, tcpi_total_rto_recoveries: 242, tcpi_total_rto_time: 244, tcpi_received_ce: 248, tcpi_received_ce_bytes: 272,
      tcpi_ecn_mode: 276, tcpi_options2: 276,
    });
    // bitfields pack from the low bit: snd_wscale in the low nibble of byte 6
    const b = encode(TCP_INFO_LAYOUT, { tcpi_snd_wscale: 7, tcpi_rcv_wscale: 9, tcpi_accecn_fail_mode: 5, tcpi_options2: 0xabcdef });
    expect(b[6]).toBe(0x97);
    expect(new DataView(b.buffer).getUint32(276, true)).toBe(((0xabcdef << 8) | (5 << 4)) >>> 0);
    expect(decode(TCP_INFO_LAYOUT, b)).toMatchObject({ tcpi_snd_wscale: 7, tcpi_rcv_wscale: 9, tcpi_accecn_fail_mode: 5, tcpi_options2: 0xabcdef });
  });

  it('mptcp_subflow_data 16, mptcp_subflow_addrs 256 (remote at 128), mptcp_subflow_info 264 (addrs at 8), mptcp_full_info 136 (mptcp_info at 40)', () => {
    expect([SUBFLOW_DATA_LAYOUT.size, SUBFLOW_DATA_LAYOUT.align]).toEqual([16, 8]);
    expect(offsets(SUBFLOW_DATA_LAYOUT)).toEqual({ size_subflow_data: 0, num_subflows: 4, size_kernel: 8, size_user: 12 });
    expect(SUBFLOW_ADDRS_LAYOUT.size).toBe(256);
    expect(offsets(SUBFLOW_ADDRS_LAYOUT)).toEqual({
      'sin_local.sin_family': 0, 'sin_local.sin_port': 2, 'sin_local.sin_addr': 4, 'sin_remote.sin_family': 128, 'sin_remote.sin_port': 130, 'sin_remote.sin_addr': 132,
    });
    expect(SUBFLOW_INFO_LAYOUT.size).toBe(264);
    expect(offsets(SUBFLOW_INFO_LAYOUT)['addrs.sin_local.sin_family']).toBe(8);
    expect(FULL_INFO_LAYOUT.size).toBe(136);
    expect(offsets(FULL_INFO_LAYOUT)).toMatchObject({ size_arrays_user: 20, subflow_info: 24, tcp_info: 32, 'mptcp_info.mptcpi_subflows': 40, 'mptcp_info.mptcpi_last_ack_recv': 132 });
  });
});

describe('getsockopt over the trace', () => {
  const run = krefRun('a_aggregation');
  const { trace, scenario } = run;
  const call = (level: number, name: number, input = {}, side: 'client' | 'server' = 'client', t = T): GetsockoptResult =>
    getsockopt(trace, scenario, side, t, level, name, input);
  const sample = [...trace.app.client.samples].reverse().find((s) => s.t <= T / 1e9);
  if (!sample) throw new Error('no sample');

  it('errno rules: TCP_IS_MPTCP only on a non-fallback MPTCP socket; SOL_MPTCP EOPNOTSUPP otherwise', () => {
    expect(tcpIsMptcp({ mptcp: true, fallback: false })).toBe(1);
    expect(tcpIsMptcp({ mptcp: true, fallback: true })).toBe(0);
    expect(solMptcpErrno({ mptcp: true, fallback: false }, MPTCP_FULL_INFO)).toBeNull();
    expect(solMptcpErrno({ mptcp: true, fallback: false }, 9)).toBe('EOPNOTSUPP');
    expect(solMptcpErrno({ mptcp: false, fallback: false }, MPTCP_INFO)).toBe('EOPNOTSUPP');
  });

  it('MPTCP_INFO at t: the counters of the app sample at or before t, the token and limits of the host at t', () => {
    const r = ok(call(SOL_MPTCP, MPTCP_INFO));
    expect(r.optlen).toBe(96);
    expect(r.sampleT).toBe(sample.t);
    const token = trace.events.find((e) => e.type === 'mptcp' && e.side === 'client');
    expect(r.head?.values).toMatchObject({
      mptcpi_subflows: sample.extra_subflows, mptcpi_subflows_total: sample.subflows_total, mptcpi_bytes_sent: BigInt(sample.bytes_sent ?? -1),
      mptcpi_bytes_acked: BigInt(sample.bytes_acked ?? -1), mptcpi_write_seq: sample.write_seq, mptcpi_snd_una: sample.snd_una, mptcpi_rcv_nxt: sample.rcv_nxt,
      mptcpi_subflows_max: 2, mptcpi_local_addr_max: 1, mptcpi_flags: 2, mptcpi_token: token?.type === 'mptcp' ? parseInt(token.token, 16) : -1,
    });
    expect(sample.subflows_total).toBe(2);
    // the bytes are the values, little-endian at the uapi offsets
    expect(decode(MPTCP_INFO_LAYOUT, r.bytes)).toEqual({ ...r.head?.values, reserved: 0 });
    expect(new DataView(r.bytes.buffer).getBigUint64(56, true)).toBe(BigInt(sample.bytes_sent ?? -1));
    expect(r.untraced ?? []).toEqual([]);
  });

  it('MPTCP_INFO local_addr_used and the last_* times (mptcp_diag_fill_info), as the sample at or before t holds them', () => {
    // the uploading client at 0.3 s: its `subflow` endpoint is in use; it pushes data and gets
    // DATA_ACKs all the time; it has received no data since its msk was initialised at connect()
    const c = ok(call(SOL_MPTCP, MPTCP_INFO)).head?.values ?? {};
    expect(c.mptcpi_local_addr_used).toBe(1);
    expect(c.mptcpi_last_data_sent).toBeLessThan(40); // within the last RTT (the subflows take data as their send buffers drain)
    expect(c.mptcpi_last_ack_recv).toBeLessThanOrEqual(8);
    const connectAt = trace.app.client.t_connect_start ?? -1;
    expect(c.mptcpi_last_data_recv).toBe(jiffiesToMsecsSince(Math.round(connectAt * 1e9), Math.round(sample.t * 1e9)));
    expect(c.mptcpi_last_data_recv).toBeGreaterThan(200); // the sample at 0.24 s
    // the receiving server: no data sent since its msk was cloned at the third ACK, just before accept() returned
    const srv = ok(call(SOL_MPTCP, MPTCP_INFO, {}, 'server')).head?.values ?? {};
    const sSample = [...trace.app.server.samples].reverse().find((x) => x.t <= T / 1e9);
    const age = ((sSample?.t ?? 0) - (trace.app.server.t_accept ?? 0)) * 1000;
    expect(Math.abs(Number(srv.mptcpi_last_data_sent) - age)).toBeLessThanOrEqual(4);
    expect(srv.mptcpi_last_data_recv).toBeLessThanOrEqual(8);
    expect(srv.mptcpi_local_addr_used).toBe(0); // the server has no endpoints
    // a sample without them (a trace from before they were sampled) gives 0 and says so
    const old = { ...trace, app: { ...trace.app, client: { ...trace.app.client, samples: trace.app.client.samples.map(({ last_data_sent: _a, last_data_recv: _b, last_ack_recv: _c, local_addr_used: _d, ...rest }) => rest) } } };
    const o = ok(getsockopt(old, scenario, 'client', T, SOL_MPTCP, MPTCP_INFO));
    expect(o.head?.values).toMatchObject({ mptcpi_local_addr_used: 0, mptcpi_last_data_recv: 0 });
    expect(o.untraced).toEqual(['mptcpi_local_addr_used', 'mptcpi_last_data_sent', 'mptcpi_last_data_recv', 'mptcpi_last_ack_recv']);
  });

  it('MPTCP_INFO at the end is read right after recv() returned 0 (kernel-ref app_main), not at close()', () => {
    const end = trace.app.server.mptcp_info_end;
    const { t_eof, t_accept, t_done } = trace.app.server;
    if (!end || t_eof === null || t_accept === null || t_done === null) throw new Error('no end info');
    // the receiving server never sent data: last_data_sent is the msk's age at EOF, not at t_done
    expect(Math.abs(end.last_data_sent - (t_eof - t_accept) * 1000)).toBeLessThanOrEqual(4);
    expect(t_done - t_eof).toBeGreaterThan(0.01);
    expect(end.last_ack_recv).toBe(0); // the DATA_FIN that ended the stream carried a DATA_ACK
  });

  it('MPTCP_INFO with optlen 0 is the cheap test (0, nothing copied); a short optlen truncates', () => {
    expect(ok(call(SOL_MPTCP, MPTCP_INFO, { optlen: 0 }))).toMatchObject({ optlen: 0, bytes: new Uint8Array(0) });
    const r = ok(call(SOL_MPTCP, MPTCP_INFO, { optlen: 12 }));
    expect(r.bytes.length).toBe(12);
    expect(decode(MPTCP_INFO_LAYOUT, r.bytes).mptcpi_token).toBeUndefined();
    expect(ok(call(SOL_MPTCP, MPTCP_INFO, { optlen: 500 })).optlen).toBe(96);
  });

  it('MPTCP_TCPINFO: header then one tcp_info per subflow from the same sample; size_user truncates each', () => {
    const r = ok(call(SOL_MPTCP, MPTCP_TCPINFO));
    expect(r.head?.values).toEqual({ size_subflow_data: 16, num_subflows: 2, size_kernel: 280, size_user: 280 });
    expect(r.optlen).toBe(16 + 2 * 280);
    sample.sf.forEach((sf, i) => {
      const d = decode(TCP_INFO_LAYOUT, r.bytes.slice(16 + i * 280, 16 + (i + 1) * 280));
      expect(d).toMatchObject({ tcpi_state: sf.state, tcpi_rtt: sf.rtt_us, tcpi_snd_cwnd: sf.snd_cwnd, tcpi_bytes_acked: BigInt(sf.bytes_acked), tcpi_options: 7, tcpi_snd_wnd: sf.snd_wnd });
    });
    const short = ok(call(SOL_MPTCP, MPTCP_TCPINFO, { size_user: 16 }));
    expect(short.optlen).toBe(16 + 2 * 16);
    expect(short.head?.values.size_user).toBe(16);
    // room for the header only: nothing copied, num_subflows still counts (how programs size the buffer)
    const count = ok(call(SOL_MPTCP, MPTCP_TCPINFO, { optlen: 16 }));
    expect(count.optlen).toBe(16);
    expect(count.head?.values.num_subflows).toBe(2);
    // a larger user header: the elements start after it
    const wide = ok(call(SOL_MPTCP, MPTCP_TCPINFO, { optlen: 24 + 280, size_subflow_data: 24 }));
    expect(wide.optlen).toBe(24 + 280);
    expect(wide.bytes[24]).toBe(sample.sf[0].state);
  });

  it('mptcp_get_subflow_data() header checks: each one EINVAL', () => {
    for (const input of [{ optlen: 15 }, { size_subflow_data: 8 }, { optlen: 20, size_subflow_data: 24 }, { num_subflows: 1 }, { size_kernel: 280 }, { size_user: 0x80000000 }]) {
      expect(call(SOL_MPTCP, MPTCP_TCPINFO, input)).toEqual({ ok: false, errno: 'EINVAL' });
      expect(call(SOL_MPTCP, MPTCP_SUBFLOW_ADDRS, input)).toEqual({ ok: false, errno: 'EINVAL' });
    }
  });

  it('MPTCP_SUBFLOW_ADDRS: sockaddr_in with family in host order, port and address in network order', () => {
    const r = ok(call(SOL_MPTCP, MPTCP_SUBFLOW_ADDRS));
    expect(r.optlen).toBe(16 + 2 * 256);
    const dv = new DataView(r.bytes.buffer);
    const at = (base: number): string => `${[...r.bytes.slice(base + 4, base + 8)].join('.')}:${dv.getUint16(base + 2, false)}`;
    sample.sf.forEach((sf, i) => {
      const base = 16 + i * 256;
      expect(dv.getUint16(base, true)).toBe(2);
      expect(at(base)).toBe(sf.local);
      expect(at(base + 128)).toBe(sf.remote);
    });
  });

  it('MPTCP_FULL_INFO: header, mptcp_info, subflow ids from 1 with addresses, tcp_info[]; its own header checks', () => {
    const r = ok(call(SOL_MPTCP, MPTCP_FULL_INFO));
    expect(r.optlen).toBe(136);
    expect(r.head?.values).toMatchObject({ size_tcpinfo_kernel: 280, size_sfinfo_kernel: 264, num_subflows: 2, 'mptcp_info.mptcpi_subflows_total': 2 });
    expect(r.elements?.map((e) => e.values.id)).toEqual([1, 2]);
    expect(r.elements?.[1].values['addrs.sin_local.sin_addr']).toBe(0x0a000201);
    expect(r.tcpInfo?.map((e) => e.bytes.length)).toEqual([280, 280]);
    const info = ok(call(SOL_MPTCP, MPTCP_INFO));
    expect(r.bytes.slice(40)).toEqual(info.bytes);
    // one slot, ids only (size_sfinfo_user not past the id), no tcp_info
    const small = ok(call(SOL_MPTCP, MPTCP_FULL_INFO, { size_arrays_user: 1, size_sfinfo_user: 4, size_tcpinfo_user: 0 }));
    expect(small.elements?.map((e) => e.bytes.length)).toEqual([4]);
    expect(small.tcpInfo).toEqual([]);
    expect(small.head?.values.num_subflows).toBe(2);
    // optlen 40: no room for mptcp_info, only the header comes back
    expect(ok(call(SOL_MPTCP, MPTCP_FULL_INFO, { optlen: 40 })).optlen).toBe(40);
    for (const input of [{ optlen: 39 }, { size_tcpinfo_kernel: 1 }, { size_sfinfo_kernel: 1 }, { full_num_subflows: 1 }, { size_tcpinfo_user: 0x80000000 }]) {
      expect(call(SOL_MPTCP, MPTCP_FULL_INFO, input)).toEqual({ ok: false, errno: 'EINVAL' });
    }
  });

  it('TCP_IS_MPTCP is an int: 1 here, one byte when optlen is 1..3 (mptcp_put_int_option)', () => {
    expect(ok(call(SOL_TCP, TCP_IS_MPTCP))).toMatchObject({ int: 1, optlen: 4, bytes: new Uint8Array([1, 0, 0, 0]) });
    expect(ok(call(SOL_TCP, TCP_IS_MPTCP, { optlen: 2 }))).toMatchObject({ optlen: 1, bytes: new Uint8Array([1]) });
  });

  it('EBADF when the app holds no socket: the server before accept() returns, both after close()', () => {
    const accept = Math.round((trace.app.server.t_accept ?? 0) * 1e9);
    expect(call(SOL_MPTCP, MPTCP_INFO, {}, 'server', accept - 1)).toEqual({ ok: false, errno: 'EBADF' });
    expect(ok(call(SOL_MPTCP, MPTCP_INFO, {}, 'server', accept)).optlen).toBe(96);
    expect(call(SOL_TCP, TCP_IS_MPTCP, {}, 'client', Math.round((trace.app.client.t_done ?? 0) * 1e9))).toEqual({ ok: false, errno: 'EBADF' });
  });

  it('after fallback (server plain TCP): TCP_IS_MPTCP 0 and SOL_MPTCP EOPNOTSUPP; before the SYN/ACK it was still MPTCP', () => {
    const fb = krefRun('e_fallback_server_tcp');
    const at = (t: number, level: number, name: number): GetsockoptResult => getsockopt(fb.trace, fb.scenario, 'client', t, level, name);
    expect(appSocketAt(fb.trace, 'client', T).fallback).toBe(true);
    expect(ok(at(T, SOL_TCP, TCP_IS_MPTCP)).int).toBe(0);
    for (const name of [MPTCP_INFO, MPTCP_TCPINFO, MPTCP_SUBFLOW_ADDRS, MPTCP_FULL_INFO]) expect(at(T, SOL_MPTCP, name)).toEqual({ ok: false, errno: 'EOPNOTSUPP' });
    expect(ok(at(1_000_000, SOL_TCP, TCP_IS_MPTCP)).int).toBe(1);
    // the plain TCP server: 0 and EOPNOTSUPP too
    expect(ok(getsockopt(fb.trace, fb.scenario, 'server', T, SOL_TCP, TCP_IS_MPTCP)).int).toBe(0);
  });
});

describe('console: getsockopt', () => {
  const { trace, scenario } = krefRun('a_aggregation');
  const env: ConsoleEnv = { scenario, trace, t: T, host: 'client' };
  const text = (line: string, e = env): { out: string[]; err: string[]; notes: string[]; status: number; span: string | null } => {
    const r = runConsoleLine(line, e, newSession());
    return {
      out: r.lines.flatMap((l) => (l.kind === 'out' ? [l.text] : [])),
      err: r.lines.flatMap((l) => (l.kind === 'err' ? [l.text] : [])),
      notes: r.lines.flatMap((l) => (l.kind === 'note' ? [l.note] : [])),
      status: r.status,
      span: r.errorSpan ? line.slice(r.errorSpan.start, r.errorSpan.end) : null,
    };
  };

  it('prints like a small C program: the int, or optlen then field = value lines; with the sample as a note', () => {
    expect(text('getsockopt SOL_TCP TCP_IS_MPTCP').out).toEqual(['1']);
    const info = text('getsockopt SOL_MPTCP MPTCP_INFO');
    expect(info.out[0]).toBe('optlen = 96');
    expect(info.out).toContain('mptcpi_subflows_max = 2');
    expect(info.out).toContain('mptcpi_subflows_total = 2');
    expect(info.out.find((l) => l.startsWith('mptcpi_token = 0x'))).toBeDefined();
    expect(info.notes).toEqual(['sockoptSample']);
    // numbers work as level and name; grep filters the lines
    expect(text('getsockopt 284 1 | grep subflows_total').out).toEqual(['mptcpi_subflows_total = 2']);
    expect(text('getsockopt SOL_MPTCP MPTCP_SUBFLOW_ADDRS').out).toContain('data[1].sin_local.sin_addr = 10.0.2.1');
  });

  it('--hex dumps the bytes as xxd does', () => {
    const r = text('getsockopt SOL_MPTCP MPTCP_INFO --hex');
    expect(r.out).toHaveLength(1 + 6);
    expect(r.out[1]).toMatch(/^00000000: 0100 0002 0000 0000 0200 0000 [0-9a-f]{4} [0-9a-f]{4} {2}/);
  });

  it('errors: the errno as strerror (EOPNOTSUPP, EBADF with a note), usage errors located on the word', () => {
    const fb = krefRun('e_fallback_server_tcp');
    const e = text('getsockopt SOL_MPTCP MPTCP_INFO', { ...env, scenario: fb.scenario, trace: fb.trace });
    expect(e).toMatchObject({ err: ['getsockopt: Operation not supported (EOPNOTSUPP)'], status: 1 });
    const bad = text('getsockopt SOL_MPTCP MPTCP_INFO', { ...env, host: 'server', t: 1_000_000 });
    expect(bad).toMatchObject({ err: ['getsockopt: Bad file descriptor (EBADF)'], status: 1, notes: ['sockoptNoSocket'] });
    expect(text('getsockopt SOL_MPTCP MPTCP_TCPINFO --num-subflows 1').err).toEqual(['getsockopt: Invalid argument (EINVAL)']);
    expect(text('getsockopt SOL_IP MPTCP_INFO')).toMatchObject({ status: 2, span: 'SOL_IP' });
    expect(text('getsockopt SOL_TCP MPTCP_INFO')).toMatchObject({ status: 2, span: 'MPTCP_INFO' });
    expect(text('getsockopt SOL_MPTCP MPTCP_INFO --optlen x')).toMatchObject({ status: 2, span: 'x' });
    expect(text('getsockopt').status).toBe(2);
  });

  it('Tab completes the command, levels, option names per level and the header options', () => {
    const c = (line: string): string[] => complete(line, line.length, env).candidates;
    expect(c('gets')).toEqual(['getsockopt']);
    expect(c('getsockopt ')).toEqual(['SOL_TCP', 'SOL_MPTCP']);
    expect(c('getsockopt SOL_TCP ')).toEqual(['TCP_IS_MPTCP']);
    expect(c('getsockopt SOL_MPTCP MPTCP_')).toEqual(['MPTCP_INFO', 'MPTCP_TCPINFO', 'MPTCP_SUBFLOW_ADDRS', 'MPTCP_FULL_INFO']);
    expect(c('getsockopt SOL_MPTCP MPTCP_TCPINFO --size')).toEqual(['--size-subflow-data', '--size-kernel', '--size-user']);
    expect(c('getsockopt SOL_MPTCP MPTCP_FULL_INFO --hex --')).toEqual(['--optlen', '--size-tcpinfo', '--size-sfinfo', '--size-arrays']);
  });
});
