/**
 * The packet inspector in Chromium: a packet selected in the ladder shows its header fields and
 * MPTCP options as an ARIA tree next to its bytes; hovering or focusing a field highlights exactly
 * its bytes, hovering a byte marks its field, and both panes work from the keyboard. No console
 * error, no serious or critical axe violation; screenshots in EN and ZH at 1280×800 and 360×740 go
 * to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { ADD_ADDR_SCENARIO, runScenario, viewShot } from './helpers/views';
import { seriousA11yViolations } from './helpers/axe';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };



/** Select the first ladder row (under `filter`) whose text matches `re`. */
async function selectRow(page: Page, filter: 'all' | 'handshakes' | 'signals', re: RegExp): Promise<void> {
  await page.getByTestId(`ladder-filter-${filter}`).check({ force: true });
  // The filter re-renders the list: wait for a matching row (a locator, so a row read before the
  // re-render is never the one clicked), and say which rows there were if none matches.
  const rows = page.getByTestId('ladder-row');
  const row = rows.filter({ hasText: re }).first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    const texts = await rows.evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ')));
    throw new Error(`no ladder row matches ${re}: ${texts.join('\n')}`);
  }
  await row.click();
  await page.getByTestId('inspector-tree').waitFor();
}

/** The tree item whose own text (not its children's) matches `re`. */
async function treeItem(page: Page, re: RegExp): Promise<string> {
  const ids = await page.getByTestId('tree-item').evaluateAll(
    (els, src) => {
      const r = new RegExp(src);
      return els.filter((e) => r.test(e.querySelector(':scope > .item > .text')?.textContent ?? '')).map((e) => e.getAttribute('data-node-id') ?? '');
    },
    re.source,
  );
  if (ids.length === 0) throw new Error(`no tree item matches ${re}`);
  return ids[0];
}

const item = (page: Page, id: string) => page.locator(`[data-testid=tree-item][data-node-id="${id}"]`);
const itemRow = (page: Page, id: string) => item(page, id).locator(':scope > .item');

/** Hex digits of the highlighted bytes, in order. */
async function highlighted(page: Page): Promise<string[]> {
  return page.locator('[data-testid=hex-byte].hl').allInnerTexts();
}


describe('packet inspector', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
    await runScenario(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('asks for a packet until one is selected', async () => {
    expect(await s.page.getByTestId('inspector-empty').isVisible()).toBe(true);
    expect(s.problems).toEqual([]);
  });

  it('shows MP_CAPABLE fully decoded, and hovering the key highlights its 8 bytes', async () => {
    await selectRow(s.page, 'handshakes', /\[SYN, ACK\] MP_CAPABLE/);
    expect(await s.page.getByTestId('inspector-summary').innerText()).toMatch(/^Frame \d+ of capture\.pcapng · packet \d+ · \d+ bytes · (cli|srv)-p1/);
    await s.page.getByTestId('inspector-expand-all').click();
    const key = await treeItem(s.page, /^Sender's Key: 0x[0-9a-f]{16}$/);
    const keyText = ((await itemRow(s.page, key).innerText()).match(/0x([0-9a-f]{16})/) ?? [])[1];
    await itemRow(s.page, key).hover();
    const bytes = await highlighted(s.page);
    expect(bytes).toHaveLength(8);
    expect(bytes.join('')).toBe(keyText);
    // Bit fields are drawn as Wireshark does.
    expect(await itemRow(s.page, await treeItem(s.page, /Multipath TCP subtype/)).innerText()).toContain('0000 .... = Multipath TCP subtype: MP_CAPABLE (0)');
    expect(await itemRow(s.page, await treeItem(s.page, /H: Use HMAC-SHA256/)).innerText()).toContain('.... ...1 = H: Use HMAC-SHA256: Set');
    // Token and IDSN come from the key.
    expect(await s.page.getByTestId('inspector-tree').innerText()).toMatch(/\[Token \(from this key\): 0x[0-9a-f]{8}\]/);
    await s.page.getByTestId('inspector-collapse-all').click();
    expect(await s.page.getByTestId('tree-item').count()).toBe(4); // frame, Ethernet, IPv4, TCP: a SYN/ACK has no payload
    await s.page.mouse.move(0, 0);
    expect(s.problems).toEqual([]);
  });

  it('shows MP_JOIN token and nonce on their bytes', async () => {
    await selectRow(s.page, 'handshakes', /\[SYN\] MP_JOIN token=/);
    const token = await treeItem(s.page, /^Receiver's Token: 0x[0-9a-f]{8}$/);
    const tokenHex = ((await itemRow(s.page, token).innerText()).match(/0x([0-9a-f]{8})/) ?? [])[1];
    await itemRow(s.page, token).hover();
    expect((await highlighted(s.page)).join('')).toBe(tokenHex);
    const nonce = await treeItem(s.page, /^Sender's Random Number \(nonce\): 0x[0-9a-f]{8}$/);
    await itemRow(s.page, nonce).hover();
    expect(await highlighted(s.page)).toHaveLength(4);
    await s.page.mouse.move(0, 0);
    expect(s.problems).toEqual([]);
  });

  it('hovering a byte marks its field in the tree and names it', async () => {
    await selectRow(s.page, 'all', /DSS DATA_ACK=\d+ dsn=\d+ ssn=\d+ len=1424/);
    const dsn = await treeItem(s.page, /^Data Sequence Number \(DSN\): \d+$/);
    await itemRow(s.page, dsn).hover();
    const hl = s.page.locator('[data-testid=hex-byte].hl');
    expect(await hl.count()).toBe(8);
    const firstOff = await hl.first().getAttribute('data-off');
    await s.page.mouse.move(0, 0);
    await s.page.locator(`[data-testid=hex-byte][data-off="${firstOff}"]`).hover();
    expect(await itemRow(s.page, dsn).getAttribute('class')).toContain('linked');
    expect(await s.page.getByTestId('inspector-byte-status').innerText()).toMatch(/^Byte 0x[0-9a-f]{4} = 0x[0-9a-f]{2}: Data Sequence Number \(DSN\)$/);
    // The relative DSN is derived, not in the bytes.
    expect(await s.page.getByTestId('inspector-tree').innerText()).toMatch(/\[Data Sequence Number \(relative\): \d+\]/);
    await s.page.mouse.move(0, 0);
    expect(s.problems).toEqual([]);
  });

  it('is a keyboard-operable ARIA tree: ↓ ↑ → ← move, open and close; focus highlights bytes', async () => {
    const tree = s.page.getByTestId('inspector-tree');
    expect(await tree.getAttribute('role')).toBe('tree');
    // One tab stop: the tree's first item.
    const first = s.page.locator('[data-testid=tree-item][tabindex="0"]');
    expect(await first.count()).toBe(1);
    await first.focus();
    const focusedId = () => s.page.evaluate(() => document.activeElement?.getAttribute('data-node-id') ?? null);
    expect(await focusedId()).toBe('frame');
    await s.page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe('eth');
    expect(await item(s.page, 'eth').getAttribute('aria-expanded')).toBe('false');
    await s.page.keyboard.press('ArrowRight');
    expect(await item(s.page, 'eth').getAttribute('aria-expanded')).toBe('true');
    await s.page.keyboard.press('ArrowRight');
    expect(await focusedId()).toBe('eth.dst');
    expect(await highlighted(s.page)).toHaveLength(6);
    await s.page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe('eth.src');
    await s.page.keyboard.press('ArrowLeft');
    expect(await focusedId()).toBe('eth');
    expect(await highlighted(s.page)).toHaveLength(14);
    await s.page.keyboard.press('ArrowLeft');
    expect(await item(s.page, 'eth').getAttribute('aria-expanded')).toBe('false');
    await s.page.keyboard.press('End');
    expect(await focusedId()).toBe('payload');
    await s.page.keyboard.press('Home');
    expect(await focusedId()).toBe('frame');
    expect(await item(s.page, 'eth').getAttribute('aria-level')).toBe('1');
    expect(s.problems).toEqual([]);
  });

  it('moves a byte cursor with the keyboard and opens the field under it with Enter', async () => {
    const hex = s.page.getByTestId('inspector-hex');
    await hex.focus();
    // Byte 0x0e is the IPv4 version / header length byte; a line down (16 bytes) is the destination address.
    for (let i = 0; i < 14; i++) await s.page.keyboard.press('ArrowRight');
    expect(await s.page.getByTestId('inspector-byte-status').innerText()).toMatch(/^Byte 0x000e = 0x45: /);
    await s.page.keyboard.press('ArrowDown');
    expect(await s.page.getByTestId('inspector-byte-status').innerText()).toMatch(/^Byte 0x001e = /);
    await s.page.keyboard.press('Enter');
    const id = await s.page.evaluate(() => document.activeElement?.getAttribute('data-node-id') ?? null);
    expect(id).toBe('ip.dst');
    expect(await item(s.page, 'ip').getAttribute('aria-expanded')).toBe('true');
    expect(s.problems).toEqual([]);
  });

  it('shows the whole frame on request', async () => {
    const total = Number((await s.page.getByTestId('inspector-summary').innerText()).match(/([\d,]+) bytes/)?.[1].replace(/,/g, ''));
    expect(total).toBeGreaterThan(1400);
    expect(await s.page.getByTestId('hex-byte').count()).toBeLessThan(total);
    await s.page.getByTestId('inspector-show-all').click();
    expect(await s.page.getByTestId('hex-byte').count()).toBe(total);
    await s.page.getByTestId('inspector-show-all').click();
    expect(s.problems).toEqual([]);
  });

  it('has no serious or critical accessibility violation', async () => {
    expect(await seriousA11yViolations(s.page, '[data-testid=inspector]')).toEqual([]);
  });

  it('decodes ADD_ADDR: address, id and truncated HMAC on their bytes', async () => {
    await runScenario(s.page, ADD_ADDR_SCENARIO);
    await selectRow(s.page, 'signals', /ADD_ADDR id=1 10\.0\.2\.2 hmac=/);
    const addr = await treeItem(s.page, /^IPv4 address: 10\.0\.2\.2$/);
    await itemRow(s.page, addr).hover();
    expect(await highlighted(s.page)).toEqual(['0a', '00', '02', '02']);
    const hmac = await treeItem(s.page, /^Truncated HMAC: 0x[0-9a-f]{16}$/);
    const hmacHex = ((await itemRow(s.page, hmac).innerText()).match(/0x([0-9a-f]{16})/) ?? [])[1];
    await itemRow(s.page, hmac).hover();
    expect((await highlighted(s.page)).join('')).toBe(hmacHex);
    // Captured on both sides: either record can be shown.
    const points = s.page.locator('[data-testid^=inspector-capture-]');
    if ((await points.count()) === 2) {
      await points.nth(1).check();
      expect(await s.page.getByTestId('inspector-summary').innerText()).toMatch(/(cli|srv)-p\d \((inbound|outbound)\)/);
    }
    await s.page.mouse.move(0, 0);
    await viewShot(s.page, 'inspector', 'inspector-add-addr-en');
    expect(await seriousA11yViolations(s.page, '[data-testid=inspector]')).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('speaks Chinese after the language switch, and leaves screenshots in both languages and sizes', async () => {
    await s.page.getByTestId('reset').click();
    await runScenario(s.page);
    await selectRow(s.page, 'all', /\[ACK\] MP_CAPABLE v1 \[H\] key=0x[0-9a-f]{16} peer-key=0x[0-9a-f]{16} len=/);
    const key = await treeItem(s.page, /^Receiver's Key: /);
    // Focus (not hover) the field for the pictures: the pointer would land elsewhere once the page scrolls.
    const focusKey = async (): Promise<void> => {
      await s.page.mouse.move(0, 0);
      await item(s.page, key).focus();
    };
    await focusKey();
    expect(await highlighted(s.page)).toHaveLength(8);
    await viewShot(s.page, 'inspector', 'inspector-en');
    await s.page.setViewportSize(PHONE);
    await focusKey();
    await viewShot(s.page, 'inspector', 'inspector-en');
    await s.page.getByTestId('lang-zh').click();
    expect(await s.page.getByTestId('inspector').locator('h2').innerText()).toBe('数据包检查器');
    const tree = await s.page.getByTestId('inspector-tree').innerText();
    expect(tree).toContain('发送方密钥');
    expect(tree).toContain('TCP 选项 - 多路径TCP：MP_CAPABLE');
    expect(tree).toContain('传输控制协议 (TCP)');
    await focusKey();
    await viewShot(s.page, 'inspector', 'inspector-zh');
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    expect(await seriousA11yViolations(s.page, '[data-testid=inspector]')).toEqual([]);
    await s.page.setViewportSize(DESKTOP);
    await focusKey();
    await viewShot(s.page, 'inspector', 'inspector-zh');
    await s.page.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });
});
