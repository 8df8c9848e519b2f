/**
 * TCP sequence analysis as tshark 4.0 does it (`tcp.analyze_sequence_numbers: TRUE`), the source of
 * kernel-ref's `retransmitted_payload_bytes` (tcp.analysis.retransmission or
 * .fast_retransmission) and `ack_rtt_ms` (tcp.analysis.ack_rtt). Written from the documented
 * behaviour of Wireshark's epan/dissectors/packet-tcp.c (`tcp_analyze_sequence_number`, read for
 * facts only) and checked frame by frame against tshark 4.0.17 on kernel-ref's captures
 * (tests/unit/export/summary-kernel-ref.test.ts).
 *
 * The rules, per packet, in tshark's order (seq, ack and lengths are raw 32-bit, compared modulo
 * 2^32; "nextseq" is the highest seq+len (+1 for SYN/FIN) seen in this direction, 0 = unknown):
 * 1. Zero-window probe: 1 byte at nextseq while the peer's last window was 0. Ends the checks of
 *    step 2–6 (not step 7).
 * 2. Keep-alive: 0 or 1 byte at nextseq−1, no SYN/FIN/RST.
 * 3. Keep-alive ACK / zero-window-probe ACK: a repeat of this direction's last ACK right after the
 *    peer sent a keep-alive / probe.
 * 4. Duplicate ACK: no payload, nonzero window equal to this direction's previous window, seq =
 *    nextseq, ack = this direction's previous ack, no SYN/FIN/RST. Counted per direction; a new
 *    ack value resets the count.
 * 5. "ACKed unseen segment": an ack beyond what the peer sent resets the peer's dup-ACK count to −1.
 * 6. Segments with payload, SYN or FIN that do not advance nextseq (seq < nextseq), skipping
 *    keep-alives and a segment of >1 byte starting at nextseq−1, are classified, first match wins:
 *    a. spurious retransmission: payload and seq+len ≤ the peer's last ack;
 *    b. fast retransmission: ≥2 duplicate ACKs from the peer, its last ack = seq, and this packet
 *       within 20 ms of the peer's last packet;
 *    c. out-of-order: within the connection's first RTT (SYN → first ACK, else 3 ms) of the packet
 *       that set nextseq, and not ending exactly at nextseq;
 *    d. retransmission otherwise.
 *    tshark adds the `tcp.analysis.retransmission` field for a, b and d, not for c.
 * 7. Every segment with payload/SYN/FIN is remembered as unacked (at most 10000 per direction,
 *    TCP_MAX_UNACKED_SEGMENTS); a packet whose ack equals a remembered segment's end gets
 *    ack_rtt = its time − that segment's time (the oldest such segment), and every remembered
 *    segment ending at or before the ack is forgotten. A zero RTT is not reported.
 *
 * Known difference: tshark also ignores a duplicate ACK when the MPTCP connection saw some MPTCP
 * operations since this direction's previous packet (`mp_operations`); kernel-ref's captures show
 * pure ACKs carrying DSS and ADD_ADDR counted as duplicates, and that rule is not modelled.
 */

/** Per-packet analysis flags (tshark's TCP_A_* meanings, our own values). */
export const TA_RETRANSMISSION = 0x1;
export const TA_FAST_RETRANSMISSION = 0x2;
export const TA_SPURIOUS_RETRANSMISSION = 0x4;
export const TA_OUT_OF_ORDER = 0x8;
export const TA_KEEP_ALIVE = 0x10;
export const TA_ZERO_WINDOW_PROBE = 0x20;
export const TA_ZERO_WINDOW_PROBE_ACK = 0x40;
export const TA_KEEP_ALIVE_ACK = 0x80;
export const TA_DUPLICATE_ACK = 0x100;
export const TA_LOST_PACKET = 0x200;
export const TA_ACK_LOST_PACKET = 0x400;
export const TA_ZERO_WINDOW = 0x800;
/** The packet carries tshark's `tcp.analysis.retransmission` field (kernel-ref's test). */
export const TA_ANY_RETRANSMISSION = TA_RETRANSMISSION | TA_FAST_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION;

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const SFR = SYN | FIN | RST;

/** tshark's TCP_MAX_UNACKED_SEGMENTS (packet-tcp.h). */
export const MAX_UNACKED_SEGMENTS = 10000;
/** Fast retransmission must follow the peer's last packet within 20 ms. */
const FAST_RT_WINDOW_NS = 20_000_000;
/** Out-of-order threshold when the handshake RTT is unknown: 3 ms. */
const DEFAULT_OOO_NS = 3_000_000;

/** a − b as a signed 32-bit distance (the GT_SEQ/LT_SEQ macros). */
const sdiff = (a: number, b: number): number => (a - b) | 0;

/**
 * The unacked segments of one direction: a binary min-heap on (end, arrival order) over typed
 * arrays. The end is unwrapped to a float64 sequence position so ordering survives a 2^32 wrap.
 */
class UnackedHeap {
  size = 0;
  private end = new Float64Array(64);
  private order = new Float64Array(64);
  private t = new Float64Array(64);
  private n = 0;

  push(end: number, t: number): void {
    if (this.size === this.end.length) this.grow();
    let i = this.size++;
    const ord = this.n++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.end[p] < end || (this.end[p] === end && this.order[p] < ord)) break;
      this.end[i] = this.end[p];
      this.order[i] = this.order[p];
      this.t[i] = this.t[p];
      i = p;
    }
    this.end[i] = end;
    this.order[i] = ord;
    this.t[i] = t;
  }

  /**
   * Forgets every segment ending at or before `ack`; returns the time of the oldest one ending
   * exactly at `ack`, or −1.
   */
  ackUpTo(ack: number): number {
    let rttFrom = -1;
    while (this.size > 0 && this.end[0] <= ack) {
      if (this.end[0] === ack && rttFrom < 0) rttFrom = this.t[0];
      this.pop();
    }
    return rttFrom;
  }

  private pop(): void {
    const last = --this.size;
    const e = this.end[last];
    const o = this.order[last];
    const tt = this.t[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      let c = l;
      if (r < last && (this.end[r] < this.end[l] || (this.end[r] === this.end[l] && this.order[r] < this.order[l]))) c = r;
      if (e < this.end[c] || (e === this.end[c] && o < this.order[c])) break;
      this.end[i] = this.end[c];
      this.order[i] = this.order[c];
      this.t[i] = this.t[c];
      i = c;
    }
    this.end[i] = e;
    this.order[i] = o;
    this.t[i] = tt;
  }

  private grow(): void {
    const cap = this.end.length * 2;
    const e = new Float64Array(cap);
    e.set(this.end);
    this.end = e;
    const o = new Float64Array(cap);
    o.set(this.order);
    this.order = o;
    const t = new Float64Array(cap);
    t.set(this.t);
    this.t = t;
  }
}

/** One direction of a conversation (tshark's tcp_flow_t + tcp_analyze_seq_flow_info_t). */
export class FlowState {
  nextseq = 0;
  nextseqTime = -1e18;
  /** Unwrapped position of nextseq (valid when unwrapSet). */
  nextseqPos = 0;
  unwrapSet = false;
  maxseqtobeacked = 0;
  lastack = 0;
  /** Time of this direction's last packet; far past until one is seen (tshark: epoch 0). */
  lastackTime = -1e18;
  window = 0;
  dupacknum = 0;
  lastSegmentFlags = 0;
  /** Window scale shift advertised in this direction's SYN; −1 = none. */
  synWscale = -1;
  sawSyn = false;
  readonly unacked = new UnackedHeap();

  /** Raw 32-bit sequence number → unwrapped position near this direction's nextseq. */
  pos(seq: number): number {
    if (!this.unwrapSet) {
      this.unwrapSet = true;
      this.nextseqPos = seq;
      return seq;
    }
    return this.nextseqPos + sdiff(seq, this.nextseqPos >>> 0);
  }
}

/** The analysis of one TCP conversation (tshark's tcp_analysis). */
export class ConversationAnalysis {
  readonly flows: [FlowState, FlowState] = [new FlowState(), new FlowState()];
  private mruSynTime = -1;
  private firstRtt = 0;
  /** tcp.analysis.ack_rtt of the last analysed packet in ns, or −1 when it has none. */
  ackRtt = -1;

  /**
   * Analyses one packet going in direction `d` (0 or 1) at time `t` (ns). Returns TA_* flags and
   * sets {@link ackRtt}. `wscale` is the packet's window-scale option (−1 absent), used to scale
   * windows the way tshark does once both SYNs advertised one.
   */
  analyze(d: 0 | 1, t: number, seq: number, ack: number, seglen: number, flags: number, rawWin: number, wscale: number): number {
    const fwd = this.flows[d];
    const rev = this.flows[d ^ 1];
    this.ackRtt = -1;

    // Conversation first RTT: most recent SYN (without ACK) → first packet with ACK and no SYN.
    if (flags & SYN) {
      if (!(flags & ACK)) this.mruSynTime = t;
      fwd.sawSyn = true;
      fwd.synWscale = wscale;
    } else if (flags & ACK && this.mruSynTime >= 0 && this.firstRtt === 0) {
      this.firstRtt = t - this.mruSynTime;
    }
    // Window as tshark compares it: scaled once both SYNs carried window scaling.
    const window = !(flags & SYN) && fwd.synWscale >= 0 && rev.synWscale >= 0 ? rawWin * 2 ** fwd.synWscale : rawWin;

    let ta = 0;
    fwdChecks: {
      if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
        ta |= TA_ZERO_WINDOW_PROBE;
        break fwdChecks;
      }
      if (window === 0 && !(flags & SFR)) ta |= TA_ZERO_WINDOW;
      if (fwd.nextseq && sdiff(seq, fwd.nextseq) > 0 && !(flags & RST)) ta |= TA_LOST_PACKET;
      if ((seglen === 0 || seglen === 1) && seq === ((fwd.nextseq - 1) >>> 0) && !(flags & SFR)) ta |= TA_KEEP_ALIVE;
      const repeat = seglen === 0 && window === fwd.window && seq === fwd.nextseq && ack === fwd.lastack && !(flags & SFR);
      if (repeat && window !== 0 && rev.lastSegmentFlags & TA_KEEP_ALIVE) {
        ta |= TA_KEEP_ALIVE_ACK;
        break fwdChecks;
      }
      if (repeat && window === 0 && rev.lastSegmentFlags & TA_ZERO_WINDOW_PROBE) {
        ta |= TA_ZERO_WINDOW_PROBE_ACK;
        break fwdChecks;
      }
      if (repeat && window !== 0) {
        fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
        ta |= TA_DUPLICATE_ACK;
      }
    }
    if (ack !== fwd.lastack) fwd.dupacknum = 0;

    // ACKed unseen segment (only its side effect on the peer's dup-ACK count matters here).
    if (rev.maxseqtobeacked && sdiff(ack, rev.maxseqtobeacked) > 0 && flags & ACK) {
      if (rev.maxseqtobeacked > rev.nextseq) {
        rev.maxseqtobeacked = rev.nextseq;
        ta |= TA_ACK_LOST_PACKET;
      } else {
        if (rev.dupacknum === 0) ta |= TA_ACK_LOST_PACKET;
        rev.dupacknum = -1;
      }
    }

    if (seglen > 0 || flags & (SYN | FIN)) classify: {
      if (ta & TA_KEEP_ALIVE) break classify;
      let notAdvanced = fwd.nextseq !== 0 && sdiff(seq, fwd.nextseq) < 0;
      if (seglen > 1 && ((fwd.nextseq - 1) >>> 0) === seq) notAdvanced = false;
      if (seglen > 0 && rev.lastack && sdiff((seq + seglen) >>> 0, rev.lastack) <= 0) {
        ta |= TA_SPURIOUS_RETRANSMISSION;
        break classify;
      }
      if (notAdvanced && rev.dupacknum >= 2 && rev.lastack === seq && t - rev.lastackTime < FAST_RT_WINDOW_NS) {
        ta |= TA_FAST_RETRANSMISSION;
        break classify;
      }
      const oooThres = this.firstRtt === 0 ? DEFAULT_OOO_NS : this.firstRtt;
      const end = (seq + seglen + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
      if (notAdvanced && t - fwd.nextseqTime < oooThres && fwd.nextseq !== end) {
        ta |= TA_OUT_OF_ORDER;
        break classify;
      }
      if (notAdvanced) ta |= TA_RETRANSMISSION;
    }

    let nextseq = (seq + seglen) >>> 0;
    if ((seglen || flags & (SYN | FIN)) && fwd.unacked.size < MAX_UNACKED_SEGMENTS) {
      if (flags & (SYN | FIN)) nextseq = (nextseq + 1) >>> 0;
      fwd.unacked.push(fwd.pos(nextseq), t);
    }
    if (sdiff(nextseq, fwd.nextseq) > 0 || !fwd.nextseq) {
      if (!(ta & TA_ZERO_WINDOW_PROBE)) {
        const p = fwd.pos(nextseq);
        fwd.nextseq = nextseq;
        fwd.nextseqPos = p;
        fwd.nextseqTime = t;
      }
    }
    if (seq === fwd.maxseqtobeacked || !fwd.maxseqtobeacked) {
      if (!(ta & TA_ZERO_WINDOW_PROBE)) fwd.maxseqtobeacked = fwd.nextseq;
    }
    fwd.window = window;
    fwd.lastack = ack;
    fwd.lastackTime = t;
    fwd.lastSegmentFlags = ta;

    // Forget what this ack covers in the other direction; exact match → ack_rtt.
    if (rev.unwrapSet && rev.unacked.size > 0) {
      const from = rev.unacked.ackUpTo(rev.pos(ack));
      if (from >= 0 && t !== from) this.ackRtt = t - from;
    }
    return ta;
  }
}
