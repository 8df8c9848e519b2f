/**
 * The A/B chart: the two runs' goodput over time on one time axis (one ChartFrame, so one zoom and
 * one cursor apply to both), A solid and B dashed, each run's completion marked with a tick. A
 * simulated run or an imported capture is binned from its packets with the throughput chart's rule
 * (viz/expert/throughput.ts: new data-level bytes at the receiver per bin); a real run without its
 * capture falls back to the summary's `total_series_bytes` (kernel-ref's bins of `bin_s`, payload
 * bytes seen at the capture point). Packets without a data-level position (an imported capture's
 * records carry none) count the subflow-level new bytes instead: each subflow's sequence space
 * relative to its first segment, so a TCP retransmission adds nothing (a reinjection on another
 * subflow, rare, does).
 */
import { ticks as d3ticks } from 'd3-array';
import type { Trace } from '../../core/sim/trace';
import type { Scenario } from '../../core/scenario/types';
import type { CompareSummary } from '../../core/export/compare-rows';
import type { AxisWindow } from '../chart/window';
import type { ChartGeometry, Mark } from '../chart/marks';
import { mbitPerS, throughputModel } from '../expert/throughput';
import { dataRecords, RangeSet, tupleOf } from '../expert/subflows';

export const AB_COLOR_A = '#0072b2';
export const AB_COLOR_B = '#d55e00';

export interface AbSeries {
  binNs: number;
  /** Bytes per bin (bin i covers [i·binNs, (i+1)·binNs)). */
  bytes: ArrayLike<number>;
  /** Completion (the summary's app.duration_s), ns; null when unknown. */
  doneNs: number | null;
  /** Where the series comes from: the packets of a trace, or the summary's bins. */
  source: 'trace' | 'summary';
}

function doneOf(summary: CompareSummary | null): number | null {
  const d = summary?.app?.duration_s;
  return typeof d === 'number' && Number.isFinite(d) ? Math.round(d * 1e9) : null;
}

/**
 * A run's goodput from its packets. `shiftNs` moves every record later (an imported capture's t = 0
 * is its first packet; kernel-ref's is the client's connect(), earlier by the shift).
 */
export function seriesFromTrace(trace: Trace, scenario: Scenario, summary: CompareSummary | null, binNs: number, shiftNs = 0): AbSeries {
  const shift = Math.max(0, Math.round(shiftNs));
  const t = shift === 0 ? trace : { ...trace, end: trace.end + shift, captures: trace.captures.map((r) => ({ ...r, t: r.t + shift })) };
  const recs = dataRecords(t, scenario);
  const bytes = recs.length > 0 && recs.every((r) => r.pkt.stream >= 0) ? throughputModel(t, scenario, binNs).aggregate : subflowLevelBytes(recs, t.end, binNs);
  return { binNs, bytes, doneNs: doneOf(summary), source: 'trace' };
}

/** New subflow-level payload bytes per bin (sequence numbers relative to each 4-tuple's first). */
function subflowLevelBytes(recs: ReturnType<typeof dataRecords>, end: number, binNs: number): Float64Array {
  const out = new Float64Array(Math.max(1, Math.ceil(end / binNs)));
  const sets = new Map<string, { base: number; set: RangeSet }>();
  for (const r of recs) {
    const key = tupleOf(r.pkt);
    let e = sets.get(key);
    if (!e) sets.set(key, (e = { base: r.pkt.seq, set: new RangeSet() }));
    const lo = (r.pkt.seq - e.base) >>> 0;
    const added = e.set.add(lo, lo + r.pkt.payloadLen);
    if (added > 0) out[Math.min(out.length - 1, Math.floor(r.t / binNs))] += added;
  }
  return out;
}

/** A run's goodput from its summary alone (`total_series_bytes` in bins of `bin_s`). */
export function seriesFromSummary(summary: CompareSummary): AbSeries {
  const bin = typeof summary.bin_s === 'number' && summary.bin_s > 0 ? summary.bin_s : 0.1;
  const bytes = Array.isArray(summary.total_series_bytes) ? summary.total_series_bytes.map((v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)) : [];
  return { binNs: Math.round(bin * 1e9), bytes, doneNs: doneOf(summary), source: 'summary' };
}

/** The x domain that holds both runs: [0, the later end]. */
export function abDomain(a: AbSeries, b: AbSeries): [number, number] {
  const end = (s: AbSeries): number => Math.max(s.bytes.length * s.binNs, s.doneNs ?? 0);
  return [0, Math.max(1, end(a), end(b))];
}

function stepLine(s: AbSeries, win: AxisWindow): { xy: number[]; top: number } {
  const i0 = Math.max(0, Math.floor(win.x0 / s.binNs));
  const i1 = Math.min(s.bytes.length, Math.ceil(win.x1 / s.binNs));
  const xy: number[] = [];
  let top = 0;
  for (let i = i0; i < i1; i++) {
    const v = mbitPerS(s.bytes[i], s.binNs);
    xy.push(i * s.binNs, v, (i + 1) * s.binNs, v);
    if (v > top) top = v;
  }
  return { xy, top };
}

const fmtNum = (v: number): string => (Math.round(v * 1000) / 1000).toString();

/** The marks of the visible window: A's and B's goodput (Mbit/s) and their completion ticks. */
export function abGeometry(a: AbSeries, b: AbSeries, win: AxisWindow, labels: { a: string; b: string }): ChartGeometry {
  const la = stepLine(a, win);
  const lb = stepLine(b, win);
  const marks: Mark[] = [
    { kind: 'line', cls: 'ab-a', color: AB_COLOR_A, width: 2, xy: la.xy },
    { kind: 'line', cls: 'ab-b', color: AB_COLOR_B, width: 2, dash: [6, 3], xy: lb.xy },
  ];
  for (const [s, color, label, cls] of [
    [a, AB_COLOR_A, labels.a, 'ab-done-a'],
    [b, AB_COLOR_B, labels.b, 'ab-done-b'],
  ] as const) {
    if (s.doneNs !== null && s.doneNs >= win.x0 && s.doneNs <= win.x1) marks.push({ kind: 'vticks', cls, color, xs: [s.doneNs], labels: [label] });
  }
  const top = Math.max(la.top, lb.top);
  const yTop = top > 0 ? top * 1.08 : 1;
  return { y: [0, yTop], marks, yCategories: d3ticks(0, yTop, 5).map((v) => [v, fmtNum(v)] as const) };
}
