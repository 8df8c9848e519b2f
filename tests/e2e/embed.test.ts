/**
 * Embedding in a foreign page (issue 7, item 4): the built site is served on one origin (with CORS,
 * as a static host would), a host page on another origin (another port) uses both the
 * `<mptcp-playground>` element (script from the first origin) and the embed.html iframe. Both must
 * render their views, answer the API (load, seek, events), ignore messages from origins they were
 * not told about, and keep styles apart in both directions. Prints the embed bundle's gzip size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, DIST_DIR, SCREENSHOT_DIR } from './helpers/browser';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { seriousA11yViolations } from './helpers/axe';
import { embedSize } from '../../build/embed-size';
import { EMBED_DIR, EMBED_ENTRY } from '../../build/embed-build';

/** Target of the issue: the element's bundle up to its first render. */
const EMBED_BUDGET_GZIP = 150 * 1024;

const HOST_CSS = `
  * { color: rgb(255, 0, 0); font-family: serif; letter-spacing: 3px; }
  button { background: rgb(0, 255, 0); border: 5px solid rgb(0, 0, 255); font-size: 30px; }
  section, .card, .views { padding: 40px; background: rgb(255, 255, 0); }
  p.host { margin: 17px; }
`;

function hostPage(site: string, hostOrigin: string): string {
  const frameSrc = (origin: string, scenario: string): string =>
    `${site}embed.html?scenario=${scenario}&views=topology&lang=en&controls=timeline&parent-origin=${encodeURIComponent(origin)}`;
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"><style>${HOST_CSS}</style></head>
<body>
  <p class="host" id="host-p">Host paragraph</p>
  <button id="host-btn" type="button">Host button</button>
  <script>
    window.__headNodes = document.head.children.length;
    window.__events = [];
    window.__frameMsgs = { good: [], other: [] };
    window.__allMsgs = [];
    addEventListener('message', (e) => {
      window.__allMsgs.push({ origin: e.origin, type: e.data && e.data.type, src: e.source === window ? 'self' : [...document.querySelectorAll('iframe')].findIndex((f) => f.contentWindow === e.source) });
      const good = document.getElementById('fr-good'), other = document.getElementById('fr-other');
      if (good && e.source === good.contentWindow) window.__frameMsgs.good.push({ origin: e.origin, data: e.data });
      if (other && e.source === other.contentWindow) window.__frameMsgs.other.push({ origin: e.origin, data: e.data });
    });
  </script>
  <mptcp-playground id="el" scenario="handover" views="topology,ladder" controls="timeline"></mptcp-playground>
  <mptcp-playground id="el-bad" scenario="${hostOrigin}bad.json" views="topology"></mptcp-playground>
  <mptcp-playground id="el-none" scenario="plain-tcp" views="ladder,charts" controls="none" theme="dark" autoplay></mptcp-playground>
  <mptcp-playground id="el-full" scenario="plain-tcp" views="" controls="full"></mptcp-playground>
  <script>
    for (const type of ['mptcp-ready', 'mptcp-run', 'mptcp-time', 'mptcp-error'])
      document.addEventListener(type, (e) => window.__events.push({ id: e.target.id, type, detail: e.detail }));
  </script>
  <iframe id="fr-good" src="${frameSrc(hostOrigin.replace(/\/$/, ''), 'backup')}" style="width:900px;height:700px" title="good"></iframe>
  <iframe id="fr-other" src="${frameSrc('http://example.invalid', 'plain-tcp')}" style="width:900px;height:500px" title="other"></iframe>
  <script type="module" src="${site}${EMBED_DIR}/${EMBED_ENTRY}"></script>
</body>
</html>`;
}

interface HostEvent {
  id: string;
  type: string;
  detail: Record<string, unknown> | null;
}

describe('embedding in a page on another origin', () => {
  let site: StaticServer;
  let host: StaticServer;
  let hostDir: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const events = (): Promise<HostEvent[]> => page.evaluate(() => (window as unknown as { __events: HostEvent[] }).__events);
  const frameMsgs = (which: 'good' | 'other'): Promise<{ origin: string; data: { type: string; [k: string]: unknown } }[]> =>
    page.evaluate((w) => (window as unknown as { __frameMsgs: Record<string, never[]> }).__frameMsgs[w], which);
  const frameOf = async (id: string): Promise<Frame> => {
    const handle = await page.locator(`#${id}`).elementHandle();
    const f = await handle?.contentFrame();
    if (!f) throw new Error(`no frame #${id}`);
    return f;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    site = await serveStatic(DIST_DIR, { cors: true });
    hostDir = await mkdtemp(join(tmpdir(), 'mptcp-embed-host-'));
    host = await serveStatic(hostDir);
    expect(new URL(site.url).origin).not.toBe(new URL(host.url).origin);
    await writeFile(join(hostDir, 'index.html'), hostPage(site.url, host.url));
    await writeFile(join(hostDir, 'bad.json'), '{\n  "paths": [\n    { "delay_ms": 10, }\n  ]\n}\n');
    profile = await mkdtemp(join(tmpdir(), 'mptcp-playground-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
      locale: 'en-US',
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()} at ${msg.location().url}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? '?'})`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await page.goto(host.url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await site?.close();
    await host?.close();
    await rm(hostDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  it('reports the embed bundle size, within the budget', async () => {
    const size = await embedSize(join(DIST_DIR, EMBED_DIR), EMBED_ENTRY);
    console.log(
      `embed bundle: ${(size.initialGzip / 1024).toFixed(1)} KB gzip to first render (${size.initialFiles.join(', ')}); ${(size.lazyGzip / 1024).toFixed(1)} KB gzip lazy (views, gallery, worker)`,
    );
    expect(size.initialFiles).toContain(EMBED_ENTRY);
    expect(size.initialGzip).toBeLessThanOrEqual(EMBED_BUDGET_GZIP);
  });

  it('the custom element renders its views in a shadow root, in the host page’s language', async () => {
    await page.locator('#el [data-testid=timeline-scrubber]').waitFor({ timeout: 60_000 });
    await page.locator('#el [data-testid=topology]').waitFor({ timeout: 30_000 });
    await page.locator('#el [data-testid=ladder]').waitFor({ timeout: 30_000 });
    const inShadow = await page.evaluate(() => {
      const el = document.getElementById('el');
      return { shadow: !!el?.shadowRoot?.querySelector('[data-testid=timeline]'), light: el?.querySelector('[data-testid=timeline]') !== null };
    });
    expect(inShadow).toEqual({ shadow: true, light: false });
    // <html lang="zh-CN"> on the host, no lang attribute on the element: Chinese
    expect(await page.locator('#el [data-testid=embed]').getAttribute('aria-label')).toMatch(/^MPTCP 实验场：/);
    const ev = await events();
    expect(ev.filter((e) => e.id === 'el' && e.type === 'mptcp-ready')).toHaveLength(1);
    const run = ev.find((e) => e.id === 'el' && e.type === 'mptcp-run');
    expect(run?.detail).toMatchObject({ mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] });
    await page.locator('#el').screenshot({ path: join(SCREENSHOT_DIR, 'embed-element-foreign-host.png') });
  });

  it('the element answers its API: seek moves the cursor and reports the time, load runs another scenario', async () => {
    await page.evaluate(() => (document.getElementById('el') as HTMLElement & { seek(s: number): void }).seek(1.5));
    await page.waitForFunction(() => Number(document.getElementById('el')?.shadowRoot?.querySelector('[data-testid=timeline-scrubber]')?.getAttribute('aria-valuenow')) === 1.5);
    await page.waitForFunction(() => (window as unknown as { __events: HostEvent[] }).__events.some((e) => e.id === 'el' && e.type === 'mptcp-time' && e.detail?.t === 1.5));

    await page.evaluate(() => (document.getElementById('el') as HTMLElement & { load(v: string): Promise<void> }).load('plain-tcp'));
    await page.waitForFunction(() => (window as unknown as { __events: HostEvent[] }).__events.filter((e) => e.id === 'el' && e.type === 'mptcp-run').length >= 2, null, { timeout: 60_000 });
    const runs = (await events()).filter((e) => e.id === 'el' && e.type === 'mptcp-run');
    expect(runs.at(-1)?.detail).toMatchObject({ mptcp: false, subflows: 1, kinds: ['TCP'] });
    // a new run starts at 0
    expect(Number(await page.locator('#el [data-testid=timeline-scrubber]').getAttribute('aria-valuenow'))).toBe(0);
  });

  it('keyboard shortcuts work inside the shadow root (and only there)', async () => {
    const scrub = page.locator('#el [data-testid=timeline-scrubber]');
    const now = async (): Promise<number> => Number(await scrub.getAttribute('aria-valuenow'));
    await page.locator('#host-btn').focus();
    await page.keyboard.press('End');
    expect(await now()).toBe(0); // focus on the host page: not ours
    await page.locator('#el [data-testid=timeline] button').first().focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => {
      const sc = document.getElementById('el')?.shadowRoot?.querySelector('[data-testid=timeline-scrubber]');
      return Number(sc?.getAttribute('aria-valuenow')) > 0 && sc?.getAttribute('aria-valuenow') === sc?.getAttribute('aria-valuemax');
    });
    await page.keyboard.press('Home');
    await page.waitForFunction(() => Number(document.getElementById('el')?.shadowRoot?.querySelector('[data-testid=timeline-scrubber]')?.getAttribute('aria-valuenow')) === 0);
  });

  it('a bad scenario file gives a located error inside the element, not a crash', async () => {
    const el = page.locator('#el-bad');
    await el.locator('[data-testid=problems]').waitFor({ timeout: 60_000 });
    expect(await el.locator('[data-testid=problems]').textContent()).toMatch(/not valid JSON at line 3 column 23/);
    const err = (await events()).find((e) => e.id === 'el-bad' && e.type === 'mptcp-error');
    expect(JSON.stringify(err?.detail)).toMatch(/line 3/);
  });

  it('controls="none" shows only the views, autoplays, takes the theme, and names a bad option', async () => {
    const el = page.locator('#el-none');
    await el.locator('[data-testid=ladder]').waitFor({ timeout: 60_000 });
    expect(await el.locator('[data-testid=timeline]').count()).toBe(0);
    expect(await el.getByTestId('embed-option-problem').innerText()).toBe(
      '选项 views="ladder,charts" 已忽略；可用的值：topology, ladder, inspector, diagrams, console。',
    );
    // autoplay: the cursor moves without anyone asking
    await page.waitForFunction(() => (window as unknown as { __events: HostEvent[] }).__events.some((e) => e.id === 'el-none' && e.type === 'mptcp-time' && Number(e.detail?.t) > 0), null, { timeout: 30_000 });
    // theme="dark": the dark surface colour of app.css
    expect(await el.locator('[data-testid=ladder]').evaluate((n) => getComputedStyle(n).backgroundColor)).toBe('rgb(26, 32, 40)');
    expect(await page.locator('#el [data-testid=timeline]').evaluate((n) => getComputedStyle(n).backgroundColor)).toBe('rgb(255, 255, 255)');
  });

  it('controls="full" adds a Run again button that runs the scenario again', async () => {
    const el = page.locator('#el-full');
    await el.getByTestId('embed-rerun').waitFor({ timeout: 60_000 });
    expect(await el.locator('[data-testid=timeline]').count()).toBe(1);
    const runs = async (): Promise<number> => (await events()).filter((e) => e.id === 'el-full' && e.type === 'mptcp-run').length;
    expect(await runs()).toBe(1);
    await el.getByTestId('embed-rerun').click();
    await page.waitForFunction(() => (window as unknown as { __events: HostEvent[] }).__events.filter((e) => e.id === 'el-full' && e.type === 'mptcp-run').length === 2, null, { timeout: 60_000 });
  });

  it('styles do not leak in: the element keeps its own look under the host’s * and button rules', async () => {
    const inner = await page.evaluate(() => {
      const root = document.getElementById('el')?.shadowRoot;
      const btn = root?.querySelector('[data-testid=timeline] button') as HTMLElement;
      const sec = root?.querySelector('[data-testid=timeline]') as HTMLElement;
      const b = getComputedStyle(btn);
      const s = getComputedStyle(sec);
      return { color: b.color, bg: b.backgroundColor, border: b.borderTopWidth, fontSize: b.fontSize, font: b.fontFamily, spacing: b.letterSpacing, secBg: s.backgroundColor, secPad: s.paddingTop, secColor: s.color, secSpacing: s.letterSpacing, secFont: s.fontFamily };
    });
    expect(inner.color).not.toBe('rgb(255, 0, 0)');
    expect(inner.secColor).not.toBe('rgb(255, 0, 0)');
    expect(inner.bg).not.toBe('rgb(0, 255, 0)');
    expect(inner.border).not.toBe('5px');
    expect(inner.fontSize).not.toBe('30px');
    expect(inner.font).not.toBe('serif');
    expect(inner.font).toMatch(/system-ui/);
    expect(inner.spacing).toBe('normal');
    // inherited through the host element, which the page's * rule does reach
    expect(inner.secSpacing).toBe('normal');
    expect(inner.secFont).toMatch(/system-ui/);
    expect(inner.secBg).not.toBe('rgb(255, 255, 0)');
    expect(inner.secPad).not.toBe('40px');
  });

  it('styles do not leak out: the host’s elements and <head> are untouched', async () => {
    const outer = await page.evaluate(() => {
      const p = getComputedStyle(document.getElementById('host-p') as HTMLElement);
      const b = getComputedStyle(document.getElementById('host-btn') as HTMLElement);
      return {
        p: [p.color, p.fontFamily, p.margin, p.letterSpacing],
        b: [b.color, b.backgroundColor, b.borderTopWidth, b.fontSize],
        body: getComputedStyle(document.body).margin,
        headNodes: document.head.children.length,
        before: (window as unknown as { __headNodes: number }).__headNodes,
        documentStyles: document.querySelectorAll('style').length,
      };
    });
    expect(outer.p).toEqual(['rgb(255, 0, 0)', 'serif', '17px', '3px']);
    expect(outer.b).toEqual(['rgb(255, 0, 0)', 'rgb(0, 255, 0)', '5px', '30px']);
    expect(outer.body).toBe('8px'); // the browser's default: our body { margin: 0 } stayed inside
    expect(outer.headNodes).toBe(outer.before);
    expect(outer.documentStyles).toBe(1); // the host's own <style>
  });

  it('the iframe renders, reports its height and events to the allowed origin, and obeys its commands', async (ctx) => {
    ctx.onTestFailed(async () => {
      console.log('messages seen by the host:', JSON.stringify(await page.evaluate(() => (window as unknown as { __allMsgs: unknown[] }).__allMsgs)));
    });
    const f = await frameOf('fr-good');
    await f.locator('[data-testid=timeline-scrubber]').waitFor({ timeout: 60_000 });
    await f.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => (window as unknown as { __frameMsgs: { good: { data: { type: string } }[] } }).__frameMsgs.good.some((m) => m.data.type === 'mptcp-playground:run'), null, { timeout: 60_000 });
    const msgs = await frameMsgs('good');
    const siteOrigin = new URL(site.url).origin;
    expect(msgs.every((m) => m.origin === siteOrigin)).toBe(true);
    const types = msgs.map((m) => m.data.type);
    expect(types).toContain('mptcp-playground:ready');
    expect(types).toContain('mptcp-playground:height');
    // the height follows the content: small while simulating, then the timeline and topology
    const heights = msgs.filter((m) => m.data.type === 'mptcp-playground:height').map((m) => m.data.height as number);
    await page.waitForFunction(() => {
      const hs = (window as unknown as { __frameMsgs: { good: { data: { type: string; height?: number } }[] } }).__frameMsgs.good.filter((m) => m.data.type === 'mptcp-playground:height');
      return (hs.at(-1)?.data.height ?? 0) > 400;
    });
    const last = (await frameMsgs('good')).filter((m) => m.data.type === 'mptcp-playground:height').at(-1)?.data.height as number;
    expect(last).toBe(await f.evaluate(() => Math.ceil((document.getElementById('app') as HTMLElement).getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThan(0);
    expect(msgs.find((m) => m.data.type === 'mptcp-playground:run')?.data).toMatchObject({ mptcp: true, subflows: 2 });

    await page.evaluate((origin) => {
      (document.getElementById('fr-good') as HTMLIFrameElement).contentWindow?.postMessage({ type: 'mptcp-playground:seek', t: 0.7 }, origin);
    }, siteOrigin);
    await f.waitForFunction(() => Number(document.querySelector('[data-testid=timeline-scrubber]')?.getAttribute('aria-valuenow')) === 0.7);
    await page.waitForFunction(() => (window as unknown as { __frameMsgs: { good: { data: { type: string; t?: number } }[] } }).__frameMsgs.good.some((m) => m.data.type === 'mptcp-playground:time' && m.data.t === 0.7));

    await page.evaluate((origin) => {
      (document.getElementById('fr-good') as HTMLIFrameElement).contentWindow?.postMessage({ type: 'mptcp-playground:load', scenario: 'add-addr' }, origin);
    }, siteOrigin);
    await page.waitForFunction(() => (window as unknown as { __frameMsgs: { good: { data: { type: string } }[] } }).__frameMsgs.good.filter((m) => m.data.type === 'mptcp-playground:run').length >= 2, null, { timeout: 60_000 });
    const run2 = (await frameMsgs('good')).filter((m) => m.data.type === 'mptcp-playground:run').at(-1);
    expect(run2?.data).toMatchObject({ mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] });
    expect(await f.evaluate(() => document.documentElement.dataset.refusedMessages)).toBe('0');
    await page.locator('#fr-good').screenshot({ path: join(SCREENSHOT_DIR, 'embed-iframe-foreign-host.png') });
  });

  it('an iframe told another parent origin ignores our commands and sends us no events (only its height)', async () => {
    const f = await frameOf('fr-other');
    await f.locator('[data-testid=timeline-scrubber]').waitFor({ timeout: 60_000 });
    const before = Number(await f.locator('[data-testid=timeline-scrubber]').getAttribute('aria-valuenow'));
    await page.evaluate((origin) => {
      const w = (document.getElementById('fr-other') as HTMLIFrameElement).contentWindow;
      w?.postMessage({ type: 'mptcp-playground:seek', t: 0.9 }, origin);
      w?.postMessage({ type: 'mptcp-playground:play' }, origin);
    }, new URL(site.url).origin);
    await f.waitForFunction(() => document.documentElement.dataset.refusedMessages === '2');
    expect(Number(await f.locator('[data-testid=timeline-scrubber]').getAttribute('aria-valuenow'))).toBe(before);
    // its height still comes (to any parent): wait for it, then nothing else may have come
    await page.waitForFunction(() => (window as unknown as { __frameMsgs: { other: unknown[] } }).__frameMsgs.other.length > 0, null, { timeout: 60_000 });
    const types = (await frameMsgs('other')).map((m) => m.data.type);
    expect(new Set(types)).toEqual(new Set(['mptcp-playground:height']));
    // the allowed frame refused nothing, the element page had no errors
    expect(problems).toEqual([]);
  });

  it('the docs page shows both ways live, with snippets for this site, in English and Chinese', async () => {
    const docs = await context.newPage();
    const docProblems: string[] = [];
    docs.on('console', (msg) => {
      if (msg.type() === 'error') docProblems.push(msg.text());
    });
    docs.on('pageerror', (err) => docProblems.push(err.message));
    await docs.goto(`${site.url}docs/embedding.html`, { waitUntil: 'load' });
    await docs.locator('mptcp-playground [data-testid=ladder]').waitFor({ timeout: 60_000 });
    const f = await (await docs.getByTestId('docs-iframe').elementHandle())?.contentFrame();
    await f?.locator('[data-testid=topology]').waitFor({ timeout: 60_000 });
    expect(await docs.getByTestId('snippet-element').innerText()).toContain(`src="${site.url}embed/mptcp-playground.js"`);
    expect(await docs.getByTestId('snippet-iframe').innerText()).toContain(`${site.url}embed.html?scenario=handover`);
    await docs.getByRole('button', { name: 'Go to 1 s' }).click();
    await docs.waitForFunction(() => /mptcp-time \{"t":1\}/.test(document.querySelector('[data-testid=docs-last-event]')?.textContent ?? ''));
    expect(await seriousA11yViolations(docs, 'main')).toEqual([]);
    await docs.screenshot({ path: join(SCREENSHOT_DIR, 'embed-docs-en.png'), fullPage: true });
    await docs.getByTestId('lang-zh').click();
    await docs.locator('h1', { hasText: '嵌入 MPTCP 实验场' }).waitFor();
    await docs.waitForFunction(() => document.querySelector('mptcp-playground')?.shadowRoot?.querySelector('[data-testid=embed]')?.getAttribute('aria-label')?.startsWith('MPTCP 实验场'));
    await docs.locator('mptcp-playground [data-testid=ladder]').waitFor({ timeout: 60_000 });
    await docs.screenshot({ path: join(SCREENSHOT_DIR, 'embed-docs-zh.png'), fullPage: true });
    expect(docProblems).toEqual([]);
    await docs.close();
  });
});
