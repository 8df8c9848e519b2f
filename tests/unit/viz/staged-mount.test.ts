import { describe, expect, it } from 'vitest';
import { STAGED_MOUNT_MIN_RECORDS, STAGED_VIEWS, StagedMount, stagedFor, type FrameScheduler } from '../../../src/viz/staged-mount';

/** Frames run by hand. */
function frames(): FrameScheduler & { paint(): void; queued(): number } {
  let queue: (() => void)[] = [];
  return {
    afterPaint(fn) {
      queue.push(fn);
      return () => (queue = queue.filter((f) => f !== fn));
    },
    paint() {
      const q = queue;
      queue = [];
      for (const f of q) f();
    },
    queued: () => queue.length,
  };
}

describe('StagedMount (a large trace mounts its views one per frame)', () => {
  it('small runs mount every view at once; large ones start with the first', () => {
    expect(stagedFor(100)).toBe(STAGED_VIEWS);
    expect(stagedFor(STAGED_MOUNT_MIN_RECORDS - 1)).toBe(STAGED_VIEWS);
    expect(stagedFor(STAGED_MOUNT_MIN_RECORDS)).toBe(1);
  });

  it('one more view after each painted frame, until all are mounted', () => {
    const f = frames();
    const s = new StagedMount(1, f);
    const seen: number[] = [];
    // what PlaygroundViews' effect does: ask for the next view whenever the count changes
    const step = (): void => void s.next((n) => seen.push(n));
    step();
    for (let i = 0; i < 20 && f.queued() > 0; i++) {
      f.paint();
      step();
    }
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(s.mounted).toBe(STAGED_VIEWS);
    expect(f.queued()).toBe(0);
  });

  it('a cancelled step mounts nothing (the component went away)', () => {
    const f = frames();
    const s = new StagedMount(1, f);
    const seen: number[] = [];
    const cancel = s.next((n) => seen.push(n));
    cancel();
    f.paint();
    expect(seen).toEqual([]);
    expect(s.mounted).toBe(1);
  });
});
