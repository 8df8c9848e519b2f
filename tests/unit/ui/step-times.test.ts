import { describe, expect, it } from 'vitest';
import { stepTimes } from '../../../src/ui/playback.svelte';
import type { Trace } from '../../../src/core/sim/trace';

const trace = (caps: number[], evs: number[]): Pick<Trace, 'captures' | 'events'> =>
  ({ captures: caps.map((t) => ({ t })), events: evs.map((t) => ({ t })) }) as unknown as Pick<Trace, 'captures' | 'events'>;

describe('stepTimes (what the step keys stop at)', () => {
  it('merges the packets and the events, both in time order, into one sorted list', () => {
    expect([...stepTimes(trace([1, 4, 4, 9], [0, 4, 5, 12]))]).toEqual([0, 1, 4, 4, 4, 5, 9, 12]);
    expect([...stepTimes(trace([], [3, 7]))]).toEqual([3, 7]);
    expect([...stepTimes(trace([2], []))]).toEqual([2]);
  });

  it('the same as sorting everything, also for input out of order', () => {
    const caps = [5, 1, 8, 3];
    const evs = [9, 2];
    expect([...stepTimes(trace(caps, evs))]).toEqual([...caps, ...evs].sort((a, b) => a - b));
  });
});
