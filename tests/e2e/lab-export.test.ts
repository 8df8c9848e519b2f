/**
 * "Export Linux lab" in Chromium: the button downloads lab-<scenario>.sh built from the editor's
 * scenario, with its comments in the page's language (English, then 中文 after the switch); what the
 * script cannot reproduce is listed under the button (and follows a language switch); an invalid
 * scenario is not exported and says why. No console error; screenshots EN and ZH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';

const SCENARIO = {
  name: 'lab e2e',
  paths: [{ delay_ms: 20, rate_mbit: 10 }, { delay_ms: 40, rate_mbit: 10 }],
  client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  app: { bytes: 1000000 },
  events: [
    { at: 1, action: 'link_down', path: 1 },
    { at: 2, action: 'cmd', ns: 'wire', argv: ['true'] },
  ],
};

async function exportScript(p: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-lab-button').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('export Linux lab', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('downloads the editor scenario as a lab script in the page language, with its warnings', async () => {
    const p = s.page;
    await p.getByTestId('scenario-text').fill(JSON.stringify(SCENARIO, null, 2));
    const en = await exportScript(p);
    expect(en.name).toBe('lab-lab_e2e.sh');
    expect(en.text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(en.text).toContain('# Step 4: the paths.');
    expect(en.text).toContain('ip -n "$NS_C" mptcp endpoint add 10.0.2.1 dev cli-p2 id 1 subflow');
    expect(en.text).toContain('try ip -n "$NS_C" link set dev cli-p1 down');
    await expect.poll(() => p.getByTestId('export-lab-status').innerText()).toContain('Downloaded lab-lab_e2e.sh');
    const warnings = p.getByTestId('export-lab-warnings');
    expect(await warnings.innerText()).toContain('scenario.events[1]');
    expect(await warnings.innerText()).toContain('"wire"');
    await p.getByTestId('export-lab').scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'lab-export-en-1280x800.png') });

    await p.getByTestId('lang-zh').click();
    // the warnings follow the language at once
    await expect.poll(() => warnings.innerText()).toContain('命名空间');
    const zh = await exportScript(p);
    expect(zh.text).toContain('# 第 4 步：路径。');
    expect(zh.text).not.toContain('# Step 4');
    expect(await p.getByTestId('export-lab-status').innerText()).toContain('已下载 lab-lab_e2e.sh');
    await p.getByTestId('export-lab').scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'lab-export-zh-1280x800.png') });
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  it('does not export an invalid scenario and says why', async () => {
    const p = s.page;
    await p.getByTestId('scenario-text').fill(JSON.stringify({ ...SCENARIO, paths: [], bogus: 1 }));
    let downloaded = false;
    const onDownload = () => (downloaded = true);
    p.on('download', onDownload);
    await p.getByTestId('export-lab-button').click();
    await expect.poll(() => p.getByTestId('export-lab-status').innerText()).toMatch(/^Not exported: the scenario has \d+ problem/);
    expect(await p.getByTestId('export-lab-warnings').count()).toBe(0);
    p.off('download', onDownload);
    expect(downloaded).toBe(false);
    expect(s.problems).toEqual([]);
  });
});
