/**
 * Progressive results of a forked run (issue 5: an intervention re-renders at once; src/core/sim/fork.ts
 * LiveRun, RunSession.snapshot): the partial trace at a horizon is the final trace's prefix, taking
 * it does not change the run, and a paused run aimed at the cursor (ForkPool.aim) forks there exactly.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../helpers/scenario';
import { GALLERY } from '../../../src/ui/gallery/scenarios';
import { FORK_OPTS, fourSubflows, plannedPool, traceJson } from '../../helpers/fork';
import { RunSession, runScenario } from '../../../src/core/sim/run';
import { withIntervention } from '../../../src/viz/timeline-scenario';
import type { Trace } from '../../../src/core/sim/trace';

const json = traceJson;
const upTo = <T extends { t: number }>(xs: readonly T[], h: number): T[] => xs.filter((x) => x.t <= h);

/** Everything a partial trace at `h` shows agrees with the final trace up to `h`. */
function expectPrefix(part: Trace, final: Trace, h: number): void {
  expect(part.end).toBe(h);
  expect(part.status).toBe('until');
  expect(part.captures.length).toBeGreaterThan(0);
  expect(json(part.captures)).toBe(json(upTo(final.captures, h)));
  expect(json(part.events)).toBe(json(upTo(final.events, h)));
  expect(json(part.checkpoints)).toBe(json(upTo(final.checkpoints, h)));
  for (const side of ['client', 'server'] as const) expect(json(part.pmEvents[side])).toBe(json(upTo(final.pmEvents[side], h)));
  for (let i = 0; i < part.series.length; i++) expect(json(part.series[i].t)).toBe(json(final.series[i].t.filter((t) => t <= h)));
}

describe('progressive results: a partial trace is the final trace up to its horizon', () => {
  it('RunSession.snapshot at several horizons, and the run goes on unchanged', () => {
    const sc = scenario(GALLERY.find((g) => g.id === 'handover')!.scenario);
    const opts = FORK_OPTS(sc);
    const fresh = runScenario(sc, opts);
    const s = RunSession.start(sc, opts);
    const parts: [Trace, number][] = [];
    for (const h of [0.3e9, 0.6e9, 1.5e9]) {
      s.advance(h);
      parts.push([s.snapshot(), h]);
    }
    const final = s.finish();
    expect(json(final)).toBe(json(fresh));
    for (const [p, h] of parts) expectPrefix(p, final, h);
    // a snapshot has no digests (the stream is not complete) and leaves the counters alone
    expect(parts[0][0].app.client.sha256_sent ?? null).toBeNull();
    expect(() => s.snapshot()).toThrow(/already finished/);
  });

  it('a fork from a paused run: partial results, then the final trace equal to a fresh run', () => {
    const sc = fourSubflows();
    const { opts, pool } = plannedPool(sc, 3);
    const t = 1.6e9;
    const next = scenario(withIntervention(sc, { action: 'link_down', path: 1, side: 'client' }, t));
    const { live, resumedAt, sharedCaptures } = pool.begin(next, opts);
    expect(resumedAt).toBeGreaterThan(0);
    expect(sharedCaptures).toBeGreaterThan(0);
    live.advance(t + 0.25e9);
    const part = live.snapshot();
    const final = live.finish();
    const fresh = runScenario(next, opts);
    expect(json(final)).toBe(json(fresh));
    expectPrefix(part, fresh, t + 0.25e9);
  });

  it('aim: a paused run moved to the cursor forks there, for the scenario on screen, exactly', () => {
    const sc = fourSubflows();
    const { opts, pool } = plannedPool(sc, 2);
    // the page went back (undo) to another version, sharing the past up to 0.9 s: the cursor rests at 2.2 s
    const onScreen = scenario(withIntervention(sc, { action: 'shape', path: 2, dir: 'both', set: { delay_ms: 5 } }, 0.9e9));
    const cursor = 2.2e9;
    expect(pool.aim(onScreen, opts.seed, cursor - 1e6)).toBe(true);
    while (pool.work(50e6));
    const next = scenario(withIntervention(onScreen, { action: 'link_down', path: 3, side: 'both' }, cursor));
    const r = pool.run(next, opts);
    expect(r.resumedAt).toBe(cursor - 1e6);
    expect(json(r.trace)).toBe(json(runScenario(next, opts)));
    // a scenario with another seed is not aimed at
    expect(pool.aim(onScreen, opts.seed + 1, cursor)).toBe(false);
  });

  it('aim before every paused run starts a run of its own, which still forks exactly', () => {
    const sc = fourSubflows();
    const { opts, pool } = plannedPool(sc, 1);
    expect(pool.aim(sc, opts.seed, 0.4e9)).toBe(true);
    while (pool.work(50e6));
    const next = scenario(withIntervention(sc, { action: 'link_down', path: 2, side: 'both' }, 0.4e9 + 1e6));
    const r = pool.run(next, opts);
    expect(r.resumedAt).toBe(0.4e9);
    expect(json(r.trace)).toBe(json(runScenario(next, opts)));
  });
});
