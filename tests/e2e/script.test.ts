/**
 * User scripts in the page: a scheduler script that loops forever is stopped by SimRunner's
 * watchdog (the worker is terminated and replaced) with a clear message, while the page keeps
 * answering; a script that throws gives a located problem; then a good scripted scenario runs to
 * the end on the same page. Screenshot of the watchdog message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { GALLERY, galleryText } from '../../src/ui/gallery/scenarios';
import { SCRIPT_RUN_BUDGET_MS } from '../../src/ui/script-watchdog';

const good = GALLERY.find((g) => g.id === 'script-scheduler')!;

function withScript(source: string): string {
  const sc = JSON.parse(galleryText(good)) as { sim: { scheduler_script: { source: string } }; name: string };
  sc.name = 'script-e2e';
  sc.sim.scheduler_script.source = source;
  return JSON.stringify(sc, null, 2);
}

describe('user scripts in the page', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('an endless loop ends with a clear error after the budget; the page stays responsive', async () => {
    const p = s.page;
    await p.getByTestId('scenario-text').fill(withScript('function pickSend(v) {\n  for (;;) {}\n}'));
    const t0 = Date.now();
    await p.getByTestId('run').click();
    // while the worker spins, the page still answers at once
    await p.waitForTimeout(1000);
    const q0 = Date.now();
    expect(await p.evaluate(() => document.querySelector('[data-testid=status]')?.textContent ?? '')).toMatch(/Running/);
    expect(Date.now() - q0).toBeLessThan(1000);
    const stuck = p.getByTestId('script-stuck');
    await stuck.waitFor({ state: 'visible', timeout: SCRIPT_RUN_BUDGET_MS + 5000 });
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(SCRIPT_RUN_BUDGET_MS - 200);
    expect(waited).toBeLessThan(SCRIPT_RUN_BUDGET_MS + 5000);
    const text = await stuck.innerText();
    expect(text).toContain('The run was stopped');
    expect(text).toContain(`longer than ${SCRIPT_RUN_BUDGET_MS / 1000} s`);
    expect(text).toContain('scenario.sim.scheduler_script.source');
    expect(await p.getByTestId('status').innerText()).toBe('Stopped: a user script took too long');
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'script-watchdog-en.png') });
  }, 30_000);

  it('a script that throws gives a located problem with the line', async () => {
    const p = s.page;
    await p.getByTestId('scenario-text').fill(withScript('function pickSend(v) {\n  throw new Error("nope");\n}'));
    await p.getByTestId('run').click();
    await p.waitForFunction(() => /scheduler_script/.test(document.querySelector('.results')?.textContent ?? ''), null, { timeout: 20_000 });
    const results = await p.locator('.results').innerText();
    expect(results).toContain('scenario.sim.scheduler_script.source');
    expect(results).toMatch(/in pickSend \(line 2\): Error: nope/);
  }, 30_000);

  it('then a good scripted scenario runs to the end on the same page', async () => {
    const p = s.page;
    await p.getByTestId('scenario-text').fill(galleryText(good));
    await p.getByTestId('run').click();
    await p.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await p.getByTestId('script-stuck').count()).toBe(0);
    expect(s.problems).toEqual([]);
  }, 40_000);
});
