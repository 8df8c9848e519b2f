/**
 * The A/B comparison in Chromium (issue 6 item 9, issue 8 item 2), in English and Chinese: the
 * gallery's aggregation scenario (A) against variant B with the rr scheduler, same seed — every
 * difference row holds the values of the two runs' summaries (computed here in Node with the same
 * simulator), the goodput chart draws both runs' bytes on one zoomed axis; then the real kernel
 * result folder ../shared/kernel-ref/results/a_aggregation chosen with the folder picker, next to
 * the simulated run of its scenario: the real-vs-sim table with the rows of `npm run compare`. A
 * wrong folder gets its located error. No console error, no serious axe violation, screenshots in
 * test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { runScenario } from './helpers/views';
import { seriousA11yViolations } from './helpers/axe';
import { KERNEL_REF } from '../helpers/paths';
import { GALLERY } from '../../src/ui/gallery/scenarios';
import { simulate } from '../../src/core';
import { validateScenario } from '../../src/core/scenario';
import { compareRuns, longestStall } from '../../src/core/export/compare-rows';

const AGG = GALLERY.find((g) => g.id === 'aggregation')!.scenario;
const A_AGG_DIR = join(KERNEL_REF, 'results', 'a_aggregation');

function summaryOf(raw: object): any {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return simulate(v.scenario, { seed: v.scenario.seed }).summary;
}

async function rowValues(p: Page, id: string): Promise<{ a: string | null; b: string | null; verdict: string | null }> {
  const r = p.getByTestId(`ab-row-${id}`);
  return { a: await r.getAttribute('data-a'), b: await r.getAttribute('data-b'), verdict: await r.getAttribute('data-verdict') };
}

for (const lang of ['en', 'zh'] as const) {
  describe(`A/B comparison (${lang})`, () => {
    let s: AppSession;
    const sumA = summaryOf(AGG);
    const sumB = summaryOf({ ...AGG, sim: { scheduler: 'rr' } });

    beforeAll(async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      s = await openApp({ viewport: { width: 1280, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US', expertViews: ['ab'] });
      await runScenario(s.page, AGG);
      await s.page.getByTestId('ab').waitFor();
    }, 120_000);

    afterAll(async () => {
      await s?.close();
    });

    it('variant B (rr scheduler, same seed): the table holds both runs’ summaries and the chart both runs', async () => {
      const p = s.page;
      const ab = p.getByTestId('ab');
      expect((await ab.locator('h2').first().innerText()).length).toBeGreaterThan(2);
      // nothing changed, then a change that cannot apply: clear messages, no run
      await p.getByTestId('ab-run').click();
      await p.getByTestId('ab-no-change').waitFor();
      await p.getByTestId('ab-link-on').check();
      await p.getByTestId('ab-link-param').selectOption('loss_pct');
      await p.getByTestId('ab-link-value').fill('150');
      await p.getByTestId('ab-run').click();
      expect(await p.getByTestId('ab-form-errors').innerText()).toContain('link.value: loss_pct must be in 0..100 (got 150)');
      await p.getByTestId('ab-link-on').uncheck();
      await p.getByTestId('ab-scheduler').selectOption('rr');
      await p.getByTestId('ab-run').click();
      await p.getByTestId('ab-diff').waitFor({ timeout: 60_000 });
      expect(await p.getByTestId('ab-changes').innerText()).toContain('sim.scheduler: "default" → "rr"');
      expect(await rowValues(p, 'macro.duration')).toMatchObject({ a: String(sumA.app.duration_s), b: String(sumB.app.duration_s) });
      expect(await rowValues(p, 'macro.goodput')).toMatchObject({ a: String(sumA.app.goodput_mbit), b: String(sumB.app.goodput_mbit) });
      expect(await rowValues(p, 'macro.stall')).toMatchObject({ a: String(longestStall(sumA)), b: String(longestStall(sumB)) });
      expect(await rowValues(p, 'subflows.count')).toEqual({ a: String(sumA.subflows.length), b: String(sumB.subflows.length), verdict: 'same' });
      const pathBytes = (sum: any, path: number) => sum.subflows.filter((f: any) => f.path === path).reduce((x: number, f: any) => x + f.payload_bytes.c2s, 0);
      for (const path of [1, 2]) expect(await rowValues(p, `path.${path}`)).toMatchObject({ a: String(pathBytes(sumA, path)), b: String(pathBytes(sumB, path)) });
      // verdict colouring follows the direction of each measure
      const d = await rowValues(p, 'macro.duration');
      expect(d.verdict).toBe(sumB.app.duration_s < sumA.app.duration_s ? 'better' : sumB.app.duration_s > sumA.app.duration_s ? 'worse' : 'same');
      const rowCount = await p.locator('[data-testid=ab-diff] tbody tr[data-id]').count();
      expect(rowCount).toBeGreaterThanOrEqual(9);

      // one chart, both runs: every delivered byte of each, one zoom for both
      const chart = p.getByTestId('ab-chart');
      await chart.waitFor();
      expect(Number(await chart.getAttribute('data-a'))).toBe(2_000_000);
      expect(Number(await chart.getAttribute('data-b'))).toBe(2_000_000);
      expect(Number(await chart.getAttribute('data-marks'))).toBeGreaterThan(20);
      const x1 = Number(await chart.getAttribute('data-x1'));
      await p.getByTestId('ab-chart-zoom-in').click();
      expect(Number(await chart.getAttribute('data-x1'))).toBeLessThan(x1);
      await p.getByTestId('ab-chart-reset').click();
      expect(await seriousA11yViolations(p, '[data-testid=ab]')).toEqual([]);
      expect(await seriousA11yViolations(p, '[data-testid=ab-chart]')).toEqual([]);
      await ab.screenshot({ path: join(SCREENSHOT_DIR, `ab-variant-${lang}-1280x900.png`) });
      await chart.screenshot({ path: join(SCREENSHOT_DIR, `ab-chart-${lang}-1280x900.png`) });
    }, 120_000);

    it('a wrong folder gets a located error; a kernel-ref folder gives the real-vs-sim table', async () => {
      const p = s.page;
      await p.getByTestId('ab-mode-kernel').check();
      await p.getByTestId('ab-files').setInputFiles({ name: 'summary.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": "kernel-ref-summary/1",\n oops}') });
      const errs = p.getByTestId('ab-folder-errors');
      await errs.waitFor();
      expect(await errs.innerText()).toMatch(/summary\.json \(line 2, column 2\)/);

      await p.getByTestId('ab-folder').setInputFiles(A_AGG_DIR);
      await p.getByTestId('ab-fidelity').waitFor({ timeout: 90_000 });
      await p.getByTestId('ab-capture').waitFor({ timeout: 60_000 });
      expect(await p.getByTestId('ab').getAttribute('data-mode')).toBe('kernel');
      expect(await p.getByTestId('ab-kernel-info').innerText()).toContain('a_aggregation');
      // the table's real side is the folder's summary.json; its rows are npm run compare's
      const real = JSON.parse(readFileSync(join(A_AGG_DIR, 'summary.json'), 'utf8'));
      const sim = summaryOf(JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', 'a_aggregation.json'), 'utf8')));
      expect(await rowValues(p, 'macro.duration')).toMatchObject({ a: String(sim.app.duration_s), b: String(real.app.duration_s) });
      expect(await rowValues(p, 'macro.goodput')).toMatchObject({ a: String(sim.app.goodput_mbit), b: String(real.app.goodput_mbit) });
      const expected = compareRuns([real], [sim]);
      const shown = await p.locator('[data-testid=ab-fidelity-row]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-verdict')]));
      expect(shown).toEqual(expected.map((r) => [`${r.group} · ${r.name}`, r.verdict]));
      // the real run's goodput comes from its capture (all 4 MB), the simulated one's from its packets
      const chart = p.getByTestId('ab-chart');
      expect(await chart.getAttribute('data-b-source')).toBe('trace');
      expect(Number(await chart.getAttribute('data-a'))).toBe(4_000_000);
      expect(Number(await chart.getAttribute('data-b'))).toBe(4_000_000);
      expect(await seriousA11yViolations(p, '[data-testid=ab]')).toEqual([]);
      await p.getByTestId('ab').screenshot({ path: join(SCREENSHOT_DIR, `ab-kernel-${lang}-1280x900.png`) });
      await chart.screenshot({ path: join(SCREENSHOT_DIR, `ab-kernel-chart-${lang}-1280x900.png`) });
      expect(s.problems).toEqual([]);
    }, 180_000);
  });
}
