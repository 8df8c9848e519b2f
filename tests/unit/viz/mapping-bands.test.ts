/**
 * The mapping view's band merging (viz/mapping.ts bandsJoin): runs of bands contiguous in both the
 * data and the subflow sequence space become one band, the picture unchanged (every mapping still
 * inside a band of its lane), so a long run rasterises a handful of bands instead of thousands.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core';
import { scenario } from '../../helpers/scenario';
import { bandsJoin, buildMapping, mappingGeometry } from '../../../src/viz/mapping';
import type { ChartGeometry } from '../../../src/viz/chart/marks';

const TWO_PATHS = {
  name: 'mapping-bands-two-paths',
  paths: [
    { name: 'fast', delay_ms: 10, rate_mbit: 10, queue_pkts: 100 },
    { name: 'slow', delay_ms: 30, rate_mbit: 5, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 2 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2 } },
  app: { bytes: 400_000 },
};

describe('bandsJoin', () => {
  const a = { d0: 0, d1: 1000, s0: 0, s1: 1000 };
  it('joins bands that touch or overlap at both ends, or leave a gap within the tolerance', () => {
    expect(bandsJoin(a, { d0: 1000, d1: 2000, s0: 1000, s1: 2000 }, 0)).toBe(true);
    expect(bandsJoin(a, { d0: 900, d1: 2000, s0: 950, s1: 2000 }, 0)).toBe(true);
    expect(bandsJoin(a, { d0: 1050, d1: 2000, s0: 1000, s1: 2000 }, 100)).toBe(true);
  });
  it('keeps apart bands with a gap wider than the tolerance at the top or the bottom', () => {
    // the other subflow's mapping in between: a hole in this lane's data-level range
    expect(bandsJoin(a, { d0: 2400, d1: 3400, s0: 1000, s1: 2000 }, 100)).toBe(false);
    expect(bandsJoin(a, { d0: 1000, d1: 2000, s0: 1500, s1: 2500 }, 100)).toBe(false);
  });
  it('keeps apart a band whose subflow range goes back (a reinjection: lower DSN, later SSN)', () => {
    expect(bandsJoin({ d0: 5000, d1: 6000, s0: 0, s1: 1000 }, { d0: 5500, d1: 6500, s0: 0, s1: 900 }, 100)).toBe(false);
  });
});

describe('mapping bands of a whole run', () => {
  const tr = simulate(scenario(TWO_PATHS), { summary: false, viewCaptures: true }).trace;
  const m = buildMapping(tr.captures);

  /** Every mapping inside a band of its lane (and of its faded group); the number of bands. */
  function checkCover(g: ChartGeometry, cursorT: number | null): number {
    let total = 0;
    const bands = g.marks.filter((k) => k.kind === 'bands');
    for (let i = 0; i < m.dsn0.length; i++) {
      const cls = `sf-${m.lane[i]}${cursorT !== null && m.t[i] > cursorT ? ' later' : ''}`;
      const b = bands.find((k) => k.cls === cls);
      const q = b && b.kind === 'bands' ? b.quads : [];
      let inside = false;
      for (let j = 0; j < q.length && !inside; j += 8) inside = q[j] <= m.dsn0[i] && q[j + 2] >= m.dsn1[i] && q[j + 6] <= m.ssn0[i] && q[j + 4] >= m.ssn1[i];
      expect(inside, `mapping ${i} (${cls}, DSN ${m.dsn0[i]}) inside a band`).toBe(true);
    }
    for (const b of bands) if (b.kind === 'bands') total += b.quads.length / 8;
    return total;
  }

  it('cover every mapping with a band of its lane, merged into far fewer bands than mappings', () => {
    const g = mappingGeometry(m, { x0: 0, x1: m.maxDsn }, 600, null, null, (l) => `S${l}`, 'DSN');
    expect(g.marks.filter((k) => k.kind === 'bands').length).toBe(m.lanes.length);
    const total = checkCover(g, null);
    // without merging: one band per lane and pixel column with mappings, here one per mapping
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(m.dsn0.length / 10);
  });

  it('runs: each a contiguous stretch of one subflow, together exactly its mappings', () => {
    const u = m.runs;
    expect(u.d0.length).toBeLessThan(m.dsn0.length / 10);
    for (const lane of m.lanes) {
      let runBytes = 0;
      let mapBytes = 0;
      let runSsn = 0;
      for (let k = 0; k < u.d0.length; k++) if (u.lane[k] === lane) {
        runBytes += u.d1[k] - u.d0[k];
        runSsn += u.s1[k] - u.s0[k];
      }
      for (let i = 0; i < m.dsn0.length; i++) if (m.lane[i] === lane) mapBytes += m.dsn1[i] - m.dsn0[i];
      expect(runBytes).toBe(mapBytes);
      expect(runSsn).toBe(mapBytes);
    }
    for (let k = 1; k < u.d0.length; k++) expect(u.d0[k]).toBeGreaterThanOrEqual(u.d0[k - 1]);
  });

  it('zoomed out (more mappings than pixels), draws from the runs, split at the cursor', () => {
    const cursor = m.t[Math.floor(m.t.length / 2)];
    for (const c of [null, cursor]) {
      const g = mappingGeometry(m, { x0: 0, x1: m.maxDsn }, 40, c, null, (l) => `S${l}`, 'DSN');
      expect(checkCover(g, c)).toBeLessThan(m.runs.d0.length + 2 * m.lanes.length);
    }
    const faded = mappingGeometry(m, { x0: 0, x1: m.maxDsn }, 40, cursor, null, (l) => `S${l}`, 'DSN');
    expect(faded.marks.some((k) => k.cls.endsWith(' later'))).toBe(true);
  });
});
