/**
 * ChartFrame's canvas path of `bars` marks (src/ui/components/chart/bars-path.ts): the same bars
 * as the SVG export's path (viz/chart/svg.ts markPath), point for point (to its 0.01 px rounding).
 */
import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3-scale';
import { traceBars } from '../../../src/ui/components/chart/bars-path';
import { markPath } from '../../../src/viz/chart/svg';
import { plotBox } from '../../../src/viz/chart/layout';

describe('traceBars', () => {
  it('draws the bars of the SVG path, a bar under 1 px stretched to 1 px', () => {
    const s = { x: scaleLinear().domain([0, 10]).range([64, 388]), y: scaleLinear().domain([0, 1000]).range([166, 22]) };
    const xy = [1, 100, 400, 2.5, 500, 501, 7, 0, 1000];
    const got: [string, number, number][] = [];
    traceBars({ moveTo: (x, y) => got.push(['M', x, y]), lineTo: (x, y) => got.push(['L', x, y]) }, xy, s);
    const want = [...markPath({ kind: 'bars', cls: 'b', color: '#000', xy }, s, plotBox(400, 200)).matchAll(/M([\d.]+),([\d.]+)V([\d.]+)/g)].flatMap(
      (mm) => [
        ['M', Number(mm[1]), Number(mm[2])],
        ['L', Number(mm[1]), Number(mm[3])],
      ],
    );
    expect(got.length).toBe(6);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      expect(g[0]).toBe(want[i][0]);
      expect(g[1]).toBeCloseTo(want[i][1] as number, 1);
      expect(g[2]).toBeCloseTo(want[i][2] as number, 1);
    });
    // the 1-byte bar at 500 is under a pixel: drawn 1 px tall
    expect(got[2][2] - got[3][2]).toBeCloseTo(1, 6);
  });
});
