/**
 * The two sandboxes (in-thread Function runtime for the page's worker, node:vm for the CLI): the
 * globals worth reaching are shadowed, Math.random is seeded and identical in both, results come
 * back as plain data, and every failure is a ScriptFault with its kind and the user's line.
 */
import { describe, expect, it } from 'vitest';
import { createFunctionRuntime } from '../../../src/core/script/function-runtime';
import { ScriptFault, type ScriptRuntime, type ScriptSpec } from '../../../src/core/script/types';
import { createVmRuntime } from '../../../cli/script-vm';

const spec = (source: string, seed = 7): ScriptSpec => ({ kind: 'scheduler', side: 'client', source, path: 'scenario.sim.scheduler_script.source', exports: ['pickSend', 'pickRetrans'], seed });

function fault(f: () => unknown): ScriptFault {
  try {
    f();
  } catch (e) {
    if (e instanceof ScriptFault) return e;
    throw e;
  }
  throw new Error('no fault');
}

const runtimes: [string, () => ScriptRuntime][] = [
  ['Function runtime', () => createFunctionRuntime()],
  ['node:vm runtime', () => createVmRuntime({ callBudgetMs: 300 })],
];

describe.each(runtimes)('%s', (_name, make) => {
  it('hides the globals worth reaching and keeps state between calls', () => {
    const s = make().compile(spec(`let n = 0;\nfunction pickSend(v) { n++; return { n, x: v.x, kinds: [typeof globalThis, typeof self, typeof fetch, typeof postMessage, typeof Date, typeof performance, typeof setTimeout, typeof eval, typeof Function, typeof process] }; }`));
    expect([...s.defined]).toEqual(['pickSend']);
    expect(s.call('pickSend', [{ x: 4 }])).toEqual({ n: 1, x: 4, kinds: Array(10).fill('undefined') });
    expect(s.call('pickSend', [{ x: 5 }])).toMatchObject({ n: 2, x: 5 });
  });

  it('seeds Math.random: the same numbers for the same seed, in both runtimes', () => {
    const src = 'function pickSend() { return [Math.random(), Math.random(), Math.floor(Math.PI)]; }';
    const a = make().compile(spec(src, 11)).call('pickSend', []);
    const b = createFunctionRuntime().compile(spec(src, 11)).call('pickSend', []);
    const c = make().compile(spec(src, 12)).call('pickSend', []);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect((a as number[])[2]).toBe(3);
  });

  it('reports a throw with its message and the line of the user source', () => {
    const s = make().compile(spec('function pickSend(v) {\n  const x = 1;\n  throw new RangeError("no subflow " + x);\n}'));
    const f = fault(() => s.call('pickSend', [{}]));
    expect(f.kind).toBe('throw');
    expect(f.message).toBe('RangeError: no subflow 1');
    expect(f.line).toBe(3);
    const g = fault(() => make().compile(spec('\n\nnull.x;\nfunction pickSend() {}')));
    expect(g.kind).toBe('throw');
    expect(g.line).toBe(3);
    expect(fault(() => make().compile(spec('function pickSend( {'))).kind).toBe('syntax');
  });

  it('refuses a result that is not plain data', () => {
    const s = make().compile(spec('function pickSend() { const a = {}; a.self = a; return a; }'));
    const f = fault(() => s.call('pickSend', []));
    expect(f.kind).toBe('result');
    expect(f.message).toMatch(/not plain data/);
  });
});

describe('node:vm runtime', () => {
  it('ends an endless loop with a timeout fault (in a call and at the top level)', () => {
    const rt = createVmRuntime({ callBudgetMs: 100 });
    const s = rt.compile(spec('function pickSend() { for (;;) {} }'));
    const f = fault(() => s.call('pickSend', []));
    expect(f.kind).toBe('timeout');
    expect(f.message).toBe('pickSend ran for more than its budget of 100 ms (an endless loop?)');
    expect(fault(() => rt.compile(spec('while (true) {}\nfunction pickSend() {}'))).kind).toBe('timeout');
  });

  it('refuses code generation from strings inside the context', () => {
    const s = createVmRuntime().compile(spec('function pickSend() { try { return (function () {}).constructor("return 1")(); } catch (e) { return "refused"; } }'));
    expect(s.call('pickSend', [])).toBe('refused');
  });
});

describe('Function runtime', () => {
  it('fails a call that ran past its budget on the injected clock', () => {
    let now = 0;
    const rt = createFunctionRuntime({ clock: () => now, callBudgetMs: 50 });
    const s = rt.compile(spec('function pickSend(v) { return v; }'));
    now = 0;
    expect(s.call('pickSend', [1])).toBe(1);
    const slow = createFunctionRuntime({ clock: () => (now += 80), callBudgetMs: 50 });
    const f = fault(() => slow.compile(spec('function pickSend() {}')));
    expect(f.kind).toBe('timeout');
    expect(f.message).toMatch(/top level of the script ran for 80 ms, more than its budget of 50 ms/);
  });
});
