/**
 * wire/mptcp: MPTCP v1 options (TCP option kind 30, RFC 8684 §3) ⇄ typed records.
 *
 * One file per subtype (mp-capable, mp-join, dss, add-addr, remove-addr, mp-prio, mp-fail,
 * mp-fastclose, mp-tcprst), each with `parseX(bytes, off, len, ctx?)`, `emitX(rec, out, off)` and
 * `xLen(rec)`; records and error codes are described in types.ts.
 *
 * **Lengths.** `mptcpOptionLength` is an option's length byte; `mptcpOptionWireLength` is what it
 * takes on the wire as Linux writes it, the NOPs that pad it to a multiple of 4 included (they come
 * right after the option). Emitters write those NOPs and return the padded count, so the frame
 * lengths of simulated packets are Linux's: e.g. a data segment's DSS is 22 + 2 NOPs.
 *
 * **Order.** A Packet's `mptcp` list is emitted in list order. Linux's order
 * (mptcp_write_options()) is: MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, MP_FASTCLOSE or MP_FAIL first
 * (DSS may be followed by MP_FAIL), then MP_TCPRST, then MP_PRIO, then REMOVE_ADDR;
 * `linuxEmitRank` gives that rank for sorting.
 *
 * **Plugging in.** `installMptcpWire()` registers this codec with wire/tcp-options.ts
 * (`registerMptcpWire`). Its parse hook receives only the option bytes, not the segment, so on
 * that path the form of MP_CAPABLE / MP_JOIN is told by the length (unambiguous in v1) and the
 * context checks (SYN/ACK flags, payload, RST) are not applied; callers that hold the segment can
 * call `parseMptcpOption` with a context.
 */
import { mptcpOptions, type MptcpOptionRecord, type Packet } from '../../net/packet';
import { ok, type Result } from '../errors';
import { registerMptcpWire, type MptcpWireHook } from '../tcp-options';
import { addAddrLen, emitAddAddr, parseAddAddr } from './add-addr';
import { alignedLen, checkHeader, ensureRoom, padNops } from './codec-util';
import { dssLen, emitDss, parseDss } from './dss';
import { emitMpCapable, mpCapableLen, parseMpCapable } from './mp-capable';
import { emitMpFail, mpFailLen, parseMpFail } from './mp-fail';
import { emitMpFastclose, mpFastcloseLen, parseMpFastclose } from './mp-fastclose';
import { emitMpJoin, mpJoinLen, parseMpJoin } from './mp-join';
import { emitMpPrio, mpPrioLen, parseMpPrio } from './mp-prio';
import { emitMpTcpRst, mpTcpRstLen, parseMpTcpRst } from './mp-tcprst';
import { emitRemoveAddr, parseRemoveAddr, removeAddrLen } from './remove-addr';
import { MPTCP_SUBTYPE, type MptcpOption, type MptcpParseContext, type UnknownMptcpOption } from './types';

export * from './types';
export { MP_CAPABLE_LEN, MPC_FLAG_A, MPC_FLAG_B, MPC_FLAG_C, MPC_FLAG_D, MPC_FLAG_E, MPC_FLAG_F, MPC_FLAG_G, MPC_FLAG_H } from './mp-capable';
export { MPTCP_VERSION_1, mpCapableFlagsByte, mpCapableFlagsFromByte, parseMpCapable, emitMpCapable, mpCapableLen } from './mp-capable';
export { MP_JOIN_LEN, MP_JOIN_HMAC_LEN, MPJ_FLAG_B, parseMpJoin, emitMpJoin, mpJoinLen } from './mp-join';
export { DSS_LEN, DSS_FLAG_DATA_FIN, DSS_FLAG_DSN64, DSS_FLAG_MAP, DSS_FLAG_ACK64, DSS_FLAG_ACK, dssFlags, parseDss, emitDss, dssLen, dssLenOf } from './dss';
export { ADD_ADDR_LEN, ADD_ADDR_BASE_LEN, ADD_ADDR_PORT_LEN, ADD_ADDR_HMAC_LEN, ADD_ADDR_FLAG_E, parseAddAddr, emitAddAddr, addAddrLen } from './add-addr';
export { REMOVE_ADDR_BASE_LEN, REMOVE_ADDR_LINUX_MAX_IDS, parseRemoveAddr, emitRemoveAddr, removeAddrLen } from './remove-addr';
export { MP_PRIO_LEN, MP_PRIO_FLAG_B, parseMpPrio, emitMpPrio, mpPrioLen } from './mp-prio';
export { MP_FAIL_LEN, parseMpFail, emitMpFail, mpFailLen } from './mp-fail';
export { MP_FASTCLOSE_LEN, parseMpFastclose, emitMpFastclose, mpFastcloseLen } from './mp-fastclose';
export { MP_TCPRST_LEN, parseMpTcpRst, emitMpTcpRst, mpTcpRstLen } from './mp-tcprst';
export { alignedLen as mptcpAlignedLength, MPTCP_MIN_OPTION_LEN } from './codec-util';
export { ipv4Text, ipv6Text, putIpv4Text, putIpv6Text, addressBytes } from './addr-text';

/**
 * Parses the one MPTCP option at `bytes[off .. off+len)` (kind and length bytes included, as
 * parseTcpOptions hands it over) into its record. Subtypes 9–15 give an UNKNOWN record holding a
 * copy of the bytes. `ctx`, when given, checks the option against its segment (see types.ts).
 * Never throws.
 */
export function parseMptcpOption(bytes: Uint8Array, off: number, len: number, ctx?: MptcpParseContext): Result<MptcpOption> {
  const e = checkHeader(bytes, off, len, -1);
  if (e !== null) return e;
  const subtype = bytes[off + 2] >> 4;
  switch (subtype) {
    case MPTCP_SUBTYPE.MP_CAPABLE:
      return parseMpCapable(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.MP_JOIN:
      return parseMpJoin(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.DSS:
      return parseDss(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.ADD_ADDR:
      return parseAddAddr(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.REMOVE_ADDR:
      return parseRemoveAddr(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.MP_PRIO:
      return parseMpPrio(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.MP_FAIL:
      return parseMpFail(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.MP_FASTCLOSE:
      return parseMpFastclose(bytes, off, len, ctx);
    case MPTCP_SUBTYPE.MP_TCPRST:
      return parseMpTcpRst(bytes, off, len, ctx);
    default: {
      const rec: UnknownMptcpOption = { subtype, kind: 'UNKNOWN', raw: bytes.slice(off, off + len) };
      return ok(rec);
    }
  }
}

function rawOf(rec: MptcpOption | MptcpOptionRecord): Uint8Array | null {
  const raw = (rec as { raw?: unknown }).raw;
  return raw instanceof Uint8Array ? raw : null;
}

/** The length byte of `rec` (RFC 8684 figures; no padding). Throws a RangeError for a record that cannot exist. */
export function mptcpOptionLength(rec: MptcpOption): number {
  const kind: string = rec.kind;
  if (kind === 'DSS') {
    // the per-segment case first, with its own `raw` load: DSS records come in a few shapes, so this
    // load stays fast where the shared one in rawOf sees every option's shape (megamorphic)
    const r = (rec as { raw?: unknown }).raw;
    if (r instanceof Uint8Array) return r.length;
    // a record that knows its length (the simulator's own DSS records, whose Data ACK value is made
    // only when read: src/core/mptcp/sim-mapping.ts)
    const n = (rec as { wireLength?: unknown }).wireLength;
    return typeof n === 'number' ? n : dssLen(rec as Extract<MptcpOption, { kind: 'DSS' }>);
  }
  const raw = rawOf(rec);
  if (raw !== null) return raw.length;
  if (rec.kind === 'UNKNOWN') throw new RangeError('an UNKNOWN MPTCP option needs its raw bytes');
  switch (rec.subtype) {
    case 0:
      return mpCapableLen(rec);
    case 1:
      return mpJoinLen(rec);
    case 2:
      return dssLen(rec);
    case 3:
      return addAddrLen(rec);
    case 4:
      return removeAddrLen(rec);
    case 5:
      return mpPrioLen(rec);
    case 6:
      return mpFailLen(rec);
    case 7:
      return mpFastcloseLen(rec);
    case 8:
      return mpTcpRstLen(rec);
    default:
      throw new RangeError(`MPTCP option subtype ${String((rec as { subtype: unknown }).subtype)} has no codec and no raw bytes`);
  }
}

/** Bytes `rec` takes on the wire as Linux writes it: its length rounded up to 4 (trailing NOPs). Allocation-free. */
export function mptcpOptionWireLength(rec: MptcpOption): number {
  return alignedLen(mptcpOptionLength(rec));
}

/** Bytes a whole list of options takes on the wire (0 for null or empty). Allocation-free. */
export function mptcpOptionsWireLength(list: readonly (MptcpOption | MptcpOptionRecord)[] | null): number {
  if (list === null) return 0;
  let n = 0;
  for (let i = 0; i < list.length; i++) n += mptcpOptionWireLength(list[i] as MptcpOption);
  return n;
}

/**
 * Writes `rec` and its trailing NOPs at `out[off..]`; returns the bytes written
 * (= mptcpOptionWireLength(rec)). Throws a RangeError for a record that cannot exist (a field out
 * of range, a form no length fits) or when `out` is too short: a bug in whoever built it.
 */
export function emitMptcpOption(rec: MptcpOption, out: Uint8Array, off: number): number {
  const raw = rawOf(rec);
  if (raw !== null) {
    if (raw.length < 3 || raw[1] !== raw.length) throw new RangeError('raw MPTCP option bytes must hold kind, length (= their size) and subtype');
    const wire = alignedLen(raw.length);
    ensureRoom(out, off, wire, 'MPTCP option');
    out.set(raw, off);
    padNops(out, off + raw.length, off + wire);
    return wire;
  }
  if (rec.kind === 'UNKNOWN') throw new RangeError('an UNKNOWN MPTCP option needs its raw bytes');
  switch (rec.subtype) {
    case 0:
      return emitMpCapable(rec, out, off);
    case 1:
      return emitMpJoin(rec, out, off);
    case 2:
      return emitDss(rec, out, off);
    case 3:
      return emitAddAddr(rec, out, off);
    case 4:
      return emitRemoveAddr(rec, out, off);
    case 5:
      return emitMpPrio(rec, out, off);
    case 6:
      return emitMpFail(rec, out, off);
    case 7:
      return emitMpFastclose(rec, out, off);
    case 8:
      return emitMpTcpRst(rec, out, off);
    default:
      throw new RangeError(`MPTCP option subtype ${String((rec as { subtype: unknown }).subtype)} has no codec and no raw bytes`);
  }
}

/** Writes every option of `list` in order at `out[off..]`; returns the bytes written. */
export function emitMptcpOptions(list: readonly (MptcpOption | MptcpOptionRecord)[] | null, out: Uint8Array, off: number): number {
  if (list === null) return 0;
  let i = off;
  for (let k = 0; k < list.length; k++) i += emitMptcpOption(list[k] as MptcpOption, out, i);
  return i - off;
}

/**
 * Where Linux puts an option of `subtype` among a segment's MPTCP options (mptcp_write_options()):
 * 0 MP_CAPABLE / MP_JOIN / DSS / ADD_ADDR, 1 MP_FASTCLOSE / MP_FAIL, 2 MP_TCPRST, 3 MP_PRIO,
 * 4 REMOVE_ADDR; unknown subtypes last (5).
 */
export function linuxEmitRank(subtype: number): number {
  switch (subtype) {
    case MPTCP_SUBTYPE.MP_CAPABLE:
    case MPTCP_SUBTYPE.MP_JOIN:
    case MPTCP_SUBTYPE.DSS:
    case MPTCP_SUBTYPE.ADD_ADDR:
      return 0;
    case MPTCP_SUBTYPE.MP_FASTCLOSE:
    case MPTCP_SUBTYPE.MP_FAIL:
      return 1;
    case MPTCP_SUBTYPE.MP_TCPRST:
      return 2;
    case MPTCP_SUBTYPE.MP_PRIO:
      return 3;
    case MPTCP_SUBTYPE.REMOVE_ADDR:
      return 4;
    default:
      return 5;
  }
}

/**
 * A Packet's loose option records seen as this codec's records. Unchecked: valid for lists this
 * codec parsed or the engine built from these types.
 */
export function asMptcpOptions(list: readonly MptcpOptionRecord[]): readonly MptcpOption[] {
  return list as unknown as readonly MptcpOption[];
}

/** The codec as wire/tcp-options.ts expects it. */
export const MPTCP_WIRE_HOOK: MptcpWireHook = {
  length(p: Packet): number {
    return mptcpOptionsWireLength(mptcpOptions(p));
  },
  emit(p: Packet, out: Uint8Array, off: number): number {
    return emitMptcpOptions(mptcpOptions(p), out, off);
  },
  parse(bytes: Uint8Array, off: number, len: number): Result<MptcpOptionRecord> {
    return parseMptcpOption(bytes, off, len);
  },
};

/** Registers this codec with the TCP option layer (`registerMptcpWire`); idempotent. */
export function installMptcpWire(): void {
  registerMptcpWire(MPTCP_WIRE_HOOK);
}
