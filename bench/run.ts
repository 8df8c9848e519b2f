/**
 * `npm run bench` (= `npx tsx bench/run.ts`): the simulator's speed on ns3-ref's four workloads and
 * on w3-mptcp (w3's traffic as one two-subflow MPTCP connection), the wall-time ratios between our
 * own workloads (WALL_RATIO_TARGETS), then (unless BENCH_ANCHORS=0) ns-3 and the JS empty-engine
 * limit in the same invocation, and the ratios against them. One JSON object per line on stdout;
 * progress on stderr.
 *
 * Lines:
 *   {name, sim_s, wall_s, packets, events, packets_per_wall_s, events_per_wall_s, heap_mb, ..., cpu_s}  per workload
 *   {name: 'ratio_wall', workload: 'w3-mptcp', baseline: 'w3', ratio, target: 1.5, cpu_ratio, ...}   (both measured)
 *   {name: 'ratio', workload, ours_pkts_per_wall_s, ns3_pkts_per_wall_s, ratio_vs_ns3, target: 10}
 *   {name: 'ratio_js_limit', ours_wall_s, js_limit_wall_s, ratio, target: 5}                       (w2)
 *   {name: 'policy_share', workload: 'w3-mptcp', sched_pct, pm_pct, total_pct, target_pct: 20}  (bench/policy-share.ts)
 *   {name: 'error', ...} when a workload or an anchor could not run
 *
 * Environment:
 *   BENCH_SIM_S=N        simulated seconds per workload (default 60, as ns3-ref); the anchors use the same
 *   BENCH_WORKLOADS="w1 w2"  a subset (e.g. "w3 w3-mptcp" for the MPTCP ratio alone)
 *   BENCH_REPEAT=N       measure every workload N times (fresh child each, rounds interleaved across
 *                        workloads so load drift hits all alike); its line is the median-wall run,
 *                        with `wall_s_runs` / `cpu_s_runs` listing all N, and the ratio line adds
 *                        `ratio_best` / `cpu_ratio_best` of the fastest runs (default 1)
 *   BENCH_ANCHORS=0      skip ns-3 and the JS limit
 *   BENCH_POLICY=0       skip the profiled w3-mptcp run that measures the scheduler's and PM's share
 *   REPS=N               repetitions of each anchor (default 1; ns3-ref's own default is 3)
 *   BENCH_INPROC=1       run the workloads in this process (heap_mb is then the heap at the end only)
 *   BENCH_BUNDLE=0       children run this file under tsx instead of its bundle (bench/bundle.ts: by
 *                        default the simulator is measured bundled, as the page runs it)
 *   NS3_REF_DIR          where ns3-ref is (default ../shared/ns3-ref)
 *
 * Each workload runs in a fresh child node process with --expose-gc and --trace-gc, so one
 * workload's garbage does not count against the next and the peak heap is read from V8's GC trace
 * (heap used only falls at a GC, so the "before" figure of each GC line is a local peak).
 */
import { spawnSync } from 'node:child_process';
import { bundleForNode } from './bundle';
import { fileURLToPath } from 'node:url';
import { runJsLimit, runNs3, type AnchorRun } from './anchors';
import { measurePolicyShare } from './policy-share';
import { measureWorkload, medianRun, peakFromTraceGc, round, wallRatioLine, type BenchLine } from './measure';
import { benchWorkloads, DEFAULT_SIM_S, NS3_WORKLOADS, WALL_RATIO_TARGETS, WORKLOAD_NAMES, type WorkloadName } from './workloads';

const START = 'BENCH_RUN_START';
const END = 'BENCH_RUN_END';

function print(obj: unknown): void {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function simSeconds(): number {
  const v = Number(process.env.BENCH_SIM_S ?? DEFAULT_SIM_S);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`BENCH_SIM_S must be a positive number, not ${process.env.BENCH_SIM_S}`);
  return v;
}

function repeatCount(): number {
  const v = Number(process.env.BENCH_REPEAT ?? 1);
  if (!Number.isInteger(v) || v < 1) throw new Error(`BENCH_REPEAT must be a positive integer, not ${process.env.BENCH_REPEAT}`);
  return v;
}

function selectedWorkloads(): WorkloadName[] {
  const env = process.env.BENCH_WORKLOADS?.trim();
  if (!env) return [...WORKLOAD_NAMES];
  const names = env.split(/[\s,]+/);
  for (const n of names) if (!(WORKLOAD_NAMES as readonly string[]).includes(n)) throw new Error(`unknown workload ${n} in BENCH_WORKLOADS`);
  return names as WorkloadName[];
}

/** Child mode: measure one workload, print it between markers. */
function child(name: WorkloadName): void {
  const w = benchWorkloads(simSeconds()).find((x) => x.name === name)!;
  process.stdout.write(START + '\n');
  const line = measureWorkload(w);
  process.stdout.write(END + '\n');
  print(line);
}

/** The children's script: the bundle of this file (bench/bundle.ts), or this file under tsx when BENCH_BUNDLE=0. */
let childScript: { path: string; execArgv: string[] } | null = null;

function inChild(name: WorkloadName): BenchLine {
  const script = childScript?.path ?? fileURLToPath(import.meta.url);
  const execArgv = childScript?.execArgv ?? process.execArgv;
  const r = spawnSync(process.execPath, [...execArgv, '--expose-gc', ...(process.env.BENCH_TRACE_GC === '0' ? [] : ['--trace-gc']), script, '--child', name], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`child for ${name} exited ${r.status ?? r.signal}`);
  const out = r.stdout;
  const a = out.indexOf(START);
  const b = out.indexOf(END);
  const lastLine = out.slice(b + END.length).trim().split('\n').find((l) => l.startsWith('{'));
  if (a < 0 || b < 0 || !lastLine) throw new Error(`child for ${name} printed no result`);
  const line = JSON.parse(lastLine) as BenchLine;
  const peak = peakFromTraceGc(out.slice(a, b));
  line.heap_mb = round(Math.max(line.heap_mb, peak ?? 0), 1);
  line.heap_method = 'trace-gc-peak';
  return line;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const ci = argv.indexOf('--child');
  if (ci >= 0) {
    child(argv[ci + 1] as WorkloadName);
    return;
  }
  if (process.env.BENCH_BUNDLE !== '0' && process.env.BENCH_INPROC !== '1') {
    process.stderr.write('bench: bundling the simulator as the page runs it (BENCH_BUNDLE=0: under tsx)\n');
    childScript = { path: await bundleForNode('bench/run.ts'), execArgv: [] };
  }
  const simS = simSeconds();
  const names = selectedWorkloads();
  const repeat = repeatCount();
  const workloads = benchWorkloads(simS).filter((w) => names.includes(w.name));
  const runs = new Map<string, BenchLine[]>();
  const failed = new Set<string>();
  for (let rep = 1; rep <= repeat; rep++) {
    for (const w of workloads) {
      if (failed.has(w.name)) continue;
      process.stderr.write(`bench: ${w.name} (${simS} s simulated${repeat > 1 ? `, run ${rep}/${repeat}` : ''}): ${w.description}\n`);
      try {
        const line = process.env.BENCH_INPROC === '1' ? measureWorkload(w) : inChild(w.name);
        runs.set(w.name, [...(runs.get(w.name) ?? []), line]);
        if (repeat === 1) print(line);
      } catch (e) {
        failed.add(w.name);
        print({ name: 'error', workload: w.name, error: String((e as Error).message ?? e) });
      }
    }
  }
  const ours = new Map<string, BenchLine>();
  for (const w of workloads) {
    const r = runs.get(w.name);
    if (!r || failed.has(w.name)) continue;
    const line = medianRun(r);
    ours.set(w.name, line);
    if (repeat > 1) print(line);
  }
  for (const t of WALL_RATIO_TARGETS) {
    const a = ours.get(t.workload);
    const b = ours.get(t.baseline);
    if (a && b) print(wallRatioLine(a, b, t.target));
  }
  // issue 4: the scheduler's and PM's share of the two-subflow workload (a profiled run)
  if (names.includes('w3-mptcp') && process.env.BENCH_POLICY !== '0') {
    process.stderr.write('bench: policy share of w3-mptcp (profiled run)\n');
    try {
      print(measurePolicyShare(simS));
    } catch (e) {
      print({ name: 'error', workload: 'policy_share', error: String((e as Error).message ?? e) });
    }
  }
  if (process.env.BENCH_ANCHORS === '0') return;

  const reps = Math.max(1, Number(process.env.REPS ?? 1) || 1);
  // ns3-ref knows w1..w4 only (and runs all four when given none)
  const ns3Names = names.filter((n) => NS3_WORKLOADS.includes(n));
  if (ns3Names.length > 0) process.stderr.write(`bench: ns-3 anchors (REPS=${reps}, ${simS} s)\n`);
  const ns3 = ns3Names.length > 0 ? runNs3(reps, simS, ns3Names) : { runs: new Map<string, AnchorRun>(), error: null };
  if (ns3.error) print({ name: 'error', anchor: 'ns3', error: ns3.error });
  for (const [name, line] of ours) {
    const a = ns3.runs.get(name);
    if (!a) continue;
    print({
      name: 'ratio',
      workload: name,
      ours_pkts_per_wall_s: line.packets_per_wall_s,
      ns3_pkts_per_wall_s: Math.round(a.pktsPerWallS),
      ratio_vs_ns3: round(line.packets_per_wall_s / a.pktsPerWallS, 2),
      target: 10,
      ours_packets: line.packets,
      ns3_packets: a.rxDataPackets,
      ours_goodput_mbit: line.goodput_mbit,
      ns3_goodput_mbit: a.goodputMbps,
    });
  }
  const w2 = ours.get('w2');
  if (w2) {
    process.stderr.write(`bench: JS empty-engine limit (REPS=${reps}, ${simS} s)\n`);
    const js = runJsLimit(reps, simS);
    if (js.error || !js.run) print({ name: 'error', anchor: 'js-limit', error: js.error });
    else
      print({
        name: 'ratio_js_limit',
        ours_wall_s: w2.wall_s,
        js_limit_wall_s: js.run.wallRunS,
        ratio: round(w2.wall_s / js.run.wallRunS, 2),
        target: 5,
      });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
