/**
 * Canvas path of a `bars` mark (viz/chart/marks.ts), built with moveTo/lineTo instead of the SVG
 * path string (viz/chart/svg.ts markPath) that Path2D would parse again: the same vertical bars
 * (at least 1 px tall), without a string of tens of thousands of characters per frame (the
 * sequence graphs draw ~7,500 bars per frame at full zoom).
 */
import type { PlotScales } from '../../../viz/chart/layout';

export function traceBars(p: Pick<Path2D, 'moveTo' | 'lineTo'>, xy: readonly number[], s: PlotScales): void {
  for (let i = 0; i + 2 < xy.length; i += 3) {
    const x = s.x(xy[i]);
    const y0 = s.y(xy[i + 1]);
    let y1 = s.y(xy[i + 2]);
    if (Math.abs(y0 - y1) < 1) y1 = y0 - 1;
    p.moveTo(x, y0);
    p.lineTo(x, y1);
  }
}
