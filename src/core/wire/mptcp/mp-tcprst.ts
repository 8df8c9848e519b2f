/**
 * MP_TCPRST (RFC 8684 §3.6):
 *
 *   Kind | Length = 4 | Subtype=8 | U V W T | Reason (8 bits)
 *
 * T = transient error. Reason codes 0–6 (see MP_TCPRST_REASON in types.ts). RFC 8684 §3.6 puts it
 * on a RST, and Linux ignores it on any other segment, so with a context a non-RST segment is a
 * `mptcp-context-mismatch`.
 */
import { fail, ok, type Result } from '../errors';
import { MP_TCPRST_FLAG_T, type MpTcpRstOption, type MptcpParseContext } from './types';
import { badLength, checkHeader, checkUint, ensureRoom, putHeader } from './codec-util';

const SUBTYPE = 8;
const TCP_RST = 0x04;

/** Option length (RFC 8684 §3.6; Linux TCPOLEN_MPTCP_RST). */
export const MP_TCPRST_LEN = 4;

export function mpTcpRstLen(_rec: MpTcpRstOption): number {
  return MP_TCPRST_LEN;
}

/** Parses one MP_TCPRST option (length 4; on a RST when `ctx` is given). Any reason byte parses. */
export function parseMpTcpRst(bytes: Uint8Array, off: number, len: number, ctx?: MptcpParseContext): Result<MpTcpRstOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (len !== MP_TCPRST_LEN) return badLength(off, SUBTYPE, len, '4');
  if (ctx !== undefined && (ctx.tcpFlags & TCP_RST) === 0) {
    return fail('mptcp-context-mismatch', off + 2, 'MP_TCPRST is only valid on a RST segment (RFC 8684 §3.6)');
  }
  const flags = bytes[off + 2] & 0xf;
  return ok({ subtype: SUBTYPE, kind: 'MP_TCPRST', transient: (flags & MP_TCPRST_FLAG_T) !== 0, flags, reason: bytes[off + 3] });
}

/** Writes `rec` at `out[off..]`; returns 4. Bit T comes from `transient`, U V W from `flags`. */
export function emitMpTcpRst(rec: MpTcpRstOption, out: Uint8Array, off: number): number {
  ensureRoom(out, off, MP_TCPRST_LEN, 'MP_TCPRST');
  const nibble = ((rec.flags ?? 0) & 0xe) | (rec.transient ? MP_TCPRST_FLAG_T : 0);
  putHeader(out, off, MP_TCPRST_LEN, SUBTYPE, nibble);
  out[off + 3] = checkUint(rec.reason, 255, 'MP_TCPRST reason');
  return MP_TCPRST_LEN;
}
