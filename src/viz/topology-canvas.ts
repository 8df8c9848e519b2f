/**
 * Paints the packets on the topology's wires onto a <canvas> layered over the SVG lanes: one frame
 * per cursor move, no DOM nodes per packet (SVG marks cost a style, layout and paint pass per packet
 * per frame). Each subflow keeps its colour AND shape (subflowColor / subflowSymbol, as the legend
 * draws them); the selected packet gets the focus ring the SVG mark had.
 *
 * The painter takes a minimal 2D context and a path factory, so tests drive it without a browser.
 */
import { forEachMark, type MarksDrawn } from './topology-marks';
import { subflowColor, subflowSymbol, type TopologyLayout } from './topology-layout';
import type { TopologyModel } from './topology-model';

/** The part of CanvasRenderingContext2D the painter uses. */
export interface MarkContext<P> {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  globalAlpha: number;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fill(path: P): void;
  stroke(path: P): void;
}

export interface MarkColours {
  /** Outline of every mark (the SVG's `--text` at 0.7 opacity). */
  outline: string;
  /** Outline of the selected packet (`--focus`). */
  focus: string;
}

export interface PaintRequest {
  model: TopologyModel;
  layout: TopologyLayout;
  t: number;
  maxPerLane: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** Index into model.packets of the selected packet, −1 for none. */
  selected: number;
  colours: MarkColours;
}

/** Draws marks with cached symbol paths; one per canvas. */
export class MarkPainter<P> {
  #paths = new Map<number, P>();
  #size = -1;
  readonly #makePath: (d: string) => P;

  constructor(makePath: (d: string) => P) {
    this.#makePath = makePath;
  }

  #symbol(sf: number, size: number): P {
    if (size !== this.#size) {
      this.#paths.clear();
      this.#size = size;
    }
    let p = this.#paths.get(sf);
    if (p === undefined) {
      p = this.#makePath(subflowSymbol(sf, size));
      this.#paths.set(sf, p);
    }
    return p;
  }

  /** Clear the canvas and draw the marks at `req.t`. */
  paint(ctx: MarkContext<P>, req: PaintRequest): MarksDrawn {
    const { layout, dpr, colours } = req;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, Math.ceil(layout.width * dpr), Math.ceil(layout.height * dpr));
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = colours.outline;
    let selX = Number.NaN;
    let selY = 0;
    let selSf = 0;
    let lastSf = -1;
    const size = layout.markSize;
    const drawn = forEachMark(req.model, layout, req.t, req.maxPerLane, (sf, x, y, key) => {
      if (sf !== lastSf) {
        ctx.fillStyle = subflowColor(sf);
        lastSf = sf;
      }
      const path = this.#symbol(sf, size);
      ctx.setTransform(dpr, 0, 0, dpr, x * dpr, y * dpr);
      ctx.fill(path);
      ctx.globalAlpha = 0.7;
      ctx.stroke(path);
      ctx.globalAlpha = 1;
      if (key === req.selected) [selX, selY, selSf] = [x, y, sf];
    });
    if (!Number.isNaN(selX)) {
      // the selected packet: drawn again on top, with a thick focus outline
      const path = this.#symbol(selSf, size);
      ctx.setTransform(dpr, 0, 0, dpr, selX * dpr, selY * dpr);
      ctx.fillStyle = subflowColor(selSf);
      ctx.fill(path);
      ctx.lineWidth = 3;
      ctx.strokeStyle = colours.focus;
      ctx.stroke(path);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return drawn;
  }
}
