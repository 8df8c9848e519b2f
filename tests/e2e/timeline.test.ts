/**
 * The timeline in Chromium: every control (play/pause, step, marks, speed, scrubber by pointer and
 * keyboard, page-wide shortcuts, undo/redo of an intervention), reduced motion both ways, axe with
 * no serious or critical violation in both languages, no console error, and screenshots
 * (EN/ZH × 1280×800/360×740) in test-artifacts/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './helpers/axe';
import { cursor, withRunningApp, runEnd, seek, shotAt, waitForRerun } from './helpers/playback';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** For `ms` of animation frames: how many distinct clock times the scrubber and the ladder's cursor showed. */
function distinctPerFrame(p: Page, ms: number): Promise<{ clock: number; ladder: number }> {
  return p.evaluate(async (ms) => {
    const clock = new Set<string>();
    const ladder = new Set<string>();
    const start = performance.now();
    while (performance.now() - start < ms) {
      await new Promise((r) => requestAnimationFrame(r));
      clock.add(document.querySelector('[data-testid=timeline-scrubber]')!.getAttribute('aria-valuenow')!);
      ladder.add(document.querySelector('[data-testid=ladder-cursor]')!.textContent!);
    }
    return { clock: clock.size, ladder: ladder.size };
  }, ms);
}

describe('timeline', () => {
  const app = withRunningApp({ viewport: DESKTOP, locale: 'en-US' });

  it('shows the run: time readout, scrubber over the whole run, marks with a legend', async () => {
    const p = app.s.page;
    expect(await p.getByTestId('timeline').locator('h2').innerText()).toBe('Timeline');
    expect(await cursor(p)).toBe(0);
    expect(await runEnd(p)).toBeGreaterThan(0.5);
    expect(await p.getByTestId('timeline-time').innerText()).toMatch(/0\.000000 s of \d\.\d{6} s/);
    expect(await p.getByTestId('timeline-scrubber').getAttribute('role')).toBe('slider');
    // the default scenario establishes two subflows
    expect(await p.locator('[data-testid=timeline-scrubber] path[data-kind=subflowUp]').count()).toBe(2);
    expect(await p.getByTestId('timeline-legend').innerText()).toContain('Subflow established (2)');
    expect(app.s.problems).toEqual([]);
  });

  it('steps packet by packet and mark by mark with the buttons', async () => {
    const p = app.s.page;
    await p.getByTestId('timeline-step-forward').click();
    const first = await cursor(p);
    expect(first).toBeGreaterThan(0);
    await p.getByTestId('timeline-step-forward').click();
    expect(await cursor(p)).toBeGreaterThan(first);
    await p.getByTestId('timeline-step-back').click();
    expect(await cursor(p)).toBe(first);
    await p.getByTestId('timeline-next-mark').click();
    const mark1 = await cursor(p);
    expect(mark1).toBeGreaterThan(first);
    await p.getByTestId('timeline-next-mark').click();
    expect(await cursor(p)).toBeGreaterThan(mark1);
    await p.getByTestId('timeline-prev-mark').click();
    expect(await cursor(p)).toBe(mark1);
    expect(app.s.problems).toEqual([]);
  });

  it('plays and pauses (with reduced motion: in steps), and runs to the end at 100×', async () => {
    const p = app.s.page;
    await p.getByTestId('timeline-step-back').click();
    const before = await cursor(p);
    await p.getByTestId('timeline-speed').selectOption('0.25');
    await p.getByTestId('timeline-play').click();
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('Pause');
    await expect.poll(() => cursor(p), { timeout: 5_000 }).toBeGreaterThan(before);
    await p.getByTestId('timeline-play').click();
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('Play');
    const paused = await cursor(p);
    await p.waitForTimeout(700);
    expect(await cursor(p)).toBe(paused);
    expect(await p.getByTestId('timeline-reduced-motion').isVisible()).toBe(true);

    await p.getByTestId('timeline-speed').selectOption('100');
    await p.getByTestId('timeline-play').click();
    await expect.poll(() => cursor(p), { timeout: 10_000 }).toBe(await runEnd(p));
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('Play');
    await p.getByTestId('timeline-speed').selectOption('0.1');
    expect(app.s.problems).toEqual([]);
  });

  it('animates smoothly when motion is not reduced', async () => {
    const p = app.s.page;
    await p.emulateMedia({ reducedMotion: 'no-preference' });
    await expect.poll(() => p.getByTestId('timeline-reduced-motion').count()).toBe(0);
    await p.keyboard.press('Home');
    await p.getByTestId('timeline-play').click();
    // sample the cursor on several animation frames: it moves between most of them
    const samples = await p.evaluate(async () => {
      const el = document.querySelector('[data-testid=timeline-scrubber]') as HTMLElement;
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        out.push(Number(el.getAttribute('aria-valuenow')));
      }
      return out;
    });
    await p.getByTestId('timeline-play').click();
    const moves = samples.filter((v, i) => i > 0 && v > samples[i - 1]).length;
    expect(moves).toBeGreaterThan(10);
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => p.getByTestId('timeline-reduced-motion').count()).toBe(1);
    expect(app.s.problems).toEqual([]);
  });

  it('while playing, the ladder follows the clock a few times a second (not every frame); paused, exactly', async () => {
    const p = app.s.page;
    await p.emulateMedia({ reducedMotion: 'no-preference' });
    await expect.poll(() => p.getByTestId('timeline-reduced-motion').count()).toBe(0);
    await p.keyboard.press('Home');
    await p.getByTestId('timeline-speed').selectOption('0.1');
    await p.getByTestId('timeline-play').click();
    // 1.5 s of animation frames: the clock moves on most, the ladder's cursor (≤ 8 Hz) on a dozen at most
    const seen = await distinctPerFrame(p, 1500);
    await p.getByTestId('timeline-play').click();
    expect(seen.ladder).toBeGreaterThanOrEqual(3);
    expect(seen.ladder).toBeLessThanOrEqual(14);
    expect(seen.clock).toBeGreaterThan(seen.ladder);
    // paused: the ladder shows the clock's time at once
    const ladderS = Number(/([\d.]+)/.exec((await p.getByTestId('ladder-cursor').innerText()).replace(/,/g, ''))?.[1]);
    expect(ladderS).toBeCloseTo(await cursor(p), 6);
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => p.getByTestId('timeline-reduced-motion').count()).toBe(1);
    expect(app.s.problems).toEqual([]);
  });

  it('seeks by clicking and dragging on the scrubber', async () => {
    const p = app.s.page;
    const box = (await p.getByTestId('timeline-scrubber').boundingBox())!;
    await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const mid = await cursor(p);
    expect(mid / (await runEnd(p))).toBeGreaterThan(0.4);
    expect(mid / (await runEnd(p))).toBeLessThan(0.6);
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 5 });
    await p.mouse.up();
    const quarter = (await cursor(p)) / (await runEnd(p));
    expect(quarter).toBeGreaterThan(0.15);
    expect(quarter).toBeLessThan(0.35);
    expect(app.s.problems).toEqual([]);
  });

  it('dragging the scrubber: the ladder follows a few times a second (not every move), then lands exactly on the clock', async () => {
    const p = app.s.page;
    const box = (await p.getByTestId('timeline-scrubber').boundingBox())!;
    const y = box.y + box.height / 2;
    const ladderS = async (): Promise<number> => Number(/([\d.]+)/.exec((await p.getByTestId('ladder-cursor').innerText()).replace(/,/g, ''))?.[1]);
    await p.mouse.move(box.x + box.width * 0.1, y);
    await p.mouse.down();
    // watch every animation frame while the pointer drags across most of the run
    const watching = distinctPerFrame(p, 1200);
    for (let i = 1; i <= 40; i++) {
      await p.mouse.move(box.x + box.width * (0.1 + (0.8 * i) / 40), y);
      await p.waitForTimeout(20);
    }
    const seen = await watching;
    expect(seen.clock).toBeGreaterThan(10);
    expect(seen.ladder).toBeLessThanOrEqual(14);
    expect(seen.clock).toBeGreaterThan(seen.ladder);
    // still held, the pointer at rest: the ladder's last follow lands on the clock
    await expect.poll(async () => (await ladderS()) - (await cursor(p)), { timeout: 2000 }).toBeCloseTo(0, 6);
    await p.mouse.up();
    expect(await ladderS()).toBeCloseTo(await cursor(p), 6);
    expect(app.s.problems).toEqual([]);
  });

  it('moves with the slider’s keys: arrows, shift+arrows (100 ms), PageUp/PageDown, Home/End', async () => {
    const p = app.s.page;
    const slider = p.getByTestId('timeline-scrubber');
    await slider.focus();
    await p.keyboard.press('Home');
    expect(await cursor(p)).toBe(0);
    await p.keyboard.press('Shift+ArrowRight');
    expect(await cursor(p)).toBeCloseTo(0.1, 6);
    await p.keyboard.press('Shift+ArrowRight');
    await p.keyboard.press('Shift+ArrowLeft');
    expect(await cursor(p)).toBeCloseTo(0.1, 6);
    await p.keyboard.press('ArrowRight');
    const next = await cursor(p);
    expect(next).toBeGreaterThan(0.1);
    await p.keyboard.press('ArrowLeft');
    expect(await cursor(p)).toBeLessThanOrEqual(0.1);
    await p.keyboard.press('PageUp');
    expect(await cursor(p)).toBeGreaterThan(0.1);
    await p.keyboard.press('End');
    expect(await cursor(p)).toBe(await runEnd(p));
    await p.keyboard.press('PageDown');
    expect(await cursor(p)).toBeLessThan(await runEnd(p));
    expect(app.s.problems).toEqual([]);
  });

  it('answers the page-wide shortcuts when the focus is not in a field, and ignores them in the editor', async () => {
    const p = app.s.page;
    await p.locator('[data-testid=timeline] h2').click();
    await p.keyboard.press('Home');
    expect(await cursor(p)).toBe(0);
    await p.keyboard.press('Shift+ArrowRight');
    expect(await cursor(p)).toBeCloseTo(0.1, 6);
    await p.keyboard.press('ArrowRight');
    expect(await cursor(p)).toBeGreaterThan(0.1);
    await p.keyboard.press('ArrowLeft');
    await p.keyboard.press('Space');
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('Pause');
    await p.keyboard.press('Space');
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('Play');
    await p.keyboard.press('End');
    expect(await cursor(p)).toBe(await runEnd(p));
    // typing in the scenario editor moves nothing
    await p.getByTestId('scenario-text').focus();
    await p.keyboard.press('Home');
    await p.keyboard.press('Space');
    await p.keyboard.press('Backspace');
    expect(await cursor(p)).toBe(await runEnd(p));
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('Play');
    await p.locator('[data-testid=timeline] h2').click();
    await p.keyboard.press('Home');
    expect(app.s.problems).toEqual([]);
  });

  it('lists an intervention made in the topology, undoes and redoes it (buttons and Ctrl+Z)', async () => {
    const p = app.s.page;
    expect(await p.getByTestId('timeline-no-interventions').isVisible()).toBe(true);
    expect(await p.getByTestId('timeline-undo').isDisabled()).toBe(true);
    await seek(p, 0.3);
    await p.getByTestId('link-1').click();
    await p.getByTestId('link-form-toggle').click();
    await waitForRerun(p);
    await expect.poll(() => p.getByTestId('timeline-interventions').innerText()).toContain('0.300000 s: link fast down (client interface)');
    expect(await cursor(p)).toBeCloseTo(0.3, 6); // the fork keeps the cursor where it was
    expect(await p.locator('[data-testid=timeline-scrubber] path[data-kind=linkDown]').count()).toBe(1);
    await shotAt(p, 'timeline', 'en-intervention', DESKTOP);

    await p.getByTestId('timeline-undo').click();
    await waitForRerun(p);
    await p.getByTestId('timeline-no-interventions').waitFor();
    expect(await p.getByTestId('timeline-redo').isEnabled()).toBe(true);
    await p.getByTestId('timeline-redo').click();
    await waitForRerun(p);
    await p.getByTestId('timeline-interventions').waitFor();
    // Ctrl+Z from the page
    await p.locator('[data-testid=timeline] h2').click();
    await p.keyboard.press('Control+z');
    await waitForRerun(p);
    await p.getByTestId('timeline-no-interventions').waitFor();
    await p.keyboard.press('Control+Shift+z');
    await waitForRerun(p);
    await p.getByTestId('timeline-interventions').waitFor();
    // a click on the listed intervention puts the cursor on it
    await p.keyboard.press('End');
    await p.getByTestId('timeline-interventions').locator('button').first().click();
    expect(await cursor(p)).toBeCloseTo(0.3, 6);
    expect(app.s.problems).toEqual([]);
  });

  it('has no serious or critical accessibility violation, and looks right in English', async () => {
    const p = app.s.page;
    await p.locator('details.shortcuts summary').click();
    expect(await p.locator('details.shortcuts').getAttribute('open')).not.toBeNull();
    expect(await seriousA11yViolations(p, '[data-testid=timeline]')).toEqual([]);
    await shotAt(p, 'timeline', 'en', DESKTOP);
    await shotAt(p, 'timeline', 'en', PHONE);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await p.setViewportSize(DESKTOP);
    expect(app.s.problems).toEqual([]);
  });

  it('speaks Chinese, with no serious or critical accessibility violation', async () => {
    const p = app.s.page;
    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('timeline').locator('h2').innerText()).toBe('时间轴');
    expect(await p.getByTestId('timeline-play').getAttribute('aria-label')).toBe('播放');
    expect(await p.getByTestId('timeline-time').innerText()).toMatch(/秒 \/ 共 .* 秒/);
    expect(await p.getByTestId('timeline-interventions').innerText()).toContain('链路 fast 断开（客户端接口）');
    expect(await seriousA11yViolations(p, '[data-testid=timeline]')).toEqual([]);
    await shotAt(p, 'timeline', 'zh', DESKTOP);
    await shotAt(p, 'timeline', 'zh', PHONE);
    await p.getByTestId('lang-en').click();
    await p.setViewportSize(DESKTOP);
    expect(app.s.problems).toEqual([]);
  });
});
