// Forking a run at time t: the normalised scenario goes back to a kernel-ref-scenario/1 file that
// validates to the same scenario, and a console event appended at t replays identically up to t.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core';
import { eventTime, toRawScenario, withEvent } from '../../../src/core/linux/scenario-fork';
import { validateScenario } from '../../../src/core/scenario/index';
import { KERNEL_REF, REPO_ROOT } from '../../helpers/paths';
import { krefScenario, validated } from './run-helpers';

const files = [
  ...readdirSync(join(KERNEL_REF, 'scenarios')).map((f) => join(KERNEL_REF, 'scenarios', f)),
  ...readdirSync(join(REPO_ROOT, 'tests/fidelity/scenarios')).map((f) => join(REPO_ROOT, 'tests/fidelity/scenarios', f)),
].filter((f) => f.endsWith('.json'));

/** Every key the format has, every event type, per-direction shapes and a middlebox. */
const EVERYTHING = {
  name: 'everything',
  description: 'all the keys',
  notes: { lesson: 1 },
  sim: { middleboxes: [{ path: 2, dir: 'c2s', action: 'strip_options', options: ['ADD_ADDR'], on: 'ack', from_s: 0.5 }, { path: 1, dir: 'both', action: 'rewrite_payload', from_s: 1, until_s: 2 }] },
  timeout_s: 12,
  seed: 7,
  ss_interval_s: 0.5,
  static_arp: false,
  paths: [
    { name: 'wifi', delay_ms: 10, rate_mbit: 20, queue_pkts: 50, c2s: { loss_pct: 1 }, mtu: 1400, client_extra_addrs: ['10.0.1.7'], tbf: { rate_mbit: 5 } },
    { delay_ms: 30, jitter_ms: 2, rate_mbit: null, server_extra_addrs: ['10.0.2.9'] },
  ],
  client: { limits: { subflow: 3 }, endpoints: [{ path: 2, flags: ['subflow', 'backup'] }, { addr: '10.0.1.7', flags: ['subflow'], id: 9 }], mptcp_sysctl: { checksum_enabled: 1 }, sysctl: { 'net.ipv4.tcp_sack': 1 } },
  server: { limits: { add_addr_accepted: 2 }, endpoints: [{ addr: '10.0.2.9', flags: ['signal'], port: 4000 }] },
  app: { direction: 'download', duration_s: 3, congestion_control: 'reno', chunk_bytes: 1000, linger_s: 0.2, sndbuf: 65536 },
  events: [
    { at: 0.5, action: 'link_down', path: 1, side: 'both', note: 'cut' },
    { at: 0.6, action: 'link_up', path: 1 },
    { at: 0.7, action: 'shape', path: 2, dir: 'c2s', delay_ms: 5, loss_pct: 2 },
    { at: 0.8, action: 'shape_reset', path: 2 },
    { at: 0.9, action: 'endpoint_add', ns: 'client', path: 1, flags: ['subflow'] },
    { at: 1.0, action: 'endpoint_del', ns: 'client', id: 9 },
    { at: 1.1, action: 'endpoint_change', ns: 'client', path: 2, flags: ['nobackup'] },
    { at: 1.2, action: 'endpoint_flush', ns: 'server' },
    { at: 1.3, action: 'limits', ns: 'server', subflows: 4 },
    { at: 1.4, action: 'sysctl', ns: 'client', key: 'net.mptcp.add_addr_timeout', value: 30 },
    { at: 1.5, action: 'addr_add', ns: 'client', path: 2, addr: '10.0.2.50' },
    { at: 1.6, action: 'ss' },
    { at: 1.7, action: 'cmd', ns: 'wire', argv: ['true'] },
  ],
  capture: { side: 'both', snaplen: 256 },
  analysis: { bin_s: 0.05 },
  expect: { min_subflows: 1, stream_intact: true },
};

describe('toRawScenario', () => {
  for (const f of files) {
    it(`${f.split('/').slice(-2).join('/')}: round-trips through the validator`, () => {
      const s = validated(JSON.parse(readFileSync(f, 'utf8')));
      const again = validateScenario(JSON.parse(JSON.stringify(toRawScenario(s))));
      expect(again.ok && again.scenario).toEqual(s);
    });
  }

  it('round-trips a scenario that uses every key and every event type', () => {
    const s = validated(EVERYTHING);
    const again = validateScenario(JSON.parse(JSON.stringify(toRawScenario(s))));
    expect(again.ok && again.scenario).toEqual(s);
  });

  it('leaves defaults out, so the editor shows a short file', () => {
    const raw = toRawScenario(validated(krefScenario('a_aggregation')));
    expect(Object.keys(raw)).toEqual(['schema', 'name', 'description', 'paths', 'client', 'server', 'app', 'expect']);
    expect(raw.paths).toEqual([
      { name: 'fast', delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
      { name: 'slow', delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
    ]);
  });
});

describe('withEvent: the fork', () => {
  it('event times are seconds to the microsecond', () => {
    expect(eventTime(1_234_567_891)).toBe(1.234568);
  });

  it('a console event at t leaves the run unchanged before t and takes effect at t', () => {
    const raw = krefScenario('a_aggregation');
    (raw.app as Record<string, unknown>).bytes = 600_000;
    const s = validated(raw);
    const t = 300_000_000;
    const forked = validated(withEvent(s, { at: eventTime(t), action: 'endpoint_change', ns: 'client', id: 1, flags: ['backup', 'nofullmesh'] }));
    expect(forked.events).toHaveLength(1);
    const a = simulate(s, { captures: false, summary: false, digests: false }).trace;
    const b = simulate(forked, { captures: false, summary: false, digests: false }).trace;
    const before = (tr: typeof a): unknown[] => tr.pmEvents.client.filter((e) => e.t < t);
    expect(before(b)).toEqual(before(a));
    expect(b.events.find((e) => e.type === 'scenarioEvent')).toMatchObject({ t, action: 'endpoint_change', ok: true });
    expect(b.counters.client.MPTcpExt.MPPrioTx ?? 0).toBe(1);
    expect(a.counters.client.MPTcpExt.MPPrioTx ?? 0).toBe(0);
  });
});
