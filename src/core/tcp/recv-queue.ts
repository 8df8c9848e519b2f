/**
 * The receiver's out-of-order queue and the SACK blocks it advertises (RFC 2018, RFC 9293 §3.10.7.4).
 * Intervals are relative sequence ranges [start, end) above RCV.NXT, kept sorted and merged; each
 * remembers the application-stream position of its first byte so that delivery can check that
 * every byte lands where it was sent from. SACK blocks: "the first SACK block MUST specify the
 * contiguous block of data containing the segment which triggered this ACK", then the most recently
 * reported other blocks (RFC 2018 §4).
 */

export interface OooRange {
  start: number;
  end: number;
  /** Stream position of `start`; -1 if the bytes' origin disagreed (a corrupt placement). */
  pos: number;
  /** Receive order stamp of the latest segment merged into this range (for SACK block order). */
  stamp: number;
  /**
   * Segments that brought new bytes into this range: Linux keeps each in its own skb (an MPTCP
   * subflow's never coalesce, their DSS mappings differ: mptcp_skb_can_collapse), and the MPTCP
   * layer counts per skb when the range is delivered (DuplicateData).
   */
  segs: number;
}

/**
 * How many of a run's `segs` segments (of `runBytes` bytes in all) `bytes` of it make, counted by size:
 * a run's segments have the sender's MSS, only a fragment's tail is shorter.
 */
export function segmentsIn(bytes: number, runBytes: number, segs: number): number {
  return Math.floor((bytes * segs) / runBytes);
}

export class RecvQueue {
  ranges: OooRange[] = [];
  private stamp = 0;
  /** Bytes held out of order. */
  bytes = 0;

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  /**
   * Insert [start, end) (all > rcvNxt) carrying stream position `pos`, received in `segs` segments.
   * Returns true if any new byte was added (false for a full duplicate) and how many of the bytes
   * were there already (`covered`). `posOk` is cleared if overlapping data disagrees on stream
   * position. The answer is valid until the next call.
   */
  insert(start: number, end: number, pos: number, segs = 1): { readonly added: boolean; readonly covered: number; readonly posOk: boolean } {
    const r = this.ranges;
    const stamp = ++this.stamp;
    let posOk = true;
    // first range that overlaps or touches [start, end): ranges are disjoint and sorted, so their
    // ends increase; search from the tail, where new data usually lands (an MPTCP connection's
    // queue holds the faster subflow's bytes while the slower one's hole is open)
    let i = r.length;
    while (i > 0 && r[i - 1].end >= start) i--;
    // ranges from i on that overlap or touch; merge those whose stream positions continue ours
    // (an MPTCP subflow's neighbouring bytes may belong to different mappings: keep those apart)
    let nStart = start;
    let nEnd = end;
    let nPos = pos;
    let covered = 0;
    let j = i;
    let first = -1;
    let last = -1;
    let mergedSegs = 0;
    while (j < r.length && r[j].start <= end) {
      const x = r[j];
      const continuous = x.pos >= 0 && pos >= 0 && x.pos - x.start === pos - start;
      const overlaps = x.start < end && x.end > start;
      if (overlaps) covered += Math.min(x.end, end) - Math.max(x.start, start);
      if (continuous || overlaps) {
        if (!continuous) posOk = false;
        if (first < 0) first = j;
        last = j;
        mergedSegs += x.segs;
        if (x.start < nStart) {
          nStart = x.start;
          nPos = x.pos;
        }
        if (x.end > nEnd) nEnd = x.end;
      }
      j++;
    }
    const added = covered < end - start;
    // the incoming segments wholly inside bytes already held are dropped (counted by size)
    if (added) mergedSegs += segs - segmentsIn(covered, end - start, segs);
    if (first < 0) {
      // nothing to merge with: insert before the first range that starts after us
      let k = i;
      while (k < r.length && r[k].start < start) k++;
      if (k === r.length) r.push({ start, end, pos, stamp, segs });
      else r.splice(k, 0, { start, end, pos, stamp, segs });
      this.bytes += end - start;
      return this.answer(true, 0, posOk);
    }
    for (let k = first; k <= last; k++) this.bytes -= r[k].end - r[k].start;
    // ranges between first and last that were not merged cannot exist: they would lie inside [nStart, nEnd)
    if (first === last) {
      // the usual case, one range grown at its end: grown in place (no splice, no new range; the
      // queue's ranges are its own — takeInOrder hands out only ranges it has removed)
      const x = r[first];
      x.start = nStart;
      x.end = nEnd;
      x.pos = posOk ? nPos : -1;
      x.stamp = stamp;
      x.segs = mergedSegs;
    } else r.splice(first, last - first + 1, { start: nStart, end: nEnd, pos: posOk ? nPos : -1, stamp, segs: mergedSegs });
    this.bytes += nEnd - nStart;
    return this.answer(added, covered, posOk);
  }

  /** insert's answer: one object, reused (valid until the next insert). */
  private readonly result = { added: false, covered: 0, posOk: true };

  private answer(added: boolean, covered: number, posOk: boolean): { readonly added: boolean; readonly covered: number; readonly posOk: boolean } {
    const r = this.result;
    r.added = added;
    r.covered = covered;
    r.posOk = posOk;
    return r;
  }

  /** Remove and return the range starting at or below `rcvNxt` (it has become in-order), or null. */
  takeInOrder(rcvNxt: number): OooRange | null {
    const r = this.ranges;
    if (r.length === 0 || r[0].start > rcvNxt) return null;
    const x = r.shift()!;
    this.bytes -= x.end - x.start;
    return x;
  }

  /** SACK blocks for an ACK: the most recently updated ranges first, at most `max` of them. */
  sackBlocks(max: number, out: number[]): number[] {
    const r = this.ranges;
    // setting an array's length is a slow path in V8: only when there is something to clear
    if (out.length !== 0) out.length = 0;
    if (r.length === 0) return out;
    if (r.length === 1) {
      out.push(r[0].start, r[0].end);
      return out;
    }
    // SACK blocks cover contiguous received bytes: touching ranges (different MPTCP mappings) are one block
    const blocks: OooRange[] = [];
    for (const x of r) {
      const b = blocks[blocks.length - 1];
      if (b && b.end === x.start) {
        b.end = x.end;
        if (x.stamp > b.stamp) b.stamp = x.stamp;
      } else blocks.push({ ...x });
    }
    blocks.sort((a, b) => b.stamp - a.stamp);
    for (let k = 0; k < blocks.length && k < max; k++) out.push(blocks[k].start, blocks[k].end);
    return out;
  }
}
