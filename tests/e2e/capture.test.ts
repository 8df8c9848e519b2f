/**
 * Opening real captures in Chromium: a kernel-ref capture picked with the file input is read in the
 * capture worker and shown by every view like a run (summary with both subflows, timeline,
 * topology, ladder, state diagrams; the expert charts count its data), in English and Chinese,
 * without console errors; a file that is not a capture gets the clear message, a truncated one a
 * partial view with its located problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, SCREENSHOT_DIR, type AppSession } from './helpers/browser';
import { seriousA11yViolations } from './helpers/axe';
import { KERNEL_REF, REPO_ROOT } from '../helpers/paths';
import { sourceFrames, toIpv6, writePcap, writePcapng, type Frame } from '../unit/capture/builders';
import { STAGED_MOUNT_MIN_RECORDS, STAGED_VIEWS } from '../../src/viz/staged-mount';

const D_SIGNAL = join(KERNEL_REF, 'results/d_signal/merged-server.pcapng');
/** Our own kernel-ref run (tests/fidelity/kernel-ref/own/README.md): fullmesh over 2×2 addresses. */
const OWN_FULLMESH = join(REPO_ROOT, 'tests/fidelity/kernel-ref/own/fullmesh_2x2');

/** The frames of a real capture (b_handover), repeated one capture-length later each time, until there are `count(frames)`. */
function repeatedCapture(count: (src: Frame[]) => number): Uint8Array {
  const src = sourceFrames('b_handover', 'merged-server.pcapng', 1e9);
  const span = src[src.length - 1].ts - src[0].ts + 1_000_000_000n;
  const frames: Frame[] = [];
  for (let k = 0; frames.length < count(src); k++) for (const f of src) frames.push({ ...f, ts: f.ts + span * BigInt(k) });
  return writePcapng([{ linkType: 1, name: 'srv-p1', tsresol: 9 }, { linkType: 1, name: 'srv-p2', tsresol: 9 }], frames, true);
}

describe('open a capture', () => {
  let s: AppSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    s = await openApp({ viewport: { width: 1280, height: 800 }, locale: 'en-US', expertViews: ['throughput', 'reorder', 'seq-graph', 'mapping', 'windows', 'sched', 'pm-timeline'] });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('a kernel-ref capture appears in every view', async () => {
    const p = s.page;
    await p.getByTestId('capture-file').setInputFiles(D_SIGNAL);
    const opened = p.getByTestId('capture-opened');
    await opened.waitFor({ timeout: 60_000 });
    expect(await opened.innerText()).toMatch(/Opened merged-server\.pcapng: 5,098 frames, 5,098 TCP packets, 2 subflow\(s\)/);
    await p.getByTestId('views').waitFor();
    const table = await p.getByTestId('subflows').innerText();
    expect(table).toContain('MP_CAPABLE');
    expect(table).toContain('MP_JOIN');
    expect(table).toContain('10.0.2.1');
    for (const id of ['timeline', 'topology', 'diagrams']) await p.getByTestId(id).first().waitFor();
    await p.getByTestId('ladder-row').first().waitFor({ timeout: 30_000 });
    // the ADD_ADDR the server sent is on the ladder
    expect(await p.getByTestId('ladder-row').filter({ hasText: 'ADD_ADDR' }).count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(p, '[data-testid=capture-status]')).toEqual([]);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'capture-en-1280x800.png'), fullPage: false });
    expect(s.problems).toEqual([]);
  });

  it('in Chinese', async () => {
    const p = s.page;
    await p.getByTestId('lang-zh').click();
    expect(await p.getByTestId('capture-open').innerText()).toBe('打开抓包文件…');
    expect(await p.getByTestId('capture-opened').innerText()).toMatch(/^已打开 merged-server\.pcapng：5,098 帧/);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'capture-zh-1280x800.png') });
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  it('a file that is not a capture: the clear message, the views of the last capture stay', async () => {
    const p = s.page;
    await p.getByTestId('capture-file').setInputFiles({ name: 'notes.pcapng', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not a capture at all') });
    const err = p.getByTestId('capture-error');
    await err.waitFor({ timeout: 30_000 });
    expect(await err.innerText()).toContain('The capture could not be opened');
    expect(await err.innerText()).toContain('not a pcap or pcapng capture: the file starts with 0x74686973');
    expect(await err.locator('li').count()).toBe(0);
    expect(await p.getByTestId('views').count()).toBe(1);
    await p.getByTestId('capture-status').screenshot({ path: join(SCREENSHOT_DIR, 'capture-error-en.png') });
    expect(s.problems).toEqual([]);
  });

  it('a truncated capture: a partial view and where the file ends', async () => {
    const p = s.page;
    const bytes = readFileSync(D_SIGNAL);
    await p.getByTestId('capture-file').setInputFiles({ name: 'cut.pcapng', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, 300_001) });
    await p.getByTestId('capture-problems').waitFor({ timeout: 30_000 });
    const txt = await p.getByTestId('capture-problems').innerText();
    expect(txt).toMatch(/1 problem\(s\) in the file/);
    expect(txt).toMatch(/byte \d+, block \d+: block \d+ \(type 6\) is cut short/);
    expect(await p.getByTestId('capture-opened').innerText()).toMatch(/Opened cut\.pcapng/);
    expect(s.problems).toEqual([]);
  });

  it('a large capture shows progress and can be cancelled; the views on screen stay', async () => {
    const p = s.page;
    // ~11 MB: the frames of a real capture, repeated one capture-length later each time
    const big = repeatedCapture((src) => src.length * 8);
    const before = await p.getByTestId('subflows').innerText();
    await p.getByTestId('capture-file').setInputFiles({ name: 'big.pcapng', mimeType: 'application/octet-stream', buffer: Buffer.from(big) });
    await p.getByTestId('capture-progress').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('capture-status').innerText()).toContain('Reading big.pcapng…');
    await p.getByTestId('capture-cancel').click();
    expect(await p.getByTestId('capture-cancelled').innerText()).toBe('Opening big.pcapng was cancelled.');
    await new Promise((r) => setTimeout(r, 500));
    expect(await p.getByTestId('subflows').innerText()).toBe(before);
    expect(s.problems).toEqual([]);
  });

  it('the expert views count the imported data: data-level positions from the DSS mappings', async () => {
    const p = s.page;
    // a_aggregation: 4,000,000 bytes uploaded over two subflows, captured at the server
    await p.getByTestId('capture-file').setInputFiles(join(KERNEL_REF, 'results/a_aggregation/merged-server.pcapng'));
    await p.getByTestId('capture-opened').filter({ hasText: 'merged-server.pcapng' }).waitFor({ timeout: 60_000 });
    const attr = async (id: string, name: string): Promise<number> => Number(await p.getByTestId(id).getAttribute(`data-${name}`));
    await expect.poll(() => attr('throughput', 'total')).toBe(4_000_000);
    expect(await attr('throughput', 'layers')).toBe(2);
    expect(await attr('reorder', 'inorder')).toBe(4_000_000);
    expect(await attr('seq-graph', 'total')).toBeGreaterThan(2_000);
    expect(await attr('mapping', 'total')).toBeGreaterThan(2_000);
    // what a capture does not hold: socket samples, scheduler decisions, PM events; no scenario to re-run as TCP
    expect(await attr('windows', 'sockets')).toBe(0);
    expect(await attr('sched', 'decisions')).toBe(0);
    expect(await attr('pm-timeline', 'events')).toBe(0);
    expect(await p.getByTestId('throughput-baseline').count()).toBe(0);
    for (const v of ['throughput', 'reorder', 'seq-graph', 'mapping']) {
      expect(await attr(v, 'marks')).toBeGreaterThan(0);
      await p.getByTestId(v).screenshot({ path: join(SCREENSHOT_DIR, `capture-${v}-en.png`) });
    }
    await p.getByTestId('lang-zh').click();
    await p.getByTestId('throughput').screenshot({ path: join(SCREENSHOT_DIR, 'capture-throughput-zh.png') });
    await p.getByTestId('lang-en').click();
    expect(s.problems).toEqual([]);
  });

  it('an IPv6 capture: every view names the real addresses (RFC 5952), none shows a 240.0.0.x stand-in', async () => {
    const p = s.page;
    const frames = sourceFrames('d_signal', 'merged-server.pcapng', 400).map((f) => ({ ...f, data: toIpv6(f.data), origLen: undefined }));
    const v6 = writePcap(frames, { little: true, nano: true, linkType: 229 });
    await p.getByTestId('capture-file').setInputFiles({ name: 'v6.pcap', mimeType: 'application/octet-stream', buffer: Buffer.from(v6) });
    await p.getByTestId('capture-opened').filter({ hasText: 'v6.pcap' }).waitFor({ timeout: 60_000 });
    expect(await p.getByTestId('capture-ipv6').innerText()).toContain('every view names them');
    await p.getByTestId('ladder-row').first().waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('subflows').innerText()).toContain('[2001:db8:1::1]:');
    expect(await p.getByTestId('ladder-legend').innerText()).toMatch(/\[2001:db8:1::1\]:\d+ ⇄ \[2001:db8:1::2\]:5201/);
    expect(await p.getByTestId('topology').textContent()).toContain('2001:db8:1::1');
    // the timeline's subflow marks (their tooltips)
    expect(await p.locator('[data-testid=timeline-scrubber] path[data-kind=subflowUp] title').first().textContent()).toContain('[2001:db8:1::1]:');
    // the inspector's IP fields, for the first packet
    await p.getByTestId('ladder-row').first().click();
    await p.getByTestId('inspector-tree').waitFor();
    await p.getByTestId('inspector-expand-all').click();
    expect(await p.getByTestId('inspector-tree').innerText()).toMatch(/2001:db8:1::1/);
    // nowhere in the views (text, tooltips, labels) a stand-in address
    expect(await p.getByTestId('views').textContent()).not.toMatch(/240\.0\.0\.\d/);
    await p.getByTestId('views').screenshot({ path: join(SCREENSHOT_DIR, 'capture-ipv6-en.png') });
    expect(s.problems).toEqual([]);
  });

  it('a capture of more than 20 k packets mounts its views one per frame, then shows them all', async () => {
    const p = s.page;
    const big = repeatedCapture(() => STAGED_MOUNT_MIN_RECORDS + 1000);
    // a fresh page: the views mount anew for this capture
    await p.reload();
    await p.getByTestId('capture-file').waitFor();
    // record how many views were mounted at each animation frame, from the moment the views appear
    await p.evaluate(() => {
      const w = window as unknown as { __mounted: number[] };
      w.__mounted = [];
      const tick = (): void => {
        const el = document.querySelector('[data-testid=views-mounted]');
        if (el) w.__mounted.push(Number(el.getAttribute('data-mounted')));
        if (w.__mounted.at(-1) !== 8) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await p.getByTestId('capture-file').setInputFiles({ name: 'many.pcapng', mimeType: 'application/octet-stream', buffer: Buffer.from(big) });
    await p.getByTestId('capture-opened').filter({ hasText: 'many.pcapng' }).waitFor({ timeout: 120_000 });
    await expect.poll(() => p.getByTestId('views-mounted').getAttribute('data-mounted'), { timeout: 30_000 }).toBe(String(STAGED_VIEWS));
    const seen = await p.evaluate(() => (window as unknown as { __mounted: number[] }).__mounted);
    // first the timeline alone, then one more at a time: never all at once
    expect(seen[0]).toBe(1);
    expect(new Set(seen).size).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seen.length; i++) expect(seen[i] - seen[i - 1]).toBeLessThanOrEqual(1);
    for (const id of ['timeline', 'topology', 'ladder', 'inspector', 'diagrams', 'console', 'export-run']) await p.getByTestId(id).first().waitFor();
    expect(await p.getByTestId('capture-opened').innerText()).toMatch(/2 subflow\(s\)|\d+ subflow\(s\)/);
    expect(s.problems).toEqual([]);
  });

  it('drag and drop anywhere on the page opens the file', async () => {
    const p = s.page;
    const b64 = readFileSync(join(KERNEL_REF, 'results/e_fallback_server_tcp/merged-server.pcapng')).toString('base64');
    await p.evaluate((data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.pcapng'));
      (window as unknown as { __dt: DataTransfer }).__dt = dt;
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, b64);
    expect(await p.getByTestId('capture-dropzone').innerText()).toBe('Drop the capture to open it');
    await p.evaluate(() => {
      const dt = (window as unknown as { __dt: DataTransfer }).__dt;
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await p.getByTestId('capture-opened').filter({ hasText: 'dropped.pcapng' }).waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('capture-dropzone').count()).toBe(0);
    // the server spoke plain TCP: one MP_CAPABLE subflow that fell back, shown by the state diagrams
    expect(await p.getByTestId('subflows').innerText()).toContain('MP_CAPABLE');
    // step the cursor over the marks until the SYN/ACK without MP_CAPABLE has passed
    for (let i = 0; i < 10 && (await p.getByTestId('diagram-fallback').count()) === 0; i++) await p.getByTestId('timeline-next-mark').click();
    expect(await p.getByTestId('diagram-fallback').first().innerText()).toContain('SYN/ACK carries no MP_CAPABLE');
    expect(s.problems).toEqual([]);
  });

  it('our own kernel-ref capture (fullmesh 2×2): the four subflows and their bytes as the kernel summarised them', async () => {
    const p = s.page;
    const ref = JSON.parse(readFileSync(join(OWN_FULLMESH, 'summary.json'), 'utf8')) as { packets_analysed: number; subflows: { kind: string; client: string; server: string; payload_bytes: { c2s: number } }[] };
    await p.getByTestId('capture-file').setInputFiles(join(OWN_FULLMESH, 'merged-server.pcapng'));
    await p.getByTestId('capture-opened').filter({ hasText: `${ref.packets_analysed.toLocaleString('en-US')} frames` }).waitFor({ timeout: 60_000 });
    expect(await p.getByTestId('capture-opened').innerText()).toMatch(/Opened merged-server\.pcapng: 2,307 frames, 2,307 TCP packets, 4 subflow\(s\)/);
    const rows = p.getByTestId('subflows').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const sf = ref.subflows[i];
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      expect(cells[0].replace(/\s+/g, ' ')).toContain(sf.client);
      expect(cells[0].replace(/\s+/g, ' ')).toContain(sf.server);
      expect(cells[1]).toBe(sf.kind);
      expect(cells[2]).toBe(sf.payload_bytes.c2s.toLocaleString('en-US'));
    }
    // the server's ADD_ADDR of 10.0.2.2 is on the ladder
    await p.getByTestId('ladder-row').first().waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('ladder-row').filter({ hasText: 'ADD_ADDR' }).count()).toBeGreaterThan(0);
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'capture-own-fullmesh-en-1280x800.png') });
    expect(s.problems).toEqual([]);
  });
});
