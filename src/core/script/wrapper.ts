/**
 * The text every runtime compiles around a user's script: an outer (sloppy-mode) function whose
 * parameters shadow the globals worth reaching — the page, the network, timers, clocks, code
 * generation (`Function`, `eval`: only a sloppy function may name `eval` as a parameter) — and an
 * inner strict-mode function holding the user's code, a seeded `Math` (same PRNG in every runtime,
 * so the page and the CLI draw the same numbers), and a table of the functions it defined.
 *
 * This is name shadowing, not a security boundary: the real isolation is the thread the simulation
 * runs in (the page's Web Worker, which has no DOM and can be terminated; `node:vm` in the CLI).
 * Its job is determinism and clear mistakes: `Date.now()` or `fetch()` in a script fail at once.
 */

/** Globals the script cannot see (each is an `undefined` parameter). */
export const SHADOWED_GLOBALS: readonly string[] = [
  'self', 'globalThis', 'window', 'document', 'top', 'parent', 'frames', 'opener', 'global', 'process', 'require', 'module', 'exports', 'Buffer',
  'postMessage', 'onmessage', 'close', 'importScripts', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Worker', 'SharedWorker', 'BroadcastChannel',
  'indexedDB', 'caches', 'localStorage', 'sessionStorage', 'navigator', 'location', 'crypto',
  'Function', 'eval', 'WebAssembly', 'Atomics', 'SharedArrayBuffer',
  'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame',
  'Date', 'performance',
];

/** Parameter that carries the seed of the script's Math.random. */
export const SEED_PARAM = '__mptcpScriptSeed';

/**
 * `Math` with a seeded `random` (mulberry32 over a 32-bit seed): a frozen copy of the real Math's
 * functions and constants. Written as source text so every runtime evaluates the same generator.
 */
const SEEDED_MATH = `const Math = ((M, seed) => { const o = Object.create(null); for (const k of Object.getOwnPropertyNames(M)) o[k] = M[k]; let s = seed >>> 0; o.random = function random() { s = (s + 0x6d2b79f5) | 0; let t = s; t = Math_imul(t ^ (t >>> 15), t | 1); t ^= t + Math_imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; return Object.freeze(o); })(Math_real, ${SEED_PARAM});`;

/**
 * Body of the outer function. The user's first line is the body's second line (the preamble is
 * one line), so a runtime maps reported lines back by a fixed offset it measures once.
 */
export function wrapperBody(source: string, exportNames: readonly string[]): string {
  const table = exportNames.map((n) => `${JSON.stringify(n)}: typeof ${n} === 'function' ? ${n} : undefined`).join(', ');
  return (
    `const Math_real = Math, Math_imul = Math.imul; return (function () { 'use strict'; ${SEEDED_MATH}\n` +
    `${source}\n` +
    `;return { ${table} }; })();`
  );
}

/** Parameters of the outer function: the shadowed globals, then the seed. */
export function wrapperParams(): string[] {
  return [...SHADOWED_GLOBALS, SEED_PARAM];
}

/** Plain data only: a JSON round trip (undefined stays undefined); throws for cycles and BigInts. */
export function toPlain(v: unknown): unknown {
  if (v === undefined) return undefined;
  const s = JSON.stringify(v);
  return s === undefined ? undefined : (JSON.parse(s) as unknown);
}

/** Deep-freeze plain data handed to a script (its arguments cannot be changed behind the simulator's back). */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}
