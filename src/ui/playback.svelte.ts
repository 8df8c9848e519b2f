/**
 * The shared clock of the views: the simulated time every view shows (the "cursor"), and the
 * player that moves it. Views read `playback.t` (ns of simulated time) and draw the trace up to
 * it; the timeline controls call play/pause/seek/step. The trace is immutable: seeking never
 * recomputes anything (design.md §3, checkpoints in the trace make any `t` cheap to show).
 *
 * Speed is simulated seconds per wall second (1 = real time; 0.01 to watch a handshake packet by
 * packet). With `prefers-reduced-motion`, play does not animate: the picture changes in discrete
 * steps, twice a second, by the same simulated time the speed asks for.
 *
 * Interventions (acting at the cursor: a link down, a shape change) go through `intervene`, which
 * adds the event at `t`, remembers the scenario version for undo/redo (viz/timeline-history.ts) and
 * re-runs it through the page's `fork`.
 */
import { untrack } from 'svelte';
import { prefersReducedMotion } from 'svelte/motion';
import type { Trace } from '../core/sim/trace';
import type { Scenario } from '../core/scenario/types';
import { validateScenario } from '../core/scenario';
import { withIntervention, type Intervention } from '../viz/timeline-scenario';
import { toRawScenario } from '../core/linux/scenario-fork';
import type { TimeCommand } from '../viz/timeline-keys';
import { EMPTY_HISTORY, historyMove, historyPush, historySync, type ScenarioHistory } from '../viz/timeline-history';

/** Wall time between two pictures while playing with reduced motion (ms). */
export const REDUCED_MOTION_STEP_MS = 500;

export const SPEEDS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

/**
 * The sorted times of every captured packet and trace event (what the step keys stop at). Both
 * lists are in time order already, so they are merged, not sorted: on a 400 k-packet capture a
 * sort took a long task of its own when the capture opened. Out-of-order input (never produced by
 * the engine or the importer) is sorted.
 */
export function stepTimes(trace: Pick<Trace, 'captures' | 'events'>): Float64Array {
  const a = trace.captures;
  const b = trace.events;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let sorted = true;
  while (i < a.length || j < b.length) {
    const t = j >= b.length || (i < a.length && a[i].t <= b[j].t) ? a[i++].t : b[j++].t;
    if (k > 0 && t < out[k - 1]) sorted = false;
    out[k++] = t;
  }
  if (!sorted) out.sort();
  return out;
}

export class Playback {
  /** Simulated time shown, ns. */
  t = $state(0);
  playing = $state(false);
  /** The scrubber is being dragged: costly views follow the clock as while playing (LadderView). */
  scrubbing = $state(false);
  speed = $state(0.1);
  /** End of the run, ns (0 when there is no trace). */
  end = $state(0);
  /** Scenario versions for undo/redo of interventions. */
  history = $state.raw<ScenarioHistory>(EMPTY_HISTORY);
  /** Sorted times (ns) of the things worth stepping to: captured packets and trace events. */
  #marks: ArrayLike<number> = [];
  #raf = 0;
  #last = 0;

  /**
   * The trace is a partial result (its run is still being computed to the end): playing waits at
   * its end instead of stopping, and goes on when the rest arrives (issue 5's progressive result).
   */
  pending = $state(false);

  /** A new run: rewind to 0 (or keep `t` when the run is a fork of the one shown, see `keepTime`). */
  load(trace: Trace, keepTime = false, pending = false): void {
    // Called from an effect: reading `t` here must not make that effect re-run (and rewind) on every seek.
    untrack(() => {
      const resume = keepTime && this.playing;
      this.pending = pending;
      this.pause();
      this.end = trace.end;
      this.#marks = stepTimes(trace);
      this.t = keepTime ? Math.min(this.t, this.end) : 0;
      if (resume) this.play();
    });
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
    if (this.t >= this.end && !this.pending) this.t = 0;
    this.playing = true;
    this.#last = performance.now();
    const tick = (now: number): void => {
      if (!this.playing) return;
      const wallMs = now - this.#last;
      if (prefersReducedMotion.current && wallMs < REDUCED_MOTION_STEP_MS) {
        this.#raf = requestAnimationFrame(tick);
        return;
      }
      this.#last = now;
      this.seek(this.t + wallMs * 1e6 * this.speed);
      if (this.t >= this.end && !this.pending) {
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

  /** Carry out a keyboard command (viz/timeline-keys.ts). */
  command(cmd: TimeCommand): void {
    switch (cmd.kind) {
      case 'toggle':
        this.toggle();
        break;
      case 'step':
        this.step(cmd.dir);
        break;
      case 'jump':
        this.jump(cmd.ns);
        break;
      case 'start':
        this.jump(-this.end);
        break;
      case 'end':
        this.jump(this.end);
        break;
    }
  }

  /** Move the cursor by `deltaNs` (shift+arrow: ±100 ms). */
  jump(deltaNs: number): void {
    this.pause();
    this.seek(this.t + deltaNs);
  }

  /** A run of `scenario` is on screen: keep the undo history if it is one of its versions. */
  syncRun(scenario: Scenario): void {
    this.history = historySync(this.history, scenario);
  }

  /**
   * Act at the cursor: `scenario` (the run on screen) plus `iv` at `t`, remembered for undo and
   * re-run through `fork`. Returns the problems if the changed scenario does not validate.
   */
  intervene(scenario: Scenario, iv: Intervention, fork: (scenario: object) => void): string[] {
    this.pause();
    const input = withIntervention(scenario, iv, this.t);
    const v = validateScenario(input);
    if (!v.ok) return v.errors.map((e) => `${e.path}: ${e.message}`);
    this.history = historyPush(historySync(this.history, scenario), v.scenario);
    fork(input);
    return [];
  }

  /** Undo (−1) or redo (+1) an intervention: re-run the previous or next scenario version. */
  moveHistory(delta: -1 | 1, fork: (scenario: object) => void): void {
    const h = historyMove(this.history, delta);
    if (h === this.history) return;
    this.pause();
    this.history = h;
    fork(toRawScenario(h.versions[h.index]));
  }
}
