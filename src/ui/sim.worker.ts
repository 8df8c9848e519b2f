/**
 * The simulation runs here, off the page's main thread, so the page never freezes (design.md §3).
 * Protocol: src/ui/worker-protocol.ts. Every request gets one reply, and any error that escapes
 * anyway is reported as a `crash` message rather than dying silently.
 */
import { errorMessage, finishRunRequest, partialRunReply, startRunRequest } from './run-request';
import type { SimulationInProgress } from '../core';
import type { WorkerReply } from './worker-protocol';
import { handleBaselineRequest, isBaselineRequest } from './baseline-request';
import { buildViewModels, MoreGate, sendRecords, viewModelTransferables, type ViewState } from './view-handoff';
import { firstEventDifference, ForkPool, scenarioBase } from '../core/sim/fork';
import type { Scenario } from '../core/scenario/types';
import { sharedCounts, traceLengths, withoutShared, type SharedCounts } from './trace-prefix';

/** Paused runs per scenario (at end × k / (n + 1)): more pause closer to any time, and cost idle time and memory. */
const FORK_PAUSES = 6;
/** Simulated time a paused run advances per step, and wall ms of steps per idle task. */
const FORK_STEP_NS = 50e6;
const IDLE_SLICE_MS = 12;
/** Runs the worker remembers the scenario of (the page's undo history reaches back that far in one go; a progressive intervention numbers two: partial and final). */
const RECENT_RUNS = 24;

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(msg: WorkerReply, transfer: Transferable[] = []): void {
  try {
    scope.postMessage(msg, transfer);
  } catch (e) {
    // e.g. DataCloneError: something in the summary cannot be cloned.
    scope.postMessage({ type: 'crash', message: `could not send the result: ${errorMessage(e)}` } satisfies WorkerReply);
  }
}

/** The `more` messages of the request being answered (a new request gets a new gate: the old one's wait ends there). */
let gate = new MoreGate();

/** Paused runs of the current scenario (core/sim/fork.ts), advanced in idle time. */
const forks = new ForkPool({ count: FORK_PAUSES });
/** The last runs' scenarios, by runId: does the page's run share the new run's past? (horizon: a partial run's records end there) */
const recent = new Map<number, { scenario: Scenario; seed: number; horizonNs: number; lengths: SharedCounts }>();
let nextRunId = 1;
/**
 * The views' models of the last runs sent, by runId (view-handoff.ts ViewState): the next
 * intervention forks one of them (the page's run, or the partial result before the final one).
 * A few tens of MB each on a long run.
 */
const viewStates = new Map<number, ViewState>();
const VIEW_STATES = 3;
let idle: ReturnType<typeof setTimeout> | null = null;
/** The request being answered (RunRequest.id): a newer one cancels the rest of an older one's work. */
let current = 0;
/** A run is being computed in slices (the idle work waits). */
let computing = false;

/** Advance the paused runs a few ms at a time, so a request waits at most one slice. */
function idleWork(): void {
  idle = null;
  if (computing) return; // the run in slices schedules it again when it is done
  const start = performance.now();
  let more = true;
  while (more && performance.now() - start < IDLE_SLICE_MS) more = forks.work(FORK_STEP_NS);
  if (more) idle = setTimeout(idleWork, 0);
}

function startIdle(): void {
  if (idle === null) idle = setTimeout(idleWork, 0);
}

type ResultReply = Extract<WorkerReply, { type: 'result' }>;

/**
 * How many records of the page's run `baseRun` the result `r` shares: the run went on from a
 * pause at resumedAtNs, and the page's run has the same past up to there (up to its horizon when
 * it is a partial result).
 */
function sharedPrefix(r: ResultReply, baseRun: number | undefined): Prefix | null {
  const base = baseRun === undefined ? undefined : recent.get(baseRun);
  if (base === undefined) return null;
  const at = Math.min(r.resumedAtNs ?? 0, base.horizonNs);
  if (at <= 0 || base.seed !== r.seed || scenarioBase(base.scenario) !== scenarioBase(r.scenario)) return null;
  if (firstEventDifference(base.scenario.events, r.scenario.events) <= at) return null;
  const caps = r.trace.captures;
  let lo = 0;
  let hi = caps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (caps[mid].t <= at) lo = mid + 1;
    else hi = mid;
  }
  return { run: baseRun!, count: lo, shared: sharedCounts(r.trace, at, base.lengths) };
}

/** The records and other trace arrays a result shares with a run the page has (WorkerReply `prefix`). */
type Prefix = { run: number; count: number; shared: SharedCounts };

const isType = (m: unknown, type: string): boolean => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;
const field = (m: unknown, k: string): number | undefined => {
  const v = (m as Record<string, unknown>)[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const wantsChunks = (m: unknown): boolean => typeof m === 'object' && m !== null && (m as { chunked?: unknown }).chunked === true;

/**
 * A chunked result (view-handoff.ts): the records as the page asks, then the result with the
 * views' models. `prefix`: the records the page already has (the past its run shares with this one) are not sent again.
 */
async function replyChunked(r: ResultReply, started: number, prefix: Prefix | null, id: number | undefined): Promise<void> {
  // a fork's models go on from those of the run it shares its first records with (a partial result's for the final one)
  const base = prefix ? viewStates.get(prefix.run) : undefined;
  if (base && prefix) {
    // the most recently used last out: the page's run stays while its forks come and go (interventions, undo)
    viewStates.delete(prefix.run);
    viewStates.set(prefix.run, base);
  }
  const models = buildViewModels(r.trace, r.scenario, { ...(base && prefix ? { from: { state: base, shared: prefix.count } } : {}), keep: r.runId !== undefined });
  if (r.runId !== undefined && models.state) {
    viewStates.set(r.runId, models.state);
    for (const k of viewStates.keys()) if (viewStates.size > VIEW_STATES) viewStates.delete(k);
  }
  const computeMs = performance.now() - started;
  const records = prefix ? r.trace.captures.slice(prefix.count) : r.trace.captures;
  const g = gate;
  await sendRecords(records, g, (chunk, total) => reply({ type: 'records', records: chunk, total, ...(id === undefined ? {} : { id }) }));
  if (g !== gate) return; // a newer request: this result is not wanted any more
  // the shared arrays' first elements stay out of the message too (trace-prefix.ts): the page has them
  const trace = prefix ? withoutShared(r.trace, prefix.shared) : r.trace;
  reply({ ...r, trace: { ...trace, captures: [] }, computeMs, modelsMs: models.deriveMs, topology: models.topology, ladder: models.ladder, ...(prefix ? { prefix } : {}), ...(id === undefined ? {} : { id }) }, viewModelTransferables(models));
}

/** Number the result and remember its scenario (a few runs back: the page may go back with undo). */
function remember(r: WorkerReply): WorkerReply {
  if (r.type !== 'result') return r;
  const runId = nextRunId++;
  recent.set(runId, { scenario: r.scenario, seed: r.seed, horizonNs: r.partial ? r.partial.horizonNs : Infinity, lengths: traceLengths(r.trace) });
  for (const id of recent.keys()) if (recent.size > RECENT_RUNS) recent.delete(id);
  return { ...r, runId };
}

/** Simulated time computed before the partial result: at least this past max(cursor, resumed time)… */
const AHEAD_MIN_NS = 0.25e9;
/** …then more while the wall time since the request is under this (ms)… */
const PARTIAL_BUDGET_MS = 120;
/** …up to this far. */
const AHEAD_MAX_NS = 2e9;
const AHEAD_STEP_NS = 20e6;
/** Wall ms of simulation per task while the rest is computed (a newer request waits at most this). */
const REST_SLICE_MS = 30;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Progressive result (issue 5): an intervention that went on from a paused run is computed a
 * little past the cursor and sent (partial), then the rest in slices, then the final result; the
 * page shows the partial one at once. A newer request (`current`) stops it between slices.
 */
async function progressive(sim: SimulationInProgress, started: number, from: number, baseRun: number | undefined, id: number | undefined): Promise<void> {
  const mine = current;
  const live = sim.live;
  live.advance(from + AHEAD_MIN_NS);
  while (!live.ended && live.now < from + AHEAD_MAX_NS && performance.now() - started < PARTIAL_BUDGET_MS) live.advance(live.now + AHEAD_STEP_NS);
  let partial: WorkerReply | null = null;
  if (!live.ended) {
    partial = remember(partialRunReply(sim));
    if (partial.type !== 'result') return reply(partial);
    await replyChunked(partial, started, sharedPrefix(partial, baseRun), id);
  }
  computing = true;
  let r: WorkerReply;
  try {
    while (!live.ended) {
      await nextTask();
      if (mine !== current) return; // cancelled by a newer request
      const t0 = performance.now();
      while (!live.ended && performance.now() - t0 < REST_SLICE_MS) live.advance(live.now + AHEAD_STEP_NS);
    }
    r = remember(finishRunRequest(sim));
  } finally {
    computing = false;
    startIdle();
  }
  if (mine !== current) return;
  if (r.type !== 'result') return reply(r);
  // the partial result's records are the first ones of this one
  const prefix = partial?.type === 'result' && partial.runId !== undefined ? { run: partial.runId, count: partial.trace.captures.length, shared: traceLengths(partial.trace) } : sharedPrefix(r, baseRun);
  await replyChunked(r, started, prefix, id);
}

function onRun(msg: unknown): void {
  const started = performance.now();
  const id = field(msg, 'id');
  current = id ?? current + 1;
  gate = new MoreGate();
  const s = startRunRequest(msg, forks);
  if (s.kind === 'reply') return reply(s.reply);
  const sim = s.sim;
  const baseRun = field(msg, 'baseRun');
  const fail = (e: unknown): void => reply({ type: 'crash', message: errorMessage(e) });
  if (wantsChunks(msg) && sim.fork !== null && sim.fork.resumedAt > 0) {
    progressive(sim, started, Math.max(sim.fork.resumedAt, field(msg, 'cursorNs') ?? 0), baseRun, id).catch(fail);
    return;
  }
  const r = remember(finishRunRequest(sim));
  if (r.type === 'result' && wantsChunks(msg)) replyChunked(r, started, sharedPrefix(r, baseRun), id).catch(fail);
  else reply(r.type === 'result' ? { ...r, computeMs: performance.now() - started, ...(id === undefined ? {} : { id }) } : r);
  // then, in idle time, pause runs of this scenario for the next intervention
  startIdle();
}

/** The page's cursor rests at t on one of its runs: pause a run of that scenario just before t. */
function onCursor(msg: unknown): void {
  const t = field(msg, 't');
  const run = field(msg, 'run');
  const r = run === undefined ? undefined : recent.get(run);
  if (t === undefined || r === undefined) return;
  // 1 ms before: an intervention at the cursor (its time in seconds, rounded) lands after the pause
  if (forks.aim(r.scenario, r.seed, Math.max(0, t - 1e6))) startIdle();
}

scope.addEventListener('message', (ev: MessageEvent<unknown>) => {
  if (isType(ev.data, 'more')) gate.release();
  else if (isType(ev.data, 'cursor')) onCursor(ev.data);
  else if (isType(ev.data, 'cancel')) {
    current++;
    gate = new MoreGate();
  }
  else if (isBaselineRequest(ev.data)) scope.postMessage(handleBaselineRequest(ev.data));
  else onRun(ev.data);
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
