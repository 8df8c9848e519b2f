/**
 * The DSS checksum (RFC 8684 §3.3.1): the Internet checksum over the mapping's data and a
 * pseudo-header of the 64-bit DSN, the 32-bit relative subflow sequence number, the 16-bit
 * data-level length and 16 zero bits (the checksum field). Used only when either side asked for
 * checksums in MP_CAPABLE (flag A, net.mptcp.checksum_enabled); it is how MPTCP notices a middlebox
 * that rewrote payload (§3.7).
 *
 * Payload bytes are generated from the packet's stream (net/payload.ts), with a rewriting
 * middlebox's change applied (Packet.mangled), so the sender sums what it sent and the receiver
 * what arrived.
 */
import { fillStream } from '../net/payload';
import { addUint32, addWord, finishChecksum, onesSum } from '../wire/checksum';

const scratch = new Uint8Array(65536);

/** Checksum of a mapping: `len` payload bytes of the stream with seed `seed` from `streamPos` (first byte XORed with `mangled`). */
export function dssChecksum(dsn: bigint, subflowSeq: number, dataLevelLength: number, seed: number, streamPos: number, len: number, mangled: number): number {
  let acc = addUint32(0, Number((dsn >> 32n) & 0xffffffffn));
  acc = addUint32(acc, Number(dsn & 0xffffffffn));
  acc = addUint32(acc, subflowSeq >>> 0);
  acc = addWord(acc, dataLevelLength & 0xffff);
  acc = addWord(acc, 0);
  if (len > 0) {
    const n = Math.min(len, scratch.length);
    fillStream(seed, streamPos, scratch, 0, n);
    scratch[0] ^= mangled;
    acc = onesSum(scratch, 0, n, acc);
  }
  return finishChecksum(acc);
}
