import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/core/scenario/index';
import { foldStartConfig, foldStartConfigRaw } from '../../../src/core/linux/start-config';

const base = {
  schema: 'kernel-ref-scenario/1',
  name: 't',
  paths: [{ name: 'a', delay_ms: 10, rate_mbit: 10 }, { name: 'b', delay_ms: 10, rate_mbit: 10 }],
  client: { limits: { subflows: 0, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
  app: { bytes: 100000 },
};

function scenario(events: Record<string, unknown>[]) {
  const v = validateScenario({ ...base, events });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

describe('foldStartConfig', () => {
  it('turns t = 0 configuration into the hosts start configuration, in order', () => {
    const sc = foldStartConfig(
      scenario([
        { at: 0, action: 'limits', ns: 'client', subflows: 2 },
        { at: 0, action: 'endpoint_change', ns: 'client', id: 1, flags: ['backup'] },
        { at: 0, action: 'endpoint_add', ns: 'client', addr: '10.0.2.1', flags: ['signal'], id: 5 },
        { at: 0, action: 'endpoint_del', ns: 'client', id: 5 },
        { at: 0, action: 'sysctl', ns: 'server', key: 'net.mptcp.checksum_enabled', value: 1 },
        { at: 0.5, action: 'link_down', path: 1, side: 'both' },
        { at: 0, action: 'link_down', path: 2, side: 'both' },
      ]),
    );
    expect(sc.client.limits).toEqual({ subflows: 2, add_addr_accepted: 0 });
    expect(sc.client.endpoints.map((e) => [e.id, [...e.flags].sort()])).toEqual([[1, ['backup', 'subflow']]]);
    expect(sc.server.sysctl['net.mptcp.checksum_enabled']).toBe(1);
    // later events, and t = 0 events that are not host configuration, stay events
    expect(sc.events.map((e) => [e.at, e.action])).toEqual([
      [0, 'link_down'],
      [0.5, 'link_down'],
    ]);
  });

  it('flushes endpoints', () => {
    expect(foldStartConfig(scenario([{ at: 0, action: 'endpoint_flush', ns: 'client' }])).client.endpoints).toEqual([]);
  });

  it('leaves a file without t = 0 configuration, or an invalid one, as it is', () => {
    const raw = { ...base, events: [{ at: 1, action: 'limits', ns: 'client', subflows: 1 }] };
    expect(foldStartConfigRaw(raw)).toBe(raw);
    const bad = { ...base, paths: 7 };
    expect(foldStartConfigRaw(bad)).toBe(bad);
  });
});
