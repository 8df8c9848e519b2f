/**
 * Interventions as scenario edits (src/viz/timeline-scenario.ts): an intervention at t adds one
 * event at exactly t, so the re-run is identical to the original up to t (design.md §3). The
 * write-back of a normalised scenario is core/linux/scenario-fork.ts, tested with it.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/core/scenario/index';
import type { Scenario } from '../../../src/core/scenario/types';
import { simulate } from '../../../src/core';
import { fromSeconds } from '../../../src/core/sim/time';
import { DEFAULT_SCENARIO } from '../../../src/ui/default-scenario';
import {
  eventCommand,
  hostCommand,
  INTERVENTION_NOTE,
  interventionsOf,
  nsToAt,
  withIntervention,
} from '../../../src/viz/timeline-scenario';

function valid(raw: unknown): { scenario: Scenario; ignored: string[] } {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { scenario: v.scenario, ignored: v.ignored };
}

/** Two named paths and the link events the timeline names as commands. */
const LINKS = {
  name: 'links',
  paths: [{ name: 'wifi', delay_ms: 10 }, { delay_ms: 30 }],
  app: { bytes: 200000 },
  events: [
    { at: 1, action: 'link_down', path: 1, side: 'both' },
    { at: 1.5, action: 'link_up', path: 1 },
    { at: 0.5, action: 'shape', path: 2, dir: 'c2s', rate_mbit: 2, delay_ms: 50 },
    { at: 0.9, action: 'shape_reset', path: 2 },
  ],
};

describe('withIntervention(scenario, intervention, t)', () => {
  const base = valid(DEFAULT_SCENARIO).scenario;

  it('adds one marked event at exactly t (ns survive the trip through seconds and JSON)', () => {
    for (const t of [0, 1, 123_456_789, 2_000_000_001, 599_999_999_999]) {
      const input = withIntervention(base, { action: 'link_down', path: 2, side: 'client' }, t);
      const sc = valid(JSON.parse(JSON.stringify(input))).scenario;
      expect(sc.events).toHaveLength(1);
      expect(fromSeconds(sc.events[0].at)).toBe(t);
      expect(sc.events[0]).toMatchObject({ action: 'link_down', path: 2, side: 'client', note: INTERVENTION_NOTE });
    }
    expect(nsToAt(1_500_000_000)).toBe(1.5);
  });

  it('keeps the events already there, in time order, and lists only its own', () => {
    const one = valid(withIntervention(base, { action: 'shape', path: 1, dir: 'both', set: { rate_mbit: 2, loss_pct: 1 } }, 800_000_000)).scenario;
    const two = valid(withIntervention(one, { action: 'link_down', path: 1, side: 'both' }, 300_000_000)).scenario;
    expect(two.events.map((e) => [e.at, e.action])).toEqual([
      [0.3, 'link_down'],
      [0.8, 'shape'],
    ]);
    expect(two.events[1]).toMatchObject({ set: { rate_mbit: 2, loss_pct: 1 }, dir: 'both' });
    expect(interventionsOf(two)).toHaveLength(2);
    const withOwn = valid({ ...DEFAULT_SCENARIO, events: [{ at: 0.1, action: 'link_down', path: 1 }] }).scenario;
    expect(interventionsOf(withOwn)).toEqual([]);
  });

  it('can lift a rate limit (rate_mbit: null means unlimited)', () => {
    const sc = valid(withIntervention(base, { action: 'shape', path: 1, dir: 'c2s', set: { rate_mbit: null } }, 1e8)).scenario;
    expect(sc.events[0]).toMatchObject({ action: 'shape', set: { rate_mbit: null } });
  });

  it('writes host commands (ip mptcp endpoint / limits) as their kernel-ref events', () => {
    const add = valid(withIntervention(base, { action: 'endpoint_add', ns: 'client', path: 1, id: 7, flags: ['subflow', 'backup'] }, 2e8)).scenario;
    expect(add.events[0]).toMatchObject({ action: 'endpoint_add', ns: 'client', note: INTERVENTION_NOTE, endpoint: { path: 1, addr: '10.0.1.1', dev: 'cli-p1', id: 7, flags: ['subflow', 'backup'], port: null } });
    const del = valid(withIntervention(add, { action: 'endpoint_del', ns: 'client', id: 1 }, 3e8)).scenario;
    const change = valid(withIntervention(del, { action: 'endpoint_change', ns: 'server', id: 2, flags: ['nobackup', 'fullmesh'] }, 4e8)).scenario;
    const limits = valid(withIntervention(change, { action: 'limits', ns: 'server', subflows: 8, add_addr_accepted: 0 }, 5e8)).scenario;
    expect(limits.events.map((e) => [e.at, e.action])).toEqual([
      [0.2, 'endpoint_add'],
      [0.3, 'endpoint_del'],
      [0.4, 'endpoint_change'],
      [0.5, 'limits'],
    ]);
    expect(limits.events[1]).toMatchObject({ ns: 'client', id: 1, addr: null, path: null });
    expect(limits.events[2]).toMatchObject({ ns: 'server', id: 2, flags: ['nobackup', 'fullmesh'] });
    expect(limits.events[3]).toMatchObject({ ns: 'server', subflows: 8, add_addr_accepted: 0 });
    expect(interventionsOf(limits)).toHaveLength(4);
  });

  it('clamps t into what an event can say (0 … 600 s)', () => {
    expect((withIntervention(base, { action: 'link_up', path: 1, side: 'client' }, -5).events as { at: number }[])[0].at).toBe(0);
    expect((withIntervention(base, { action: 'link_up', path: 1, side: 'client' }, 700e9).events as { at: number }[])[0].at).toBe(600);
  });

  it('the re-run is the same run up to t, and differs after it', () => {
    const t = 300_000_000;
    const a = simulate(base, { seed: 4, summary: false, viewCaptures: true });
    const forked = valid(withIntervention(base, { action: 'link_down', path: 1, side: 'both' }, t)).scenario;
    const b = simulate(forked, { seed: 4, summary: false, viewCaptures: true });
    const big = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);
    const before = (caps: typeof a.trace.captures) => JSON.stringify(caps.filter((c) => c.t < t).map((c) => [c.t, c.side, c.pkt]), big);
    expect(before(b.trace.captures)).toBe(before(a.trace.captures));
    expect(JSON.stringify(b.trace.captures.map((c) => [c.t, c.pkt.id]))).not.toBe(JSON.stringify(a.trace.captures.map((c) => [c.t, c.pkt.id])));
  });
});

describe('eventCommand', () => {
  const sc = valid(LINKS).scenario;
  it('names link events as `ip link` commands on the scenario’s interfaces', () => {
    expect(eventCommand(sc.events.find((e) => e.action === 'link_down')!, sc)).toBe('ip link set dev cli-p1 down; ip link set dev srv-p1 down');
    expect(eventCommand(sc.events.find((e) => e.action === 'link_up')!, sc)).toBe('ip link set dev cli-p1 up');
  });
  it('lists a shape change’s values', () => {
    expect(eventCommand(sc.events.find((e) => e.action === 'shape')!, sc)).toBe('shape p2 c2s delay_ms=50 rate_mbit=2');
  });
});

describe('hostCommand / eventCommand of host events', () => {
  const sc = valid({
    ...DEFAULT_SCENARIO,
    events: [
      { at: 0.1, action: 'endpoint_add', ns: 'client', path: 1, id: 3, flags: ['subflow', 'backup'] },
      { at: 0.2, action: 'endpoint_add', ns: 'server', addr: '10.0.9.9', port: 7000, flags: ['signal'] },
      { at: 0.3, action: 'endpoint_del', ns: 'client', id: 3 },
      { at: 0.4, action: 'endpoint_del', ns: 'client', path: 2 },
      { at: 0.5, action: 'endpoint_change', ns: 'client', id: 1, flags: ['backup', 'nofullmesh'] },
      { at: 0.6, action: 'limits', ns: 'server', subflows: 4 },
      { at: 0.7, action: 'endpoint_flush', ns: 'client' },
      { at: 0.8, action: 'sysctl', ns: 'client', key: 'net.mptcp.scheduler', value: 'default' },
    ],
  }).scenario;
  const cmds = sc.events.map((e) => hostCommand(e, sc));

  it('writes them as the ip mptcp commands iproute2 takes', () => {
    expect(cmds).toEqual([
      'ip mptcp endpoint add 10.0.1.1 dev cli-p1 id 3 subflow backup',
      'ip mptcp endpoint add 10.0.9.9 port 7000 signal',
      'ip mptcp endpoint delete id 3',
      'ip mptcp endpoint delete 10.0.2.1',
      'ip mptcp endpoint change id 1 backup nofullmesh',
      'ip mptcp limits set subflows 4',
      'ip mptcp endpoint flush',
      'sysctl -w net.mptcp.scheduler=default',
    ]);
  });

  it('runs them in the host’s namespace on the timeline', () => {
    expect(eventCommand(sc.events[0], sc)).toBe('ip -n client mptcp endpoint add 10.0.1.1 dev cli-p1 id 3 subflow backup');
    expect(eventCommand(sc.events[5], sc)).toBe('ip -n server mptcp limits set subflows 4');
    expect(eventCommand(sc.events[7], sc)).toBe('ip netns exec client sysctl -w net.mptcp.scheduler=default');
  });
});
