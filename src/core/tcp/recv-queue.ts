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
   * Insert [start, end) (all > rcvNxt) carrying stream position `pos`. Returns true if any new byte
   * was added (false for a full duplicate). `posOk` is cleared if overlapping data disagrees on
   * stream position.
   */
  insert(start: number, end: number, pos: number): { added: boolean; posOk: boolean } {
    const r = this.ranges;
    const stamp = ++this.stamp;
    let posOk = true;
    // find first range with end >= start
    let i = 0;
    while (i < r.length && r[i].end < start) i++;
    if (i === r.length || r[i].start > end) {
      r.splice(i, 0, { start, end, pos, stamp });
      this.bytes += end - start;
      return { added: true, posOk };
    }
    // merge with r[i..j]
    let nStart = start;
    let nPos = pos;
    let nEnd = end;
    let j = i;
    let covered = 0;
    while (j < r.length && r[j].start <= end) {
      const x = r[j];
      if (x.pos >= 0 && pos >= 0 && x.pos - x.start !== pos - start) posOk = false;
      if (x.start < nStart) {
        nStart = x.start;
        nPos = x.pos;
      }
      if (x.end > nEnd) nEnd = x.end;
      covered += Math.min(x.end, end) - Math.max(x.start, start);
      this.bytes -= x.end - x.start;
      j++;
    }
    const added = covered < end - start;
    r.splice(i, j - i, { start: nStart, end: nEnd, pos: posOk ? nPos : -1, stamp });
    this.bytes += nEnd - nStart;
    return { added, posOk };
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
    out.length = 0;
    const r = this.ranges;
    if (r.length === 0) return out;
    if (r.length === 1) {
      out.push(r[0].start, r[0].end);
      return out;
    }
    const sorted = r.slice().sort((a, b) => b.stamp - a.stamp);
    for (let k = 0; k < sorted.length && k < max; k++) out.push(sorted[k].start, sorted[k].end);
    return out;
  }
}
