/**
 * sim.scheduler_script: a user JavaScript scheduler. It makes the same choices as the built-in
 * minrtt when written as minRTT, runs deterministically, and every kind of mistake stops the run
 * with a located ScriptError (script path, simulated time, what was wrong).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../src/core';
import { ScriptError } from '../../../src/core/script/script-error';
import { createFunctionRuntime } from '../../../src/core/script/function-runtime';
import { LOWEST_RTT_SCHEDULER_SCRIPT } from '../../../src/core/script/examples';
import { createScriptScheduler, SCHEDULER_SCRIPT_EXPORTS } from '../../../src/core/sched/script';
import { minrttScheduler } from '../../../src/core/sched/minrtt';
import type { SchedSubflowView, SchedView } from '../../../src/core/sched/types';
import type { ScriptSpec } from '../../../src/core/script/types';
import { errorsFor, twoPaths, twoSubflows } from './helpers';

const PATH = 'scenario.sim.scheduler_script.source';

function scriptError(source: string): ScriptError {
  try {
    simulate(twoSubflows({ scheduler_script: { side: 'client', source } }, 300000), { summary: false });
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error('the run did not fail');
}

describe('a scheduler script', () => {
  it('written as minRTT, chooses as the built-in minrtt on random views', () => {
    const spec: ScriptSpec = { kind: 'scheduler', side: 'client', source: LOWEST_RTT_SCHEDULER_SCRIPT, path: PATH, exports: SCHEDULER_SCRIPT_EXPORTS, seed: 1 };
    const script = createScriptScheduler(createFunctionRuntime().compile(spec), spec, () => 0, () => 1);
    const sf = fc.record({
      tcpCanSend: fc.boolean(), joinPending: fc.boolean(), stale: fc.boolean(), rcvSinceStale: fc.boolean(), backup: fc.boolean(), peerBackup: fc.boolean(),
      wmemQueued: fc.integer({ min: 0, max: 40000 }), srttUs: fc.integer({ min: 0, max: 200000 }), cwnd: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(sf, { minLength: 1, maxLength: 4 }), (list) => {
        const subflows: SchedSubflowView[] = list.map((s, i) => ({ ...s, id: i + 1, sndbuf: 1e6, pacingRate: 1e6, avgPacingRate: 1e6, queuesEmpty: s.wmemQueued === 0, staleCount: 0, rtxTimerRemaining: 0, rttvarUs: 0, mss: 1424 }));
        const view: SchedView = { subflows, wndEnd: 1e6, sndNxt: 0, unsentBytes: 1e6, lastSendId: null };
        expect(script.pickSend(view).subflowId).toBe(minrttScheduler.pickSend(view).subflowId);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('written as minRTT, gives the same run as sim.scheduler "minrtt" (same packets on the same paths)', () => {
    const a = simulate(twoSubflows({ scheduler_script: { source: LOWEST_RTT_SCHEDULER_SCRIPT } }));
    const b = simulate(twoSubflows({ scheduler: 'minrtt' }));
    const seq = (r: typeof a): string => r.trace.captures.filter((c) => c.pkt.payloadLen > 0).map((c) => `${c.path}:${c.pkt.seq}`).join(',');
    expect(a.trace.status).toBe('ok');
    expect(seq(a)).toBe(seq(b));
    expect(a.summary!.subflows.map((s) => s.payload_bytes)).toEqual(b.summary!.subflows.map((s) => s.payload_bytes));
    expect(a.summary!.subflows.every((s) => s.payload_bytes.c2s > 0)).toBe(true);
  });

  it('steers the data: "always the slow path" moves bytes to path 2 (more than twice what minrtt puts there)', () => {
    const src = 'function pickSend(v) { const s = v.subflows.find((x) => x.usable && x.id === 2) || v.subflows.find((x) => x.usable); return { subflow: s ? s.id : null, reason: "slow path" }; }';
    const slow = simulate(twoSubflows({ scheduler_script: { source: src } }));
    const minrtt = simulate(twoSubflows({ scheduler: 'minrtt' }));
    expect(slow.summary!.app.stream_equal).toBe(true);
    expect(slow.summary!.subflows[1].payload_bytes.c2s).toBeGreaterThan(2 * minrtt.summary!.subflows[1].payload_bytes.c2s);
  });

  it('is deterministic: a Math.random scheduler gives the same trace for the same seed', () => {
    const src = 'function pickSend(v) { const u = v.subflows.filter((s) => s.usable); return u.length ? { subflow: u[Math.floor(Math.random() * u.length)].id, reason: "dice" } : null; }';
    const run = (seed: number): string => {
      const r = simulate(twoSubflows({ scheduler_script: { source: src } }), { seed, summary: false });
      return r.trace.captures.filter((c) => c.pkt.payloadLen > 0).map((c) => `${c.t}:${c.path}:${c.pkt.seq}`).join(',');
    };
    const a = run(5);
    expect(a.length).toBeGreaterThan(1000);
    expect(run(5)).toBe(a);
  });

  it('a throw stops the run with the message, line, time and call', () => {
    const e = scriptError('function pickSend(v) {\n  if (v.subflows.length > 1) throw new Error("two!");\n  return v.subflows[0].id;\n}');
    expect(e.errors[0].path).toBe(PATH);
    expect(e.errors[0].message).toMatch(/^at t=0\.\d{6} s in pickSend \(line 2\): Error: two!$/);
  });

  it('garbage answers stop the run, each with what was wrong', () => {
    const cases: [string, RegExp][] = [
      ['function pickSend() {}', /pickSend returned nothing: return a subflow id, null \(send nothing now\), or \{ subflow, reason \}/],
      ['function pickSend() { return "fast"; }', /pickSend returned "fast": expected a subflow id \(an integer\), null, or \{ subflow, reason \}/],
      ['function pickSend() { return 1.5; }', /returned 1\.5: expected a subflow id/],
      ['function pickSend() { return { subflow: 1, why: "x" }; }', /unknown key "why" \(expected \{ subflow, reason \}\)/],
      ['function pickSend() { return { subflow: 1, reason: 7 }; }', /"reason" must be a string/],
      ['function pickSend() { return { reason: "x" }; }', /"subflow" is missing/],
      ['function pickSend() { return 7; }', /pickSend returned subflow 7, which does not exist \(subflows: 1\)/],
      ['function pickSend(v) { return v.subflows.length > 1 ? 2 : 1; }', /returned subflow 2, which cannot send now: its (join is not fully established yet|TCP state is not ESTABLISHED)/],
      ['function pickSend() { return { subflow: 1, reason: "x".repeat(300) }; }', /a reason of 300 characters \(at most 200\)/],
    ];
    for (const [src, re] of cases) {
      const e = scriptError(src);
      expect(e.errors[0].path).toBe(PATH);
      expect(e.errors[0].message).toMatch(re);
    }
  });

  it('a script without pickSend or with a syntax error fails while compiling', () => {
    expect(scriptError('function pick() {}').errors[0].message).toBe('while compiling: the script must define a function pickSend(…) (it may also define pickRetrans)');
    expect(scriptError('function pickSend( {').errors[0].message).toMatch(/^while compiling: SyntaxError: /);
    expect(scriptError('Date.now(); function pickSend() {}').errors[0].message).toMatch(/^while compiling \(line 1\): TypeError: Cannot read properties of undefined \(reading 'now'\)$/);
  });

  it('is validated with located errors', () => {
    const base = { paths: twoPaths, app: { bytes: 1000 } };
    expect(errorsFor({ ...base, sim: { scheduler_script: { source: 42 } } })).toEqual(['scenario.sim.scheduler_script.source: expected a string of JavaScript, got number']);
    expect(errorsFor({ ...base, sim: { scheduler_script: { side: 'wire', source: 'x' } } })).toEqual([`scenario.sim.scheduler_script.side: must be one of 'client', 'server', 'both', got "wire"`]);
    expect(errorsFor({ ...base, sim: { scheduler_script: { src: 'x' } } })).toEqual(['scenario.sim.scheduler_script.src: unknown key (allowed: side, source, note)', 'scenario.sim.scheduler_script.source: is required (the JavaScript text of the script)']);
    expect(errorsFor({ ...base, sim: { scheduler_script: { source: '  ' } } })).toEqual(['scenario.sim.scheduler_script.source: is empty']);
    expect(errorsFor({ ...base, sim: { scheduler_script: { source: 'x'.repeat(70000) } } })).toEqual(['scenario.sim.scheduler_script.source: is longer than 65536 bytes']);
    expect(errorsFor({ ...base, sim: { scheduler: 'rr', scheduler_script: { source: 'x' } } })).toEqual(['scenario.sim.scheduler_script.side: the client also has sim.scheduler: give a host either a named scheduler or a scheduler script']);
    expect(errorsFor({ ...base, sim: { scheduler: { server: 'rr' }, scheduler_script: { side: 'client', source: 'x' } } })).toEqual([]);
    expect(errorsFor({ ...base, sim: { scheduler_script: 'x' } })).toEqual(['scenario.sim.scheduler_script: expected an object like {"side": "client", "source": "function …"}, got string']);
  });
});
