/**
 * `npm run bench:ui`, the chart views (issue 6, Acceptance "Speed"): a 60 s two-subflow
 * 2 × 50 Mbit/s upload run in the page (≈ 500,000 data segments per capture point), then on each
 * chart view (connection and subflow time–sequence graphs, DSN ↔ SSN mapping) a sequence of zoom
 * and pan steps (keyboard + / → / − and wheel on the plot). For each step: input → the next frame
 * painted (ms), and the frame's own geometry + canvas time (the view's data-draw-ms). Target: under
 * 50 ms per frame. One JSON line per view (`metric: 'chart_zoom_pan'`).
 *
 *   tsx bench/ui/run.ts --only views     runs only this part (after `vite build`)
 */
import type { Page } from 'playwright-core';

export function twoSubflowScenario(rateMbit = 50, durationS = 60): Record<string, unknown> {
  return {
    name: `bench-ui-views-2sf-${rateMbit}mbit-${durationS}s`,
    seed: 1,
    // kernel-ref's default timeout_s is 30: the run would stop half-way
    timeout_s: durationS + 30,
    paths: [1, 2].map((i) => ({ name: `p${i}`, delay_ms: 10 * i, rate_mbit: rateMbit, queue_pkts: 100 })),
    client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
    server: { limits: { subflows: 2, add_addr_accepted: 0 } },
    app: { direction: 'upload', duration_s: durationS, congestion_control: 'cubic' },
  };
}

/** The expert views with a zoomable time or sequence axis (ExpertViews.svelte ids; A/B needs a second run). */
export const CHART_VIEWS = ['seq-graph', 'subflow-seq', 'mapping', 'throughput', 'windows', 'reorder', 'sched', 'pm-timeline'] as const;

interface StepTiming {
  frameMs: number[];
  drawMs: number[];
}

/** Zoom in 8 steps, pan 8, wheel in/out 8, zoom out 8 on the plot of `testId`; timings per step. */
async function zoomPan(page: Page, testId: string): Promise<StepTiming> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  // A string, not a function: tsx's transpiler would add helpers (__name) the page does not have.
  const script = `(async (id) => {
    const plot = document.querySelector(\`[data-testid=\${id}-plot]\`);
    const section = document.querySelector(\`[data-testid=\${id}]\`);
    const r = plot.getBoundingClientRect();
    const frame = () => new Promise((res) => requestAnimationFrame(() => res()));
    const frameMs = [];
    const drawMs = [];
    const steps = [];
    const key = (k) => () => plot.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const wheel = (dy) => () =>
      plot.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, clientX: r.left + r.width * 0.6, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
    for (let i = 0; i < 8; i++) steps.push(key('+'));
    for (let i = 0; i < 8; i++) steps.push(key(i < 4 ? 'ArrowRight' : 'ArrowLeft'));
    for (let i = 0; i < 8; i++) steps.push(wheel(i < 4 ? -120 : 120));
    for (let i = 0; i < 8; i++) steps.push(key('-'));
    await frame();
    for (const step of steps) {
      const t0 = performance.now();
      step();
      await frame();
      frameMs.push(performance.now() - t0);
      drawMs.push(Number(section.dataset.drawMs ?? 'NaN'));
    }
    return { frameMs, drawMs };
  })(${JSON.stringify(testId)})`;
  return page.evaluate(script) as Promise<StepTiming>;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] * 10) / 10;
};

/**
 * Measure every chart view on the run already on screen, one at a time as a user opens it from the
 * expert-views toggles (switched on, measured, switched off again); `emit` writes one JSON line.
 */
export async function measureChartViews(
  page: Page,
  emit: (line: Record<string, unknown>) => void,
  what: string,
  /** A subset of CHART_VIEWS (default: all). */
  views: readonly string[] = CHART_VIEWS,
  /** Runs each view's zoom/pan steps (e.g. under a CPU profile named after the view). */
  wrap: <T>(name: string, body: () => Promise<T>) => Promise<T> = (_name, body) => body(),
): Promise<void> {
  for (const id of views) {
    const toggle = page.getByTestId(`expert-toggle-${id}`);
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await page.getByTestId(id).waitFor({ timeout: 120_000 });
    if ((await page.getByTestId(`${id}-plot`).count()) === 0) {
      emit({ metric: 'chart_zoom_pan', view: id, skipped: 'no plot (no data)' });
      await toggle.click();
      continue;
    }
    const data = await page.getByTestId(id).evaluate((el) => ({ ...(el as HTMLElement).dataset }));
    const t = await wrap(`views-${id}`, () => zoomPan(page, id));
    emit({
      metric: 'chart_zoom_pan',
      view: id,
      run: what,
      marks_total: Number(data.total ?? data.segments ?? 0),
      steps: t.frameMs.length,
      frame_p50_ms: pct(t.frameMs, 50),
      frame_p95_ms: pct(t.frameMs, 95),
      frame_max_ms: pct(t.frameMs, 100),
      draw_p50_ms: pct(t.drawMs, 50),
      draw_max_ms: pct(t.drawMs, 100),
      target_ms: 50,
      pass: pct(t.frameMs, 95) < 50,
      what: 'input (key / wheel on the plot) → next animation frame, incl. geometry (decimated to the pixel width) and canvas draw',
    });
    await toggle.click();
  }
}
