/**
 * Sequence numbers. On the wire they are unsigned 32-bit and wrap (RFC 9293 §3.4); inside a socket
 * they are kept *relative* to the initial sequence number as plain non-negative integers that never
 * wrap (a JS number is exact to 2^53 bytes). `unwrap` turns a received 32-bit number back into the
 * relative space using a nearby reference, which is how RFC 9293's modular comparisons are meant.
 */

/** Relative → wire: (isn + rel) mod 2^32. */
export function wire32(isn: number, rel: number): number {
  return (isn + (rel % 4294967296)) >>> 0;
}

/** Wire → relative, choosing the value within ±2^31 of `ref` (a relative number). */
export function unwrap(isn: number, wire: number, ref: number): number {
  const refWire = (isn + (ref % 4294967296)) >>> 0;
  const delta = (wire - refWire) | 0; // signed 32-bit distance
  return ref + delta;
}
