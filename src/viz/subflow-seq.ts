/**
 * The per-subflow time–sequence graph's model (Stevens / tcptrace): one subflow's data segments
 * as bars over their subflow sequence numbers (relative to the ISN), retransmissions marked (a
 * segment starting below the highest sequence number sent before it), the ACK line the sender
 * received and the receive window line (ACK + the advertised window scaled by the receiver's
 * window scale, RFC 7323 §2.3; the window of a SYN is never scaled). Same capture point as the
 * connection graph (seq-source.ts). Pure.
 */
import type { CaptureRecord } from '../core/sim/trace';
import { SYN } from '../core/net/packet';
import { laneOfCapture, seqSourceFor, type SeqSource } from './seq-source';
import { barsPerColumn, lineM4 } from './chart/decimate';
import { nearestMark, rangeIn } from './chart/search';
import { subflowColor, type ChartGeometry, type Mark } from './chart/marks';
import type { AxisWindow } from './chart/window';

export interface SubflowSeries {
  lane: number;
  /** Data segments in time order: [seq0, seq1) relative, retransmitted flag, packet id. */
  t: Float64Array;
  seq0: Float64Array;
  seq1: Float64Array;
  retrans: Uint8Array;
  pktId: Float64Array;
  /** ACKs from the receiver (time order) and the right edge of the receive window they advertise. */
  ackT: Float64Array;
  ack: Float64Array;
  rwnd: Float64Array;
  retransCount: number;
}

export interface SubflowSeqModel {
  src: SeqSource;
  /** One series per lane that carried data in the data direction. */
  series: SubflowSeries[];
}

const cache = new WeakMap<readonly CaptureRecord[], SubflowSeqModel>();

export function subflowSeqFor(captures: readonly CaptureRecord[]): SubflowSeqModel {
  let m = cache.get(captures);
  if (!m) {
    m = buildSubflowSeq(captures);
    cache.set(captures, m);
  }
  return m;
}

/** `seq − isn` modulo 2^32, unwrapped next to `near`. */
function rel(seq: number, isn: number, near: number): number {
  const r = (seq - isn) >>> 0;
  if (near < 2147483648) return r;
  const M = 4294967296;
  const base = near - (near % M);
  const c = base + r;
  return c < near - 2147483648 ? c + M : c;
}

export function buildSubflowSeq(captures: readonly CaptureRecord[]): SubflowSeqModel {
  const src = seqSourceFor(captures);
  const { model } = src;
  const nLanes = model.subflows.length;
  type Acc = { t: number[]; s0: number[]; s1: number[]; re: number[]; id: number[]; aT: number[]; a: number[]; w: number[]; high: number; ackHigh: number; wscale: number };
  const acc: Acc[] = Array.from({ length: nLanes }, () => ({ t: [], s0: [], s1: [], re: [], id: [], aT: [], a: [], w: [], high: 0, ackHigh: 0, wscale: 0 }));
  const dataC2s = src.dir === 'c2s';
  for (const ci of src.records) {
    const rec = captures[ci];
    const p = rec.pkt;
    const ln = laneOfCapture(src, captures, ci);
    if (ln < 0) continue;
    const a = acc[ln];
    const isnData = dataC2s ? model.isnC2s[ln] : model.isnS2c[ln];
    if (rec.dir === src.dir) {
      if (p.payloadLen === 0 || isnData < 0) continue;
      const s0 = rel(p.seq, isnData, a.high);
      const s1 = s0 + p.payloadLen;
      a.re.push(s0 < a.high ? 1 : 0);
      if (s1 > a.high) a.high = s1;
      a.t.push(rec.t);
      a.s0.push(s0);
      a.s1.push(s1);
      a.id.push(p.id);
    } else {
      // The receiver's segments: its SYN(/ACK) names its window scale; the others ACK and advertise.
      if ((p.flags & SYN) !== 0) {
        a.wscale = p.wscale >= 0 ? p.wscale : 0;
        continue;
      }
      if (isnData < 0) continue;
      const ackRel = rel(p.ack, isnData, a.ackHigh);
      if (ackRel > a.ackHigh) a.ackHigh = ackRel;
      a.aT.push(rec.t);
      a.a.push(ackRel);
      a.w.push(ackRel + p.win * 2 ** a.wscale);
    }
  }
  const series: SubflowSeries[] = [];
  for (let ln = 0; ln < nLanes; ln++) {
    const a = acc[ln];
    if (a.t.length === 0) continue;
    series.push({
      lane: ln,
      t: Float64Array.from(a.t),
      seq0: Float64Array.from(a.s0),
      seq1: Float64Array.from(a.s1),
      retrans: Uint8Array.from(a.re),
      pktId: Float64Array.from(a.id),
      ackT: Float64Array.from(a.aT),
      ack: Float64Array.from(a.a),
      rwnd: Float64Array.from(a.w),
      retransCount: a.re.reduce((x, y) => x + y, 0),
    });
  }
  return { src, series };
}

export const SF_ACK_COLOR = '#1b7a3e';
export const SF_RWND_COLOR = '#7a6a00';
export const SF_RETRANS_COLOR = '#b3261e';

/** Segments and retransmissions with capture time in the window. */
export function subflowCounts(s: SubflowSeries, win: AxisWindow): { segments: number; retrans: number } {
  const r = rangeIn(s.t, win.x0, win.x1);
  let re = 0;
  for (let i = r.start; i < r.end; i++) re += s.retrans[i];
  return { segments: r.end - r.start, retrans: re };
}

function yDomain(s: SubflowSeries, win: AxisWindow): [number, number] {
  const r = rangeIn(s.t, win.x0, win.x1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = r.start; i < r.end; i++) {
    if (s.seq0[i] < lo) lo = s.seq0[i];
    if (s.seq1[i] > hi) hi = s.seq1[i];
  }
  const a = rangeIn(s.ackT, win.x0, win.x1);
  for (let i = Math.max(0, a.start - 1); i < a.end; i++) {
    if (s.ack[i] < lo) lo = s.ack[i];
    if (s.rwnd[i] > hi) hi = s.rwnd[i];
  }
  if (!Number.isFinite(lo)) return [0, Math.max(1, s.seq1[s.seq1.length - 1] ?? 1)];
  const pad = Math.max(1, (hi - lo) * 0.02);
  return [Math.max(0, lo - pad), hi + pad];
}

/** Marks of one subflow in a window: bars, retransmission crosses, ACK and receive-window lines. */
export function subflowGeometry(s: SubflowSeries, win: AxisWindow, widthPx: number, selectedPktId: number | null): ChartGeometry {
  const marks: Mark[] = [];
  const rw = lineM4(s.ackT, s.rwnd, win.x0, win.x1, widthPx);
  if (rw.length > 0) marks.push({ kind: 'line', cls: 'rwnd', color: SF_RWND_COLOR, width: 1, step: true, dash: [4, 3], xy: rw });
  const ack = lineM4(s.ackT, s.ack, win.x0, win.x1, widthPx);
  if (ack.length > 0) marks.push({ kind: 'line', cls: 'ack', color: SF_ACK_COLOR, width: 1.25, step: true, xy: ack });
  const { xy } = barsPerColumn(s.t, s.seq0, s.seq1, win.x0, win.x1, widthPx);
  if (xy.length > 0) marks.push({ kind: 'bars', cls: `sf-${s.lane}`, color: subflowColor(s.lane), width: 1.5, xy });
  const r = rangeIn(s.t, win.x0, win.x1);
  const rx: number[] = [];
  const upp = (win.x1 - win.x0) / Math.max(1, widthPx);
  let lastCol = -Infinity;
  for (let i = r.start; i < r.end; i++) {
    if (s.retrans[i] === 0) continue;
    const col = Math.floor((s.t[i] - win.x0) / upp);
    if (col === lastCol) continue;
    lastCol = col;
    rx.push(s.t[i], s.seq0[i]);
  }
  if (rx.length > 0) marks.push({ kind: 'dots', cls: 'retrans', color: SF_RETRANS_COLOR, shape: 'x', size: 7, xy: rx });
  if (selectedPktId !== null) {
    for (let i = r.start; i < r.end; i++) {
      if (s.pktId[i] === selectedPktId) {
        marks.push({ kind: 'bars', cls: 'selected', color: '#e07b00', width: 4, xy: [s.t[i], s.seq0[i], s.seq1[i]] });
        break;
      }
    }
  }
  return { y: yDomain(s, win), marks };
}

/** The segment nearest to (x, y) within 8 px, or -1. */
export function pickSubflowSegment(s: SubflowSeries, x: number, y: number, pxPerX: number, pxPerY: number): number {
  return nearestMark(s.t, x, y, pxPerX, pxPerY, (i) => Math.min(Math.max(y, s.seq0[i]), s.seq1[i]), 8);
}
