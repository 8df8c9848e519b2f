/**
 * The performance anchors of ../shared/ns3-ref, run in the same invocation as our workloads so that
 * every ratio compares runs on the same machine at the same time (ns3-ref README: timings vary by
 * ±20 % between repetitions, so compare within one invocation and use medians).
 *   - ns-3.37 (`run`, JS=0): w1..w4, REPS repetitions each, summary lines with medians;
 *   - the JS empty-engine limit (`js-limit.mjs`): the simplest packet-level model of w2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AnchorRun {
  workload: string;
  wallRunS: number;
  rxDataPackets: number;
  events: number;
  pktsPerWallS: number;
  eventsPerWallS: number;
  goodputMbps: number;
}

export interface AnchorResults {
  ns3: Map<string, AnchorRun>;
  jsLimit: AnchorRun | null;
  errors: string[];
}

/** ../shared/ns3-ref beside the repository, or NS3_REF_DIR. */
export function ns3RefDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return process.env.NS3_REF_DIR ?? resolve(repo, '../shared/ns3-ref');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function jsonLines(text: string): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (!l.startsWith('{')) continue;
    try {
      out.push(JSON.parse(l) as Record<string, any>);
    } catch {
      // not a result line
    }
  }
  return out;
}

function fromSummary(s: Record<string, any>): AnchorRun {
  return {
    workload: s.workload,
    wallRunS: s.wallRunS_median,
    rxDataPackets: s.rxDataPackets,
    events: s.events,
    pktsPerWallS: s.pktsPerWallS,
    eventsPerWallS: s.eventsPerWallS,
    goodputMbps: s.goodputMbps,
  };
}

/** ns-3 w1..w4 via ns3-ref's `run` (it builds ns3-bulk first if needed; that needs libns3-dev). */
export function runNs3(reps: number, simS: number, workloads: string[]): { runs: Map<string, AnchorRun>; error: string | null } {
  const dir = ns3RefDir();
  const runs = new Map<string, AnchorRun>();
  if (!existsSync(join(dir, 'run'))) return { runs, error: `no ns3-ref at ${dir} (set NS3_REF_DIR)` };
  const r = spawnSync(join(dir, 'run'), [], {
    encoding: 'utf8',
    env: { ...process.env, REPS: String(reps), SIMTIME: String(simS), WORKLOADS: workloads.join(' '), JS: '0' },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) return { runs, error: `ns3-ref/run exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().slice(-400)}` };
  for (const s of jsonLines(r.stdout)) if (s.kind === 'summary' && s.sim === 'ns-3.37') runs.set(s.workload, fromSummary(s));
  return { runs, error: runs.size ? null : 'ns3-ref/run printed no summary line' };
}

/** The JS empty-engine limit for w2, `reps` times; the median wall time. */
export function runJsLimit(reps: number, simS: number): { run: AnchorRun | null; error: string | null } {
  const script = join(ns3RefDir(), 'js-limit.mjs');
  if (!existsSync(script)) return { run: null, error: `no ${script}` };
  const runs: Record<string, any>[] = [];
  for (let i = 0; i < reps; i++) {
    const r = spawnSync(process.execPath, [script, `--simTime=${simS}`], { encoding: 'utf8' });
    if (r.status !== 0) return { run: null, error: `js-limit.mjs exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().slice(-400)}` };
    const line = jsonLines(r.stdout).find((l) => l.sim === 'js-limit');
    if (!line) return { run: null, error: 'js-limit.mjs printed no result line' };
    runs.push(line);
  }
  const wall = median(runs.map((r) => r.wallRunS as number));
  const first = runs[0];
  return {
    run: {
      workload: first.workload,
      wallRunS: wall,
      rxDataPackets: first.rxDataPackets,
      events: first.events,
      pktsPerWallS: first.rxDataPackets / wall,
      eventsPerWallS: first.events / wall,
      goodputMbps: first.goodputMbps,
    },
    error: null,
  };
}
