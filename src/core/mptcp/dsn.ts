/**
 * Data sequence numbers (RFC 8684 §3.3): 64-bit, wrapping. The connection addresses its data
 * streams by plain-number positions (bytes from the start of the application stream) and turns
 * them into DSNs only at the wire: DSN = IDSN + 1 + pos (mod 2^64), §3.3.1.
 */
export const U64 = (1n << 64n) - 1n;

/** (a + b) mod 2^64 (§3.3: DSNs wrap at 2^64). */
export function add64(a: bigint, b: bigint | number): bigint {
  return BigInt.asUintN(64, a + BigInt(b));
}

/** Low 32 bits of a DSN as an unsigned number (what a 32-bit DATA_ACK or DSN carries). */
export function low32(v: bigint): number {
  return Number(v & 0xffffffffn);
}

/**
 * (a − b) mod 2^64 as a number: a data stream position (below 2^53), RFC 8684 §3.3.1 DSN − (IDSN + 1).
 * BigInt.asUintN(64, …) is the mod 2^64, and V8's optimizing compiler does the truncated subtraction
 * in a machine register: no BigInt is allocated when the answer goes straight into Number().
 */
export function offset64(a: bigint, b: bigint): number {
  return Number(BigInt.asUintN(64, a - b));
}

/** Stream positions below this map to DSNs below 2^64 from `idsn1` (IDSN + 1): no wrap to mask off. */
export function noWrapBelow(idsn1: bigint): number {
  const room = (1n << 64n) - idsn1;
  return room > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(room);
}

/**
 * Where a 32-bit DATA_ACK lands (RFC 8684 §3.3.2: only the low 32 bits travel), placed within 2^31
 * of `sndUna`, when the acknowledged position `at` is known exactly: the low bits' signed 32-bit
 * difference is (at − sndUna) | 0, so this equals placing low32(IDSN + 1 + at) near IDSN + 1 + sndUna.
 */
export function nearSndUna32(sndUna: number, at: number): number {
  return sndUna + ((at - sndUna) | 0);
}
