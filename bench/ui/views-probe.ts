/**
 * Which view costs what while playing: `tsx bench/ui/views-probe.ts` (after a build) plays the
 * four-subflow scenario at 1× with each view removed from rendering in turn (`display: none`) and
 * prints frame p50/p95 and main-thread task time per frame for each. VIEWS=a,b+c,… picks the sets
 * to hide (testids of the views, `+` joins several, `none` hides nothing). A diagnostic for bench:ui's
 * playback numbers, not a benchmark of its own.
 */
import { openApp } from '../../tests/e2e/helpers/browser';
import { fourSubflowScenario } from './scenario';
import { PROBE_SCRIPT } from './probes';

const VIEWS = (process.env.VIEWS ?? 'none,timeline,topology,ladder,inspector,diagrams,console,all-but-timeline').split(',');
const ALL = ['topology', 'ladder', 'inspector', 'diagrams', 'console'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10 : NaN;
}

async function main(): Promise<void> {
  const s = await openApp({ viewport: { width: 1280, height: 800 } });
  try {
    await s.context.addInitScript({ content: PROBE_SCRIPT });
    await s.page.emulateMedia({ reducedMotion: 'no-preference' });
    await s.page.goto(s.url, { waitUntil: 'load' });
    await s.page.getByTestId('scenario-text').fill(JSON.stringify(fourSubflowScenario()));
    await s.page.getByTestId('run').click();
    await s.page.getByTestId('views').waitFor({ timeout: 400_000 });
    await s.page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 400_000 });
    await s.page.getByTestId('timeline-speed').selectOption('1');
    await s.page.getByTestId('timeline').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('Performance.enable');
    const task = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
    for (const v of VIEWS) {
      const hide = v === 'none' ? [] : v === 'all-but-timeline' ? ALL : v.split('+');
      await s.page.evaluate((ids) => {
        for (const el of document.querySelectorAll<HTMLElement>('[data-testid=views] > *')) el.style.display = '';
        for (const id of ids) {
          const el = document.querySelector<HTMLElement>(`[data-testid=${id}]`);
          if (el) el.style.display = 'none';
        }
      }, hide);
      await s.page.waitForTimeout(300);
      // every window plays the same stretch: from a third of the run
      await s.page.getByTestId('timeline-scrubber').focus();
      await s.page.keyboard.press('Home');
      for (let i = 0; i < 3; i++) await s.page.keyboard.press('PageUp');
      await s.page.waitForTimeout(300);
      const t0 = await task();
      await s.page.evaluate(() => window.__uiBench.start());
      await s.page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=timeline-play]')!.click());
      await s.page.waitForTimeout(3000);
      const w = await s.page.evaluate(() => window.__uiBench.stop());
      await s.page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=timeline-play]')!.click());
      const t1 = await task();
      console.log(JSON.stringify({ hidden: v, from_s: Number(await s.page.getByTestId('timeline-scrubber').getAttribute('aria-valuenow')), frames: w.frameDeltas.length, p50: pct(w.frameDeltas, 50), p95: pct(w.frameDeltas, 95), task_ms_per_frame: Math.round(((t1 - t0) * 1000) / Math.max(1, w.frameDeltas.length)), long_tasks: w.longTasks.length }));
    }
  } catch (e) {
    console.error(String(e), s.problems, await s.page.getByTestId('status').innerText().catch(() => '?'));
  } finally {
    await s.close();
  }
}

void main();
