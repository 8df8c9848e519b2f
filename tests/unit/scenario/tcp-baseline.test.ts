import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/core/scenario';
import { simulate } from '../../../src/core';
import { tcpBaselineScenario } from '../../../src/core/scenario/tcp-baseline';
import { scenario } from '../../helpers/scenario';

const MPTCP = scenario({
  name: 'two-paths',
  sim: { scheduler: 'minrtt', congestion_control: 'lia', notes: 'x' },
  paths: [
    { name: 'wifi', delay_ms: 10, rate_mbit: 20 },
    { name: 'lte', delay_ms: 30, rate_mbit: 10 },
  ],
  client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2 } },
  app: { bytes: 300_000 },
  events: [
    { at: 0.5, action: 'link_down', path: 1, side: 'client' },
    { at: 0.6, action: 'link_down', path: 2, side: 'both' },
    { at: 0.7, action: 'endpoint_flush', ns: 'client' },
    { at: 0.8, action: 'shape', path: 1, dir: 'c2s', delay_ms: 5 },
  ],
  expect: { mptcp: true },
});

describe('tcpBaselineScenario', () => {
  const raw = tcpBaselineScenario(MPTCP);
  const v = validateScenario(raw);

  it('keeps path 1 and its events, as one plain TCP connection with no MPTCP keys', () => {
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const s = v.scenario;
    expect(s.paths.map((p) => p.name)).toEqual(['wifi']);
    expect([s.app.client_proto, s.app.server_proto, s.app.bytes]).toEqual(['tcp', 'tcp', 300_000]);
    expect(s.events.map((e) => `${e.at} ${e.action}`)).toEqual(['0.5 link_down', '0.8 shape']);
    expect(s.client.endpoints).toEqual([]);
    expect(s.expect).toEqual({});
    expect(s.sim).toEqual({ notes: 'x' });
    expect(s.name).toBe('two-paths-tcp-baseline');
  });

  it('runs as plain TCP on the first path only', () => {
    if (!v.ok) throw new Error('invalid');
    const r = simulate(v.scenario, { summary: false, untilS: 0.4 });
    expect(r.trace.app.client.proto_socket).toBe('tcp');
    expect(new Set(r.trace.captures.map((c) => c.path))).toEqual(new Set([1]));
  });

  it('refuses a scenario without paths with a located error', () => {
    expect(() => tcpBaselineScenario({ ...MPTCP, paths: [] })).toThrow(/scenario\.paths/);
  });
});

describe('handleBaselineRequest (the worker side)', () => {
  it('answers with the baseline goodput per bin and echoes the request id', async () => {
    const { handleBaselineRequest } = await import('../../../src/ui/baseline-request');
    const r = handleBaselineRequest({ type: 'baseline', id: 7, scenario: MPTCP, seed: 1, binNs: 100e6 });
    expect(r.type).toBe('baseline');
    if (r.type !== 'baseline') return;
    expect(r.id).toBe(7);
    expect(r.bytes.reduce((a, b) => a + b, 0)).toBe(300_000);
    // one 20 Mbit/s path: no 100 ms bin carries more than 20 Mbit/s · 0.1 s = 250 kB
    expect(Math.max(...r.bytes)).toBeLessThanOrEqual(250_000);
    const bad = handleBaselineRequest({ type: 'baseline', id: 8, scenario: MPTCP, seed: 1, binNs: 0 });
    expect(bad).toMatchObject({ type: 'baselineError', id: 8 });
  });
});
