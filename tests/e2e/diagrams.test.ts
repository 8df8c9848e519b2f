/**
 * The live state diagrams in Chromium: drawn from the machines (every state of both xstate
 * definitions is in the picture), the state at the cursor and the last transitions follow the
 * timeline exactly as the trace says (checked against the same run simulated here in Node), host and
 * subflow selection, axe with no serious/critical violation in both languages, no console error,
 * screenshots EN/ZH × 1280×800/360×740 in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { simulate } from '../../src/core';
import { validateScenario } from '../../src/core/scenario';
import { CONNECTION_STATE_DISPLAY, TCP_STATE_DISPLAY, connectionMachine, subflowMachine } from '../../src/machines';
import { edgeForChange, machineGraph } from '../../src/viz/state-diagram';
import { connectionLifecycles, recentChanges, stateAt, subflowLifecycles } from '../../src/viz/state-diagram-trace';
import { DEFAULT_SCENARIO } from '../../src/ui/default-scenario';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const connGraph = machineGraph(connectionMachine, CONNECTION_STATE_DISPLAY);
const tcpGraph = machineGraph(subflowMachine, TCP_STATE_DISPLAY);

/** The same run as the page's (default scenario, its own seed), in Node. */
const v = validateScenario(DEFAULT_SCENARIO);
if (!v.ok) throw new Error('default scenario invalid');
const { trace } = simulate(v.scenario, { summary: false });
const conns = connectionLifecycles(trace);
const subflows = subflowLifecycles(trace);

/** The cursor in ns, exactly as the views see it (the scrubber rounds to microseconds). */
async function cursorNs(page: Page): Promise<number> {
  return Number(await page.getByTestId('diagrams').getAttribute('data-t'));
}

async function current(page: Page, kind: 'connection' | 'subflow'): Promise<string> {
  return (await page.getByTestId(`diagram-${kind}-svg`).getAttribute('data-current')) ?? '';
}

/** The edge drawn as the latest transition (badge 1), or null. */
async function latestEdge(page: Page, kind: 'connection' | 'subflow'): Promise<string | null> {
  const e = page.locator(`[data-testid=diagram-${kind}-svg] path[data-recent="1"]`);
  return (await e.count()) === 0 ? null : e.first().getAttribute('data-edge');
}

async function shot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(150);
  await page.getByTestId('diagrams').screenshot({ path: join(SCREENSHOT_DIR, `diagrams-${name}-${viewport.width}x${viewport.height}.png`) });
}

describe('state diagrams', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: DESKTOP, locale: 'en-US' });
    await s.page.getByTestId('run').click();
    await s.page.getByTestId('diagrams').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('draws every state and transition of both machine definitions', async () => {
    const p = s.page;
    const states = async (kind: string): Promise<string[]> =>
      (await p.locator(`[data-testid=diagram-${kind}-svg] [data-state]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''))).sort();
    expect(await states('connection')).toEqual(connGraph.nodes.map((n) => n.id).sort());
    expect(await states('subflow')).toEqual(tcpGraph.nodes.map((n) => n.id).sort());
    expect(await p.locator('[data-testid=diagram-connection-svg] path[data-edge]').count()).toBe(connGraph.edges.length);
    expect(await p.locator('[data-testid=diagram-subflow-svg] path[data-edge]').count()).toBe(tcpGraph.edges.length);
    // nested states are inside their parent's box
    const outer = await p.locator('[data-testid=diagram-connection-svg] [data-state="established"] rect').boundingBox();
    const inner = await p.locator('[data-testid=diagram-connection-svg] [data-state="established.preEstablished"] rect').boundingBox();
    expect(inner!.x).toBeGreaterThan(outer!.x);
    expect(inner!.y + inner!.height).toBeLessThan(outer!.y + outer!.height);
    expect(s.problems).toEqual([]);
  });

  it('highlights the state at the cursor and the last transition as the timeline moves', async () => {
    const p = s.page;
    const client = conns.find((c) => c.side === 'client')!;
    const sf1 = subflows.find((x) => x.side === 'client' && x.index === 1)!;
    await p.getByTestId('diagram-side-client').click();
    const slider = p.getByTestId('timeline-scrubber');
    await slider.focus();
    await p.keyboard.press('Home');
    const seen = new Set<string>();
    for (let step = 0; step < 12; step++) {
      const t = await cursorNs(p);
      const want = stateAt(client, t).state;
      seen.add(want);
      expect(await current(p, 'connection'), `connection at ${t} ns`).toBe(want);
      expect(await current(p, 'subflow'), `subflow at ${t} ns`).toBe(stateAt(sf1, t).state);
      expect(await p.getByTestId('diagram-connection-current').getAttribute('data-state')).toBe(want);
      const last = recentChanges(client, t, 1)[0];
      expect(await latestEdge(p, 'connection')).toBe(last ? edgeForChange(connGraph, last.from, last.to)!.id : null);
      await slider.focus();
      await p.keyboard.press(step < 4 ? 'ArrowRight' : 'Shift+ArrowRight');
    }
    // the walk went through the handshake into the fully established state
    expect([...seen]).toContain('established.fullyEstablished');
    await p.keyboard.press('End');
    const end = await cursorNs(p);
    expect(await current(p, 'connection')).toBe(stateAt(client, end).state);
    const recent = recentChanges(client, end, 3);
    expect(await p.getByTestId('diagram-connection-recent').locator('li').count()).toBe(recent.length);
    for (let r = 1; r <= recent.length; r++) expect(await p.locator(`[data-testid=diagram-connection-svg] [data-badge="${r}"]`).count()).toBe(1);
    expect(s.problems).toEqual([]);
  });

  it('shows the server and each subflow on request', async () => {
    const p = s.page;
    await p.getByTestId('diagram-side-server').click();
    expect(await p.getByTestId('diagram-side-server').getAttribute('aria-pressed')).toBe('true');
    const t = await cursorNs(p);
    const server = conns.find((c) => c.side === 'server')!;
    expect(await current(p, 'connection')).toBe(stateAt(server, t).state);
    expect(await p.getByTestId('diagram-connection').locator('h3').innerText()).toContain(server.token);
    const serverSubflows = subflows.filter((x) => x.side === 'server');
    expect(await p.getByTestId('diagram-subflow-select').locator('option').count()).toBe(serverSubflows.length);
    await p.getByTestId('diagram-subflow-select').selectOption(String(serverSubflows[1].sock));
    expect(await p.getByTestId('diagram-subflow').locator('h3').innerText()).toBe('Subflow 2: TCP states');
    expect(await current(p, 'subflow')).toBe(stateAt(serverSubflows[1], t).state);
    await p.getByTestId('diagram-side-client').click();
    expect(await p.getByTestId('diagram-subflow').locator('h3').innerText()).toBe('Subflow 1: TCP states');
    expect(s.problems).toEqual([]);
  });

  it('has no serious or critical accessibility violation, in English and Chinese', async () => {
    const p = s.page;
    expect(await seriousA11yViolations(p, '[data-testid=diagrams]')).toEqual([]);
    await shot(p, 'en', DESKTOP);
    await shot(p, 'en', PHONE);
    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('diagrams').locator('h2').innerText()).toBe('状态图');
    expect(await p.locator('[data-testid=diagram-connection-svg] [data-state="established.fullyEstablished"] text').textContent()).toBe('完全建立');
    expect(await seriousA11yViolations(p, '[data-testid=diagrams]')).toEqual([]);
    await shot(p, 'zh', PHONE);
    await shot(p, 'zh', DESKTOP);
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  it('fits a 360 px screen: the page does not scroll sideways (the diagrams scroll in their own box)', async () => {
    const p = s.page;
    await p.setViewportSize(PHONE);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await p.setViewportSize(DESKTOP);
  });
});
