/**
 * The throughput chart's baseline runs: a worker of their own (so they never race the main run's
 * replies), started on the first request; one request at a time, the latest wins.
 */
import type { Scenario } from '../core/scenario/types';
import type { BaselineReply, BaselineRequest } from './worker-protocol';

export type BaselineState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; binNs: number; bytes: Float64Array; end: number }
  | { kind: 'error'; message: string };

export class BaselineRunner {
  state = $state.raw<BaselineState>({ kind: 'idle' });
  #worker: Worker | null = null;
  #seq = 0;

  request(scenario: Scenario, seed: number, binNs: number): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const w = (this.#worker ??= new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'tcp-baseline' }));
    const seq = ++this.#seq;
    this.state = { kind: 'running' };
    const onMessage = (ev: MessageEvent<BaselineReply>): void => {
      const r = ev.data;
      if (r.id !== seq) return;
      w.removeEventListener('message', onMessage);
      if (seq !== this.#seq) return; // a newer request is on its way
      this.state = r.type === 'baseline' ? { kind: 'done', binNs: r.binNs, bytes: r.bytes, end: r.end } : { kind: 'error', message: r.message };
    };
    w.addEventListener('message', onMessage);
    const req: BaselineRequest = { type: 'baseline', id: seq, scenario: $state.snapshot(scenario) as Scenario, seed, binNs };
    w.postMessage(req);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
