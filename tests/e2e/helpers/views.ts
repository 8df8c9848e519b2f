/**
 * Helpers for the browser tests of the run's views (ladder, inspector): run a scenario and wait
 * until *that* run is on screen, and keep a screenshot of one view.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './browser';

/** A server that announces its second address (ADD_ADDR on the wire, echoed by the client). */
export const ADD_ADDR_SCENARIO = {
  name: 'views-add-addr',
  paths: [
    { name: 'wifi', delay_ms: 10, rate_mbit: 10, queue_pkts: 100 },
    { name: 'lte', delay_ms: 30, rate_mbit: 10, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 1 } },
  server: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1 }] },
  app: { bytes: 100000 },
};

/**
 * Run the editor's scenario (or `scenarioJson`, typed in first) and wait for its ladder rows. The
 * last run stays on screen while the next one runs, so this waits for the results to stop being
 * busy, not just for a summary to exist.
 */
export async function runScenario(page: Page, scenarioJson?: object): Promise<void> {
  if (scenarioJson) await page.getByTestId('scenario-text').fill(JSON.stringify(scenarioJson, null, 2));
  await page.getByTestId('run').click();
  await page.locator('section[aria-busy=false]').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('summary').or(page.getByTestId('summary-unavailable')).first().waitFor({ timeout: 60_000 });
  await page.getByTestId('ladder-row').first().waitFor({ timeout: 30_000 });
}

/** Screenshot of the element with data-testid `testId` as `{name}-{width}x{height}.png`. */
export async function viewShot(page: Page, testId: string, name: string): Promise<void> {
  const vp = page.viewportSize();
  await page.getByTestId(testId).screenshot({ path: join(SCREENSHOT_DIR, `${name}-${vp?.width}x${vp?.height}.png`) });
}
