/**
 * The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum of the
 * data taken as big-endian 16-bit words, an odd trailing byte padded with a zero byte (§1, §4.1).
 *
 * Incremental use (RFC 1071 §2(B) "the sum can be computed in pieces"): carry the running sum from
 * one `onesSum` call to the next as `acc`, then `finishChecksum` it. Every piece except the last must
 * have an even length, so that words stay aligned. `checksumAdjust` updates a stored checksum after a
 * 16-bit field changed, without summing the data again (RFC 1624 eqn. 3), as a NAT or a middlebox
 * that rewrites a port does.
 */

/**
 * Ones' complement sum of `bytes[off .. off+len)` as big-endian 16-bit words, added to `acc`.
 * Returns a folded partial sum (0..0xffff) that can be passed as `acc` to the next call.
 * Bytes outside the array read as 0, so this never throws.
 */
export function onesSum(bytes: Uint8Array, off: number, len: number, acc = 0): number {
  let s = acc;
  const end = off + len;
  let i = off;
  for (; i + 1 < end; i += 2) s += (bytes[i] << 8) | bytes[i + 1];
  if (i < end) s += bytes[i] << 8; // odd trailing byte, padded with zero (RFC 1071 §4.1)
  return fold(s);
}

/** Adds one 16-bit word to a running sum (e.g. a pseudo-header field). */
export function addWord(acc: number, word: number): number {
  return fold(acc + (word & 0xffff));
}

/** Adds a 32-bit value as two 16-bit words (e.g. an IPv4 address in the pseudo-header). */
export function addUint32(acc: number, v: number): number {
  return fold(acc + (v >>> 16) + (v & 0xffff));
}

/** Folds the carries of a sum into 16 bits (end-around carry, RFC 1071 §2(C)). */
function fold(s: number): number {
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/** The checksum field value for a running sum: its ones' complement, 16 bits. */
export function finishChecksum(acc: number): number {
  return ~fold(acc) & 0xffff;
}

/**
 * RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). The new checksum after a 16-bit word of the covered
 * data changed from `oldWord` to `newWord`.
 */
export function checksumAdjust(oldChecksum: number, oldWord: number, newWord: number): number {
  return finishChecksum((~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff));
}

/** IPv4 header checksum (RFC 791 §3.1) over `headerLen` bytes at `off`, with the checksum field (bytes 10..11) taken as zero. */
export function ipv4HeaderChecksum(bytes: Uint8Array, off: number, headerLen: number): number {
  let s = onesSum(bytes, off, 10);
  s = onesSum(bytes, off + 12, headerLen - 12, s);
  return finishChecksum(s);
}

/** IP protocol number of TCP. */
export const IPPROTO_TCP = 6;

/**
 * Running sum of the TCP pseudo-header for IPv4 (RFC 9293 §3.1): source address, destination
 * address, a zero byte, the protocol (6) and the TCP length (header + options + data, not counting
 * the pseudo-header).
 */
export function ipv4PseudoHeaderSum(src: number, dst: number, tcpLength: number): number {
  let s = addUint32(0, src >>> 0);
  s = addUint32(s, dst >>> 0);
  s = addWord(s, IPPROTO_TCP);
  return addWord(s, tcpLength);
}

/**
 * TCP checksum over the segment at `bytes[off .. off+tcpLength)` (header, options, data) with the
 * IPv4 pseudo-header (RFC 9293 §3.1), the checksum field (segment bytes 16..17) taken as zero.
 */
export function tcpChecksumIpv4(src: number, dst: number, bytes: Uint8Array, off: number, tcpLength: number): number {
  let s = ipv4PseudoHeaderSum(src, dst, tcpLength);
  s = onesSum(bytes, off, 16, s);
  s = onesSum(bytes, off + 18, tcpLength - 18, s);
  return finishChecksum(s);
}
