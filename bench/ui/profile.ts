/**
 * A CPU profile of the page's main thread over a window of `npm run bench:ui` (Chrome DevTools
 * Protocol `Profiler`, the Performance panel's JavaScript samples): the functions with the most
 * self time, to find what a long task or a slow frame spends its time on. `--profile DIR` also
 * writes the whole profile as DIR/<name>.cpuprofile (open it in DevTools → Performance).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  fn: string;
  /** file:line:column (1-based line) of the function in the built bundle. */
  at: string;
  self_ms: number;
}

/** Self time per function (summed over its nodes), highest first. */
export function hotFunctions(p: CpuProfile, top: number): HotFunction[] {
  const self = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  // a sample's time is the delta to the next sample (the last one gets none)
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i + 1] ?? 0));
  const byFn = new Map<string, HotFunction>();
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (us === 0) continue;
    const f = n.callFrame;
    const file = f.url.replace(/^.*\//, '');
    const key = `${f.functionName}@${file}:${f.lineNumber}:${f.columnNumber}`;
    const e = byFn.get(key) ?? { fn: f.functionName || '(anonymous)', at: file ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '', self_ms: 0 };
    e.self_ms += us / 1000;
    byFn.set(key, e);
  }
  return [...byFn.values()]
    .sort((a, b) => b.self_ms - a.self_ms)
    .slice(0, top)
    .map((e) => ({ ...e, self_ms: Math.round(e.self_ms * 10) / 10 }));
}

/** Start sampling; the returned function stops, optionally saves, and summarises. */
export async function startProfile(page: Page, saveDir: string | null, name: string): Promise<() => Promise<HotFunction[]>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.detach();
    if (saveDir) writeFileSync(join(saveDir, `${name}.cpuprofile`), JSON.stringify(profile));
    return hotFunctions(profile, 12);
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } };
}

/** What one long task on the main thread was made of. */
export interface LongTaskAnatomy {
  wall_ms: number;
  cpu_ms: number;
  /** Its nested trace events with the most wall time (nested ones count in each), "name [what]: ms". */
  events: string[];
}

/** A trace event's name with what it ran (the function of a FunctionCall, the type of an EventDispatch). */
function eventLabel(e: TraceEvent): string {
  const d = e.args?.data;
  if (!d) return e.name;
  if (d.functionName || d.url) return `${e.name} [${d.functionName || '(anonymous)'}@${(d.url ?? '').replace(/^.*\//, '')}:${(d.lineNumber ?? 0) + 1}]`;
  if (d.type) return `${e.name} [${d.type}]`;
  return e.name;
}

/** The tasks of `main` longer than `minMs` (wall), each with its heaviest nested events. */
function longTaskAnatomy(events: readonly TraceEvent[], main: string, minMs: number): LongTaskAnatomy[] {
  const mine = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main);
  const out: LongTaskAnatomy[] = [];
  for (const task of mine) {
    if (task.name !== 'RunTask' || (task.dur ?? 0) / 1000 <= minMs) continue;
    const end = task.ts + (task.dur ?? 0);
    const byLabel = new Map<string, number>();
    for (const e of mine) {
      if (e === task || e.ts < task.ts || e.ts >= end) continue;
      const k = eventLabel(e);
      byLabel.set(k, (byLabel.get(k) ?? 0) + (e.dur ?? 0) / 1000);
    }
    out.push({
      wall_ms: Math.round((task.dur ?? 0) / 1000),
      cpu_ms: Math.round((task.tdur ?? 0) / 1000),
      events: [...byLabel]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([k, v]) => `${k}: ${Math.round(v)}`),
    });
  }
  return out;
}

/** Where the page's main thread spent CPU time (thread time, ms) in a window: robust to a busy machine, unlike wall times. */
export interface MainThreadCpu {
  /** CPU ms of every task on the renderer's main thread. */
  task_cpu_ms: number;
  /** Wall ms of the same tasks (more than CPU when other processes take the cores). */
  task_wall_ms: number;
  /** CPU ms by kind of work: script (animation frames, events, timers), style, layout, paint; a layout forced by a script counts in both. */
  script_cpu_ms: number;
  style_cpu_ms: number;
  layout_cpu_ms: number;
  paint_cpu_ms: number;
  /** The trace events with the most CPU time on that thread (nested events count in each), "name: ms". */
  top_events?: string[];
  /** Each task over 50 ms (wall) and what it was made of. */
  long_tasks?: LongTaskAnatomy[];
}

const KIND: Record<string, 'script_cpu_ms' | 'style_cpu_ms' | 'layout_cpu_ms' | 'paint_cpu_ms'> = {
  FireAnimationFrame: 'script_cpu_ms',
  EventDispatch: 'script_cpu_ms',
  TimerFire: 'script_cpu_ms',
  UpdateLayoutTree: 'style_cpu_ms',
  Layout: 'layout_cpu_ms',
  PrePaint: 'paint_cpu_ms',
  Paint: 'paint_cpu_ms',
  Layerize: 'paint_cpu_ms',
  Commit: 'paint_cpu_ms',
};

/** Record a Chrome trace (DevTools timeline categories); the returned function stops and sums the main thread's CPU time. */
export async function startTrace(page: Page): Promise<() => Promise<MainThreadCpu>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,__metadata', transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    // the page's main thread: the one that runs its animation frames
    const perThread = new Map<string, number>();
    for (const e of events) if (e.name === 'FireAnimationFrame') perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    const out: MainThreadCpu = { task_cpu_ms: 0, task_wall_ms: 0, script_cpu_ms: 0, style_cpu_ms: 0, layout_cpu_ms: 0, paint_cpu_ms: 0 };
    const byName = new Map<string, number>();
    for (const e of events) {
      if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main) continue;
      const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
      if (e.name !== 'RunTask') byName.set(e.name, (byName.get(e.name) ?? 0) + cpu);
      if (e.name === 'RunTask') {
        out.task_cpu_ms += cpu;
        out.task_wall_ms += (e.dur ?? 0) / 1000;
      } else if (KIND[e.name]) out[KIND[e.name]] += cpu;
    }
    const times = out as unknown as Record<string, number>;
    for (const k of ['task_cpu_ms', 'task_wall_ms', 'script_cpu_ms', 'style_cpu_ms', 'layout_cpu_ms', 'paint_cpu_ms']) times[k] = Math.round(times[k]);
    out.top_events = [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, v]) => `${k}: ${Math.round(v)}`);
    if (main) out.long_tasks = longTaskAnatomy(events, main, 50);
    return out;
  };
}
