/** SHA-256 of the first `n` bytes of an application stream (kernel-ref's sha256_sent / sha256_received). */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fillStream, streamSeed } from '../net/payload';

export function streamDigest(runSeed: number, stream: number, n: number): string {
  const h = sha256.create();
  const chunk = new Uint8Array(65536);
  const seed = streamSeed(runSeed, stream);
  for (let pos = 0; pos < n; pos += chunk.length) {
    const len = Math.min(chunk.length, n - pos);
    fillStream(seed, pos, chunk, 0, len);
    h.update(len === chunk.length ? chunk : chunk.subarray(0, len));
  }
  return bytesToHex(h.digest());
}
