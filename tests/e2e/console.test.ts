/**
 * The console in Chromium: typing the real commands on the default run (ip mptcp endpoint/limits/
 * monitor, sysctl, ss -M, nstat, pipes), Tab completion, history, errors like the real tools',
 * a change that forks the run at the cursor, the other host, the MPTCP_INFO/counters panel; axe
 * with no serious or critical violation in both languages, no console error, and screenshots
 * (EN/ZH × 1280×800/360×740) in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

async function runDefault(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await page.getByTestId('console').waitFor({ state: 'visible', timeout: 60_000 });
}

/** Type a command line and run it (waits for its prompt line to appear). */
async function type(page: Page, line: string): Promise<void> {
  const before = await page.locator('[data-testid=console-prompt]').count();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=console-prompt]').length > n, before);
}

/** The lines printed after the last prompt (trailing blanks, which iproute2 prints, trimmed; notes as "ⓘ text"). */
async function lastOutput(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll<HTMLElement>('[data-testid=console-output] > .line')];
    let i = lines.length - 1;
    while (i >= 0 && !lines[i].matches('[data-testid=console-prompt]')) i--;
    return lines.slice(i + 1).map((l) => l.innerText.replace(/^ⓘ\s*/, 'ⓘ ').trimEnd());
  });
}

async function run(page: Page, line: string): Promise<string[]> {
  await type(page, line);
  return lastOutput(page);
}

async function waitForRerun(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid=views]')?.classList.contains('stale'), null, { timeout: 60_000 });
}

async function shot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(150);
  await page.getByTestId('console').screenshot({ path: join(SCREENSHOT_DIR, `console-${name}-${viewport.width}x${viewport.height}.png`) });
}

describe('console', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
    await runDefault(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('answers ip mptcp endpoint show and limits show like iproute2, from the run at the cursor', async () => {
    const p = s.page;
    expect(await p.getByTestId('console').locator('h2').innerText()).toBe('Console');
    expect(await run(p, 'ip mptcp endpoint show')).toEqual(['10.0.2.1 id 1 subflow dev cli-p2']);
    expect(await run(p, 'ip mptcp limits show')).toEqual(['add_addr_accepted 0 subflows 2']);
    expect(await run(p, 'sysctl net.mptcp.enabled net.mptcp.scheduler')).toEqual(['net.mptcp.enabled = 1', 'net.mptcp.scheduler = default']);
    expect(await run(p, 'sysctl -a | grep timeout | wc -l')).toEqual(['3']);
    expect(s.problems).toEqual([]);
  });

  it('completes with Tab and recalls history with the arrows', async () => {
    const p = s.page;
    const input = p.getByTestId('console-input');
    await input.fill('ip mptcp endp');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('ip mptcp endpoint ');
    await input.pressSequentially('a');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('ip mptcp endpoint add ');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('ip mptcp endpoint add 10.0.1.1 ');
    await input.pressSequentially('s');
    await input.press('Tab');
    expect(await p.getByTestId('console-completions').innerText()).toMatch(/signal\s+subflow/);
    await input.fill('');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('sysctl -a | grep timeout | wc -l');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('sysctl net.mptcp.enabled net.mptcp.scheduler');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    expect(await input.inputValue()).toBe('');
  });

  it('refuses like the real tools, and marks the word they refused', async () => {
    const p = s.page;
    expect(await run(p, 'ip mptcp foo')).toEqual(['Command "foo" is unknown, try "ip mptcp help".']);
    expect(await p.locator('[data-testid=console-prompt]').last().locator('mark').innerText()).toContain('foo');
    expect(await run(p, 'ip mptcp endpoint add 10.0.1.1 signal fullmesh')).toEqual(['Error: argument "fullmesh" is wrong: flags mustn\'t have both signal and fullmesh']);
    expect(await run(p, 'ip mptcp endpoint add 10.0.2.1 subflow')).toEqual(['Error: too many addresses or duplicate one: -17.']);
    expect(await run(p, 'ip mptcp limits set subflows 9')).toEqual(['Error: limit greater than maximum (8).']);
    expect(await run(p, 'sysctl -w net.mptcp.enabled=2')).toEqual(['sysctl: setting key "net.mptcp.enabled": Invalid argument']);
    expect(await run(p, 'ifconfig')).toEqual(['bash: ifconfig: command not found']);
    expect(await p.locator('[data-testid=console-prompt]').last().getAttribute('data-status')).toBe('127');
    expect(s.problems).toEqual([]);
  });

  it('reads ss -M, nstat and ip mptcp monitor at the cursor; the monitor follows playback until Ctrl+C', async () => {
    const p = s.page;
    // move the cursor to 0.3 s with the scrubber's keyboard (Shift+→ = +100 ms)
    await p.getByTestId('timeline-scrubber').focus();
    for (let i = 0; i < 3; i++) await p.keyboard.press('Shift+ArrowRight');
    const ss = await run(p, 'ss -Mi');
    expect(ss[0]).toMatch(/^State\s+Recv-Q Send-Q Local Address:Port\s+Peer Address:PortProcess$/);
    expect(ss[1]).toMatch(/^ESTAB\s+\d+\s+0\s+10\.0\.1\.1:\d+\s+10\.0\.1\.2:5201$/);
    expect(ss[2]).toMatch(/subflows:1 subflows_max:2 remote_key token:[0-9a-f]+ write_seq:\d+/);
    const nstat = await run(p, "nstat -az 'MPTcpExt*' | head -3");
    expect(nstat.slice(0, 3)).toEqual(['#kernel', 'MPTcpExtMPCapableSYNRX          0                  0.0', 'MPTcpExtMPCapableSYNTX          1                  0.0']);
    // 0.3 s is a checkpoint (one every analysis bin): the counters are exact there, no note
    expect(nstat[3]).toBeUndefined();
    const mon = await run(p, 'ip mptcp monitor');
    expect(mon[0]).toMatch(/^ⓘ Events up to t = 0\.3/);
    expect(mon.slice(1).map((l) => l.slice(0, 18))).toEqual(['[         CREATED]', '[     ESTABLISHED]', '[  SF_ESTABLISHED]']);
    await p.getByTestId('console-stop').waitFor({ state: 'visible' });
    // playing on prints the rest (CLOSED) as it happens
    await p.getByTestId('timeline-scrubber').focus();
    await p.keyboard.press('End');
    await p.waitForFunction(() => [...document.querySelectorAll('[data-testid=console-out]')].some((l) => l.textContent?.includes('CLOSED')));
    await p.getByTestId('console-input').press('Control+c');
    expect((await lastOutput(p)).at(-1)).toBe('^C');
    await p.getByTestId('console-stop').waitFor({ state: 'detached' });
    expect(s.problems).toEqual([]);
  });

  it('a change at the cursor forks the run: the endpoint becomes backup at t and MP_PRIO goes out', async () => {
    const p = s.page;
    await p.getByTestId('timeline-scrubber').focus();
    await p.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await p.keyboard.press('Shift+ArrowRight');
    const out = await run(p, 'ip mptcp endpoint change id 1 backup');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/Applied at t = 0\.3\d* s as the scenario event “endpoint_change” on the client/);
    await waitForRerun(p);
    expect(await p.getByTestId('scenario-text').inputValue()).toContain('"endpoint_change"');
    expect(await run(p, 'ip mptcp endpoint show')).toEqual(['10.0.2.1 id 1 subflow backup dev cli-p2']);
    await p.getByTestId('timeline-scrubber').focus();
    await p.keyboard.press('End');
    await expect.poll(() => p.getByTestId('counters-mib').innerText()).toContain('MPTcpExtMPPrioTx');
    expect(s.problems).toEqual([]);
  });

  it('runs on the server with the host switch or ip -n, and the panel follows the host', async () => {
    const p = s.page;
    expect(await run(p, 'ip -n server mptcp limits')).toEqual(['add_addr_accepted 0 subflows 2']);
    await p.getByTestId('console-host-server').check();
    expect(await p.getByTestId('counters-mib').locator('caption').innerText()).toContain('server');
    // the cursor is at the end of the run, where the counters are exact (no note)
    expect(await run(p, 'nstat -a MPTcpExtMPPrio*')).toEqual(['#kernel', 'MPTcpExtMPPrioRx                1                  0.0']);
    expect(await p.locator('[data-testid=console-prompt]').last().innerText()).toMatch(/^root@server:~#\s*nstat -a MPTcpExtMPPrio\*/);
    await p.getByTestId('console-host-client').check();
  });

  it('has no serious or critical accessibility violation, in English and in Chinese; screenshots', async () => {
    const p = s.page;
    await p.getByTestId('timeline-scrubber').focus();
    await p.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await p.keyboard.press('Shift+ArrowRight');
    await run(p, 'ss -Mi');
    expect(await seriousA11yViolations(p, '[data-testid=console]')).toEqual([]);
    await shot(p, 'en', DESKTOP);
    await shot(p, 'en', PHONE);
    await p.setViewportSize(DESKTOP);
    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('console').locator('h2').innerText()).toBe('控制台');
    await run(p, 'nstat -az MPTcpExtMPJoin*');
    expect(await seriousA11yViolations(p, '[data-testid=console]')).toEqual([]);
    await shot(p, 'zh', DESKTOP);
    await shot(p, 'zh', PHONE);
    await p.setViewportSize(DESKTOP);
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });
});
