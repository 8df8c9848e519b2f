/**
 * Mounting a large trace's views one per frame (src/ui/components/PlaygroundViews.svelte): the
 * first render of every view at once takes a few hundred ms on a 400 k-packet capture — one long
 * task that freezes the page; one view per frame makes each a task of its own, with a paint between.
 * Small runs mount everything at once, as before (no frame of half-drawn views).
 *
 * The frame and task functions are injected so the schedule can be tested without a browser.
 */

/** The views PlaygroundViews.svelte mounts, in page order. */
export const STAGED_VIEWS = 8;

/** Captured packet records from which the views are mounted one per frame. */
export const STAGED_MOUNT_MIN_RECORDS = 20_000;

/** How many views to mount at once for a trace of `records` capture records. */
export function stagedFor(records: number): number {
  return records >= STAGED_MOUNT_MIN_RECORDS ? 1 : STAGED_VIEWS;
}

export interface FrameScheduler {
  /** Run `fn` after the next frame was painted; returns a cancel function. */
  afterPaint(fn: () => void): () => void;
}

/** After the next animation frame, in a task of its own (so that frame paints what was mounted so far). */
const BROWSER_FRAMES: FrameScheduler = {
  afterPaint(fn) {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const raf = requestAnimationFrame(() => {
      timer = setTimeout(fn, 0);
    });
    return () => {
      cancelAnimationFrame(raf);
      if (timer !== null) clearTimeout(timer);
    };
  },
};

export class StagedMount {
  mounted: number;
  readonly #frames: FrameScheduler;

  constructor(initial: number, frames: FrameScheduler = BROWSER_FRAMES) {
    this.mounted = Math.max(1, Math.min(STAGED_VIEWS, initial));
    this.#frames = frames;
  }

  /** Mount one more view after the next paint (`apply` gets the new count); returns a cancel function. */
  next(apply: (mounted: number) => void): () => void {
    if (this.mounted >= STAGED_VIEWS) return () => {};
    return this.#frames.afterPaint(() => {
      this.mounted = Math.min(STAGED_VIEWS, this.mounted + 1);
      apply(this.mounted);
    });
  }
}
