/**
 * REMOVE_ADDR (RFC 8684 §3.4.2):
 *
 *   Kind | Length = 3 + n | Subtype=4 | (reserved 4 bits) | Address ID 1 | … | Address ID n
 *
 * n ≥ 1. Linux sends and accepts at most 8 ids (MPTCP_RM_IDS_MAX; it ignores a longer option);
 * the RFC bounds n only by the option space, so longer lists parse here and the engine decides.
 *
 * **Padding.** Linux writes the ids in 32-bit words and fills the last one with NOPs: 1 id → 4
 * bytes, 2–5 ids → 8, 6–8 ids → 12 (the length byte still says 3 + n).
 */
import { fail, ok, type Result } from '../errors';
import type { MptcpParseContext, RemoveAddrOption } from './types';
import { alignedLen, checkHeader, checkUint, ensureRoom, padNops, putHeader } from './codec-util';

const SUBTYPE = 4;

/** Kind, length, subtype byte (RFC 8684 §3.4.2; Linux TCPOLEN_MPTCP_RM_ADDR_BASE). */
export const REMOVE_ADDR_BASE_LEN = 3;
/** The most ids Linux puts in (and accepts from) one REMOVE_ADDR (MPTCP_RM_IDS_MAX). */
export const REMOVE_ADDR_LINUX_MAX_IDS = 8;

/** The length byte of `rec`. */
export function removeAddrLen(rec: RemoveAddrOption): number {
  return REMOVE_ADDR_BASE_LEN + rec.addressIds.length;
}

/** Parses one REMOVE_ADDR option: at least one address id. */
export function parseRemoveAddr(bytes: Uint8Array, off: number, len: number, _ctx?: MptcpParseContext): Result<RemoveAddrOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (len < REMOVE_ADDR_BASE_LEN + 1) {
    return fail('mptcp-bad-length', off + 1, `REMOVE_ADDR has length ${len}; it needs at least one address id (length ≥ 4)`);
  }
  const addressIds: number[] = [];
  for (let i = off + REMOVE_ADDR_BASE_LEN; i < off + len; i++) addressIds.push(bytes[i]);
  return ok({ subtype: SUBTYPE, kind: 'REMOVE_ADDR', addressIds });
}

/** Writes `rec` and its NOP padding at `out[off..]`; returns the bytes written (length rounded up to 4). */
export function emitRemoveAddr(rec: RemoveAddrOption, out: Uint8Array, off: number): number {
  const ids = rec.addressIds;
  if (!Array.isArray(ids) || ids.length === 0) throw new RangeError('REMOVE_ADDR needs at least one address id');
  const len = removeAddrLen(rec);
  if (len > 255) throw new RangeError(`REMOVE_ADDR with ${ids.length} ids does not fit a length byte`);
  const wire = alignedLen(len);
  ensureRoom(out, off, wire, 'REMOVE_ADDR');
  putHeader(out, off, len, SUBTYPE, 0);
  for (let k = 0; k < ids.length; k++) out[off + REMOVE_ADDR_BASE_LEN + k] = checkUint(ids[k], 255, 'REMOVE_ADDR address id');
  padNops(out, off + len, off + wire);
  return wire;
}
