/**
 * MP_FASTCLOSE (RFC 8684 §3.5):
 *
 *   Kind | Length = 12 | Subtype=7 | (reserved 12 bits) | Option Receiver's Key (64 bits)
 *
 * Sent on an ACK or, as Linux does, on a RST together with MP_TCPRST (FASTCLOSE first).
 */
import { ok, type Result } from '../errors';
import type { MpFastcloseOption, MptcpParseContext } from './types';
import { badLength, checkBig, checkHeader, ensureRoom, get64, put64, putHeader } from './codec-util';

const SUBTYPE = 7;

/** Option length (RFC 8684 §3.5; Linux TCPOLEN_MPTCP_FASTCLOSE). */
export const MP_FASTCLOSE_LEN = 12;

export function mpFastcloseLen(_rec: MpFastcloseOption): number {
  return MP_FASTCLOSE_LEN;
}

/** Parses one MP_FASTCLOSE option (length 12 only). */
export function parseMpFastclose(bytes: Uint8Array, off: number, len: number, _ctx?: MptcpParseContext): Result<MpFastcloseOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (len !== MP_FASTCLOSE_LEN) return badLength(off, SUBTYPE, len, '12');
  return ok({ subtype: SUBTYPE, kind: 'MP_FASTCLOSE', receiverKey: get64(bytes, off + 4) });
}

/** Writes `rec` at `out[off..]`; returns 12. */
export function emitMpFastclose(rec: MpFastcloseOption, out: Uint8Array, off: number): number {
  ensureRoom(out, off, MP_FASTCLOSE_LEN, 'MP_FASTCLOSE');
  putHeader(out, off, MP_FASTCLOSE_LEN, SUBTYPE, 0);
  out[off + 3] = 0;
  put64(out, off + 4, checkBig(rec.receiverKey, 'MP_FASTCLOSE receiverKey'));
  return MP_FASTCLOSE_LEN;
}
