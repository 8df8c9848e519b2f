import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precached, precacheOf, writeServiceWorker } from '../../../build/precache';
import { embedSize, staticImports } from '../../../build/embed-size';
import { elementSnippet, iframeSnippet, iframeSrc } from '../../../src/embed/snippets';
import { parseEmbedOptions } from '../../../src/embed/options';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function site(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'embed-site-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  return dir;
}

describe('the service worker precache list (build/precache.ts)', () => {
  it('lists every built file but maps, dotfiles and the worker itself, plus the root page', async () => {
    const d = await site({ 'index.html': 'i', 'embed.html': 'e', 'assets/a-1.js': 'a', 'assets/a-1.js.map': 'm', 'embed/mptcp-playground.js': 'p', 'sw.js': 'old', '.vite/manifest.json': '{}' });
    const pc = await precacheOf(d);
    expect(pc.files).toEqual(['./', './assets/a-1.js', './embed.html', './embed/mptcp-playground.js', './index.html']);
    expect(pc.version).toMatch(/^[0-9a-f]{16}$/);
    expect([precached('x.js.map'), precached('sw.js'), precached('docs/embedding.html')]).toEqual([false, false, true]);
  });

  it('changes the version when any file changes, so a new build gets a new cache', async () => {
    const d = await site({ 'index.html': 'i', 'assets/a.js': 'one' });
    const v1 = (await precacheOf(d)).version;
    expect((await precacheOf(d)).version).toBe(v1);
    await writeFile(join(d, 'assets/a.js'), 'two');
    const v2 = (await precacheOf(d)).version;
    expect(v2).not.toBe(v1);
    await writeFile(join(d, 'assets/b.js'), '');
    expect((await precacheOf(d)).version).not.toBe(v2);
  });

  it('writes sw.js with the list in front of the template', async () => {
    const d = await site({ 'index.html': 'i' });
    const pc = await writeServiceWorker(d, '/* template */\n');
    const sw = await readFile(join(d, 'sw.js'), 'utf8');
    expect(sw).toBe(`self.__PRECACHE = ${JSON.stringify(pc)};\n/* template */\n`);
    expect(pc.files).not.toContain('./sw.js');
  });
});

describe('the embed size report (build/embed-size.ts)', () => {
  it('follows static imports only', async () => {
    expect(staticImports('import{a as b}from"./chunks/x-1.js";import"./y.js";const v=import("./lazy.js");export{}from"../z.js"')).toEqual(['./chunks/x-1.js', './y.js', '../z.js']);
    const d = await site({ 'embed/e.js': 'import{a}from"./chunks/s.js";import("./chunks/l.js")', 'embed/chunks/s.js': 'export const a=1', 'embed/chunks/l.js': 'export const b=2' });
    const size = await embedSize(join(d, 'embed'), 'e.js');
    expect(size.initialFiles).toEqual(['chunks/s.js', 'e.js']);
    expect(size.initialGzip).toBeGreaterThan(0);
    expect(size.lazyGzip).toBeGreaterThan(0);
  });
});

describe('the docs page snippets', () => {
  const input = { siteRoot: 'https://mptcp.example.org/play/', hostOrigin: 'https://docs.example.org', scenario: 'handover', lang: 'zh' as const, views: ['topology', 'ladder'] };

  it('load the bundle from the site and use the options the element reads', () => {
    const s = elementSnippet(input);
    expect(s).toContain('<script type="module" src="https://mptcp.example.org/play/embed/mptcp-playground.js"></script>');
    const attrs = Object.fromEntries([...s.matchAll(/ ([a-z-]+)="([^"]*)"/g)].filter((m) => m[1] !== 'type' && m[1] !== 'src').map((m) => [m[1], m[2]]));
    const parsed = parseEmbedOptions((n) => attrs[n] ?? null);
    expect(parsed.problems).toEqual([]);
    expect(parsed.options).toMatchObject({ scenario: 'handover', lang: 'zh', views: ['topology', 'ladder'], controls: 'timeline' });
  });

  it('point the iframe at embed.html with the host as parent-origin', () => {
    const src = new URL(iframeSrc(input));
    expect(src.href.startsWith('https://mptcp.example.org/play/embed.html?')).toBe(true);
    const parsed = parseEmbedOptions((n) => src.searchParams.get(n));
    expect(parsed.problems).toEqual([]);
    expect(parsed.options.parentOrigins).toEqual(['https://docs.example.org']);
    expect(iframeSnippet(input)).toContain('const origin = "https://mptcp.example.org";');
    expect(iframeSnippet(input)).not.toMatch(/&(?!amp;)/);
  });
});
