/**
 * How much of the two-subflow MPTCP workload is policy (issue 4: "the scheduler and PM add at most
 * 20 % to the bench's two-subflow workload"): w3-mptcp runs once in a child under V8's sampling
 * profiler (`--cpu-prof`, 100 µs), and the samples whose function lives in src/core/sched/ (the
 * scheduler, including building its view in connection.ts `schedView` and recording decisions) or in
 * src/core/pm/ (the path manager) are counted against all non-idle samples. Measured by sampling, not
 * by timers in the core (the core has no clock).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

/** Which policy bucket a function belongs to, or null. */
export function policyBucket(fn: string, url: string): 'sched' | 'pm' | null {
  if (/\/src\/core\/sched\//.test(url) || /\/src\/core\/mptcp\/sched-record\.ts/.test(url)) return 'sched';
  if (/\/src\/core\/mptcp\/connection\.ts/.test(url) && /^(schedView|.*[Ss]chedView)$/.test(fn)) return 'sched';
  if (/\/src\/core\/pm\//.test(url)) return 'pm';
  return null;
}

/**
 * Shares of the simulation's samples: only the call tree under `measureWorkload` counts (module
 * loading and the profiler's own start-up are left out; garbage collection, attributed to the root by
 * V8, too), and a sample is policy when a policy function is on its stack (inclusive: what the
 * scheduler or PM calls counts as theirs).
 */
export function policyShares(nodes: ProfileNode[]): { samples: number; sched_pct: number; pm_pct: number; total_pct: number } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const totals = { all: 0, sched: 0, pm: 0 };
  const walk = (id: number, bucket: 'sched' | 'pm' | null): void => {
    const n = byId.get(id);
    if (!n) return;
    const b = bucket ?? policyBucket(n.callFrame.functionName, n.callFrame.url);
    const h = n.hitCount ?? 0;
    totals.all += h;
    if (b === 'sched') totals.sched += h;
    else if (b === 'pm') totals.pm += h;
    for (const c of n.children ?? []) walk(c, b);
  };
  for (const n of nodes) if (n.callFrame.functionName === 'measureWorkload') walk(n.id, null);
  const pct = (x: number): number => (totals.all === 0 ? 0 : Math.round((1000 * x) / totals.all) / 10);
  return { samples: totals.all, sched_pct: pct(totals.sched), pm_pct: pct(totals.pm), total_pct: pct(totals.sched + totals.pm) };
}

/** Run w3-mptcp in a profiled child (bench/run.ts --child) and return the policy line. */
export function measurePolicyShare(simS: number): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'mptcp-bench-prof-'));
  try {
    const runTs = fileURLToPath(new URL('./run.ts', import.meta.url));
    const r = spawnSync(process.execPath, [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', runTs, '--child', 'w3-mptcp'], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_SIM_S: String(simS) },
      maxBuffer: 256 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`profiled child exited ${r.status ?? r.signal}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the profiled child wrote no .cpuprofile');
    const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
    return { name: 'policy_share', workload: 'w3-mptcp', sim_s: simS, ...policyShares(prof.nodes), target_pct: 20, method: 'cpu-prof samples under measureWorkload with src/core/sched, src/core/pm, schedView or sched-record on the stack' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
