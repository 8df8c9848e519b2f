/**
 * Shared set-up of the fork tests (tests/unit/sim/fork*.test.ts, tests/unit/ui/trace-prefix.test.ts):
 * the page's run options, a trace as comparable text, and a ForkPool planned over a scenario's run
 * with all its paused runs made.
 */
import { ForkPool } from '../../src/core/sim/fork';
import { runScenario, type RunOptions } from '../../src/core/sim/run';
import type { Scenario } from '../../src/core/scenario/types';
import type { Trace } from '../../src/core/sim/trace';
import { fourSubflowScenario } from '../../bench/ui/scenario';
import { scenario } from './scenario';

/** How the page runs a scenario (captures on both hosts, series). */
export const FORK_OPTS = (sc: Scenario): RunOptions => ({ seed: sc.seed, captures: true, series: true, viewCaptures: true });

/** A trace (or any part of it) as text: BigInts and typed arrays spelled out, so equal runs give equal text. */
export const traceJson = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));

/** The bench's four-subflow scenario, 10 Mbit/s for 3 s: long enough for several paused runs. */
export const fourSubflows = (): Scenario => scenario(fourSubflowScenario({ rateMbit: 10, durationS: 3 }));

/**
 * `sc`'s run as the page has it (`base`) and a pool of `count` paused runs over it, all made
 * (pool.work in `sliceNs` steps until nothing is left).
 */
export function plannedPool(sc: Scenario, count: number, sliceNs = 50e6): { opts: RunOptions; base: Trace; pool: ForkPool } {
  const opts = FORK_OPTS(sc);
  const base = runScenario(sc, opts);
  const pool = new ForkPool({ count });
  pool.plan(sc, opts, base);
  while (pool.work(sliceNs));
  return { opts, base, pool };
}
