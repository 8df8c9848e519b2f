/**
 * The ladder diagram in Chromium: it draws the run's packets one row per packet with decoded MPTCP
 * options, filters them (all, handshakes, signals), renders only the rows in view, follows the
 * playback clock, and selects a packet (click or keyboard) for the inspector while seeking the
 * clock to it. No console error, no serious or critical axe violation; screenshots in EN and ZH at
 * 1280×800 and 360×740 go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { ADD_ADDR_SCENARIO, runScenario, viewShot } from './helpers/views';
import { seriousA11yViolations } from './helpers/axe';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };



/** "{shown} of {total} packets" → [shown, total]. */
async function counts(page: Page): Promise<[number, number]> {
  const text = await page.getByTestId('ladder-count').innerText();
  const nums = text.replace(/[,\s]/g, ' ').match(/\d+/g)?.map(Number) ?? [];
  return [nums[0], nums[1]];
}

async function cursorSeconds(page: Page): Promise<number> {
  const text = await page.getByTestId('ladder-cursor').innerText();
  return Number(/([\d.]+)/.exec(text.replace(/,/g, ''))?.[1]);
}

async function rowLabels(page: Page): Promise<string[]> {
  // A row's accessible name is its text (time, subflow and direction for screen readers, flags, options, numbers).
  return page.getByTestId('ladder-row').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

async function selectedIds(page: Page): Promise<string[]> {
  return page.locator('[data-testid=ladder-row][aria-selected=true]').evaluateAll((els) => els.map((e) => e.getAttribute('data-packet-id') ?? ''));
}


describe('ladder diagram', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
    await runScenario(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('draws one lane per subflow and labels rows with flags and decoded MPTCP options', async () => {
    const legend = await s.page.getByTestId('ladder-legend').innerText();
    expect(legend).toContain('MP_CAPABLE');
    expect(legend).toContain('MP_JOIN');
    const labels = await rowLabels(s.page);
    expect(labels[0]).toMatch(/^0\.000000 s, subflow 1, client → server: .*\[SYN\] MP_CAPABLE v1 \[H\] Seq=0 /);
    expect(labels[1]).toMatch(/subflow 1, server → client: .*\[SYN, ACK\] MP_CAPABLE v1 \[H\] key=0x[0-9a-f]{16} Seq=0 Ack=1 /);
    expect(labels.some((l) => /DSS DATA_ACK=\d+ dsn=\d+ ssn=\d+ len=1424/.test(l))).toBe(true);
    expect(s.problems).toEqual([]);
  });

  it('renders only the rows in view (virtualised), however many packets the run has', async () => {
    const [shown, total] = await counts(s.page);
    expect(shown).toBe(total);
    expect(total).toBeGreaterThan(500);
    const inDom = await s.page.getByTestId('ladder-row').count();
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(60);
    // Scrolling to the bottom brings the last packets in, and still only a window of rows.
    await s.page.getByTestId('ladder-list').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.dispatchEvent(new Event('scroll'));
    });
    await expect.poll(async () => (await rowLabels(s.page)).some((l) => l.includes('FIN'))).toBe(true);
    expect(await s.page.getByTestId('ladder-row').count()).toBeLessThan(60);
  });

  it('filters handshakes and signals', async () => {
    const [, total] = await counts(s.page);
    await s.page.getByText('Handshakes', { exact: true }).click();
    const [hs] = await counts(s.page);
    expect(hs).toBeGreaterThanOrEqual(6);
    expect(hs).toBeLessThan(total);
    const hsLabels = await rowLabels(s.page);
    expect(hsLabels.length).toBe(hs);
    for (const l of hsLabels) expect(l).toMatch(/SYN|MP_CAPABLE|MP_JOIN/);
    expect(hsLabels.filter((l) => l.includes('MP_JOIN')).length).toBe(3);

    await s.page.getByText('Signals', { exact: true }).click();
    const [sig] = await counts(s.page);
    expect(sig).toBeGreaterThan(0);
    for (const l of await rowLabels(s.page)) expect(l).toMatch(/FIN|RST|DATA_FIN|ADD_ADDR|REMOVE_ADDR|MP_PRIO|MP_FAIL|MP_FASTCLOSE|MP_TCPRST/);

    // The filter is a radio group: arrow keys move it.
    await s.page.getByTestId('ladder-filter-signals').focus();
    await s.page.keyboard.press('ArrowLeft');
    expect(await s.page.getByTestId('ladder-filter-handshakes').isChecked()).toBe(true);
    await s.page.getByText('All packets', { exact: true }).click();
    expect((await counts(s.page))[0]).toBe(total);
    expect(s.problems).toEqual([]);
  });

  it('selects a packet on click and seeks the clock to it', async () => {
    await s.page.getByTestId('ladder-list').evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    const row = s.page.getByTestId('ladder-row').nth(2);
    const id = await row.getAttribute('data-packet-id');
    const label = ((await row.textContent()) ?? '').trim();
    await row.click();
    expect(await selectedIds(s.page)).toEqual([id]);
    const t = Number(/^([\d.]+) s/.exec(label)?.[1]);
    expect(await cursorSeconds(s.page)).toBeCloseTo(t, 5);
    expect(await s.page.getByTestId('inspector-summary').innerText()).toContain(`packet ${id}`);
    // The list has the focus and points at the selected row.
    expect(await s.page.getByTestId('ladder-list').getAttribute('aria-activedescendant')).toBe(await row.getAttribute('id'));
    expect(s.problems).toEqual([]);
  });

  it('moves the selection with the keyboard: ↓ ↑ Home End', async () => {
    const list = s.page.getByTestId('ladder-list');
    await list.focus();
    const start = (await selectedIds(s.page))[0];
    await s.page.keyboard.press('ArrowDown');
    const next = (await selectedIds(s.page))[0];
    expect(next).not.toBe(start);
    const tNext = await cursorSeconds(s.page);
    await s.page.keyboard.press('ArrowUp');
    expect((await selectedIds(s.page))[0]).toBe(start);
    expect(await cursorSeconds(s.page)).toBeLessThanOrEqual(tNext);
    await s.page.keyboard.press('End');
    await expect.poll(async () => (await selectedIds(s.page)).length).toBe(1);
    const [, total] = await counts(s.page);
    expect(await s.page.locator('[data-testid=ladder-row][aria-selected=true]').getAttribute('aria-posinset')).toBe(String(total));
    await s.page.keyboard.press('Home');
    expect(await s.page.locator('[data-testid=ladder-row][aria-selected=true]').getAttribute('aria-posinset')).toBe('1');
    expect(await cursorSeconds(s.page)).toBe(0);
    expect(s.problems).toEqual([]);
  });

  it('follows the playback clock: the row at the cursor is highlighted and kept in view', async () => {
    const scrubber = s.page.getByTestId('timeline-scrubber');
    await scrubber.focus();
    await s.page.keyboard.press('End');
    await expect.poll(() => cursorSeconds(s.page)).toBeGreaterThan(0.5);
    // The last packets are in view and the last one is the current row.
    const [, total] = await counts(s.page);
    await expect
      .poll(() => s.page.locator('[data-testid=ladder-row].current').getAttribute('aria-posinset'))
      .toBe(String(total));
    await s.page.keyboard.press('Home');
    await expect.poll(() => cursorSeconds(s.page)).toBe(0);
    await expect.poll(() => s.page.locator('[data-testid=ladder-row].current').getAttribute('aria-posinset')).toBe('1');
    // Packets after the cursor are shown as not yet sent.
    expect(await s.page.locator('[data-testid=ladder-row].future').count()).toBeGreaterThan(5);
    expect(s.problems).toEqual([]);
  });

  it('has no serious or critical accessibility violation', async () => {
    expect(await seriousA11yViolations(s.page, '[data-testid=ladder]')).toEqual([]);
  });

  it('shows ADD_ADDR under the signals filter', async () => {
    await runScenario(s.page, ADD_ADDR_SCENARIO);
    await s.page.getByText('Signals', { exact: true }).click();
    const labels = await rowLabels(s.page);
    expect(labels.some((l) => /ADD_ADDR id=1 10\.0\.2\.2 hmac=0x[0-9a-f]{16}/.test(l))).toBe(true);
    expect(labels.some((l) => /ADD_ADDR echo id=1 10\.0\.2\.2/.test(l))).toBe(true);
    await viewShot(s.page, 'ladder', 'ladder-signals-en');
    await s.page.getByText('All packets', { exact: true }).click();
    expect(s.problems).toEqual([]);
  });

  it('is in Chinese after the language switch, and leaves screenshots in both languages and sizes', async () => {
    await s.page.getByTestId('reset').click();
    await runScenario(s.page);
    await s.page.getByTestId('ladder-row').nth(3).click();
    await viewShot(s.page, 'ladder', 'ladder-en');
    await s.page.setViewportSize(PHONE);
    await viewShot(s.page, 'ladder', 'ladder-en');
    await s.page.getByTestId('lang-zh').click();
    expect(await s.page.getByTestId('ladder').locator('h2').innerText()).toBe('梯形图');
    expect(await s.page.getByText('握手', { exact: true }).count()).toBe(1);
    expect(await s.page.getByTestId('ladder-count').innerText()).toMatch(/^显示 [\d,]+ \/ [\d,]+ 个数据包$/);
    expect((await rowLabels(s.page))[0]).toContain('秒，子流 1，客户端 → 服务器：');
    await viewShot(s.page, 'ladder', 'ladder-zh');
    // The phone layout fits the screen: no sideways scrolling.
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    expect(await seriousA11yViolations(s.page, '[data-testid=ladder]')).toEqual([]);
    await s.page.setViewportSize(DESKTOP);
    await viewShot(s.page, 'ladder', 'ladder-zh');
    expect(await seriousA11yViolations(s.page, '[data-testid=ladder]')).toEqual([]);
    await s.page.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });
});
