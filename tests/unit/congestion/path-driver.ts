/**
 * Test-only driver: a deterministic, packet-level ACK clock around one congestion controller.
 *
 *   sender ──▶ FIFO (queuePkts, tail drop) ──▶ serialiser (rateBps) ──▶ delay ──▶ receiver
 *   sender ◀────────────────────────────── delay ◀──────────────── ACK (every ackEvery segs)
 *
 * Like kernel-ref's link emulator: tail-drop FIFO before a rate limiter, then a one-way delay.
 * The sender is a bulk sender (always cwnd-limited) that calls the controller in Linux order:
 * pktsAcked (tcp_clean_rtx_queue) then congAvoid (tcp_cong_control) on every ACK that advances
 * snd_una, then transmits up to cwnd. There is no loss recovery: a drop is recorded and the run
 * stops there (tests use the driver for loss-free phases and inject reductions by hand).
 */
import type { CcSocket, CongestionControl } from '../../../src/core/tcp/congestion/types';
import { TCP_INFINITE_SSTHRESH } from '../../../src/core/tcp/congestion/types';

export function makeSocket(overrides: Partial<CcSocket> = {}): CcSocket {
  return {
    cwnd: 10,
    ssthresh: TCP_INFINITE_SSTHRESH,
    cwndCnt: 0,
    cwndClamp: 1_000_000,
    mss: 1448,
    packetsOut: 0,
    isCwndLimited: true,
    srttUs: 0,
    minRttUs: 0,
    deliveredSegs: 0,
    sndUna: 0,
    sndNxtSeq: 0,
    lastSendUs: 0,
    priorCwnd: 0,
    ...overrides,
  };
}

export interface PathOptions {
  /** Bottleneck rate in bit/s; null = no bottleneck (segments never queue). */
  rateBps: number | null;
  /** One-way propagation delay, each direction, µs. */
  oneWayDelayUs: number;
  /** FIFO capacity in packets waiting for the serialiser (tail drop beyond). */
  queuePkts: number;
  /** Bytes on the wire per full segment (1514 = Ethernet frame of a 1448-byte TCP payload). */
  frameBytes: number;
  /** The receiver ACKs every N in-order segments (after its quick ACKs)… */
  ackEvery: number;
  /** …except the first `quickAcks` segments, each ACKed at once (Linux quickack mode). */
  quickAcks: number;
  /**
   * Replay of a receiver: the cumulative segment counts at which it sends an ACK, ascending. Up to
   * the last entry the receiver ACKs exactly there; beyond it, the quickAcks/ackEvery policy applies.
   */
  ackAt: readonly number[] | null;
  /** Delayed-ACK timer, µs (Linux TCP_DELACK_MIN 40 ms). */
  delAckUs: number;
  /** Segments the application has to send (Infinity = bulk). */
  totalSegs: number;
  /** srtt from the handshake, µs (0 = none). */
  initialSrttUs: number;
}

export const DEFAULT_PATH: PathOptions = {
  rateBps: null,
  oneWayDelayUs: 20_000,
  queuePkts: 1000,
  frameBytes: 1514,
  ackEvery: 1,
  quickAcks: 0,
  ackAt: null,
  delAckUs: 40_000,
  totalSegs: Infinity,
  initialSrttUs: 0,
};

type Ev = { t: number; n: number; kind: 0 | 1 | 2; v: number }; // 0 = data at receiver, 1 = ACK at sender, 2 = delack timer

/** Minimal binary heap on (t, n). */
class Heap {
  private a: Ev[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): Ev | undefined {
    return this.a[0];
  }
  private less(x: Ev, y: Ev): boolean {
    return x.t < y.t || (x.t === y.t && x.n < y.n);
  }
  push(e: Ev): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): Ev | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

export interface AckRecord {
  tUs: number;
  cwnd: number;
  ssthresh: number;
  rttUs: number;
  acked: number;
}

export class PathDriver {
  readonly opts: PathOptions;
  readonly sk: CcSocket;
  nowUs: number;
  /** Segments sent so far (next segment number). */
  sent = 0;
  /** Segments cumulatively acknowledged. */
  una = 0;
  /** Time of the first tail drop, or -1. */
  firstDropUs = -1;
  drops = 0;
  readonly acks: AckRecord[] = [];
  private readonly sendTime: number[] = [];
  private readonly heap = new Heap();
  private n = 0;
  private linkFreeAt = 0;
  private readonly serviceStarts: number[] = [];
  private serviceHead = 0;
  private received = 0;
  private lastAckedByRcv = 0;
  private delAckArmed = false;
  private delAckToken = 0;
  private started = false;
  private readonly ackAtSet: ReadonlySet<number>;
  private readonly ackAtLast: number;

  constructor(
    readonly cc: CongestionControl,
    opts: Partial<PathOptions> = {},
    sk: CcSocket = makeSocket(),
    startUs = 0,
  ) {
    this.opts = { ...DEFAULT_PATH, ...opts };
    this.sk = sk;
    this.nowUs = startUs;
    this.ackAtSet = new Set(this.opts.ackAt ?? []);
    this.ackAtLast = this.opts.ackAt?.at(-1) ?? 0;
    if (this.opts.initialSrttUs > 0) {
      sk.srttUs = this.opts.initialSrttUs;
      sk.minRttUs = this.opts.initialSrttUs;
    }
  }

  /** Base RTT of an empty path for one full-sized segment. */
  get baseRttUs(): number {
    const ser = this.opts.rateBps === null ? 0 : (this.opts.frameBytes * 8 * 1e6) / this.opts.rateBps;
    return 2 * this.opts.oneWayDelayUs + ser;
  }

  private push(t: number, kind: 0 | 1 | 2, v: number): void {
    this.heap.push({ t, n: this.n++, kind, v });
  }

  /** Run the controller's init() (Linux: at connection establishment) and send the first window. */
  start(): void {
    this.cc.init(this.sk, this.nowUs);
    this.started = true;
    this.transmit();
  }

  /** Transmit while cwnd allows (Linux tcp_write_xmit for a bulk sender). */
  transmit(): void {
    const sk = this.sk;
    while (sk.packetsOut < sk.cwnd && this.sent < this.opts.totalSegs) {
      if (sk.packetsOut === 0) this.cc.cwndEvent(sk, 'txStart', this.nowUs);
      this.sendSegment();
      sk.lastSendUs = this.nowUs;
    }
  }

  private sendSegment(): void {
    const sk = this.sk;
    const seg = this.sent++;
    this.sendTime[seg] = this.nowUs;
    sk.packetsOut += 1;
    sk.sndNxtSeq = (this.sent * sk.mss) >>> 0;
    const o = this.opts;
    if (o.rateBps === null) {
      this.push(this.nowUs + o.oneWayDelayUs, 0, seg);
      return;
    }
    // Packets still waiting (their service has not started) make the queue.
    const starts = this.serviceStarts;
    while (this.serviceHead < starts.length && starts[this.serviceHead] <= this.nowUs) this.serviceHead++;
    if (starts.length - this.serviceHead >= o.queuePkts) {
      this.drops++;
      if (this.firstDropUs < 0) this.firstDropUs = this.nowUs;
      return;
    }
    const service = (o.frameBytes * 8 * 1e6) / o.rateBps;
    const start = Math.max(this.nowUs, this.linkFreeAt);
    this.linkFreeAt = start + service;
    starts.push(start);
    this.push(this.linkFreeAt + o.oneWayDelayUs, 0, seg);
  }

  private receive(seg: number): void {
    if (seg !== this.received) return; // no reordering without loss; a gap means a drop
    this.received++;
    const o = this.opts;
    const pending = this.received - this.lastAckedByRcv;
    const ackNow =
      this.received <= this.ackAtLast
        ? this.ackAtSet.has(this.received)
        : this.received <= o.quickAcks || pending >= o.ackEvery;
    if (ackNow) {
      this.sendAck();
    } else if (!this.delAckArmed) {
      this.delAckArmed = true;
      this.push(this.nowUs + o.delAckUs, 2, ++this.delAckToken);
    }
  }

  private sendAck(): void {
    this.lastAckedByRcv = this.received;
    this.delAckArmed = false;
    this.delAckToken++;
    this.push(this.nowUs + this.opts.oneWayDelayUs, 1, this.received);
  }

  private onAck(ackSeg: number): void {
    const sk = this.sk;
    const acked = ackSeg - this.una;
    if (acked <= 0) return;
    this.una = ackSeg;
    const rtt = this.nowUs - this.sendTime[ackSeg - 1];
    sk.srttUs = sk.srttUs === 0 ? rtt : sk.srttUs + (rtt - sk.srttUs) / 8;
    sk.minRttUs = sk.minRttUs === 0 ? rtt : Math.min(sk.minRttUs, rtt);
    sk.sndUna = (ackSeg * sk.mss) >>> 0;
    sk.packetsOut -= acked;
    sk.deliveredSegs += acked;
    this.cc.pktsAcked(sk, acked, rtt, this.nowUs);
    this.cc.congAvoid(sk, acked, this.nowUs);
    this.acks.push({ tUs: this.nowUs, cwnd: sk.cwnd, ssthresh: sk.ssthresh, rttUs: rtt, acked });
    this.transmit();
  }

  /** Process events up to `untilUs` (or until `stop` returns true, or the first drop). */
  run(untilUs: number, stop?: (d: PathDriver) => boolean): void {
    if (!this.started) this.start();
    for (;;) {
      const e = this.heap.peek();
      if (!e || e.t > untilUs) break;
      this.heap.pop();
      this.nowUs = e.t;
      if (e.kind === 0) this.receive(e.v);
      else if (e.kind === 1) this.onAck(e.v);
      else if (e.v === this.delAckToken && this.delAckArmed) this.sendAck();
      if (this.firstDropUs >= 0) return;
      if (stop?.(this)) return;
    }
    this.nowUs = Math.max(this.nowUs, untilUs);
  }

  /** Let the flight drain completely (no new data) and advance the clock to `untilUs`. */
  idleUntil(untilUs: number): void {
    const total = this.opts.totalSegs;
    this.opts.totalSegs = this.sent;
    this.run(untilUs);
    this.opts.totalSegs = total;
  }

  /**
   * A congestion event as tcp_input.c applies it once recovery completes: prior_cwnd = cwnd,
   * ssthresh = cc.ssthresh(), cwnd = ssthresh (PRR ends at ssthresh), back to CA_Open.
   */
  reduce(): void {
    const sk = this.sk;
    sk.priorCwnd = sk.cwnd;
    this.cc.setState(sk, 'recovery', this.nowUs);
    sk.ssthresh = this.cc.ssthresh(sk);
    sk.cwnd = sk.ssthresh;
    sk.cwndCnt = 0;
    this.cc.setState(sk, 'open', this.nowUs);
  }

  /** cwnd at the last ACK at or before `tUs` (initial cwnd before the first ACK). */
  cwndAt(tUs: number, initial = 10): number {
    let c = initial;
    for (const a of this.acks) {
      if (a.tUs > tUs) break;
      c = a.cwnd;
    }
    return c;
  }
}
