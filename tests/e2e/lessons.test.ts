/**
 * The lessons in Chromium: the index lists every lesson; a lesson renders its Markdown, runs an
 * embedded playground on request and grades its quizzes; answers survive a reload and an
 * export/import round trip of the progress file; the same lesson in 中文; keyboard shortcuts of an
 * embedded playground stay inside it; axe with no serious/critical violation, no console error,
 * screenshots EN/ZH × desktop/phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { lessonSlugs } from './helpers/lessons';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

describe('lessons', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('lists every lesson in the index, reached from the header', async () => {
    const p = s.page;
    await p.getByTestId('nav-lessons').click();
    const index = p.getByTestId('lesson-index');
    await index.waitFor();
    await p.waitForFunction((n) => document.querySelectorAll('[data-testid=lesson-index] li').length === n && !document.querySelector('[data-testid=lesson-index]')?.textContent?.includes('01-'), lessonSlugs.length);
    expect(await index.locator('li').count()).toBe(lessonSlugs.length);
    expect(await index.innerText()).toContain('What Multipath TCP is, and why');
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'lessons-index-en.png'), fullPage: true });
  });

  it('opens a lesson, grades its quiz and remembers the answer across a reload', async () => {
    const p = s.page;
    await p.getByRole('link', { name: /What Multipath TCP is/ }).click();
    const lesson = p.getByTestId('lesson');
    await lesson.waitFor();
    expect(await lesson.locator('h1').innerText()).toBe('What Multipath TCP is, and why');
    const quiz = p.locator('[data-quiz=q1]');
    await quiz.getByTestId('quiz-check').click();
    expect(await quiz.getByTestId('quiz-feedback').innerText()).toBe('Choose an answer first.');
    await quiz.getByLabel(/They are lost/).check();
    await quiz.getByTestId('quiz-check').click();
    expect(await quiz.getByTestId('quiz-feedback').innerText()).toBe('Not quite — try again.');
    await quiz.getByLabel(/reinjection/).check();
    await quiz.getByTestId('quiz-check').click();
    expect(await quiz.getByTestId('quiz-feedback').innerText()).toBe('Right.');
    await p.reload();
    await p.getByTestId('lesson').waitFor();
    const again = p.locator('[data-quiz=q1]');
    expect(await again.getByLabel(/reinjection/).isChecked()).toBe(true);
    expect(await again.getByTestId('quiz-feedback').innerText()).toBe('Right.');
  });

  it('runs an embedded playground on request, with shortcuts only inside it', async () => {
    const p = s.page;
    const embed = p.getByTestId('embedded-playground').first();
    await embed.getByTestId('embed-start').click();
    await embed.getByTestId('timeline').waitFor({ timeout: 60_000 });
    await embed.getByTestId('topology').waitFor();
    // a key pressed outside the playground does not move its cursor
    const cursor = async (): Promise<string> => embed.getByTestId('timeline').getAttribute('data-cursor-ns').then((v) => v ?? '');
    const before = await cursor();
    await p.locator('h1').first().click();
    await p.keyboard.press('End');
    expect(await cursor()).toBe(before);
    await embed.getByTestId('timeline').locator('button').first().focus();
    await p.keyboard.press('End');
    await p.waitForFunction((b) => document.querySelector('[data-testid=embedded-playground] [data-testid=timeline]')?.getAttribute('data-cursor-ns') !== b, before);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-01-en.png'), fullPage: true });
  });

  it('exports the progress and imports it back; a bad file gets a located message', async () => {
    const p = s.page;
    await p.getByRole('link', { name: /All lessons/ }).click();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('progress-export').click()]);
    const file = join(tmpdir(), `progress-${Date.now()}.json`);
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { quizzes: Record<string, unknown> };
    expect(saved.quizzes['01-why-mptcp/q1']).toEqual({ answer: 1, right: true });
    await p.evaluate(() => localStorage.removeItem('mptcp-playground.progress'));
    await p.reload();
    await p.getByTestId('lesson-index').waitFor();
    expect(await p.getByTestId('lesson-index').innerText()).not.toContain('✓');
    await p.getByTestId('progress-import').setInputFiles(file);
    await expect.poll(() => p.getByTestId('progress-message').innerText()).toBe('Progress imported.');
    expect(await p.getByTestId('lesson-index').innerText()).toContain('✓ 1');
    const bad = join(tmpdir(), `progress-bad-${Date.now()}.json`);
    writeFileSync(bad, '{"format":"mptcp-playground-progress/1","quizzes":{"x":1}}');
    await p.getByTestId('progress-import').setInputFiles(bad);
    await expect.poll(() => p.getByTestId('progress-message').innerText()).toContain('$.quizzes["x"]');
    expect(await p.getByTestId('lesson-index').innerText()).toContain('✓ 1');
  });

  it('shows the same lesson in Chinese, and a missing lesson clearly', async () => {
    const p = s.page;
    await p.getByRole('button', { name: '中文' }).click();
    await p.goto(`${s.url}#lessons/04-fallback`);
    await p.getByTestId('lesson').waitFor();
    expect(await p.getByTestId('lesson').locator('h1').innerText()).toBe('回退：当对端或网络不支持 MPTCP');
    expect(await p.locator('[data-quiz=q1] legend').innerText()).toBe('第 1 题');
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-04-zh.png'), fullPage: true });
    await p.goto(`${s.url}#lessons/99-nope`);
    expect(await p.getByTestId('lesson-missing').innerText()).toContain('99-nope');
  });

  it('fits a phone', async () => {
    const p = s.page;
    await p.setViewportSize(PHONE);
    await p.goto(`${s.url}#lessons/06-path-manager`);
    await p.getByTestId('lesson').waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-06-zh-phone.png'), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
