/**
 * A forked run's result carries only the trace arrays after those it shares with the page's run,
 * and the page splices them back (src/ui/trace-prefix.ts, issue 5): the page's trace must be the
 * worker's, for a fork from the page's full run, from a partial run, and partial → final.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../helpers/scenario';
import { fourSubflows, plannedPool, traceJson } from '../../helpers/fork';
import { withIntervention } from '../../../src/viz/timeline-scenario';
import type { Trace } from '../../../src/core/sim/trace';
import { sharedCounts, spliceShared, traceLengths, withoutShared, type SharedCounts } from '../../../src/ui/trace-prefix';

const json = traceJson;
/** What the page ends with: `sent` went through structured cloning (as postMessage does), the shared part is the base's. */
const pageTrace = (base: Trace, full: Trace, n: SharedCounts): Trace => spliceShared(base, structuredClone(withoutShared(full, n)), n);
const big = (n: SharedCounts): number => n.events + n.schedDecisions + n.checkpoints;

describe('trace-prefix: shared trace arrays spliced on the page', () => {
  it('synthetic: leading elements up to the pause, at most the base run has; splice restores the trace; a base too short is an error', () => {
    const mk = (ts: number[]): Trace =>
      ({ events: ts.map((t) => ({ t })), schedDecisions: ts.map((t) => ({ t })), checkpoints: ts.map((t) => ({ t })), pmEvents: { client: ts.map((t) => ({ t })), server: [] } }) as unknown as Trace;
    const full = mk([1, 2, 3, 3, 5, 6]);
    const n = sharedCounts(full, 3, traceLengths(mk([1, 2, 3])));
    // the base stopped among the elements at t = 3: only the 3 it has are shared
    expect(n).toEqual({ events: 3, schedDecisions: 3, checkpoints: 3, pmClient: 3, pmServer: 0 });
    expect(sharedCounts(full, 3, traceLengths(mk([1, 2, 3, 3, 4]))).events).toBe(4);
    const sent = withoutShared(full, n);
    expect(sent.events.map((e) => e.t)).toEqual([3, 5, 6]);
    expect(json(spliceShared(mk([1, 2, 3]), sent, n))).toBe(json(full));
    expect(() => spliceShared(mk([1, 2]), sent, n)).toThrow(/shares 3 events with the page's run, which has 2/);
  });

  it('a fork from the page run and partial → final: the page-side trace equals the worker trace', () => {
    const sc = fourSubflows();
    const { opts, base, pool } = plannedPool(sc, 3);
    const next = scenario(withIntervention(sc, { action: 'link_down', path: 1, side: 'client' }, 1.6e9));
    const { live, resumedAt } = pool.begin(next, opts);
    expect(resumedAt).toBeGreaterThan(0);
    // past the intervention (1.6 s), so the partial result holds events of its own
    const horizon = Math.max(resumedAt, 1.6e9) + 0.3e9;
    live.advance(horizon);
    const partial = live.snapshot();
    const final = live.finish();
    // the page's full run → the partial result
    const n1 = sharedCounts(partial, resumedAt, traceLengths(base));
    expect(big(n1)).toBeGreaterThan(0);
    expect(n1.events).toBeLessThan(partial.events.length); // the intervention's own events are sent
    const page1 = pageTrace(base, partial, n1);
    expect(json(page1)).toBe(json(partial));
    // the partial result → the final one: all of the partial's arrays are shared
    const n2 = traceLengths(partial);
    const page2 = pageTrace(page1, final, n2);
    expect(json(page2)).toBe(json(final));
    // and a fork of the page's run when the page shows a partial result (its arrays end at its horizon)
    const page3 = pageTrace(partial, final, sharedCounts(final, horizon, traceLengths(partial)));
    expect(json(page3)).toBe(json(final));
  });
});
