/**
 * A view that follows a moving clock (playing, or the scrubber dragged by a pointer) but is too
 * costly to redraw on every frame — the ladder lays out and paints a screenful of new rows each
 * time — follows it at most `hz` times a second, and in a task of its own: the frame that moves the
 * clock only draws the cheap views, the costly one is drawn in a separate task right after, so
 * neither task grows past the 50 ms of a long task (issue 5, "no long task over 50 ms while
 * playing or scrubbing"). The last time followed always lands; `now` (paused, stepping, a key)
 * shows a time at once and drops any pending one.
 *
 * The timers are injected so the schedule can be tested without a browser.
 */

export interface FollowTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const BROWSER_TIMERS: FollowTimers = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class ThrottledFollow {
  readonly #apply: (t: number) => void;
  readonly #periodMs: number;
  readonly #timers: FollowTimers;
  #pending = 0;
  #handle: unknown = null;
  #last = -Infinity;

  constructor(apply: (t: number) => void, hz: number, timers: FollowTimers = BROWSER_TIMERS) {
    this.#apply = apply;
    this.#periodMs = 1000 / hz;
    this.#timers = timers;
  }

  /** Show `t` at once (the clock stands still or jumped on purpose); a pending follow is dropped. */
  now(t: number): void {
    this.cancel();
    this.#apply(t);
  }

  /** Follow `t` while the clock moves: applied in a later task, at most `hz` times a second. */
  follow(t: number): void {
    this.#pending = t;
    if (this.#handle !== null) return;
    const wait = Math.max(0, this.#last + this.#periodMs - this.#timers.now());
    this.#handle = this.#timers.set(() => {
      this.#handle = null;
      this.#last = this.#timers.now();
      this.#apply(this.#pending);
    }, wait);
  }

  /** Drop a pending follow (the view goes away). */
  cancel(): void {
    if (this.#handle === null) return;
    this.#timers.clear(this.#handle);
    this.#handle = null;
  }
}
