import { describe, expect, it } from 'vitest';
import { fetchScenario, readLimited, sourceOf } from '../../../src/embed/scenario-source';

const BASE = 'https://docs.example.org/guide/page.html';

describe('where an embed scenario comes from', () => {
  it('tells gallery ids, URLs and JSON apart', () => {
    expect(sourceOf('handover', BASE)).toEqual({ kind: 'gallery', id: 'handover' });
    expect(sourceOf('./s/two-paths.json', BASE)).toEqual({ kind: 'url', url: 'https://docs.example.org/guide/s/two-paths.json' });
    expect(sourceOf('https://x.org/a.json', BASE)).toEqual({ kind: 'url', url: 'https://x.org/a.json' });
    expect(sourceOf(' {"paths":[]}', BASE)).toEqual({ kind: 'json', text: ' {"paths":[]}' });
    expect(sourceOf({ paths: [] }, BASE)).toMatchObject({ kind: 'json', text: '{\n  "paths": []\n}\n' });
  });

  it('refuses what cannot be a scenario, naming it', () => {
    expect(sourceOf('', BASE)).toMatchObject({ kind: 'bad', problem: { path: 'scenario' } });
    expect(sourceOf(42, BASE)).toMatchObject({ kind: 'bad' });
    const js = sourceOf('javascript:alert(1)', BASE);
    expect(js).toMatchObject({ kind: 'bad', problem: { path: 'scenario' } });
    expect(JSON.stringify(js)).toMatch(/only http\(s\) URLs/);
  });

  it('reads a body up to the limit, by Content-Length and while streaming', async () => {
    expect(await readLimited(new Response('{"a":1}'), 100)).toBe('{"a":1}');
    expect(await readLimited(new Response('x'.repeat(50), { headers: { 'content-length': '5000' } }), 100)).toEqual({ tooLarge: 5000 });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(30).fill(0x61));
        c.close();
      },
    });
    const r = await readLimited(new Response(stream), 100);
    expect(r).toEqual({ tooLarge: 120 });
    const ok = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"名": '));
        c.enqueue(new TextEncoder().encode('1}'));
        c.close();
      },
    });
    expect(await readLimited(new Response(ok), 100)).toBe('{"名": 1}');
  });

  it('fetches a file, or says where and why it failed', async () => {
    const url = 'https://x.org/dir/my%20scenario.json';
    const ok = await fetchScenario(url, async () => new Response('{"paths":[]}'));
    expect(ok).toEqual({ ok: true, text: '{"paths":[]}', label: 'my scenario.json' });
    expect(await fetchScenario(url, async () => new Response('nope', { status: 404 }))).toEqual({ ok: false, problems: [{ path: url, message: 'the server answered HTTP 404' }] });
    const net = await fetchScenario(url, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(net).toMatchObject({ ok: false, problems: [{ path: url }] });
    expect(JSON.stringify(net)).toMatch(/Failed to fetch.*CORS/);
    const big = await fetchScenario(url, async () => new Response('x'.repeat(10)), 5);
    expect(JSON.stringify(big)).toMatch(/too large: 10 bytes or more \(the limit is 5 bytes\)/);
  });
});
