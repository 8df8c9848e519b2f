/**
 * The topology's packet marks without per-frame arrays (src/viz/topology-marks.ts) and their canvas
 * painter (src/viz/topology-canvas.ts): the same packets, positions and thinning as the array-building
 * topologyFrame, and every mark painted with its subflow's colour and shape.
 */
import { describe, expect, it } from 'vitest';
import { simulate, validateScenario } from '../../../src/core';
import type { Scenario } from '../../../src/core/scenario/types';
import { buildTopologyModel } from '../../../src/viz/topology-model';
import { topologyFrame } from '../../../src/viz/topology-frame';
import { subflowColor, subflowSymbol, topologyLayout } from '../../../src/viz/topology-layout';
import { countOnWire, forEachMark } from '../../../src/viz/topology-marks';
import { MarkPainter, type MarkContext } from '../../../src/viz/topology-canvas';

function valid(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

const sc = valid({
  name: 'two paths',
  paths: [
    { name: 'wifi', delay_ms: 10, rate_mbit: 10, queue_pkts: 20, loss_pct: 1 },
    { name: 'lte', delay_ms: 30, rate_mbit: 5, queue_pkts: 20 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2, add_addr_accepted: 0 } },
  app: { bytes: 600_000, congestion_control: 'cubic' },
});
const run = simulate(sc, { seed: 2, summary: false, viewCaptures: true });
const model = buildTopologyModel(run.trace, sc);
const layout = topologyLayout(900, 2);

interface Got {
  sf: number;
  x: number;
  y: number;
  key: number;
}

function collect(t: number, max: number): { marks: Got[]; r: ReturnType<typeof forEachMark> } {
  const marks: Got[] = [];
  const r = forEachMark(model, layout, t, max, (sf, x, y, key) => marks.push({ sf, x, y, key }));
  return { marks, r };
}

describe('forEachMark', () => {
  it('hands over exactly the marks topologyFrame builds, at every time', () => {
    let seen = 0;
    for (let t = 0; t < run.trace.end; t += 23_000_000) {
      for (const max of [250, 3]) {
        const f = topologyFrame(model, layout, t, { dropWindow: 1e6, maxMarksPerLane: max });
        const { marks, r } = collect(t, max);
        expect(marks).toEqual(f.marks.map((m) => ({ sf: m.sf, x: m.x, y: m.y, key: m.key })));
        expect(r.drawn).toBe(f.marks.length);
        expect(r.inFlight).toBe(f.inFlight);
        let bits = 0;
        for (const m of f.marks) bits |= 1 << m.sf;
        expect(r.subflowBits).toBe(bits);
        seen += marks.length;
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('thins to the limit per lane but counts every packet in flight', () => {
    let best = { t: 0, n: 0 };
    for (let t = 0; t < run.trace.end; t += 5e6) {
      const n = countOnWire(model.lanes[0], t);
      if (n > best.n) best = { t, n };
    }
    expect(best.n).toBeGreaterThan(3);
    const { r } = collect(best.t, 2);
    expect(r.inFlight).toBeGreaterThanOrEqual(best.n);
    expect(r.drawn).toBeLessThanOrEqual(2 * model.lanes.length);
    expect(r.drawn).toBeLessThan(r.inFlight);
  });

  it('topologyFrame with no marks still counts the packets in flight', () => {
    for (const t of [100e6, 400e6]) {
      const full = topologyFrame(model, layout, t, { dropWindow: 1e6, maxMarksPerLane: 1000 });
      const counts = topologyFrame(model, layout, t, { dropWindow: 1e6, maxMarksPerLane: 0 });
      expect(counts.marks).toEqual([]);
      expect(counts.inFlight).toBe(full.inFlight);
      expect(counts.lanes.map((l) => l.inFlight)).toEqual(full.lanes.map((l) => l.inFlight));
    }
  });
});

/** Records what the painter does to a 2D context. */
class FakeContext implements MarkContext<string> {
  fillStyle: string | CanvasGradient | CanvasPattern = '';
  strokeStyle: string | CanvasGradient | CanvasPattern = '';
  lineWidth = 1;
  globalAlpha = 1;
  ops: string[] = [];
  #tx = [0, 0, 1];
  setTransform(a: number, _b: number, _c: number, _d: number, e: number, f: number): void {
    this.#tx = [e, f, a];
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.ops.push(`clear ${x} ${y} ${w} ${h}`);
  }
  fill(path: string): void {
    this.ops.push(`fill ${String(this.fillStyle)} ${path} at ${this.#tx.join(',')}`);
  }
  stroke(path: string): void {
    this.ops.push(`stroke ${String(this.strokeStyle)} w${this.lineWidth} ${path}`);
  }
}

describe('MarkPainter', () => {
  const colours = { outline: '#111111', focus: '#ff8800' };
  const t = 400e6;
  const { marks } = collect(t, 250);

  it('clears the canvas and fills each mark with its subflow’s colour and shape at its place', () => {
    const ctx = new FakeContext();
    const paths: string[] = [];
    const painter = new MarkPainter<string>((d) => (paths.push(d), `P(${d.slice(0, 12)})`));
    const r = painter.paint(ctx, { model, layout, t, maxPerLane: 250, dpr: 2, selected: -1, colours });
    expect(ctx.ops[0]).toBe(`clear 0 0 ${layout.width * 2} ${layout.height * 2}`);
    const fills = ctx.ops.filter((o) => o.startsWith('fill'));
    expect(fills).toHaveLength(marks.length);
    expect(r.drawn).toBe(marks.length);
    expect(new Set(marks.map((m) => m.sf)).size).toBe(2);
    marks.forEach((m, i) => {
      expect(fills[i]).toBe(`fill ${subflowColor(m.sf)} P(${subflowSymbol(m.sf, layout.markSize).slice(0, 12)}) at ${m.x * 2},${m.y * 2},2`);
    });
    // one Path2D per subflow shape, reused across marks and frames
    painter.paint(ctx, { model, layout, t: t + 1e6, maxPerLane: 250, dpr: 2, selected: -1, colours });
    expect(paths).toHaveLength(2);
    expect(ctx.ops.filter((o) => o.startsWith('stroke')).every((o) => o.startsWith('stroke #111111 w0.8'))).toBe(true);
  });

  it('outlines the selected packet with the focus colour, drawn last', () => {
    const ctx = new FakeContext();
    const painter = new MarkPainter<string>((d) => d);
    const sel = marks[Math.floor(marks.length / 2)];
    painter.paint(ctx, { model, layout, t, maxPerLane: 250, dpr: 1, selected: sel.key, colours });
    expect(ctx.ops.at(-1)).toBe(`stroke #ff8800 w3 ${subflowSymbol(sel.sf, layout.markSize)}`);
    expect(ctx.ops.at(-2)).toBe(`fill ${subflowColor(sel.sf)} ${subflowSymbol(sel.sf, layout.markSize)} at ${sel.x},${sel.y},1`);
    const plain = new FakeContext();
    painter.paint(plain, { model, layout, t, maxPerLane: 250, dpr: 1, selected: -1, colours });
    expect(plain.ops.some((o) => o.includes('#ff8800'))).toBe(false);
  });
});
