/**
 * The sequence views' derivations (viz/seq-graph.ts, subflow-seq.ts, mapping.ts) checked against
 * the trace they draw, the shared chart helpers (viz/chart/), and deterministic SVG snapshots of
 * each view for two scenarios (a window at the start of the run, so the snapshots stay small).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core';
import type { Trace } from '../../../src/core/sim/trace';
import { scenario } from '../../helpers/scenario';
import { buildSeqGraph, pickSegment, segmentsInWindow, seqGraphGeometry } from '../../../src/viz/seq-graph';
import { buildSubflowSeq, subflowCounts, subflowGeometry } from '../../../src/viz/subflow-seq';
import { buildMapping, mappingGeometry, mappingRange } from '../../../src/viz/mapping';
import { mappingOf } from '../../../src/viz/seq-source';
import { barsPerColumn, lineM4 } from '../../../src/viz/chart/decimate';
import { lowerBound, upperBound } from '../../../src/viz/chart/search';
import { chartSvg } from '../../../src/viz/chart/svg';
import { plotBox } from '../../../src/viz/chart/layout';
import { markCount } from '../../../src/viz/chart/marks';
import { chartKeyCommand, clampTransform, IDENTITY, transformOfWindow, windowOfTransform, zoomTransformAt } from '../../../src/viz/chart/window';

const TWO_PATHS = {
  name: 'seqviews-two-paths',
  paths: [
    { name: 'fast', delay_ms: 10, rate_mbit: 10, queue_pkts: 100 },
    { name: 'slow', delay_ms: 30, rate_mbit: 5, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2 } },
  app: { bytes: 400_000 },
};
const DOWNLOAD_LOSSY = {
  name: 'seqviews-download-loss',
  paths: [
    { name: 'a', delay_ms: 15, rate_mbit: 10, queue_pkts: 60, loss_pct: 2 },
    { name: 'b', delay_ms: 25, rate_mbit: 10, queue_pkts: 60 },
  ],
  client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2 } },
  app: { bytes: 300_000, direction: 'download' },
};

const runs = new Map<string, Trace>();
function trace(raw: Record<string, unknown>): Trace {
  const key = String(raw.name);
  let t = runs.get(key);
  if (!t) {
    t = simulate(scenario(raw), { summary: false, viewCaptures: true }).trace;
    runs.set(key, t);
  }
  return t;
}

/** Sender-side data segments of the data direction, straight from the captures. */
function senderDataPackets(tr: Trace, side: 'client' | 'server'): { t: number; id: number }[] {
  const dir = side === 'client' ? 'c2s' : 's2c';
  return tr.captures.filter((c) => c.side === side && c.dir === dir && c.pkt.payloadLen > 0).map((c) => ({ t: c.t, id: c.pkt.id }));
}

describe.each([
  ['upload over two paths', TWO_PATHS, 'client'],
  ['download with loss', DOWNLOAD_LOSSY, 'server'],
] as const)('sequence views of %s', (_name, raw, sender) => {
  const tr = trace(raw);
  const g = buildSeqGraph(tr.captures);

  it('uses the data sender’s capture and draws one bar per data segment of the trace, in any window', () => {
    expect(g.src.sender).toBe(sender);
    expect(g.src.side).toBe(sender);
    const pk = senderDataPackets(tr, sender);
    expect(g.t.length).toBe(pk.length);
    expect([...g.pktId]).toEqual(pk.map((p) => p.id));
    for (const [a, b] of [
      [0, tr.end],
      [tr.end * 0.2, tr.end * 0.35],
      [tr.end * 0.5, tr.end * 0.51],
    ]) {
      expect(segmentsInWindow(g, { x0: a, x1: b })).toBe(pk.filter((p) => p.t >= a && p.t <= b).length);
    }
    expect(g.lanes.length).toBe(2);
  });

  it('the DATA_ACK line never goes back and ends at the end of the data', () => {
    expect(g.ackV.length).toBeGreaterThan(10);
    for (let i = 1; i < g.ackV.length; i++) {
      expect(g.ackV[i]).toBeGreaterThan(g.ackV[i - 1]);
      expect(g.ackT[i]).toBeGreaterThanOrEqual(g.ackT[i - 1]);
    }
    // All data acknowledged: bytes + 1 (the first DSN is IDSN + 1), + 1 more for the DATA_FIN.
    expect(g.ackV[g.ackV.length - 1]).toBeGreaterThanOrEqual(Number(raw.app.bytes) + 1);
    expect(g.maxDsn).toBe(Number(raw.app.bytes) + 1);
  });

  it('mapping bands are exactly the distinct DSS mappings of the data direction', () => {
    const m = buildMapping(tr.captures);
    const dir = sender === 'client' ? 'c2s' : 's2c';
    const seen = new Set<string>();
    for (const c of tr.captures) {
      if (c.side !== sender || c.dir !== dir) continue;
      const mp = mappingOf(c.pkt.mptcp as never, g.src.idsn);
      // A DATA_FIN-only mapping (subflow seq 0, RFC 8684 §3.3.3) maps no data: not a band.
      if (mp && mp.dataLevelLength > 0 && mp.subflowSeq !== 0) seen.add(`${mp.dsn - (g.src.idsn as bigint)}:${mp.subflowSeq}:${mp.dataLevelLength}`);
    }
    const ours = new Set<string>();
    for (let i = 0; i < m.dsn0.length; i++) ours.add(`${m.dsn0[i]}:${m.ssn0[i]}:${m.dsn1[i] - m.dsn0[i]}`);
    expect(ours).toEqual(seen);
    expect(m.dsn0.length).toBe(seen.size);
    // Together the mappings cover the data stream [1, bytes + 1) without a hole.
    let covered = 1;
    for (let i = 0; i < m.dsn0.length; i++) {
      expect(m.dsn0[i]).toBeLessThanOrEqual(covered);
      covered = Math.max(covered, m.dsn1[i]);
    }
    // … up to the last byte, + 1 when the DATA_FIN rode on the last data segment's mapping.
    expect(covered).toBe(m.maxDsn);
    expect(covered - (Number(raw.app.bytes) + 1)).toBeGreaterThanOrEqual(0);
    expect(covered - (Number(raw.app.bytes) + 1)).toBeLessThanOrEqual(1);
    const win = { x0: 0, x1: m.maxDsn };
    const r = mappingRange(m, win);
    expect(r.end - r.start).toBe(m.dsn0.length);
  });

  it('subflow series: segments per subflow add up, retransmissions are re-sent sequence numbers', () => {
    const s = buildSubflowSeq(tr.captures);
    const total = s.series.reduce((a, x) => a + x.t.length, 0);
    expect(total).toBe(g.t.length);
    for (const x of s.series) {
      let high = 0;
      for (let i = 0; i < x.t.length; i++) {
        expect(x.retrans[i] === 1).toBe(x.seq0[i] < high);
        high = Math.max(high, x.seq1[i]);
      }
      expect(subflowCounts(x, { x0: 0, x1: tr.end }).retrans).toBe(x.retransCount);
      // The receive window's right edge is never left of the ACK.
      for (let i = 0; i < x.ack.length; i++) expect(x.rwnd[i]).toBeGreaterThanOrEqual(x.ack[i]);
    }
    if (raw === DOWNLOAD_LOSSY) expect(s.series.some((x) => x.retransCount > 0)).toBe(true);
  });

  it('SVG snapshots of the three views (first 120 ms, 400 px)', () => {
    const win = { x0: 0, x1: 120e6 };
    const box = plotBox(400, 200);
    const common = { box, xLabel: 'Time (s)', yLabel: 'DSN', xUnit: 'time', yUnit: 'bytes' } as const;
    expect(chartSvg({ ...common, win, geometry: seqGraphGeometry(g, win, 324, null), title: 'seq' })).toMatchSnapshot();
    const s = buildSubflowSeq(tr.captures);
    expect(chartSvg({ ...common, win, geometry: subflowGeometry(s.series[0], win, 324, null), title: 'subflow' })).toMatchSnapshot();
    const m = buildMapping(tr.captures);
    const mw = { x0: 0, x1: 30_000 };
    const mg = mappingGeometry(m, mw, 324, null, null, (l) => `S${l + 1}`, 'DSN');
    expect(chartSvg({ ...common, win: mw, xUnit: 'bytes', geometry: mg, title: 'mapping' })).toMatchSnapshot();
  });
});

describe('seq graph geometry', () => {
  const tr = trace(TWO_PATHS);
  const g = buildSeqGraph(tr.captures);

  it('decimates to at most one bar per pixel column and subflow, whatever the window', () => {
    const geo = seqGraphGeometry(g, { x0: 0, x1: tr.end }, 100, null);
    const bars = geo.marks.filter((m) => m.kind === 'bars');
    expect(bars.length).toBe(2);
    for (const b of bars) expect(b.xy.length / 3).toBeLessThanOrEqual(101);
    expect(markCount(geo)).toBeLessThan(g.t.length);
  });

  it('highlights the selected packet and picks the segment under the pointer', () => {
    const i = Math.floor(g.t.length / 2);
    const geo = seqGraphGeometry(g, { x0: 0, x1: tr.end }, 800, g.pktId[i]);
    const sel = geo.marks.find((m) => m.cls === 'selected');
    expect(sel && sel.kind === 'bars' ? sel.xy : null).toEqual([g.t[i], g.dsn0[i], g.dsn1[i]]);
    const hit = pickSegment(g, g.t[i], (g.dsn0[i] + g.dsn1[i]) / 2, 1e-3, 1e-3);
    expect(g.t[hit]).toBe(g.t[i]);
    expect(pickSegment(g, -1e9, 0, 1e-3, 1e-3)).toBe(-1);
  });
});

describe('chart helpers', () => {
  it('window ↔ transform round trip, zoom keeps the anchor, clamp keeps inside the domain', () => {
    const full = { x0: 0, x1: 1000 };
    const w = 500;
    const tr = transformOfWindow(full, { x0: 200, x1: 400 }, w);
    const win = windowOfTransform(full, tr, w);
    expect(win.x0).toBeCloseTo(200);
    expect(win.x1).toBeCloseTo(400);
    const z = zoomTransformAt(IDENTITY, 2, 250, w, 100);
    const zw = windowOfTransform(full, z, w);
    expect((zw.x0 + zw.x1) / 2).toBeCloseTo(500);
    expect(zw.x1 - zw.x0).toBeCloseTo(500);
    const c = windowOfTransform(full, clampTransform({ k: 2, x: 400 }, w, 100), w);
    expect(c.x0).toBeCloseTo(0);
    expect(zoomTransformAt(IDENTITY, 1e9, 0, w, 100).k).toBe(100);
    expect(chartKeyCommand('+')).toEqual({ kind: 'zoom', factor: 1.5 });
    expect(chartKeyCommand('q')).toBeNull();
  });

  it('searches and decimation keep the extremes', () => {
    const xs = Float64Array.from([1, 2, 2, 3, 10]);
    expect(lowerBound(xs, 2)).toBe(1);
    expect(upperBound(xs, 2)).toBe(3);
    const bars = barsPerColumn(xs, [5, 1, 9, 4, 0], [6, 2, 12, 5, 1], 0, 10, 2);
    expect(bars).toEqual({ xy: [1, 1, 12, 10, 0, 1], count: 5 });
    const line = lineM4([0, 1, 2, 3, 4, 5], [0, 9, -3, 4, 1, 2], 0, 5, 1);
    // Column 0 holds x 0–4: first, min, max, last; column 1 holds x 5.
    expect(line).toEqual([0, 0, 1, 9, 2, -3, 4, 1, 5, 2]);
  });

  it('escapes text in the exported SVG', () => {
    const svg = chartSvg({ box: plotBox(200, 100), win: { x0: 0, x1: 1 }, geometry: { y: [0, 1], marks: [] }, title: 'a<b & "c"', xLabel: 'x', yLabel: 'y', xUnit: 'bytes', yUnit: 'bytes' });
    expect(svg).toContain('<title>a&lt;b &amp; &quot;c&quot;</title>');
  });
});
