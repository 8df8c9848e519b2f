/**
 * Behaviour fingerprints for speed work: run a fixed set of scenarios (kernel-ref fidelity scenarios,
 * the gallery, every scheduler on a lossy two-path run, short bench workloads) with several seeds and
 * hash what each run produced — captures on both hosts, events, counters, PM events, scheduler
 * decisions, app results, series, checkpoints and the summary — and once more without captures (as
 * `npm run bench` runs: no decisions recorded), its events, counters, app results, links, series and
 * checkpoints. An optimisation must leave every hash unchanged.
 *
 *   npx tsx bench/fingerprints.ts --write /tmp/fp-ref.json   record the reference (e.g. from main)
 *   npx tsx bench/fingerprints.ts --check /tmp/fp-ref.json   compare; exit 1 and name the parts that differ
 *   FP_ONLY=substring                                        run only the cases whose label contains it
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../src/core';
import { validateScenario } from '../src/core/scenario/validate';
import type { Scenario } from '../src/core/scenario/types';
import { GALLERY } from '../src/ui/gallery/scenarios';
import { benchWorkloads } from './workloads';

interface Case {
  label: string;
  scenario: Record<string, unknown>;
  seed: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cases(): Case[] {
  const out: Case[] = [];
  const dir = join(ROOT, 'tests/fidelity/scenarios');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const sc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    for (const seed of [1, 7]) out.push({ label: `kref/${f}#${seed}`, scenario: sc, seed });
  }
  for (const g of GALLERY) for (const seed of [1, 3]) out.push({ label: `gallery/${g.id}#${seed}`, scenario: g.scenario, seed });
  const agg = GALLERY.find((g) => g.id === 'aggregation')!.scenario;
  const lossyPaths = [
    { delay_ms: 20, rate_mbit: 10, queue_pkts: 30, loss_pct: 1, jitter_ms: 2 },
    { delay_ms: 40, rate_mbit: 5, queue_pkts: 50, loss_pct: 0.5 },
  ];
  for (const sched of ['default', 'first', 'bkup', 'rr', 'red', 'burst', 'minrtt', 'blest', 'ecf']) {
    out.push({ label: `sched/${sched}-lossy#2`, scenario: { ...agg, name: `fp-${sched}`, paths: lossyPaths, sim: { scheduler: sched } }, seed: 2 });
  }
  const handover = GALLERY.find((g) => g.id === 'handover')!.scenario;
  out.push({ label: 'handover-lossy#5', scenario: { ...handover, paths: lossyPaths }, seed: 5 });
  out.push({ label: 'handover-red-lossy#6', scenario: { ...handover, paths: lossyPaths, sim: { scheduler: 'red' } }, seed: 6 });
  for (const w of benchWorkloads(3)) out.push({ label: `bench/${w.name}-3s#1`, scenario: w.scenario, seed: 1 });
  return out;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
const hash = (v: unknown) => createHash('sha256').update(json(v)).digest('hex').slice(0, 16);

function fingerprint(c: Case): Record<string, string> {
  const v = validateScenario(c.scenario);
  if (!v.ok) throw new Error(`${c.label}: invalid scenario ${json(v.errors)}`);
  const r = simulate(v.scenario, { seed: c.seed, viewCaptures: true });
  const tr = r.trace;
  return {
    captures: hash(tr.captures),
    events: hash(tr.events),
    counters: hash(tr.counters),
    pmEvents: hash(tr.pmEvents),
    sched: hash(tr.schedDecisions),
    app: hash(tr.app),
    links: hash(tr.links),
    series: hash(tr.series),
    checkpoints: hash(tr.checkpoints),
    stats: hash([tr.end, tr.status, tr.engineEvents, tr.packetsCreated, tr.dataPacketsDelivered]),
    summary: hash(r.summary),
    // the benchmark's way: no captures, so no scheduler decisions recorded (the connection's quick paths)
    ...bare(v.scenario, c.seed),
  };
}

function bare(scenario: Scenario, seed: number): Record<string, string> {
  const tr = simulate(scenario, { seed, captures: false, summary: false, series: true }).trace;
  return {
    bareEvents: hash(tr.events),
    bareCounters: hash(tr.counters),
    bareApp: hash(tr.app),
    bareLinks: hash(tr.links),
    bareSeries: hash(tr.series),
    bareCheckpoints: hash(tr.checkpoints),
    bareStats: hash([tr.end, tr.status, tr.engineEvents, tr.packetsCreated, tr.dataPacketsDelivered]),
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const mode = argv[0];
  const file = argv[1];
  if ((mode !== '--write' && mode !== '--check') || !file) throw new Error('usage: fingerprints.ts --write|--check FILE');
  const only = process.env.FP_ONLY;
  const list = cases().filter((c) => !only || c.label.includes(only));
  const got: Record<string, Record<string, string>> = {};
  const t0 = process.hrtime.bigint();
  for (const c of list) got[c.label] = fingerprint(c);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (mode === '--write') {
    writeFileSync(file, JSON.stringify(got, null, 1) + '\n');
    process.stderr.write(`fingerprints: wrote ${list.length} runs to ${file} (${secs.toFixed(1)} s)\n`);
    return;
  }
  const ref = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  let bad = 0;
  for (const [label, parts] of Object.entries(got)) {
    const want = ref[label];
    if (!want) {
      process.stderr.write(`fingerprints: ${label} not in the reference\n`);
      bad++;
      continue;
    }
    const diff = Object.keys({ ...parts, ...want }).filter((k) => parts[k] !== want[k]);
    if (diff.length > 0) {
      process.stderr.write(`fingerprints: ${label} differs in ${diff.join(', ')}\n`);
      bad++;
    }
  }
  process.stderr.write(`fingerprints: ${list.length - bad}/${list.length} runs identical (${secs.toFixed(1)} s)\n`);
  if (bad > 0) process.exit(1);
}

main();
