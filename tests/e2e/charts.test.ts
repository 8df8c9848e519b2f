/**
 * The expert charts II in Chromium (throughput, windows, reorder/HoL, scheduler inspector, PM
 * timeline) on ../shared/kernel-ref/scenarios/b_handover.json: each view checked against the run it
 * draws (goodput total = bytes received, the longest data pause inside a drawn stall, one PM row per
 * event, the scheduler decision at the cursor = the same run's decision in node, its segment on the
 * chosen subflow), zoom moves the time window, the TCP baseline runs in its worker; EN and ZH, no
 * console error, no serious axe violation, screenshots in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { runScenario, viewShot } from './helpers/views';
import { seriousA11yViolations } from './helpers/axe';
import { simulate } from '../../src/core';
import { validateScenario } from '../../src/core/scenario/validate';
import { inspectorRows } from '../../src/viz/expert/sched-inspector';
import { tupleOf } from '../../src/viz/expert/subflows';
import { SCHED_LEFT_MARGIN } from '../../src/viz/expert/geometry';
import { handleBaselineRequest } from '../../src/ui/baseline-request';

const HANDOVER = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/kernel-ref/scenarios/b_handover.json'), 'utf8')) as object;
const VIEWS = ['throughput', 'windows', 'reorder', 'sched', 'pm-timeline'] as const;

/** The page's run, in node (same scenario, same seed): its scheduler decisions and captures. */
function nodeRun() {
  const v = validateScenario(HANDOVER);
  if (!v.ok) throw new Error('b_handover.json is invalid');
  const { trace } = simulate(v.scenario, { summary: false, viewCaptures: true });
  const rows = inspectorRows(trace);
  // what moves data a subflow was handed onto another: a reinjection, or the subflow's link going down
  const moves = [
    ...trace.events.filter((e) => (e.type === 'mptcp' && e.ev.type === 'reinject') || (e.type === 'linkState' && !e.up)).map((e) => e.t),
    ...rows.filter((r) => r.kind === 'retrans').map((r) => r.t),
  ];
  /** What the baseline worker must answer for bins of `binNs`: its total bytes, computed here. */
  const baselineTotal = (binNs: number): number => {
    const r = handleBaselineRequest({ type: 'baseline', id: 1, scenario: v.scenario, seed: trace.seed, binNs });
    if (r.type !== 'baseline') throw new Error(r.message);
    return r.bytes.reduce((a, b) => a + b, 0);
  };
  return { trace, rows, baselineTotal, movedBetween: (t0: number, t1: number) => moves.some((t) => t >= t0 && t <= t1) };
}
const NODE = nodeRun();

for (const lang of ['en', 'zh'] as const) {
  describe(`expert charts II (${lang})`, () => {
    let s: AppSession;

    beforeAll(async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      s = await openApp({ viewport: { width: 1280, height: 800 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US', expertViews: ['throughput', 'windows', 'reorder', 'sched', 'pm-timeline'] });
      await runScenario(s.page, HANDOVER);
      await s.page.getByTestId('throughput').waitFor();
    }, 120_000);

    afterAll(async () => {
      await s?.close();
    });

    it('draws every view from the run, labelled, accessible', async () => {
      const p = s.page;
      const received = Number((await p.getByTestId('bytes-received').innerText()).replace(/\D/g, ''));
      const tp = p.getByTestId('throughput');
      expect(Number(await tp.getAttribute('data-total'))).toBe(received);
      expect(Number(await tp.getAttribute('data-layers'))).toBe(2);
      const ro = p.getByTestId('reorder');
      expect(Number(await ro.getAttribute('data-inorder'))).toBe(received);
      // the summary's longest pause of the data lies inside a stall the view lists
      const gap = p.getByTestId('longest-gap');
      const g0 = Number(await gap.getAttribute('data-start')) * 1e9;
      const g1 = Number(await gap.getAttribute('data-end')) * 1e9;
      const stalls = await p.locator('[data-testid=reorder-stalls] tbody tr').evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-start')), Number(r.getAttribute('data-end'))]));
      expect(stalls.some(([a, b]) => a <= g0 + 1e3 && b >= g1 - 1e3)).toBe(true);
      expect(Number(await p.getByTestId('windows').getAttribute('data-sockets'))).toBe(2);
      const pm = p.getByTestId('pm-timeline');
      expect(await p.locator('[data-testid=pm-events] tbody tr').count()).toBe(Number(await pm.getAttribute('data-events')));
      for (const v of VIEWS) {
        const sec = p.getByTestId(v);
        expect((await sec.locator('h2').innerText()).length).toBeGreaterThan(2);
        if (v !== 'sched') expect(Number(await sec.getAttribute('data-marks'))).toBeGreaterThan(0);
        expect(await seriousA11yViolations(p, `[data-testid=${v}]`)).toEqual([]);
      }
    });

    it('zooms the time axis, switches window metrics, and runs the TCP baseline', async () => {
      const p = s.page;
      const tp = p.getByTestId('throughput');
      const x1 = Number(await tp.getAttribute('data-x1'));
      await p.getByTestId('throughput-zoom-in').click();
      expect(Number(await tp.getAttribute('data-x1'))).toBeLessThan(x1);
      await p.getByTestId('throughput-reset').click();
      const win = p.getByTestId('windows');
      for (const m of ['rtt', 'flight', 'cwnd']) {
        await p.getByTestId('windows-metric').selectOption(m);
        expect(await win.getAttribute('data-metric')).toBe(m);
        expect(Number(await win.getAttribute('data-marks'))).toBeGreaterThan(0);
      }
      await p.getByTestId('windows-metric').selectOption('alpha');
      await p.getByTestId('windows-no-alpha').waitFor();
      await p.getByTestId('windows-metric').selectOption('cwnd');
      await p.getByTestId('throughput-baseline').click();
      await p.waitForFunction(() => Number(document.querySelector('[data-testid=throughput]')?.getAttribute('data-baseline')) >= 0, null, { timeout: 60_000 });
      // plain TCP on path 1, which goes down at 2 s: it delivers less than MPTCP did — exactly what
      // the same baseline run gives in node
      const base = Number(await tp.getAttribute('data-baseline'));
      expect(base).toBe(NODE.baselineTotal(Number(await tp.getAttribute('data-bin'))));
      expect(base).toBeGreaterThan(0);
      expect(base).toBeLessThan(Number(await tp.getAttribute('data-total')));
      // drawn: a dashed line more, and its legend entry
      await expect.poll(() => tp.locator('.legend li').count()).toBe(4);
      expect(s.problems).toEqual([]);
    }, 90_000);

    it("shows the decision at the cursor, and its segment is on the subflow the scheduler chose", async () => {
      const p = s.page;
      const { trace, rows, movedBetween } = NODE;
      expect(rows.length).toBeGreaterThan(100);
      expect(Number(await p.getByTestId('sched').getAttribute('data-decisions'))).toBe(rows.length);
      const plot = p.getByTestId('sched-plot');
      const box = (await plot.boundingBox())!;
      const plotW = box.width - SCHED_LEFT_MARGIN - 12;
      // path 1 and 2 both sending (10 %), path 1 just before it goes down at 2 s (30 %: the data it
      // was handed leaves on path 2 after the reinjection), path 2 alone after the handover (60 %)
      let onChosen = 0;
      for (const f of [0.1, 0.3, 0.6]) {
        await plot.click({ position: { x: SCHED_LEFT_MARGIN + plotW * f, y: box.height / 2 } });
        const dec = p.getByTestId('sched-decision');
        await dec.waitFor();
        const now = Number(await p.getByTestId('timeline-scrubber').getAttribute('aria-valuenow')) * 1e9;
        const i = Number(await dec.getAttribute('data-index'));
        // the last decision at or before the cursor (aria-valuenow is rounded to the µs)
        expect(rows[i].t).toBeLessThanOrEqual(now + 1000);
        if (i + 1 < rows.length) expect(rows[i + 1].t).toBeGreaterThan(now - 1000);
        expect(await dec.getAttribute('data-chosen')).toBe(rows[i].chosenLabel);
        const seg = p.getByTestId('sched-segment');
        const id = Number(await seg.getAttribute('data-packet'));
        const cap = trace.captures.find((c) => c.pkt.id === id);
        expect(cap, `packet ${id}`).toBeDefined();
        if (tupleOf(cap!.pkt) === rows[i].chosenLabel) onChosen++;
        else expect(movedBetween(rows[i].t, cap!.t), `decision ${i} at ${rows[i].t} ns, segment at ${cap!.t} ns`).toBe(true);
        // selecting the segment selects that packet in the ladder
        await seg.click();
        await p.locator(`[data-testid=ladder-row][aria-selected=true][data-packet-id="${id}"]`).waitFor();
      }
      expect(onChosen).toBeGreaterThanOrEqual(2);
      for (const v of VIEWS) await viewShot(p, v, `charts-${v}-${lang}`);
      expect(await seriousA11yViolations(p, '[data-testid=sched]')).toEqual([]);
      expect(s.problems).toEqual([]);
    });
  });
}
