import { describe, expect, it } from 'vitest';
import { skbTailroom } from '../../fidelity/skb-tailroom';

describe('skbTailroom: the room after a received frame in its linear skb head (what OFOMerge needs)', () => {
  it('leaves 198 B after a full-size 1514 B frame: 16 B headroom + 1514 rounded to 1536, plus 320 B of shared info, in a 2 KiB kmalloc buffer', () => {
    expect(skbTailroom(1514)).toBe(2048 - 320 - 16 - 1514);
    expect(skbTailroom(1514)).toBe(198);
  });

  it('so a short segment merges after a full-size one and a longer one does not (the kernel-ref merges were 16–144 B)', () => {
    // frame of a 144 B payload segment with DSS and timestamps: 144 + 90 header bytes
    expect(144).toBeLessThanOrEqual(skbTailroom(1514));
    expect(224).toBeGreaterThan(skbTailroom(1514));
  });

  it('a frame that needs a larger kmalloc bucket gets the room that bucket leaves', () => {
    // 16 + 1800 → 1856 + 320 = 2176 > 2048: a 4 KiB buffer
    expect(skbTailroom(1800)).toBe(4096 - 320 - 16 - 1800);
    // 16 + 1000 → 1024 + 320 = 1344 > 1024: a 2 KiB buffer
    expect(skbTailroom(1000)).toBe(2048 - 320 - 16 - 1000);
  });

  it('a small frame sits in the 640 B small-head cache (SKB_SMALL_HEAD_CACHE_SIZE)', () => {
    expect(skbTailroom(100)).toBe(640 - 320 - 16 - 100);
    // 16 + 300 → 320 + 320 = 640: still the small-head cache
    expect(skbTailroom(300)).toBe(640 - 320 - 16 - 300);
  });
});
