/**
 * What the simulation worker does with one request, as a pure function so it runs (and is tested)
 * outside a Worker. It never throws: every outcome is a WorkerReply.
 */
import { createFunctionRuntime, ScriptError, simulate, UnsupportedScenarioError } from '../core';
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

/**
 * `forks`: the worker's paused runs (core/sim/fork.ts): an intervention goes on from the latest
 * one whose past it shares instead of recomputing from t = 0 (the same trace either way).
 */
export function handleRunRequest(msg: unknown, forks?: ForkPool): WorkerReply {
  try {
    if (!isRunRequest(msg)) return { type: 'crash', message: `unexpected message: ${JSON.stringify(msg)?.slice(0, 200)}` };
    if (msg.seed !== undefined && (!Number.isSafeInteger(msg.seed) || msg.seed < 0)) {
      return { type: 'error', errors: [{ path: 'seed', message: `must be a non-negative integer, got ${String(msg.seed)}` }] };
    }
    const v = typeof msg.scenarioJson === 'string' ? parseScenarioText(msg.scenarioJson) : validateScenario(msg.scenarioJson);
    if (!v.ok) return { type: 'error', errors: v.errors.map((e) => ({ path: e.path, message: e.message })) };
    // viewCaptures: the views need every packet on both hosts; summary and pcapng keep the scenario's side.
    // user scripts run in this worker with the page's clock: a call past its budget fails when it returns
    const scripts = createFunctionRuntime({ clock: () => performance.now(), callBudgetMs: SCRIPT_CALL_BUDGET_MS });
    const r = simulate(v.scenario, { seed: msg.seed, captures: true, ignored: v.ignored, viewCaptures: true, scripts, ...(forks ? { forks } : {}) });
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
    if (e instanceof UnsupportedScenarioError || e instanceof ScriptError) {
      return { type: 'error', errors: e.errors.map((u) => ({ path: u.path, message: u.message })) };
    }
    return { type: 'crash', message: errorMessage(e) };
  }
}
