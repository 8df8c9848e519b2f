/**
 * Messages between the page and the simulation worker (src/ui/sim.worker.ts).
 * The worker always answers a `run` with exactly one reply.
 */
import type { Check, Summary } from '../core';
import type { Scenario } from '../core/scenario/types';
import type { Trace } from '../core/sim/trace';
import type { TopologyCore } from '../viz/topology-model';
import type { LadderModel } from '../viz/ladder';
import type { SharedCounts } from './trace-prefix';

export interface RunRequest {
  type: 'run';
  /** Parsed scenario JSON, or the scenario text itself (then syntax errors get line and column). */
  scenarioJson: unknown;
  /** Overrides the scenario's seed. */
  seed?: number;
  /**
   * Send trace.captures as `records` chunks, each after the page's `more` (view-handoff.ts), and the
   * views' models with the result: a long run's result then never blocks the page in one task.
   */
  chunked?: boolean;
  /**
   * The `runId` of the run the page shows. When the new run went on from a paused run whose past
   * that run shares (core/sim/fork.ts), the result sends only the records after the shared ones
   * (`prefix`), and the page takes the first ones from the run it has.
   */
  baseRun?: number;
  /**
   * The page's number for this request, echoed in every reply to it: a newer request cancels an
   * older one (the worker stops computing it), and the page ignores what still arrives for the old one.
   */
  id?: number;
  /**
   * Where the page's cursor is (ns) when the run is an intervention: with `chunked`, a run that goes
   * on from a paused run first sends a partial result computed a little past max(cursor, resumed
   * time) (`partial`), then the final result (progressive result, issue 5).
   */
  cursorNs?: number;
}

/** Stop computing the request in flight (the page shows something else: undo, redo). */
export interface CancelRequest {
  type: 'cancel';
}

/**
 * The page's cursor rests at `t` (ns) on run `run` (a runId): the likely time of the next
 * intervention, so the worker pauses a run of that scenario just before it (ForkPool.aim).
 */
export interface CursorRequest {
  type: 'cursor';
  t: number;
  run: number;
}

/** The page took the last `records` chunk: send the next. */
export interface MoreRequest {
  type: 'more';
}

/**
 * The throughput chart's single-path TCP baseline: run `scenario` (a run's normalised scenario) as
 * plain TCP on its first path (core/scenario/tcp-baseline.ts) and answer with its goodput per bin.
 */
export interface BaselineRequest {
  type: 'baseline';
  /** Echoed in the reply, so a page that asked again takes only the answer to its last request. */
  id: number;
  scenario: Scenario;
  seed: number;
  binNs: number;
}

export type BaselineReply =
  | { type: 'baseline'; id: number; binNs: number; bytes: Float64Array; end: number }
  | { type: 'baselineError'; id: number; message: string };

/**
 * Performance mark the page sets at each result: detail { computeMs (in the worker), wallMs (request posted → result on the page),
 * modelsMs (of computeMs, building the views' models), resumedAtNs (the run went on from a paused run at that time; 0: from the start), sharedRecords (records taken from the page's run) },
 * or { reused: true } when a result was shown again (undo, redo).
 */
export const RUN_RESULT_MARK = 'mptcp-playground:run-result';

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
  | {
      type: 'result';
      summary: Summary | null;
      checks: Check[];
      stats: RunStats;
      trace: Trace;
      scenario: Scenario;
      seed: number;
      /** Wall ms the worker spent on the request (simulation, summary, digests), set by sim.worker.ts; the rest of the page's wait is the transfer. */
      computeMs?: number;
      /** Of computeMs, the wall ms spent building the views' models (view-handoff.ts buildViewModels). */
      modelsMs?: number;
      /** With `chunked`: the topology view's and the ladder's models, built in the worker. */
      topology?: TopologyCore;
      ladder?: LadderModel;
      /** This run's number in the worker (RunRequest.baseRun). */
      runId?: number;
      /** The run went on from a paused run at `resumedAtNs` (0: computed from the start). */
      resumedAtNs?: number;
      /**
       * trace.captures = the first `count` records of run `run` (the page's), then the records sent;
       * likewise events, schedDecisions, checkpoints and pmEvents: the first `shared` ones of run `run`, then those sent (trace-prefix.ts).
       */
      prefix?: { run: number; count: number; shared?: SharedCounts };
      /**
       * A partial result: the run computed up to `horizonNs` (trace.end), its records a prefix of the
       * final result's, which follows (same `id`) unless a newer request cancels it. No summary.
       */
      partial?: { horizonNs: number };
      /** RunRequest.id */
      id?: number;
    }
  /** With `chunked`: a slice of trace.captures, in order; the result that follows has `captures: []`. */
  | { type: 'records'; records: Trace['captures']; total: number; id?: number }
  | { type: 'error'; errors: ScenarioProblem[] }
  | { type: 'crash'; message: string };
