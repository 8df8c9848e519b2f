/**
 * Shared pieces of the MPTCP option codecs: the common header check, 64-bit fields and Linux's NOP
 * padding.
 *
 * Every MPTCP option starts with Kind (30), Length, and a Subtype nibble in the high half of its
 * third byte (RFC 8684 §3). Parsers take `bytes[off .. off+len)` holding one whole option, kind and
 * length bytes included, as `parseTcpOptions` hands it over.
 */
import { get32, put32 } from '../bytes';
import { fail, type Result } from '../errors';
import { TCPOPT_MPTCP, TCPOPT_NOP } from '../tcp-options';

/** Kind, Length and the subtype byte: the smallest possible MPTCP option (RFC 8684 §3). */
export const MPTCP_MIN_OPTION_LEN = 3;

/**
 * Bytes an option of length byte `len` takes on the wire as Linux writes it: rounded up to a
 * multiple of 4, the difference filled with NOPs after the option (mptcp_write_options() emits
 * whole 32-bit words: DSS and MP_CAPABLE data-level length + NOP NOP, ADD_ADDR port + NOP NOP,
 * MP_PRIO + NOP, REMOVE_ADDR ids + NOPs).
 */
export function alignedLen(len: number): number {
  return (len + 3) & ~3;
}

/** Writes NOPs from `out[from]` up to `out[to]` (exclusive). */
export function padNops(out: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) out[i] = TCPOPT_NOP;
}

/** Option names by subtype number (RFC 8684 §3 / IANA), in subtype order. */
export const SUBTYPE_NAMES = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'] as const;

export function subtypeLabel(subtype: number): string {
  return SUBTYPE_NAMES[subtype] ?? `subtype ${subtype}`;
}

/**
 * Checks the frame of one MPTCP option at `bytes[off .. off+len)`: inside the buffer, at least 3
 * bytes, kind 30, length byte = `len`, and (when `subtype` ≥ 0) that subtype. Returns null when
 * all hold, else the typed error. Never throws.
 */
export function checkHeader(bytes: Uint8Array, off: number, len: number, subtype: number): Result<never> | null {
  if (!Number.isInteger(off) || !Number.isInteger(len) || off < 0 || len < 0) {
    return fail('mptcp-truncated', Math.max(0, off | 0), `bad option bounds off=${off} len=${len}`);
  }
  if (len < MPTCP_MIN_OPTION_LEN) {
    return fail('mptcp-truncated', off, `an MPTCP option has at least ${MPTCP_MIN_OPTION_LEN} bytes (kind, length, subtype); got ${len}`);
  }
  if (off + len > bytes.length) {
    return fail('mptcp-truncated', off, `option of ${len} bytes at ${off} runs ${off + len - bytes.length} bytes past the ${bytes.length}-byte buffer`);
  }
  if (bytes[off] !== TCPOPT_MPTCP) {
    return fail('mptcp-not-mptcp', off, `option kind ${bytes[off]} is not MPTCP (${TCPOPT_MPTCP})`);
  }
  if (bytes[off + 1] !== len) {
    return fail('mptcp-length-mismatch', off + 1, `length byte says ${bytes[off + 1]}, the option was given ${len} bytes`);
  }
  const st = bytes[off + 2] >> 4;
  if (subtype >= 0 && st !== subtype) {
    return fail('mptcp-wrong-subtype', off + 2, `subtype ${st} (${subtypeLabel(st)}) handed to the ${subtypeLabel(subtype)} parser`);
  }
  return null;
}

export function badLength(off: number, subtype: number, len: number, want: string): Result<never> {
  return fail('mptcp-bad-length', off + 1, `${subtypeLabel(subtype)} option has length ${len}; RFC 8684 allows ${want}`);
}

/** Writes kind 30, the length byte and the subtype byte (subtype nibble | low nibble). */
export function putHeader(out: Uint8Array, off: number, len: number, subtype: number, lowNibble: number): void {
  out[off] = TCPOPT_MPTCP;
  out[off + 1] = len;
  out[off + 2] = ((subtype & 0xf) << 4) | (lowNibble & 0xf);
}

/** Throws a RangeError unless `n` bytes fit at `out[off..]` (emitting is strict: a caller bug). */
export function ensureRoom(out: Uint8Array, off: number, n: number, what: string): void {
  if (!(off >= 0) || off + n > out.length) {
    throw new RangeError(`${what} needs ${n} bytes at offset ${off} of a ${out.length}-byte buffer`);
  }
}

const MASK32 = 0xffffffffn;

/** Big-endian unsigned 64-bit read. */
export function get64(b: Uint8Array, off: number): bigint {
  return (BigInt(get32(b, off)) << 32n) | BigInt(get32(b, off + 4));
}

/** Big-endian 64-bit write of `v` modulo 2^64. */
export function put64(out: Uint8Array, off: number, v: bigint): void {
  put32(out, off, Number((v >> 32n) & MASK32));
  put32(out, off + 4, Number(v & MASK32));
}

/** Big-endian write of the low 32 bits of `v`. */
export function putLow32(out: Uint8Array, off: number, v: bigint): void {
  put32(out, off, Number(v & MASK32));
}

/** Throws a RangeError unless `v` is an integer in [0, max]. */
export function checkUint(v: unknown, max: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(`${what} must be an integer in 0..${max}; got ${String(v)}`);
  }
  return v;
}

/** Throws a RangeError unless `v` is a bigint. */
export function checkBig(v: unknown, what: string): bigint {
  if (typeof v !== 'bigint') throw new RangeError(`${what} must be a bigint; got ${typeof v}`);
  return v;
}
