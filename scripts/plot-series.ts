/**
 * Simulator vs real kernel, bin by bin: runs a fidelity scenario through `simulate()` and prints the
 * per-bin payload series (data direction, as kernel-ref's server-side capture stamps it) and the
 * sender's cwnd/ssthresh/rtt samples next to the stored kernel runs, as a text table; writes an SVG
 * chart to test-artifacts/series-<name>.svg.
 *
 *   npx tsx scripts/plot-series.ts tcp_10m_20ms_1mb [--seed N] [--out DIR]
 *
 * Kernel columns: the representative run (`summary.json`) and the mean over every stored run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simulate } from '../src/core/index';
import { loadKernelBaseline, loadScenarioFile, FIDELITY_DIR } from '../tests/fidelity/kernel-baseline';
import { kernelRunMetrics, type CwndSample, type KernelRunMetrics } from '../tests/fidelity/kernel-metrics';
import { simRunMetrics } from '../tests/fidelity/sim-metrics';
import { loadKernelSummary } from '../tests/fidelity/kernel-baseline';
import { normaliseScenario } from '../tests/fidelity/normalise';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function meanSeries(runs: KernelRunMetrics[]): number[] {
  const n = Math.max(...runs.map((r) => r.series_bytes.length));
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(runs.reduce((a, r) => a + (r.series_bytes[i] ?? 0), 0) / runs.length);
  return out;
}

/** The sample nearest to t (the apps sample every 100 ms from their own start, so times differ). */
function sampleAt(samples: CwndSample[], t: number, binS: number): CwndSample | null {
  let best: CwndSample | null = null;
  for (const s of samples) if (Math.abs(s.t - t) <= binS / 2 && (!best || Math.abs(s.t - t) < Math.abs(best.t - t))) best = s;
  return best;
}

const fmt = (v: number | null | undefined, w: number, d = 0): string => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(d)).padStart(w);

function seriesTable(binS: number, kernelRep: KernelRunMetrics, kernelMean: number[], sim: KernelRunMetrics): string {
  const n = Math.max(kernelRep.series_bytes.length, kernelMean.length, sim.series_bytes.length);
  const lines = [
    `${'t_s'.padStart(5)} | ${'kernel_B'.padStart(9)} ${'kmean_B'.padStart(9)} ${'sim_B'.padStart(9)} ${'diff_%'.padStart(7)} | ${'k_cwnd'.padStart(6)} ${'s_cwnd'.padStart(6)} | ${'k_ssth'.padStart(6)} ${'s_ssth'.padStart(6)} | ${'k_rtt_ms'.padStart(8)} ${'s_rtt_ms'.padStart(8)}`,
  ];
  for (let i = 0; i < n; i++) {
    const t = i * binS;
    const k = kernelRep.series_bytes[i] ?? 0;
    const km = kernelMean[i] ?? 0;
    const s = sim.series_bytes[i] ?? 0;
    const diff = km > 0 ? ((s - km) / km) * 100 : null;
    const tk = sampleAt(kernelRep.sender_samples, t + binS, binS);
    const ts = sampleAt(sim.sender_samples, t + binS, binS);
    const ssth = (x: CwndSample | null) => (x && x.ssthresh !== null && x.ssthresh < 1e9 ? x.ssthresh : null);
    lines.push(
      `${fmt(t, 5, 1)} | ${fmt(k, 9)} ${fmt(km, 9)} ${fmt(s, 9)} ${fmt(diff, 7, 1)} | ${fmt(tk?.cwnd, 6)} ${fmt(ts?.cwnd, 6)} | ${fmt(ssth(tk), 6)} ${fmt(ssth(ts), 6)} | ${fmt(tk?.rtt_us != null ? tk.rtt_us / 1000 : null, 8, 1)} ${fmt(ts?.rtt_us != null ? ts.rtt_us / 1000 : null, 8, 1)}`,
    );
  }
  return lines.join('\n');
}

interface Line {
  label: string;
  color: string;
  dash?: string;
  points: [number, number][];
}

function chart(title: string, yLabel: string, lines: Line[], x0: number, y0: number, w: number, h: number): string {
  const xs = lines.flatMap((l) => l.points.map((p) => p[0]));
  const ys = lines.flatMap((l) => l.points.map((p) => p[1]));
  const xMax = Math.max(0.1, ...xs);
  const yMax = Math.max(1, ...ys) * 1.1;
  const sx = (x: number) => x0 + 50 + (x / xMax) * (w - 70);
  const sy = (y: number) => y0 + h - 30 - (y / yMax) * (h - 60);
  const parts = [`<text x="${x0 + w / 2}" y="${y0 + 18}" text-anchor="middle" font-size="14">${title}</text>`];
  parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(xMax)}" y2="${sy(0)}" stroke="#444"/>`);
  parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(0)}" y2="${sy(yMax)}" stroke="#444"/>`);
  for (let i = 0; i <= 5; i++) {
    const y = (yMax / 5) * i;
    parts.push(`<text x="${sx(0) - 4}" y="${sy(y) + 4}" text-anchor="end" font-size="10">${y.toFixed(y < 10 ? 1 : 0)}</text>`);
    const x = (xMax / 5) * i;
    parts.push(`<text x="${sx(x)}" y="${sy(0) + 14}" text-anchor="middle" font-size="10">${x.toFixed(1)}</text>`);
  }
  parts.push(`<text x="${x0 + 12}" y="${y0 + h / 2}" font-size="11" transform="rotate(-90 ${x0 + 12} ${y0 + h / 2})" text-anchor="middle">${yLabel}</text>`);
  parts.push(`<text x="${sx(xMax / 2)}" y="${y0 + h - 4}" font-size="11" text-anchor="middle">time since connect() (s)</text>`);
  lines.forEach((l, i) => {
    if (l.points.length === 0) return;
    const d = l.points.map((p, j) => `${j ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${l.color}" stroke-width="1.8"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`);
    parts.push(`<text x="${x0 + w - 150}" y="${y0 + 36 + i * 14}" font-size="11" fill="${l.color}">${l.label}</text>`);
  });
  return parts.join('\n');
}

function seriesSvg(name: string, binS: number, kernelRep: KernelRunMetrics, kernelMean: number[], sim: KernelRunMetrics): string {
  const mbit = (b: number) => (b * 8) / binS / 1e6;
  const pts = (s: number[]) => s.map((b, i) => [(i + 0.5) * binS, mbit(b)] as [number, number]);
  const cw = (s: CwndSample[]) => s.filter((x) => x.cwnd !== null).map((x) => [x.t, x.cwnd as number] as [number, number]);
  const W = 760;
  const H = 300;
  // Okabe–Ito colours (colour-blind safe).
  const top = chart(`${name}: payload per ${binS * 1000} ms bin (data direction)`, 'Mbit/s', [
    { label: 'kernel (representative)', color: '#0072B2', points: pts(kernelRep.series_bytes) },
    { label: 'kernel (mean of runs)', color: '#56B4E9', dash: '4 3', points: pts(kernelMean) },
    { label: 'simulator', color: '#D55E00', points: pts(sim.series_bytes) },
  ], 0, 0, W, H);
  const bottom = chart('sender cwnd (segments), tcp_info samples', 'cwnd', [
    { label: 'kernel (representative)', color: '#0072B2', points: cw(kernelRep.sender_samples) },
    { label: 'simulator', color: '#D55E00', points: cw(sim.sender_samples) },
  ], 0, H, W, H);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${2 * H}" viewBox="0 0 ${W} ${2 * H}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${top}\n${bottom}\n</svg>\n`;
}

function main(argv: string[]): void {
  const name = argv[0];
  if (!name || name.startsWith('--')) {
    console.error('usage: plot-series.ts SCENARIO_NAME [--seed N] [--out DIR]   (a name under tests/fidelity/scenarios)');
    process.exit(2);
  }
  const seedArg = arg(argv, '--seed');
  const outDir = resolve(arg(argv, '--out') ?? join(FIDELITY_DIR, '../../test-artifacts'));
  const scenario = normaliseScenario(loadScenarioFile(name));
  const result = simulate(scenario, seedArg !== undefined ? { seed: Number(seedArg) } : {});
  const sim = simRunMetrics(result);
  const baseline = loadKernelBaseline(name);
  const rep = kernelRunMetrics(loadKernelSummary(name), baseline.representative);
  const kMean = meanSeries(baseline.runs);
  const binS = scenario.analysis.bin_s;
  console.log(`# ${name}: simulator (seed ${result.seed}) vs kernel ${baseline.kernel ?? ''} (representative ${baseline.representative}, mean of ${baseline.runs.length} runs)`);
  console.log(`# duration_s   sim ${fmt(sim.duration_s, 0, 4)}  kernel ${fmt(rep.duration_s, 0, 4)}`);
  console.log(`# goodput_mbit sim ${fmt(sim.goodput_mbit, 0, 3)}  kernel ${fmt(rep.goodput_mbit, 0, 3)}`);
  console.log(`# handshake_s  sim ${fmt(sim.handshake_s, 0, 4)}  kernel ${fmt(rep.handshake_s, 0, 4)}`);
  console.log(seriesTable(binS, rep, kMean, sim));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `series-${name}.svg`);
  writeFileSync(file, seriesSvg(name, binS, rep, kMean, sim));
  console.log(`# chart: ${file}`);
}

main(process.argv.slice(2));
