/**
 * The simulation runs here, off the page's main thread, so the page never freezes (design.md §3).
 * Protocol: src/ui/worker-protocol.ts. Every request gets one reply, and any error that escapes
 * anyway is reported as a `crash` message rather than dying silently.
 */
import { errorMessage, handleRunRequest } from './run-request';
import type { WorkerReply } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(msg: WorkerReply): void {
  try {
    scope.postMessage(msg);
  } catch (e) {
    // e.g. DataCloneError: something in the summary cannot be cloned.
    scope.postMessage({ type: 'crash', message: `could not send the result: ${errorMessage(e)}` } satisfies WorkerReply);
  }
}

scope.addEventListener('message', (ev: MessageEvent<unknown>) => reply(handleRunRequest(ev.data)));
scope.addEventListener('messageerror', () => reply({ type: 'crash', message: 'the request could not be read (messageerror)' }));
scope.addEventListener('error', (ev: ErrorEvent) => {
  ev.preventDefault();
  reply({ type: 'crash', message: ev.message || 'uncaught error in the simulation worker' });
});
scope.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  ev.preventDefault();
  reply({ type: 'crash', message: errorMessage(ev.reason) });
});
