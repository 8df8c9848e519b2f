/**
 * Issue 5, Acceptance: "The handover scenario played in the browser shows the same subflows and the
 * same stall as `npm run sim` on the same scenario (the page and the CLI read the same trace)."
 *
 * The gallery's handover scenario (loaded from the gallery dialog) and kernel-ref's b_handover.json
 * (imported as a file) are run and played in Chromium; the page's subflow table (stream, four-tuple,
 * kind), the ladder's subflow legend and the summary's longest pause in the data are compared, to
 * the last digit, with summary.json written by `npm run sim` (cli/sim.ts in a child process) on the
 * same text with the same seed (the scenario's own: the page's seed field stays empty).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { cursor, runEnd } from './helpers/playback';
import { GALLERY, galleryText } from '../../src/ui/gallery/scenarios';
import { formatSeconds } from '../../src/ui/format';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const KERNEL_REF_HANDOVER = resolve(REPO_ROOT, '../shared/kernel-ref/scenarios/b_handover.json');

interface SubflowSeen {
  stream: number;
  client: string;
  server: string;
  kind: string;
}

interface CliSummary {
  subflows: { stream: number; kind: string; four_tuple: { client_ip: string; client_port: number; server_ip: string; server_port: number } }[];
  data_gaps_top: { start_t: number; end_t: number; gap_s: number }[];
}

/** `npm run sim -- scenario.json --out DIR` on `text`; its summary.json. */
function npmRunSim(text: string): CliSummary {
  const dir = mkdtempSync(join(tmpdir(), 'mptcp-handover-'));
  try {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, text);
    const r = spawnSync('npx', ['tsx', 'cli/sim.ts', file, '--out', join(dir, 'out'), '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    // 0: ok; 1: a failed `expect` check (the outputs are written all the same)
    expect([0, 1], r.stderr).toContain(r.status);
    return JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')) as CliSummary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first run of a fresh page is on screen. */
async function waitForFirstRun(page: Page): Promise<void> {
  await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.getByTestId('views').waitFor({ timeout: 60_000 });
}

/** Play the run to its end at 100×. */
async function playToEnd(page: Page): Promise<void> {
  await page.getByTestId('timeline-speed').selectOption('100');
  await page.getByTestId('timeline-play').click();
  await expect.poll(() => cursor(page), { timeout: 30_000 }).toBe(await runEnd(page));
}

/** The rows of the page's subflow table. */
function subflowTable(page: Page): Promise<SubflowSeen[]> {
  return page.locator('[data-testid=subflows] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const tuple = [...tr.querySelectorAll('td.tuple code')].map((c) => c.textContent ?? '');
      return {
        stream: Number(tr.querySelector('th')?.textContent),
        client: tuple[0],
        server: tuple[1],
        kind: tr.querySelectorAll('td')[1]?.textContent?.trim() ?? '',
      };
    }),
  );
}

/** Compare everything the page shows about the run with the CLI's summary of the same scenario. */
async function expectSameAsCli(page: Page, text: string, linkDownAt: number): Promise<void> {
  const cli = npmRunSim(text);
  const expected: SubflowSeen[] = cli.subflows.map((sf) => ({
    stream: sf.stream,
    client: `${sf.four_tuple.client_ip}:${sf.four_tuple.client_port}`,
    server: `${sf.four_tuple.server_ip}:${sf.four_tuple.server_port}`,
    kind: sf.kind,
  }));
  expect(expected.map((e) => e.kind)).toEqual(['MP_CAPABLE', 'MP_JOIN']);

  // the same subflows: the summary's table and the ladder (drawn from the trace's captures)
  expect(await subflowTable(page)).toEqual(expected);
  const legend = await page.locator('[data-testid=ladder-legend] li').allInnerTexts();
  expect(legend).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    expect(legend[i]).toContain(`${e.client} ⇄ ${e.server}`);
    expect(legend[i]).toContain(e.kind);
  });

  // the same stall: the longest pause between two payload packets in the data direction
  const top = cli.data_gaps_top[0];
  expect(top.start_t).toBeGreaterThanOrEqual(linkDownAt); // the handover is what stalls the data
  const gap = page.getByTestId('longest-gap');
  expect(Number(await gap.getAttribute('data-gap'))).toBe(top.gap_s);
  expect(Number(await gap.getAttribute('data-start'))).toBe(top.start_t);
  expect(Number(await gap.getAttribute('data-end'))).toBe(top.end_t);
  const shown = await gap.innerText();
  const s = (v: number): string => formatSeconds('en-US', v);
  expect(shown).toContain(`${s(top.gap_s)} s`);
  expect(shown).toContain(`from ${s(top.start_t)} s to ${s(top.end_t)} s`);
}

describe('handover: the page and `npm run sim` read the same trace', () => {
  let s: AppSession;

  beforeEach(async () => {
    s = await openApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  });

  afterEach(async () => {
    await s?.close();
  });

  it('the gallery’s handover scenario: same subflows, same longest stall', async () => {
    const p = s.page;
    const handover = GALLERY.find((g) => g.id === 'handover')!;
    await p.getByTestId('gallery-open').click();
    await p.getByTestId('gallery-load-handover').click();
    await waitForFirstRun(p);
    const text = await p.getByTestId('scenario-text').inputValue();
    expect(text).toBe(galleryText(handover));
    await playToEnd(p);
    await expectSameAsCli(p, text, 0.5);

    // the summary with its longest pause, in both languages
    const results = p.locator('section.results');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    expect(await seriousA11yViolations(p, 'section.results')).toEqual([]);
    await results.screenshot({ path: join(SCREENSHOT_DIR, 'summary-handover-en-1280x800.png') });
    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('longest-gap').innerText()).toMatch(/^[\d.]+ 秒\s+从 [\d.]+ 秒到 [\d.]+ 秒$/);
    expect(await seriousA11yViolations(p, 'section.results')).toEqual([]);
    await results.screenshot({ path: join(SCREENSHOT_DIR, 'summary-handover-zh-1280x800.png') });
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  it.skipIf(!existsSync(KERNEL_REF_HANDOVER))('kernel-ref’s b_handover.json imported as a file: same subflows, same longest stall', async () => {
    const p = s.page;
    const text = readFileSync(KERNEL_REF_HANDOVER, 'utf8');
    await p.getByTestId('scenario-file').setInputFiles({ name: 'b_handover.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await waitForFirstRun(p);
    expect(await p.getByTestId('scenario-text').inputValue()).toBe(text);
    await playToEnd(p);
    await expectSameAsCli(p, text, 2.0);
    expect(s.problems).toEqual([]);
  });
});
