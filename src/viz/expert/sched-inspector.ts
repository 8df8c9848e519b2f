/**
 * Scheduler inspector model (issue 6 item 7): one row per scheduler decision of the trace
 * (trace.schedDecisions): the candidate subflows with what the scheduler saw (srtt, cwnd room,
 * backup, stale), why each was passed over, which one it chose and why; each row is tied to the
 * segment that carried the decision's first byte (the sender's capture of that data sequence
 * number) so selecting a row selects the packet everywhere.
 *
 * Subflow ids (MptcpSubflow.id) are named by the 4-tuple the connection announced for them in its
 * `subflow` trace events; DSNs are mapped to stream positions with the DSS mappings the sender's
 * segments carry (RFC 8684 §3.3.1: a mapping's DSN and its payload's stream position differ by the
 * IDSN + 1, the same for every segment of the connection).
 */
import type { CaptureRecord, SchedDecisionRecord, Side, Trace } from '../../core/sim/trace';
import { MPTCP_SUBTYPE } from '../../core/wire/mptcp/types';
import { tupleOf } from './subflows';
import { addressNames } from '../../core/net/address-text';
import { upperBound } from '../chart/search';

/** A candidate as the trace records it (without the linger time), with the subflow's label. */
export type InspectorCandidate = Omit<SchedDecisionRecord['candidates'][number], 'lingerTime'> & { label: string };

export interface InspectorRow {
  /** Index in trace.schedDecisions. */
  index: number;
  t: number;
  side: Side;
  scheduler: string;
  kind: 'send' | 'retrans';
  chosen: number | null;
  /** 4-tuple of the chosen subflow ('' if unknown). */
  chosenLabel: string;
  reason: string;
  /** Stream position of the decision's first byte (null if the DSN matched no segment's mapping). */
  pos: number | null;
  burst: number;
  candidates: InspectorCandidate[];
  /** The capture (index into trace.captures) of the first segment that carried `pos` after the decision. */
  segment: number | null;
}

/** `side|token|id` → the subflow's 4-tuple, from the connections' subflow trace events. */
export function subflowLabels(trace: Trace): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of trace.events) {
    if (e.type !== 'mptcp' || e.ev.type !== 'subflow') continue;
    if (!e.ev.detail.includes('→')) continue;
    const k = `${e.side}|${e.token}|${e.ev.subflow}`;
    if (!out.has(k)) out.set(k, e.ev.detail);
  }
  return out;
}

interface StreamIndex {
  /** DSN − stream position (bigint) of this stream's segments. */
  base: bigint;
  /** stream position → capture indices (sender side, in time order). */
  byPos: Map<number, number[]>;
  /** The distinct segment start positions, ascending. */
  starts: number[];
}

/** Per sending side and stream: the DSN base and where each stream position was sent. */
function indexSends(captures: readonly CaptureRecord[]): Map<Side, StreamIndex[]> {
  const tmp = new Map<string, StreamIndex & { side: Side }>();
  for (let i = 0; i < captures.length; i++) {
    const c = captures[i];
    const p = c.pkt;
    if (p.payloadLen === 0) continue;
    const sender: Side = c.dir === 'c2s' ? 'client' : 'server';
    if (c.side !== sender) continue;
    const k = `${sender}|${p.stream}`;
    let s = tmp.get(k);
    if (!s) tmp.set(k, (s = { side: sender, base: -1n, byPos: new Map(), starts: [] }));
    let list = s.byPos.get(p.streamPos);
    if (!list) s.byPos.set(p.streamPos, (list = []));
    list.push(i);
    if (s.base < 0n && p.mptcp) {
      for (const o of p.mptcp) {
        const m = o.subtype === MPTCP_SUBTYPE.DSS ? (o as { mapping?: { dsn: bigint; dataLevelLength: number } }).mapping : undefined;
        if (m && m.dataLevelLength > 0) s.base = m.dsn - BigInt(p.streamPos);
      }
    }
  }
  const out = new Map<Side, StreamIndex[]>();
  for (const s of tmp.values()) {
    if (s.base < 0n) continue;
    s.starts = [...s.byPos.keys()].sort((a, b) => a - b);
    out.set(s.side, [...(out.get(s.side) ?? []), s]);
  }
  return out;
}

function findSegment(idx: StreamIndex[] | undefined, d: SchedDecisionRecord, captures: readonly CaptureRecord[]): { pos: number | null; segment: number | null } {
  if (!idx || d.dsn === null) return { pos: null, segment: null };
  for (const s of idx) {
    const rel = d.dsn - s.base;
    if (rel < 0n || rel > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    const pos = Number(rel);
    // a decision hands the subflow a burst from `pos`, which need not start a segment: the segments
    // that start at most a segment's length before it and contain it, first sent after the decision
    let seg: number | null = null;
    let i = upperBound(s.starts, pos) - 1;
    for (; i >= 0 && pos - s.starts[i] < 65536; i--) {
      for (const c of s.byPos.get(s.starts[i]) ?? []) {
        const r = captures[c];
        if (r.t < d.t || r.pkt.streamPos + r.pkt.payloadLen <= pos) continue;
        if (seg === null || r.t < captures[seg].t) seg = c;
      }
    }
    if (seg !== null || (s.starts.length > 0 && pos <= s.starts[s.starts.length - 1])) return { pos, segment: seg };
  }
  return { pos: null, segment: null };
}

export function inspectorRows(trace: Trace): InspectorRow[] {
  const labels = subflowLabels(trace);
  const sends = indexSends(trace.captures);
  return trace.schedDecisions.map((d, index) => {
    const name = (id: number): string => labels.get(`${d.side}|${d.token}|${id}`) ?? '';
    const { pos, segment } = findSegment(sends.get(d.side), d, trace.captures);
    return {
      index,
      t: d.t,
      side: d.side,
      scheduler: d.scheduler,
      kind: d.kind,
      chosen: d.chosen,
      chosenLabel: d.chosen === null ? '' : name(d.chosen),
      reason: d.reason,
      pos,
      burst: d.burst,
      candidates: d.candidates.map((c) => ({ ...c, label: name(c.id) })),
      segment,
    };
  });
}

/**
 * Short names of subflow lanes (4-tuples "a:p → b:q"): the endpoint that differs between them —
 * the first (an upload's client side) when those are all distinct, else the second (a download's
 * server side sends from one address to the client's), else the whole 4-tuple.
 */
export function laneLabels(tuples: readonly string[]): string[] {
  const ends = tuples.map((l) => l.split(' → '));
  if (ends.some((e) => e.length !== 2)) return [...tuples];
  for (const k of [0, 1]) {
    const names = ends.map((e) => e[k]);
    if (new Set(names).size === names.length) return names;
  }
  return [...tuples];
}

/** The 4-tuple of the segment a row is tied to ('' if none). */
export function segmentLabel(trace: Trace, row: InspectorRow): string {
  return row.segment === null ? '' : tupleOf(trace.captures[row.segment].pkt, addressNames(trace));
}

/** Index of the last row at or before `tNs` (-1 if none); rows are in time order. */
export function rowAtTime(rows: readonly InspectorRow[], tNs: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].t <= tNs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
