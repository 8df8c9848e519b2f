/**
 * Share links in Chromium: "Copy link" puts scenario + seed + interventions + view into the URL hash
 * (and the clipboard); opening that URL in a fresh page reproduces the exact run, cursor and diagram
 * selection included. Corrupt and hostile URLs (bad base64, truncated, wrong types, prototype
 * pollution, an invalid scenario, huge) each show a clear message and the default scenario, and the
 * page keeps working. axe on the message, no console error, screenshots EN/ZH × 1280×800/360×740.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { GALLERY, galleryText } from '../../src/ui/gallery/scenarios';
import { DEFAULT_SCENARIO_TEXT } from '../../src/ui/default-scenario';
import { MAX_LINK_CHARS, toBase64Url, type ShareErrorCode } from '../../src/ui/share';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** A good link's deflated JSON, cut in half. */
const deflated = new Uint8Array(
  await new Response(
    new Blob([new TextEncoder().encode(JSON.stringify({ v: 1, scenario: DEFAULT_SCENARIO_TEXT }))])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>),
  ).arrayBuffer(),
);
const truncatedDeflate = deflated.subarray(0, Math.floor(deflated.length / 2));

const jLink = (payload: unknown): string => `j.${toBase64Url(new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload)))}`;

async function waitForRun(page: Page): Promise<void> {
  await page.waitForFunction(
    () => /^(Done|完成)/.test(document.querySelector('[data-testid=status]')?.textContent ?? '') && document.querySelector('[data-testid=diagrams]') !== null,
    null,
    { timeout: 60_000 },
  );
}

/** What identifies the run on screen: editor, seed, cursor, results and the diagrams' selection. */
async function runOnScreen(p: Page): Promise<Record<string, string | null>> {
  return {
    text: await p.getByTestId('scenario-text').inputValue(),
    seed: await p.getByTestId('seed').inputValue(),
    t: await p.getByTestId('diagrams').getAttribute('data-t'),
    stats: await p.getByTestId('run-stats').innerText(),
    goodput: await p.getByTestId('goodput').getAttribute('data-value'),
    subflows: await p.locator('[data-testid=subflows] tbody').innerText(),
    conn: await p.getByTestId('diagram-connection-svg').getAttribute('data-current'),
    sub: await p.getByTestId('diagram-subflow-svg').getAttribute('data-current'),
    subHeading: await p.getByTestId('diagram-subflow').locator('h3').innerText(),
  };
}

/** Load `url` as a fresh document (not a same-document hash change). */
async function openFresh(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load' });
}

describe('share links', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.url).origin });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('copies a link that reopens the exact run: scenario, seed, cursor and diagram selection', async () => {
    const p = s.page;
    const g = GALLERY.find((x) => x.id === 'handover')!;
    await p.getByTestId('scenario-text').fill(galleryText(g));
    await p.getByTestId('seed').fill('5');
    await p.getByTestId('run').click();
    await waitForRun(p);
    // a cursor time and a diagram selection away from the defaults
    await p.getByTestId('diagram-side-server').click();
    const serverSocks = await p.getByTestId('diagram-subflow-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await p.getByTestId('diagram-subflow-select').selectOption(serverSocks[1]);
    await p.getByTestId('timeline-scrubber').focus();
    await p.keyboard.press('Home');
    for (let i = 0; i < 7; i++) await p.keyboard.press('Shift+ArrowRight');
    await p.keyboard.press('ArrowRight');
    const want = await runOnScreen(p);
    await p.getByTestId('share-copy').click();
    await expect.poll(() => p.getByTestId('share-status').innerText()).toMatch(/^Link copied/);
    const link = await p.getByTestId('share-link').inputValue();
    expect(link).toMatch(/#run=z\.[A-Za-z0-9_-]+$/);
    expect(p.url()).toBe(link);
    expect(await p.evaluate(() => navigator.clipboard.readText())).toBe(link);

    await openFresh(p, link);
    await waitForRun(p);
    await expect.poll(() => p.getByTestId('diagrams').getAttribute('data-t')).toBe(want.t);
    expect(await runOnScreen(p)).toEqual(want);
    expect(await p.getByTestId('diagram-side-server').getAttribute('aria-pressed')).toBe('true');
    expect(await p.getByTestId('share-problem').count()).toBe(0);
    expect(s.problems).toEqual([]);
  });

  it('carries the interventions made in the views', async () => {
    const p = s.page;
    // an intervention is an event marked by the playground; a link made with one reopens with it
    const g = GALLERY.find((x) => x.id === 'aggregation')!;
    const withIv = JSON.parse(galleryText(g));
    withIv.events = [{ at: 0.3, action: 'link_down', path: 2, side: 'client', note: 'playground intervention' }];
    await p.getByTestId('scenario-text').fill(`${JSON.stringify(withIv, null, 2)}\n`);
    await p.getByTestId('seed').fill('');
    await p.getByTestId('run').click();
    await waitForRun(p);
    const stats = await p.getByTestId('run-stats').innerText();
    await p.getByTestId('share-copy').click();
    const link = await p.getByTestId('share-link').inputValue();
    await openFresh(p, link);
    await waitForRun(p);
    expect(JSON.parse(await p.getByTestId('scenario-text').inputValue()).events).toEqual(withIv.events);
    expect(await p.getByTestId('run-stats').innerText()).toBe(stats);
    expect(await p.getByTestId('timeline-interventions').locator('li').count()).toBe(1);
    expect(s.problems).toEqual([]);
  });

  const corrupt: [string, string, ShareErrorCode][] = [
    ['bad base64', 'z.@@not*base64@@', 'bad-base64'],
    ['an unknown format', 'x.AAAA', 'bad-format'],
    ['truncated compressed data', `z.${toBase64Url(truncatedDeflate)}`, 'bad-compression'],
    ['text that is not JSON', jLink('{v:1, scenario: 5'), 'bad-json'],
    ['wrong types', jLink({ v: 1, scenario: DEFAULT_SCENARIO_TEXT, seed: 'seven', view: { t: -1 } }), 'bad-field'],
    ['a prototype-pollution key', jLink('{"v":1,"scenario":"{}","__proto__":{"polluted":true}}'), 'forbidden-key'],
    ['another version', jLink({ v: 9, scenario: DEFAULT_SCENARIO_TEXT }), 'bad-version'],
    ['an invalid scenario', jLink({ v: 1, scenario: '{"paths":[{"delay_ms":-5}],"app":{"bytes":1000},"colour":"blue"}' }), 'invalid-scenario'],
    ['a huge payload', `z.${'A'.repeat(MAX_LINK_CHARS + 10)}`, 'too-long'],
  ];

  for (const [what, value, code] of corrupt) {
    it(`a link with ${what} shows a clear message and the default scenario`, async () => {
      const p = s.page;
      await openFresh(p, `${s.url}#run=${value}`);
      const notice = p.getByTestId('share-problem');
      await notice.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await notice.getAttribute('data-code')).toBe(code);
      expect(await notice.locator('h2').innerText()).toBe('This link could not be opened');
      expect(await notice.innerText()).toContain('The default scenario is shown instead.');
      expect(await p.getByTestId('scenario-text').inputValue()).toBe(DEFAULT_SCENARIO_TEXT);
      expect(await p.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
      if (code === 'invalid-scenario') expect(await notice.innerText()).toContain('scenario.paths[0].delay_ms');
      expect(s.problems).toEqual([]);
    });
  }

  it('shows a clear message for each of 200 random corrupt links pasted into an open page, and never breaks', async () => {
    const p = s.page;
    await openFresh(p, s.url);
    await p.getByTestId('run').click();
    await waitForRun(p);
    await p.getByTestId('share-copy').click();
    const good = new URL(await p.getByTestId('share-link').inputValue()).hash.slice('#run='.length);
    let seed = 99;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const wrong: unknown[] = [null, 1, 'x', [], { v: 1 }, { v: 1, scenario: 1 }, { v: 1, scenario: '{}', seed: -2 }, { v: 1, scenario: '{}', view: { t: 'x' } }, { v: 2, scenario: '{}' }, { v: 1, scenario: '{"app":{}}' }];
    const values: string[] = [];
    for (let i = 0; i < 200; i++) {
      const k = i % 4;
      if (k === 0) values.push(good.slice(0, 2 + Math.floor(next() * (good.length - 3))));
      else if (k === 1) values.push(`${good.slice(0, 2 + Math.floor(next() * (good.length - 2)))}${'!*~ '[Math.floor(next() * 4)]}${good.slice(2 + Math.floor(next() * (good.length - 2)))}`);
      else if (k === 2) values.push(jLink(wrong[Math.floor(next() * wrong.length)]));
      else values.push(Array.from({ length: 1 + Math.floor(next() * 40) }, () => 'zj.AZaz09-_%!'[Math.floor(next() * 13)]).join(''));
    }
    for (const [i, value] of values.entries()) {
      if ((await p.getByTestId('share-problem').count()) > 0) await p.getByTestId('share-dismiss').click();
      await p.evaluate((v) => (location.hash = `run=${v}`), value);
      await p.getByTestId('share-problem').waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
        throw new Error(`no message for link #${i}: ${value.slice(0, 60)}`);
      });
      expect((await p.getByTestId('share-problem').innerText()).length).toBeGreaterThan(40);
    }
    // the page still runs what it had
    await p.getByTestId('share-dismiss').click();
    await p.getByTestId('run').click();
    await waitForRun(p);
    expect(s.problems).toEqual([]);
  });

  it('keeps working after a bad link: the message is accessible, dismissable, and the default scenario runs', async () => {
    const p = s.page;
    await openFresh(p, `${s.url}#run=${jLink({ v: 1, scenario: '{"paths": 3}' })}`);
    const notice = p.getByTestId('share-problem');
    await notice.waitFor({ state: 'visible' });
    expect(await seriousA11yViolations(p, '[data-testid=share-problem]')).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'share-problem-en-1280x800.png') });
    await p.setViewportSize(PHONE);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'share-problem-en-360x740.png') });
    await p.getByTestId('lang-zh').click();
    expect(await notice.locator('h2').innerText()).toBe('无法打开这个链接');
    expect(await seriousA11yViolations(p, '[data-testid=share-problem]')).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'share-problem-zh-360x740.png') });
    await p.setViewportSize(DESKTOP);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'share-problem-zh-1280x800.png') });
    await p.getByTestId('lang-en').click();
    await p.getByTestId('share-dismiss').click();
    expect(await notice.count()).toBe(0);
    expect(new URL(p.url()).hash).toBe('');
    await p.getByTestId('run').click();
    await waitForRun(p);
    expect(await p.getByTestId('stream-intact').getAttribute('data-value')).toBe('true');
    expect(s.problems).toEqual([]);
  });

  it('opens a link pasted into the address bar of an open page (a hash change)', async () => {
    const p = s.page;
    await p.getByTestId('share-copy').click();
    const good = await p.getByTestId('share-link').inputValue();
    await p.goto(`${s.url}#run=z.broken`);
    await p.getByTestId('share-problem').waitFor({ state: 'visible' });
    await p.goto(good);
    await p.getByTestId('share-problem').waitFor({ state: 'detached' });
    await waitForRun(p);
    expect(s.problems).toEqual([]);
  });

  it('the copy-link area is accessible, and shows the link in both languages', async () => {
    const p = s.page;
    expect(await seriousA11yViolations(p, '[data-testid=gallery-tools]')).toEqual([]);
    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('share-copy').innerText()).toBe('复制链接');
    await p.getByTestId('share-copy').click();
    await expect.poll(() => p.getByTestId('share-status').innerText()).toMatch(/^链接已复制/);
    await p.getByTestId('share-copy').scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'share-zh-1280x800.png') });
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });
});
