/**
 * What `npm run bench:ui` installs in the page before the app loads: a requestAnimationFrame loop
 * that records frame deltas, a PerformanceObserver for long tasks (> 50 ms), the first moments the
 * app and its views are on screen, and a timer for an intervention (from the click to the frame
 * that shows the new run).
 *
 * Plain JavaScript in a string on purpose: tsx/esbuild may wrap functions in helpers (`__name`) that
 * do not exist in the page, so nothing here is a serialised TypeScript function.
 */

/** A window of measurements, as `window.__uiBench.stop()` returns it. */
export interface ProbeWindow {
  /** Wall ms between consecutive animation frames. */
  frameDeltas: number[];
  /** Long tasks that started in the window: [start ms since navigation, duration ms]. */
  longTasks: [number, number][];
  wallMs: number;
}

export interface FirstMoments {
  /** First contentful paint, ms since navigation start (null: none yet). */
  fcp: number | null;
  /** The app mounted: its Run button exists. */
  appMs: number | null;
  /** The summary of a run is in the DOM. */
  summaryMs: number | null;
  /** The views of a run are in the DOM. */
  viewsMs: number | null;
  /** The frame after the views appeared was painted (next animation frame). */
  viewsPaintedMs: number | null;
}

export interface InterventionTiming {
  /** Click to the first frame whose views show the new run (not stale, no "recomputing" note). */
  totalMs: number;
  /** Click to the moment the page knew the result had arrived (views no longer stale). */
  resultMs: number;
  longTasks: [number, number][];
  /** Index of the first long task after the click (longTasksFrom). */
  longTaskIndex: number;
}

export const PROBE_SCRIPT = String.raw`
(() => {
  if (window.__uiBench) return;
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const first = { fcp: null, appMs: null, summaryMs: null, viewsMs: null, viewsPaintedMs: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') first.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  const watch = () => {
    const now = performance.now();
    if (first.appMs === null && document.querySelector('[data-testid=run]')) first.appMs = now;
    if (first.summaryMs === null && document.querySelector('[data-testid=summary]')) first.summaryMs = now;
    if (first.viewsMs === null && document.querySelector('[data-testid=views]')) {
      first.viewsMs = now;
      requestAnimationFrame(() => requestAnimationFrame(() => { first.viewsPaintedMs = performance.now(); }));
    }
    if (first.viewsMs !== null) mo.disconnect();
  };
  const mo = new MutationObserver(watch);
  mo.observe(document, { childList: true, subtree: true });

  let frames = null;
  let t0 = 0;
  let ltFrom = 0;
  const loop = (now) => {
    if (frames === null) return;
    frames.push(now);
    requestAnimationFrame(loop);
  };
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  const fresh = () => {
    const v = document.querySelector('[data-testid=views]');
    return v !== null && !v.classList.contains('stale') && document.querySelector('[data-testid=timeline-busy]') === null;
  };

  window.__uiBench = {
    first,
    start() {
      frames = [];
      t0 = performance.now();
      ltFrom = longTasks.length;
      requestAnimationFrame(loop);
    },
    stop() {
      const f = frames ?? [];
      frames = null;
      const deltas = [];
      for (let i = 1; i < f.length; i++) deltas.push(f[i] - f[i - 1]);
      return { frameDeltas: deltas, longTasks: longTasks.slice(ltFrom), wallMs: performance.now() - t0 };
    },
    /** Click the element with data-testid 'testId' and time until the views show the new run. */
    async intervene(testId) {
      const el = document.querySelector('[data-testid="' + testId + '"]');
      if (!el) throw new Error('no element ' + testId);
      const from = longTasks.length;
      const start = performance.now();
      el.click();
      // the click starts the run synchronously: the views turn stale at once
      let resultMs = null;
      for (;;) {
        await raf();
        if (resultMs === null && fresh()) resultMs = performance.now() - start;
        if (resultMs !== null) break;
        if (performance.now() - start > 120000) throw new Error('the re-run did not show within 120 s');
      }
      await raf();
      const totalMs = performance.now() - start;
      await new Promise((r) => setTimeout(r, 100));
      return { totalMs, resultMs, longTasks: longTasks.slice(from), longTaskIndex: from };
    },
    /** The long tasks since index i (InterventionTiming.longTaskIndex). */
    longTasksFrom(i) {
      return longTasks.slice(i);
    },
  };
})();
`;
