/**
 * TCP options: the Packet's option fields ⇄ option bytes, in the order, alignment and padding Linux
 * uses (net/ipv4/tcp_output.c, tcp_options_write(), read for facts only):
 *
 *   MSS                 02 04 mss16                                  (SYN, SYN-ACK)
 *   SACK_PERM + TS      04 02 08 0a tsval32 tsecr32                  (SYN, SYN-ACK with timestamps)
 *   TS                  01 01 08 0a tsval32 tsecr32                  (timestamps, no SACK_PERM)
 *   SACK_PERM alone     01 01 04 02                                  (SYN without timestamps)
 *   WS                  01 03 03 shift                               (SYN, SYN-ACK)
 *   SACK                01 01 05 len (left32 right32){1..4}          (RFC 2018 §3)
 *   MPTCP (kind 30)     as the MPTCP layer writes them, then NOPs up to a multiple of 4
 *
 * Every group but MPTCP is 4-byte aligned by its own NOPs, so the whole option area is a multiple of
 * 4 bytes (the TCP data offset counts 32-bit words, RFC 9293 §3.1) and at most 40 bytes.
 *
 * MPTCP option records are defined by the MPTCP engine, which plugs its codec in with
 * `registerMptcpWire`. Without a codec, a kind-30 option parses into `{ subtype, raw }` (`raw` is the
 * whole option, kind and length bytes included) and is emitted back from `raw`, so options this code
 * does not understand still round-trip.
 */
import { DSS_INLINE_ACK64, DSS_INLINE_MAP, mptcpOptions, type MptcpOptionRecord, type Packet } from '../net/packet';
import { dssOwnLen } from './mptcp/dss-len';
import { get16, get32, put16, put32 } from './bytes';
import { fail, OK_VOID, type Result } from './errors';

/** Option kinds (IANA "TCP Option Kind Numbers"). */
export const TCPOPT_EOL = 0;
export const TCPOPT_NOP = 1;
export const TCPOPT_MSS = 2;
export const TCPOPT_WINDOW = 3;
export const TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5;
export const TCPOPT_TIMESTAMP = 8;
export const TCPOPT_MPTCP = 30;

/** Option lengths (RFC 9293 §3.2, RFC 7323 §2.2 and §3.2, RFC 2018 §2 and §3). */
export const TCPOLEN_MSS = 4;
export const TCPOLEN_WINDOW = 3;
export const TCPOLEN_SACK_PERM = 2;
export const TCPOLEN_TIMESTAMP = 10;
export const TCPOLEN_SACK_BASE = 2;
export const TCPOLEN_SACK_PERBLOCK = 8;
/** Aligned sizes, NOP padding included, as Linux reserves them. */
export const TCPOLEN_MSS_ALIGNED = 4;
export const TCPOLEN_TSTAMP_ALIGNED = 12;
export const TCPOLEN_SACKPERM_ALIGNED = 4;
export const TCPOLEN_WSCALE_ALIGNED = 4;
export const TCPOLEN_SACK_BASE_ALIGNED = 4;
/** The data offset is 4 bits of 32-bit words: 60-byte header, 20 of them fixed (RFC 9293 §3.1). */
export const MAX_TCP_OPTION_SPACE = 40;

/** The record a kind-30 option parses into when no MPTCP codec is registered. */
export type RawMptcpOption = { readonly subtype: number; readonly raw: Uint8Array };

/** The MPTCP engine's codec for kind-30 options (see `registerMptcpWire`). */
export interface MptcpWireHook {
  /** Bytes all of `p.mptcp` takes on the wire, in emission order (its own NOP padding included). */
  length(p: Packet): number;
  /** Writes all of `p.mptcp` at `out[off..]`; returns the number of bytes written (= length(p)). */
  emit(p: Packet, out: Uint8Array, off: number): number;
  /** Parses the one kind-30 option of `len` bytes (kind and length bytes included) at `bytes[off]`. */
  parse(bytes: Uint8Array, off: number, len: number): Result<MptcpOptionRecord>;
}

let mptcpHook: MptcpWireHook | null = null;

/** Plugs in (or, with null, removes) the MPTCP option codec. */
export function registerMptcpWire(h: MptcpWireHook | null): void {
  mptcpHook = h;
}

function isRawMptcp(r: MptcpOptionRecord): r is MptcpOptionRecord & RawMptcpOption {
  return r.raw instanceof Uint8Array;
}

function noCodec(subtype: number): Error {
  return new Error(`MPTCP option subtype ${subtype} has no raw bytes and no MPTCP codec is registered (registerMptcpWire)`);
}

/** Bytes the MPTCP options of `p` take, before the final padding. */
function mptcpLength(p: Packet): number {
  // the simulator's own DSS option alone (Packet.dssSrc, Packet.dss): its length without a record or
  // list, here rather than through the codec hook (this runs for every packet)
  if (p.mptcp === null) {
    if (p.dssSrc !== null) {
      if (p.dss === null) return (dssOwnLen((p.dssBits & DSS_INLINE_ACK64) !== 0, (p.dssBits & DSS_INLINE_MAP) !== 0) + 3) & ~3;
    } else if (p.dss !== null) return (p.dss.wireLength + 3) & ~3;
    else return 0;
  }
  if (mptcpHook !== null) return mptcpHook.length(p);
  const list = mptcpOptions(p);
  if (list === null || list.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isRawMptcp(r)) throw noCodec(r.subtype);
    n += r.raw.length;
  }
  return n;
}

/** MSS, SACK_PERM / TS and WS: the options that precede SACK and MPTCP; always 4-aligned. */
function baseLength(p: Packet): number {
  let n = 0;
  if (p.mss > 0) n += TCPOLEN_MSS_ALIGNED;
  if (p.hasTs) n += TCPOLEN_TSTAMP_ALIGNED;
  else if (p.sackOk) n += TCPOLEN_SACKPERM_ALIGNED;
  if (p.wscale >= 0) n += TCPOLEN_WSCALE_ALIGNED;
  return n;
}

function sackCapacityGiven(base: number, mptcp: number): number {
  const remaining = MAX_TCP_OPTION_SPACE - base - ((mptcp + 3) & ~3) - TCPOLEN_SACK_BASE_ALIGNED;
  return remaining < TCPOLEN_SACK_PERBLOCK ? 0 : Math.floor(remaining / TCPOLEN_SACK_PERBLOCK);
}

function sackBlocksEmitted(p: Packet, base: number, mptcp: number): number {
  const sack = p.sack;
  if (sack === null) return 0;
  const blocks = sack.length >> 1;
  if (blocks === 0) return 0;
  const cap = sackCapacityGiven(base, mptcp);
  return blocks < cap ? blocks : cap;
}

/**
 * How many SACK blocks fit in this packet besides its other options. Linux gives MPTCP options
 * precedence and lets SACK use what is left (tcp_established_options(): remaining space minus the
 * aligned SACK base, divided by 8): 3 blocks next to timestamps, 4 without. Blocks beyond this are
 * not emitted.
 */
export function sackBlockCapacity(p: Packet): number {
  return sackCapacityGiven(baseLength(p), mptcpLength(p));
}

/**
 * The option-area length Linux would emit for `p`: a multiple of 4, at most 40 for any packet a
 * TCP stack could send. Allocation-free; called per packet (frame sizes, serialisation delays).
 */
export function tcpOptionsLength(p: Packet): number {
  const base = baseLength(p);
  const mptcp = mptcpLength(p);
  const blocks = sackBlocksEmitted(p, base, mptcp);
  const sack = blocks > 0 ? TCPOLEN_SACK_BASE_ALIGNED + blocks * TCPOLEN_SACK_PERBLOCK : 0;
  return (base + sack + mptcp + 3) & ~3;
}





/**
 * Writes the options of `p` at `out[off..]` in Linux's order and returns the number of bytes written
 * (= tcpOptionsLength(p)). Throws a RangeError if they exceed the 40-byte option space or `out`:
 * that is a bug in whoever built the Packet, not bad input.
 */
export function emitTcpOptions(p: Packet, out: Uint8Array, off: number): number {
  const base = baseLength(p);
  const mptcp = mptcpLength(p);
  const blocks = sackBlocksEmitted(p, base, mptcp);
  const sackLen = blocks > 0 ? TCPOLEN_SACK_BASE_ALIGNED + blocks * TCPOLEN_SACK_PERBLOCK : 0;
  const total = (base + sackLen + mptcp + 3) & ~3;
  if (total > MAX_TCP_OPTION_SPACE) {
    throw new RangeError(`TCP options of packet ${p.id} need ${total} bytes; the option space is ${MAX_TCP_OPTION_SPACE}`);
  }
  if (off + total > out.length) throw new RangeError(`TCP options of packet ${p.id} do not fit in the output buffer`);
  let i = off;
  if (p.mss > 0) {
    out[i] = TCPOPT_MSS;
    out[i + 1] = TCPOLEN_MSS;
    put16(out, i + 2, p.mss);
    i += 4;
  }
  if (p.hasTs) {
    // Linux folds SACK_PERM into the two bytes that would otherwise be NOP NOP before TS.
    if (p.sackOk) {
      out[i] = TCPOPT_SACK_PERM;
      out[i + 1] = TCPOLEN_SACK_PERM;
    } else {
      out[i] = TCPOPT_NOP;
      out[i + 1] = TCPOPT_NOP;
    }
    out[i + 2] = TCPOPT_TIMESTAMP;
    out[i + 3] = TCPOLEN_TIMESTAMP;
    put32(out, i + 4, p.tsVal);
    put32(out, i + 8, p.tsEcr);
    i += 12;
  } else if (p.sackOk) {
    out[i] = TCPOPT_NOP;
    out[i + 1] = TCPOPT_NOP;
    out[i + 2] = TCPOPT_SACK_PERM;
    out[i + 3] = TCPOLEN_SACK_PERM;
    i += 4;
  }
  if (p.wscale >= 0) {
    out[i] = TCPOPT_NOP;
    out[i + 1] = TCPOPT_WINDOW;
    out[i + 2] = TCPOLEN_WINDOW;
    out[i + 3] = p.wscale;
    i += 4;
  }
  if (blocks > 0) {
    const sack = p.sack as number[];
    out[i] = TCPOPT_NOP;
    out[i + 1] = TCPOPT_NOP;
    out[i + 2] = TCPOPT_SACK;
    out[i + 3] = TCPOLEN_SACK_BASE + blocks * TCPOLEN_SACK_PERBLOCK;
    i += 4;
    for (let b = 0; b < blocks; b++) {
      put32(out, i, sack[2 * b]);
      put32(out, i + 4, sack[2 * b + 1]);
      i += 8;
    }
  }
  if (mptcp > 0) {
    const list = mptcpOptions(p) as MptcpOptionRecord[];
    if (mptcpHook !== null) {
      const n = mptcpHook.emit(p, out, i);
      if (n !== mptcp) throw new Error(`the MPTCP codec wrote ${n} bytes for packet ${p.id} after announcing ${mptcp}`);
      i += n;
    } else {
      for (let k = 0; k < list.length; k++) {
        const raw = (list[k] as RawMptcpOption).raw;
        out.set(raw, i);
        i += raw.length;
      }
    }
  }
  while (i < off + total) out[i++] = TCPOPT_NOP; // trailing NOPs, as Linux pads MPTCP options
  return total;
}

/** Resets the option fields of `p` to "absent". */
function clearOptions(p: Packet): void {
  p.mss = 0;
  p.wscale = -1;
  p.sackOk = false;
  p.hasTs = false;
  p.tsVal = 0;
  p.tsEcr = 0;
  p.sack = null;
  p.mptcp = null;
}

/**
 * Parses the option area `bytes[off .. off+len)` into the option fields of `into` (which are reset
 * first). Options may come in any order; NOPs are skipped, EOL ends the list (RFC 9293 §3.2).
 * Unknown kinds are skipped by their length. A length byte below 2, an option running past the
 * area, or a known option with a length its RFC does not allow is a typed error. Never throws.
 */
export function parseTcpOptions(bytes: Uint8Array, off: number, len: number, into: Packet): Result<void> {
  clearOptions(into);
  const end = off + len;
  if (off < 0 || len < 0 || end > bytes.length) {
    return fail('tcp-option-overflow', off, `option area ${off}..${end} lies outside the ${bytes.length}-byte buffer`);
  }
  let i = off;
  while (i < end) {
    const kind = bytes[i];
    if (kind === TCPOPT_EOL) break;
    if (kind === TCPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= end) return fail('tcp-option-truncated', i, `option kind ${kind} has no length byte before the end of the header`);
    const olen = bytes[i + 1];
    if (olen < 2) return fail('tcp-option-length-too-short', i + 1, `option kind ${kind} has length ${olen}; the minimum is 2`);
    if (i + olen > end) {
      return fail('tcp-option-overflow', i + 1, `option kind ${kind} of length ${olen} runs ${i + olen - end} bytes past the TCP header`);
    }
    switch (kind) {
      case TCPOPT_MSS:
        if (olen !== TCPOLEN_MSS) return badLength(i, kind, olen, 'MSS', '4');
        into.mss = get16(bytes, i + 2);
        break;
      case TCPOPT_WINDOW:
        if (olen !== TCPOLEN_WINDOW) return badLength(i, kind, olen, 'window scale', '3');
        into.wscale = bytes[i + 2];
        break;
      case TCPOPT_SACK_PERM:
        if (olen !== TCPOLEN_SACK_PERM) return badLength(i, kind, olen, 'SACK-permitted', '2');
        into.sackOk = true;
        break;
      case TCPOPT_TIMESTAMP:
        if (olen !== TCPOLEN_TIMESTAMP) return badLength(i, kind, olen, 'timestamps', '10');
        into.hasTs = true;
        into.tsVal = get32(bytes, i + 2);
        into.tsEcr = get32(bytes, i + 6);
        break;
      case TCPOPT_SACK: {
        const n = (olen - TCPOLEN_SACK_BASE) / TCPOLEN_SACK_PERBLOCK;
        if (n < 1 || n > 4 || n !== Math.floor(n)) return badLength(i, kind, olen, 'SACK', '2 + 8n, n = 1..4');
        const sack: number[] = [];
        for (let b = 0; b < n; b++) sack.push(get32(bytes, i + 2 + 8 * b), get32(bytes, i + 6 + 8 * b));
        into.sack = sack;
        break;
      }
      case TCPOPT_MPTCP: {
        // RFC 8684 §3: every MPTCP option carries a subtype nibble in its third byte.
        if (olen < 3) return badLength(i, kind, olen, 'MPTCP', 'at least 3');
        let rec: MptcpOptionRecord;
        if (mptcpHook !== null) {
          const r = mptcpHook.parse(bytes, i, olen);
          if (!r.ok) return r;
          rec = r.value;
        } else {
          const raw: RawMptcpOption = { subtype: bytes[i + 2] >> 4, raw: bytes.slice(i, i + olen) };
          rec = raw;
        }
        if (into.mptcp === null) into.mptcp = [];
        into.mptcp.push(rec);
        break;
      }
      default:
        break; // unknown kind: skipped by its length
    }
    i += olen;
  }
  return OK_VOID;
}

function badLength(at: number, kind: number, olen: number, name: string, want: string): Result<never> {
  return fail('tcp-option-bad-length', at + 1, `${name} option (kind ${kind}) has length ${olen}; it must be ${want}`);
}
