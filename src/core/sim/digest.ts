/**
 * SHA-256 of the first `n` bytes of an application stream (kernel-ref's sha256_sent /
 * sha256_received). The bytes are generated on the fly (net/payload.ts) and hashed in 64 KiB chunks
 * with @noble/hashes' streaming SHA-256; several lengths of one stream share one pass (the received
 * stream is a prefix of the sent one), so a run hashes its stream once, not twice.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fillStream, streamSeed } from '../net/payload';

const CHUNK = 65536;

/** Hex SHA-256 of the first `n` bytes of each of `lengths`, in the same order, from one pass over the stream. */
export function streamDigests(runSeed: number, stream: number, lengths: readonly number[]): string[] {
  for (const n of lengths) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`stream digest length must be a non-negative integer, got ${n}`);
  }
  const seed = streamSeed(runSeed, stream);
  const marks = [...new Set(lengths)].sort((a, b) => a - b);
  const out = new Map<number, string>();
  const h = sha256.create();
  const chunk = new Uint8Array(CHUNK);
  let pos = 0;
  for (const n of marks) {
    while (pos < n) {
      const len = Math.min(CHUNK, n - pos);
      fillStream(seed, pos, chunk, 0, len);
      h.update(len === CHUNK ? chunk : chunk.subarray(0, len));
      pos += len;
    }
    // the digest of this prefix; hashing goes on from a copy of the state
    out.set(n, bytesToHex(h.clone().digest()));
  }
  return lengths.map((n) => out.get(n)!);
}

export function streamDigest(runSeed: number, stream: number, n: number): string {
  return streamDigests(runSeed, stream, [n])[0];
}
