/**
 * Geometry of the timeline's scrubber: a time scale over the whole run (d3-scale), axis ticks, and
 * the marks merged per few pixels so a run with thousands of marks still draws a few hundred
 * symbols. Each kind has its own shape and row, so colour is never the only cue. Pure.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3-shape';
import type { MarkKind, TimelineMark } from './timeline-marks';

export interface MarkStyle {
  symbol: SymbolType;
  /** Rotation (deg) of the symbol, e.g. a triangle pointing down for "link down". */
  rotate: number;
  /** 0: the network row above the track; 1: subflows below it; 2: the connection's other events. */
  row: 0 | 1 | 2;
  /** CSS class suffix (colours come from the theme). */
  tone: 'bad' | 'ok' | 'accent' | 'muted' | 'warn' | 'signal';
  /** Hollow (stroke only). */
  hollow: boolean;
}

export const MARK_STYLES: Record<MarkKind, MarkStyle> = {
  linkDown: { symbol: symbolTriangle, rotate: 180, row: 0, tone: 'bad', hollow: false },
  linkUp: { symbol: symbolTriangle, rotate: 0, row: 0, tone: 'ok', hollow: false },
  shape: { symbol: symbolDiamond, rotate: 0, row: 0, tone: 'accent', hollow: false },
  config: { symbol: symbolSquare, rotate: 0, row: 0, tone: 'muted', hollow: false },
  subflowUp: { symbol: symbolCircle, rotate: 0, row: 1, tone: 'ok', hollow: false },
  subflowClosed: { symbol: symbolCircle, rotate: 0, row: 1, tone: 'bad', hollow: true },
  fallback: { symbol: symbolStar, rotate: 0, row: 2, tone: 'warn', hollow: false },
  signal: { symbol: symbolWye, rotate: 0, row: 2, tone: 'signal', hollow: false },
  rto: { symbol: symbolCross, rotate: 45, row: 2, tone: 'warn', hollow: false },
};

/** SVG path of a mark kind's symbol at `size` px², centred on 0,0. */
export function markSymbol(kind: MarkKind, size: number): string {
  return symbol(MARK_STYLES[kind].symbol, size)() ?? '';
}

export interface ScrubberGeometry {
  width: number;
  height: number;
  /** ns → x */
  x: ScaleLinear<number, number>;
  /** y of each row of marks (see MarkStyle.row), the track centre, the axis labels. */
  rowY: [number, number, number];
  trackY: number;
  trackH: number;
  axisY: number;
  /** Axis ticks (ns) and their x. */
  ticks: { t: number; x: number }[];
}

export function scrubberGeometry(width: number, endNs: number): ScrubberGeometry {
  const w = Math.max(200, Math.round(width));
  const pad = 10;
  const x = scaleLinear()
    .domain([0, Math.max(1, endNs)])
    .range([pad, w - pad]);
  const n = w < 480 ? 4 : w < 900 ? 6 : 10;
  const ticks = x.ticks(n).map((t) => ({ t, x: x(t) }));
  return { width: w, height: 82, x, rowY: [9, 40, 53], trackY: 24, trackH: 8, axisY: 77, ticks };
}

export interface MergedMark {
  x: number;
  kind: MarkKind;
  /** The first mark of the group (its time is where a click jumps). */
  first: TimelineMark;
  count: number;
}

/** Marks of the same kind closer than `px` pixels become one symbol with a count. */
export function mergeMarks(marks: readonly TimelineMark[], x: (t: number) => number, px = 5): MergedMark[] {
  const out: MergedMark[] = [];
  const last = new Map<MarkKind, MergedMark>();
  for (const m of marks) {
    const mx = x(m.t);
    const prev = last.get(m.kind);
    if (prev && mx - prev.x < px) {
      prev.count++;
      continue;
    }
    const g: MergedMark = { x: mx, kind: m.kind, first: m, count: 1 };
    out.push(g);
    last.set(m.kind, g);
  }
  return out;
}
