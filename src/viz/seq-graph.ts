/**
 * The connection time–sequence graph's model (mptcptrace / mptcpplot style): every data segment of
 * the MPTCP connection as its data sequence range at its capture time, coloured by subflow; the
 * DATA_ACK the sender received as a staircase; signal ticks (MP_JOIN, ADD_ADDR, REMOVE_ADDR,
 * MP_PRIO); reinjections. Pure; `seqGraphGeometry` turns it into decimated marks for a window.
 *
 * A segment's DSN comes from the DSS mapping covering it (RFC 8684 §3.3.1): DSN = mapping.dsn +
 * (SSN − mapping.subflowSeq), the packet's own mapping or an earlier one of its subflow.
 * Reinjection (RFC 8684 §3.3.6): data already sent on another subflow (same DSN) carried as *new*
 * subflow data (SSN beyond the subflow's highest) — a TCP retransmission re-sends old subflow data
 * and is not a reinjection. (A lower DSN after a higher one is normal: Linux assigns DSNs when it
 * queues data on a subflow, which may send it later.)
 */
import type { CaptureRecord } from '../core/sim/trace';
import { ACK, SYN } from '../core/net/packet';
import { MPTCP_SUBTYPE } from '../core/wire/mptcp/types';
import { dssOf, laneOfCapture, mappingOf, relSeq, seqSourceFor, unwrap32, type SeqMapping, type SeqSource } from './seq-source';
import { barsPerColumn, lineM4 } from './chart/decimate';
import { lowerBound, nearestMark, rangeIn } from './chart/search';
import { subflowColor, type ChartGeometry, type Mark } from './chart/marks';
import type { AxisWindow } from './chart/window';

export type SignalKind = 'MP_JOIN' | 'ADD_ADDR' | 'REMOVE_ADDR' | 'MP_PRIO';

export interface SeqGraphModel {
  src: SeqSource;
  /** Segments in time order: capture time (ns), DSN range [dsn0, dsn1) relative, lane, packet id, reinjected. */
  t: Float64Array;
  dsn0: Float64Array;
  dsn1: Float64Array;
  lane: Int32Array;
  pktId: Float64Array;
  reinject: Uint8Array;
  /** Per lane: indices into the segment arrays (for per-subflow decimation). */
  byLane: { t: Float64Array; lo: Float64Array; hi: Float64Array; idx: Int32Array }[];
  /** DATA_ACK received by the sender (cumulative: never goes back), time order. */
  ackT: Float64Array;
  ackV: Float64Array;
  signals: { t: number; kind: SignalKind; lane: number; pktId: number }[];
  /** Lanes of the connection that carried data, in lane order. */
  lanes: number[];
  /** Largest DSN end (for the y domain of the whole run). */
  maxDsn: number;
}

type Mapping = SeqMapping;

const cache = new WeakMap<readonly CaptureRecord[], SeqGraphModel>();

export function seqGraphFor(captures: readonly CaptureRecord[]): SeqGraphModel {
  let m = cache.get(captures);
  if (!m) {
    m = buildSeqGraph(captures);
    cache.set(captures, m);
  }
  return m;
}

/** The DSN of relative subflow sequence number `ssn` under `maps` (this lane's mappings, in order), or null. */
function dsnOfSsn(maps: Mapping[], ssn: number): Mapping | null {
  for (let i = maps.length - 1; i >= 0 && i >= maps.length - 4096; i--) {
    const m = maps[i];
    if (ssn >= m.subflowSeq && (m.dataLevelLength === 0 || ssn < m.subflowSeq + m.dataLevelLength)) return m;
  }
  return null;
}

export function buildSeqGraph(captures: readonly CaptureRecord[]): SeqGraphModel {
  const src = seqSourceFor(captures);
  const { model } = src;
  const dataDir = src.dir;
  const nLanes = model.subflows.length;
  const t: number[] = [];
  const dsn0: number[] = [];
  const dsn1: number[] = [];
  const lane: number[] = [];
  const pktId: number[] = [];
  const reinject: number[] = [];
  const ackT: number[] = [];
  const ackV: number[] = [];
  const signals: SeqGraphModel['signals'] = [];
  const maps: Mapping[][] = Array.from({ length: nLanes }, () => []);
  const ssnHigh = new Float64Array(nLanes).fill(-1);
  let idsn = src.idsn;
  let dsnHigh = 0;
  let ack = -1;
  /** DSN start → lane that first sent it. */
  const sentOn = new Map<number, number>();

  for (const ci of src.records) {
    const rec = captures[ci];
    const p = rec.pkt;
    const ln = laneOfCapture(src, captures, ci);
    const opts = p.mptcp as ({ subtype: number } & Record<string, unknown>)[] | null;
    if (opts) {
      for (const o of opts) {
        if (o.subtype === MPTCP_SUBTYPE.MP_JOIN && (p.flags & SYN) !== 0 && (p.flags & ACK) === 0) signals.push({ t: rec.t, kind: 'MP_JOIN', lane: ln, pktId: p.id });
        else if (o.subtype === MPTCP_SUBTYPE.ADD_ADDR && o.echo !== true) signals.push({ t: rec.t, kind: 'ADD_ADDR', lane: ln, pktId: p.id });
        else if (o.subtype === MPTCP_SUBTYPE.REMOVE_ADDR) signals.push({ t: rec.t, kind: 'REMOVE_ADDR', lane: ln, pktId: p.id });
        else if (o.subtype === MPTCP_SUBTYPE.MP_PRIO) signals.push({ t: rec.t, kind: 'MP_PRIO', lane: ln, pktId: p.id });
      }
    }
    const dss = dssOf(opts);
    if (rec.dir === dataDir) {
      if (p.payloadLen === 0 || ln < 0) continue;
      const own = mappingOf(opts, idsn);
      if (own) maps[ln].push(own);
      const isn = dataDir === 'c2s' ? model.isnC2s[ln] : model.isnS2c[ln];
      const ssn = isn >= 0 ? (p.seq - isn) >>> 0 : p.seq;
      const m = own ?? dsnOfSsn(maps[ln], ssn);
      if (!m) continue;
      // Without the sender's key (capture missed the handshake), count from the first mapping.
      idsn ??= m.dsn - 1n;
      const mdsn = relSeq(m.dsn, idsn, m.dsn64 ? 64 : 32);
      const d0 = mdsn + (ssn - m.subflowSeq);
      const d1 = d0 + p.payloadLen;
      // Sent before on another subflow, and new data on this one: a reinjection.
      const firstLane = sentOn.get(d0);
      const isReinject = firstLane !== undefined && firstLane !== ln && ssn > ssnHigh[ln];
      if (firstLane === undefined) sentOn.set(d0, ln);
      if (ssn + p.payloadLen - 1 > ssnHigh[ln]) ssnHigh[ln] = ssn + p.payloadLen - 1;
      if (d1 > dsnHigh) dsnHigh = d1;
      t.push(rec.t);
      dsn0.push(d0);
      dsn1.push(d1);
      lane.push(ln);
      pktId.push(p.id);
      reinject.push(isReinject ? 1 : 0);
    } else if (dss && typeof dss.dataAck === 'bigint' && idsn !== null) {
      // The DATA_ACK of the data sender's stream (RFC 8684 §3.3.2): cumulative, so the line keeps its highest value.
      let v = relSeq(dss.dataAck, idsn, dss.ack64 === true ? 64 : 32);
      if (dss.ack64 !== true && ack >= 0) v = unwrap32(v, ack);
      if (v > ack) {
        ack = v;
        ackT.push(rec.t);
        ackV.push(v);
      }
    }
  }

  const n = t.length;
  const laneArr = Int32Array.from(lane);
  const lanesUsed = [...new Set(lane)].sort((a, b) => a - b);
  const byLane = Array.from({ length: nLanes }, (_, k) => {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (laneArr[i] === k) idx.push(i);
    return {
      idx: Int32Array.from(idx),
      t: Float64Array.from(idx, (i) => t[i]),
      lo: Float64Array.from(idx, (i) => dsn0[i]),
      hi: Float64Array.from(idx, (i) => dsn1[i]),
    };
  });
  return {
    src,
    t: Float64Array.from(t),
    dsn0: Float64Array.from(dsn0),
    dsn1: Float64Array.from(dsn1),
    lane: laneArr,
    pktId: Float64Array.from(pktId),
    reinject: Uint8Array.from(reinject),
    byLane,
    ackT: Float64Array.from(ackT),
    ackV: Float64Array.from(ackV),
    signals,
    lanes: lanesUsed,
    maxDsn: dsnHigh,
  };
}

/** Segments whose capture time is in [x0, x1]: their count (what the view reports as data-segments). */
export function segmentsInWindow(m: SeqGraphModel, win: AxisWindow): number {
  const r = rangeIn(m.t, win.x0, win.x1);
  return r.end - r.start;
}

export const ACK_COLOR = '#222222';
export const REINJECT_COLOR = '#c0392b';
export const SIGNAL_COLOR = '#6b4fa0';
export const SELECT_COLOR = '#e07b00';

/** y domain of a window: the DSNs of its segments and DATA_ACKs, padded by 2 %. */
export function seqYDomain(m: SeqGraphModel, win: AxisWindow): [number, number] {
  const r = rangeIn(m.t, win.x0, win.x1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = r.start; i < r.end; i++) {
    if (m.dsn0[i] < lo) lo = m.dsn0[i];
    if (m.dsn1[i] > hi) hi = m.dsn1[i];
  }
  const a = rangeIn(m.ackT, win.x0, win.x1);
  // The ACK in force at the window's start, too.
  const a0 = Math.max(0, a.start - 1);
  for (let i = a0; i < a.end; i++) {
    if (m.ackV[i] < lo) lo = m.ackV[i];
    if (m.ackV[i] > hi) hi = m.ackV[i];
  }
  if (!Number.isFinite(lo)) return [0, Math.max(1, m.maxDsn)];
  const pad = Math.max(1, (hi - lo) * 0.02);
  return [Math.max(0, lo - pad), hi + pad];
}

/**
 * Marks of a window `widthPx` wide: per subflow, one bar per pixel column (decimate.ts); the
 * DATA_ACK staircase (M4-reduced); reinjections as diamonds; signal ticks; the selected segment.
 */
export function seqGraphGeometry(m: SeqGraphModel, win: AxisWindow, widthPx: number, selectedPktId: number | null, signalLabel: (k: SignalKind) => string = (k) => k): ChartGeometry {
  const marks: Mark[] = [];
  for (const ln of m.lanes) {
    const b = m.byLane[ln];
    const { xy } = barsPerColumn(b.t, b.lo, b.hi, win.x0, win.x1, widthPx);
    if (xy.length > 0) marks.push({ kind: 'bars', cls: `sf-${ln}`, color: subflowColor(ln), width: 1.5, xy });
  }
  const ack = lineM4(m.ackT, m.ackV, win.x0, win.x1, widthPx);
  if (ack.length > 0) marks.push({ kind: 'line', cls: 'data-ack', color: ACK_COLOR, width: 1.25, step: true, xy: ack });
  const r = rangeIn(m.t, win.x0, win.x1);
  const rj: number[] = [];
  const upp = (win.x1 - win.x0) / Math.max(1, widthPx);
  let lastCol = -Infinity;
  for (let i = r.start; i < r.end; i++) {
    if (m.reinject[i] === 0) continue;
    const col = Math.floor((m.t[i] - win.x0) / upp);
    if (col === lastCol) continue;
    lastCol = col;
    rj.push(m.t[i], (m.dsn0[i] + m.dsn1[i]) / 2);
  }
  if (rj.length > 0) marks.push({ kind: 'dots', cls: 'reinject', color: REINJECT_COLOR, shape: 'd', size: 7, xy: rj });
  const sig = m.signals.filter((s) => s.t >= win.x0 && s.t <= win.x1);
  if (sig.length > 0) marks.push({ kind: 'vticks', cls: 'signal', color: SIGNAL_COLOR, xs: sig.map((s) => s.t), labels: sig.map((s) => signalLabel(s.kind)) });
  if (selectedPktId !== null) {
    const i = indexOfPacket(m, selectedPktId);
    if (i >= 0 && m.t[i] >= win.x0 && m.t[i] <= win.x1) marks.push({ kind: 'bars', cls: 'selected', color: SELECT_COLOR, width: 4, xy: [m.t[i], m.dsn0[i], m.dsn1[i]] });
  }
  return { y: seqYDomain(m, win), marks };
}

const indexCache = new WeakMap<SeqGraphModel, Map<number, number>>();

/** Segment index of a packet id, or -1 (an id → index map built on first use). */
export function indexOfPacket(m: SeqGraphModel, id: number): number {
  let map = indexCache.get(m);
  if (!map) {
    map = new Map();
    for (let i = 0; i < m.pktId.length; i++) map.set(m.pktId[i], i);
    indexCache.set(m, map);
  }
  return map.get(id) ?? -1;
}

/** The segment nearest to (x, y) within 8 px, or -1. */
export function pickSegment(m: SeqGraphModel, x: number, y: number, pxPerX: number, pxPerY: number): number {
  return nearestMark(m.t, x, y, pxPerX, pxPerY, (i) => Math.min(Math.max(y, m.dsn0[i]), m.dsn1[i]), 8);
}

/** Index of the first segment at or after time `t` (for tests and cursors). */
export function firstSegmentAt(m: SeqGraphModel, t: number): number {
  return lowerBound(m.t, t);
}
