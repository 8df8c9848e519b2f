/**
 * The sender's DSS mappings make their DSN on demand (src/core/mptcp/sim-mapping.ts): the value is
 * IDSN + 1 + pos mod 2^64, the receiver gets the position back without BigInt work, and a captured
 * packet holds the codec's plain records (what is cloned, hashed, exported and shown).
 */
import { describe, expect, it } from 'vitest';
import { U64, add64, offset64 } from '../../../src/core/mptcp/dsn';
import { SimDss, SimDssMapping, plainRecords } from '../../../src/core/mptcp/sim-mapping';
import { dssLen } from '../../../src/core/wire/mptcp/dss';
import { mptcpOptionLength } from '../../../src/core/wire/mptcp/index';
import { blankPacket } from '../../../src/core/net/packet';
import { simulate } from '../../../src/core/index';
import { prepareRun } from '../../../src/core/sim/run';
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
    plainRecords(p);
    expect(dss.mapping).not.toBeInstanceOf(SimDssMapping);
    expect(structuredClone(dss)).toStrictEqual({ subtype: 2, kind: 'DSS', dataFin: false, dataAck: 3n, ack64: true, mapping: { dsn: 15n, dsn64: true, subflowSeq: 99, dataLevelLength: 1424 } });
  });
});

describe('SimDss (a DSS option with the DATA_ACK made on demand)', () => {
  it('reads its DATA_ACK as the peer\'s IDSN + 1 + our receive position, also across the wrap', () => {
    expect(new SimDss(false, true, 100n, 5, undefined).dataAck).toBe(105n);
    expect(new SimDss(false, true, U64 - 1n, 3, undefined).dataAck).toBe(1n);
  });

  it('gives the acknowledged position to a sender with that IDSN + 1, and -1 to any other', () => {
    const d = new SimDss(false, true, 0xabcdefn, 4242, undefined);
    expect(d.ackPositionFrom(0xabcdefn)).toBe(4242);
    expect(d.ackPositionFrom(0xabcdeen)).toBe(-1);
  });

  it('knows its wire length without reading the DATA_ACK, equal to the plain record\'s', () => {
    for (const [ack64, mapping] of [
      [true, undefined],
      [false, undefined],
      [true, new SimDssMapping(7n, 0, true, 1, 1424)],
      [true, { dsn: 9n, dsn64: true, subflowSeq: 1, dataLevelLength: 100, checksum: 0xbeef }],
    ] as const) {
      const d = new SimDss(false, ack64, 1n, 0, mapping);
      expect(mptcpOptionLength(d as unknown as MptcpOption)).toBe(dssLen(d.plain()));
    }
  });

  it('becomes the plain record the simulator always wrote, keys in the same order, mapping made plain too', () => {
    const bare = new SimDss(true, true, 10n, 1, undefined).plain();
    expect(Object.keys(bare)).toEqual(['subtype', 'kind', 'dataFin', 'dataAck', 'ack64']);
    expect(bare).toStrictEqual({ subtype: 2, kind: 'DSS', dataFin: true, dataAck: 11n, ack64: true });
    const full = new SimDss(false, true, 10n, 1, new SimDssMapping(20n, 2, true, 5, 1424)).plain();
    expect(Object.keys(full)).toEqual(['subtype', 'kind', 'dataFin', 'dataAck', 'ack64', 'mapping']);
    expect(full).toStrictEqual({ subtype: 2, kind: 'DSS', dataFin: false, dataAck: 11n, ack64: true, mapping: { dsn: 22n, dsn64: true, subflowSeq: 5, dataLevelLength: 1424 } });
    const p = blankPacket();
    p.mptcp = [new SimDss(false, true, 10n, 1, undefined) as unknown as NonNullable<typeof p.mptcp>[number]];
    plainRecords(p);
    expect(p.mptcp[0]).not.toBeInstanceOf(SimDss);
    expect(structuredClone(p.mptcp[0])).toStrictEqual({ subtype: 2, kind: 'DSS', dataFin: false, dataAck: 11n, ack64: true });
  });

  it('holds a data segment\'s mapping inline: the same mapping, length, plain record and positions as one given as a record', () => {
    for (const ack64 of [true, false]) {
      for (const [idsn1, pos] of [
        [20n, 2],
        [U64 - 5n, 1_000_000],
      ] as const) {
        const inline = new SimDss(true, ack64, 10n, 1, undefined, idsn1, pos, 5, 1425);
        const given = new SimDss(true, ack64, 10n, 1, new SimDssMapping(idsn1, pos, true, 5, 1425));
        expect(inline.wireLength).toBe(given.wireLength);
        expect(mptcpOptionLength(inline as unknown as MptcpOption)).toBe(dssLen(given.plain()));
        expect(inline.plain()).toStrictEqual(given.plain());
        // read as a mapping, the same object every time, with the DSN made on demand
        const m = inline.mapping as SimDssMapping;
        expect(m).toBeInstanceOf(SimDssMapping);
        expect(inline.mapping).toBe(m);
        expect(m.dsn).toBe(add64(idsn1, pos));
        expect([m.subflowSeq, m.dataLevelLength, m.dsn64]).toEqual([5, 1425, true]);
        // a receiver whose peer's IDSN + 1 is this one reads the position without BigInt work
        expect(inline.mapPositionFrom(idsn1)).toBe(pos);
        expect(inline.mapPositionFrom(idsn1 + 1n)).toBe(-1);
      }
    }
    const none = new SimDss(false, true, 10n, 1, undefined);
    expect(none.mapping).toBeUndefined();
    expect(none.mapPos).toBe(-1);
  });
});

describe('captured packets hold plain records', () => {
  it('every DSS option and mapping in a two-subflow run\'s captures is a plain record whose numbers survive cloning', () => {
    const agg = GALLERY.find((g) => g.id === 'aggregation');
    const v = validateScenario({ ...agg!.scenario, timeout_s: 2 });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const sc = v.scenario;
    const r = simulate(sc, { seed: 3 });
    let mappings = 0;
    for (const c of r.trace.captures) {
      for (const o of (c.pkt.mptcp ?? []) as unknown as MptcpOption[]) {
        if (o.kind !== 'DSS') continue;
        expect(o).not.toBeInstanceOf(SimDss);
        if (o.mapping === undefined) continue;
        mappings++;
        expect(o.mapping).not.toBeInstanceOf(SimDssMapping);
        expect(Object.prototype.hasOwnProperty.call(o.mapping, 'dsn')).toBe(true);
        expect(structuredClone(o.mapping).dsn).toBe(o.mapping.dsn);
      }
    }
    expect(mappings).toBeGreaterThan(200);
  });
});

describe('runs that capture every packet build plain records at once', () => {
  it('with captures the connection hands out plain DSS records and mappings; without, on-demand ones', () => {
    const agg = GALLERY.find((g) => g.id === 'aggregation');
    const v = validateScenario({ ...agg!.scenario, timeout_s: 1 });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    for (const captures of [true, false]) {
      const { world, app } = prepareRun(v.scenario, { seed: 1, captures, series: false });
      app.start();
      world.engine.runUntil(300e6);
      const conn = app.stacks.client.connections[0];
      const dss = conn.simDss(false, undefined);
      const m = conn.simMapping(0, 1, 1424);
      expect(dss instanceof SimDss).toBe(!captures);
      expect(m instanceof SimDssMapping).toBe(!captures);
      // the same numbers either way
      expect(dss.dataAck).toBeTypeOf('bigint');
      expect(m.dsn).toBe(conn.localDsn(0));
    }
  });
});
