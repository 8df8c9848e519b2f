/**
 * Messages between the page and the simulation worker (src/ui/sim.worker.ts).
 * The worker always answers a `run` with exactly one reply.
 */
import type { Check, Summary } from '../core';
import type { Scenario } from '../core/scenario/types';
import type { Trace } from '../core/sim/trace';

export interface RunRequest {
  type: 'run';
  /** Parsed scenario JSON, or the scenario text itself (then syntax errors get line and column). */
  scenarioJson: unknown;
  /** Overrides the scenario's seed. */
  seed?: number;
}

export interface ScenarioProblem {
  /** JSON path, kernel-ref notation (`scenario.paths[0].delay_ms`). */
  path: string;
  message: string;
}

export interface RunStats {
  /** Packets the simulator created. */
  packets: number;
  /** Engine events processed. */
  events: number;
  /** Simulated end time, seconds. */
  endS: number;
}

export type WorkerReply =
  /** `trace` and the validated `scenario` feed the views (timeline, topology, ladder…); `seed` is the one used. */
  | { type: 'result'; summary: Summary | null; checks: Check[]; stats: RunStats; trace: Trace; scenario: Scenario; seed: number }
  | { type: 'error'; errors: ScenarioProblem[] }
  | { type: 'crash'; message: string };
