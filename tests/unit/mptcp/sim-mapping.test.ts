/**
 * The sender's DSS mappings make their DSN on demand (src/core/mptcp/sim-mapping.ts): the value is
 * IDSN + 1 + pos mod 2^64, the receiver gets the position back without BigInt work, and a captured
 * packet holds the codec's plain records (what is cloned, hashed, exported and shown).
 */
import { describe, expect, it } from 'vitest';
import { U64, add64, offset64 } from '../../../src/core/mptcp/dsn';
import { SimDssMapping, plainMappings } from '../../../src/core/mptcp/sim-mapping';
import { blankPacket } from '../../../src/core/net/packet';
import { simulate } from '../../../src/core/index';
import type { DssOption, MptcpOption } from '../../../src/core/wire/mptcp/types';
import { validateScenario } from '../../../src/core/scenario/validate';
import { GALLERY } from '../../../src/ui/gallery/scenarios';

describe('SimDssMapping', () => {
  it('reads as IDSN + 1 + pos mod 2^64, also across the wrap', () => {
    expect(new SimDssMapping(1000n, 24, true, 1, 1424).dsn).toBe(1024n);
    const m = new SimDssMapping(U64 - 9n, 20, true, 1, 1424);
    expect(m.dsn).toBe(10n);
    expect(m.dsn).toBe(add64(U64 - 9n, 20));
    expect(offset64(m.dsn, U64 - 9n)).toBe(20);
  });

  it('gives its position to a receiver with the same IDSN + 1, and -1 to any other', () => {
    const m = new SimDssMapping(0xfeedfacecafebeefn, 123456, true, 7, 1424);
    expect(m.positionFrom(0xfeedfacecafebeefn)).toBe(123456);
    expect(m.positionFrom(0xfeedfacecafebeeen)).toBe(-1);
  });

  it('becomes the plain record a parser would give, in the same field order', () => {
    const m = new SimDssMapping(5n, 10, true, 99, 1424);
    expect(Object.keys(m.plain())).toEqual(['dsn', 'dsn64', 'subflowSeq', 'dataLevelLength']);
    expect(m.plain()).toStrictEqual({ dsn: 15n, dsn64: true, subflowSeq: 99, dataLevelLength: 1424 });
    const p = blankPacket();
    const dss: DssOption = { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 3n, ack64: true, mapping: m };
    p.mptcp = [dss as unknown as NonNullable<typeof p.mptcp>[number]];
    plainMappings(p);
    expect(dss.mapping).not.toBeInstanceOf(SimDssMapping);
    expect(structuredClone(dss)).toStrictEqual({ subtype: 2, kind: 'DSS', dataFin: false, dataAck: 3n, ack64: true, mapping: { dsn: 15n, dsn64: true, subflowSeq: 99, dataLevelLength: 1424 } });
  });
});

describe('captured packets hold plain mappings', () => {
  it('every DSS mapping in a two-subflow run\'s captures is a plain record whose DSN survives cloning', () => {
    const agg = GALLERY.find((g) => g.id === 'aggregation');
    const v = validateScenario({ ...agg!.scenario, timeout_s: 2 });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const sc = v.scenario;
    const r = simulate(sc, { seed: 3 });
    let mappings = 0;
    for (const c of r.trace.captures) {
      for (const o of (c.pkt.mptcp ?? []) as unknown as MptcpOption[]) {
        if (o.kind !== 'DSS' || o.mapping === undefined) continue;
        mappings++;
        expect(o.mapping).not.toBeInstanceOf(SimDssMapping);
        expect(Object.prototype.hasOwnProperty.call(o.mapping, 'dsn')).toBe(true);
        expect(structuredClone(o.mapping).dsn).toBe(o.mapping.dsn);
      }
    }
    expect(mappings).toBeGreaterThan(200);
  });
});
