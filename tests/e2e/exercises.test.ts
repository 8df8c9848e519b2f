/**
 * Graded exercises in Chromium, as a student does them, in English and then in Chinese (with another
 * student code, so other numbers): a configure-to-goal exercise solved by typing `ip mptcp` in the
 * embedded console at t = 0; a predict-then-run exercise answered before the run; a fill-in-fields
 * exercise whose hidden token and address id the student reads from the console. Progress survives
 * a reload and an export/import round trip; a corrupt shared exercise link shows a clear message;
 * the authoring page builds a valid exercise and previews it. No console error, axe clean,
 * screenshots EN/ZH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { Locator, Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { simulate, validateScenario } from '../../src/core';
import { installMptcpWire } from '../../src/core/wire/mptcp/index';
import { solutionAnswers, variantScenario, type Exercise } from '../../src/core/exercise';

installMptcpWire();
const EX_DIR = resolve(import.meta.dirname, '../../content/exercises');
const exercise = (id: string): Exercise => JSON.parse(readFileSync(join(EX_DIR, `${id}.json`), 'utf8')) as Exercise;

/** The right answers for a student code, computed in node from the same deterministic run. */
function answersFor(id: string, code: string): Record<string, string> {
  const ex = exercise(id);
  const v = validateScenario(variantScenario(ex, code));
  if (!v.ok) throw new Error('invalid');
  const r = simulate(v.scenario);
  return solutionAnswers(ex, { scenario: v.scenario, summary: r.summary!, trace: r.trace });
}

async function open(p: Page, url: string, id: string, code: string): Promise<Locator> {
  await p.goto(`${url}#exercises/${id}`);
  const ex = p.getByTestId('exercise');
  await ex.waitFor();
  await ex.getByTestId('student-code').fill(code);
  return ex;
}

async function waitRunDone(ex: Locator): Promise<void> {
  await ex.getByTestId('timeline').waitFor({ timeout: 60_000 });
  await ex.page().waitForFunction(() => !document.querySelector('[data-testid=embedded-playground] .views.stale'), undefined, { timeout: 60_000 });
}

async function consoleRun(ex: Locator, host: 'client' | 'server', line: string): Promise<string> {
  await ex.getByTestId(`console-host-${host}`).check();
  const input = ex.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await waitRunDone(ex);
  return ex.getByTestId('console-output').innerText();
}

const LANGS = [
  { lang: 'en', code: 'en-student-7', pass: 'Solved! Every check passes.', button: 'EN' },
  { lang: 'zh', code: 'zh-student-3', pass: '完成！所有检查都通过了。', button: '中文' },
] as const;

describe('exercises', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('lists the exercises from the header', async () => {
    const p = s.page;
    await p.getByTestId('nav-exercises').click();
    await p.getByTestId('exercise-index').waitFor();
    expect(await p.getByTestId('exercise-index').locator('li').count()).toBeGreaterThanOrEqual(12);
    expect(await seriousA11yViolations(p)).toEqual([]);
  });

  for (const L of LANGS) {
    describe(`in ${L.lang}`, () => {
      it('switches language', async () => {
        await s.page.getByRole('button', { name: L.button, exact: true }).click();
      });

      it('configure-to-goal: the start fails, typing the endpoint and limit at t = 0 solves it', async () => {
        const p = s.page;
        const ex = await open(p, s.url, '01-open-a-second-subflow', L.code);
        await ex.getByTestId('exercise-check').click();
        await p.waitForFunction(() => document.querySelector('[data-testid=exercise-verdict]') !== null, undefined, { timeout: 60_000 });
        expect(await ex.getByTestId('exercise-verdict').getAttribute('data-pass')).toBe('false');
        await consoleRun(ex, 'client', 'ip mptcp limits set subflow 1');
        await consoleRun(ex, 'client', 'ip mptcp endpoint add 10.0.2.1 dev cli-p2 subflow');
        await ex.getByTestId('exercise-check').click();
        await p.waitForFunction(() => document.querySelector('[data-testid=exercise-verdict]')?.getAttribute('data-pass') === 'true', undefined, { timeout: 30_000 });
        expect(await ex.getByTestId('exercise-verdict').innerText()).toBe(L.pass);
        expect(await ex.getByTestId('exercise-solved').count()).toBe(1);
        expect(await seriousA11yViolations(p)).toEqual([]);
        await p.screenshot({ path: join(SCREENSHOT_DIR, `exercise-configure-${L.lang}.png`), fullPage: true });
      });

      it('predict-then-run: answers typed before the run are graded against it', async () => {
        const p = s.page;
        const ex = await open(p, s.url, '06-predict-the-subflows', L.code);
        const right = answersFor('06-predict-the-subflows', L.code);
        await ex.getByTestId('answer-subflows').fill(String(Number(right.subflows) + 1));
        await ex.getByTestId('answer-joins').fill(right.joins);
        await ex.getByTestId('exercise-check').click();
        await p.waitForFunction(() => document.querySelector('[data-testid=exercise-verdict]') !== null, undefined, { timeout: 60_000 });
        expect(await ex.getByTestId('exercise-verdict').getAttribute('data-pass')).toBe('false');
        await ex.getByTestId('answer-subflows').fill(right.subflows);
        await ex.getByTestId('exercise-check').click();
        await p.waitForFunction(() => document.querySelector('[data-testid=exercise-verdict]')?.getAttribute('data-pass') === 'true', undefined, { timeout: 30_000 });
        await ex.getByTestId('exercise-show-hint').click();
        expect(await ex.getByTestId('exercise-hint').count()).toBe(1);
      });

      it('fill-in-fields: the student reads the token and the address id in the console', async () => {
        const p = s.page;
        const ex = await open(p, s.url, '10-fill-the-join-token', L.code);
        await ex.getByTestId('embed-start').click();
        await waitRunDone(ex);
        await ex.getByTestId('timeline').locator('button').first().focus();
        await p.keyboard.press('End');
        const monitor = await consoleRun(ex, 'server', 'ip mptcp monitor');
        const token = /token=([0-9a-f]+)/.exec(monitor)?.[1];
        expect(token, monitor).toBeTruthy();
        const endpoints = await consoleRun(ex, 'client', 'ip mptcp endpoint show');
        const id = /10\.0\.2\.1 id (\d+)/.exec(endpoints)?.[1];
        expect(id, endpoints).toBeTruthy();
        await ex.getByTestId('answer-token').fill(`0x${token}`);
        await ex.getByTestId('answer-addrid').fill(id!);
        await ex.getByTestId('exercise-check').click();
        await p.waitForFunction(() => document.querySelector('[data-testid=exercise-verdict]')?.getAttribute('data-pass') === 'true', undefined, { timeout: 30_000 });
        await p.screenshot({ path: join(SCREENSHOT_DIR, `exercise-fill-${L.lang}.png`), fullPage: true });
      });
    });
  }

  it('keeps progress across a reload and an export/import round trip', async () => {
    const p = s.page;
    await p.goto(`${s.url}#exercises`);
    await p.reload();
    const index = p.getByTestId('exercise-index');
    await index.waitFor();
    await expect.poll(() => index.locator('li', { hasText: '✓' }).count()).toBe(3);
    await p.goto(`${s.url}#lessons`);
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('progress-export').click()]);
    const file = join(tmpdir(), `exercise-progress-${process.pid}.json`);
    await download.saveAs(file);
    await p.evaluate(() => localStorage.removeItem('mptcp-playground.progress'));
    await p.goto(`${s.url}#exercises`);
    await p.reload();
    await p.getByTestId('exercise-index').waitFor();
    await expect.poll(() => p.getByTestId('exercise-index').locator('li').count()).toBeGreaterThanOrEqual(12);
    expect(await p.getByTestId('exercise-index').locator('li', { hasText: '✓' }).count()).toBe(0);
    await p.goto(`${s.url}#lessons`);
    await p.getByTestId('progress-import').setInputFiles(file);
    await expect.poll(() => p.getByTestId('progress-message').innerText()).toMatch(/imported|已导入/);
    await p.goto(`${s.url}#exercises`);
    await p.getByTestId('exercise-index').waitFor();
    await expect.poll(() => p.getByTestId('exercise-index').locator('li', { hasText: '✓' }).count()).toBe(3);
  });

  it('shows a clear message for a corrupt shared exercise link', async () => {
    const p = s.page;
    await p.goto(`${s.url}#exercise=1.not-a-real-link`);
    await p.getByTestId('exercise-problem').waitFor();
    expect(await p.getByTestId('exercise-problem').innerText()).not.toBe('');
  });

  it('authoring: a teacher builds a valid exercise from the playground run, previews it and gets a link that opens it', async () => {
    const p = s.page;
    await p.getByRole('button', { name: 'EN', exact: true }).click();
    await p.goto(`${s.url}#author`);
    const a = p.getByTestId('author');
    await a.waitFor();
    await a.getByTestId('author-scenario').fill(JSON.stringify(exercise('01-open-a-second-subflow').scenario));
    await a.getByTestId('author-id').fill('91-my-first');
    await a.getByTestId('author-title-en').fill('Two paths');
    await a.getByTestId('author-title-zh').fill('两条路径');
    await a.getByTestId('author-task-en').fill('Open a second subflow.');
    await a.getByTestId('author-task-zh').fill('建立第二个子流。');
    expect(await a.getByTestId('author-problems').innerText()).toMatch(/problems to fix/);
    await a.getByTestId('author-check-en').fill('A join is established.');
    await a.getByTestId('author-check-zh').fill('建立了一个加入。');
    await a.getByTestId('author-commands').fill('client$ ip mptcp limits set subflow 1\nclient$ ip mptcp endpoint add 10.0.2.1 dev cli-p2 subflow');
    await a.getByTestId('author-hint-en').fill('Add an endpoint.');
    await a.getByTestId('author-hint-zh').fill('添加一个端点。');
    await a.getByTestId('author-expl-en').fill('Endpoints and limits.');
    await a.getByTestId('author-expl-zh').fill('端点和限制。');
    expect(await a.getByTestId('author-problems').innerText()).toBe('The exercise is valid.');
    await a.getByTestId('author-preview').click();
    await p.getByTestId('exercise').waitFor();
    expect(await p.getByTestId('exercise').locator('h2').innerText()).toBe('Two paths');
    await a.getByTestId('author-link').click();
    const link = await a.getByTestId('author-link-field').inputValue();
    expect(link).toContain('#exercise=1.');
    await p.goto(link);
    await p.getByTestId('exercise').waitFor();
    expect(await p.getByTestId('exercise').locator('h2').innerText()).toBe('Two paths');
    expect(await seriousA11yViolations(p)).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
