/**
 * Which subflow first carried each data sequence number (RFC 8684 §3.3.1 mappings), to tell
 * reinjections in a capture: data mapped again on another subflow than the one that carried it
 * first. Disjoint [start, end) ranges sorted by start; DSNs are the low 32 bits (captures hold far
 * fewer than 4 GB per connection; a wrap is not handled).
 */
export class DsnRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly sfs: number[] = [];

  /**
   * Records that subflow `sf` mapped [start, start + len). Returns the bytes of that range first
   * mapped on another subflow, and which (the first one met), or null when none.
   */
  map(start: number, len: number, sf: number): { bytes: number; from: number } | null {
    if (len <= 0) return null;
    const end = start + len;
    const { starts, ends, sfs } = this;
    // Last range starting before `end`.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    let again = 0;
    let from = -1;
    const gaps: [number, number][] = [];
    let cursor = end;
    for (let i = lo - 1; i >= 0 && ends[i] > start; i--) {
      const s = Math.max(starts[i], start);
      const e = Math.min(ends[i], end);
      if (e < cursor) gaps.push([e, cursor]);
      cursor = s;
      if (sfs[i] !== sf) {
        again += e - s;
        from = sfs[i];
      }
    }
    if (cursor > start) gaps.push([start, cursor]);
    for (const [s, e] of gaps) this.insert(s, e, sf);
    return again > 0 ? { bytes: again, from } : null;
  }

  private insert(s: number, e: number, sf: number): void {
    const { starts, ends, sfs } = this;
    const n = starts.length;
    if (n === 0 || starts[n - 1] < s) {
      if (n > 0 && ends[n - 1] === s && sfs[n - 1] === sf) ends[n - 1] = e;
      else {
        starts.push(s);
        ends.push(e);
        sfs.push(sf);
      }
      return;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    starts.splice(lo, 0, s);
    ends.splice(lo, 0, e);
    sfs.splice(lo, 0, sf);
  }
}
