import { describe, expect, it } from 'vitest';
import { langOf, originOf, parseEmbedOptions } from '../../../src/embed/options';

const from = (attrs: Record<string, string>) => parseEmbedOptions((n) => (n in attrs ? attrs[n] : null));

describe('embed options (attributes of <mptcp-playground>, query of embed.html)', () => {
  it('has defaults: no scenario, page language, topology, timeline controls', () => {
    const { options, problems } = from({});
    expect(problems).toEqual([]);
    expect(options).toEqual({ scenario: null, lang: null, views: ['topology'], controls: 'timeline', autoplay: false, seed: null, theme: null, parentOrigins: [] });
  });

  it('reads every option', () => {
    const { options, problems } = from({
      scenario: ' handover ',
      lang: 'zh-CN',
      views: 'ladder, topology,timeline,ladder',
      controls: 'none',
      autoplay: '',
      seed: '42',
      theme: 'dark',
      'parent-origin': 'https://docs.example.org, http://127.0.0.1:8080',
    });
    expect(problems).toEqual([]);
    expect(options).toEqual({
      scenario: 'handover',
      lang: 'zh',
      views: ['ladder', 'topology'],
      controls: 'none',
      autoplay: true,
      seed: 42,
      theme: 'dark',
      parentOrigins: ['https://docs.example.org', 'http://127.0.0.1:8080'],
    });
  });

  it('reports each bad value with its option and keeps the default', () => {
    const { options, problems } = from({ lang: 'fr', views: 'topology,charts', controls: 'all', autoplay: 'maybe', seed: '-1', theme: 'blue', 'parent-origin': 'https://ok.org,https://x.org/path,javascript:alert(1)' });
    expect(problems.map((p) => p.option)).toEqual(['lang', 'views', 'controls', 'autoplay', 'seed', 'theme', 'parent-origin', 'parent-origin']);
    expect(problems[1]).toMatchObject({ option: 'views', value: 'topology,charts' });
    expect(problems[1].expected).toBe('topology, ladder, inspector, diagrams, console');
    expect(options).toMatchObject({ lang: null, views: ['topology'], controls: 'timeline', autoplay: false, seed: null, theme: null, parentOrigins: ['https://ok.org'] });
  });

  it('refuses seeds that are not unsigned 32-bit integers', () => {
    expect(from({ seed: '4294967295' }).options.seed).toBe(4294967295);
    for (const seed of ['4294967296', '1.5', '1e3', 'x']) expect(from({ seed }).problems).toHaveLength(1);
    expect(from({ autoplay: 'false' }).options.autoplay).toBe(false);
  });

  it('normalises languages and origins', () => {
    expect([langOf('EN-us'), langOf('zh'), langOf('zh-Hant-TW'), langOf('de')]).toEqual(['en', 'zh', 'zh', null]);
    expect(originOf('https://Docs.Example.org:443/')).toBe('https://docs.example.org');
    expect(originOf('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(originOf('https://a.org/docs')).toBeNull();
    expect(originOf('file:///x')).toBeNull();
    expect(originOf('*')).toBeNull();
  });
});
