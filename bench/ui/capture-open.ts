/**
 * Opening a large capture in the page (issue 8, "a 50 MB capture stays responsive"): a benchmark,
 * not a timed test. `E2E_DIST=DIR npx tsx bench/ui/capture-open.ts [--mb 50] [--file F] [--profile DIR]`
 * (or `bench/ui/run.ts --only capture`) writes a capture of about `--mb` MB
 * (tests/unit/capture/large-capture.ts), then prints one JSON line each:
 *
 *   {metric: 'capture_parse_node', ...}   node: importCapture's time and peak heap
 *   {metric: 'capture_open', ...}         page: worker parse time, hand-off time (first record chunk
 *                                         → result), the worker's view models (derive), file pick → views painted, the longest
 *                                         main-thread task and the number of long tasks (> 50 ms)
 *                                         in that window, the JS heap after
 *   {metric: 'cpu_profile', ...}          with --profile: the page's hottest functions over the window
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { openApp } from '../../tests/e2e/helpers/browser';
import { largeCapture } from '../../tests/unit/capture/large-capture';
import { importCapture } from '../../src/core/capture/capture-trace';
import { startProfile, startTrace, type LongTaskAnatomy } from './profile';

/** performance.mark names set by OpenCapture.svelte. */
const MARK_PICK = 'capture:pick';
const MARK_FIRST_RECORDS = 'capture:first-records';
const MARK_RESULT = 'capture:result';

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ bench: 'ui', ...line })}\n`);
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Node side: parse time and peak heap of importCapture on the same bytes. */
export function measureNodeParse(bytes: Uint8Array): void {
  let peak = process.memoryUsage().heapUsed;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const r = importCapture(bytes, { onProgress: sample });
  const ms = performance.now() - t0;
  sample();
  emit({
    metric: 'capture_parse_node',
    file_mb: r1(bytes.length / 1048576),
    ok: r.ok,
    packets: r.ok ? r.value.trace.captures.length : 0,
    parse_ms: Math.round(ms),
    peak_heap_mb: Math.round(peak / 1048576),
  });
}

interface PageTiming {
  parseMs: number | null;
  deriveMs: number | null;
  handoffMs: number | null;
  openMs: number;
  longTasks: number[];
  heapMb: number | null;
  /** Views mounted one per frame (PlaygroundViews.svelte): [view number, ms of its first render's script]. */
  mountMs: [string, number][];
}

/** Page side: pick the file, wait for the views to paint, read the long tasks and marks. */
export async function measureCaptureOpen(page: Page, file: string, profileDir: string | null): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lt: number[] };
    w.__lt = [];
    performance.clearMarks();
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__lt.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  const stop = profileDir ? await startProfile(page, profileDir, 'capture-open') : null;
  // a Chrome trace of the window: what each long task was made of, and its CPU (thread) time —
  // wall times grow when other processes take the cores, thread times do not
  const stopTrace = await startTrace(page);
  await page.getByTestId('capture-file').setInputFiles(file);
  await page.getByTestId('capture-opened').waitFor({ timeout: 180_000 });
  await page.getByTestId('ladder').waitFor({ timeout: 60_000 });
  await page.getByTestId('topology-svg').waitFor({ timeout: 60_000 });
  // two frames after the views are in the DOM: they have painted; then a quiet second for late work
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const painted = await page.evaluate(() => performance.now());
  await page.waitForTimeout(1000);
  const t: PageTiming = await page.evaluate(
    ({ pick, first, result, painted }) => {
      // no named inner functions: tsx would wrap them in a __name helper the page does not have
      const res = performance.getEntriesByName(result)[0] as PerformanceMark | undefined;
      const p0 = performance.getEntriesByName(pick)[0]?.startTime ?? 0;
      const f = performance.getEntriesByName(first)[0]?.startTime ?? null;
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        parseMs: (res?.detail as { parseMs?: number } | undefined)?.parseMs ?? null,
        deriveMs: (res?.detail as { deriveMs?: number } | undefined)?.deriveMs ?? null,
        handoffMs: res && f !== null ? res.startTime - f : null,
        openMs: painted - p0,
        longTasks: (window as unknown as { __lt: number[] }).__lt,
        heapMb: mem ? mem.usedJSHeapSize / 1048576 : null,
        mountMs: performance
          .getEntriesByType('measure')
          .filter((m) => m.name.startsWith('views:mount:'))
          .map((m) => [m.name.slice('views:mount:'.length), Math.round(m.duration)] as [string, number]),
      };
    },
    { pick: MARK_PICK, first: MARK_FIRST_RECORDS, result: MARK_RESULT, painted },
  );
  if (stop) emit({ metric: 'cpu_profile', window: 'capture-open', hottest_self_time: await stop() });
  const cpu = await stopTrace();
  const anatomy: LongTaskAnatomy[] = cpu.long_tasks ?? [];
  const status = await page.getByTestId('capture-opened').innerText();
  emit({
    metric: 'capture_open',
    file_mb: r1(readFileSync(file).length / 1048576),
    status,
    parse_ms_worker: t.parseMs === null ? null : Math.round(t.parseMs),
    derive_ms_worker: t.deriveMs === null ? null : Math.round(t.deriveMs),
    handoff_ms: t.handoffMs === null ? null : Math.round(t.handoffMs),
    pick_to_views_ms: Math.round(t.openMs),
    long_tasks: t.longTasks.length,
    longest_task_ms: t.longTasks.length ? Math.round(Math.max(...t.longTasks)) : 0,
    top_tasks_ms: [...t.longTasks].sort((a, b) => b - a).slice(0, 8).map(Math.round),
    long_task_total_ms: Math.round(t.longTasks.reduce((a, b) => a + b, 0)),
    /** The main thread's CPU time in the window, and the CPU time of each task over 50 ms wall with what it ran. */
    main_thread_cpu_ms: cpu.task_cpu_ms,
    long_task_cpu_ms: anatomy.map((a) => a.cpu_ms),
    long_task_anatomy: anatomy,
    js_heap_mb: t.heapMb === null ? null : Math.round(t.heapMb),
    /** Script time of each view's first render when mounted one per frame (2 topology, 3 ladder, 4 inspector, 5 diagrams, 6 console, 7 export, 8 expert). */
    view_mount_ms: Object.fromEntries(t.mountMs),
  });
}

/** Write (or reuse) the capture, measure node-side parse, then open it in the page. */
export async function benchCaptureOpen(page: Page, opts: { mb: number; file: string; profileDir: string | null }): Promise<void> {
  if (!existsSync(opts.file)) writeFileSync(opts.file, largeCapture(opts.mb));
  measureNodeParse(new Uint8Array(readFileSync(opts.file)));
  await measureCaptureOpen(page, opts.file, opts.profileDir);
}

if (process.argv[1]?.endsWith('capture-open.ts')) {
  const { values } = parseArgs({
    options: { mb: { type: 'string', default: '50' }, file: { type: 'string' }, profile: { type: 'string' } },
  });
  const mb = Number(values.mb);
  const file = values.file ?? `/tmp/mptcp-playground-capture-${mb}mb.pcapng`;
  const profileDir = values.profile ?? null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const s = await openApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    await benchCaptureOpen(s.page, { mb, file, profileDir });
    if (s.problems.length) emit({ metric: 'problems', problems: s.problems.slice(0, 10) });
  } finally {
    await s.close();
  }
}
