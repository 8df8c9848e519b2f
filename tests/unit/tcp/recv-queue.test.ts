import { describe, expect, it } from 'vitest';
import { RecvQueue } from '../../../src/core/tcp/recv-queue';

describe('RecvQueue (out-of-order data and SACK blocks)', () => {
  it('merges overlapping and touching ranges whose stream positions continue each other', () => {
    const q = new RecvQueue();
    q.insert(100, 200, 99);
    q.insert(200, 300, 199);
    q.insert(150, 250, 149);
    expect(q.ranges.map((r) => [r.start, r.end, r.pos])).toEqual([[100, 300, 99]]);
    expect(q.bytes).toBe(200);
  });

  it('keeps touching ranges from different mappings apart, but reports them as one SACK block', () => {
    const q = new RecvQueue();
    q.insert(100, 200, 5000);
    q.insert(200, 300, 9000);
    expect(q.ranges.map((r) => [r.start, r.end, r.pos])).toEqual([[100, 200, 5000], [200, 300, 9000]]);
    expect(q.sackBlocks(3, [])).toEqual([100, 300]);
  });

  it('flags overlapping data that disagrees on its stream position', () => {
    const q = new RecvQueue();
    q.insert(100, 200, 99);
    expect(q.insert(150, 250, 1000).posOk).toBe(false);
  });

  it('a full duplicate adds nothing', () => {
    const q = new RecvQueue();
    q.insert(100, 300, 99);
    expect(q.insert(120, 180, 119)).toEqual({ added: false, covered: 60, posOk: true });
  });

  it('counts the segments that brought new bytes into each range (one skb each in Linux)', () => {
    const q = new RecvQueue();
    q.insert(100, 200, 99);
    q.insert(200, 300, 199);
    q.insert(300, 400, 299);
    // a duplicate inside the range, and a segment of another mapping touching it, add none
    q.insert(120, 180, 119);
    q.insert(400, 500, 9000);
    expect(q.ranges.map((r) => [r.start, r.end, r.segs])).toEqual([
      [100, 400, 3],
      [400, 500, 1],
    ]);
    // a run of 4 segments [600, 1000) whose first half is already held: its 2 old segments are dropped
    q.insert(600, 800, 599, 2);
    const a = q.insert(600, 1000, 599, 4);
    expect([a.added, a.covered]).toEqual([true, 200]);
    expect(q.ranges[2]).toMatchObject({ start: 600, end: 1000, segs: 4 });
    // ranges merged by a segment between them: all their segments and it
    q.insert(1100, 1200, 1099);
    q.insert(1000, 1100, 999);
    expect(q.ranges.map((r) => r.segs)).toEqual([3, 1, 6]);
  });

  it('SACK blocks list the most recently updated range first (RFC 2018 §4), at most `max`', () => {
    const q = new RecvQueue();
    q.insert(100, 200, 99);
    q.insert(400, 500, 399);
    q.insert(700, 800, 699);
    q.insert(200, 250, 199); // touches the first: now most recent
    expect(q.sackBlocks(2, [])).toEqual([100, 250, 700, 800]);
  });

  it('takeInOrder hands back ranges once rcv_nxt reaches them', () => {
    const q = new RecvQueue();
    q.insert(100, 200, 99);
    q.insert(300, 400, 299);
    expect(q.takeInOrder(50)).toBeNull();
    expect(q.takeInOrder(100)?.end).toBe(200);
    expect(q.takeInOrder(200)).toBeNull();
    expect(q.bytes).toBe(100);
  });
});
