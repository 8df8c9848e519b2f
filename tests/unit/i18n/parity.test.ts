import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { placeholders } from '../../../src/i18n/interpolate';

const locales = { en, zh } as Record<string, Record<string, string>>;

describe('UI string tables', () => {
  it('zh has exactly the keys of en', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('every key uses the same {placeholders} in en and zh', () => {
    const mismatches = Object.keys(en).filter(
      (k) => placeholders(locales.en[k]).join(',') !== placeholders(locales.zh[k]).join(','),
    );
    expect(mismatches).toEqual([]);
  });

  it('no string is empty or only whitespace', () => {
    const empty = Object.entries(locales).flatMap(([id, table]) =>
      Object.entries(table)
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => `${id}.${k}`),
    );
    expect(empty).toEqual([]);
  });

  it('zh is actually translated: only names that stay untranslated are identical', () => {
    const same = Object.keys(en).filter((k) => locales.en[k] === locales.zh[k]);
    // Units, protocol names (glossary: Linux and option names stay in code form), file names.
    const UNTRANSLATED = new Set(['unitMbit', 'chartSeconds', 'seqLegendDataAck', 'sfLegendAck', 'exportPcapng', 'exportSummary', 'exportScenario', 'embedDocsApiHeading']);
    expect(same.filter((k) => !UNTRANSLATED.has(k))).toEqual([]);
    // and they really are names, not sentences
    for (const k of same) expect(locales.en[k], k).toMatch(/^[{}\w ./_-]{1,20}$/);
  });
});
