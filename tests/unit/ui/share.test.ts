import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  fromBase64Url,
  MAX_LINK_CHARS,
  MAX_PAYLOAD_BYTES,
  SHARE_ERROR_CODES,
  shareParam,
  shareUrl,
  splitInterventions,
  toBase64Url,
  type ShareDecodeResult,
  type SharedRun,
} from '../../../src/ui/share';
import { DEFAULT_SCENARIO_TEXT } from '../../../src/ui/default-scenario';
import { GALLERY, galleryText } from '../../../src/ui/gallery/scenarios';
import { parseScenarioText, validateScenario } from '../../../src/core/scenario';
import { withIntervention } from '../../../src/viz/timeline-scenario';

const view = { t: 1_234_567_890, side: 'server' as const, sock: 4 };
const run = (scenarioText: string, extra: Partial<SharedRun> = {}): SharedRun => ({ scenarioText, seed: 7, interventions: [], view, ...extra });

/** A seeded generator (mulberry32), so the corrupt inputs are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const jLink = (payload: unknown): string => `j.${toBase64Url(new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload)))}`;

async function deflate(text: string): Promise<Uint8Array> {
  const s = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(s).arrayBuffer());
}

function expectClearError(r: ShareDecodeResult, input: string): void {
  expect(r.ok, `accepted: ${input.slice(0, 80)}`).toBe(false);
  if (r.ok) return;
  expect(SHARE_ERROR_CODES).toContain(r.error.code);
  expect(r.error.path).toMatch(/^link/);
  expect(r.error.message.trim().length).toBeGreaterThan(0);
  if (r.error.code === 'invalid-scenario') expect(r.error.problems?.length).toBeGreaterThan(0);
}

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('refuses padding, whitespace, the standard alphabet and impossible lengths', () => {
    for (const bad of ['QQ==', 'QU E', 'a+b/', 'QUJDR', 'QR']) expect(typeof fromBase64Url(bad)).toBe('string');
  });
});

describe('share links round-trip', () => {
  it('restores scenario text, seed and view exactly (compressed)', async () => {
    const value = await encodeShare(run(DEFAULT_SCENARIO_TEXT));
    expect(value).toMatch(/^z\.[A-Za-z0-9_-]+$/);
    const r = await decodeShare(value);
    expect(r).toEqual({ ok: true, run: run(DEFAULT_SCENARIO_TEXT) });
  });

  it('restores the same run without compression', async () => {
    const value = await encodeShare(run(DEFAULT_SCENARIO_TEXT, { seed: null, view: { t: 0, side: 'client', sock: null } }), false);
    expect(value.startsWith('j.')).toBe(true);
    expect(await decodeShare(value)).toEqual({ ok: true, run: run(DEFAULT_SCENARIO_TEXT, { seed: null, view: { t: 0, side: 'client', sock: null } }) });
  });

  it('keeps the scenario text verbatim, number spellings and all', async () => {
    const text = DEFAULT_SCENARIO_TEXT.replace('"delay_ms": 20', '"delay_ms": 20.0');
    const r = await decodeShare(await encodeShare(run(text)));
    expect(r.ok && r.run.scenarioText).toBe(text);
  });

  it('round-trips every gallery scenario', async () => {
    for (const g of GALLERY) {
      const r = await decodeShare(await encodeShare(run(galleryText(g))));
      expect(r.ok && r.run.scenarioText, g.id).toBe(galleryText(g));
    }
  });

  it('adds interventions to the scenario’s events', async () => {
    const link = jLink({ v: 1, scenario: DEFAULT_SCENARIO_TEXT, interventions: [{ at: 0.5, action: 'link_down', path: 1 }] });
    const r = await decodeShare(link);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.parse(r.run.scenarioText).events).toEqual([{ at: 0.5, action: 'link_down', path: 1 }]);
    expect(r.run.interventions).toHaveLength(1);
    const bad = await decodeShare(jLink({ v: 1, scenario: DEFAULT_SCENARIO_TEXT, interventions: [{ at: -1, action: 'link_down', path: 9 }] }));
    expect(bad.ok || bad.error.code).toBe('invalid-scenario');
    expect(bad.ok || bad.error.problems?.some((p) => p.path.startsWith('scenario.events[0]'))).toBe(true);
  });

  it('builds and reads the URL hash', async () => {
    const value = await encodeShare(run(DEFAULT_SCENARIO_TEXT));
    const url = shareUrl('http://127.0.0.1:5173/index.html?x=1#old', value);
    expect(url).toBe(`http://127.0.0.1:5173/index.html?x=1#run=${value}`);
    expect(shareParam(new URL(url).hash)).toBe(value);
    expect(shareParam('')).toBeNull();
    expect(shareParam('#main')).toBeNull();
  });

  it('a compressed link is shorter than the plain one', async () => {
    const r = run(galleryText(GALLERY[0]));
    expect((await encodeShare(r)).length).toBeLessThan((await encodeShare(r, false)).length * 0.6);
  });
});

describe('corrupt and hostile links', () => {
  it('refuses prototype-pollution keys anywhere, and pollutes nothing', async () => {
    const hostile = [
      '{"v":1,"scenario":"{}","__proto__":{"polluted":1}}',
      '{"v":1,"scenario":"{}","view":{"constructor":{"prototype":{"polluted":1}}}}',
      `{"v":1,"scenario":${JSON.stringify(DEFAULT_SCENARIO_TEXT.replace('"name"', '"notes": {"__proto__": {"polluted": 1}}, "name"'))}}`,
      '{"v":1,"scenario":"{}","interventions":[{"prototype":1}]}',
    ];
    for (const h of hostile) {
      const r = await decodeShare(jLink(h));
      expectClearError(r, h);
      expect(!r.ok && r.error.code).toBe('forbidden-key');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses a zip bomb before it is inflated in full', async () => {
    const bomb = `z.${toBase64Url(await deflate(' '.repeat(8 * 1024 * 1024)))}`;
    expect(bomb.length).toBeLessThan(20_000);
    const r = await decodeShare(bomb);
    expect(!r.ok && r.error.code).toBe('too-large');
  });

  it('gives 200 random corrupt links each a clear error', async () => {
    const next = rng(2024);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const good = await encodeShare(run(DEFAULT_SCENARIO_TEXT));
    const goodJ = await encodeShare(run(DEFAULT_SCENARIO_TEXT), false);
    const base = { v: 1, scenario: DEFAULT_SCENARIO_TEXT };
    const wrongTypes: unknown[] = [
      null, 42, 'text', [], [base], true,
      { ...base, v: 2 }, { ...base, v: '1' }, { scenario: DEFAULT_SCENARIO_TEXT },
      { ...base, scenario: 5 }, { ...base, scenario: null }, { ...base, scenario: { name: 'x' } }, { v: 1 },
      { ...base, seed: -1 }, { ...base, seed: 1.5 }, { ...base, seed: '7' }, { ...base, seed: 2 ** 60 },
      { ...base, view: [] }, { ...base, view: { t: -5 } }, { ...base, view: { t: 'late' } }, { ...base, view: { t: Infinity } },
      { ...base, view: { side: 'middle' } }, { ...base, view: { sock: -1 } }, { ...base, view: { zoom: 2 } },
      { ...base, interventions: {} }, { ...base, interventions: [1] }, { ...base, interventions: [null] },
      { ...base, interventions: Array.from({ length: 1001 }, () => ({ at: 1, action: 'ss' })) },
      { ...base, extra: 1 },
      { ...base, scenario: '{"paths": [' }, { ...base, scenario: '{}' }, { ...base, scenario: '{"paths":[{}],"app":{"bytes":1},"colour":"blue"}' },
      { ...base, scenario: DEFAULT_SCENARIO_TEXT.replace('"cubic"', '"bbr"') },
      { ...base, scenario: DEFAULT_SCENARIO_TEXT.replace('"queue_pkts": 100', '"queue_pkts": 100, "tbf": {"rate_mbit": 1}') },
      { ...base, scenario: ' '.repeat(2 * 1024 * 1024 + 1) },
    ];
    const deep = `{"v":1,"scenario":"{}","view":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const generators: (() => Promise<string> | string)[] = [
      // random text with at least one character base64url never has
      () => pick(['z.', 'j.', '']) + Array.from({ length: 1 + Math.floor(next() * 60) }, () => pick([...'ABCxyz019-_', ...'!@#$%^&*()+=/ \u00e9\u4e2d'])).join('') + pick(['!', ' ', '+', '/', '=', '%', '中']),
      // an unknown format prefix
      () => pick(['x.', 'Z.', 'z', 'j', '', 'run=', 'z:', '.']) + good.slice(2),
      // a truncated compressed link
      () => good.slice(0, 2 + Math.floor(next() * (good.length - 3))),
      // a truncated plain link
      () => goodJ.slice(0, 2 + Math.floor(next() * (goodJ.length - 3))),
      // not canonical base64url: a length of 4k+1
      () => `j.${goodJ.slice(2, 2 + 4 * Math.floor(1 + next() * 50) + 1)}`,
      // compressed junk
      () => `z.${toBase64Url(Uint8Array.from({ length: 8 + Math.floor(next() * 200) }, () => Math.floor(next() * 256)) .map((b, i) => (i === 0 ? b | 0x06 : b)))}`,
      // bytes that are not UTF-8
      () => `j.${toBase64Url(Uint8Array.from([0x7b, 0xff, 0xfe, ...Array.from({ length: Math.floor(next() * 20) }, () => 0x80 + Math.floor(next() * 64))]))}`,
      // UTF-8 that is not JSON
      () => jLink(pick(['{v:1}', "{'v':1}", '{"v":1,}', 'undefined', 'NaN', '{"v":1', '[1,2', '\u0000', ''])),
    ];
    // Every wrong shape once, the huge ones once, then random corruptions up to 200.
    const inputs: string[] = [
      ...wrongTypes.map(jLink),
      jLink(deep),
      `z.${'A'.repeat(MAX_LINK_CHARS + 1)}`,
      `z.${toBase64Url(await deflate(JSON.stringify({ ...base, scenario: 'x'.repeat(MAX_PAYLOAD_BYTES) })))}`,
    ];
    for (let i = 0; inputs.length < 200; i++) inputs.push(await generators[i % generators.length]());
    const codes = new Set<string>();
    for (const input of inputs) {
      const r = await decodeShare(input);
      expectClearError(r, input);
      if (!r.ok) codes.add(r.error.code);
    }
    expect(inputs).toHaveLength(200);
    expect([...codes].sort()).toEqual([...SHARE_ERROR_CODES].filter((c) => c !== 'forbidden-key').sort());
  });

  it('never throws on bit flips of a good link (they may still decode, or fail clearly)', async () => {
    const next = rng(7);
    const good = await encodeShare(run(DEFAULT_SCENARIO_TEXT));
    const bytes = fromBase64Url(good.slice(2)) as Uint8Array;
    for (let i = 0; i < 100; i++) {
      const b = bytes.slice();
      b[Math.floor(next() * b.length)] ^= 1 << Math.floor(next() * 8);
      const r = await decodeShare(`z.${toBase64Url(b)}`);
      if (!r.ok) expectClearError(r, 'bit flip');
    }
  });
});

describe('interventions in a link', () => {
  it('travel apart from the scenario and come back to the same run', async () => {
    const v = validateScenario(JSON.parse(DEFAULT_SCENARIO_TEXT));
    if (!v.ok) throw new Error('invalid');
    const once = withIntervention(v.scenario, { action: 'link_down', path: 1, side: 'client' }, 300_000_000);
    const v2 = validateScenario(once);
    if (!v2.ok) throw new Error('invalid');
    const twice = withIntervention(v2.scenario, { action: 'shape', path: 2, dir: 'both', set: { loss_pct: 5 } }, 100_000_000);
    const text = `${JSON.stringify(twice, null, 2)}\n`;
    const split = splitInterventions(text);
    expect(split.interventions.map((e) => e.action)).toEqual(['link_down', 'shape']);
    expect(JSON.parse(split.scenarioText).events).toEqual([]);
    const r = await decodeShare(await encodeShare({ ...split, seed: 3, view }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.run.interventions).toHaveLength(2);
    const back = parseScenarioText(r.run.scenarioText);
    const orig = parseScenarioText(text);
    expect(back.ok && orig.ok && back.scenario).toEqual(orig.ok && orig.scenario);
  });

  it('a text without interventions (or not JSON) is kept whole', () => {
    expect(splitInterventions(DEFAULT_SCENARIO_TEXT)).toEqual({ scenarioText: DEFAULT_SCENARIO_TEXT, interventions: [] });
    expect(splitInterventions('{oops')).toEqual({ scenarioText: '{oops', interventions: [] });
  });
});
