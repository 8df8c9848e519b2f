/**
 * The page's side of the simulation worker: one run at a time, reactive state for the views.
 * A new run while one is going replaces the worker (the old run is abandoned, not queued).
 */
import type { CaptureRecord } from '../core/sim/trace';
import { RUN_RESULT_MARK, type CancelRequest, type CursorRequest, type MoreRequest, type RunRequest, type ScenarioProblem, type WorkerReply } from './worker-protocol';
import { primeLadder } from '../viz/ladder-cache';
import { spliceShared } from './trace-prefix';
import { prefixThen } from '../core/sim/prefix';
import { toRawScenario } from '../core/linux/scenario-fork';
import { SCRIPT_RUN_BUDGET_MS, scriptPaths } from './script-watchdog';

/** Results kept for undo/redo (each holds its trace: a long run's is tens of MB, mostly shared records). */
const KEPT_RESULTS = 8;

export type RunState =
  | { kind: 'idle' }
  | { kind: 'running' }
  /** The worker's result as the views read it (topology: the model without packet objects, when the worker built it). */
  | ({ kind: 'done'; wallMs: number } & Pick<Extract<WorkerReply, { type: 'result' }>, 'summary' | 'checks' | 'stats' | 'trace' | 'scenario' | 'seed' | 'topology' | 'runId' | 'partial'>)
  | { kind: 'invalid'; errors: ScenarioProblem[] }
  | { kind: 'crash'; message: string }
  /** A run with a user script went past its budget: the worker was terminated (script-watchdog.ts). */
  | { kind: 'stuck'; budgetS: number; scripts: string[] };

export class SimRunner {
  state = $state.raw<RunState>({ kind: 'idle' });
  #worker: Worker | null = null;
  #busy = false;
  #watchdog: ReturnType<typeof setTimeout> | null = null;
  /** The last runs' results by scenario text and seed: going back (undo, redo) shows one again without a run. */
  // not reactive state: a lookup table the views never read
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #results = new Map<string, Extract<RunState, { kind: 'done' }>>();
  /** The last finished run: its records are the past a forked run shares (WorkerReply `prefix`). */
  #last: Extract<RunState, { kind: 'done' }> | null = null;

  constructor(
    /** Budget of a run with a user script, ms (tests shorten it). */
    readonly scriptBudgetMs = SCRIPT_RUN_BUDGET_MS,
    /** Makes the worker instead of the bundled URL (the embed bundle, served from another origin: src/embed/worker-url.ts). */
    readonly makeWorker: (() => Worker) | null = null,
  ) {}

  get running(): boolean {
    return this.state.kind === 'running';
  }

  /** A partial result is shown and the rest of its run is being computed. */
  get computing(): boolean {
    return this.state.kind === 'done' && this.state.partial !== undefined;
  }

  /** The request in flight (RunRequest.id) and whether its scenario has scripts (the watchdog ends the worker). */
  #reqId = 0;
  #scripted = false;
  /** Stop listening to the request in flight. */
  #detach: (() => void) | null = null;

  /**
   * The cursor rests at `t` (ns): the worker pauses a run of the result on screen just before it,
   * so an intervention there is computed from there (worker-protocol.ts CursorRequest).
   */
  cursor(t: number): void {
    const runId = this.#last?.runId;
    if (this.#worker === null || runId === undefined || this.#busy) return;
    this.#worker.postMessage({ type: 'cursor', t, run: runId } satisfies CursorRequest);
  }

  #spawn(): Worker {
    // Vite bundles the worker only when it sees exactly `new Worker(new URL('…', import.meta.url))`;
    // the URL is used once, so Svelte's reactive SvelteURL would be pointless here.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const w = this.makeWorker ? this.makeWorker() : new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
    w.addEventListener('error', (ev) => {
      ev.preventDefault();
      this.#finish({ kind: 'crash', message: ev.message || 'the simulation worker failed to start' });
      this.#drop();
    });
    w.addEventListener('messageerror', () => this.#finish({ kind: 'crash', message: 'the result could not be read (messageerror)' }));
    return w;
  }

  #drop(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#last = null; // a new worker numbers its runs afresh
  }

  #finish(s: RunState): void {
    if (this.#watchdog !== null) clearTimeout(this.#watchdog);
    this.#watchdog = null;
    this.#busy = false;
    this.state = s;
  }

  /**
   * Start a run of `scenarioText` (JSON text); `seed` overrides the scenario's seed. A scenario and
   * seed run a moment ago (undo, redo) show that result again: the run is a pure function of them.
   */
  run(scenarioText: string, seed?: number, cursorNs?: number): void {
    // a run without scripts is cancelled by the next request (the worker keeps its paused runs);
    // one with scripts may be stuck in a script: end the worker
    if (this.#busy && this.#scripted) this.#drop();
    else if (this.#busy) this.#worker?.postMessage({ type: 'cancel' } satisfies CancelRequest);
    this.#detach?.();
    this.#detach = null;
    const key = `${String(seed)}\n${scenarioText}`;
    const known = this.#results.get(key);
    if (known && scriptPaths(scenarioText).length === 0) {
      const started = performance.now();
      this.#results.delete(key);
      this.#results.set(key, known);
      this.#last = known;
      performance.mark(RUN_RESULT_MARK, { detail: { computeMs: 0, wallMs: 0, reused: true } });
      this.#finish({ ...known, wallMs: performance.now() - started });
      return;
    }
    const worker = (this.#worker ??= this.#spawn());
    let base = this.#last;
    const id = ++this.#reqId;
    this.#busy = true;
    this.#scripted = scriptPaths(scenarioText).length > 0;
    this.state = { kind: 'running' };
    const started = performance.now();
    // a chunked result (view-handoff.ts): the records first, each chunk asked for in turn
    let records: CaptureRecord[] = [];
    const onMessage = (ev: MessageEvent<WorkerReply>): void => {
      if (worker !== this.#worker) {
        worker.removeEventListener('message', onMessage);
        return; // a newer run replaced this worker
      }
      const r = ev.data;
      if ((r.type === 'records' || r.type === 'result') && r.id !== undefined && r.id !== id) return; // an older request's
      if (r.type === 'records') {
        for (const rec of r.records) records.push(rec);
        worker.postMessage({ type: 'more' } satisfies MoreRequest);
        return;
      }
      if (r.type !== 'result' || !r.partial) detach();
      if (r.type === 'result') {
        // for `npm run bench:ui`: how the wait split into the worker's compute and the transfer of the result
        performance.mark(RUN_RESULT_MARK, {
          detail: { computeMs: r.computeMs ?? null, modelsMs: r.modelsMs ?? null, wallMs: performance.now() - started, resumedAtNs: r.resumedAtNs ?? 0, sharedRecords: r.prefix?.count ?? 0, newRecords: records.length, partial: r.partial ?? null, endNs: r.trace.end },
        });
        // a forked run: its first records are those of the run the page has (the shared past)
        const shared = r.prefix && base?.runId === r.prefix.run ? base.trace.captures : null;
        if (r.prefix && !shared) {
          this.#finish({ kind: 'crash', message: `the result refers to run ${r.prefix.run}, which the page does not have` });
          return;
        }
        const captures = shared && r.prefix ? prefixThen(shared, r.prefix.count, records) : records;
        let sent = r.trace;
        try {
          // the other large arrays' shared elements too (trace-prefix.ts)
          if (r.prefix?.shared && base) sent = spliceShared(base.trace, r.trace, r.prefix.shared);
        } catch (e) {
          this.#finish({ kind: 'crash', message: e instanceof Error ? e.message : String(e) });
          return;
        }
        const trace = shared || records.length > 0 ? { ...sent, captures } : sent;
        try {
          if (r.ladder) primeLadder(trace.captures, r.ladder);
        } catch (e) {
          console.warn(e); // a model that does not fit is a bug; the ladder then builds its own
        }
        const done: Extract<RunState, { kind: 'done' }> = {
          kind: 'done',
          wallMs: performance.now() - started,
          summary: r.summary,
          checks: r.checks,
          stats: r.stats,
          trace,
          scenario: r.scenario,
          seed: r.seed,
          ...(r.topology ? { topology: r.topology } : {}),
          ...(r.runId !== undefined ? { runId: r.runId } : {}),
          ...(r.partial ? { partial: r.partial } : {}),
        };
        this.#last = done;
        if (r.partial) {
          // shown now; the final result follows and takes its records from this one
          base = done;
          records = [];
          this.state = done;
          return;
        }
        this.#results.set(key, done);
        // undo/redo re-run a history version as the normalised scenario's text (Playback.moveHistory → App's fork)
        this.#results.set(`${String(seed)}\n${JSON.stringify(toRawScenario(r.scenario), null, 2)}\n`, done);
        for (const k of this.#results.keys()) if (this.#results.size > KEPT_RESULTS) this.#results.delete(k);
        this.#finish(done);
      } else if (r.type === 'error') {
        this.#finish({ kind: 'invalid', errors: r.errors });
      } else {
        this.#finish({ kind: 'crash', message: r.message });
      }
    };
    worker.addEventListener('message', onMessage);
    const detach = (): void => worker.removeEventListener('message', onMessage);
    this.#detach = detach;
    // [script watchdog] a user script may loop forever: end the worker after the budget, keep the page
    if (this.#watchdog !== null) clearTimeout(this.#watchdog);
    this.#watchdog = null;
    const scripts = scriptPaths(scenarioText);
    if (scripts.length > 0) {
      this.#watchdog = setTimeout(() => {
        if (worker !== this.#worker) return;
        this.#drop();
        this.#finish({ kind: 'stuck', budgetS: this.scriptBudgetMs / 1000, scripts });
      }, this.scriptBudgetMs);
    }
    const req: RunRequest = {
      type: 'run',
      scenarioJson: scenarioText,
      ...(seed === undefined ? {} : { seed }),
      chunked: true,
      id,
      ...(base?.runId !== undefined ? { baseRun: base.runId } : {}),
      ...(cursorNs === undefined ? {} : { cursorNs }),
    };
    worker.postMessage(req);
  }
}
