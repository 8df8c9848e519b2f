/**
 * A table keyed by a segment's connection 4-tuple, the same in both directions: each endpoint as
 * one 48-bit number (address × 65536 + port), the lower one first. Used wherever captured packets
 * are grouped into TCP streams (the capture importer and the summary's analysis).
 */
import type { Packet } from './packet';

export class FourTupleMap<T> {
  private readonly byLower = new Map<number, Map<number, T>>();

  get(p: Packet): T | undefined {
    const a = p.src * 65536 + p.sport;
    const b = p.dst * 65536 + p.dport;
    return a < b ? this.byLower.get(a)?.get(b) : this.byLower.get(b)?.get(a);
  }

  set(p: Packet, v: T): void {
    const a = p.src * 65536 + p.sport;
    const b = p.dst * 65536 + p.dport;
    const k1 = a < b ? a : b;
    let inner = this.byLower.get(k1);
    if (inner === undefined) {
      inner = new Map();
      this.byLower.set(k1, inner);
    }
    inner.set(a < b ? b : a, v);
  }
}
