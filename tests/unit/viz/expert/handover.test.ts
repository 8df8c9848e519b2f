/**
 * The expert charts against a real run of ../shared/kernel-ref/scenarios/b_handover.json (path 1
 * goes down at 2 s): the throughput stack equals the data-level goodput counted byte by byte, every
 * pause of the data in the summary's data_gaps_top lies in a head-of-line stall with a constant
 * reorder queue, and a coupled-CC run records α.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../src/core';
import { dataRecords } from '../../../../src/viz/expert/subflows';
import { stackTops, throughputModel } from '../../../../src/viz/expert/throughput';
import { pointAt, reorderModel } from '../../../../src/viz/expert/reorder';
import { windowsModel } from '../../../../src/viz/expert/windows';
import { inspectorRows, segmentLabel } from '../../../../src/viz/expert/sched-inspector';
import { KERNEL_REF } from '../../../helpers/paths';
import { scenario } from '../../../helpers/scenario';

const raw = JSON.parse(readFileSync(resolve(KERNEL_REF, 'scenarios/b_handover.json'), 'utf8')) as Record<string, unknown>;
const sc = scenario(raw);
const run = simulate(sc, { viewCaptures: true });
const { trace } = run;

describe('b_handover: throughput', () => {
  const bin = 100e6;
  const m = throughputModel(trace, sc, bin);

  it('stacks per-subflow goodput to the aggregate counted byte by byte', () => {
    // independent count: the bin in which each data byte first reached the receiver
    const first = new Int32Array(7_000_000).fill(-1);
    for (const r of dataRecords(trace, sc)) {
      const b = Math.min(m.bins - 1, Math.floor(r.t / bin));
      for (let i = r.pkt.streamPos; i < r.pkt.streamPos + r.pkt.payloadLen; i++) if (first[i] < 0) first[i] = b;
    }
    const perBin = new Float64Array(m.bins);
    for (const b of first) if (b >= 0) perBin[b]++;
    const tops = stackTops(m);
    expect([...tops[tops.length - 1]]).toEqual([...perBin]);
    expect([...m.aggregate]).toEqual([...perBin]);
    expect(perBin.reduce((a, b) => a + b, 0)).toBe(7_000_000);
    expect(m.layers.map((l) => l.path)).toEqual([1, 2]);
    // path 1 carries nothing new after it went down at 2 s (+ the ~100 ms of packets still queued on the link)
    expect(m.layers[0].bytes.slice(23).every((v) => v === 0)).toBe(true);
    expect(m.layers[1].bytes.slice(40, 50).some((v) => v > 0)).toBe(true);
  });
});

describe('b_handover: reorder queue and head-of-line stalls', () => {
  const minStall = 100e6;
  const m = reorderModel(trace, sc, minStall);
  const gaps = run.summary!.data_gaps_top.filter((g) => g.gap_s >= minStall / 1e9);

  it('finds the stalls that contain every long pause of data_gaps_top, with a frozen queue', () => {
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    for (const g of gaps) {
      const a = Math.round(g.start_t * 1e9);
      const b = Math.round(g.end_t * 1e9);
      const stall = m.stalls.find((s) => s.start <= a + 1000 && s.end >= b - 1000);
      expect(stall, `gap ${g.start_t}–${g.end_t} s`).toBeDefined();
      // nothing arrived inside the gap: queue and in-order point unchanged
      const i = pointAt(m, a + 1000);
      const j = pointAt(m, b - 1000);
      expect(j).toBe(i);
    }
    // the handover itself: the in-order point stops after 2 s while path 2 keeps filling the queue
    expect(m.stalls.some((s) => s.start >= 1.9e9 && s.start < 2.5e9)).toBe(true);
    expect(m.maxOfo).toBeGreaterThan(100_000);
    expect(m.inOrder[m.inOrder.length - 1]).toBe(7_000_000);
  });
});

describe('coupled congestion control', () => {
  it('records LIA α for both subflows of the connection', () => {
    // short queues: both subflows leave slow start early and increase the coupled way
    const paths = (raw.paths as object[]).map((p) => ({ ...p, queue_pkts: 20 }));
    const lia = scenario({ ...raw, paths, events: [], sim: { congestion_control: 'lia' }, app: { ...(raw.app as object), bytes: 3_000_000 } });
    const w = windowsModel(simulate(lia, { summary: false }).trace, 'client');
    expect(w.coupled).toBe(true);
    const finite = w.sockets.map((s) => (s.series.alpha ?? []).filter((a) => Number.isFinite(a)));
    expect(finite.every((a) => a.length > 0)).toBe(true);
    // RFC 6356 §3: α ≥ 1/n … n with n = 2 subflows (here cwnd_total · max / Σ² between 0.5 and 2)
    for (const a of finite.flat()) expect(a).toBeGreaterThan(0.25);
    expect(windowsModel(trace, 'client').coupled).toBe(false);
  });
});

describe('scheduler inspector on the run', () => {
  it("finds each decision's segment on the chosen subflow, unless a reinjection moved it first", () => {
    const rows = inspectorRows(trace);
    expect(rows.length).toBe(trace.schedDecisions.length);
    // the connections record every decision that moved data (src/core/mptcp/sched-record.ts): a 7 MB
    // transfer makes hundreds, on both subflows, and some reinjections after path 1 went down
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.chosenLabel)).size).toBe(2);
    expect(rows.every((r) => r.chosenLabel !== '' && r.pos !== null)).toBe(true);
    // the data stranded on path 1 is retransmitted on path 2 after path 1 went down at 2 s
    const retrans = rows.filter((r) => r.kind === 'retrans');
    expect(retrans.length).toBeGreaterThan(0);
    expect(retrans.every((r) => r.t > 2e9 && r.chosenLabel.startsWith('10.0.2.'))).toBe(true);
    // what moves queued data off its subflow: a reinjection, or the subflow's link going down
    const reinjects = [
      ...trace.events.filter((e) => (e.type === 'mptcp' && e.ev.type === 'reinject') || (e.type === 'linkState' && !e.up)).map((e) => e.t),
      ...rows.filter((r) => r.kind === 'retrans').map((r) => r.t),
    ];
    let onChosen = 0;
    for (const r of rows) {
      expect(r.segment, `decision ${r.index}`).not.toBeNull();
      const seg = trace.captures[r.segment!];
      expect(seg.pkt.streamPos).toBeLessThanOrEqual(r.pos!);
      expect(seg.pkt.streamPos + seg.pkt.payloadLen).toBeGreaterThan(r.pos!);
      if (segmentLabel(trace, r) === r.chosenLabel) onChosen++;
      // b_handover: data queued on path 1 when it went down left on path 2 after the reinjection
      else expect(reinjects.some((t) => t >= r.t && t <= seg.t), `decision ${r.index} at ${r.t}`).toBe(true);
    }
    expect(onChosen / rows.length).toBeGreaterThan(0.9);
  });
});
