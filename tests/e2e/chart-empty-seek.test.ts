/**
 * Two small shared pieces of the expert views in Chromium: the empty card a sequence view shows
 * when the run has nothing to draw (ChartEmpty: heading named by aria-labelledby, the note, in EN
 * and ZH) and the click-to-seek times of the PM event list (SeekLink: the cursor moves to the time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './helpers/browser';
import { runScenario } from './helpers/views';
import { simulate } from '../../src/core';
import { validateScenario } from '../../src/core/scenario/validate';
import { GALLERY } from '../../src/ui/gallery/scenarios';
import { buildSeqGraph } from '../../src/viz/seq-graph';
import { buildMapping } from '../../src/viz/mapping';
import { seqviewsEn as en } from '../../src/i18n/features/seqviews.en';
import { seqviewsZh as zh } from '../../src/i18n/features/seqviews.zh';

const plainTcp = GALLERY.find((g) => g.id === 'plain-tcp')!.scenario;

describe('expert views: empty cards and seek links', () => {
  let s: AppSession;

  beforeAll(async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US', expertViews: ['seq-graph', 'mapping', 'pm-timeline'] });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('a plain TCP run: the sequence graph and the mapping show their empty card, headed and explained', async () => {
    // the same run in node has nothing for either view
    const v = validateScenario(plainTcp);
    if (!v.ok) throw new Error('gallery plain-tcp invalid');
    const trace = simulate(v.scenario, { summary: false, viewCaptures: true }).trace;
    expect(buildSeqGraph(trace.captures).t.length).toBe(0);
    expect(buildMapping(trace.captures).dsn0.length).toBe(0);

    const p = s.page;
    await runScenario(p, plainTcp);
    for (const [id, heading, note] of [
      ['seq-graph', en.seqHeading, en.seqNoData],
      ['mapping', en.mapHeading, en.mapNoData],
    ] as const) {
      const card = p.getByTestId(id);
      await card.waitFor();
      const labelledBy = await card.getAttribute('aria-labelledby');
      expect(await p.locator(`[id="${labelledBy}"]`).innerText()).toBe(heading);
      expect(await card.innerText()).toContain(note);
    }
    await p.getByTestId('lang-zh').click();
    await expect.poll(() => p.getByTestId('seq-graph').innerText()).toContain(zh.seqNoData);
    expect(await p.getByTestId('mapping').innerText()).toContain(zh.mapNoData);
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  it('a time in the PM event list moves the playback cursor to it', async () => {
    const p = s.page;
    await runScenario(p);
    const links = p.getByTestId('pm-events').locator('button');
    await links.last().waitFor();
    const cursor = async (): Promise<number> => Number(await p.getByTestId('timeline').getAttribute('data-cursor-ns'));
    // a link whose time is not where the cursor already is
    const labels = await links.allInnerTexts();
    const at = labels.findIndex((l) => Math.abs(Number(l) * 1e9 - 0) > 1e6);
    expect(at).toBeGreaterThanOrEqual(0);
    const label = labels[at];
    await p.getByTestId('timeline-scrubber').focus();
    await p.keyboard.press('Home');
    await expect.poll(cursor).toBe(0);
    await links.nth(at).click();
    // the list shows seconds with 6 decimals: the cursor is within half a microsecond of it
    await expect.poll(async () => Math.abs((await cursor()) - Number(label) * 1e9)).toBeLessThanOrEqual(500);
    expect(s.problems).toEqual([]);
  });
});
