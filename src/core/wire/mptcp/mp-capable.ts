/**
 * MP_CAPABLE (RFC 8684 §3.1):
 *
 *   Kind=30 | Length | Subtype=0 | Version | A B C D E F G H |
 *   Option Sender's Key (64 bits)        (SYN/ACK, ACK)
 *   Option Receiver's Key (64 bits)      (ACK)
 *   Data-Level Length (16 bits)          (ACK with data)
 *   Checksum (16 bits)                   (ACK with data, checksums negotiated)
 *
 * v1 sends no key on the SYN (v0 did). The five forms are told apart by the length alone; the
 * segment's flags say which one is allowed where (Linux mptcp_parse_option() checks the length
 * against SYN / SYN-ACK / ACK-with-or-without-payload the same way).
 *
 * Linux writes the data-level length of a checksum-less first data segment as
 * `data_len << 16 | NOP << 8 | NOP`: the option says 22, and two NOPs follow it (24 bytes on the
 * wire; seen in kernel-ref captures as `1e 16 01 01 <keyA> <keyB> 05 90 01 01`).
 */
import { get16, put16 } from '../bytes';
import { fail, ok, type Result } from '../errors';
import type { MpCapableFlags, MpCapableOption, MptcpParseContext } from './types';
import {
  alignedLen,
  badLength,
  checkBig,
  checkHeader,
  checkUint,
  ensureRoom,
  get64,
  padNops,
  put64,
  putHeader,
} from './codec-util';

const SUBTYPE = 0;

/** Option lengths (RFC 8684 §3.1; Linux TCPOLEN_MPTCP_MPC_*). */
export const MP_CAPABLE_LEN = { syn: 4, synAck: 12, ack: 20, ackData: 22, ackDataCsum: 24 } as const;

/** Flag bits of byte 3 (RFC 8684 §3.1). */
export const MPC_FLAG_A = 0x80;
export const MPC_FLAG_B = 0x40;
export const MPC_FLAG_C = 0x20;
export const MPC_FLAG_D = 0x10;
export const MPC_FLAG_E = 0x08;
export const MPC_FLAG_F = 0x04;
export const MPC_FLAG_G = 0x02;
export const MPC_FLAG_H = 0x01;

/** The version RFC 8684 specifies (v0 was RFC 6824). */
export const MPTCP_VERSION_1 = 1;

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;

/** The flags byte of `f`. Throws a RangeError if `f` is not a flags object (e.g. a bare number). */
export function mpCapableFlagsByte(f: MpCapableFlags): number {
  if (typeof f !== 'object' || f === null) throw new RangeError(`MP_CAPABLE flags must be an { a, b, c, h } object; got ${String(f)}`);
  return (
    (f.a ? MPC_FLAG_A : 0) |
    (f.b ? MPC_FLAG_B : 0) |
    (f.c ? MPC_FLAG_C : 0) |
    (f.d === true ? MPC_FLAG_D : 0) |
    (f.e === true ? MPC_FLAG_E : 0) |
    (f.f === true ? MPC_FLAG_F : 0) |
    (f.g === true ? MPC_FLAG_G : 0) |
    (f.h ? MPC_FLAG_H : 0)
  );
}

export function mpCapableFlagsFromByte(v: number): MpCapableFlags {
  return {
    a: (v & MPC_FLAG_A) !== 0,
    b: (v & MPC_FLAG_B) !== 0,
    c: (v & MPC_FLAG_C) !== 0,
    d: (v & MPC_FLAG_D) !== 0,
    e: (v & MPC_FLAG_E) !== 0,
    f: (v & MPC_FLAG_F) !== 0,
    g: (v & MPC_FLAG_G) !== 0,
    h: (v & MPC_FLAG_H) !== 0,
  };
}

/** The length byte of `rec`: its form follows from the fields present. Throws a RangeError for a record no form fits. */
export function mpCapableLen(rec: MpCapableOption): number {
  if (rec.senderKey === undefined) {
    if (rec.receiverKey !== undefined || rec.dataLevelLength !== undefined || rec.checksum !== undefined) {
      throw new RangeError('MP_CAPABLE with a receiver key, data-level length or checksum needs a sender key');
    }
    return MP_CAPABLE_LEN.syn;
  }
  if (rec.receiverKey === undefined) {
    if (rec.dataLevelLength !== undefined || rec.checksum !== undefined) {
      throw new RangeError('MP_CAPABLE with a data-level length or checksum needs the receiver key');
    }
    return MP_CAPABLE_LEN.synAck;
  }
  if (rec.dataLevelLength === undefined) {
    if (rec.checksum !== undefined) throw new RangeError('MP_CAPABLE with a checksum needs a data-level length');
    return MP_CAPABLE_LEN.ack;
  }
  return rec.checksum === undefined ? MP_CAPABLE_LEN.ackData : MP_CAPABLE_LEN.ackDataCsum;
}

/**
 * Parses one MP_CAPABLE option. With `ctx`, the form must match the segment: 4 on a SYN, 12 on a
 * SYN/ACK, 20 on an ACK without payload, 22 or 24 on one with payload (Linux mptcp_parse_option()
 * ignores any other combination). The version and flags are reported as sent; deciding what to do
 * with v0, B = 1 or an unknown crypto bit is the engine's business (RFC 8684 §3.1).
 */
export function parseMpCapable(bytes: Uint8Array, off: number, len: number, ctx?: MptcpParseContext): Result<MpCapableOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  if (
    len !== MP_CAPABLE_LEN.syn &&
    len !== MP_CAPABLE_LEN.synAck &&
    len !== MP_CAPABLE_LEN.ack &&
    len !== MP_CAPABLE_LEN.ackData &&
    len !== MP_CAPABLE_LEN.ackDataCsum
  ) {
    return badLength(off, SUBTYPE, len, '4 (SYN), 12 (SYN/ACK), 20 (ACK), 22 (ACK + data) or 24 (ACK + data + checksum)');
  }
  if (ctx !== undefined) {
    const syn = (ctx.tcpFlags & TCP_SYN) !== 0;
    const ack = (ctx.tcpFlags & TCP_ACK) !== 0;
    let want: string | null = null;
    if (syn && !ack && len !== MP_CAPABLE_LEN.syn) want = 'a SYN carries the 4-byte form';
    else if (syn && ack && len !== MP_CAPABLE_LEN.synAck) want = 'a SYN/ACK carries the 12-byte form';
    else if (!syn) {
      if (len < MP_CAPABLE_LEN.ack) want = 'a segment without SYN carries the 20-, 22- or 24-byte form';
      else if (ctx.payloadLen !== undefined && ctx.payloadLen > 0 && len === MP_CAPABLE_LEN.ack) {
        want = 'a segment with payload carries the 22- or 24-byte form (data-level length)';
      } else if (ctx.payloadLen === 0 && len > MP_CAPABLE_LEN.ack) {
        want = 'a data-level length needs payload';
      }
    }
    if (want !== null) return fail('mptcp-context-mismatch', off + 1, `MP_CAPABLE of length ${len}: ${want}`);
  }
  const rec: MpCapableOption = {
    subtype: SUBTYPE,
    kind: 'MP_CAPABLE',
    version: bytes[off + 2] & 0xf,
    flags: mpCapableFlagsFromByte(bytes[off + 3]),
  };
  if (len >= MP_CAPABLE_LEN.synAck) rec.senderKey = get64(bytes, off + 4);
  if (len >= MP_CAPABLE_LEN.ack) rec.receiverKey = get64(bytes, off + 12);
  if (len >= MP_CAPABLE_LEN.ackData) rec.dataLevelLength = get16(bytes, off + 20);
  if (len >= MP_CAPABLE_LEN.ackDataCsum) rec.checksum = get16(bytes, off + 22);
  return ok(rec);
}

/** Writes `rec` and its NOP padding at `out[off..]`; returns the bytes written (length rounded up to 4). */
export function emitMpCapable(rec: MpCapableOption, out: Uint8Array, off: number): number {
  const len = mpCapableLen(rec);
  const wire = alignedLen(len);
  ensureRoom(out, off, wire, 'MP_CAPABLE');
  putHeader(out, off, len, SUBTYPE, checkUint(rec.version, 15, 'MP_CAPABLE version'));
  out[off + 3] = mpCapableFlagsByte(rec.flags);
  if (len >= MP_CAPABLE_LEN.synAck) put64(out, off + 4, checkBig(rec.senderKey, 'MP_CAPABLE senderKey'));
  if (len >= MP_CAPABLE_LEN.ack) put64(out, off + 12, checkBig(rec.receiverKey, 'MP_CAPABLE receiverKey'));
  if (len >= MP_CAPABLE_LEN.ackData) put16(out, off + 20, checkUint(rec.dataLevelLength, 0xffff, 'MP_CAPABLE dataLevelLength'));
  if (len >= MP_CAPABLE_LEN.ackDataCsum) put16(out, off + 22, checkUint(rec.checksum, 0xffff, 'MP_CAPABLE checksum'));
  padNops(out, off + len, off + wire);
  return wire;
}
