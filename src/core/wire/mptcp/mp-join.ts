/**
 * MP_JOIN (RFC 8684 §3.2), three forms told apart by the length:
 *
 *   SYN (12):     Kind | Length | Subtype=1 | rsv B | Address ID | Receiver's Token (32) | Sender's Random Number (32)
 *   SYN/ACK (16): Kind | Length | Subtype=1 | rsv B | Address ID | Sender's Truncated HMAC (64) | Sender's Random Number (32)
 *   ACK (24):     Kind | Length | Subtype=1 | (reserved 12 bits) | Sender's HMAC (160)
 *
 * All three are multiples of 4: no padding. Linux writes the ACK's reserved bits as 0
 * (kernel-ref captures: `1e 18 10 00 <20 bytes>`).
 */
import { get32, put32 } from '../bytes';
import { fail, ok, type Result } from '../errors';
import type { MpJoinOption, MptcpParseContext } from './types';
import { badLength, checkBig, checkHeader, checkUint, ensureRoom, get64, put64, putHeader } from './codec-util';

const SUBTYPE = 1;

/** Option lengths (RFC 8684 §3.2; Linux TCPOLEN_MPTCP_MPJ_*). */
export const MP_JOIN_LEN = { syn: 12, synAck: 16, ack: 24 } as const;
/** Bytes of the third ACK's HMAC (RFC 8684 §3.2: 160 bits). */
export const MP_JOIN_HMAC_LEN = 20;
/** Flag B of the SYN and SYN/ACK forms. */
export const MPJ_FLAG_B = 0x01;

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;

export function mpJoinLen(rec: MpJoinOption): number {
  switch (rec.form) {
    case 'syn':
      return MP_JOIN_LEN.syn;
    case 'synAck':
      return MP_JOIN_LEN.synAck;
    case 'ack':
      return MP_JOIN_LEN.ack;
    default:
      throw new RangeError(`MP_JOIN form ${String((rec as { form: unknown }).form)} is none of syn, synAck, ack`);
  }
}

/**
 * Parses one MP_JOIN option. With `ctx`, the form must match the segment: 12 on a SYN, 16 on a
 * SYN/ACK, 24 on a segment without SYN (RFC 8684 §3.2).
 */
export function parseMpJoin(bytes: Uint8Array, off: number, len: number, ctx?: MptcpParseContext): Result<MpJoinOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (len !== MP_JOIN_LEN.syn && len !== MP_JOIN_LEN.synAck && len !== MP_JOIN_LEN.ack) {
    return badLength(off, SUBTYPE, len, '12 (SYN), 16 (SYN/ACK) or 24 (third ACK)');
  }
  if (ctx !== undefined) {
    const syn = (ctx.tcpFlags & TCP_SYN) !== 0;
    const ack = (ctx.tcpFlags & TCP_ACK) !== 0;
    const want = syn ? (ack ? MP_JOIN_LEN.synAck : MP_JOIN_LEN.syn) : MP_JOIN_LEN.ack;
    if (len !== want) {
      const seg = syn ? (ack ? 'a SYN/ACK' : 'a SYN') : 'a segment without SYN';
      return fail('mptcp-context-mismatch', off + 1, `MP_JOIN of length ${len} on ${seg}, which carries the ${want}-byte form`);
    }
  }
  const backup = (bytes[off + 2] & MPJ_FLAG_B) !== 0;
  if (len === MP_JOIN_LEN.syn) {
    return ok({
      subtype: SUBTYPE,
      kind: 'MP_JOIN',
      form: 'syn',
      backup,
      addressId: bytes[off + 3],
      receiverToken: get32(bytes, off + 4),
      senderNonce: get32(bytes, off + 8),
    });
  }
  if (len === MP_JOIN_LEN.synAck) {
    return ok({
      subtype: SUBTYPE,
      kind: 'MP_JOIN',
      form: 'synAck',
      backup,
      addressId: bytes[off + 3],
      senderTruncatedHmac: get64(bytes, off + 4),
      senderNonce: get32(bytes, off + 12),
    });
  }
  return ok({ subtype: SUBTYPE, kind: 'MP_JOIN', form: 'ack', senderHmac: bytes.slice(off + 4, off + 4 + MP_JOIN_HMAC_LEN) });
}

/** Writes `rec` at `out[off..]`; returns the bytes written (= its length, always a multiple of 4). */
export function emitMpJoin(rec: MpJoinOption, out: Uint8Array, off: number): number {
  const len = mpJoinLen(rec);
  ensureRoom(out, off, len, 'MP_JOIN');
  if (rec.form === 'ack') {
    const h = rec.senderHmac;
    if (!(h instanceof Uint8Array) || h.length !== MP_JOIN_HMAC_LEN) {
      throw new RangeError(`MP_JOIN ACK senderHmac must be ${MP_JOIN_HMAC_LEN} bytes`);
    }
    putHeader(out, off, len, SUBTYPE, 0);
    out[off + 3] = 0;
    out.set(h, off + 4);
    return len;
  }
  putHeader(out, off, len, SUBTYPE, rec.backup ? MPJ_FLAG_B : 0);
  out[off + 3] = checkUint(rec.addressId, 255, 'MP_JOIN addressId');
  if (rec.form === 'syn') {
    put32(out, off + 4, checkUint(rec.receiverToken, 0xffffffff, 'MP_JOIN receiverToken'));
    put32(out, off + 8, checkUint(rec.senderNonce, 0xffffffff, 'MP_JOIN senderNonce'));
  } else {
    put64(out, off + 4, checkBig(rec.senderTruncatedHmac, 'MP_JOIN senderTruncatedHmac'));
    put32(out, off + 12, checkUint(rec.senderNonce, 0xffffffff, 'MP_JOIN senderNonce'));
  }
  return len;
}
