/**
 * The host form of the topology in Chromium: clicking (or Enter on) the client opens its
 * `ip mptcp` endpoints and limits at the cursor; bad input is refused with a message on its field
 * before anything runs; each command (endpoint delete / add / change, limits) forks the run at the
 * cursor, and the forked run shows it: without the client's `subflow` endpoint there is one
 * subflow, adding one on path 2 brings back an MP_JOIN subflow, deleting it sends REMOVE_ADDR.
 * Tab stays in the form, Escape closes it and gives the focus back to the host. axe with no serious
 * or critical violation, no console error; screenshots in EN and ZH at 1280×800 and 360×740 go to
 * test-artifacts/screenshots/topology-host-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './helpers/axe';
import { cursor, seek, waitForRerun, withRunningApp } from './helpers/playback';
import { viewShot } from './helpers/views';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** The topology view at a viewport size, as topology-host-{name}-{w}x{h}.png. */
async function shot(p: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  await p.setViewportSize(viewport);
  await p.waitForTimeout(150);
  await viewShot(p, 'topology', `topology-host-${name}`);
}

const focused = (p: Page): Promise<string | null | undefined> => p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id);

async function openClient(p: Page): Promise<void> {
  await p.getByTestId('host-client').click();
  await p.getByTestId('host-form').waitFor();
}

async function interventions(p: Page): Promise<string> {
  return (await p.getByTestId('timeline-interventions').innerText()).trim();
}

async function signalRows(p: Page): Promise<string[]> {
  await p.getByTestId('ladder-filter-signals').check();
  const rows = await p.getByTestId('ladder-row').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ')));
  await p.getByTestId('ladder-filter-all').check();
  return rows;
}

describe('topology: a host’s endpoints and limits', () => {
  const app = withRunningApp({ viewport: DESKTOP, locale: 'en-US' });

  it('opens on the client from the keyboard with its endpoints and limits at the cursor, keeps Tab inside, closes with Escape', async () => {
    const p = app.s.page;
    await seek(p, 0.2);
    expect(await p.getByTestId('host-client').getAttribute('aria-label')).toBe('Client: endpoints and limits, change them');
    await p.getByTestId('host-client').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('host-form').waitFor();
    expect(await p.getByTestId('host-client').getAttribute('aria-expanded')).toBe('true');
    expect(await focused(p)).toBe('host-form-client-heading');
    expect(await p.getByTestId('host-form').locator('h3').innerText()).toBe('Client: endpoints and limits at 0.200000 s');
    expect(await p.getByTestId('host-ep-1').locator('code').innerText()).toBe('10.0.2.1 id 1 subflow dev cli-p2');
    expect(await p.getByTestId('host-ep-1-backup').getAttribute('aria-pressed')).toBe('false');
    expect(await p.getByTestId('host-form-subflows').inputValue()).toBe('2');
    expect(await p.getByTestId('host-form-add-addr-accepted').inputValue()).toBe('0');
    // the first address without an endpoint, and `subflow`, are proposed
    expect(await p.getByTestId('host-form-where').inputValue()).toBe('p1');
    expect(await p.getByTestId('host-form-flag-subflow').isChecked()).toBe(true);

    // Tab stays in the form: back from the heading to Close, on from Close to the first control
    await p.keyboard.press('Shift+Tab');
    expect(await focused(p)).toBe('host-form-close');
    await p.keyboard.press('Tab');
    expect(await focused(p)).toBe('host-ep-1-backup');

    await p.keyboard.press('Escape');
    await p.getByTestId('host-form').waitFor({ state: 'detached' });
    expect(await focused(p)).toBe('host-client');
    expect(app.s.problems).toEqual([]);
  });

  it('refuses bad input with a message on its field, before anything runs', async () => {
    const p = app.s.page;
    await seek(p, 0.2);
    await openClient(p);
    const error = p.getByTestId('host-form-error');

    await p.getByTestId('host-form-where').selectOption('other');
    await p.getByTestId('host-form-addr').fill('10.0.300.1');
    await p.getByTestId('host-form-add').click();
    expect(await error.innerText()).toBe('IPv4 address: “10.0.300.1” is not an IPv4 address (four numbers from 0 to 255, such as 10.0.3.1).');
    expect(await p.getByTestId('host-form-addr').getAttribute('aria-invalid')).toBe('true');
    expect(await focused(p)).toBe('host-form-addr');

    await p.getByTestId('host-form-addr').fill('10.0.3.1');
    await p.getByTestId('host-form-id').fill('300');
    await p.getByTestId('host-form-add').click();
    expect(await error.innerText()).toBe('ID: enter a whole number from 1 to 255, or leave it empty.');
    expect(await focused(p)).toBe('host-form-id');
    await p.getByTestId('host-form-id').fill('1');
    await p.getByTestId('host-form-add').click();
    expect(await error.innerText()).toBe('ID: 1 is already used by 10.0.2.1.');

    await p.getByTestId('host-form-where').selectOption('p2');
    await p.getByTestId('host-form-id').fill('');
    await p.getByTestId('host-form-add').click();
    expect(await error.innerText()).toBe('Address: 10.0.2.1 already has an endpoint (id 1).');

    await p.getByTestId('host-form-subflows').fill('9');
    await p.getByTestId('host-form-set-limits').click();
    expect(await error.innerText()).toBe('subflows: enter a whole number from 0 to 8 (the kernel’s maximum).');
    expect(await p.getByTestId('host-form-subflows').getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByTestId('host-form-add-addr-accepted').getAttribute('aria-invalid')).toBe('false');
    await p.getByTestId('host-form-subflows').fill('2');
    await p.getByTestId('host-form-set-limits').click();
    expect(await error.innerText()).toBe('Nothing changed: these are the limits already.');

    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await p.getByTestId('host-form-subflows').fill('9');
    await p.getByTestId('host-form-set-limits').click();
    await shot(p, 'en-errors', DESKTOP);
    // nothing was run: no intervention yet
    expect(await p.getByTestId('timeline-no-interventions').count()).toBe(1);
    await p.getByTestId('host-form-close').click();
    await p.getByTestId('host-form').waitFor({ state: 'detached' });
    expect(await focused(p)).toBe('host-client');
    expect(app.s.problems).toEqual([]);
  });

  it('deletes the client’s subflow endpoint from the start: the run keeps one subflow', async () => {
    const p = app.s.page;
    await seek(p, 0);
    await openClient(p);
    await p.getByTestId('host-ep-1-delete').click();
    await p.getByTestId('host-form').waitFor({ state: 'detached' });
    await waitForRerun(p);
    await expect.poll(() => interventions(p)).toBe('0.000000 s: Client: ip mptcp endpoint delete id 1');
    expect(await focused(p)).toBe('host-client');
    await seek(p, 1);
    expect(await p.getByTestId('subflow-legend-1').count()).toBe(1);
    expect(await p.getByTestId('subflow-legend-2').count()).toBe(0);
    expect(await p.getByTestId('ladder-legend').innerText()).not.toContain('MP_JOIN');
    await openClient(p);
    expect(await p.getByTestId('host-form-no-endpoints').innerText()).toMatch(/^No endpoint: /);
    await p.keyboard.press('Escape');
    expect(app.s.problems).toEqual([]);
  });

  it('adds a `subflow` endpoint on path 2 at 0.5 s: the forked run gains an MP_JOIN subflow after it', async () => {
    const p = app.s.page;
    await seek(p, 0.5);
    await openClient(p);
    await p.getByTestId('host-form-where').selectOption('p2');
    expect(await p.getByTestId('host-form-flag-subflow').isChecked()).toBe(true);
    await shot(p, 'en', DESKTOP);
    await p.getByTestId('host-form-add').click();
    await p.getByTestId('host-form').waitFor({ state: 'detached' });
    await waitForRerun(p);
    await expect.poll(() => interventions(p)).toContain('0.500000 s: Client: ip mptcp endpoint add 10.0.2.1 dev cli-p2 subflow');
    expect(await cursor(p)).toBeCloseTo(0.5, 6);
    // the MP_JOIN SYN leaves at 0.5 s; before, the run is the same as before (one subflow)
    expect(await p.getByTestId('subflow-legend-2').count()).toBe(1);
    await p.keyboard.press('Shift+ArrowLeft');
    expect(await cursor(p)).toBeCloseTo(0.4, 6);
    expect(await p.getByTestId('subflow-legend-2').count()).toBe(0);
    await seek(p, 1);
    expect(await p.getByTestId('subflow-legend-2').innerText()).toMatch(/Subflow 2 \(square\)\s*10\.0\.2\.1:\d+ ↔ 10\.0\.1\.2:5201/);
    expect(await p.getByTestId('ladder-legend').innerText()).toContain('MP_JOIN');
    await openClient(p);
    expect(await p.getByTestId('host-form-endpoints').innerText()).toContain('10.0.2.1 id 1 subflow dev cli-p2');
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await shot(p, 'en-added', DESKTOP);
    await shot(p, 'en', PHONE);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await p.setViewportSize(DESKTOP);
    await p.keyboard.press('Escape');
    expect(app.s.problems).toEqual([]);
  });

  it('turns backup on, then deletes the endpoint while its subflow carries data (REMOVE_ADDR)', async () => {
    const p = app.s.page;
    await seek(p, 0.6);
    await openClient(p);
    await p.getByTestId('host-ep-1-backup').click();
    await waitForRerun(p);
    await expect.poll(() => interventions(p)).toContain('Client: ip mptcp endpoint change id 1 backup nofullmesh');
    await openClient(p);
    expect(await p.getByTestId('host-ep-1-backup').getAttribute('aria-pressed')).toBe('true');
    expect(await p.getByTestId('host-ep-1').locator('code').innerText()).toBe('10.0.2.1 id 1 subflow backup dev cli-p2');
    await shot(p, 'en-backup', DESKTOP);
    await p.keyboard.press('Escape');

    expect((await signalRows(p)).some((r) => r.includes('REMOVE_ADDR'))).toBe(false);
    await seek(p, 0.7);
    await openClient(p);
    await p.getByTestId('host-ep-1-delete').click();
    await waitForRerun(p);
    await expect.poll(() => interventions(p)).toContain('0.700000 s: Client: ip mptcp endpoint delete id 1');
    await expect.poll(async () => (await signalRows(p)).some((r) => r.includes('REMOVE_ADDR'))).toBe(true);
    expect(app.s.problems).toEqual([]);
  });

  it('sets the limits from the cursor on', async () => {
    const p = app.s.page;
    await seek(p, 0.8);
    await openClient(p);
    await p.getByTestId('host-form-subflows').fill('3');
    await p.getByTestId('host-form-add-addr-accepted').fill('4');
    await p.getByTestId('host-form-add-addr-accepted').press('Enter');
    await p.getByTestId('host-form').waitFor({ state: 'detached' });
    await waitForRerun(p);
    await expect.poll(() => interventions(p)).toContain('Client: ip mptcp limits set subflows 3 add_addr_accepted 4');
    await openClient(p);
    expect(await p.getByTestId('host-form-subflows').inputValue()).toBe('3');
    expect(await p.getByTestId('host-form-add-addr-accepted').inputValue()).toBe('4');
    await p.keyboard.press('Escape');
    // before 0.8 s the limits were the scenario's
    await seek(p, 0.7);
    await openClient(p);
    expect(await p.getByTestId('host-form-subflows').inputValue()).toBe('2');
    await p.keyboard.press('Escape');
    // undo takes the last command back
    await p.getByTestId('timeline-undo').click();
    await waitForRerun(p);
    await expect.poll(() => interventions(p)).not.toContain('limits set');
    expect(app.s.problems).toEqual([]);
  });

  it('speaks Chinese, fits a phone, and has no serious or critical accessibility violation', async () => {
    const p = app.s.page;
    await p.getByTestId('lang-zh').click();
    await seek(p, 0.5);
    expect(await p.getByTestId('host-server').getAttribute('aria-label')).toBe('服务器：端点和限制，修改它们');
    await p.getByTestId('host-server').click();
    await p.getByTestId('host-form').waitFor();
    expect(await p.getByTestId('host-form').locator('h3').innerText()).toBe('服务器：0.500000 秒时的端点和限制');
    expect(await p.getByTestId('host-form-no-endpoints').innerText()).toMatch(/^没有端点/);
    expect(await p.getByTestId('host-form-flag-signal').isChecked()).toBe(true);
    await p.getByTestId('host-form-add-addr-accepted').fill('12');
    await p.getByTestId('host-form-set-limits').click();
    expect(await p.getByTestId('host-form-error').innerText()).toBe('add_addr_accepted：请输入 0 到 8 之间的整数（内核的上限）。');
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await shot(p, 'zh', DESKTOP);
    await shot(p, 'zh', PHONE);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    expect(await seriousA11yViolations(p, '[data-testid=topology]')).toEqual([]);
    await p.keyboard.press('Escape');
    await p.getByTestId('host-form').waitFor({ state: 'detached' });
    expect(await focused(p)).toBe('host-server');
    await p.getByTestId('lang-en').click();
    await p.setViewportSize(DESKTOP);
    expect(app.s.problems).toEqual([]);
  });
});
