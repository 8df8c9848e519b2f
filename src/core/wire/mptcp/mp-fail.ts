/**
 * MP_FAIL (RFC 8684 §3.7, fallback):
 *
 *   Kind | Length = 12 | Subtype=6 | (reserved 12 bits) | Data Sequence Number (64 bits)
 *
 * The DSN is the start of the mapping whose checksum failed; always 8 bytes. Linux writes the
 * reserved bits as 0 and sends MP_FAIL only with DSS or on a RST (with MP_TCPRST).
 */
import { ok, type Result } from '../errors';
import type { MpFailOption, MptcpParseContext } from './types';
import { badLength, checkBig, checkHeader, ensureRoom, get64, put64, putHeader } from './codec-util';

const SUBTYPE = 6;

/** Option length (RFC 8684 §3.7; Linux TCPOLEN_MPTCP_FAIL). */
export const MP_FAIL_LEN = 12;

export function mpFailLen(_rec: MpFailOption): number {
  return MP_FAIL_LEN;
}

/** Parses one MP_FAIL option (length 12 only). */
export function parseMpFail(bytes: Uint8Array, off: number, len: number, _ctx?: MptcpParseContext): Result<MpFailOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (len !== MP_FAIL_LEN) return badLength(off, SUBTYPE, len, '12');
  return ok({ subtype: SUBTYPE, kind: 'MP_FAIL', dsn: get64(bytes, off + 4) });
}

/** Writes `rec` at `out[off..]`; returns 12. */
export function emitMpFail(rec: MpFailOption, out: Uint8Array, off: number): number {
  ensureRoom(out, off, MP_FAIL_LEN, 'MP_FAIL');
  putHeader(out, off, MP_FAIL_LEN, SUBTYPE, 0);
  out[off + 3] = 0;
  put64(out, off + 4, checkBig(rec.dsn, 'MP_FAIL dsn'));
  return MP_FAIL_LEN;
}
