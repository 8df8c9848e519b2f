/**
 * Deterministic snapshots of the expert charts II (throughput, windows ×4, reorder, PM timeline,
 * scheduler inspector) for two seeded scenarios: the exported SVG of the whole run at 480×200 (its
 * SHA-256, to keep the snapshot small) and a readable digest of the marks.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../src/core';
import { chartSvg } from '../../../../src/viz/chart/svg';
import { plotBox, plotWidth, type PlotBox } from '../../../../src/viz/chart/layout';
import type { ChartGeometry } from '../../../../src/viz/chart/marks';
import { throughputModel, niceBin } from '../../../../src/viz/expert/throughput';
import { reorderModel } from '../../../../src/viz/expert/reorder';
import { windowsModel } from '../../../../src/viz/expert/windows';
import { pmTimeline } from '../../../../src/viz/expert/pm-timeline';
import { pmGeometry, reorderGeometry, SCHED_LEFT_MARGIN, schedGeometry, throughputGeometry, windowsGeometry } from '../../../../src/viz/expert/geometry';
import { inspectorRows } from '../../../../src/viz/expert/sched-inspector';
import { senderSide } from '../../../../src/viz/expert/subflows';
import { KERNEL_REF } from '../../../helpers/paths';
import { scenario } from '../../../helpers/scenario';

const SCENARIOS = {
  handover: scenario(JSON.parse(readFileSync(resolve(KERNEL_REF, 'scenarios/b_handover.json'), 'utf8'))),
  lia: scenario({
    name: 'snap-lia',
    seed: 3,
    sim: { congestion_control: 'lia' },
    paths: [{ delay_ms: 10, rate_mbit: 10, queue_pkts: 20, loss_pct: 0.5 }, { delay_ms: 30, rate_mbit: 5, queue_pkts: 20 }],
    client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
    server: { limits: { subflows: 2 } },
    app: { bytes: 1_000_000, direction: 'download' },
  }),
};

function digest(g: ChartGeometry): string[] {
  return g.marks.map((m) => {
    const nums = m.kind === 'bands' ? m.quads : m.kind === 'vticks' ? m.xs : m.xy;
    let sum = 0;
    for (const v of nums) sum += v;
    return `${m.kind} ${m.cls} n=${nums.length} Σ=${sum.toPrecision(8)}`;
  });
}

describe.each(Object.entries(SCENARIOS))('expert chart snapshots: %s', (_name, sc) => {
  const { trace } = simulate(sc, { viewCaptures: true, summary: false });
  const box = plotBox(480, 200);
  const win = { x0: 0, x1: trace.end };
  const px = plotWidth(box);
  const windows = windowsModel(trace, senderSide(sc));
  // the inspector's lanes as SchedulerInspector.svelte orders them: chosen subflows by first decision
  const rows = inspectorRows(trace);
  const schedBox = plotBox(480, 200, { left: SCHED_LEFT_MARGIN });
  const lanes = [...new Set(rows.map((r) => r.chosenLabel).filter((l) => l !== ''))];
  const views: Record<string, [ChartGeometry, 'bytes' | 'time', PlotBox?]> = {
    throughput: [throughputGeometry(throughputModel(trace, sc, niceBin(trace.end)), null, win), 'bytes'],
    'windows-cwnd': [windowsGeometry(windows, 'cwnd', win, px), 'bytes'],
    'windows-rtt': [windowsGeometry(windows, 'rtt', win, px), 'time'],
    'windows-flight': [windowsGeometry(windows, 'flight', win, px), 'bytes'],
    'windows-alpha': [windowsGeometry(windows, 'alpha', win, px), 'bytes'],
    reorder: [reorderGeometry(reorderModel(trace, sc, 100e6), win, px), 'bytes'],
    pm: [pmGeometry(pmTimeline(trace), win, ['client', 'server']), 'bytes'],
    sched: [schedGeometry(rows, lanes, win, plotWidth(schedBox), null), 'bytes', schedBox],
  };

  it('records scheduler decisions on both subflows', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(lanes.length).toBe(2);
  });

  it.each(Object.keys(views))('%s', (view) => {
    const [geometry, yUnit, viewBox] = views[view];
    const svg = chartSvg({ box: viewBox ?? box, win, geometry, title: view, xLabel: 'Time (s)', yLabel: view, xUnit: 'time', yUnit, cursor: null });
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect({ marks: digest(geometry), svgSha256: createHash('sha256').update(svg).digest('hex').slice(0, 16) }).toMatchSnapshot();
  });
});
