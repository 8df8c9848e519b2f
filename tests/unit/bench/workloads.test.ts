import { describe, expect, it } from 'vitest';
import { benchWorkloads, DEFAULT_SIM_S, NS3_WORKLOADS, WALL_RATIO_TARGETS, WORKLOAD_NAMES } from '../../../bench/workloads';
import { normaliseScenario } from '../../../bench/normalise';
import { describeErrors, validateScenario, type Scenario } from '../../../src/core/scenario/index';
import { simulate } from '../../../src/core/index';

function valid(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(describeErrors(v.errors));
  return v.scenario;
}

describe('benchmark workloads (ns3-ref w1..w4 and w3-mptcp as kernel-ref-scenario/1)', () => {
  const workloads = benchWorkloads();
  const ns3 = workloads.filter((w) => NS3_WORKLOADS.includes(w.name));
  const byName = (name: string) => valid(workloads.find((w) => w.name === name)!.scenario);

  it('defines w1..w4 in order, then w3-mptcp', () => {
    expect(workloads.map((w) => w.name)).toEqual([...WORKLOAD_NAMES]);
    expect(WORKLOAD_NAMES).toEqual(['w1', 'w2', 'w3', 'w4', 'w3-mptcp']);
    expect(NS3_WORKLOADS).toEqual(['w1', 'w2', 'w3', 'w4']);
  });

  it.each(workloads.map((w) => [w.name, w] as const))('%s passes the scenario validator', (_name, w) => {
    const v = validateScenario(w.scenario);
    expect(v.ok ? [] : describeErrors(v.errors)).toEqual([]);
  });

  it.each(ns3.map((w) => [w.name, w] as const))('%s is a plain TCP reno upload for the simulated time, within its timeout', (_name, w) => {
    const s = valid(w.scenario);
    expect(s.app).toMatchObject({ direction: 'upload', client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'reno', duration_s: DEFAULT_SIM_S, bytes: null });
    expect(s.timeout_s).toBeGreaterThan(DEFAULT_SIM_S);
    for (const p of s.paths) for (const d of [p.c2s, p.s2c]) expect(d.queue_pkts).toBe(100);
  });

  it('w1 and w2 are one 20-ms path at 10 and 100 Mbit/s', () => {
    const [w1, w2] = [valid(workloads[0].scenario), valid(workloads[1].scenario)];
    expect(w1.paths.map((p) => [p.c2s.rate_mbit, p.c2s.delay_ms, p.s2c.rate_mbit, p.s2c.delay_ms])).toEqual([[10, 20, 10, 20]]);
    expect(w2.paths.map((p) => [p.c2s.rate_mbit, p.c2s.delay_ms, p.s2c.rate_mbit, p.s2c.delay_ms])).toEqual([[100, 20, 100, 20]]);
  });

  it('w3 is two 50-Mbit/s paths (20 and 40 ms) with one TCP flow per path', () => {
    const w3 = valid(workloads[2].scenario);
    expect(w3.paths.map((p) => [p.c2s.rate_mbit, p.c2s.delay_ms, p.s2c.delay_ms])).toEqual([
      [50, 20, 20],
      [50, 40, 40],
    ]);
    expect(w3.sim).toMatchObject({ tcp_flows: 'per_path' });
  });

  it('w4 loses 1 % of the data direction only, like ns-3 receiver-side error model', () => {
    const w4 = valid(workloads[3].scenario);
    expect(w4.paths).toHaveLength(1);
    expect([w4.paths[0].c2s.loss_pct, w4.paths[0].s2c.loss_pct]).toEqual([1, 0]);
    expect(w4.paths[0].c2s.rate_mbit).toBe(100);
  });

  it('w3-mptcp is w3\'s traffic as one MPTCP reno upload with a second subflow on path 2', () => {
    const [w3, m] = [byName('w3'), byName('w3-mptcp')];
    expect(m.paths.map((p) => [p.c2s, p.s2c])).toEqual(w3.paths.map((p) => [p.c2s, p.s2c]));
    expect(m.app).toMatchObject({ direction: 'upload', client_proto: 'mptcp', server_proto: 'mptcp', congestion_control: 'reno', duration_s: DEFAULT_SIM_S, bytes: null });
    expect(m.timeout_s).toBe(w3.timeout_s);
    expect(m.client.limits).toEqual({ subflows: 2, add_addr_accepted: 0 });
    expect(m.server.limits).toEqual({ subflows: 2, add_addr_accepted: 0 });
    expect(m.client.endpoints).toMatchObject([{ path: 2, flags: ['subflow'] }]);
    expect(m.sim?.tcp_flows).toBeUndefined();
  });

  it('w3-mptcp really runs two subflows, both carrying data (2 simulated seconds)', () => {
    const w = benchWorkloads(2).find((x) => x.name === 'w3-mptcp')!;
    const tr = simulate(normaliseScenario(w.scenario), { captures: false, summary: false, digests: false, series: false }).trace;
    expect(tr.status).toBe('ok');
    expect(tr.app.client.proto_socket).toBe('mptcp');
    expect(tr.pmEvents.client.filter((e) => e.type === 'SF_ESTABLISHED').map((e) => e.attrs.saddr4)).toEqual(['10.0.2.1']);
    // both paths carry a real share of the upload
    for (const l of tr.links) expect(l.c2s.tx_pkts, `path ${l.path}`).toBeGreaterThan(1000);
  });

  it('npm run bench compares w3-mptcp with w3 against the 1.5× target (issue 3)', () => {
    expect(WALL_RATIO_TARGETS).toEqual([{ workload: 'w3-mptcp', baseline: 'w3', target: 1.5 }]);
    for (const t of WALL_RATIO_TARGETS) expect(WORKLOAD_NAMES).toEqual(expect.arrayContaining([t.workload, t.baseline]));
  });

  it('BENCH_SIM_S shortens the sending time and the timeout with it', () => {
    const short = benchWorkloads(5).map((w) => valid(w.scenario));
    for (const s of short) {
      expect(s.app.duration_s).toBe(5);
      expect(s.timeout_s).toBeGreaterThan(5);
      expect(s.timeout_s).toBeLessThan(DEFAULT_SIM_S);
    }
  });
});
