/**
 * Offline after one visit (issue 7, item 5): the first visit installs the service worker
 * (build/sw.js), which precaches every file of the build. Then the network is cut (Chromium's
 * offline mode) and the site is reloaded: the playground, a lesson with its embedded playground,
 * an exercise (checked, so its simulation runs) and the embed.html iframe route all work, and no
 * request fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { runAndWaitForTimeline } from './helpers/playback';

/** The precache list the build wrote into sw.js. */
function precacheFiles(): string[] {
  const sw = readFileSync(join(DIST_DIR, 'sw.js'), 'utf8');
  const m = /^self\.__PRECACHE = (.*);$/m.exec(sw);
  if (!m) throw new Error('dist/sw.js has no precache list');
  return (JSON.parse(m[1]) as { files: string[] }).files;
}

describe('offline after one visit', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('the first visit installs the service worker and precaches every file of the build', async () => {
    const files = precacheFiles();
    expect(files).toEqual(expect.arrayContaining(['./', './index.html', './embed.html', './docs/embedding.html', './embed/mptcp-playground.js']));
    expect(files.some((f) => /sim\.worker.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    const state = await s.page.evaluate(async () => {
      const within = <T,>(p: Promise<T>, what: string): Promise<T> =>
        Promise.race([p, new Promise<T>((_, no) => setTimeout(() => no(new Error(`no ${what} within 30 s`)), 30_000))]);
      const reg = await within(navigator.serviceWorker.ready, 'active service worker');
      // clients.claim() on activate: this page becomes controlled without a reload
      if (!navigator.serviceWorker.controller) await within(new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true })), 'controlling service worker');
      const sw = reg.active;
      if (sw && sw.state !== 'activated') await within(new Promise((ok) => sw.addEventListener('statechange', () => sw.state === 'activated' && ok(null))), 'activated state');
      const keys = (await caches.keys()).filter((k) => k.startsWith('mptcp-playground-'));
      const cache = await caches.open(keys[0]);
      return { active: reg.active?.state, keys, cached: (await cache.keys()).length };
    });
    expect(state.active).toBe('activated');
    expect(state.keys).toHaveLength(1);
    expect(state.cached).toBe(files.length);
  });

  it('with the network cut, the playground reloads and runs', async () => {
    await s.context.setOffline(true);
    const p = s.page;
    expect(await p.evaluate(() => navigator.onLine)).toBe(false);
    await p.reload({ waitUntil: 'load' });
    await runAndWaitForTimeline(p);
    expect(s.problems).toEqual([]);
  });

  it('with the network cut, a lesson loads and its embedded playground runs', async () => {
    const p = s.page;
    await p.evaluate(() => (location.hash = '#lessons/01-why-mptcp'));
    const lesson = p.getByTestId('lesson');
    await lesson.waitFor({ timeout: 30_000 });
    const embed = lesson.getByTestId('embedded-playground').first();
    await embed.getByTestId('embed-start').click();
    await embed.getByTestId('timeline').waitFor({ timeout: 60_000 });
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'offline-lesson.png') });
    expect(s.problems).toEqual([]);
  });

  it('with the network cut, an exercise loads and is checked by a run', async () => {
    const p = s.page;
    await p.evaluate(() => (location.hash = '#exercises/01-open-a-second-subflow'));
    const ex = p.getByTestId('exercise');
    await ex.waitFor({ timeout: 30_000 });
    await ex.getByTestId('exercise-check').click();
    await p.waitForFunction(() => document.querySelector('[data-testid=exercise-verdict]') !== null, undefined, { timeout: 60_000 });
    // the starting configuration does not solve it: graded, not passed
    expect(await ex.getByTestId('exercise-verdict').getAttribute('data-pass')).toBe('false');
    expect(s.problems).toEqual([]);
  });

  it('with the network cut, the iframe route opens with its query string and runs', async () => {
    const p = s.page;
    await p.goto(`${s.url}embed.html?scenario=handover&views=topology&lang=zh`, { waitUntil: 'load' });
    await p.getByTestId('timeline-scrubber').waitFor({ timeout: 60_000 });
    await p.getByTestId('topology').waitFor({ timeout: 30_000 });
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(s.problems).toEqual([]);
  });
});
