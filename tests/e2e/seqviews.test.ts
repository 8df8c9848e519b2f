/**
 * The sequence views in Chromium: the connection time–sequence graph, the per-subflow graph and
 * the DSN ↔ SSN mapping, each checked against the trace it draws (the same scenario run in node:
 * the count of data segments / mappings in the visible window), zoom by keyboard and buttons, a
 * click on a segment selects that packet and seeks to it, SVG export, the run export buttons; EN
 * and ZH, no console error, no serious axe violation; screenshots in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { runScenario, viewShot } from './helpers/views';
import { seriousA11yViolations } from './helpers/axe';
import { simulate } from '../../src/core';
import { validateScenario } from '../../src/core/scenario/validate';
import { DEFAULT_SCENARIO_TEXT } from '../../src/ui/default-scenario';
import { buildSeqGraph, segmentsInWindow } from '../../src/viz/seq-graph';
import { buildSubflowSeq, subflowCounts } from '../../src/viz/subflow-seq';
import { buildMapping } from '../../src/viz/mapping';

const DESKTOP = { width: 1280, height: 800 };

function nodeTrace() {
  const v = validateScenario(JSON.parse(DEFAULT_SCENARIO_TEXT));
  if (!v.ok) throw new Error('default scenario invalid');
  return simulate(v.scenario, { summary: false, viewCaptures: true }).trace;
}

async function attr(page: Page, testId: string, name: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute(`data-${name}`));
}

describe('sequence views', () => {
  let s: AppSession;
  const trace = nodeTrace();
  const seq = buildSeqGraph(trace.captures);
  const sub = buildSubflowSeq(trace.captures);
  const maps = buildMapping(trace.captures);

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US', expertViews: ['seq-graph', 'subflow-seq', 'mapping'] });
    await runScenario(s.page);
    await s.page.getByTestId('seq-graph-plot').waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('draws every data segment of the trace, and after zooming exactly those in the window', async () => {
    const p = s.page;
    // The node trace is the page's trace (same scenario, same seed): every sender-side data segment.
    expect(await attr(p, 'seq-graph', 'total')).toBe(seq.t.length);
    expect(await attr(p, 'seq-graph', 'segments')).toBe(seq.t.length);
    expect(seq.t.length).toBeGreaterThan(500);
    expect(await p.getByTestId('seq-graph').getAttribute('data-side')).toBe('client');
    await p.getByTestId('seq-graph-plot').focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('+');
    await p.keyboard.press('ArrowRight');
    const x0 = await attr(p, 'seq-graph', 'x0');
    const x1 = await attr(p, 'seq-graph', 'x1');
    expect(x1 - x0).toBeLessThan(trace.end / 4);
    const inWin = segmentsInWindow(seq, { x0, x1 });
    expect(inWin).toBeGreaterThan(0);
    expect(await attr(p, 'seq-graph', 'segments')).toBe(inWin);
    expect(await p.getByTestId('seq-graph-window').innerText()).toMatch(/Showing .* s to .* s/);
    await viewShot(p, 'seq-graph', 'seq-graph-zoomed-en');
    await p.getByTestId('seq-graph-reset').click();
    expect(await attr(p, 'seq-graph', 'segments')).toBe(seq.t.length);
    await viewShot(p, 'seq-graph', 'seq-graph-en');
  });

  it('subflow graph and mapping view count what the trace has', async () => {
    const p = s.page;
    const first = sub.series[0];
    expect(await attr(p, 'subflow-seq', 'segments')).toBe(subflowCounts(first, { x0: 0, x1: trace.end }).segments);
    expect(await attr(p, 'subflow-seq', 'retrans')).toBe(first.retransCount);
    if (sub.series.length > 1) {
      await p.getByTestId('subflow-seq-pick').selectOption('1');
      expect(await attr(p, 'subflow-seq', 'lane')).toBe(sub.series[1].lane);
      expect(await attr(p, 'subflow-seq', 'segments')).toBe(sub.series[1].t.length);
    }
    await viewShot(p, 'subflow-seq', 'subflow-seq-en');
    expect(await attr(p, 'mapping', 'total')).toBe(maps.dsn0.length);
    expect(await attr(p, 'mapping', 'mappings')).toBe(maps.dsn0.length);
    await viewShot(p, 'mapping', 'mapping-en');
  });

  it('a click on a segment selects it everywhere and moves the shared cursor to it', async () => {
    const p = s.page;
    const plot = p.getByTestId('seq-graph-plot');
    // the axes' scales, from the ticks d3-axis drew (each tick's bound datum and its pixel offset)
    const ticks = (axis: 0 | 1) =>
      plot.locator('g.axis').nth(axis).locator('.tick').evaluateAll((els, ax) =>
        els.map((e) => {
          const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(e.getAttribute('transform') ?? '')!;
          return [Number((e as unknown as { __data__: number }).__data__), Number(m[ax === 0 ? 1 : 2])] as const;
        }),
      axis);
    const scale = (tk: (readonly [number, number])[]) => (v: number) => tk[0][1] + ((v - tk[0][0]) * (tk[tk.length - 1][1] - tk[0][1])) / (tk[tk.length - 1][0] - tk[0][0]);
    const xPx = scale(await ticks(0));
    const yPx = scale(await ticks(1));
    // the middle of a data segment half-way through the run
    const i = Math.floor(seq.t.length / 2);
    const yMid = (seq.dsn0[i] + seq.dsn1[i]) / 2;
    await plot.click({ position: { x: xPx(seq.t[i]), y: yPx(yMid) } });
    const sel = p.locator('[data-testid=ladder-row][aria-selected=true]').first();
    await sel.waitFor();
    const j = Array.from(seq.pktId).indexOf(Number(await sel.getAttribute('data-packet-id')));
    // the segment under the click: the nearest, within a pixel and a half of the clicked point (a
    // 1,424-byte segment is less than a pixel tall, so a neighbour may be as near as the one aimed at)
    expect(j).toBeGreaterThanOrEqual(0);
    expect(Math.abs(xPx(seq.t[j]) - xPx(seq.t[i]))).toBeLessThanOrEqual(1.5);
    expect(Math.abs(yPx(Math.min(Math.max(yMid, seq.dsn0[j]), seq.dsn1[j])) - yPx(yMid))).toBeLessThanOrEqual(1.5);
    const now = Number(await p.getByTestId('timeline-scrubber').getAttribute('aria-valuenow'));
    expect(now).toBeCloseTo(seq.t[j] / 1e9, 5);
    await expect.poll(() => p.getByTestId('seq-graph-cursor').count()).toBe(1);
  });

  it('exports the chart as SVG and the run as pcapng, summary.json and scenario.json', async () => {
    const p = s.page;
    await p.getByTestId('seq-graph-export').click();
    const [svg] = await Promise.all([p.waitForEvent('download'), p.getByTestId('seq-graph-export-svg').click()]);
    expect(svg.suggestedFilename()).toBe('seq-graph.svg');
    const text = await (await import('node:fs/promises')).readFile((await svg.path())!, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('class="data-ack"');
    await p.getByTestId('seq-graph-export').click();
    const [png] = await Promise.all([p.waitForEvent('download'), p.getByTestId('seq-graph-export-png').click()]);
    expect(png.suggestedFilename()).toBe('seq-graph.png');
    const pngBytes = await (await import('node:fs/promises')).readFile((await png.path())!);
    expect([...pngBytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const [cap] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-pcapng').click()]);
    expect(cap.suggestedFilename()).toBe('capture.pcapng');
    const capBytes = await (await import('node:fs/promises')).readFile((await cap.path())!);
    expect(capBytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    const [sum] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-summary').click()]);
    const summary = JSON.parse(await (await import('node:fs/promises')).readFile((await sum.path())!, 'utf8')) as { schema: string };
    expect(summary.schema).toBe('kernel-ref-summary/1');
    const [sc] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-scenario').click()]);
    const scen = JSON.parse(await (await import('node:fs/promises')).readFile((await sc.path())!, 'utf8')) as { seed: number };
    expect(validateScenario(scen).ok).toBe(true);
    expect(scen.seed).toBe(trace.seed);
  });

  it('has no console error and no serious accessibility violation', async () => {
    for (const id of ['seq-graph', 'subflow-seq', 'mapping', 'export-run']) expect(await seriousA11yViolations(s.page, `[data-testid=${id}]`)).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});

describe('sequence views in Chinese', () => {
  it('labels every view in Chinese', async () => {
    const s = await openApp({ viewport: DESKTOP, locale: 'zh-CN', expertViews: ['seq-graph', 'subflow-seq', 'mapping'] });
    try {
      await runScenario(s.page);
      await s.page.getByTestId('seq-graph-plot').waitFor();
      expect(await s.page.getByTestId('seq-graph').locator('h2').innerText()).toBe('连接的时间–序列号图');
      expect(await s.page.getByTestId('mapping').locator('h2').innerText()).toBe('DSN ↔ SSN 映射');
      expect(await s.page.getByTestId('seq-graph-capture').innerText()).toContain('客户端');
      await viewShot(s.page, 'seq-graph', 'seq-graph-zh');
      await viewShot(s.page, 'mapping', 'mapping-zh');
      expect(await seriousA11yViolations(s.page, '[data-testid=seq-graph]')).toEqual([]);
      expect(s.problems).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
