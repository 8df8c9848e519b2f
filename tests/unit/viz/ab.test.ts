/**
 * The A/B comparison's pure parts (src/viz/ab/*): B's scenario from A's (variant.ts), the
 * difference rows (diff-rows.ts) read with compare-rows' definitions, the kernel-ref folder
 * parsing and its located errors (folder.ts), and deterministic snapshots of the table and the SVG
 * for two runs of the gallery's aggregation scenario (default vs first scheduler, same seed).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimResult } from '../../../src/core';
import { validateScenario } from '../../../src/core/scenario';
import type { Scenario } from '../../../src/core/scenario/types';
import { schedulers } from '../../../src/core/sched/index';
import { compareRuns, longestStall } from '../../../src/core/export/compare-rows';
import { GALLERY } from '../../../src/ui/gallery/scenarios';
import { AB_SCHEDULERS, NO_VARIANT, variantScenario, type VariantSpec } from '../../../src/viz/ab/variant';
import { abRows, verdictCounts, type AbRow } from '../../../src/viz/ab/diff-rows';
import { parseKernelSummary, pickResultFiles } from '../../../src/viz/ab/folder';
import { abDomain, abGeometry, seriesFromSummary, seriesFromTrace } from '../../../src/viz/ab/chart';
import { chartSvg } from '../../../src/viz/chart/svg';
import { plotBox } from '../../../src/viz/chart/layout';
import { KERNEL_REF } from '../../helpers/paths';
import { importCapture } from '../../../src/core/capture/capture-trace';

const valid = (raw: unknown): Scenario => {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return v.scenario;
};
const AGG = valid(GALLERY.find((g) => g.id === 'aggregation')!.scenario);
const spec = (s: Partial<VariantSpec>): VariantSpec => ({ ...NO_VARIANT, ...s });
const B = (s: Partial<VariantSpec>): Scenario => {
  const r = variantScenario(AGG, spec(s));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return valid(r.raw);
};
const row = (rows: AbRow[], id: string): AbRow => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id} in ${rows.map((x) => x.id).join(', ')}`);
  return r;
};

describe('variant B from A (variantScenario)', () => {
  it('offers exactly the simulator’s schedulers', () => {
    expect([...AB_SCHEDULERS].sort()).toEqual(Object.keys(schedulers).sort());
  });

  it('no change gives A again, with A’s seed', () => {
    const r = variantScenario({ ...AGG, seed: 7 }, NO_VARIANT);
    expect(r.ok && r.changes).toEqual([]);
    if (r.ok) expect(valid(r.raw)).toEqual({ ...AGG, seed: 7 });
  });

  it('changes only the chosen knob: scheduler, congestion control, limits, endpoint flags, a link', () => {
    expect(B({ scheduler: 'rr' })).toEqual({ ...AGG, sim: { scheduler: 'rr' } });
    expect(B({ congestion: 'olia' })).toEqual({ ...AGG, sim: { congestion_control: 'olia' } });
    const lim = B({ limits: { ns: 'client', subflows: 1, addAddrAccepted: null } });
    expect(lim.client.limits).toEqual({ subflows: 1, add_addr_accepted: 0 });
    expect({ ...lim, client: AGG.client }).toEqual(AGG);
    const ep = B({ endpoint: { ns: 'client', index: 0, flags: ['subflow', 'backup'] } });
    expect(ep.client.endpoints[0]).toEqual({ ...AGG.client.endpoints[0], flags: ['subflow', 'backup'] });
    const link = B({ link: { path: 2, param: 'delay_ms', value: 80 } });
    expect(link.paths[1].c2s.delay_ms).toBe(80);
    expect(link.paths[1].s2c.delay_ms).toBe(80);
    expect(link.paths[0]).toEqual(AGG.paths[0]);
    expect({ ...link, paths: AGG.paths }).toEqual(AGG);
    const r = variantScenario(AGG, spec({ scheduler: 'rr', link: { path: 1, param: 'loss_pct', value: 1 } }));
    expect(r.ok && r.changes).toEqual(['sim.scheduler: "default" → "rr"', 'paths[1].loss_pct: 0 → 1']);
  });

  it('a link whose directions differ in A gets the value in both directions', () => {
    const asym = valid({ ...(GALLERY.find((g) => g.id === 'aggregation')!.scenario as object), paths: [{ name: 'a', c2s: { delay_ms: 5 }, s2c: { delay_ms: 9, rate_mbit: 3 } }, { name: 'b' }] });
    const r = variantScenario(asym, spec({ link: { path: 1, param: 'rate_mbit', value: 20 } }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      const b = valid(r.raw);
      expect([b.paths[0].c2s.rate_mbit, b.paths[0].s2c.rate_mbit, b.paths[0].c2s.delay_ms, b.paths[0].s2c.delay_ms]).toEqual([20, 20, 5, 9]);
    }
  });

  it('refuses what cannot apply to A, each error located', () => {
    const errs = (s: Partial<VariantSpec>) => {
      const r = variantScenario(AGG, spec(s));
      return r.ok ? [] : r.errors;
    };
    expect(errs({ scheduler: 'fastest' })).toEqual([{ path: 'scheduler', message: expect.stringMatching(/unknown scheduler 'fastest' \(known: default, first/) }]);
    expect(errs({ congestion: 'bbr' })[0].path).toBe('congestion');
    expect(errs({ link: { path: 3, param: 'rate_mbit', value: 5 } })).toEqual([{ path: 'link.path', message: 'scenario A has no path 3 (paths: 1, 2)' }]);
    expect(errs({ link: { path: 1, param: 'loss_pct', value: 150 } })[0]).toEqual({ path: 'link.value', message: 'loss_pct must be in 0..100 (got 150)' });
    expect(errs({ link: { path: 1, param: 'rate_mbit', value: Number.NaN } })[0].path).toBe('link.value');
    expect(errs({ limits: { ns: 'server', subflows: 9, addAddrAccepted: -1 } }).map((e) => e.path)).toEqual(['limits.subflows', 'limits.add_addr_accepted']);
    expect(errs({ endpoint: { ns: 'server', index: 0, flags: ['signal'] } })).toEqual([{ path: 'endpoint.index', message: 'the server has no endpoint in scenario A' }]);
    expect(errs({ endpoint: { ns: 'client', index: 0, flags: ['signal', 'fullmesh'] } })[0].path).toBe('endpoint.flags');
  });
});

describe('difference rows and snapshots (aggregation: default vs first, same seed)', () => {
  let a: SimResult;
  let b: SimResult;
  let bScenario: Scenario;
  beforeAll(() => {
    // `first` keeps every byte on the initial subflow: path 2 idle, the transfer slower
    bScenario = B({ scheduler: 'first' });
    a = simulate(AGG, { seed: 1 });
    b = simulate(bScenario, { seed: 1 });
  }, 60_000);

  it('each row holds the two summaries’ values', () => {
    const rows = abRows(a.summary!, b.summary!);
    const sa = a.summary as any;
    const sb = b.summary as any;
    expect(row(rows, 'macro.duration')).toMatchObject({ a: sa.app.duration_s, b: sb.app.duration_s });
    expect(row(rows, 'macro.goodput')).toMatchObject({ a: sa.app.goodput_mbit, b: sb.app.goodput_mbit });
    expect(row(rows, 'macro.stall')).toMatchObject({ a: longestStall(sa), b: longestStall(sb) });
    expect(row(rows, 'subflows.count')).toMatchObject({ a: sa.subflows.length, b: sb.subflows.length, verdict: 'same' });
    const total = (s: any) => s.subflows.reduce((x: number, f: any) => x + f.payload_bytes.c2s, 0);
    expect(row(rows, 'path.1').a! + row(rows, 'path.2').a!).toBe(total(sa));
    expect(row(rows, 'path.1').b! + row(rows, 'path.2').b!).toBe(total(sb));
    // first leaves path 2 without data: the per-path bytes differ
    expect(row(rows, 'path.2').verdict).toBe('differs');
    for (const r of rows.filter((x) => x.group === 'macro' && x.a !== x.b)) {
      const lowerBetter = r.id !== 'macro.goodput';
      if (r.verdict !== 'same') expect(r.verdict).toBe((lowerBetter ? r.b! < r.a! : r.b! > r.a!) ? 'better' : 'worse');
    }
    expect(verdictCounts(abRows(a.summary!, a.summary!))).toEqual({ same: rows.length, better: 0, worse: 0, differs: 0 });
    // real kernel vs simulated: no direction, a changed completion time only 'differs'
    expect(row(abRows(a.summary!, b.summary!, { directional: false }), 'macro.duration').verdict).toBe('differs');
    expect(row(rows, 'macro.duration').verdict).toBe('worse');
  });

  it('the table and the SVG are deterministic (snapshots)', () => {
    const rows = abRows(a.summary!, b.summary!);
    expect(rows.map((r) => `${r.id} | ${r.aText} | ${r.bText} | ${r.delta} | ${r.verdict}`)).toMatchSnapshot();
    const sa = seriesFromTrace(a.trace, AGG, a.summary, 20e6);
    const sb = seriesFromTrace(b.trace, bScenario, b.summary, 20e6);
    const [x0, x1] = abDomain(sa, sb);
    const win = { x0, x1 };
    const geometry = abGeometry(sa, sb, win, { a: 'A', b: 'B' });
    // the goodput lines carry every delivered byte of each run
    const bytesOf = (s: typeof sa) => Array.from(s.bytes).reduce((x, y) => x + y, 0);
    expect(bytesOf(sa)).toBe(2_000_000);
    expect(bytesOf(sb)).toBe(2_000_000);
    const svg = chartSvg({ box: plotBox(480, 220), win, geometry, title: 'A/B', xLabel: 'Time (s)', yLabel: 'Mbit/s', xUnit: 'time', yUnit: 'bytes', legend: [], cursor: null });
    expect(svg).toMatchSnapshot();
    expect(svg).toContain('stroke-dasharray');
  });
});

describe('kernel-ref result folders', () => {
  const A_AGG = join(KERNEL_REF, 'results', 'a_aggregation');
  const files = (dir: string, top: string) => readdirSync(dir).map((name) => ({ name, path: `${top}/${name}` }));

  it('finds summary.json and the merged capture of the capture side', () => {
    const f = files(A_AGG, 'a_aggregation');
    const p = pickResultFiles(f);
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(f[p.summary].name).toBe('summary.json');
      expect(f[p.capture!].name).toBe('merged-server.pcapng');
      expect(p.folder).toBe('a_aggregation');
    }
    const fb = files(join(KERNEL_REF, 'results', 'f_prio_blackhole_download'), 'f');
    const pc = pickResultFiles(fb, 'client');
    expect(pc.ok && fb[pc.capture!].name).toBe('merged-client.pcapng');
    // loose files (multiple-file fallback): summary alone, no capture
    expect(pickResultFiles([{ name: 'summary.json', path: 'summary.json' }])).toEqual({ ok: true, summary: 0, capture: null, folder: '' });
  });

  it('says clearly when the folder is wrong', () => {
    expect(pickResultFiles([])).toMatchObject({ ok: false, error: { message: 'no files were chosen' } });
    const wrong = pickResultFiles([
      { name: 'README.md', path: 'docs/README.md' },
      { name: 'x.json', path: 'docs/x.json' },
    ]);
    expect(wrong).toMatchObject({ ok: false, error: { file: 'docs', message: expect.stringMatching(/^no summary.json among the chosen files \(README.md, x.json\): not a kernel-ref result folder/) } });
    const parent = pickResultFiles([
      { name: 'summary.json', path: 'results/a/summary.json' },
      { name: 'summary.json', path: 'results/b/summary.json' },
    ]);
    expect(parent).toMatchObject({ ok: false, error: { file: 'results', message: 'this folder holds 2 kernel-ref results (a, b): choose one of them' } });
  });

  it('reads a real summary.json: its scenario validates and equals the scenario file', () => {
    const r = parseKernelSummary(readFileSync(join(A_AGG, 'summary.json'), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.name).toBe('a_aggregation');
    expect(r.value.view).toBe('server');
    expect(r.value.kernel).toMatch(/^6\.18/);
    expect(r.value.t0EpochNs).toBe('1795530385095355000');
    expect(r.value.scenario).toEqual(valid(JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', 'a_aggregation.json'), 'utf8'))));
    // its throughput from the summary alone: the kernel's bins of 0.1 s
    const s = seriesFromSummary(r.value.summary);
    expect(s.binNs).toBe(100e6);
    expect(Array.from(s.bytes).reduce((x, y) => x + y, 0)).toBe(r.value.summary.total_series_bytes.reduce((x: number, y: number) => x + y, 0));
    // the real-vs-sim rows of npm run compare apply to it
    expect(compareRuns([r.value.summary], [r.value.summary]).every((x) => x.verdict === 'pass')).toBe(true);
  });

  it('the real run’s goodput from its capture: every byte once, moved to kernel-ref’s t = 0', () => {
    const r = importCapture(new Uint8Array(readFileSync(join(A_AGG, 'merged-server.pcapng'))));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const k = parseKernelSummary(readFileSync(join(A_AGG, 'summary.json'), 'utf8'));
    if (!k.ok) throw new Error('summary');
    const shift = Number(BigInt(r.value.info.t0EpochNs) - BigInt(k.value.t0EpochNs!));
    // the first captured packet (the SYN, at the server) comes about one one-way delay after connect()
    expect(shift / 1e6).toBeCloseTo(k.value.summary.subflows[0].first_syn_t * 1000, 0);
    const at0 = seriesFromTrace(r.value.trace, r.value.scenario, null, 10e6);
    const moved = seriesFromTrace(r.value.trace, r.value.scenario, k.value.summary, 10e6, shift);
    const total = (x: ArrayLike<number>) => Array.from(x).reduce((p, q) => p + q, 0);
    expect(total(at0.bytes)).toBe(4_000_000);
    expect(total(moved.bytes)).toBe(4_000_000);
    const firstBin = (x: ArrayLike<number>) => Array.from(x).findIndex((v) => v > 0);
    expect(firstBin(moved.bytes) - firstBin(at0.bytes)).toBe(Math.round(shift / 10e6));
    expect(moved.doneNs).toBe(Math.round(k.value.summary.app.duration_s * 1e9));
  });

  it('located errors for a broken or foreign summary.json', () => {
    const err = (text: string) => {
      const r = parseKernelSummary(text, 'x/summary.json');
      return r.ok ? null : r.errors[0];
    };
    expect(err('{\n  "schema": "kernel-ref-summary/1",\n  oops\n}')).toMatchObject({ file: 'x/summary.json', where: 'line 3, column 3', message: expect.stringMatching(/^not valid JSON/) });
    expect(err('[1, 2]')).toMatchObject({ where: '', message: 'must be a JSON object (a kernel-ref-summary/1)' });
    expect(err('{"schema": "kernel-ref-scenario/1"}')).toMatchObject({ where: 'schema', message: expect.stringContaining('not "kernel-ref-summary/1"') });
    expect(err('{"schema": "kernel-ref-summary/1", "app": {}}')).toMatchObject({ where: 'scenario' });
    expect(err('{"schema": "kernel-ref-summary/1", "scenario": {"name": 3}, "app": {}}')).toMatchObject({ where: 'scenario' });
  });
});
