/**
 * The DSN ↔ SSN mapping view's model: every DSS data sequence mapping (RFC 8684 §3.3.1) of the
 * connection's data direction, once (a retransmission repeats its mapping and is not counted
 * again), as a band from its data-level range [dsn, dsn + len) to its subflow-level range
 * [ssn, ssn + len). Both ranges are relative (DSN to the sender's IDSN, SSN as the DSS carries it:
 * relative to the subflow's ISN) and drawn on one byte axis, the data level on top, one lane per
 * subflow below. Pure.
 */
import type { CaptureRecord } from '../core/sim/trace';
import { laneOfCapture, mappingOf, relSeq, seqSourceFor, type SeqSource } from './seq-source';
import { lowerBound, rangeIn } from './chart/search';
import { subflowColor, type ChartGeometry, type Mark } from './chart/marks';
import type { AxisWindow } from './chart/window';

export interface MappingModel {
  src: SeqSource;
  /** Mappings sorted by DSN: [dsn0, dsn1), [ssn0, ssn1), lane, first send time, packet id. */
  dsn0: Float64Array;
  dsn1: Float64Array;
  ssn0: Float64Array;
  ssn1: Float64Array;
  lane: Int32Array;
  t: Float64Array;
  pktId: Float64Array;
  /** Lanes with mappings, top to bottom. */
  lanes: number[];
  /** For each window, the mappings whose DSN starts in [x0 − maxLen, x1]. */
  maxLen: number;
  maxDsn: number;
  runs: MappingRuns;
}

/**
 * Runs of mappings of one subflow contiguous in both sequence spaces (each starts where the
 * subflow's previous one ended, in DSN and in SSN): together one band exactly (bandsJoin with no
 * gap), so a zoomed-out window draws from a few thousand runs instead of 500,000 mappings. Sorted
 * by d0; `first`/`last`: the run's first and last mapping (indexes into the model's arrays).
 */
export interface MappingRuns {
  d0: Float64Array;
  d1: Float64Array;
  s0: Float64Array;
  s1: Float64Array;
  lane: Int32Array;
  /** Earliest and latest first-send time of the run's mappings. */
  tMin: Float64Array;
  tMax: Float64Array;
  first: Uint32Array;
  last: Uint32Array;
  maxLen: number;
}

/** The runs of sorted mappings (MappingRuns). */
export function buildRuns(d0: Float64Array, d1: Float64Array, s0: Float64Array, s1: Float64Array, lane: Int32Array, t: Float64Array): MappingRuns {
  const cols: number[][] = [[], [], [], [], [], [], [], [], []];
  const [rd0, rd1, rs0, rs1, rl, rt0, rt1, rf, rla] = cols;
  const open = new Map<number, number>();
  for (let i = 0; i < d0.length; i++) {
    const k = open.get(lane[i]);
    if (k !== undefined && d0[i] === rd1[k] && s0[i] === rs1[k] && d1[i] >= rd1[k] && s1[i] >= rs1[k]) {
      rd1[k] = d1[i];
      rs1[k] = s1[i];
      if (t[i] < rt0[k]) rt0[k] = t[i];
      if (t[i] > rt1[k]) rt1[k] = t[i];
      rla[k] = i;
      continue;
    }
    open.set(lane[i], rd0.length);
    rd0.push(d0[i]);
    rd1.push(d1[i]);
    rs0.push(s0[i]);
    rs1.push(s1[i]);
    rl.push(lane[i]);
    rt0.push(t[i]);
    rt1.push(t[i]);
    rf.push(i);
    rla.push(i);
  }
  let maxLen = 0;
  for (let k = 0; k < rd0.length; k++) maxLen = Math.max(maxLen, rd1[k] - rd0[k]);
  return {
    d0: Float64Array.from(rd0),
    d1: Float64Array.from(rd1),
    s0: Float64Array.from(rs0),
    s1: Float64Array.from(rs1),
    lane: Int32Array.from(rl),
    tMin: Float64Array.from(rt0),
    tMax: Float64Array.from(rt1),
    first: Uint32Array.from(rf),
    last: Uint32Array.from(rla),
    maxLen,
  };
}

const cache = new WeakMap<readonly CaptureRecord[], MappingModel>();

export function mappingFor(captures: readonly CaptureRecord[]): MappingModel {
  let m = cache.get(captures);
  if (!m) {
    m = buildMapping(captures);
    cache.set(captures, m);
  }
  return m;
}

export function buildMapping(captures: readonly CaptureRecord[]): MappingModel {
  const src = seqSourceFor(captures);
  const nLanes = src.model.subflows.length;
  // The highest subflow sequence number already mapped, per lane: a mapping at or below it is a repeat.
  const mapped = new Float64Array(nLanes).fill(-1);
  // Columns, not one array per mapping: a 60 s run has 500,000 mappings, and per-row arrays left
  // that many objects for the garbage collector to sweep during the first zoom frames.
  const cols: [number[], number[], number[], number[], number[], number[], number[]] = [[], [], [], [], [], [], []];
  let idsn = src.idsn;
  let maxLen = 0;
  let maxDsn = 0;
  for (const ci of src.records) {
    const rec = captures[ci];
    if (rec.dir !== src.dir) continue;
    const m = mappingOf(rec.pkt.mptcp as ({ subtype: number } & Record<string, unknown>)[] | null, idsn);
    if (!m || m.dataLevelLength === 0) continue; // the infinite mapping has no extent (RFC 8684 §3.3.1)
    if (m.subflowSeq === 0) continue; // a DATA_FIN-only mapping (RFC 8684 §3.3.3): SSN 0, no data bytes
    const ln = laneOfCapture(src, captures, ci);
    if (ln < 0) continue;
    const end = m.subflowSeq + m.dataLevelLength;
    if (end - 1 <= mapped[ln]) continue;
    mapped[ln] = end - 1;
    idsn ??= m.dsn - 1n;
    const d0 = relSeq(m.dsn, idsn, m.dsn64 ? 64 : 32);
    cols[0].push(d0);
    cols[1].push(d0 + m.dataLevelLength);
    cols[2].push(m.subflowSeq);
    cols[3].push(end);
    cols[4].push(ln);
    cols[5].push(rec.t);
    cols[6].push(rec.pkt.id);
    if (m.dataLevelLength > maxLen) maxLen = m.dataLevelLength;
    if (d0 + m.dataLevelLength > maxDsn) maxDsn = d0 + m.dataLevelLength;
  }
  const [ds, , , , , ts] = cols;
  const order = Uint32Array.from(ds, (_, i) => i).sort((a, b) => ds[a] - ds[b] || ts[a] - ts[b] || a - b);
  const col = (k: number): Float64Array => Float64Array.from(order, (i) => cols[k][i]);
  const dsn0 = col(0);
  const dsn1 = col(1);
  const ssn0 = col(2);
  const ssn1 = col(3);
  const lane = Int32Array.from(order, (i) => cols[4][i]);
  const t = col(5);
  return {
    src,
    dsn0,
    dsn1,
    ssn0,
    ssn1,
    lane,
    t,
    pktId: col(6),
    lanes: [...new Set(cols[4])].sort((a, b) => a - b),
    maxLen,
    maxDsn,
    runs: buildRuns(dsn0, dsn1, ssn0, ssn1, lane, t),
  };
}

/** Mappings whose data-level range meets the window. */
export function mappingRange(m: MappingModel, win: AxisWindow): { start: number; end: number } {
  const r = rangeIn(m.dsn0, win.x0 - m.maxLen, win.x1);
  let s = r.start;
  while (s < r.end && m.dsn1[s] < win.x0) s++;
  return { start: s, end: r.end };
}

/** y of the data-level lane and of subflow lane `k` (0 = first lane with mappings). */
export function laneY(m: MappingModel, k: number | 'data'): number {
  return k === 'data' ? m.lanes.length : m.lanes.length - 1 - k;
}

/** A band: data-level range [d0, d1] on the top lane, subflow-level range [s0, s1] on its lane. */
interface Band {
  d0: number;
  d1: number;
  s0: number;
  s1: number;
}

/**
 * Whether band `b` (later in DSN order) joins `a` into one band [a.d0, b.d1] ↔ [a.s0, b.s1] with
 * less than `tol` (one pixel column) of difference: both bands lie between the same two lanes, so
 * when their tops and bottoms overlap or touch and b's edges are right of a's, their union is that
 * trapezoid exactly (each height's cross-section is the union of two overlapping intervals); a gap
 * of at most `tol` at either end is filled. Bands of one colour are filled as one path (one
 * opacity), so the union is what shows: the same picture with far fewer (and shorter) edges to
 * rasterise — a 60 s run's thousands of long slanted bands per lane become a handful.
 */
export function bandsJoin(a: Band, b: Band, tol: number): boolean {
  return b.d0 >= a.d0 && b.d1 >= a.d1 && b.s0 >= a.s0 && b.s1 >= a.s1 && b.d0 <= a.d1 + tol && b.s0 <= a.s1 + tol;
}

/**
 * Bands of the window, per (pixel column, lane): one band spanning the column's mappings of that
 * lane (their lowest/highest DSN and SSN), in the lane's colour, then runs of such bands that
 * join (bandsJoin: contiguous in both sequence spaces, to within a pixel) merged into one;
 * mappings first sent after the cursor `cursorT` are faded. The selected packet's mapping is
 * outlined.
 */
export function mappingGeometry(
  m: MappingModel,
  win: AxisWindow,
  widthPx: number,
  cursorT: number | null,
  selectedPktId: number | null,
  laneLabel: (lane: number) => string,
  dataLabel: string,
): ChartGeometry {
  const r = mappingRange(m, win);
  const upp = (win.x1 - win.x0) / Math.max(1, widthPx);
  const yTop = laneY(m, 'data') - 0.08;
  const laneIdx = new Map(m.lanes.map((l, k) => [l, k]));
  const groups = new Map<number, number[]>();
  // Groups: key = lane · 2 + (faded ? 1 : 0). Per group, the column being gathered (typed arrays:
  // this loop runs over every mapping of the window, 500,000 for a whole 60 s run) …
  const nKeys = 2 * ((m.lanes.length > 0 ? Math.max(...m.lanes) : 0) + 1);
  const colOf = new Float64Array(nKeys).fill(NaN);
  const cd0 = new Float64Array(nKeys);
  const cd1 = new Float64Array(nKeys);
  const cs0 = new Float64Array(nKeys);
  const cs1 = new Float64Array(nKeys);
  // … and the band (merged columns) waiting to be emitted.
  const pending = new Map<number, Band>();
  const emit = (key: number, c: Band): void => {
    let q = groups.get(key);
    if (!q) {
      q = [];
      groups.set(key, q);
    }
    const yb = laneY(m, laneIdx.get(key >> 1) ?? 0) + 0.08;
    q.push(c.d0, yTop, c.d1, yTop, c.s1, yb, c.s0, yb);
  };
  const flush = (key: number): void => {
    const c = { d0: cd0[key], d1: cd1[key], s0: cs0[key], s1: cs1[key] };
    const p = pending.get(key);
    if (p && bandsJoin(p, c, upp)) {
      p.d1 = c.d1;
      p.s1 = c.s1;
      return;
    }
    if (p) emit(key, p);
    pending.set(key, c);
  };
  const add = (key: number, d0: number, d1: number, s0: number, s1: number): void => {
    const col = Math.floor((d0 - win.x0) / upp);
    if (colOf[key] === col) {
      if (d0 < cd0[key]) cd0[key] = d0;
      if (d1 > cd1[key]) cd1[key] = d1;
      if (s0 < cs0[key]) cs0[key] = s0;
      if (s1 > cs1[key]) cs1[key] = s1;
    } else {
      if (!Number.isNaN(colOf[key])) flush(key);
      colOf[key] = col;
      cd0[key] = d0;
      cd1[key] = d1;
      cs0[key] = s0;
      cs1[key] = s1;
    }
  };
  const addMapping = (i: number): void => {
    add(m.lane[i] * 2 + (cursorT !== null && m.t[i] > cursorT ? 1 : 0), m.dsn0[i], m.dsn1[i], m.ssn0[i], m.ssn1[i]);
  };
  // Zoomed out (more mappings than pixel columns), from the runs when they are far fewer: the same
  // bands (a run is what its mappings merge into), though reaching out of the window; zoomed in,
  // mapping by mapping.
  const rr = rangeIn(m.runs.d0, win.x0 - m.runs.maxLen, win.x1);
  if (r.end - r.start > widthPx && rr.end - rr.start < (r.end - r.start) / 2) {
    const u = m.runs;
    for (let k = rr.start; k < rr.end; k++) {
      if (u.d1[k] < win.x0) continue;
      if (cursorT !== null && u.tMin[k] <= cursorT && u.tMax[k] > cursorT) {
        // the cursor splits the run into sent and later mappings: each on its own
        for (let i = u.first[k]; i <= u.last[k]; i++) if (m.lane[i] === u.lane[k]) addMapping(i);
      } else {
        add(u.lane[k] * 2 + (cursorT !== null && u.tMin[k] > cursorT ? 1 : 0), u.d0[k], u.d1[k], u.s0[k], u.s1[k]);
      }
    }
  } else {
    for (let i = r.start; i < r.end; i++) addMapping(i);
  }
  for (let key = 0; key < nKeys; key++) if (!Number.isNaN(colOf[key])) flush(key);
  for (const [key, p] of pending) emit(key, p);
  const marks: Mark[] = [];
  // Lane baselines.
  const lines: [number, string][] = [[laneY(m, 'data'), 'data']];
  m.lanes.forEach((_, k) => lines.push([laneY(m, k), `lane-${k}`]));
  for (const [y, cls] of lines) marks.push({ kind: 'line', cls: `baseline ${cls}`, color: '#8a94a3', width: 1, xy: [win.x0, y, win.x1, y] });
  for (const [key, quads] of [...groups].sort(([a], [b]) => a - b)) {
    const lane = key >> 1;
    const late = key % 2 === 1;
    marks.push({ kind: 'bands', cls: `sf-${lane}${late ? ' later' : ''}`, color: subflowColor(lane), opacity: late ? 0.18 : 0.5, quads });
  }
  if (selectedPktId !== null) {
    for (let i = r.start; i < r.end; i++) {
      if (m.pktId[i] !== selectedPktId) continue;
      const yb = laneY(m, laneIdx.get(m.lane[i]) ?? 0) + 0.08;
      marks.push({ kind: 'bands', cls: 'selected', color: '#e07b00', opacity: 0.9, quads: [m.dsn0[i], yTop, m.dsn1[i], yTop, m.ssn1[i], yb, m.ssn0[i], yb] });
    }
  }
  const cats: [number, string][] = [[laneY(m, 'data'), dataLabel]];
  m.lanes.forEach((l, k) => cats.push([laneY(m, k), laneLabel(l)]));
  return { y: [-0.5, m.lanes.length + 0.5], marks, yCategories: cats };
}

/** The mapping whose data-level range holds DSN x (nearest start when none), or -1. */
export function pickMapping(m: MappingModel, x: number): number {
  if (m.dsn0.length === 0) return -1;
  const i = lowerBound(m.dsn0, x);
  const cands = [i - 1, i].filter((k) => k >= 0 && k < m.dsn0.length);
  let best = -1;
  let bestD = Infinity;
  for (const k of cands) {
    const d = x < m.dsn0[k] ? m.dsn0[k] - x : x > m.dsn1[k] ? x - m.dsn1[k] : 0;
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** The highest DSN mapped by time t (the mapping view's cursor). */
export function mappedDsnAt(m: MappingModel, t: number): number | null {
  let hi = -1;
  for (let i = 0; i < m.t.length; i++) if (m.t[i] <= t && m.dsn1[i] > hi) hi = m.dsn1[i];
  return hi < 0 ? null : hi;
}
