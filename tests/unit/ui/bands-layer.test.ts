/**
 * ChartFrame's canvas drawing of `bands` marks (src/ui/components/chart/bands-layer.ts): every quad
 * filled on its own (a cheap convex fill) and opaque on the offscreen layer, then the layer
 * composited once at the mark's opacity — the union at one opacity, as the SVG export draws it.
 */
import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3-scale';
import { drawBands, type BandsContext, type BandsLayer } from '../../../src/ui/components/chart/bands-layer';

/** A 2D context that records its calls and the state they ran with. */
function recorder(): { ctx: BandsContext; calls: string[] } {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '#000' as BandsContext['fillStyle'],
    globalAlpha: 1,
    save: () => calls.push('save'),
    restore: () => calls.push('restore'),
    setTransform: (...a: number[]) => calls.push(`setTransform ${a.join(',')}`),
    clearRect: (...a: number[]) => calls.push(`clearRect ${a.join(',')}`),
    beginPath: () => calls.push('beginPath'),
    moveTo: (x: number, y: number) => calls.push(`moveTo ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`lineTo ${x},${y}`),
    closePath: () => calls.push('closePath'),
    fill: () => calls.push(`fill ${String(ctx.fillStyle)} alpha ${ctx.globalAlpha}`),
    drawImage: () => calls.push(`drawImage alpha ${ctx.globalAlpha}`),
  };
  return { ctx: ctx as unknown as BandsContext, calls };
}

describe('drawBands', () => {
  const s = { x: scaleLinear().domain([0, 100]).range([0, 200]), y: scaleLinear().domain([0, 1]).range([100, 0]) };

  it('fills each quad opaque on the cleared layer, then composites the layer once at the opacity', () => {
    const main = recorder();
    const lay = recorder();
    const layer: BandsLayer = { canvas: { width: 400, height: 200 } as unknown as BandsLayer['canvas'], ctx: lay.ctx };
    drawBands(main.ctx, layer, [0, 1, 10, 1, 20, 0, 5, 0, 50, 1, 60, 1, 70, 0, 40, 0], s, '#0072b2', 0.5, 2);
    expect(lay.calls.slice(0, 3)).toEqual(['setTransform 1,0,0,1,0,0', 'clearRect 0,0,400,200', 'setTransform 2,0,0,2,0,0']);
    expect(lay.calls.filter((c) => c.startsWith('fill'))).toEqual(['fill #0072b2 alpha 1', 'fill #0072b2 alpha 1']);
    expect(lay.calls.slice(3, 9)).toEqual(['beginPath', 'moveTo 0,0', 'lineTo 20,0', 'lineTo 40,100', 'lineTo 10,100', 'closePath']);
    expect(main.calls).toEqual(['save', 'setTransform 1,0,0,1,0,0', 'drawImage alpha 0.5', 'restore']);
  });

  it('draws nothing for a mark without a whole quad', () => {
    const main = recorder();
    const lay = recorder();
    drawBands(main.ctx, { canvas: { width: 1, height: 1 } as unknown as BandsLayer['canvas'], ctx: lay.ctx }, [0, 1, 2], s, '#000', 0.5, 1);
    expect(main.calls).toEqual([]);
    expect(lay.calls).toEqual([]);
  });
});
