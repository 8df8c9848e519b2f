import { describe, expect, it } from 'vitest';
import { benchWorkloads, DEFAULT_SIM_S, WORKLOAD_NAMES } from '../../../bench/workloads';
import { describeErrors, validateScenario, type Scenario } from '../../../src/core/scenario/index';

function valid(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(describeErrors(v.errors));
  return v.scenario;
}

describe('benchmark workloads (ns3-ref w1..w4 as kernel-ref-scenario/1)', () => {
  const workloads = benchWorkloads();

  it('defines w1..w4 in order', () => {
    expect(workloads.map((w) => w.name)).toEqual([...WORKLOAD_NAMES]);
  });

  it.each(workloads.map((w) => [w.name, w] as const))('%s passes the scenario validator', (_name, w) => {
    const v = validateScenario(w.scenario);
    expect(v.ok ? [] : describeErrors(v.errors)).toEqual([]);
  });

  it.each(workloads.map((w) => [w.name, w] as const))('%s is a plain TCP reno upload for the simulated time, within its timeout', (_name, w) => {
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

  it('BENCH_SIM_S shortens the sending time and the timeout with it', () => {
    const short = benchWorkloads(5).map((w) => valid(w.scenario));
    for (const s of short) {
      expect(s.app.duration_s).toBe(5);
      expect(s.timeout_s).toBeGreaterThan(5);
      expect(s.timeout_s).toBeLessThan(DEFAULT_SIM_S);
    }
  });
});
