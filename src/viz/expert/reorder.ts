/**
 * Receiver reorder queue and head-of-line stalls (issue 6 item 6), from the data-direction payload
 * captured at the receiver. After every arriving segment: the in-order point (the data-level
 * rcv_nxt: the end of the bytes received contiguously from the start) and the out-of-order queue
 * (bytes received above it, waiting for a hole to fill; Linux's msk out_of_order_queue). A stall
 * is an interval where the in-order point did not move for at least `minStallNs`: the application
 * could read nothing, though segments may have kept arriving above the hole (head-of-line
 * blocking). Every pause of the data (summary data_gaps_top) is inside such a stall.
 */
import type { Trace } from '../../core/sim/trace';
import type { Scenario } from '../../core/scenario/types';
import { dataRecords, RangeSet } from './subflows';

export interface Stall {
  /** Last advance of the in-order point before the stall, and the next advance (ns). */
  start: number;
  end: number;
  /** Out-of-order bytes waiting when the stall ended (what the hole held back). */
  ofoAtEnd: number;
}

export interface ReorderModel {
  /** One point per arriving segment: time (ns), in-order bytes, out-of-order bytes. */
  t: Float64Array;
  inOrder: Float64Array;
  ofo: Float64Array;
  maxOfo: number;
  stalls: Stall[];
}

export function reorderModel(trace: Trace, scenario: Scenario, minStallNs: number): ReorderModel {
  if (!(minStallNs > 0)) throw new RangeError(`minimum stall must be > 0 ns, got ${minStallNs}`);
  const recs = dataRecords(trace, scenario);
  const n = recs.length;
  const t = new Float64Array(n);
  const inOrder = new Float64Array(n);
  const ofo = new Float64Array(n);
  const sets = new Map<number, RangeSet>();
  let covered = 0;
  let ordered = 0;
  let maxOfo = 0;
  const stalls: Stall[] = [];
  let lastAdvance = -1;
  for (let i = 0; i < n; i++) {
    const r = recs[i];
    const p = r.pkt;
    let set = sets.get(p.stream);
    if (!set) sets.set(p.stream, (set = new RangeSet()));
    const before = set.contiguousFrom(0);
    covered += set.add(p.streamPos, p.streamPos + p.payloadLen);
    const after = set.contiguousFrom(0);
    ordered += after - before;
    t[i] = r.t;
    inOrder[i] = ordered;
    ofo[i] = covered - ordered;
    if (ofo[i] > maxOfo) maxOfo = ofo[i];
    if (after > before) {
      if (lastAdvance >= 0 && r.t - lastAdvance >= minStallNs) stalls.push({ start: lastAdvance, end: r.t, ofoAtEnd: ofo[i - 1] ?? 0 });
      lastAdvance = r.t;
    }
  }
  return { t, inOrder, ofo, maxOfo, stalls };
}

/** Index of the last point at or before `tNs` (-1 if none). */
export function pointAt(m: ReorderModel, tNs: number): number {
  let lo = 0;
  let hi = m.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.t[mid] <= tNs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
