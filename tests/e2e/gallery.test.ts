/**
 * The scenario gallery and scenario files in Chromium: the dialog opens from the keyboard and
 * closes with Escape, every gallery scenario loads into the editor and runs with the subflows it
 * promises, import runs a file (and lists a bad file's problems with their JSON paths, refuses a
 * file over the size limit), export downloads the editor's text; axe with no serious/critical
 * violation in both languages, no console error, screenshots EN/ZH × 1280×800/360×740.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { GALLERY, galleryText } from '../../src/ui/gallery/scenarios';
import { MAX_SCENARIO_BYTES } from '../../src/core/scenario';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** Wait for a run started just now to be on screen (its stats line differs from `before`). */
async function waitForNewRun(page: Page, before: string): Promise<void> {
  await page.waitForFunction(
    (b) => {
      const stats = document.querySelector('[data-testid=run-stats]')?.textContent ?? '';
      const status = document.querySelector('[data-testid=status]')?.textContent ?? '';
      return stats !== b && /^(Done|完成)/.test(status);
    },
    before,
    { timeout: 60_000 },
  );
}

async function stats(page: Page): Promise<string> {
  const s = page.getByTestId('run-stats');
  return (await s.count()) === 0 ? '' : s.innerText();
}

describe('scenario gallery', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens from the keyboard, lists every scenario with its explanation, closes with Escape', async () => {
    const p = s.page;
    await p.getByTestId('gallery-open').focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByTestId('gallery');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('h2').innerText()).toBe('Scenario gallery');
    expect(await p.getByTestId('gallery-entry').count()).toBe(GALLERY.length);
    expect(await dialog.innerText()).toContain('Seamless handover');
    expect(await dialog.innerText()).toContain('Best network selection with a backup path');
    expect(await dialog.innerText()).toContain('Bandwidth aggregation');
    expect(await seriousA11yViolations(p, '[data-testid=gallery]')).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'gallery-en-1280x800.png') });
    await p.setViewportSize(PHONE);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'gallery-en-360x740.png') });
    await p.setViewportSize(DESKTOP);
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(s.problems).toEqual([]);
  });

  it('is in Chinese too', async () => {
    const p = s.page;
    await p.getByTestId('lang-zh').click();
    await p.getByTestId('gallery-open').click();
    const dialog = p.getByTestId('gallery');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('h2').innerText()).toBe('场景库');
    expect(await dialog.innerText()).toContain('无缝切换');
    expect(await seriousA11yViolations(p, '[data-testid=gallery]')).toEqual([]);
    await p.setViewportSize(PHONE);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'gallery-zh-360x740.png') });
    await p.setViewportSize(DESKTOP);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'gallery-zh-1280x800.png') });
    await p.getByTestId('gallery-close').click();
    await dialog.waitFor({ state: 'hidden' });
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  for (const g of GALLERY) {
    it(`loads and runs “${g.id}”: ${g.expected.subflows} subflow(s), MPTCP ${g.expected.mptcp ? 'used' : 'not used'}`, async () => {
      const p = s.page;
      const before = await stats(p);
      await p.getByTestId('gallery-open').click();
      await p.getByTestId(`gallery-load-${g.id}`).click();
      await p.getByTestId('gallery').waitFor({ state: 'hidden' });
      expect(await p.getByTestId('scenario-text').inputValue()).toBe(galleryText(g));
      await waitForNewRun(p, before);
      expect(await p.getByTestId('gallery-message').innerText()).toContain('Loaded');
      expect(await p.locator('[data-testid=subflows] tbody tr').count()).toBe(g.expected.subflows);
      const kinds = await p.locator('[data-testid=subflows] tbody tr').allInnerTexts();
      g.expected.kinds.forEach((k, i) => expect(kinds[i]).toContain(k));
      expect(await p.getByTestId('stream-intact').getAttribute('data-value')).toBe('true');
      expect(await p.locator('[data-testid=checks] li').allInnerTexts()).not.toContainEqual(expect.stringMatching(/^fail/));
      // the state diagrams tell the same story at the end of the run
      await p.getByTestId('timeline-scrubber').focus();
      await p.keyboard.press('End');
      if (g.id === 'plain-tcp') expect(await p.getByTestId('diagram-connection-empty').isVisible()).toBe(true);
      else expect(await p.getByTestId('diagram-connection-current').isVisible()).toBe(true);
      if (g.id === 'middlebox-fallback') expect(await p.getByTestId('diagram-fallback').innerText()).toContain('SYN/ACK without MP_CAPABLE');
      expect(s.problems).toEqual([]);
    });
  }

  it('imports a scenario file and runs it', async () => {
    const p = s.page;
    const before = await stats(p);
    const text = galleryText(GALLERY[2]).replace('"bytes": 2000000', '"bytes": 500000');
    await p.getByTestId('scenario-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await waitForNewRun(p, before);
    expect(await p.getByTestId('scenario-text').inputValue()).toBe(text);
    expect(await p.getByTestId('gallery-message').innerText()).toBe('Imported mine.json.');
    expect(await p.getByTestId('bytes-received').innerText()).toContain('500,000');
    expect(s.problems).toEqual([]);
  });

  it('lists the problems of an imported file with their JSON paths', async () => {
    const p = s.page;
    const bad = JSON.stringify({ name: 'bad', paths: [{ delay_ms: -5 }], app: { bytes: 1000 }, colour: 'blue' });
    await p.getByTestId('scenario-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await p.getByTestId('problems').waitFor({ state: 'visible', timeout: 60_000 });
    const paths = await p.getByTestId('problem-path').allInnerTexts();
    expect(paths).toContain('scenario.paths[0].delay_ms');
    expect(paths).toContain('scenario.colour');
    await p.getByTestId('scenario-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "paths": [\n}') });
    await p.waitForFunction(() => /line 3/.test(document.querySelector('[data-testid=problems]')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(s.problems).toEqual([]);
  });

  it('lists the problems of 100 random corrupt scenario files, one after the other, and keeps working', async () => {
    const p = s.page;
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const good = galleryText(GALLERY[0]);
    const wrong = ['[]', 'null', '"text"', '{}', '{"paths": 1, "app": {}}', '{"paths": [{"delay_ms": "far"}], "app": {"bytes": -1}}', '{"__proto__": {"x": 1}, "paths": [{}], "app": {"bytes": 1}}'];
    for (let i = 0; i < 100; i++) {
      const k = i % 3;
      const text =
        k === 0
          ? good.slice(0, Math.floor(next() * (good.length - 2)))
          : k === 1
            ? wrong[Math.floor(next() * wrong.length)]
            : Array.from({ length: 1 + Math.floor(next() * 80) }, () => String.fromCharCode(Math.floor(next() * 0x3000))).join('');
      await p.getByTestId('scenario-file').setInputFiles({ name: `corrupt-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect.poll(() => p.getByTestId('gallery-message').innerText()).toBe(`Imported corrupt-${i}.json.`);
      await p.waitForFunction(() => /^Not run/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 30_000 });
      expect(await p.getByTestId('problem-path').count(), text.slice(0, 60)).toBeGreaterThan(0);
    }
    expect(s.problems).toEqual([]);
  });

  it('refuses a file over the scenario size limit without reading it into the editor', async () => {
    const p = s.page;
    const editor = await p.getByTestId('scenario-text').inputValue();
    await p.getByTestId('scenario-file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(MAX_SCENARIO_BYTES + 1, 0x20) });
    await expect.poll(() => p.getByTestId('gallery-message').innerText()).toContain('huge.json is too large');
    expect(await p.getByTestId('scenario-text').inputValue()).toBe(editor);
    expect(s.problems).toEqual([]);
  });

  it('exports the editor’s scenario as a file named after it', async () => {
    const p = s.page;
    await p.getByTestId('scenario-text').fill(galleryText(GALLERY[5]));
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('scenario-export').click()]);
    expect(download.suggestedFilename()).toBe('gallery-plain-tcp.json');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(galleryText(GALLERY[5]));
    expect(s.problems).toEqual([]);
  });
});
