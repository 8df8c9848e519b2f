/**
 * One benchmark measurement (after JIT warm-up runs of the same workload, see below): validate a workload's scenario, run `simulate()` without captures, time
 * it, and count what ns3-ref counts.
 */
import { performance } from 'node:perf_hooks';
import { simulate, type Trace } from '../src/core/index';
import type { BenchWorkload } from './workloads';
import { normaliseScenario } from './normalise';
import { median } from './anchors';

/** One line of `npm run bench` (design.md §5), plus how the heap figure was obtained. */
export interface BenchLine {
  name: string;
  sim_s: number;
  wall_s: number;
  packets: number;
  events: number;
  packets_per_wall_s: number;
  events_per_wall_s: number;
  heap_mb: number;
  /** `trace-gc-peak`: max heap used seen by V8's GC trace or at the end; `end`: heap used at the end (a lower bound). */
  heap_method: 'trace-gc-peak' | 'end';
  /** Heap used before the run, after a full GC (tsx, modules, scenario): the part not due to the run. */
  heap_base_mb: number;
  /**
   * Unique bytes the receiving app read · 8 / the time of its last byte since connect(): ns-3's
   * goodputMbps (bytes / simTime, slow start included), without our drain, FIN exchange and linger.
   */
  goodput_mbit: number;
  /**
   * CPU time (user + system, all threads: V8's GC helpers included) over the measured run. Less
   * disturbed than wall_s when other processes compete for the cores.
   */
  cpu_s?: number;
  /** With BENCH_REPEAT > 1: the wall (and CPU) time of every run, in order (this line is the median-wall one). */
  wall_s_runs?: number[];
  cpu_s_runs?: number[];
}

/**
 * ns3-ref's `rxDataPackets`: data segments arriving at the receiver, retransmissions included. The
 * trace counts every segment with payload that reaches a host (`dataPacketsDelivered`); in an upload
 * only the client sends payload, so that is exactly the receiver's count. Without it (older traces),
 * fall back to the frames the data-direction links delivered (Σ tx_pkts), which exceeds
 * rxDataPackets by the client's SYN, third ACK and ACK of the FIN: 3 per connection.
 */
export function dataPacketsDelivered(trace: Trace, dataDir: 'c2s' | 's2c'): number {
  if (typeof trace.dataPacketsDelivered === 'number') return trace.dataPacketsDelivered;
  let n = 0;
  for (const link of trace.links) n += link[dataDir].tx_pkts;
  return n;
}

const MB = 1024 * 1024;

export function heapUsedMb(): number {
  return process.memoryUsage().heapUsed / MB;
}

/** Full GC when node runs with --expose-gc (the child processes do). */
export function fullGc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

export function measureWorkload(w: BenchWorkload): BenchLine {
  const scenario = normaliseScenario(w.scenario);
  const dataDir = scenario.app.direction === 'download' ? 's2c' : 'c2s';
  // JIT warm-up, as JS/JVM benchmark harnesses do: run the same workload until V8 has seen
  // ~400k packets (at most 20 runs), so short workloads (w1, w4: ~0.05 s once optimised) measure the
  // simulator rather than V8 tiering up its compilers. ns-3 is native code and needs none.
  // BENCH_WARMUP=0 measures a cold process. The README reports this.
  if (process.env.BENCH_WARMUP !== '0') {
    let seen = 0;
    for (let i = 0; i < 20 && seen < 400_000; i++) seen += simulate(scenario, { captures: false, summary: false, digests: false, series: false }).trace.dataPacketsDelivered;
  }
  // No forced full GC here: gc() right before the measured run made V8 drop optimised code and
  // tripled the time of short workloads (w1 0.045 s → 0.135 s). BENCH_FULL_GC=1 restores it.
  if (process.env.BENCH_FULL_GC === '1') fullGc();
  const base = heapUsedMb();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = simulate(scenario, { captures: false, summary: false, digests: false, series: false });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const end = heapUsedMb();
  const trace = result.trace;
  const simS = trace.end / 1e9;
  const packets = dataPacketsDelivered(trace, dataDir);
  const events = trace.engineEvents;
  const receiver = dataDir === 'c2s' ? trace.app.server : trace.app.client;
  const goodputS = receiver.t_last_byte ?? simS;
  return {
    name: w.name,
    sim_s: round(simS, 3),
    wall_s: round(wall, 4),
    packets,
    events,
    packets_per_wall_s: Math.round(packets / wall),
    events_per_wall_s: Math.round(events / wall),
    heap_mb: round(end, 1),
    heap_method: 'end',
    heap_base_mb: round(base, 1),
    goodput_mbit: round(goodputS > 0 ? (receiver.bytes_received * 8) / goodputS / 1e6 : 0, 3),
    cpu_s: round((cpu.user + cpu.system) / 1e6, 4),
  };
}

/** The run with the median wall time (the lower middle one for an even count), with every run's wall and CPU time. */
export function medianRun(runs: BenchLine[]): BenchLine {
  if (runs.length === 1) return runs[0];
  const sorted = [...runs].sort((a, b) => a.wall_s - b.wall_s);
  const cpu = runs.every((r) => r.cpu_s !== undefined) ? { cpu_s_runs: runs.map((r) => r.cpu_s as number) } : {};
  return { ...sorted[(sorted.length - 1) >> 1], wall_s_runs: runs.map((r) => r.wall_s), ...cpu };
}

/** Per round, the workload's wall time over the baseline's (same round = same index), or null. */
function pairedRatios(a: number[] | undefined, b: number[] | undefined): number[] | null {
  if (!a || !b || a.length !== b.length || a.length < 2) return null;
  return a.map((x, i) => x / b[i]);
}

/**
 * `workload`'s wall time over `baseline`'s (medians when repeated, plus `ratio_best` of the fastest
 * runs), and per delivered packet (MPTCP's MSS is 24 B smaller, so the same bytes take more packets).
 */
export function wallRatioLine(workload: BenchLine, baseline: BenchLine, target: number): Record<string, unknown> {
  const ratio = round(workload.wall_s / baseline.wall_s, 2);
  // with repeated runs, also the ratio of the fastest runs: the least disturbed by other load
  const best = workload.wall_s_runs && baseline.wall_s_runs ? { ratio_best: round(Math.min(...workload.wall_s_runs) / Math.min(...baseline.wall_s_runs), 2) } : {};
  // the same in CPU time, which other load on the machine disturbs less
  const cpu = workload.cpu_s !== undefined && baseline.cpu_s !== undefined ? { cpu_ratio: round(workload.cpu_s / baseline.cpu_s, 2) } : {};
  const cpuBest = workload.cpu_s_runs && baseline.cpu_s_runs ? { cpu_ratio_best: round(Math.min(...workload.cpu_s_runs) / Math.min(...baseline.cpu_s_runs), 2) } : {};
  // the rounds run the two workloads one after the other: the ratio within each round sees the
  // same state of a machine whose speed drifts (a shared VM's runs of one workload vary by ±20 %)
  const paired = pairedRatios(workload.wall_s_runs, baseline.wall_s_runs);
  const pairedFields = paired ? { ratio_paired_median: round(median(paired), 2), ratio_paired_range: [round(Math.min(...paired), 2), round(Math.max(...paired), 2)] } : {};
  return {
    name: 'ratio_wall',
    workload: workload.name,
    baseline: baseline.name,
    workload_wall_s: workload.wall_s,
    baseline_wall_s: baseline.wall_s,
    ratio,
    target,
    within_target: ratio <= target,
    ...best,
    ...pairedFields,
    ...cpu,
    ...cpuBest,
    ratio_per_packet: round(workload.wall_s / workload.packets / (baseline.wall_s / baseline.packets), 2),
    workload_packets: workload.packets,
    baseline_packets: baseline.packets,
    workload_goodput_mbit: workload.goodput_mbit,
    baseline_goodput_mbit: baseline.goodput_mbit,
  };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The largest "heap used before GC" in V8's `--trace-gc` lines, in MB, e.g.
 * `[123:0x55]   35 ms: Scavenge 4.1 (4.3) -> 3.8 (5.3) MB, 0.5 / 0.0 ms ...` → 4.1.
 * Heap used only drops at a GC, so these are the local peaks of the run.
 */
export function peakFromTraceGc(text: string): number | null {
  const re = /ms: [A-Za-z-]+(?: \([^)]*\))?[^\d\n]*?([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g;
  let peak: number | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = Number(m[1]);
    if (Number.isFinite(before) && (peak === null || before > peak)) peak = before;
  }
  return peak;
}
