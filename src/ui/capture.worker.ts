/**
 * Opens a capture off the page's main thread (src/core/capture/capture-trace.ts), so a large file
 * never freezes the page: the page sends the File, the worker reads it, reports progress and
 * answers with the views' inputs (trace, scenario, summary) or a located error. Cancelling is
 * terminating this worker.
 *
 * What would block the page for a large capture is done here too (view-handoff.ts): the topology
 * and ladder models are built here, and the packet records go over in chunks the page asks for.
 */
import { importCapture, PAGE_MAX_CAPTURE_BYTES, type CaptureInfo } from '../core/capture/capture-trace';
import type { CaptureError } from '../core/capture/pcap-reader';
import type { Summary } from '../core';
import type { Scenario } from '../core/scenario/types';
import type { Trace } from '../core/sim/trace';
import type { TopologyCore } from '../viz/topology-model';
import type { LadderModel } from '../viz/ladder';
import { buildViewModels, MoreGate, sendRecords, viewModelTransferables } from './view-handoff';

export type CaptureRequest =
  | { type: 'open'; file: Blob; name: string }
  /** The page has taken the last chunk of records: send the next. */
  | { type: 'more' };

export type CaptureReply =
  | { type: 'progress'; fraction: number }
  /** A slice of trace.captures, in order; the page answers `more`. The result that follows has `captures: []`. */
  | { type: 'records'; records: Trace['captures']; total: number }
  /**
   * `topology` and `ladder`: the topology view's and the ladder's models of these captures, built
   * here; `deriveMs` is what building them took.
   */
  | {
      type: 'result';
      trace: Trace;
      scenario: Scenario;
      summary: Summary;
      info: CaptureInfo;
      parseMs: number;
      topology: TopologyCore;
      ladder: LadderModel;
      deriveMs: number;
    }
  | { type: 'error'; message: string; errors: CaptureError[] }
  | { type: 'crash'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: CaptureReply, transfer: Transferable[] = []): void {
  try {
    scope.postMessage(msg, transfer);
  } catch (e) {
    scope.postMessage({ type: 'crash', message: `could not send the result: ${e instanceof Error ? e.message : String(e)}` } satisfies CaptureReply);
  }
}

const gate = new MoreGate();

async function open(file: Blob, name: string): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const t0 = performance.now();
  let last = 0;
  const r = importCapture(bytes, {
    fileName: name,
    maxBytes: PAGE_MAX_CAPTURE_BYTES,
    onProgress: (fraction) => {
      if (fraction - last >= 0.02 || fraction === 1) {
        last = fraction;
        post({ type: 'progress', fraction });
      }
    },
  });
  if (!r.ok) {
    post({ type: 'error', message: r.message, errors: r.errors.slice(0, 50) });
    return;
  }
  const parseMs = performance.now() - t0;
  const models = buildViewModels(r.value.trace, r.value.scenario);
  await sendRecords(r.value.trace.captures, gate, (records, total) => post({ type: 'records', records, total }));
  const { topology, ladder, deriveMs } = models;
  post({ type: 'result', ...r.value, trace: { ...r.value.trace, captures: [] }, parseMs, topology, ladder, deriveMs }, viewModelTransferables(models));
}

scope.addEventListener('message', (ev: MessageEvent<CaptureRequest>) => {
  const req = ev.data;
  if (req.type === 'more') {
    gate.release();
    return;
  }
  open(req.file, req.name).catch((e: unknown) => post({ type: 'crash', message: e instanceof Error ? e.message : String(e) }));
});
scope.addEventListener('error', (ev: ErrorEvent) => {
  ev.preventDefault();
  post({ type: 'crash', message: ev.message || 'uncaught error in the capture worker' });
});
