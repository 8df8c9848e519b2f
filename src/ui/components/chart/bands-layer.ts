/**
 * Canvas drawing of a `bands` mark (viz/chart/marks.ts): each quad filled on its own, opaque, on an
 * offscreen layer, then the layer composited once at the mark's opacity. The picture is the SVG
 * export's (one path, one fill-opacity: overlapping quads do not darken each other), but a convex
 * quad is a cheap fill while one path of hundreds of overlapping sub-paths is not: software
 * rasterisation of a 900-quad path took ≈ 100–400 ms in headless Chromium, 900 single fills ≈ 1 ms
 * (issue 6, "Speed": the DSN ↔ SSN mapping view's zoom/pan).
 */
import type { PlotScales } from '../../../viz/chart/layout';

/** The 2D-context calls used here (a CanvasRenderingContext2D; a recorder in tests). */
export type BandsContext = Pick<
  CanvasRenderingContext2D,
  'save' | 'restore' | 'setTransform' | 'clearRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'fill' | 'drawImage'
> & { fillStyle: CanvasRenderingContext2D['fillStyle']; globalAlpha: number };

export interface BandsLayer {
  /** The layer's pixels, the size of the main canvas (device px). */
  canvas: CanvasImageSource & { width: number; height: number };
  ctx: BandsContext;
}

/**
 * Draw the quads [ax0, ay, ax1, ay, bx1, by, bx0, by, …] (data units, through `s`) on `ctx` in
 * `color` at `opacity`, via `layer` (cleared first). `dpr`: device px per CSS px of both canvases;
 * `ctx` keeps its clip.
 */
export function drawBands(
  ctx: BandsContext,
  layer: BandsLayer,
  quads: readonly number[],
  s: PlotScales,
  color: string,
  opacity: number,
  dpr: number,
): void {
  if (quads.length < 8) return;
  const l = layer.ctx;
  l.setTransform(1, 0, 0, 1, 0, 0);
  l.clearRect(0, 0, layer.canvas.width, layer.canvas.height);
  l.setTransform(dpr, 0, 0, dpr, 0, 0);
  l.globalAlpha = 1;
  l.fillStyle = color;
  for (let i = 0; i + 7 < quads.length; i += 8) {
    l.beginPath();
    l.moveTo(s.x(quads[i]), s.y(quads[i + 1]));
    l.lineTo(s.x(quads[i + 2]), s.y(quads[i + 3]));
    l.lineTo(s.x(quads[i + 4]), s.y(quads[i + 5]));
    l.lineTo(s.x(quads[i + 6]), s.y(quads[i + 7]));
    l.closePath();
    l.fill();
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = opacity;
  ctx.drawImage(layer.canvas, 0, 0);
  ctx.restore();
}
