/**
 * The simulation worker of an embed. A page may only start a worker from its own origin, but the
 * embed bundle is usually served from another one (the docs site loads it from where the
 * playground lives). Then a tiny module worker made from a blob (same origin as the page) imports
 * the bundled worker by its absolute URL (a CORS request: the playground's server must allow it,
 * as GitHub Pages and most static hosts do).
 */
import simWorkerUrl from '../ui/sim.worker.ts?worker&url';

/** Absolute URL of the bundled simulation worker. */
export function simWorkerHref(base: string = import.meta.url): string {
  return new URL(simWorkerUrl, base).href;
}

/** The body of the same-origin shim worker that loads `href`. */
export function shimSource(href: string): string {
  return `import ${JSON.stringify(href)};\n`;
}

export function makeSimWorker(): Worker {
  const href = simWorkerHref();
  if (new URL(href).origin === globalThis.location.origin) return new Worker(href, { type: 'module', name: 'simulation' });
  const blob = new Blob([shimSource(href)], { type: 'text/javascript' });
  const url = URL.createObjectURL(blob);
  const w = new Worker(url, { type: 'module', name: 'simulation' });
  // the worker has fetched its script once it answers; revoking later is harmless, revoking now is not
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return w;
}
