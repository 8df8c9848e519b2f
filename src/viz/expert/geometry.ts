/**
 * The expert charts' marks for a visible window (ChartFrame's `geometry`): pure, decimated to the
 * plot width with the shared M4 rule (viz/chart/decimate.ts), so a 60 s run costs the same per
 * frame as a 1 s run. Values that are not bytes or time get their own y tick labels
 * (`yCategories`): Mbit/s, segments, α.
 */
import { ticks as d3ticks } from 'd3-array';
import type { AxisWindow } from '../chart/window';
import type { ChartGeometry, Mark } from '../chart/marks';
import { subflowColor } from '../chart/marks';
import { lineM4 } from '../chart/decimate';
import { lowerBound, upperBound } from '../chart/search';
import { mbitPerS, stackTops, type ThroughputModel } from './throughput';
import type { ReorderModel } from './reorder';
import type { WindowsModel } from './windows';
import { laneLabels, type InspectorRow } from './sched-inspector';
import type { PmEventGroup, PmTimelineEvent } from './pm-timeline';

export const AGGREGATE_COLOR = '#1c2430';
export const BASELINE_COLOR = '#7a6a00';
export const STALL_COLOR = '#d55e00';
/** Reinjections in the scheduler inspector: not the colour of the first two subflows (blue, vermilion). */
export const REINJECT_COLOR = '#cc79a7';

/** Nice y ticks of [0, top] labelled by `fmt`. */
function yTicks(top: number, fmt: (v: number) => string): [number, string][] {
  return d3ticks(0, top, 5).map((v) => [v, fmt(v)]);
}

const fmtNum = (v: number): string => (Math.round(v * 1000) / 1000).toString();

/** Bins [i0, i1) of width binNs that intersect the window. */
function binRange(win: AxisWindow, binNs: number, bins: number): [number, number] {
  return [Math.max(0, Math.floor(win.x0 / binNs)), Math.min(bins, Math.ceil(win.x1 / binNs))];
}

/**
 * Throughput: each subflow's goodput as a band stacked on the ones below (one rectangle per bin),
 * the aggregate as a line, the TCP baseline (bytes per bin of `baseline.binNs`) dashed. y in Mbit/s.
 */
export function throughputGeometry(m: ThroughputModel, baseline: { binNs: number; bytes: ArrayLike<number> } | null, win: AxisWindow): ChartGeometry {
  const [i0, i1] = binRange(win, m.binNs, m.bins);
  const tops = stackTops(m);
  const marks: Mark[] = [];
  let top = 0;
  let prev: ArrayLike<number> = new Float64Array(m.bins);
  tops.forEach((tp, k) => {
    const quads: number[] = [];
    for (let i = i0; i < i1; i++) {
      const hi = mbitPerS(tp[i], m.binNs);
      const lo = mbitPerS(prev[i], m.binNs);
      if (hi === lo) continue;
      const x0 = i * m.binNs;
      const x1 = x0 + m.binNs;
      quads.push(x0, hi, x1, hi, x1, lo, x0, lo);
    }
    marks.push({ kind: 'bands', cls: `layer-${k}`, color: subflowColor(k), opacity: 0.75, quads });
    prev = tp;
  });
  const agg: number[] = [];
  for (let i = i0; i < i1; i++) {
    const v = mbitPerS(m.aggregate[i], m.binNs);
    agg.push(i * m.binNs, v, (i + 1) * m.binNs, v);
    if (v > top) top = v;
  }
  marks.push({ kind: 'line', cls: 'aggregate', color: AGGREGATE_COLOR, width: 1.5, xy: agg });
  if (baseline) {
    const [j0, j1] = binRange(win, baseline.binNs, baseline.bytes.length);
    const xy: number[] = [];
    for (let i = j0; i < j1; i++) {
      const v = mbitPerS(baseline.bytes[i], baseline.binNs);
      xy.push(i * baseline.binNs, v, (i + 1) * baseline.binNs, v);
      if (v > top) top = v;
    }
    marks.push({ kind: 'line', cls: 'baseline', color: BASELINE_COLOR, width: 1.5, dash: [5, 3], xy });
  }
  const yTop = top > 0 ? top * 1.08 : 1;
  return { y: [0, yTop], marks, yCategories: yTicks(yTop, fmtNum) };
}

/** Reorder queue (bytes, a staircase) with the head-of-line stalls shaded full height. */
export function reorderGeometry(m: ReorderModel, win: AxisWindow, widthPx: number): ChartGeometry {
  const top = Math.max(m.maxOfo * 1.08, 1000);
  const quads: number[] = [];
  for (const s of m.stalls) {
    if (s.end < win.x0 || s.start > win.x1) continue;
    quads.push(s.start, top, s.end, top, s.end, 0, s.start, 0);
  }
  return {
    y: [0, top],
    marks: [
      { kind: 'bands', cls: 'stall', color: STALL_COLOR, opacity: 0.18, quads },
      { kind: 'line', cls: 'ofo', color: subflowColor(0), width: 1.5, step: true, xy: lineM4(m.t, m.ofo, win.x0, win.x1, widthPx) },
    ],
  };
}

export type WindowsMetric = 'cwnd' | 'rtt' | 'flight' | 'alpha';

/**
 * Windows: `cwnd` — cwnd (solid) and ssthresh (dashed) per subflow, in segments; `rtt` — srtt
 * (solid) and RTO (dashed) per subflow, time; `flight` — bytes in flight per subflow, their sum
 * (the connection) and the peer's receive window; `alpha` — the coupled CC's α per subflow.
 */
export function windowsGeometry(m: WindowsModel, metric: WindowsMetric, win: AxisWindow, widthPx: number): ChartGeometry {
  const marks: Mark[] = [];
  let top = 0;
  const add = (cls: string, color: string, xs: ArrayLike<number>, ys: ArrayLike<number>, dash?: number[]): void => {
    const xy = lineM4(xs, ys, win.x0, win.x1, widthPx);
    for (let i = 1; i < xy.length; i += 2) if (Number.isFinite(xy[i]) && xy[i] > top) top = xy[i];
    marks.push({ kind: 'line', cls, color, width: 1.5, step: true, xy: xy.map((v) => (Number.isFinite(v) ? v : 0)), ...(dash ? { dash } : {}) });
  };
  m.sockets.forEach((s, k) => {
    const c = subflowColor(k);
    const t = s.series.t;
    if (metric === 'cwnd') {
      add(`cwnd-${k}`, c, t, s.series.cwnd);
      const idx: number[] = [];
      s.ssthresh.forEach((v, i) => {
        if (v !== null) idx.push(i);
      });
      add(`ssthresh-${k}`, c, idx.map((i) => t[i]), idx.map((i) => s.ssthresh[i] as number), [4, 3]);
    } else if (metric === 'rtt') {
      add(`srtt-${k}`, c, t, s.series.srttUs.map((v) => v * 1000));
      add(`rto-${k}`, c, t, s.series.rtoUs.map((v) => v * 1000), [4, 3]);
    } else if (metric === 'flight') {
      add(`flight-${k}`, c, t, s.series.inflight.map((v) => v * s.mss));
    } else if (s.series.alpha) {
      const idx: number[] = [];
      s.series.alpha.forEach((v, i) => {
        if (Number.isFinite(v)) idx.push(i);
      });
      add(`alpha-${k}`, c, idx.map((i) => t[i]), idx.map((i) => s.series.alpha![i]));
    }
  });
  if (metric === 'flight') {
    add('flight-total', AGGREGATE_COLOR, m.flight.t, m.flight.bytes);
    add('rwnd', BASELINE_COLOR, m.rwnd.t, m.rwnd.bytes, [6, 3]);
  }
  const yTop = top > 0 ? top * 1.08 : 1;
  const g: ChartGeometry = { y: [0, yTop], marks };
  if (metric === 'cwnd' || metric === 'alpha') return { ...g, yCategories: yTicks(yTop, fmtNum) };
  return g;
}

/** Left margin of the scheduler inspector's plot: room for an address:port lane label. */
export const SCHED_LEFT_MARGIN = 124;

/**
 * Scheduler decisions: a dot per decision on the chosen subflow's lane (◆ for reinjections). The
 * lanes are the subflows' 4-tuples; their tick labels only the endpoint that tells them apart.
 */
export function schedGeometry(rows: readonly InspectorRow[], lanes: readonly string[], win: AxisWindow, widthPx: number, selected: number | null): ChartGeometry {
  const ts = rows.map((r) => r.t);
  const i0 = lowerBound(ts, win.x0);
  const i1 = upperBound(ts, win.x1, i0);
  const upp = (win.x1 - win.x0) / Math.max(1, widthPx);
  const send: number[][] = lanes.map(() => []);
  const retrans: number[] = [];
  const lastCol = new Map<string, number>();
  for (let i = i0; i < i1; i++) {
    const r = rows[i];
    const lane = r.chosen === null ? -1 : lanes.indexOf(r.chosenLabel);
    if (lane < 0) continue;
    const col = Math.floor((r.t - win.x0) / upp);
    const key = `${lane}|${r.kind}`;
    if (lastCol.get(key) === col) continue;
    lastCol.set(key, col);
    if (r.kind === 'retrans') retrans.push(r.t, lane);
    else send[lane].push(r.t, lane);
  }
  const marks: Mark[] = send.map((xy, k) => ({ kind: 'dots', cls: `send-${k}`, color: subflowColor(k), shape: 'o', size: 3, xy }));
  marks.push({ kind: 'dots', cls: 'retrans', color: REINJECT_COLOR, shape: 'd', size: 5, xy: retrans });
  if (selected !== null && rows[selected]) {
    const r = rows[selected];
    marks.push({ kind: 'dots', cls: 'selected', color: AGGREGATE_COLOR, shape: 'x', size: 8, xy: [r.t, Math.max(0, lanes.indexOf(r.chosenLabel))] });
  }
  return { y: [-0.6, lanes.length - 0.4], marks, yCategories: laneLabels(lanes).map((l, i) => [i, l] as const) };
}

export const PM_GROUP_COLORS: Record<PmEventGroup, string> = { connection: '#0072b2', subflow: '#009e73', address: '#cc79a7', listener: '#444444' };

/** PM events: one marker per event on its host's lane (client 1, server 0), coloured by group. */
export function pmGeometry(events: readonly PmTimelineEvent[], win: AxisWindow, laneNames: readonly [string, string]): ChartGeometry {
  const by = new Map<PmEventGroup, number[]>();
  const ts = events.map((e) => e.t);
  const i0 = lowerBound(ts, win.x0);
  const i1 = upperBound(ts, win.x1, i0);
  for (let i = i0; i < i1; i++) {
    const e = events[i];
    let xy = by.get(e.group);
    if (!xy) by.set(e.group, (xy = []));
    xy.push(e.t, e.side === 'client' ? 1 : 0);
  }
  const marks: Mark[] = (Object.keys(PM_GROUP_COLORS) as PmEventGroup[]).map((g) => ({ kind: 'dots', cls: `pm-${g}`, color: PM_GROUP_COLORS[g], shape: 'd', size: 6, xy: by.get(g) ?? [] }));
  return { y: [-0.6, 1.6], marks, yCategories: [[0, laneNames[1]], [1, laneNames[0]]] };
}

