/**
 * The visible window of a chart's x axis (simulated time in ns, or bytes of a sequence space) and
 * how zoom and pan move it. Pure: the Svelte frame (ui/components/chart/ChartFrame.svelte) feeds
 * d3-zoom's transform (k, x) through `windowOfTransform` and turns keyboard commands into new
 * transforms with `zoomTransformAt` / `panTransform`, so wheel, drag, pinch and keys share one state.
 */

/** A closed interval [x0, x1] of axis units (x1 > x0). */
export interface AxisWindow {
  x0: number;
  x1: number;
}

/** d3-zoom's transform restricted to x: screen = k · base(x) + tx. */
export interface XTransform {
  k: number;
  x: number;
}

export const IDENTITY: XTransform = { k: 1, x: 0 };

/** A window of at least `minSpan` units (a degenerate domain would divide by zero). */
export function safeDomain(x0: number, x1: number, minSpan = 1): AxisWindow {
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) return { x0: 0, x1: minSpan };
  if (x1 - x0 >= minSpan) return { x0, x1 };
  const mid = (x0 + x1) / 2;
  return { x0: mid - minSpan / 2, x1: mid + minSpan / 2 };
}

/** The part of `full` a transform shows on a plot `width` px wide (d3's transform.rescaleX). */
export function windowOfTransform(full: AxisWindow, tr: XTransform, width: number): AxisWindow {
  const w = Math.max(1, width);
  const span = full.x1 - full.x0;
  const x0 = full.x0 + ((0 - tr.x) / tr.k / w) * span;
  const x1 = full.x0 + ((w - tr.x) / tr.k / w) * span;
  return { x0, x1 };
}

/** The transform that shows `win` of `full` on `width` px. */
export function transformOfWindow(full: AxisWindow, win: AxisWindow, width: number): XTransform {
  const w = Math.max(1, width);
  const k = (full.x1 - full.x0) / Math.max(1e-9, win.x1 - win.x0);
  const x = (-(win.x0 - full.x0) / (full.x1 - full.x0)) * w * k;
  return { k, x };
}

/** Keep the transform inside [1, maxK] and the window inside the domain (d3's translateExtent). */
export function clampTransform(tr: XTransform, width: number, maxK: number): XTransform {
  const k = Math.min(maxK, Math.max(1, tr.k));
  const w = Math.max(1, width);
  // The window [−x/k, (w − x)/k] (in base px) must stay within [0, w].
  const x = Math.min(0, Math.max(w - w * k, tr.x));
  return { k, x };
}

/** Zoom by `factor` (> 1 zooms in) keeping the point at `anchorPx` still. */
export function zoomTransformAt(tr: XTransform, factor: number, anchorPx: number, width: number, maxK: number): XTransform {
  const k = Math.min(maxK, Math.max(1, tr.k * factor));
  const x = anchorPx - ((anchorPx - tr.x) * k) / tr.k;
  return clampTransform({ k, x }, width, maxK);
}

/** Pan by `dxPx` screen pixels (positive moves the content right, i.e. shows earlier data). */
export function panTransform(tr: XTransform, dxPx: number, width: number, maxK: number): XTransform {
  return clampTransform({ k: tr.k, x: tr.x + dxPx }, width, maxK);
}

/**
 * The deepest zoom: `minSpan` units across the plot (e.g. 10 µs of a 60 s run), at least 1×.
 */
export function maxZoom(full: AxisWindow, minSpan: number): number {
  return Math.max(1, (full.x1 - full.x0) / Math.max(1e-9, minSpan));
}

/** Keyboard commands of a chart (Timeline uses Space/arrows for the clock; charts use these on focus). */
export type ChartKeyCommand = { kind: 'zoom'; factor: number } | { kind: 'pan'; fraction: number } | { kind: 'reset' };

/** `+`/`=` zoom in, `-` zoom out, ← → pan a tenth of the plot, `0`/Home reset; null for other keys. */
export function chartKeyCommand(key: string): ChartKeyCommand | null {
  switch (key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: 1.5 };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / 1.5 };
    case 'ArrowLeft':
      return { kind: 'pan', fraction: 0.1 };
    case 'ArrowRight':
      return { kind: 'pan', fraction: -0.1 };
    case '0':
    case 'Home':
      return { kind: 'reset' };
    default:
      return null;
  }
}
