/**
 * One direction of one virtual link, with exactly the semantics of kernel-ref's userspace link
 * emulator (../shared/kernel-ref/run, `WireDir.admit`), so a scenario means the same thing here and
 * on the real kernel:
 *   1. Bernoulli loss when a frame arrives (`loss_pct`; 100 = blackhole);
 *   2. a FIFO of at most `queue_pkts` frames, tail-drop — a frame counts as queued until its
 *      serialisation ends, the one being sent included;
 *   3. serialisation at `rate_mbit`, counting Ethernet frame bytes (1514 B for a full 1500-B packet);
 *      unlimited when null (no queue then);
 *   4. one-way `delay_ms` plus uniform ±`jitter_ms`;
 *   5. no reordering unless `allow_reorder` (a frame is never delivered before the previous one).
 * Delivery time is decided on admission, so a frame costs one engine event (its arrival).
 * The link can also be taken down on either end (kernel-ref `link_down`: the interface is down, so
 * frames sent into it, or arriving at it, are lost), and its shape changed at run time.
 */
import type { Engine } from '../sim/engine';
import type { EventHandler } from '../sim/event-queue';
import type { Rng } from '../sim/rng';
import type { LinkStats } from '../sim/trace';
import { fromMillis, type Nanos } from '../sim/time';
import type { Shape } from '../scenario/types';
import type { Packet } from './packet';

export interface LinkSink {
  /** A frame arrives at the far end of the link. */
  deliver(pkt: Packet, now: Nanos): void;
}

/** Keep at most this many individual drop records per direction (counters stay exact). */
const MAX_DROP_RECORDS = 20_000;

export function emptyLinkStats(): LinkStats {
  return { rx_pkts: 0, rx_bytes: 0, tx_pkts: 0, tx_bytes: 0, drop_loss: 0, drop_queue: 0, drop_down: 0, max_queue_pkts: 0, drops: [] };
}

export class LinkDirection implements EventHandler<Packet> {
  readonly stats: LinkStats = emptyLinkStats();
  shape: Shape;
  /** When the transmitter is free again (ns). */
  private busyUntil: Nanos = 0;
  /** Departure times of frames still queued (ring buffer, FIFO order). */
  private depart: Float64Array = new Float64Array(256);
  private head = 0;
  private count = 0;
  private lastDeliver: Nanos = 0;
  /** Frame length of each packet in flight is needed at delivery for tx_bytes; kept alongside. */
  private readonly frameLen: (p: Packet) => number;
  /** Is the receiving end's interface up? (The sending end checks its own before sending.) */
  farEndUp = true;
  /** Precomputed per-shape constants. */
  private nsPerByte = 0;
  private delayNs = 0;
  private jitterNs = 0;
  private lossP = 0;

  constructor(
    readonly name: string,
    private readonly engine: Engine,
    private readonly rng: Rng,
    readonly base: Shape,
    private readonly sink: LinkSink,
    frameLen: (p: Packet) => number,
  ) {
    this.shape = { ...base };
    this.frameLen = frameLen;
    this.applyShape();
  }

  /** Change some shape parameters at run time (kernel-ref `shape` event). */
  setShape(set: Partial<Shape>): void {
    this.shape = { ...this.shape, ...set };
    this.applyShape();
  }

  /** Back to the scenario's shape (kernel-ref `shape_reset`). */
  resetShape(): void {
    this.shape = { ...this.base };
    this.applyShape();
  }

  private applyShape(): void {
    const s = this.shape;
    this.nsPerByte = s.rate_mbit ? 8000 / s.rate_mbit : 0; // 8 bits / (rate Mbit/s) in ns per byte
    this.delayNs = fromMillis(s.delay_ms);
    this.jitterNs = fromMillis(s.jitter_ms);
    this.lossP = s.loss_pct / 100;
  }

  /** Frames currently queued (for views). */
  queueLength(now: Nanos): number {
    this.expire(now);
    return this.count;
  }

  private expire(now: Nanos): void {
    const d = this.depart;
    const mask = d.length - 1;
    while (this.count > 0 && d[this.head] <= now) {
      this.head = (this.head + 1) & mask;
      this.count--;
    }
  }

  private drop(pkt: Packet, now: Nanos, reason: 'loss' | 'queue' | 'down', bytes: number): void {
    const st = this.stats;
    if (reason === 'loss') st.drop_loss++;
    else if (reason === 'queue') st.drop_queue++;
    else st.drop_down++;
    if (st.drops.length < MAX_DROP_RECORDS) st.drops.push({ t: now, reason, bytes, pktId: pkt.id });
  }

  /** A frame enters the link at `now` (kernel-ref `admit`). */
  send(pkt: Packet, now: Nanos): void {
    const st = this.stats;
    const len = this.frameLen(pkt);
    pkt.frameBytes = len;
    st.rx_pkts++;
    st.rx_bytes += len;
    if (this.lossP > 0 && this.rng.next() < this.lossP) {
      this.drop(pkt, now, 'loss', len);
      return;
    }
    let departAt: Nanos;
    if (this.nsPerByte > 0) {
      this.expire(now);
      if (this.count >= this.shape.queue_pkts) {
        this.drop(pkt, now, 'queue', len);
        return;
      }
      const start = now > this.busyUntil ? now : this.busyUntil;
      departAt = start + Math.round(len * this.nsPerByte);
      this.busyUntil = departAt;
      this.pushDepart(departAt);
      if (this.count > st.max_queue_pkts) st.max_queue_pkts = this.count;
    } else {
      departAt = now;
    }
    let d = this.delayNs;
    if (this.jitterNs > 0) d += Math.round(this.rng.uniform(-this.jitterNs, this.jitterNs));
    let deliverAt = departAt + (d > 0 ? d : 0);
    if (!this.shape.allow_reorder && deliverAt < this.lastDeliver) deliverAt = this.lastDeliver;
    this.lastDeliver = deliverAt;
    this.engine.at(deliverAt, this, pkt);
  }

  private pushDepart(t: Nanos): void {
    if (this.count === this.depart.length) {
      const bigger = new Float64Array(this.depart.length * 2);
      for (let i = 0; i < this.count; i++) bigger[i] = this.depart[(this.head + i) & (this.depart.length - 1)];
      this.depart = bigger;
      this.head = 0;
    }
    this.depart[(this.head + this.count) & (this.depart.length - 1)] = t;
    this.count++;
  }

  /** Arrival at the far end. */
  fire(pkt: Packet, now: Nanos): void {
    if (!this.farEndUp) {
      this.drop(pkt, now, 'down', pkt.frameBytes);
      return;
    }
    this.stats.tx_pkts++;
    this.stats.tx_bytes += pkt.frameBytes;
    this.sink.deliver(pkt, now);
  }
}
