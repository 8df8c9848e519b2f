/**
 * Browser-test harness: Debian's Chromium driven by playwright-core (no downloaded browsers), the
 * built app served from dist/ by a local static server, and every console error, page error, failed
 * request or 404 collected so a test can fail on any of them.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic, type StaticServer } from './static-server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built app; E2E_DIST points elsewhere so parallel builds (`vite build --outDir X`) do not collide. */
export const DIST_DIR = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : resolve(import.meta.dirname, '../../../dist');
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-artifacts/screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Base URL of the served dist/. */
  url: string;
  /** Console errors, uncaught page errors, failed requests and 404s, in order. */
  problems: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** navigator.language and Accept-Language of the page. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Expert views (ExpertViews.svelte ids) switched on before the page loads, e.g. ['throughput']; 'all' for every one. */
  expertViews?: string[] | 'all';
}

/** Every expert view id (src/ui/components/ExpertViews.svelte). */
export const EXPERT_VIEWS = ['seq-graph', 'subflow-seq', 'mapping', 'throughput', 'windows', 'reorder', 'sched', 'pm-timeline', 'ab'];

/** Launch Chromium with a fresh profile, serve dist/, and open the app in a new page. */
export async function openApp(opts: OpenOptions = {}): Promise<AppSession> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`${DIST_DIR}/index.html is missing: run \`npm run build\` first (npm run test:e2e does)`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const server: StaticServer = await serveStatic(DIST_DIR);
  const profile = await mkdtemp(join(tmpdir(), 'mptcp-playground-chromium-'));
  let context: BrowserContext;
  try {
    // A fresh --user-data-dir per session. Playwright refuses that flag in launch() args and takes
    // it as launchPersistentContext's first argument instead, which passes it to Chromium.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      locale: opts.locale ?? 'en-US',
      colorScheme: opts.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
  } catch (e) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.stack ?? err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? '?'})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  if (opts.expertViews) {
    const ids = opts.expertViews === 'all' ? EXPERT_VIEWS : opts.expertViews;
    await context.addInitScript((v) => localStorage.setItem('mptcp-playground.expert-views', v), JSON.stringify(ids));
  }
  await page.goto(server.url, { waitUntil: 'load' });
  return {
    context,
    page,
    url: server.url,
    problems,
    close: async () => {
      await context.close().catch(() => undefined);
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
