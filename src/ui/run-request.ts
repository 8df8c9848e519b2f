/**
 * What the simulation worker does with one request, as a pure function so it runs (and is tested)
 * outside a Worker. It never throws: every outcome is a WorkerReply.
 */
import { beginSimulation, createFunctionRuntime, ScriptError, UnsupportedScenarioError, type SimulationInProgress } from '../core';
import { SCRIPT_CALL_BUDGET_MS } from './script-watchdog';
import { parseScenarioText, validateScenario } from '../core/scenario';
import type { RunRequest, WorkerReply } from './worker-protocol';
import type { ForkPool } from '../core/sim/fork';

function isRunRequest(msg: unknown): msg is RunRequest {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'run';
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.stack && !e.stack.includes(e.message) ? `${e.message}\n${e.stack}` : (e.stack ?? e.message);
  return String(e);
}

/** A run that passed validation, going on in steps (core beginSimulation), or the reply that ends the request. */
export type StartedRun = { kind: 'sim'; sim: SimulationInProgress } | { kind: 'reply'; reply: WorkerReply };

function failed(e: unknown): WorkerReply {
  if (e instanceof UnsupportedScenarioError || e instanceof ScriptError) {
    return { type: 'error', errors: e.errors.map((u) => ({ path: u.path, message: u.message })) };
  }
  return { type: 'crash', message: errorMessage(e) };
}

/**
 * Validate a request and start its run (not run yet). `forks`: the worker's paused runs
 * (core/sim/fork.ts): an intervention goes on from the latest one whose past it shares instead of
 * recomputing from t = 0 (the same trace either way).
 */
export function startRunRequest(msg: unknown, forks?: ForkPool): StartedRun {
  try {
    if (!isRunRequest(msg)) return { kind: 'reply', reply: { type: 'crash', message: `unexpected message: ${JSON.stringify(msg)?.slice(0, 200)}` } };
    if (msg.seed !== undefined && (!Number.isSafeInteger(msg.seed) || msg.seed < 0)) {
      return { kind: 'reply', reply: { type: 'error', errors: [{ path: 'seed', message: `must be a non-negative integer, got ${String(msg.seed)}` }] } };
    }
    const v = typeof msg.scenarioJson === 'string' ? parseScenarioText(msg.scenarioJson) : validateScenario(msg.scenarioJson);
    if (!v.ok) return { kind: 'reply', reply: { type: 'error', errors: v.errors.map((e) => ({ path: e.path, message: e.message })) } };
    // viewCaptures: the views need every packet on both hosts; summary and pcapng keep the scenario's side.
    // user scripts run in this worker with the page's clock: a call past its budget fails when it returns
    const scripts = createFunctionRuntime({ clock: () => performance.now(), callBudgetMs: SCRIPT_CALL_BUDGET_MS });
    const sim = beginSimulation(v.scenario, { seed: msg.seed, captures: true, ignored: v.ignored, viewCaptures: true, scripts, ...(forks ? { forks } : {}) });
    return { kind: 'sim', sim };
  } catch (e) {
    return { kind: 'reply', reply: failed(e) };
  }
}

/** Run a started run to its end: the result, or the error that stopped it. */
export function finishRunRequest(sim: SimulationInProgress): WorkerReply {
  try {
    const r = sim.finish();
    return {
      type: 'result',
      summary: r.summary,
      checks: r.checks,
      stats: { packets: r.trace.packetsCreated, events: r.trace.engineEvents, endS: r.trace.end / 1e9 },
      trace: r.trace,
      scenario: r.scenario,
      seed: r.seed,
      ...(r.fork ? { resumedAtNs: r.fork.resumedAt } : {}),
    };
  } catch (e) {
    return failed(e);
  }
}

/**
 * The partial result of a run going on: its trace so far (a prefix of the final one), no summary
 * (it needs the whole run), `partial.horizonNs` = how far it is computed.
 */
export function partialRunReply(sim: SimulationInProgress): WorkerReply {
  try {
    const trace = sim.live.snapshot();
    return {
      type: 'result',
      summary: null,
      checks: [],
      stats: { packets: trace.packetsCreated, events: trace.engineEvents, endS: trace.end / 1e9 },
      trace,
      scenario: sim.scenario,
      seed: sim.seed,
      partial: { horizonNs: trace.end },
      ...(sim.fork ? { resumedAtNs: sim.fork.resumedAt } : {}),
    };
  } catch (e) {
    return failed(e);
  }
}

/** Validate, run to the end, reply (one request, one reply). */
export function handleRunRequest(msg: unknown, forks?: ForkPool): WorkerReply {
  const s = startRunRequest(msg, forks);
  return s.kind === 'reply' ? s.reply : finishRunRequest(s.sim);
}
