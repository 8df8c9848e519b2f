import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core';
import { parseScenarioText, validateScenario } from '../../../src/core/scenario';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { GALLERY, galleryText } from '../../../src/ui/gallery/scenarios';
import { exportFileName } from '../../../src/ui/gallery/files';

describe('scenario gallery', () => {
  it('has the kernel docs’ three use cases, middlebox fallback, ADD_ADDR and plain TCP, once each', () => {
    expect(GALLERY.map((g) => g.id)).toEqual(['handover', 'backup', 'aggregation', 'middlebox-fallback', 'add-addr', 'plain-tcp', 'script-addr-adv', 'script-sspi', 'script-scheduler']);
    expect(new Set(GALLERY.map((g) => g.scenario.name)).size).toBe(GALLERY.length);
  });

  for (const g of GALLERY) {
    describe(g.id, () => {
      it('is a valid kernel-ref-scenario/1 file, as a value and as the editor text', () => {
        expect(g.scenario.schema).toBe('kernel-ref-scenario/1');
        const v = validateScenario(g.scenario);
        expect(v.ok ? [] : v.errors).toEqual([]);
        const p = parseScenarioText(galleryText(g));
        expect(p.ok ? [] : p.errors).toEqual([]);
        // only harness-neutral keys: nothing the kernel harness would ignore except `sim`
        expect(p.ok && p.ignored).toEqual([]);
      });

      it(`runs to completion with ${g.expected.subflows} subflow(s), its expect checks passing`, () => {
        const v = parseScenarioText(galleryText(g));
        if (!v.ok) throw new Error('invalid');
        const r = simulate(v.scenario, { ignored: v.ignored });
        const s = r.summary!;
        expect(r.trace.status).toBe('ok');
        expect(s.app.stream_equal).toBe(true);
        expect(s.subflows.map((x) => x.kind)).toEqual(g.expected.kinds);
        expect(s.subflows).toHaveLength(g.expected.subflows);
        expect(s.app.mptcp_used.client).toBe(g.expected.mptcp);
        expect(r.checks.filter((c) => !c.pass)).toEqual([]);
        if (g.expected.subflows > 1) expect(s.subflows.every((x) => x.payload_bytes.c2s > 0)).toBe(true);
      });

      it('has a title and a one-paragraph explanation in English and Chinese', () => {
        for (const table of [en, zh] as Record<string, string>[]) {
          expect(table[g.titleKey].length).toBeGreaterThan(3);
          expect(table[g.textKey].length).toBeGreaterThan(80);
          expect(table[g.textKey]).not.toContain('\n');
        }
        expect(zh[g.textKey]).not.toBe(en[g.textKey]);
      });
    });
  }

  it('uses the glossary’s terms for the use cases in Chinese', () => {
    expect(zh.galleryHandoverTitle).toContain('无缝切换');
    expect(zh.galleryBackupTitle).toContain('最佳网络选择');
    expect(zh.galleryAggregationTitle).toContain('网络聚合');
    expect(zh.galleryMiddleboxTitle).toContain('中间设备');
    expect(zh.galleryAddAddrTitle).toContain('地址公告');
  });

  it('the backup scenario keeps data off the backup path until the primary fails', () => {
    const g = GALLERY.find((x) => x.id === 'backup')!;
    const v = validateScenario(g.scenario);
    if (!v.ok) throw new Error('invalid');
    const s = simulate(v.scenario).summary!;
    const backup = s.subflows.find((x) => x.path === 2)!;
    expect(backup.first_payload_t.c2s).toBeGreaterThan(0.5);
  });
});

describe('exportFileName', () => {
  it('names the file after the scenario', () => {
    expect(exportFileName(galleryText(GALLERY[0]))).toBe('gallery-handover.json');
    expect(exportFileName('{"name": "a b/c\\\\d:e"}')).toBe('a-b-c-d-e.json');
    expect(exportFileName('{"name": "../../etc"}')).toBe('etc.json');
  });

  it('falls back to scenario.json', () => {
    expect(exportFileName('not json')).toBe('scenario.json');
    expect(exportFileName('{"name": 5}')).toBe('scenario.json');
    expect(exportFileName('[]')).toBe('scenario.json');
    expect(exportFileName('{"name": "中文"}')).toBe('scenario.json');
  });
});
