/**
 * Application byte streams, generated on demand. Stream bytes are a pure function of
 * (stream seed, position): a counter-based hash, so any range can be produced at any time without
 * storing it. Senders put (stream, position) into packets; a receiver that places payload at the
 * position its sequence numbers say, and finds it equal to the position the payload came from, has
 * received exactly the sent bytes. Bytes are materialised only for captures, the packet inspector
 * and SHA-256 digests.
 */

/** 32-bit mix (lowbias32 by Chris Wellons, public domain). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The byte at `pos` of the stream with seed `seed`. */
export function streamByte(seed: number, pos: number): number {
  const word = mix32((seed ^ Math.imul(Math.floor(pos / 4), 0x9e3779b1)) >>> 0 ^ Math.floor(pos / 17179869184));
  return (word >>> ((pos & 3) * 8)) & 255;
}

/** Fill `out[off .. off+len)` with stream bytes starting at stream position `pos`. */
export function fillStream(seed: number, pos: number, out: Uint8Array, off: number, len: number): void {
  for (let i = 0; i < len; i++) out[off + i] = streamByte(seed, pos + i);
}

/** The seed of application stream `stream` in a run seeded with `runSeed`. */
export function streamSeed(runSeed: number, stream: number): number {
  return mix32((runSeed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d));
}
