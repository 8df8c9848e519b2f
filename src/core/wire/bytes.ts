/**
 * Big-endian ("network byte order", RFC 1700) integer access. Reads past the end of the array give
 * 0 bits (a typed array reads `undefined`, which the bit operators turn into 0), so callers that
 * checked lengths first never see a throw or a NaN.
 */

export function get16(b: Uint8Array, off: number): number {
  return (b[off] << 8) | b[off + 1];
}

export function get32(b: Uint8Array, off: number): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

export function put16(out: Uint8Array, off: number, v: number): void {
  out[off] = (v >>> 8) & 255;
  out[off + 1] = v & 255;
}

export function put32(out: Uint8Array, off: number, v: number): void {
  out[off] = (v >>> 24) & 255;
  out[off + 1] = (v >>> 16) & 255;
  out[off + 2] = (v >>> 8) & 255;
  out[off + 3] = v & 255;
}
