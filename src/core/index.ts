/**
 * The core's public API. Everything outside src/core (CLI, worker, views, tests of behaviour)
 * goes through here.
 *
 *   simulate(scenario, { seed })  →  { trace, summary, checks }
 *   writeOutputs(result)          →  { 'summary.json': text, 'capture.pcapng': bytes }
 *
 * `trace` is the only door to the views (design.md §3); `summary` is kernel-ref-summary/1.
 */
import type { Scenario } from './scenario/types';
import type { CaptureRecord, Trace } from './sim/trace';
import { RunSession, type RunOptions } from './sim/run';
import { LiveRun, type ForkPool } from './sim/fork';
import { unsupportedFeatures, type Unsupported } from './sim/supported';
import { buildSummary, type Check, type Summary } from './export/summary';
import { capturesToPcapng } from './export/pcapng';
import { toJson } from './export/json';
import { streamSeed } from './net/payload';
import type { ScriptRuntime } from './script/types';

export type { Scenario } from './scenario/types';
export type { Trace, CaptureRecord } from './sim/trace';
export type { Summary, Check } from './export/summary';
export { unsupportedFeatures } from './sim/supported';
export { ScriptError } from './script/script-error';
export { createFunctionRuntime } from './script/function-runtime';
export type { ScriptRuntime } from './script/types';
export { validateScenario, parseScenarioText, describeErrors } from './scenario/index';

export interface SimOptions {
  /** Overrides scenario.seed. */
  seed?: number;
  /** Keep CaptureRecords (needed for summary.json's packet analysis and capture.pcapng). Default true. */
  captures?: boolean;
  /** Record per-socket cwnd/RTT series for the charts. Default true. */
  series?: boolean;
  /** Stop the simulation at this simulated time (seconds) even if the app is not done. */
  untilS?: number;
  /** Build summary.json (default true; benchmarks turn it off). */
  summary?: boolean;
  /** Wall-clock seconds the caller measured, written into summary.result.wall_time_s. */
  wallTimeS?: number | null;
  /** Harness-only keys the validator reported as ignored (listed in the summary). */
  ignored?: string[];
  /** Compute the SHA-256 digests of the sent/received streams (default true; benchmarks turn it off). */
  digests?: boolean;
  /**
   * Tap packets on both hosts, whatever `capture.side` says, so the views see every packet leave
   * one host and reach the other (default false). summary.json and capture.pcapng are unchanged:
   * both read only the records of the scenario's capture side.
   */
  viewCaptures?: boolean;
  /**
   * The sandbox that runs the scenario's scripts (`sim.pm_script`, `sim.scheduler_script`) and owns
   * their wall-clock budgets: the page passes an in-worker runtime with its clock, the CLI a
   * `node:vm` one. Default: the in-thread runtime without a budget (script/function-runtime.ts).
   */
  scripts?: ScriptRuntime;
  /**
   * Paused runs to resume from (sim/fork.ts): the run goes on from the latest one whose past the
   * scenario shares (the same trace as a run from t = 0), and the pool is planned for this run.
   */
  forks?: ForkPool;
}

export interface SimResult {
  scenario: Scenario;
  seed: number;
  trace: Trace;
  /** kernel-ref-summary/1, or null when SimOptions.summary is false. */
  summary: Summary | null;
  checks: Check[];
  /** With SimOptions.forks: the time (ns) the run went on from (0: from the start) and how many capture records it shares with earlier runs. */
  fork?: { resumedAt: number; sharedCaptures: number };
}

/** Thrown by simulate() for a scenario that needs something the simulator does not model yet. */
export class UnsupportedScenarioError extends Error {
  constructor(readonly errors: Unsupported[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    this.name = 'UnsupportedScenarioError';
  }
}

export function simulate(scenario: Scenario, opts: SimOptions = {}): SimResult {
  return beginSimulation(scenario, opts).finish();
}

/**
 * A simulation in steps (issue 5's progressive result): `live` advances it and takes partial
 * traces (sim/fork.ts LiveRun); `finish` runs it to its end, plans the fork pool, builds the
 * summary: the same SimResult as `simulate`.
 */
export interface SimulationInProgress {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly live: LiveRun;
  /** With SimOptions.forks: where the run went on from (SimResult.fork). */
  readonly fork: { resumedAt: number; sharedCaptures: number } | null;
  finish(): SimResult;
}

export function beginSimulation(scenario: Scenario, opts: SimOptions = {}): SimulationInProgress {
  const unsupported = unsupportedFeatures(scenario);
  if (unsupported.length > 0) throw new UnsupportedScenarioError(unsupported);
  const seed = opts.seed ?? scenario.seed;
  const wantSummary = opts.summary ?? true;
  const runOpts: RunOptions = {
    seed,
    captures: (opts.captures ?? true) || wantSummary,
    series: opts.series ?? true,
    untilS: opts.untilS,
    digestLimit: opts.digests === false ? 0 : undefined,
    viewCaptures: opts.viewCaptures,
    scripts: opts.scripts,
  };
  const begun = opts.forks?.begin(scenario, runOpts);
  const live = begun ? begun.live : new LiveRun(RunSession.start(scenario, runOpts));
  const fork = begun ? { resumedAt: begun.resumedAt, sharedCaptures: begun.sharedCaptures } : null;
  return {
    scenario,
    seed,
    live,
    fork,
    finish(): SimResult {
      const trace = live.finish();
      if (opts.forks) opts.forks.plan(scenario, runOpts, trace);
      const summary = wantSummary ? buildSummary(scenario, trace, { ignored: opts.ignored ?? [], wallTimeS: opts.wallTimeS ?? null }) : null;
      return { scenario, seed, trace, summary, checks: summary?.checks ?? [], ...(fork ? { fork } : {}) };
    },
  };
}

/** The files of a run, for the CLI (the core has no file system): summary.json and capture.pcapng. */
export function writeOutputs(result: SimResult): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  if (result.summary) files['summary.json'] = toJson(result.summary, 1) + '\n';
  files['capture.pcapng'] = capturesToPcapng(scenarioCaptures(result.scenario, result.trace.captures), (stream) => streamSeed(result.seed, stream));
  return files;
}

/** The capture records of the scenario's `capture.side` (a run with `viewCaptures` taps both hosts). */
export function scenarioCaptures(scenario: Scenario, captures: CaptureRecord[]): CaptureRecord[] {
  const side = scenario.capture.side;
  return side === 'both' ? captures : captures.filter((c) => c.side === side);
}
