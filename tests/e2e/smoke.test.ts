/**
 * Smoke test of the built app in Chromium: it loads without any console error, runs the default
 * scenario in the worker and shows a summary, switches to Chinese instantly and remembers it, and
 * leaves screenshots (EN/ZH × 1280×800/360×740) in test-artifacts/screenshots/ for a human to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

async function screenshot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
}

/** Wait for the run to end in any visible outcome, so a failure says which one it was. */
async function waitForRunOutcome(page: Page): Promise<string> {
  const outcome = page.locator(
    '[data-testid=summary], [data-testid=summary-unavailable], [data-testid=problems], [data-testid=crash]',
  );
  await outcome.first().waitFor({ state: 'visible', timeout: 60_000 });
  return (await outcome.first().getAttribute('data-testid')) ?? '';
}

describe('playground smoke test', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('loads in English for an English browser, without console errors', async () => {
    await expect.poll(() => s.page.getByTestId('app-name').textContent()).toBe('MPTCP Playground');
    expect(await s.page.getAttribute('html', 'lang')).toBe('en');
    expect(await s.page.getByTestId('run').textContent()).toContain('Run');
    expect(await s.page.getByTestId('status').textContent()).toBe('Ready.');
    expect(s.problems).toEqual([]);
  });

  it('runs the default scenario from the keyboard and shows its summary', async () => {
    await s.page.getByTestId('run').focus();
    await s.page.keyboard.press('Enter');
    const outcome = await waitForRunOutcome(s.page);
    const detail = outcome === 'summary' ? '' : await s.page.getByTestId(outcome).innerText();
    expect({ outcome, detail }).toEqual({ outcome: 'summary', detail: '' });

    const goodput = Number(await s.page.getByTestId('goodput').getAttribute('data-value'));
    expect(goodput).toBeGreaterThan(0);
    expect(await s.page.getByTestId('goodput').innerText()).toMatch(/^[\d.,]+ Mbit\/s$/);
    expect(await s.page.getByTestId('stream-intact').getAttribute('data-value')).toBe('true');
    expect(await s.page.getByTestId('stream-intact').innerText()).toContain('yes');
    expect(await s.page.getByTestId('status').innerText()).toMatch(/^Done in [\d,]+ ms\.$/);
    expect(await s.page.locator('[data-testid=subflows] tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await s.page.locator('[data-testid=subflows] tbody tr').first().innerText()).toContain('10.0.1.1:');
    expect(s.problems).toEqual([]);

    await screenshot(s.page, 'en', DESKTOP);
    await screenshot(s.page, 'en', PHONE);
  });

  it('switches to 中文 instantly, results included', async () => {
    await s.page.getByTestId('lang-zh').click();
    expect(await s.page.getByTestId('app-name').textContent()).toBe('MPTCP 实验场');
    expect(await s.page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await s.page.getByTestId('lang-zh').getAttribute('aria-pressed')).toBe('true');
    expect(await s.page.getByTestId('run').innerText()).toContain('运行');
    expect(await s.page.getByTestId('stream-intact').innerText()).toContain('是');
    expect(await s.page.getByText('有效吞吐量').count()).toBe(1);
    expect(s.problems).toEqual([]);

    await screenshot(s.page, 'zh', PHONE);
    await screenshot(s.page, 'zh', DESKTOP);
  });

  it('remembers the language across a reload', async () => {
    await s.page.reload({ waitUntil: 'load' });
    await expect.poll(() => s.page.getByTestId('app-name').textContent()).toBe('MPTCP 实验场');
    await s.page.getByTestId('lang-en').click();
    expect(await s.page.getByTestId('app-name').textContent()).toBe('MPTCP Playground');
    expect(s.problems).toEqual([]);
  });

  it('shows each problem of a bad scenario with its JSON path, and runs nothing', async () => {
    await s.page.getByTestId('scenario-text').fill(
      JSON.stringify({ name: 'bad', paths: [{ delay_ms: -5 }], app: { bytes: 1000 }, colour: 'blue' }),
    );
    await s.page.getByTestId('run').click();
    expect(await waitForRunOutcome(s.page)).toBe('problems');
    const paths = await s.page.getByTestId('problem-path').allInnerTexts();
    expect(paths).toContain('scenario.paths[0].delay_ms');
    expect(paths).toContain('scenario.colour');
    expect(await s.page.getByTestId('status').innerText()).toMatch(/^Not run: the scenario has \d+ problem\(s\)\.$/);

    await s.page.getByTestId('lang-zh').click();
    expect(await s.page.getByText('场景中的问题').count()).toBe(1);
    await screenshot(s.page, 'zh-problems', PHONE);
    await s.page.getByTestId('lang-en').click();
    await s.page.setViewportSize(DESKTOP);
    expect(s.problems).toEqual([]);
  });

  it('locates a JSON syntax error by line and column', async () => {
    await s.page.getByTestId('scenario-text').fill('{\n  "name": "x",\n  "paths": [\n}');
    await s.page.getByTestId('run').click();
    expect(await waitForRunOutcome(s.page)).toBe('problems');
    expect(await s.page.getByTestId('problems').innerText()).toMatch(/line 4/);
    await s.page.getByTestId('reset').click();
    expect(await s.page.getByTestId('scenario-text').inputValue()).toContain('"aggregation-1mb"');
    expect(s.problems).toEqual([]);
  });
});

describe('first visit from a Chinese browser', () => {
  let s: AppSession;

  beforeAll(async () => {
    s = await openApp({ viewport: PHONE, locale: 'zh-CN', colorScheme: 'dark' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens in 中文 and follows the dark colour scheme', async () => {
    await expect.poll(() => s.page.getByTestId('app-name').textContent()).toBe('MPTCP 实验场');
    const bg = await s.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(18, 22, 28)');
    await s.page.getByTestId('run').click();
    expect(await waitForRunOutcome(s.page)).toBe('summary');
    await screenshot(s.page, 'zh-dark', PHONE);
    expect(s.problems).toEqual([]);
  });

  it('can pin the light theme, and it is remembered', async () => {
    await s.page.getByTestId('theme').selectOption('light');
    expect(await s.page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await s.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
    await s.page.reload({ waitUntil: 'load' });
    await expect.poll(() => s.page.getAttribute('html', 'data-theme')).toBe('light');
    expect(s.problems).toEqual([]);
  });

  it('fits a 360 px screen without sideways scrolling', async () => {
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
});
