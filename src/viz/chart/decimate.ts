/**
 * Decimation for dense charts: at most one mark per pixel column (per series), keeping the
 * column's extremes, so a 60 s run of 500,000 segments draws as fast as a 1 s run. The column a mark
 * falls in is floor((x − x0) / unitsPerPx).
 */
import { lowerBound, upperBound } from './search';

/**
 * Vertical bars [x, y0, y1] of the marks i in the window whose x = xs[i], extent [lo[i], hi[i]]:
 * one bar per pixel column spanning the column's lowest lo to highest hi, at the column's first x.
 * `keep(i)` filters (e.g. one subflow). Returns the bars and how many marks they stand for.
 */
export function barsPerColumn(
  xs: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x0: number,
  x1: number,
  widthPx: number,
  keep: ((i: number) => boolean) | null = null,
): { xy: number[]; count: number } {
  const start = lowerBound(xs, x0);
  const end = upperBound(xs, x1, start);
  const upp = (x1 - x0) / Math.max(1, widthPx);
  const xy: number[] = [];
  let count = 0;
  let col = -Infinity;
  let cx = 0;
  let cmin = 0;
  let cmax = 0;
  for (let i = start; i < end; i++) {
    if (keep !== null && !keep(i)) continue;
    count++;
    const c = Math.floor((xs[i] - x0) / upp);
    if (c !== col) {
      if (col !== -Infinity) xy.push(cx, cmin, cmax);
      col = c;
      cx = xs[i];
      cmin = lo[i];
      cmax = hi[i];
    } else {
      if (lo[i] < cmin) cmin = lo[i];
      if (hi[i] > cmax) cmax = hi[i];
    }
  }
  if (col !== -Infinity) xy.push(cx, cmin, cmax);
  return { xy, count };
}

/**
 * A polyline [x, y, …] through (xs[i], ys[i]) in the window, reduced to each pixel column's first,
 * min, max and last point (the M4 rule: the picture is the same as drawing every point), plus
 * the last point before the window and the first after, so the line enters and leaves the plot.
 */
export function lineM4(xs: ArrayLike<number>, ys: ArrayLike<number>, x0: number, x1: number, widthPx: number): number[] {
  const n = xs.length;
  let start = lowerBound(xs, x0);
  let end = upperBound(xs, x1, start);
  if (start > 0) start--;
  if (end < n) end++;
  const upp = (x1 - x0) / Math.max(1, widthPx);
  const out: number[] = [];
  let i = start;
  while (i < end) {
    const c = Math.floor((xs[i] - x0) / upp);
    let j = i;
    let iMin = i;
    let iMax = i;
    while (j + 1 < end && Math.floor((xs[j + 1] - x0) / upp) === c) {
      j++;
      if (ys[j] < ys[iMin]) iMin = j;
      if (ys[j] > ys[iMax]) iMax = j;
    }
    const picks = [i, iMin, iMax, j].sort((a, b) => a - b);
    let prev = -1;
    for (const p of picks) {
      if (p === prev) continue;
      prev = p;
      out.push(xs[p], ys[p]);
    }
    i = j + 1;
  }
  return out;
}

/** The extent [min, max] of ys[i] over the window's marks (and `extra` arrays), or null when empty. */
export function extentIn(xs: ArrayLike<number>, x0: number, x1: number, ...ys: ArrayLike<number>[]): [number, number] | null {
  const start = lowerBound(xs, x0);
  const end = upperBound(xs, x1, start);
  if (end <= start) return null;
  let mn = Infinity;
  let mx = -Infinity;
  for (const y of ys) {
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
  }
  return [mn, mx];
}
