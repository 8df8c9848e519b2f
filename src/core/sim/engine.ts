/**
 * The discrete-event engine. Like smoltcp's netsim loop and d3-force's tick(), it never reads a
 * clock: `runUntil(t)` advances simulated time by popping events in (time, seq) order, and
 * `nextEventAt()` says when the next thing happens. A UI animation loop, a CLI and a benchmark are
 * just different callers.
 */
import { EventQueue, type EventHandler } from './event-queue';
import type { Nanos } from './time';

export class Engine {
  now: Nanos = 0;
  /** Events taken off the queue and run (stale timer firings included, as ns-3 counts them). */
  events = 0;
  private readonly q = new EventQueue();
  private stopped = false;

  /** Make the running `runUntil` return after the current event (the run is over). */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Schedule `h.fire(arg)` at absolute time `t` (never in the past). */
  at<A>(t: Nanos, h: EventHandler<A>, arg: A): void {
    this.q.push(t < this.now ? this.now : t, h, arg);
  }

  /** Schedule `h.fire(arg)` after `dt` nanoseconds. */
  after<A>(dt: Nanos, h: EventHandler<A>, arg: A): void {
    this.q.push(this.now + (dt > 0 ? dt : 0), h, arg);
  }

  /**
   * Schedule `h.fire(arg)` at `t` with an explicit tie-break sequence number (see EventQueue.push):
   * the scenario's events are queued with their own numbers, below every other event's, so a
   * paused run can re-queue them (sim/fork.ts) exactly where a fresh run would have them.
   */
  atSeq<A>(t: Nanos, seq: number, h: EventHandler<A>, arg: A): void {
    this.q.push(t < this.now ? this.now : t, h, arg, seq);
  }

  /** Drop queued events whose handler satisfies `drop` (sim/fork.ts). Returns how many. */
  unschedule(drop: (h: EventHandler<any>) => boolean): number {
    return this.q.removeWhere(drop);
  }

  nextEventAt(): Nanos {
    return this.q.peekTime();
  }

  get pending(): number {
    return this.q.size;
  }

  /** Run every event with time ≤ t, then leave `now` at t. Returns the number of events run. */
  runUntil(t: Nanos): number {
    const q = this.q;
    let n = 0;
    while (!this.stopped && q.peekTime() <= t) {
      const ev = q.pop()!;
      this.now = ev.t;
      n++;
      ev.h.fire(ev.a, ev.t);
    }
    this.events += n;
    if (!this.stopped && t > this.now && t !== Infinity) this.now = t;
    return n;
  }

  /** Run the single next event (for step-by-step tools). Returns false when nothing is pending. */
  step(): boolean {
    const ev = this.q.pop();
    if (!ev) return false;
    this.now = ev.t;
    this.events++;
    ev.h.fire(ev.a, ev.t);
    return true;
  }
}

/**
 * A re-armable timer (TCP's RTO, delayed ACK, TLP...). Re-arming is frequent (every ACK moves the
 * RTO), so it is lazy, as Linux's sk_reset_timer effectively is: moving the deadline later only
 * records it, and the already queued event re-queues itself for the new deadline when it fires.
 * Moving it earlier queues a new event and makes the old one stale (generation check).
 */
export class Timer implements EventHandler<number> {
  /** Absolute deadline, or -1 when disarmed. */
  deadline: Nanos = -1;
  private queuedAt: Nanos = -1;
  private gen = 0;

  constructor(
    private readonly engine: Engine,
    private readonly onExpire: (now: Nanos) => void,
  ) {}

  get armed(): boolean {
    return this.deadline >= 0;
  }

  /** Arm (or move) the timer to fire at absolute time `t`. */
  arm(t: Nanos): void {
    this.deadline = t;
    if (this.queuedAt < 0 || t < this.queuedAt) {
      this.queuedAt = t;
      this.engine.at(t, this, ++this.gen);
    }
  }

  cancel(): void {
    this.deadline = -1;
  }

  fire(gen: number, now: Nanos): void {
    if (gen !== this.gen) return; // superseded by an earlier re-arm
    this.queuedAt = -1;
    const d = this.deadline;
    if (d < 0) return;
    if (d > now) {
      this.queuedAt = d;
      this.engine.at(d, this, ++this.gen);
      return;
    }
    this.deadline = -1;
    this.onExpire(now);
  }
}
