/**
 * Plot geometry shared by the canvas, the SVG overlay and the exported SVG: margins, the linear
 * scales from data units to px, and the axis ticks (d3-scale's nice ticks).
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { AxisWindow } from './window';

export interface PlotBox {
  /** Whole chart size, px. */
  width: number;
  height: number;
  /** Margins around the plot area (axes and labels live there). */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_MARGINS = { left: 64, right: 12, top: 22, bottom: 34 } as const;

export function plotBox(width: number, height: number, margins: Partial<Omit<PlotBox, 'width' | 'height'>> = {}): PlotBox {
  return { width, height, ...DEFAULT_MARGINS, ...margins };
}

export function plotWidth(b: PlotBox): number {
  return Math.max(1, b.width - b.left - b.right);
}

export function plotHeight(b: PlotBox): number {
  return Math.max(1, b.height - b.top - b.bottom);
}

export interface PlotScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** x: the window onto [left, width − right]; y: [y0, y1] onto [height − bottom, top]. */
export function plotScales(b: PlotBox, win: AxisWindow, y: readonly [number, number]): PlotScales {
  const y0 = y[0];
  const y1 = y[1] > y[0] ? y[1] : y[0] + 1;
  return {
    x: scaleLinear().domain([win.x0, win.x1]).range([b.left, b.width - b.right]),
    y: scaleLinear().domain([y0, y1]).range([b.height - b.bottom, b.top]),
  };
}

/** What the x axis counts: simulated time (ns, labelled in s) or bytes. */
export type XUnit = 'time' | 'bytes';

/** Tick label of an x value: seconds with as many decimals as the tick step needs, or bytes. */
export function formatTick(v: number, step: number, unit: XUnit): string {
  if (unit === 'time') {
    const s = v / 1e9;
    const stepS = step / 1e9;
    const decimals = Math.min(9, Math.max(0, Math.ceil(-Math.log10(stepS) - 1e-9)));
    return s.toFixed(decimals);
  }
  return formatBytes(v, step);
}

/** Bytes as B / kB / MB (SI, as tcptrace does), with as many decimals as the step needs. */
export function formatBytes(v: number, step: number): string {
  const abs = Math.max(Math.abs(step), 1);
  const [div, suffix] = abs >= 1e6 ? [1e6, ' MB'] : abs >= 1e3 ? [1e3, ' kB'] : [1, ' B'];
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step / div) - 1e-9)));
  return `${(v / div).toFixed(decimals)}${suffix}`;
}

/** Ticks of a scale with their labels (about `count` of them). */
export function axisTicks(scale: ScaleLinear<number, number>, count: number, unit: XUnit): { v: number; label: string }[] {
  const ticks = scale.ticks(count);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.abs(scale.domain()[1] - scale.domain()[0]) || 1;
  return ticks.map((v) => ({ v, label: formatTick(v, step, unit) }));
}
