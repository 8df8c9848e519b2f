/**
 * The event queue: a binary min-heap ordered by (time, insertion sequence), so events at the same
 * instant run in the order they were scheduled. That tie rule is what makes a run reproducible.
 * Events are small plain objects; the heap is a plain array (no per-event closures are created
 * here: callers pass a handler object and an argument).
 */
import type { Nanos } from './time';

export interface EventHandler<A = unknown> {
  fire(arg: A, now: Nanos): void;
}

export interface SimEvent {
  t: Nanos;
  seq: number;
  h: EventHandler<any>;
  a: unknown;
}

export class EventQueue {
  private heap: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /**
   * Queue `h.fire(a)` at `t`. `seq` (optional) places an event scheduled "at construction" among
   * the others at the same instant, as if it had been queued then (sim/fork.ts re-queues the
   * scenario's events of a paused run that way); by default, after everything queued so far.
   */
  push(t: Nanos, h: EventHandler<any>, a: unknown, seq: number = this.seq++): void {
    const ev: SimEvent = { t, seq, h, a };
    const heap = this.heap;
    let i = heap.length;
    heap.push(ev);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = heap[p];
      if (q.t < t || (q.t === t && q.seq < ev.seq)) break;
      heap[i] = q;
      i = p;
    }
    heap[i] = ev;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): Nanos {
    return this.heap.length > 0 ? this.heap[0].t : Infinity;
  }

  pop(): SimEvent | undefined {
    const heap = this.heap;
    const n0 = heap.length;
    if (n0 === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    const n = n0 - 1;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        let cv = heap[l];
        if (r < n) {
          const rv = heap[r];
          if (rv.t < cv.t || (rv.t === cv.t && rv.seq < cv.seq)) {
            c = r;
            cv = rv;
          }
        }
        if (last.t < cv.t || (last.t === cv.t && last.seq < cv.seq)) break;
        heap[i] = cv;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Remove every queued event whose handler satisfies `drop` (a sorted array is a valid heap). */
  removeWhere(drop: (h: EventHandler<any>) => boolean): number {
    const before = this.heap.length;
    this.heap = this.heap.filter((ev) => !drop(ev.h)).sort((x, y) => x.t - y.t || x.seq - y.seq);
    return before - this.heap.length;
  }
}
