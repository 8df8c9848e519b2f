import { describe, expect, it } from 'vitest';
import { dataPacketsDelivered, medianRun, peakFromTraceGc, wallRatioLine, type BenchLine } from '../../../bench/measure';
import type { Trace } from '../../../src/core/index';

describe('peakFromTraceGc', () => {
  it('returns the largest heap-used-before-GC figure of V8 --trace-gc lines', () => {
    const text = [
      'BENCH_RUN_START',
      '[11588:0x3047bcb0]       20 ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, 1.58 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
      '[11588:0x3047bcb0]     1201 ms: Mark-Compact 57.2 (80.1) -> 31.0 (60.3) MB, 12.1 / 0.0 ms  (+ 3.2 ms in 40 steps since start of marking, biggest step 0.4 ms, walltime since start of marking 30 ms) (average mu = 0.9, current mu = 0.8) allocation failure; scavenge might not succeed',
      '[11588:0x3047bcb0]     1300 ms: Mark-Compact (reduce) 44.5 (61.0) -> 20.2 (40.0) MB, 8.0 / 0.0 ms  (average mu = 0.9) memory reducer',
      '{"name":"w1"}',
    ].join('\n');
    expect(peakFromTraceGc(text)).toBe(57.2);
  });

  it('returns null when no GC happened', () => {
    expect(peakFromTraceGc('BENCH_RUN_START\nBENCH_RUN_END\n')).toBeNull();
  });
});

describe('dataPacketsDelivered', () => {
  const link = (tx: number) => ({ rx_pkts: tx, rx_bytes: 0, tx_pkts: tx, tx_bytes: 0, drop_loss: 0, drop_queue: 0, drop_down: 0, max_queue_pkts: 0, drops: [] });
  const trace = (extra: Partial<Trace>) =>
    ({ links: [{ path: 1, c2s: link(1003), s2c: link(500) }, { path: 2, c2s: link(2003), s2c: link(900) }], ...extra }) as unknown as Trace;

  it("uses the trace's count of data segments that reached the receiver (ns-3 rxDataPackets)", () => {
    expect(dataPacketsDelivered(trace({ dataPacketsDelivered: 3000 }), 'c2s')).toBe(3000);
  });

  it('falls back to the frames the data-direction links delivered, summed over paths', () => {
    expect(dataPacketsDelivered(trace({ dataPacketsDelivered: undefined }), 'c2s')).toBe(3006);
    expect(dataPacketsDelivered(trace({ dataPacketsDelivered: undefined }), 's2c')).toBe(1400);
  });
});

describe('repeated runs and wall-time ratios', () => {
  const line = (name: string, wall_s: number, packets = 1000, goodput_mbit = 90): BenchLine => ({
    name,
    sim_s: 60.8,
    wall_s,
    packets,
    events: 2 * packets,
    packets_per_wall_s: Math.round(packets / wall_s),
    events_per_wall_s: Math.round((2 * packets) / wall_s),
    heap_mb: 30,
    heap_method: 'trace-gc-peak',
    heap_base_mb: 20,
    goodput_mbit,
  });

  it('medianRun keeps a single run as it is', () => {
    const one = line('w3', 0.5);
    expect(medianRun([one])).toBe(one);
  });

  it('medianRun reports the median-wall run (the lower middle for an even count) and lists every wall time in run order', () => {
    const m = medianRun([line('w3', 0.9), line('w3', 0.5), line('w3', 0.6)]);
    expect(m.wall_s).toBe(0.6);
    expect(m.wall_s_runs).toEqual([0.9, 0.5, 0.6]);
    expect(medianRun([line('w3', 0.9), line('w3', 0.5), line('w3', 0.6), line('w3', 0.7)]).wall_s).toBe(0.6);
  });

  it('wallRatioLine divides the wall times, per run and per delivered packet, and says whether the target holds', () => {
    const r = wallRatioLine(line('w3-mptcp', 0.75, 900, 81), line('w3', 0.5, 1000, 89), 1.5);
    expect(r).toMatchObject({ name: 'ratio_wall', workload: 'w3-mptcp', baseline: 'w3', workload_wall_s: 0.75, baseline_wall_s: 0.5, ratio: 1.5, target: 1.5, within_target: true });
    expect(r.ratio_per_packet).toBeCloseTo(1.67, 2);
    expect(r).toMatchObject({ workload_packets: 900, baseline_packets: 1000, workload_goodput_mbit: 81, baseline_goodput_mbit: 89 });
    expect(wallRatioLine(line('w3-mptcp', 0.8), line('w3', 0.5), 1.5)).toMatchObject({ ratio: 1.6, within_target: false });
    expect(r).not.toHaveProperty('ratio_best');
  });

  it('wallRatioLine adds the ratio of the fastest runs when both were repeated', () => {
    const a = { ...line('w3-mptcp', 0.9), wall_s_runs: [1.2, 0.9, 0.8] };
    const b = { ...line('w3', 0.6), wall_s_runs: [0.6, 2.0, 0.5] };
    expect(wallRatioLine(a, b, 1.5)).toMatchObject({ ratio: 1.5, ratio_best: 1.6 });
  });

  it('wallRatioLine adds the median and range of the per-round ratios when both ran the same rounds', () => {
    // round 2 ran on a slow machine for both workloads: its ratio is ordinary, the medians are not
    const a = { ...line('w3-mptcp', 0.9), wall_s_runs: [0.9, 1.8, 0.8, 0.95] };
    const b = { ...line('w3', 0.6), wall_s_runs: [0.6, 1.5, 0.5, 0.62] };
    expect(wallRatioLine(a, b, 1.5)).toMatchObject({ ratio_paired_median: 1.52, ratio_paired_range: [1.2, 1.6] });
    expect(wallRatioLine({ ...a, wall_s_runs: [0.9, 1.8, 0.8] }, b, 1.5)).not.toHaveProperty('ratio_paired_median');
    expect(wallRatioLine(line('w3-mptcp', 0.9), line('w3', 0.6), 1.5)).not.toHaveProperty('ratio_paired_median');
  });

  it('CPU times travel with the runs and give CPU ratios beside the wall ones', () => {
    const m = medianRun([{ ...line('w3', 0.9), cpu_s: 0.85 }, { ...line('w3', 0.5), cpu_s: 0.48 }, { ...line('w3', 0.6), cpu_s: 0.55 }]);
    expect(m).toMatchObject({ wall_s: 0.6, cpu_s: 0.55, cpu_s_runs: [0.85, 0.48, 0.55] });
    const a = { ...line('w3-mptcp', 1.1), cpu_s: 1.1, cpu_s_runs: [1.1, 0.96], wall_s_runs: [1.1, 1.0] };
    expect(wallRatioLine(a, m, 1.5)).toMatchObject({ cpu_ratio: 2, cpu_ratio_best: 2 });
    expect(wallRatioLine(line('w3-mptcp', 1), line('w3', 0.5), 1.5)).not.toHaveProperty('cpu_ratio');
  });
});
