/**
 * The page's side of the simulation worker: one run at a time, reactive state for the views.
 * A new run while one is going replaces the worker (the old run is abandoned, not queued).
 */
import type { Check, Summary } from '../core';
import type { Scenario } from '../core/scenario/types';
import type { Trace } from '../core/sim/trace';
import type { RunRequest, RunStats, ScenarioProblem, WorkerReply } from './worker-protocol';

export type RunState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; wallMs: number; summary: Summary | null; checks: Check[]; stats: RunStats; trace: Trace; scenario: Scenario; seed: number }
  | { kind: 'invalid'; errors: ScenarioProblem[] }
  | { kind: 'crash'; message: string };

export class SimRunner {
  state = $state.raw<RunState>({ kind: 'idle' });
  #worker: Worker | null = null;
  #busy = false;

  get running(): boolean {
    return this.state.kind === 'running';
  }

  #spawn(): Worker {
    // Vite bundles the worker only when it sees exactly `new Worker(new URL('…', import.meta.url))`;
    // the URL is used once, so Svelte's reactive SvelteURL would be pointless here.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const w = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
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
  }

  #finish(s: RunState): void {
    this.#busy = false;
    this.state = s;
  }

  /** Start a run of `scenarioText` (JSON text); `seed` overrides the scenario's seed. */
  run(scenarioText: string, seed?: number): void {
    if (this.#busy) this.#drop();
    const worker = (this.#worker ??= this.#spawn());
    this.#busy = true;
    this.state = { kind: 'running' };
    const started = performance.now();
    const onMessage = (ev: MessageEvent<WorkerReply>): void => {
      worker.removeEventListener('message', onMessage);
      if (worker !== this.#worker) return; // a newer run replaced this worker
      const r = ev.data;
      if (r.type === 'result') {
        this.#finish({ kind: 'done', wallMs: performance.now() - started, summary: r.summary, checks: r.checks, stats: r.stats, trace: r.trace, scenario: r.scenario, seed: r.seed });
      } else if (r.type === 'error') {
        this.#finish({ kind: 'invalid', errors: r.errors });
      } else {
        this.#finish({ kind: 'crash', message: r.message });
      }
    };
    worker.addEventListener('message', onMessage);
    const req: RunRequest = { type: 'run', scenarioJson: scenarioText, ...(seed === undefined ? {} : { seed }) };
    worker.postMessage(req);
  }
}
