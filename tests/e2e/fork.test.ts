/**
 * Interventions fork the timeline from a paused run in the worker (core/sim/fork.ts) and undo shows
 * the earlier result again: what the page shows must be exactly what a run from t = 0 shows. The
 * default scenario, an intervention at 0.6 s (the worker goes on from a pause before it), undo (the
 * first view and share link again), redo, and the forked run's share link opened fresh (computed
 * from the start) shows the same summary, checks, statistics, marks and packets.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cursor, runEnd, seek, waitForRerun, withRunningApp } from './helpers/playback';
import { RUN_RESULT_MARK } from '../../src/ui/worker-protocol';
import { decodeShare, shareParam } from '../../src/ui/share';
import { validateScenario } from '../../src/core/scenario';
import { fourSubflowScenario } from '../../bench/ui/scenario';
import { seriousA11yViolations } from './helpers/axe';

/** Everything the views show of a run that depends on the whole trace, as text. */
async function viewPrint(p: Page): Promise<Record<string, string | number>> {
  const text = async (id: string): Promise<string> => (await p.getByTestId(id).innerText()).trim();
  const marks = await p.locator('[data-testid=timeline-scrubber] path[data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).join(','));
  // the first and last packet times: the page's own list of packet records, both ends
  await p.getByTestId('timeline-scrubber').focus();
  await p.keyboard.press('Home');
  await p.getByTestId('timeline-step-forward').click();
  const firstPacket = await cursor(p);
  await p.getByTestId('timeline-scrubber').focus();
  await p.keyboard.press('End');
  await p.getByTestId('timeline-step-back').click();
  const lastPacket = await cursor(p);
  return { summary: await text('summary'), checks: await text('checks'), stats: await text('run-stats'), end: await runEnd(p), marks, firstPacket, lastPacket };
}

/** The share link of what is shown (taken right after viewPrint, so the cursor is at the same place). */
async function shareLink(p: Page): Promise<string> {
  await p.getByTestId('share-copy').click();
  return p.getByTestId('share-link').inputValue();
}

/** What a share link means: scenario (validated, normalised), seed, interventions and view. */
async function linkMeaning(link: string): Promise<unknown> {
  const r = await decodeShare(shareParam(new URL(link).hash)!);
  if (!r.ok) throw new Error(`bad link ${link}`);
  const v = validateScenario(JSON.parse(r.run.scenarioText));
  return { scenario: v.ok ? v.scenario : v.errors, seed: r.run.seed, interventions: r.run.interventions, view: r.run.view };
}

/** The last result mark's detail (sim-runner.svelte.ts). */
async function lastResult(p: Page): Promise<{ resumedAtNs?: number; sharedRecords?: number; reused?: boolean }> {
  return p.evaluate((name) => (performance.getEntriesByName(name, 'mark').at(-1) as PerformanceMark | undefined)?.detail ?? {}, RUN_RESULT_MARK);
}

describe('fork: interventions from paused runs, undo from the earlier result', () => {
  const app = withRunningApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });

  it('an intervention resumes from a pause, undo and redo show the same views and links, and the link opened fresh matches', async () => {
    const p = app.s.page;
    const before = await viewPrint(p);
    const linkBefore = await shareLink(p);
    // the worker pauses runs of this scenario in idle time; give it a moment
    await p.waitForTimeout(1500);
    await seek(p, 0.6);
    await p.getByTestId('link-1').click();
    await p.getByTestId('link-form-toggle').click();
    await waitForRerun(p);
    const forked = await lastResult(p);
    expect(forked.resumedAtNs).toBeGreaterThan(0);
    expect(forked.resumedAtNs).toBeLessThan(0.6e9);
    expect(forked.sharedRecords).toBeGreaterThan(0);
    expect(await cursor(p)).toBeCloseTo(0.6, 6);
    const after = await viewPrint(p);
    expect(after).not.toEqual(before);
    // (the link is encoded asynchronously after the copy: poll until it is the new run's)
    await expect.poll(() => shareLink(p)).not.toBe(linkBefore);
    const linkAfter = await shareLink(p);

    await p.getByTestId('timeline-undo').click();
    await waitForRerun(p);
    expect((await lastResult(p)).reused).toBe(true);
    expect(await viewPrint(p)).toEqual(before);
    // the editor now holds the normalised text of the same scenario: the link says the same run
    const meantBefore = await linkMeaning(linkBefore);
    // (the link is encoded asynchronously after the copy: poll)
    await expect.poll(async () => linkMeaning(await shareLink(p))).toEqual(meantBefore);

    await p.getByTestId('timeline-redo').click();
    await waitForRerun(p);
    expect(await viewPrint(p)).toEqual(after);
    const meantAfter = await linkMeaning(linkAfter);
    await expect.poll(async () => linkMeaning(await shareLink(p))).toEqual(meantAfter);

    // the forked run's link in a fresh page: computed from t = 0, the same run
    await p.goto('about:blank');
    await p.goto(linkAfter, { waitUntil: 'load' });
    await p.getByTestId('timeline').waitFor({ state: 'visible', timeout: 60_000 });
    await p.waitForFunction(() => Number(document.querySelector('[data-testid=timeline-scrubber]')?.getAttribute('aria-valuemax')) > 0);
    await waitForRerun(p);
    expect((await lastResult(p)).resumedAtNs ?? 0).toBe(0);
    expect(await viewPrint(p)).toEqual(after);
    expect(app.s.problems).toEqual([]);
  });
});

describe('fork: a progressive intervention shows a partial result at the cursor, then the final one', () => {
  const app = withRunningApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });

  /** Path 1 down at the cursor (s), once the worker had time to pause a run there (SimRunner.cursor). */
  async function linkDownAt(p: Page, s: number): Promise<void> {
    await seek(p, s);
    await p.waitForTimeout(2000);
    await p.getByTestId('link-1').click();
    await p.getByTestId('link-form-toggle').click();
  }

  it('partial (computed past the cursor, "computing…", playback waits at its end), then final = the share link opened fresh; ZH strings; axe', async () => {
    const p = app.s.page;
    // a 6 s four-subflow run: long enough that the rest after the partial result takes a while
    await p.getByTestId('scenario-text').fill(JSON.stringify(fourSubflowScenario({ rateMbit: 10, durationS: 6 }), null, 2));
    await p.getByTestId('run').click();
    await p.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=status]')?.textContent ?? '') && Number(document.querySelector('[data-testid=timeline-scrubber]')?.getAttribute('aria-valuemax')) > 5, null, { timeout: 120_000 });
    const fullEnd = await runEnd(p);
    await p.waitForTimeout(2000); // paused runs in idle time

    await linkDownAt(p, 2);
    const partial = p.getByTestId('run-partial');
    await partial.waitFor({ timeout: 30_000 });
    // the partial state: honest about being partial, the views show the timeline up to the horizon
    expect(await p.getByTestId('status').innerText()).toMatch(/^Computed to [\d.]+ s; computing the rest…$/);
    expect(await partial.innerText()).toMatch(/computing the rest… The summary follows when the run is complete\./);
    expect(await p.getByTestId('status').getAttribute('aria-live')).toBe('polite');
    const horizon = await runEnd(p);
    expect(horizon).toBeGreaterThan(2);
    expect(horizon).toBeLessThan(fullEnd);
    expect(await cursor(p)).toBeCloseTo(2, 6);
    expect(await p.getByTestId('summary').count()).toBe(0);
    const d = (await p.evaluate((name) => (performance.getEntriesByName(name, 'mark').at(-1) as PerformanceMark).detail as unknown, RUN_RESULT_MARK)) as {
      partial: { horizonNs: number } | null;
      resumedAtNs: number;
      sharedRecords: number;
    };
    expect(d.partial?.horizonNs).toBeCloseTo(horizon * 1e9, -3);
    // the worker paused a run 1 ms before the cursor: almost nothing was simulated before it
    expect(d.resumedAtNs).toBeGreaterThan(1.9e9);
    expect(d.sharedRecords).toBeGreaterThan(0);
    // playing waits at the horizon rather than stopping or running past it
    await p.getByTestId('timeline-speed').selectOption('10').catch(() => undefined);
    await p.getByTestId('timeline-play').click();
    await p.waitForTimeout(300);
    if (await partial.isVisible()) expect(await cursor(p)).toBeLessThanOrEqual(horizon + 1e-9);
    expect(await seriousA11yViolations(p)).toEqual([]);

    await waitForRerun(p);
    await p.getByTestId('timeline-play').click().catch(() => undefined); // pause if still playing
    expect(await runEnd(p)).toBeGreaterThan(horizon);
    const marks = await p.evaluate((name) => performance.getEntriesByName(name, 'mark').slice(-2).map((m) => (m as PerformanceMark).detail as { partial: unknown; sharedRecords: number; newRecords: number }), RUN_RESULT_MARK);
    expect(marks[0].partial).not.toBeNull();
    expect(marks[1].partial).toBeNull();
    // the final result took the partial one's records and got only the rest
    expect(marks[1].sharedRecords).toBeGreaterThan(0);
    const final = await viewPrint(p);
    const link = await shareLink(p);

    // ZH: the partial state's strings in Chinese
    await p.getByTestId('lang-zh').click();
    await linkDownAt(p, 3);
    await partial.waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('status').innerText()).toMatch(/^已计算到 [\d.]+ 秒；正在计算其余部分…$/);
    expect(await partial.innerText()).toMatch(/正在计算其余部分… 运行完成后显示摘要。/);
    await waitForRerun(p);
    await p.getByTestId('lang-en').click();

    // the final result of the first intervention = its share link computed from t = 0
    await p.goto('about:blank');
    await p.goto(link, { waitUntil: 'load' });
    await p.getByTestId('timeline').waitFor({ state: 'visible', timeout: 60_000 });
    await p.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 120_000 });
    await waitForRerun(p);
    expect(await viewPrint(p)).toEqual(final);
    expect(app.s.problems).toEqual([]);
  });
});
