/**
 * The simulation runs here, off the page's main thread, so the page never freezes (design.md §3).
 * Protocol: src/ui/worker-protocol.ts. Every request gets one reply, and any error that escapes
 * anyway is reported as a `crash` message rather than dying silently.
 */
import { errorMessage, handleRunRequest } from './run-request';
import type { WorkerReply } from './worker-protocol';
import { handleBaselineRequest, isBaselineRequest } from './baseline-request';
import { buildViewModels, MoreGate, sendRecords, viewModelTransferables } from './view-handoff';

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

const isMore = (m: unknown): boolean => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'more';
const wantsChunks = (m: unknown): boolean => typeof m === 'object' && m !== null && (m as { chunked?: unknown }).chunked === true;

/** A chunked result (view-handoff.ts): the models first, then the records as the page asks, then the rest. */
async function replyChunked(r: Extract<WorkerReply, { type: 'result' }>, started: number): Promise<void> {
  const models = buildViewModels(r.trace, r.scenario);
  const computeMs = performance.now() - started;
  await sendRecords(r.trace.captures, gate, (records, total) => reply({ type: 'records', records, total }));
  reply({ ...r, trace: { ...r.trace, captures: [] }, computeMs, topology: models.topology, ladder: models.ladder }, viewModelTransferables(models));
}

scope.addEventListener('message', (ev: MessageEvent<unknown>) => {
  if (isMore(ev.data)) gate.release();
  else if (isBaselineRequest(ev.data)) scope.postMessage(handleBaselineRequest(ev.data));
  else {
    const started = performance.now();
    const r = handleRunRequest(ev.data);
    if (r.type === 'result' && wantsChunks(ev.data)) replyChunked(r, started).catch((e: unknown) => reply({ type: 'crash', message: errorMessage(e) }));
    else reply(r.type === 'result' ? { ...r, computeMs: performance.now() - started } : r);
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
