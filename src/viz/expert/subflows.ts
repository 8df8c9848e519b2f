/**
 * What the expert charts share: the data direction of a run, which host receives, a subflow's
 * name (its 4-tuple, as the sender sees it — `MptcpSubflow.label`'s format), and a set of byte
 * ranges that says how many bytes of a new range were not seen before (data-level reassembly,
 * RFC 8684 §3.3.1: the receiver places each mapping at its data sequence number).
 */
import type { CaptureRecord, Dir, Side, Trace } from '../../core/sim/trace';
import type { Scenario } from '../../core/scenario/types';
import type { Packet } from '../../core/net/packet';
import { endpointText, type AddressNames } from '../../core/net/address-text';

export function dataDir(s: Scenario): Dir {
  return s.app.direction === 'upload' ? 'c2s' : 's2c';
}

/** The host that receives the application data. */
export function receiverSide(s: Scenario): Side {
  return s.app.direction === 'upload' ? 'server' : 'client';
}

export function senderSide(s: Scenario): Side {
  return s.app.direction === 'upload' ? 'client' : 'server';
}

/** `10.0.2.1:45646 → 10.0.1.2:5201`: source → destination of a packet (an IPv6 capture's real addresses with `names`). */
export function tupleOf(p: Packet, names?: AddressNames): string {
  return `${endpointText(p.src, p.sport, names)} → ${endpointText(p.dst, p.dport, names)}`;
}

/**
 * The data-direction payload records captured at `side` (the receiver's capture point by default);
 * if that host was not tapped (a run without view captures), those of the other host.
 */
export function dataRecords(trace: Trace, scenario: Scenario, side: Side = receiverSide(scenario)): CaptureRecord[] {
  const dir = dataDir(scenario);
  const pick = (sd: Side): CaptureRecord[] => trace.captures.filter((c) => c.side === sd && c.dir === dir && c.pkt.payloadLen > 0);
  const mine = pick(side);
  return mine.length > 0 ? mine : pick(side === 'client' ? 'server' : 'client');
}

/**
 * Disjoint, sorted, half-open byte ranges [lo, hi). `add` returns how many bytes of the range are
 * new. Ranges arrive mostly in order, so the search starts from the end.
 */
export class RangeSet {
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  /** Bytes covered. */
  covered = 0;

  add(lo: number, hi: number): number {
    if (hi <= lo) return 0;
    const L = this.lo;
    const H = this.hi;
    // the last range starting at or before hi
    let i = L.length - 1;
    while (i >= 0 && L[i] > hi) i--;
    // ranges i, i-1, … that touch [lo, hi] merge with it
    let j = i;
    while (j >= 0 && H[j] >= lo) j--;
    const first = j + 1; // first merged index
    if (first > i) {
      L.splice(first, 0, lo);
      H.splice(first, 0, hi);
      this.covered += hi - lo;
      return hi - lo;
    }
    let old = 0;
    for (let k = first; k <= i; k++) old += H[k] - L[k];
    const nlo = Math.min(lo, L[first]);
    const nhi = Math.max(hi, H[i]);
    L.splice(first, i - first + 1, nlo);
    H.splice(first, i - first + 1, nhi);
    const added = nhi - nlo - old;
    this.covered += added;
    return added;
  }

  /** End of the in-order prefix starting at `base` (the receiver's rcv_nxt, data level). */
  contiguousFrom(base = 0): number {
    return this.lo.length > 0 && this.lo[0] <= base ? Math.max(base, this.hi[0]) : base;
  }
}
