/**
 * DSS, Data Sequence Signal (RFC 8684 §3.3):
 *
 *   Kind | Length | Subtype=2 | (reserved 4+3 bits) F m M a A |
 *   Data ACK (4 or 8 bytes, if A)
 *   Data Sequence Number (4 or 8 bytes, if M) | Subflow Sequence Number (4) | Data-Level Length (2) | Checksum (2, if negotiated)
 *
 * Length = 4 + (A ? (a ? 8 : 4) : 0) + (M ? (m ? 14 : 10) + (checksum ? 2 : 0) : 0).
 *
 * **Padding.** Linux writes a checksum-less mapping's data-level length as
 * `data_len << 16 | NOP << 8 | NOP` (mptcp_write_options()) and reserves ALIGN(len, 4): the length
 * byte says 22 for a data segment (flags 0x0d: 64-bit DSN, mapping, 32-bit Data ACK) and the two
 * NOPs that follow make it 24 bytes on the wire. kernel-ref captures show exactly
 * `1e 16 20 0d <ack32> <dsn64> <sseq32> <len16> 01 01`, a DATA_FIN with a 64-bit ack as length 26
 * + 2 NOPs, and pure ACKs as `1e 0c 20 03 <ack64>` (12) or `1e 08 20 01 <ack32>` (8). With 12 bytes
 * of timestamps, 40 − 12 − 24 leaves the 1424-byte MPTCP payload of a 1500-byte MTU.
 */
import { get16, get32, put16, put32 } from '../bytes';
import { fail, ok, type Result } from '../errors';
import type { DssMapping, DssOption, MptcpParseContext } from './types';
import { DSS_LEN } from './dss-len';
import { alignedLen, checkBig, checkHeader, checkUint, ensureRoom, get64, padNops, put64, putHeader, putLow32 } from './codec-util';

const SUBTYPE = 2;

export { DSS_LEN, dssOwnLen } from './dss-len';

/** Flag bits of byte 3 (RFC 8684 §3.3). */
export const DSS_FLAG_DATA_FIN = 0x10; // F
export const DSS_FLAG_DSN64 = 0x08; // m
export const DSS_FLAG_MAP = 0x04; // M
export const DSS_FLAG_ACK64 = 0x02; // a
export const DSS_FLAG_ACK = 0x01; // A
const FLAG_MASK = 0x1f;

/** The flags byte `rec` is sent with. */
export function dssFlags(rec: DssOption): number {
  let f = rec.dataFin ? DSS_FLAG_DATA_FIN : 0;
  if (rec.dataAck !== undefined) f |= DSS_FLAG_ACK | (rec.ack64 === true ? DSS_FLAG_ACK64 : 0);
  const m = rec.mapping;
  if (m !== undefined) f |= DSS_FLAG_MAP | (m.dsn64 ? DSS_FLAG_DSN64 : 0);
  return f;
}

/** The length byte of `rec` (without Linux's NOP padding; see `alignedLen`). */
export function dssLen(rec: DssOption): number {
  return dssLenOf(rec.dataAck !== undefined, rec.ack64 === true, rec.mapping);
}

/** The length byte of a DSS with or without a Data ACK (4 or 8 bytes) and `mapping`. */
export function dssLenOf(hasAck: boolean, ack64: boolean, m: DssMapping | undefined): number {
  let n = DSS_LEN.base;
  if (hasAck) n += ack64 ? DSS_LEN.ack64 : DSS_LEN.ack32;
  if (m !== undefined) {
    n += m.dsn64 ? DSS_LEN.map64 : DSS_LEN.map32;
    if (m.checksum !== undefined) n += DSS_LEN.checksum;
  }
  return n;
}

/**
 * Parses one DSS option. The length must be the one the flags announce, plus 2 when a mapping
 * carries a checksum (Linux accepts both, and enforces the negotiated checksum later; RFC 8684
 * §3.3.0). Flags `a` without `A` and `m` without `M` describe nothing and are dropped.
 */
export function parseDss(bytes: Uint8Array, off: number, len: number, _ctx?: MptcpParseContext): Result<DssOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  const flags = bytes[off + 3] & FLAG_MASK;
  const hasAck = (flags & DSS_FLAG_ACK) !== 0;
  const ack64 = hasAck && (flags & DSS_FLAG_ACK64) !== 0;
  const hasMap = (flags & DSS_FLAG_MAP) !== 0;
  const dsn64 = hasMap && (flags & DSS_FLAG_DSN64) !== 0;
  let want = DSS_LEN.base;
  if (hasAck) want += ack64 ? DSS_LEN.ack64 : DSS_LEN.ack32;
  if (hasMap) want += dsn64 ? DSS_LEN.map64 : DSS_LEN.map32;
  const csum = hasMap && len === want + DSS_LEN.checksum;
  if (len !== want && !csum) {
    const alt = hasMap ? ` or ${want + DSS_LEN.checksum} with a checksum` : '';
    return fail(
      'mptcp-flag-length-mismatch',
      off + 1,
      `DSS flags 0x${flags.toString(16).padStart(2, '0')} need length ${want}${alt}; the option has ${len}`,
    );
  }
  const rec: DssOption = { subtype: SUBTYPE, kind: 'DSS', dataFin: (flags & DSS_FLAG_DATA_FIN) !== 0 };
  let i = off + 4;
  if (hasAck) {
    rec.ack64 = ack64;
    if (ack64) {
      rec.dataAck = get64(bytes, i);
      i += 8;
    } else {
      rec.dataAck = BigInt(get32(bytes, i));
      i += 4;
    }
  }
  if (hasMap) {
    let dsn: bigint;
    if (dsn64) {
      dsn = get64(bytes, i);
      i += 8;
    } else {
      dsn = BigInt(get32(bytes, i));
      i += 4;
    }
    const mapping: DssMapping = { dsn, dsn64, subflowSeq: get32(bytes, i), dataLevelLength: get16(bytes, i + 4) };
    if (csum) mapping.checksum = get16(bytes, i + 6);
    rec.mapping = mapping;
  }
  return ok(rec);
}

/** Writes `rec` and its NOP padding at `out[off..]`; returns the bytes written (length rounded up to 4). */
export function emitDss(rec: DssOption, out: Uint8Array, off: number): number {
  const len = dssLen(rec);
  const wire = alignedLen(len);
  ensureRoom(out, off, wire, 'DSS');
  putHeader(out, off, len, SUBTYPE, 0);
  out[off + 3] = dssFlags(rec);
  let i = off + 4;
  if (rec.dataAck !== undefined) {
    const a = checkBig(rec.dataAck, 'DSS dataAck');
    if (rec.ack64 === true) {
      put64(out, i, a);
      i += 8;
    } else {
      putLow32(out, i, a);
      i += 4;
    }
  }
  const m = rec.mapping;
  if (m !== undefined) {
    const dsn = checkBig(m.dsn, 'DSS mapping dsn');
    if (m.dsn64) {
      put64(out, i, dsn);
      i += 8;
    } else {
      putLow32(out, i, dsn);
      i += 4;
    }
    put32(out, i, checkUint(m.subflowSeq, 0xffffffff, 'DSS mapping subflowSeq'));
    put16(out, i + 4, checkUint(m.dataLevelLength, 0xffff, 'DSS mapping dataLevelLength'));
    i += 6;
    if (m.checksum !== undefined) {
      put16(out, i, checkUint(m.checksum, 0xffff, 'DSS mapping checksum'));
      i += 2;
    }
  }
  padNops(out, i, off + wire);
  return wire;
}
