/**
 * Forking the timeline from a paused run (src/core/sim/fork.ts) gives exactly the trace a run from
 * t = 0 gives (design.md §3: the timeline is a pure function of scenario + seed + interventions):
 * whole traces are compared (captures with every packet field, events, counters, pmEvents,
 * schedDecisions, checkpoints, series, link stats, app results) for several scenarios and
 * interventions at seeded random times.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { scenario, tcpRaw } from '../../helpers/scenario';
import { GALLERY } from '../../../src/ui/gallery/scenarios';
import { fourSubflowScenario } from '../../../bench/ui/scenario';
import { runScenario } from '../../../src/core/sim/run';
import { firstEventDifference, hasScripts } from '../../../src/core/sim/fork';
import { plannedPool, traceJson } from '../../helpers/fork';
import { Rng } from '../../../src/core/sim/rng';
import { withIntervention, type Intervention } from '../../../src/viz/timeline-scenario';
import type { Scenario } from '../../../src/core/scenario/types';
import type { Trace } from '../../../src/core/sim/trace';

/** SHA-256 of the whole trace as JSON (bigints spelled out, typed arrays as lists). */
function traceDigest(tr: Trace): string {
  return bytesToHex(sha256(utf8ToBytes(traceJson(tr))));
}

const gallery = (id: string): Record<string, unknown> => GALLERY.find((g) => g.id === id)!.scenario;
const exercise = (file: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../content/exercises', file), 'utf8')) as { scenario: Record<string, unknown> }).scenario;

const SCENARIOS: [string, Record<string, unknown>][] = [
  ['bench four subflows (3 s)', fourSubflowScenario({ rateMbit: 10, durationS: 3 })],
  ['handover (gallery)', gallery('handover')],
  ['middlebox fallback (gallery)', gallery('middlebox-fallback')],
  ['add-addr (gallery)', gallery('add-addr')],
  ['backup (gallery)', gallery('backup')],
  ['plain TCP, 2 % loss and jitter', tcpRaw({ paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 50, loss_pct: 2, jitter_ms: 3 }], app: { bytes: 400_000, client_proto: 'tcp', server_proto: 'tcp' } })],
  ['exercise: predict the backup share', exercise('08-predict-the-backup-share.json')],
];

const INTERVENTIONS: Intervention[] = [
  { action: 'link_down', path: 1, side: 'both' },
  { action: 'link_down', path: 1, side: 'client' },
  { action: 'shape', path: 1, dir: 'both', set: { rate_mbit: 2, loss_pct: 1 } },
  { action: 'limits', ns: 'client', subflows: 0 },
];


function validated(raw: Record<string, unknown>): Scenario | null {
  try {
    return scenario(raw);
  } catch {
    return null;
  }
}

describe('fork: a run resumed from a paused run equals the run from t = 0', () => {
  for (const [name, raw] of SCENARIOS) {
    it(name, () => {
      const sc = scenario(raw);
      const { opts, base, pool } = plannedPool(sc, 3);
      expect(pool.paused.length).toBe(3);
      // the unchanged scenario from a paused run: the same trace
      const same = pool.run(sc, opts);
      expect(same.resumedAt).toBeGreaterThan(0);
      expect(traceDigest(same.trace)).toBe(traceDigest(base));
      const rng = Rng.derive(7, name);
      let forked = 0;
      for (let i = 0; i < 4; i++) {
        pool.plan(sc, opts, base);
        while (pool.work(50e6));
        const t = Math.round(rng.uniform(0.05, 0.95) * base.end);
        const next = validated(withIntervention(sc, INTERVENTIONS[i % INTERVENTIONS.length], t));
        if (next === null) continue;
        const r = pool.run(next, opts);
        const fresh = runScenario(next, opts);
        if (r.resumedAt > 0) forked++;
        expect(r.resumedAt).toBeLessThan(t);
        expect(traceDigest(r.trace), `${name}: intervention ${i} at ${t} ns, resumed at ${r.resumedAt}`).toBe(traceDigest(fresh));
      }
      expect(forked).toBeGreaterThan(0);
    });
  }

  it('an intervention before a later scenario event shifts its index, and the fork still matches', () => {
    const sc = scenario(gallery('handover')); // link_down at 0.5 s
    const { opts, pool } = plannedPool(sc, 12, 20e6); // the run lasts 3.5 s: a pause every 0.27 s
    const next = scenario(withIntervention(sc, { action: 'shape', path: 2, dir: 'both', set: { delay_ms: 5 } }, 0.45e9));
    expect(next.events[0].note).not.toBe(sc.events[0].note);
    const r = pool.run(next, opts);
    expect(r.resumedAt).toBeGreaterThan(0);
    expect(r.resumedAt).toBeLessThan(0.45e9);
    expect(traceDigest(r.trace)).toBe(traceDigest(runScenario(next, opts)));
  });

  it('pauses only where the pasts agree; scripts and other seeds never fork', () => {
    const sc = scenario(gallery('handover'));
    const { opts, pool } = plannedPool(sc, 2);
    // an event earlier than every pause point: nothing to resume from
    const early = scenario(withIntervention(sc, { action: 'link_down', path: 2, side: 'both' }, 1e6));
    expect(pool.take(early, opts)).toBeNull();
    expect(pool.take(sc, { ...opts, seed: opts.seed + 1 })).toBeNull();
    const scripted = scenario(gallery('script-scheduler'));
    expect(hasScripts(scripted)).toBe(true);
    pool.plan(scripted, opts, runScenario(scripted, opts));
    expect(pool.paused.length).toBe(0);
  });

  it('firstEventDifference compares events by index', () => {
    const a = scenario(gallery('handover')).events;
    expect(firstEventDifference(a, a)).toBe(Infinity);
    expect(firstEventDifference(a, [])).toBe(0.5e9);
    expect(firstEventDifference(a, [{ ...a[0], at: 0.7 }])).toBe(0.5e9);
  });
});
