import { describe, expect, it } from 'vitest';
import { handleRunRequest } from '../../../src/ui/run-request';

const tiny = {
  name: 'tiny',
  paths: [{ delay_ms: 5, rate_mbit: 10, queue_pkts: 100 }],
  app: { bytes: 20000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' },
};

describe('simulation worker request handling', () => {
  it('runs a valid scenario and reports engine statistics', () => {
    const r = handleRunRequest({ type: 'run', scenarioJson: tiny, seed: 7 });
    expect(r.type).toBe('result');
    if (r.type !== 'result') return;
    expect(r.stats.packets).toBeGreaterThan(14); // 20 kB needs at least 14 full segments
    expect(r.stats.events).toBeGreaterThan(r.stats.packets);
    expect(r.stats.endS).toBeGreaterThan(0.01); // at least one 10 ms RTT
    expect(Array.isArray(r.checks)).toBe(true);
  });

  it('accepts scenario text and locates a JSON syntax error', () => {
    const r = handleRunRequest({ type: 'run', scenarioJson: '{\n  "name": "x",\n  oops\n}' });
    expect(r.type).toBe('error');
    if (r.type !== 'error') return;
    expect(r.errors[0].path).toBe('scenario');
    expect(r.errors[0].message).toMatch(/line 3/);
  });

  it('returns every validation error with its JSON path', () => {
    const r = handleRunRequest({ type: 'run', scenarioJson: { ...tiny, paths: [{ delay_ms: -1 }], bogus: 1 } });
    expect(r.type).toBe('error');
    if (r.type !== 'error') return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toContain('scenario.bogus');
    expect(paths).toContain('scenario.paths[0].delay_ms');
  });

  it('reports a scenario the simulator cannot run yet as located errors, not a crash', () => {
    const r = handleRunRequest({ type: 'run', scenarioJson: { ...tiny, app: { bytes: 1000, congestion_control: 'bbr', client_proto: 'tcp', server_proto: 'tcp' } } });
    expect(r).toMatchObject({ type: 'error', errors: [{ path: 'scenario.app.congestion_control' }] });
  });

  it('rejects a bad seed with a located error', () => {
    const r = handleRunRequest({ type: 'run', scenarioJson: tiny, seed: -3 });
    expect(r).toMatchObject({ type: 'error', errors: [{ path: 'seed' }] });
  });

  it('answers an unknown message with a crash reply instead of throwing', () => {
    expect(handleRunRequest({ type: 'nope' })).toMatchObject({ type: 'crash' });
    expect(handleRunRequest(undefined)).toMatchObject({ type: 'crash' });
  });
});
