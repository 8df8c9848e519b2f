/**
 * Helpers for the browser tests of the timeline and the topology: read and move the shared cursor
 * through the timeline's scrubber, wait for the re-run after an intervention, keep screenshots.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession, type OpenOptions } from './browser';
import { viewShot } from './views';

/**
 * In a describe block: open the app before its tests, run the editor's (default) scenario, and close
 * the browser after them. `app.s` is the session once the tests run.
 */
export function withRunningApp(opts: OpenOptions): { s: AppSession } {
  const app = { s: undefined as unknown as AppSession };
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    app.s = await openApp(opts);
    await runAndWaitForTimeline(app.s.page);
  });
  afterAll(async () => {
    await app.s?.close();
  });
  return app;
}

/** Cursor time in seconds, as the scrubber reports it (aria-valuenow). */
export async function cursor(page: Page): Promise<number> {
  return Number(await page.getByTestId('timeline-scrubber').getAttribute('aria-valuenow'));
}

/** End of the run in seconds (aria-valuemax). */
export async function runEnd(page: Page): Promise<number> {
  return Number(await page.getByTestId('timeline-scrubber').getAttribute('aria-valuemax'));
}

/** Run the editor's scenario and wait for the timeline of that run. */
export async function runAndWaitForTimeline(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await page.getByTestId('timeline').waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=timeline-scrubber]')?.getAttribute('aria-valuemax')) > 0);
}

/** Put the cursor at `s` seconds (Home, then shift+→ steps of 100 ms on the scrubber). */
export async function seek(page: Page, s: number): Promise<void> {
  await page.getByTestId('timeline-scrubber').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < Math.round(s * 10); i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await cursor(page)).toBeCloseTo(s, 6);
}

/** Wait until the re-run after an intervention (or undo/redo) is on screen. */
export async function waitForRerun(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid=views]')?.classList.contains('stale'), null, { timeout: 60_000 });
  await page.getByTestId('timeline-busy').waitFor({ state: 'detached', timeout: 60_000 });
  // a partial result (progressive intervention, sim.worker.ts) is followed by the complete one
  await page.getByTestId('run-partial').waitFor({ state: 'detached', timeout: 60_000 });
}

/** Screenshot of one view at a viewport size, as `{view}-{name}-{w}x{h}.png`. */
export async function shotAt(page: Page, view: string, name: string, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(150);
  await viewShot(page, view, `${view}-${name}`);
}
