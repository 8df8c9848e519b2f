/**
 * `endpoint_del` / `endpoint_change` scenario events that name only a path resolve as kernel-ref resolves
 * them (its find_endpoint): the first endpoint the scenario configured or added on that path. An endpoint
 * the path manager made by itself (the implicit one for the local address of a join to an announced
 * address) and the initial address (id 0) are not among them, so such an event fails — as it does on the
 * real kernel run, where kernel-ref reports "no endpoint matches" — instead of changing something there.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core/index';
import { normaliseScenario } from '../../fidelity/normalise';

const paths = [1, 2, 3].map(() => ({ delay_ms: 10, rate_mbit: 10, queue_pkts: 100 }));

function run(events: Record<string, unknown>[], client: Record<string, unknown> = {}, server: Record<string, unknown> = {}) {
  const r = simulate(
    normaliseScenario({
      schema: 'kernel-ref-scenario/1',
      name: 'endpoint-events',
      paths,
      client: { limits: { subflows: 2, add_addr_accepted: 1 }, ...client },
      server: { limits: { subflows: 2, add_addr_accepted: 0 }, ...server },
      app: { direction: 'upload', bytes: 2_000_000, congestion_control: 'cubic' },
      events,
    }),
    { seed: 1 },
  );
  expect(r.trace.status).toBe('ok');
  const s = r.summary as any;
  const results = r.trace.events.filter((e: any) => e.type === 'scenarioEvent').map((e: any) => ({ ok: e.ok, detail: e.detail }));
  const mib = (side: 'client' | 'server', k: string) => (s.kernel_counters[side].MPTcpExt[k] ?? 0) as number;
  return { results, mib, subflows: s.subflows as any[] };
}

describe('endpoint events that name a path', () => {
  it('change the endpoint the scenario configured on that path', () => {
    const x = run([{ at: 0.3, action: 'endpoint_change', ns: 'client', path: 2, flags: ['backup'] }], { endpoints: [{ path: 2, flags: ['subflow'] }] });
    expect(x.results).toEqual([{ ok: true, detail: 'ip mptcp endpoint change id 1 backup' }]);
    expect(x.mib('client', 'MPPrioTx')).toBe(1);
  });

  it("do not reach the implicit endpoint of a join to an announced address", () => {
    // the server announces its path-2 address; the client joins it from its own path-2 address, with no endpoint there
    const x = run([{ at: 0.3, action: 'endpoint_change', ns: 'client', path: 2, flags: ['backup'] }], {}, { endpoints: [{ path: 2, flags: ['signal'] }] });
    expect(x.subflows).toHaveLength(2);
    expect(x.results).toEqual([{ ok: false, detail: 'no endpoint on path 2' }]);
    expect(x.mib('client', 'MPPrioTx')).toBe(0);
  });

  it('do not delete the initial address (id 0) nor another path’s endpoint', () => {
    const x = run(
      [
        { at: 0.3, action: 'endpoint_del', ns: 'client', path: 1 },
        { at: 0.4, action: 'endpoint_del', ns: 'client', path: 3 },
      ],
      { endpoints: [{ path: 2, flags: ['subflow'] }] },
    );
    expect(x.results).toEqual([
      { ok: false, detail: 'no endpoint on path 1' },
      { ok: false, detail: 'no endpoint on path 3' },
    ]);
    expect(x.mib('client', 'RmAddrTx') + x.mib('client', 'RmSubflow')).toBe(0);
  });

  it('follow endpoints added and deleted by earlier events', () => {
    const x = run([
      { at: 0.2, action: 'endpoint_add', ns: 'client', path: 3, flags: ['subflow'] },
      { at: 0.4, action: 'endpoint_del', ns: 'client', path: 3 },
      { at: 0.5, action: 'endpoint_del', ns: 'client', path: 3 },
    ]);
    expect(x.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(x.results[1].detail).toBe('ip mptcp endpoint delete id 1');
    expect(x.mib('client', 'RmSubflow')).toBe(1);
  });
});
