/**
 * The simulation runs here, off the page's main thread, so the page never freezes (design.md §3).
 * Protocol: src/ui/worker-protocol.ts. Every request gets one reply, and any error that escapes
 * anyway is reported as a `crash` message rather than dying silently.
 */
import { errorMessage, handleRunRequest } from './run-request';
import type { WorkerReply } from './worker-protocol';
import { handleBaselineRequest, isBaselineRequest } from './baseline-request';
import { buildViewModels, MoreGate, sendRecords, viewModelTransferables } from './view-handoff';
import { firstEventDifference, ForkPool, scenarioBase } from '../core/sim/fork';
import type { Scenario } from '../core/scenario/types';

/** Paused runs per scenario (at end × k / (n + 1)): more pause closer to any time, and cost idle time and memory. */
const FORK_PAUSES = 6;
/** Simulated time a paused run advances per step, and wall ms of steps per idle task. */
const FORK_STEP_NS = 50e6;
const IDLE_SLICE_MS = 12;
/** Runs the worker remembers the scenario of (the page's undo history reaches back that far in one go). */
const RECENT_RUNS = 8;

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(msg: WorkerReply, transfer: Transferable[] = []): void {
  try {
    scope.postMessage(msg, transfer);
  } catch (e) {
    // e.g. DataCloneError: something in the summary cannot be cloned.
    scope.postMessage({ type: 'crash', message: `could not send the result: ${errorMessage(e)}` } satisfies WorkerReply);
  }
}

const gate = new MoreGate();

/** Paused runs of the current scenario (core/sim/fork.ts), advanced in idle time. */
const forks = new ForkPool({ count: FORK_PAUSES });
/** The last runs' scenarios, by runId: does the page's run share the new run's past? */
const recent = new Map<number, { scenario: Scenario; seed: number }>();
let nextRunId = 1;
let idle: ReturnType<typeof setTimeout> | null = null;

/** Advance the paused runs a few ms at a time, so a request waits at most one slice. */
function idleWork(): void {
  idle = null;
  const start = performance.now();
  let more = true;
  while (more && performance.now() - start < IDLE_SLICE_MS) more = forks.work(FORK_STEP_NS);
  if (more) idle = setTimeout(idleWork, 0);
}

/**
 * How many records of the page's run `baseRun` the result `r` shares: the run went on from a
 * pause at resumedAtNs, and the page's run has the same past up to there.
 */
function sharedPrefix(r: Extract<WorkerReply, { type: 'result' }>, baseRun: number | undefined): { run: number; count: number } | null {
  const at = r.resumedAtNs ?? 0;
  const base = baseRun === undefined ? undefined : recent.get(baseRun);
  if (at <= 0 || base === undefined || base.seed !== r.seed || scenarioBase(base.scenario) !== scenarioBase(r.scenario)) return null;
  if (firstEventDifference(base.scenario.events, r.scenario.events) <= at) return null;
  const caps = r.trace.captures;
  let lo = 0;
  let hi = caps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (caps[mid].t <= at) lo = mid + 1;
    else hi = mid;
  }
  return { run: baseRun!, count: lo };
}

const isMore = (m: unknown): boolean => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'more';
const baseRunOf = (m: unknown): number | undefined => {
  const b = (m as { baseRun?: unknown }).baseRun;
  return typeof b === 'number' ? b : undefined;
};
const wantsChunks = (m: unknown): boolean => typeof m === 'object' && m !== null && (m as { chunked?: unknown }).chunked === true;

/** A chunked result (view-handoff.ts): the models first, then the records as the page asks, then the rest. */
async function replyChunked(r: Extract<WorkerReply, { type: 'result' }>, started: number, baseRun: number | undefined): Promise<void> {
  const models = buildViewModels(r.trace, r.scenario);
  const computeMs = performance.now() - started;
  // the records the page already has (the past its run shares with this one) are not sent again
  const prefix = sharedPrefix(r, baseRun);
  const records = prefix ? r.trace.captures.slice(prefix.count) : r.trace.captures;
  await sendRecords(records, gate, (chunk, total) => reply({ type: 'records', records: chunk, total }));
  reply({ ...r, trace: { ...r.trace, captures: [] }, computeMs, topology: models.topology, ladder: models.ladder, ...(prefix ? { prefix } : {}) }, viewModelTransferables(models));
}

/** Number the result and remember its scenario (a few runs back: the page may go back with undo). */
function remember(r: WorkerReply): WorkerReply {
  if (r.type !== 'result') return r;
  const runId = nextRunId++;
  recent.set(runId, { scenario: r.scenario, seed: r.seed });
  for (const id of recent.keys()) if (recent.size > RECENT_RUNS) recent.delete(id);
  return { ...r, runId };
}

scope.addEventListener('message', (ev: MessageEvent<unknown>) => {
  if (isMore(ev.data)) gate.release();
  else if (isBaselineRequest(ev.data)) scope.postMessage(handleBaselineRequest(ev.data));
  else {
    const started = performance.now();
    const r = remember(handleRunRequest(ev.data, forks));
    if (r.type === 'result' && wantsChunks(ev.data)) replyChunked(r, started, baseRunOf(ev.data)).catch((e: unknown) => reply({ type: 'crash', message: errorMessage(e) }));
    else reply(r.type === 'result' ? { ...r, computeMs: performance.now() - started } : r);
    // then, in idle time, pause runs of this scenario for the next intervention
    if (idle === null) idle = setTimeout(idleWork, 0);
  }
});
scope.addEventListener('messageerror', () => reply({ type: 'crash', message: 'the request could not be read (messageerror)' }));
scope.addEventListener('error', (ev: ErrorEvent) => {
  ev.preventDefault();
  reply({ type: 'crash', message: ev.message || 'uncaught error in the simulation worker' });
});
scope.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  ev.preventDefault();
  reply({ type: 'crash', message: errorMessage(ev.reason) });
});
