/**
 * Binary searches over sorted typed arrays: which marks fall in a window (every frame while zooming)
 * and which mark is nearest to the pointer (hit-testing a click).
 */
type Sorted = ArrayLike<number>;

/** First index i in [lo, hi) with a[i] ≥ v (hi when none). */
export function lowerBound(a: Sorted, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i in [lo, hi) with a[i] > v (hi when none). */
export function upperBound(a: Sorted, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices [start, end) of the elements with x0 ≤ a[i] ≤ x1. */
export function rangeIn(a: Sorted, x0: number, x1: number): { start: number; end: number } {
  const start = lowerBound(a, x0);
  return { start, end: upperBound(a, x1, start) };
}

/**
 * The index of the mark nearest to (x, y) among those with |a[i] − x| ≤ dx, scoring by the
 * distance in units scaled by `sx`, `sy` (px per unit), where `yAt(i)` is the mark's y (or the
 * nearest y of its extent). -1 when nothing is within `maxPx`.
 */
export function nearestMark(
  a: Sorted,
  x: number,
  y: number,
  sx: number,
  sy: number,
  yAt: (i: number) => number,
  maxPx = 8,
): number {
  const dx = maxPx / Math.max(1e-12, sx);
  const { start, end } = rangeIn(a, x - dx, x + dx);
  let best = -1;
  let bestD = maxPx * maxPx;
  // A window with thousands of marks (zoomed out): sample evenly, a click there cannot be precise anyway.
  const step = Math.max(1, Math.floor((end - start) / 4096));
  for (let i = start; i < end; i += step) {
    const ddx = (a[i] - x) * sx;
    const ddy = (yAt(i) - y) * sy;
    const d = ddx * ddx + ddy * ddy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
