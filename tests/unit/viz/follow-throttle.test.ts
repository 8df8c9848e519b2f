import { describe, expect, it } from 'vitest';
import { ThrottledFollow, type FollowTimers } from '../../../src/viz/follow-throttle';

/** A hand-driven clock and timer queue. */
function fakeTimers(): FollowTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 1;
  const queue = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    set(fn, ms) {
      const id = next++;
      queue.set(id, { at: now + ms, fn });
      return id;
    },
    clear(h) {
      queue.delete(h as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...queue].filter(([, q]) => q.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        queue.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => queue.size,
  };
}

describe('ThrottledFollow (a costly view following a moving clock)', () => {
  it('shows a time at once when the clock stands still', () => {
    const shown: number[] = [];
    const f = new ThrottledFollow((t) => shown.push(t), 8, fakeTimers());
    f.now(5);
    expect(shown).toEqual([5]);
  });

  it('follows a moving clock in a later task, never in the one that moved it', () => {
    const timers = fakeTimers();
    const shown: number[] = [];
    const f = new ThrottledFollow((t) => shown.push(t), 8, timers);
    f.follow(1);
    expect(shown).toEqual([]);
    timers.advance(0);
    expect(shown).toEqual([1]);
  });

  it('at most hz times a second, and the last time followed always lands', () => {
    const timers = fakeTimers();
    const shown: number[] = [];
    const at: number[] = [];
    const f = new ThrottledFollow(
      (t) => {
        shown.push(t);
        at.push(timers.now());
      },
      8,
      timers,
    );
    // a drag: a new time every 16 ms for one second
    for (let i = 1; i <= 60; i++) {
      f.follow(i);
      timers.advance(16);
    }
    timers.advance(200);
    expect(shown.length).toBeGreaterThanOrEqual(7);
    expect(shown.length).toBeLessThanOrEqual(9);
    expect(shown.at(-1)).toBe(60);
    // consecutive updates are at least 125 ms apart
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(125);
  });

  it('now() drops a pending follow: the still clock wins', () => {
    const timers = fakeTimers();
    const shown: number[] = [];
    const f = new ThrottledFollow((t) => shown.push(t), 8, timers);
    f.follow(1);
    timers.advance(0);
    f.follow(2);
    f.now(3);
    timers.advance(500);
    expect(shown).toEqual([1, 3]);
    f.follow(4);
    f.cancel();
    timers.advance(500);
    expect(shown).toEqual([1, 3]);
    expect(timers.pending()).toBe(0);
  });
});
