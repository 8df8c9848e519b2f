/**
 * The shared clock of the views: the simulated time every view shows (the "cursor"), and the
 * player that moves it. Views read `playback.t` (ns of simulated time) and draw the trace up to
 * it; the timeline controls call play/pause/seek/step. The trace is immutable: seeking never
 * recomputes anything (design.md §3, checkpoints in the trace make any `t` cheap to show).
 *
 * Speed is simulated seconds per wall second (1 = real time; 0.01 to watch a handshake packet by
 * packet). With `prefers-reduced-motion`, play jumps event to event instead of animating.
 */
import type { Trace } from '../core/sim/trace';

export const SPEEDS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export class Playback {
  /** Simulated time shown, ns. */
  t = $state(0);
  playing = $state(false);
  speed = $state(0.1);
  /** End of the run, ns (0 when there is no trace). */
  end = $state(0);
  /** Sorted times (ns) of the things worth stepping to: captured packets and trace events. */
  #marks: number[] = [];
  #raf = 0;
  #last = 0;

  /** A new run: rewind to 0 (or keep `t` when the run is a fork of the one shown, see `keepTime`). */
  load(trace: Trace, keepTime = false): void {
    this.pause();
    this.end = trace.end;
    const marks = trace.captures.map((c) => c.t);
    for (const e of trace.events) marks.push(e.t);
    marks.sort((a, b) => a - b);
    this.#marks = marks;
    this.t = keepTime ? Math.min(this.t, this.end) : 0;
  }

  seek(t: number): void {
    this.t = Math.max(0, Math.min(this.end, Math.round(t)));
  }

  /** The next (dir 1) or previous (dir −1) packet or event time strictly after/before `t`. */
  neighbour(dir: 1 | -1): number {
    const m = this.#marks;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[mid] <= this.t) lo = mid + 1;
      else hi = mid;
    }
    if (dir === 1) return lo < m.length ? m[lo] : this.end;
    let i = lo - 1;
    while (i >= 0 && m[i] >= this.t) i--;
    return i >= 0 ? m[i] : 0;
  }

  step(dir: 1 | -1): void {
    this.pause();
    this.seek(this.neighbour(dir));
  }

  play(): void {
    if (this.playing || this.end === 0) return;
    if (this.t >= this.end) this.t = 0;
    this.playing = true;
    this.#last = performance.now();
    const tick = (now: number): void => {
      if (!this.playing) return;
      const wallMs = now - this.#last;
      this.#last = now;
      const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
      const next = reduced ? this.neighbour(1) : this.t + wallMs * 1e6 * this.speed;
      this.seek(next);
      if (this.t >= this.end) {
        this.playing = false;
        return;
      }
      this.#raf = requestAnimationFrame(tick);
    };
    this.#raf = requestAnimationFrame(tick);
  }

  pause(): void {
    this.playing = false;
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }
}
