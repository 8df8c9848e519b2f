/**
 * The MPTCP send queue's fragments (Linux struct mptcp_data_frag, net/mptcp/protocol.c
 * mptcp_sendmsg / mptcp_carve_data_frag / mptcp_frag_can_collapse_to): mptcp_sendmsg copies the
 * application's bytes into the socket's page fragment — a 32 KiB page (SKB_FRAG_PAGE_ORDER) — in
 * pieces that end at the page's end or the write's end. A piece grows the pending tail fragment
 * when it continues it in the same page (mptcp_pending_tail: some data is still unsent at the MPTCP
 * level); otherwise it carves a new fragment whose 40-byte header (struct mptcp_data_frag) sits at
 * the page offset aligned to 8 bytes, in the same page if 72 bytes are left there
 * (mptcp_page_frag_refill → skb_page_frag_refill), else in a fresh page.
 *
 * So a bulk sender whose data always waits at the MPTCP level gets fragments of 32768 − 40 =
 * 32728 bytes, and one that catches up with the application (a write that ends while nothing is
 * pending) shifts every later fragment end by the header and alignment it carves. Each fragment end
 * can end a short segment: __subflow_push_pending hands a subflow whole fragments, and
 * mptcp_sendmsg_frag extends a subflow's tail skb only while it is unsent.
 *
 * The fragment matters for the MPTCP-level retransmission too: __mptcp_retrans re-sends only the
 * head fragment of the retransmit queue (the one holding snd_una), up to what of it was already
 * sent (dfrag->already_sent; the whole fragment with DSS checksums), and counts MPTCPRetrans once per
 * mptcp_sendmsg_frag call — one MSS each on kernel-ref's links (gso_max_segs 1).
 */

/** The page fragment size (32 KiB, SKB_FRAG_PAGE_ORDER). */
export const MPTCP_FRAG_PAGE = 32768;
/** sizeof(struct mptcp_data_frag) on x86-64: the header carved in front of each fragment's data. */
export const MPTCP_DFRAG_HDR = 40;
/** A fresh page's fragment: the page less the struct mptcp_data_frag header. */
export const MPTCP_DFRAG_DATA = MPTCP_FRAG_PAGE - MPTCP_DFRAG_HDR;
/** mptcp_page_frag_refill: a new page unless this many bytes are left (32 + the header). */
const REFILL_MIN = 32 + MPTCP_DFRAG_HDR;
/** mptcp_carve_data_frag aligns the header to sizeof(long). */
const ALIGN = 8;

/**
 * The fragments of the data not yet acknowledged at the MPTCP level, as stream positions, and the
 * page fragment being filled (sk_page_frag: its offset in a 32 KiB page).
 */
export class SendFrags {
  /** Start positions of the fragments from `head` on; each ends where the next starts, the last at the write end. */
  private starts: number[] = [0];
  /** Header and alignment bytes (dfrag->overhead) of each fragment, parallel to `starts`. */
  private overheads: number[] = [MPTCP_DFRAG_HDR];
  private head = 0;
  /** The fragment found last by endOf (pushes walk forward). */
  private hint = 0;
  /** pfrag->offset: the end of the last fragment's data in its page. */
  private pageOffset = MPTCP_DFRAG_HDR;
  /** Sum of the live fragments' overheads (charged to sk_wmem_queued with their data). */
  overhead = MPTCP_DFRAG_HDR;

  /**
   * How many bytes mptcp_sendmsg copies in its next piece at write end `writeEnd`: to the page's
   * end, or `msgLeft` if less. `pending`: data waits unsent at the MPTCP level (mptcp_send_head);
   * `reuse`: every fragment is acknowledged, so skb_page_frag_refill starts the page over at 0.
   */
  piece(writeEnd: number, pending: boolean, reuse: boolean, msgLeft: number): number {
    const off = this.collapses(writeEnd, pending) ? this.pageOffset : carveOffset(this.refillOffset(reuse)) + MPTCP_DFRAG_HDR;
    return Math.min(MPTCP_FRAG_PAGE - off, msgLeft);
  }

  /** Where mptcp_page_frag_refill leaves the page offset: the page's own, 0 in a fresh or freed page. */
  private refillOffset(reuse: boolean): number {
    const from = this.pageOffset;
    return reuse || from + REFILL_MIN > MPTCP_FRAG_PAGE ? 0 : from;
  }

  /** mptcp_frag_can_collapse_to: the pending tail fragment continues in the same page. */
  private collapses(writeEnd: number, pending: boolean): boolean {
    return writeEnd === 0 || (pending && this.pageOffset < MPTCP_FRAG_PAGE);
  }

  /** Copy `n` bytes (one piece() or less) at write end `writeEnd`; the flags as for piece(). */
  copy(writeEnd: number, n: number, pending: boolean, reuse: boolean): void {
    if (n <= 0) return;
    if (!this.collapses(writeEnd, pending)) {
      const from = this.refillOffset(reuse);
      const at = carveOffset(from);
      const ovh = at - from + MPTCP_DFRAG_HDR;
      this.starts.push(writeEnd);
      this.overheads.push(ovh);
      this.overhead += ovh;
      this.pageOffset = at + MPTCP_DFRAG_HDR;
    }
    this.pageOffset += n;
  }

  /** The end of the fragment holding stream position `pos` (below `writeEnd`): a fragment boundary or the write end. */
  endOf(pos: number, writeEnd: number): number {
    const s = this.starts;
    let i = this.hint >= this.head && this.hint < s.length && s[this.hint] <= pos ? this.hint : this.head;
    while (i + 1 < s.length && s[i + 1] <= pos) i++;
    this.hint = i;
    return i + 1 < s.length ? s[i + 1] : writeEnd;
  }

  /** __mptcp_clean_una: free the fragments acknowledged below `una` (their overhead uncharged). */
  trim(una: number): void {
    const s = this.starts;
    while (this.head + 1 < s.length && s[this.head + 1] <= una) {
      this.overhead -= this.overheads[this.head];
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > s.length) {
      s.splice(0, this.head);
      this.overheads.splice(0, this.head);
      this.hint = Math.max(0, this.hint - this.head);
      this.head = 0;
    }
  }
}

function carveOffset(off: number): number {
  return Math.ceil(off / ALIGN) * ALIGN;
}
