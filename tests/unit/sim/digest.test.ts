/**
 * Stream digests (src/core/sim/digest.ts): node's own SHA-256 of the generated stream bytes, for
 * lengths on and off the 64 KiB chunk boundary, several lengths from one pass, and a located error
 * for a bad length.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { streamDigest, streamDigests } from '../../../src/core/sim/digest';
import { fillStream, streamSeed } from '../../../src/core/net/payload';

function reference(runSeed: number, stream: number, n: number): string {
  const bytes = new Uint8Array(n);
  fillStream(streamSeed(runSeed, stream), 0, bytes, 0, n);
  return createHash('sha256').update(bytes).digest('hex');
}

describe('streamDigests', () => {
  const lengths = [0, 1, 1423, 65536, 65537, 200_000, 3 * 65536];

  it('is the SHA-256 of the stream’s first n bytes', () => {
    for (const n of lengths) expect(streamDigest(7, 0, n)).toBe(reference(7, 0, n));
    expect(streamDigest(7, 1, 5000)).toBe(reference(7, 1, 5000));
    expect(streamDigest(7, 1, 5000)).not.toBe(streamDigest(7, 0, 5000));
  });

  it('gives every requested length from one pass, in the order asked, duplicates included', () => {
    const asked = [200_000, 65537, 0, 200_000, 1423];
    expect(streamDigests(3, 0, asked)).toEqual(asked.map((n) => reference(3, 0, n)));
  });

  it('refuses a length that is not a non-negative integer', () => {
    expect(() => streamDigests(1, 0, [10, -1])).toThrow(/non-negative integer, got -1/);
    expect(() => streamDigest(1, 0, 1.5)).toThrow(/got 1.5/);
  });
});
