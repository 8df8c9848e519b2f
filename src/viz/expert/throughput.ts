/**
 * Throughput chart model (issue 6 item 4): goodput per subflow, stacked, and their aggregate, from
 * the data-direction payload captured at the receiver. A segment counts for its subflow only with
 * the data-level bytes nobody delivered before (a reinjected or retransmitted copy adds nothing),
 * so the stack of the subflows is, bin by bin, the connection's new data: its aggregate goodput.
 * Data positions are the application stream offsets the packets carry (Packet.streamPos), which
 * is the DSN relative to the IDSN (RFC 8684 §3.3.1) for MPTCP and the relative sequence number for
 * plain TCP.
 */
import type { Trace } from '../../core/sim/trace';
import type { Scenario } from '../../core/scenario/types';
import { dataRecords, RangeSet, tupleOf } from './subflows';
import { addressNames } from '../../core/net/address-text';

export interface ThroughputLayer {
  /** Sender → receiver 4-tuple. */
  label: string;
  path: number;
  /** New data bytes per bin. */
  bytes: Float64Array;
}

export interface ThroughputModel {
  binNs: number;
  /** Number of bins (bin i covers [i·binNs, (i+1)·binNs)). */
  bins: number;
  layers: ThroughputLayer[];
  /** Sum of the layers per bin (bytes). */
  aggregate: Float64Array;
}

/** Bytes in a bin of `binNs` → Mbit/s. */
export function mbitPerS(bytes: number, binNs: number): number {
  return (bytes * 8) / (binNs / 1e9) / 1e6;
}

export function throughputModel(trace: Trace, scenario: Scenario, binNs: number): ThroughputModel {
  if (!(binNs > 0)) throw new RangeError(`throughput bin must be > 0 ns, got ${binNs}`);
  const recs = dataRecords(trace, scenario);
  const bins = Math.max(1, Math.ceil(trace.end / binNs));
  const byTuple = new Map<string, ThroughputLayer>();
  const names = addressNames(trace);
  const sets = new Map<number, RangeSet>();
  const aggregate = new Float64Array(bins);
  for (const r of recs) {
    const p = r.pkt;
    const key = tupleOf(p, names);
    let layer = byTuple.get(key);
    if (!layer) {
      layer = { label: key, path: r.path, bytes: new Float64Array(bins) };
      byTuple.set(key, layer);
    }
    let set = sets.get(p.stream);
    if (!set) sets.set(p.stream, (set = new RangeSet()));
    const added = set.add(p.streamPos, p.streamPos + p.payloadLen);
    if (added === 0) continue;
    const b = Math.min(bins - 1, Math.floor(r.t / binNs));
    layer.bytes[b] += added;
    aggregate[b] += added;
  }
  const layers = [...byTuple.values()].sort((a, b) => a.path - b.path || (a.label < b.label ? -1 : 1));
  return { binNs, bins, layers, aggregate };
}

/** The stack's upper edge per layer: cumulative sums of the layers' bytes, bottom first. */
export function stackTops(m: ThroughputModel): Float64Array[] {
  const out: Float64Array[] = [];
  let prev = new Float64Array(m.bins);
  for (const l of m.layers) {
    const top = new Float64Array(m.bins);
    for (let i = 0; i < m.bins; i++) top[i] = prev[i] + l.bytes[i];
    out.push(top);
    prev = top;
  }
  return out;
}

/** A bin width for a run of `endNs`: about `target` bins, rounded to 1/2/5 × 10^k ns, at least 1 ms. */
export function niceBin(endNs: number, target = 300): number {
  const raw = Math.max(1e6, endNs / target);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
