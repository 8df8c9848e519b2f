/**
 * What a chart draws, in data units (x: the axis unit, ns or bytes; y: the value axis), as flat
 * number arrays so hundreds of thousands of marks cost a few arrays. The same marks go to the
 * canvas (ChartFrame) and to the exported SVG (svg.ts), so what is exported is what is seen.
 *
 * Views decimate before they emit marks (decimate.ts): a chart never holds more marks than a few
 * per pixel column, whatever the run's size.
 */
export type Mark =
  /** Vertical bars [x, y0, y1, …]: a segment's sequence range at its time. */
  | { kind: 'bars'; cls: string; color: string; width?: number; xy: readonly number[] }
  /** A polyline [x, y, …] (set `step` to draw it as a staircase: horizontal then vertical). */
  | { kind: 'line'; cls: string; color: string; width?: number; dash?: readonly number[]; step?: boolean; xy: readonly number[] }
  /** Small markers [x, y, …]: `shape` 'x' for retransmissions, 'o' for others. */
  | { kind: 'dots'; cls: string; color: string; shape: 'o' | 'x' | 'd'; size?: number; xy: readonly number[] }
  /** Full-height vertical ticks at xs, each with a short label (signals such as ADD_ADDR). */
  | { kind: 'vticks'; cls: string; color: string; xs: readonly number[]; labels: readonly string[] }
  /**
   * Quadrilaterals [ax0, ay, ax1, ay, bx1, by, bx0, by]: 8 numbers each, a band from the interval
   * [ax0, ax1] at height ay to [bx0, bx1] at height by (DSN ↔ SSN mapping). `opacity` 0–1.
   */
  | { kind: 'bands'; cls: string; color: string; opacity?: number; quads: readonly number[] };

/** One legend entry: a colour and what it means. */
export interface LegendEntry {
  color: string;
  label: string;
  /** Drawn as a line, a bar or a marker. */
  shape: 'line' | 'bar' | 'x' | 'o' | 'd' | 'tick';
}

/** What a view hands its frame for one visible window. */
export interface ChartGeometry {
  /** The y domain shown (bottom, top). */
  y: readonly [number, number];
  marks: Mark[];
  /** Optional y-axis category labels [y, label, …] instead of numeric ticks (lanes). */
  yCategories?: readonly (readonly [number, string])[];
}

/** The mark count of a geometry: bars, points, ticks and bands (for tests and `data-marks`). */
export function markCount(g: ChartGeometry): number {
  let n = 0;
  for (const m of g.marks) {
    if (m.kind === 'bars') n += m.xy.length / 3;
    else if (m.kind === 'line' || m.kind === 'dots') n += m.xy.length / 2;
    else if (m.kind === 'vticks') n += m.xs.length;
    else n += m.quads.length / 8;
  }
  return n;
}

/**
 * Okabe–Ito colours (distinguishable with colour-vision deficiency), the ladder's subflow colours:
 * subflow i gets SUBFLOW_COLORS[i % 8].
 */
export const SUBFLOW_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a6a00', '#444444'] as const;

export function subflowColor(i: number): string {
  return SUBFLOW_COLORS[((i % SUBFLOW_COLORS.length) + SUBFLOW_COLORS.length) % SUBFLOW_COLORS.length];
}
