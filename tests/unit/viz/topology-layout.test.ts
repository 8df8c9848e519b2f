/** Geometry and marks of the topology view (src/viz/topology-layout.ts). */
import { describe, expect, it } from 'vitest';
import { dropSymbol, dropX, SUBFLOW_COLORS, subflowColor, subflowShapeName, subflowSymbol, topologyLayout, wireX } from '../../../src/viz/topology-layout';

describe('topologyLayout(width, paths)', () => {
  for (const width of [360, 800, 1280, 1920]) {
    it(`fits ${width} px: hosts at the edges, lanes between them, nothing overlapping`, () => {
      const l = topologyLayout(width, 3);
      expect(l.width).toBe(width);
      expect(l.client.x).toBeGreaterThanOrEqual(0);
      expect(l.server.x + l.server.w).toBeLessThanOrEqual(width);
      expect(l.x0).toBeGreaterThan(l.client.x + l.client.w);
      expect(l.x1).toBeLessThan(l.server.x);
      let prevBottom = 0;
      for (const p of l.paths) {
        expect(p.top).toBeGreaterThanOrEqual(prevBottom);
        expect(p.lanes.c2s.band.y + p.lanes.c2s.band.h).toBeLessThanOrEqual(p.lanes.s2c.textY - 10);
        prevBottom = p.bottom;
      }
      expect(l.height).toBeGreaterThan(prevBottom);
      expect(l.narrow).toBe(width < 560);
    });
  }

  it('puts each queue at its sender’s end and moves packets away from it', () => {
    const l = topologyLayout(1000, 1);
    const { c2s, s2c } = l.paths[0].lanes;
    expect(c2s.queue.x).toBe(l.x0);
    expect(s2c.queue.x + s2c.queue.w).toBe(l.x1);
    expect(wireX(c2s, 0)).toBe(c2s.queue.x + c2s.queue.w);
    expect(wireX(c2s, 1)).toBe(l.x1);
    expect(wireX(s2c, 0)).toBe(s2c.queue.x);
    expect(wireX(s2c, 1)).toBe(l.x0);
    expect(wireX(c2s, 0.5)).toBeGreaterThan(wireX(c2s, 0.25));
    expect(wireX(s2c, 0.5)).toBeLessThan(wireX(s2c, 0.25));
  });

  it('draws drops where they happen: loss at the entrance, tail drop at the queue, down at the far end', () => {
    const l = topologyLayout(1000, 1);
    const { c2s, s2c } = l.paths[0].lanes;
    expect(dropX(c2s, 'loss')).toBe(l.x0);
    expect(dropX(c2s, 'queue')).toBe(c2s.queue.x + c2s.queue.w / 2);
    expect(dropX(c2s, 'down')).toBe(l.x1);
    expect(dropX(s2c, 'loss')).toBe(l.x1);
    expect(dropX(s2c, 'down')).toBe(l.x0);
  });
});

describe('subflow marks', () => {
  it('gives the first seven subflows seven different shapes and the first eight different colours', () => {
    const shapes = new Set([0, 1, 2, 3, 4, 5, 6].map((i) => subflowSymbol(i, 64)));
    expect(shapes.size).toBe(7);
    expect(new Set([0, 1, 2, 3, 4, 5, 6].map(subflowShapeName)).size).toBe(7);
    expect(new Set(SUBFLOW_COLORS).size).toBe(8);
    expect(subflowColor(8)).toBe(subflowColor(0));
    expect(dropSymbol(64)).toMatch(/^M/);
  });
});
