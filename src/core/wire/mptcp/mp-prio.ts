/**
 * MP_PRIO (RFC 8684 §3.3.8):
 *
 *   Kind | Length = 3 | Subtype=5 | (rsv 3 bits) B
 *
 * RFC 6824's optional AddrID byte (Length 4) was removed in v1, and Linux ignores an MP_PRIO
 * whose length is not 3, so 4 is a `mptcp-bad-length` here.
 *
 * **Padding.** Linux writes the option as one word, `1e 03 5B 01`: 3 bytes and a NOP (kernel-ref
 * f_prio_blackhole_download: `1e 03 51 01` after a DSS).
 */
import { ok, type Result } from '../errors';
import type { MpPrioOption, MptcpParseContext } from './types';
import { alignedLen, badLength, checkHeader, ensureRoom, padNops, putHeader } from './codec-util';

const SUBTYPE = 5;

/** Option length (RFC 8684 §3.3.8; Linux TCPOLEN_MPTCP_PRIO). */
export const MP_PRIO_LEN = 3;
/** Flag B, low bit of byte 2. */
export const MP_PRIO_FLAG_B = 0x01;

export function mpPrioLen(_rec: MpPrioOption): number {
  return MP_PRIO_LEN;
}

/** Parses one MP_PRIO option (length 3 only). */
export function parseMpPrio(bytes: Uint8Array, off: number, len: number, _ctx?: MptcpParseContext): Result<MpPrioOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (len !== MP_PRIO_LEN) return badLength(off, SUBTYPE, len, '3 (v1 has no AddrID byte)');
  return ok({ subtype: SUBTYPE, kind: 'MP_PRIO', backup: (bytes[off + 2] & MP_PRIO_FLAG_B) !== 0 });
}

/** Writes `rec` and one NOP at `out[off..]`; returns 4. */
export function emitMpPrio(rec: MpPrioOption, out: Uint8Array, off: number): number {
  const wire = alignedLen(MP_PRIO_LEN);
  ensureRoom(out, off, wire, 'MP_PRIO');
  putHeader(out, off, MP_PRIO_LEN, SUBTYPE, rec.backup ? MP_PRIO_FLAG_B : 0);
  padNops(out, off + MP_PRIO_LEN, off + wire);
  return wire;
}
