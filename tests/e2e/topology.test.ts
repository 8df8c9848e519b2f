/**
 * The topology in Chromium: hosts, interfaces and lanes of the scenario's paths; packets and queues
 * at the cursor; the change form driven by mouse and keyboard (rate, delay, loss, link down/up),
 * each change re-running the scenario from the cursor; drops drawn where they happen; 360 px to
 * 1280 px, light and dark, EN and ZH; axe with no serious or critical violation; no console error.
 * Screenshots go to test-artifacts/screenshots/topology-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './helpers/axe';
import { cursor, withRunningApp, seek, shotAt, waitForRerun } from './helpers/playback';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

async function count(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-count'));
}

/** The packets' canvas as a data URL (changes whenever a mark moves). */
async function canvasPixels(page: Page): Promise<string> {
  return page.getByTestId('topology-packets').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
}

/** The opaque colours painted on the packets' canvas, as "r,g,b". */
async function canvasColours(page: Page): Promise<Set<string>> {
  const list = await page.getByTestId('topology-packets').evaluate((c) => {
    const cv = c as HTMLCanvasElement;
    const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    const seen = new Set<string>();
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 255) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return [...seen];
  });
  return new Set(list);
}

describe('topology', () => {
  const app = withRunningApp({ viewport: DESKTOP, locale: 'en-US' });

  it('draws the client and server with the scenario’s interfaces, and one link per path', async () => {
    const p = app.s.page;
    expect(await p.getByTestId('topology').locator('h2').innerText()).toBe('Topology');
    const client = await p.getByTestId('host-client-labels').textContent();
    expect(client).toContain('Client');
    expect(client).toContain('cli-p1');
    expect(client).toContain('cli-p2');
    expect(await p.getByTestId('host-server-labels').textContent()).toContain('srv-p2');
    expect(await p.locator('[data-testid^=link-][role=button]').count()).toBe(2);
    expect(await p.getByTestId('link-1').getAttribute('aria-label')).toBe('Link fast (path 1), up: change it');
    // the details of each lane are its description (updated whenever the playback is paused)
    expect(await p.getByTestId('link-1').getAttribute('aria-describedby')).toBe('topology-link-1-desc');
    expect(await p.getByTestId('link-1-desc').textContent()).toMatch(/^client → server: 10 Mbit\/s · 20 ms · 0 % loss; queue \d+ of 100 frames; \d+ packets on the wire; 0 dropped so far; server → client: /);
    expect(await p.getByTestId('topology-svg').textContent()).toContain('slow (path 2)');
    expect(app.s.problems).toEqual([]);
  });

  it('shows the packets on the wires, the queues and the subflows at the cursor', async () => {
    const p = app.s.page;
    // at 0 the first SYN has just left
    expect(await count(p, 'topology-packets')).toBeLessThanOrEqual(1);
    await seek(p, 0.5);
    expect(await count(p, 'topology-packets')).toBeGreaterThan(10);
    // the packets are painted on a canvas: both subflows' marks are drawn (bit per subflow), in their colours
    expect(Number(await p.getByTestId('topology-packets').getAttribute('data-subflows'))).toBe(0b11);
    const colours = await canvasColours(p);
    expect(colours.has('0,114,178')).toBe(true); // subflow 1, #0072B2
    expect(colours.has('230,159,0')).toBe(true); // subflow 2, #E69F00
    expect(Number(await p.getByTestId('queue-1-c2s').getAttribute('data-queue'))).toBeGreaterThan(0);
    expect(await p.getByTestId('topology-status').innerText()).toMatch(/^At 0\.500000 s: \d+ packets on the links, \d+ dropped so far$/); // slow start may have overflowed path 1's queue by then, as the kernel's does
    const legend = await p.getByTestId('topology-legend').innerText();
    expect(legend).toContain('Subflow 1 (circle)');
    expect(legend).toContain('Subflow 2 (square)');
    expect(legend).toMatch(/10\.0\.2\.1:\d+ ↔ 10\.0\.1\.2:5201/);
    // the marks move with the cursor
    const before = await canvasPixels(p);
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    expect(await canvasPixels(p)).not.toBe(before);
    // clicks go through the canvas to the links below it
    await p.getByTestId('lane-1-c2s').scrollIntoViewIfNeeded();
    const box = (await p.getByTestId('lane-1-c2s').boundingBox())!;
    expect(await p.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid^=link-]')?.getAttribute('data-testid'), [box.x + box.width / 2, box.y + box.height / 2])).toBe('link-1');
    await shotAt(p, 'topology', 'en', DESKTOP);
    expect(app.s.problems).toEqual([]);
  });

  it('opens the change form from the keyboard, validates it, and closes it with Escape', async () => {
    const p = app.s.page;
    await seek(p, 0.2);
    await p.getByTestId('link-2').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('link-form').waitFor();
    expect(await p.getByTestId('link-2').getAttribute('aria-expanded')).toBe('true');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('link-form-dir');
    expect(await p.getByTestId('link-form').locator('h3').innerText()).toBe('Change link slow from 0.200000 s');
    expect(await p.getByTestId('link-form-rate').inputValue()).toBe('10');
    expect(await p.getByTestId('link-form-delay').inputValue()).toBe('40');
    await p.getByTestId('link-form-apply').click();
    expect(await p.getByTestId('link-form-error').innerText()).toBe('Nothing changed: edit a value first.');
    await p.getByTestId('link-form-loss').fill('150');
    await p.getByTestId('link-form-apply').click();
    expect(await p.getByTestId('link-form-error').innerText()).toBe('Loss (%): enter a number from 0 to 100.');
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await shotAt(p, 'topology', 'en-form', DESKTOP);
    await p.getByTestId('link-form-loss').press('Escape');
    await p.getByTestId('link-form').waitFor({ state: 'detached' });
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('link-2');
    expect(app.s.problems).toEqual([]);
  });

  it('changes a link’s rate, delay and loss from the cursor on (the run is recomputed)', async () => {
    const p = app.s.page;
    await seek(p, 0.2);
    await p.getByTestId('link-2').click();
    await p.getByTestId('link-form-dir').selectOption('c2s');
    await p.getByTestId('link-form-rate').fill('2');
    await p.getByTestId('link-form-delay').fill('80');
    await p.getByTestId('link-form-loss').fill('5');
    await p.getByTestId('link-form-apply').click();
    await p.getByTestId('link-form').waitFor({ state: 'detached' });
    await waitForRerun(p);
    await expect.poll(() => p.getByTestId('timeline-interventions').innerText()).toContain('link slow, client → server: 2 Mbit/s, 80 ms, 5 % loss');
    expect(await cursor(p)).toBeCloseTo(0.2, 6);
    expect(await p.getByTestId('topology-svg').textContent()).toContain('→ 2 Mbit/s · 80 ms · 5 % loss');
    // before the change the link still had its old shape
    await p.keyboard.press('Shift+ArrowLeft');
    expect(await p.getByTestId('topology-svg').textContent()).toContain('→ 10 Mbit/s · 40 ms · 0 % loss');
    // later, 5 % loss has dropped packets at the entrance of path 2 (c2s)
    await seek(p, 1.5);
    await expect.poll(() => p.getByTestId('lane-2-c2s-counts').textContent()).toMatch(/dropped \d+/);
    expect(app.s.problems).toEqual([]);
  });

  it('takes a link down (drawn as down, drops at the far end) and brings it back up', async () => {
    const p = app.s.page;
    await seek(p, 0.3);
    await p.getByTestId('link-1').click();
    await p.getByTestId('link-form-side').selectOption('both');
    await p.getByTestId('link-form-toggle').click();
    await waitForRerun(p);
    await expect.poll(() => p.getByTestId('link-1-state').textContent()).toBe('down: cli-p1, srv-p1');
    expect(await p.getByTestId('lane-1-c2s').getAttribute('class')).toContain('down');
    // packets already on the wire die at the downed far end
    let sawDownDrop = false;
    for (let i = 0; i < 40 && !sawDownDrop; i++) {
      await p.keyboard.press('ArrowRight');
      sawDownDrop = (await p.locator('[data-testid=topology-drops] path[data-reason=down]').count()) > 0;
    }
    expect(sawDownDrop).toBe(true);
    await shotAt(p, 'topology', 'en-down', DESKTOP);

    await seek(p, 0.6);
    await p.getByTestId('link-1').click();
    expect(await p.getByTestId('link-form-toggle').innerText()).toBe('Bring the link up');
    await p.getByTestId('link-form-toggle').click();
    await waitForRerun(p);
    await expect.poll(() => p.getByTestId('link-1-state').textContent()).toBe('up');
    await p.keyboard.press('Shift+ArrowLeft');
    expect(await p.getByTestId('link-1-state').textContent()).toBe('down: cli-p1, srv-p1');
    expect(app.s.problems).toEqual([]);
  });

  it('has no serious or critical accessibility violation and fits a phone, in English and Chinese', async () => {
    const p = app.s.page;
    await seek(p, 0.5);
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await shotAt(p, 'topology', 'en', PHONE);
    let overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    const svgWidth = Number(await p.getByTestId('topology-svg').getAttribute('width'));
    expect(svgWidth).toBeLessThanOrEqual(360);

    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('topology').locator('h2').innerText()).toBe('拓扑');
    expect(await p.getByTestId('host-client-labels').textContent()).toContain('客户端');
    expect(await p.getByTestId('topology-status').innerText()).toMatch(/^0\.500000 秒时：链路上有 \d+ 个数据包/);
    expect(await p.getByTestId('topology-legend').innerText()).toContain('子流 1（圆形）');
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await shotAt(p, 'topology', 'zh', PHONE);
    overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await shotAt(p, 'topology', 'zh', DESKTOP);
    await p.getByTestId('link-1').click();
    expect(await p.getByTestId('link-form').locator('h3').innerText()).toBe('从 0.500000 秒起修改链路 fast');
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await shotAt(p, 'topology', 'zh-form', PHONE);
    await p.getByTestId('link-form-close').click();
    await p.getByTestId('lang-en').click();
    await p.setViewportSize(DESKTOP);
    expect(app.s.problems).toEqual([]);
  });

  it('follows the dark theme', async () => {
    const p = app.s.page;
    await p.getByTestId('theme').selectOption('dark');
    const bandFill = await p.getByTestId('lane-2-s2c').evaluate((el) => getComputedStyle(el).fill);
    expect(bandFill).toBe('rgb(35, 43, 53)'); // --surface-2, dark
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    expect(await seriousA11yViolations(p, '[data-testid=timeline]')).toEqual([]);
    await shotAt(p, 'topology', 'en-dark', DESKTOP);
    await shotAt(p, 'topology', 'en-dark', PHONE);
    await p.getByTestId('theme').selectOption('light');
    await p.setViewportSize(DESKTOP);
    expect(app.s.problems).toEqual([]);
  });
});
