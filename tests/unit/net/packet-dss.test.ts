/**
 * Packet.dss (src/core/net/packet.ts): on runs that capture nothing, the simulator's own DSS option
 * rides apart from the `mptcp` list, and everything that is not the per-segment path — lengths,
 * lookups, middleboxes, captures — still sees the packet's options as one list, DSS first.
 */
import { describe, expect, it } from 'vitest';
import { SimDss, SimDssMapping, SimDssSource, plainRecords } from '../../../src/core/mptcp/sim-mapping';
import { findOption } from '../../../src/core/mptcp/options';
import { applyMiddleboxes, type PlacedMiddlebox } from '../../../src/core/net/middlebox';
import { ACK, DSS_INLINE_ACK64, DSS_INLINE_FIN, DSS_INLINE_MAP, blankPacket, mptcpOptions, type Packet, type SizedMptcpOption } from '../../../src/core/net/packet';
import { installMptcpWire } from '../../../src/core/wire/mptcp/index';
import { tcpOptionsLength } from '../../../src/core/wire/tcp-options';
import { prepareRun } from '../../../src/core/sim/run';
import { validateScenario } from '../../../src/core/scenario/validate';
import { GALLERY } from '../../../src/ui/gallery/scenarios';
import type { MptcpOption } from '../../../src/core/wire/mptcp/types';

installMptcpWire();

const IDSN1 = 0x1234_5678_9abc_def0n;
const prio = { subtype: 5, kind: 'MP_PRIO', backup: true } as const;

function dataPacket(withPrio: boolean): { p: Packet; dss: SimDss } {
  const p = blankPacket();
  p.flags = ACK;
  p.hasTs = true;
  p.payloadLen = 1424;
  const dss = new SimDss(false, true, IDSN1, 5000, new SimDssMapping(IDSN1 + 7n, 2848, true, 2849, 1424));
  p.dss = dss as unknown as SizedMptcpOption;
  if (withPrio) p.mptcp = [prio];
  return { p, dss };
}

/** The same options as one list from the start, as a captured run builds them. */
function listPacket(withPrio: boolean): Packet {
  const { p, dss } = dataPacket(withPrio);
  p.dss = null;
  p.mptcp = withPrio ? [dss as unknown as SizedMptcpOption, prio] : [dss as unknown as SizedMptcpOption];
  return p;
}

describe('Packet.dss', () => {
  it('mptcpOptions moves it to the front of the list, in a new list (a middlebox copy may share the old one)', () => {
    const { p, dss } = dataPacket(true);
    const old = p.mptcp!;
    const list = mptcpOptions(p)!;
    expect(list.map((o) => o.kind)).toEqual(['DSS', 'MP_PRIO']);
    expect(list[0]).toBe(dss);
    expect(p.dss).toBeNull();
    expect(p.mptcp).toBe(list);
    expect(old).toEqual([prio]);
    const alone = dataPacket(false).p;
    expect(mptcpOptions(alone)!.map((o) => o.kind)).toEqual(['DSS']);
    const none = blankPacket();
    expect(mptcpOptions(none)).toBeNull();
  });

  it('counts in the TCP option length exactly as the same option in the list does', () => {
    for (const withPrio of [false, true]) {
      const apart = dataPacket(withPrio).p;
      const n = tcpOptionsLength(apart);
      expect(n).toBe(tcpOptionsLength(listPacket(withPrio)));
      // timestamps 12 + DSS (DATA_ACK 64, mapping 64: 26 → 28) [+ MP_PRIO 3 → 4]
      expect(n).toBe(12 + 28 + (withPrio ? 4 : 0));
    }
  });

  it('is found by findOption, and a capture turns it into a plain record at the front', () => {
    const { p, dss } = dataPacket(true);
    expect(findOption(p, 'DSS')).toBe(dss);
    expect(findOption(p, 'MP_PRIO')).toBe(prio);
    plainRecords(p);
    expect(p.dss).toBeNull();
    const [first, second] = p.mptcp as unknown as MptcpOption[];
    expect(first).not.toBeInstanceOf(SimDss);
    expect(first).toEqual(dss.plain());
    expect(second).toBe(prio);
  });

  it('a middlebox that strips DSS strips it, and leaves the sender the same options', () => {
    const strip: PlacedMiddlebox = { index: 0, hits: 0, box: { path: 1, dir: 'both', action: 'strip_options', options: ['DSS'], on: 'any', from_s: 0, until_s: null, count: null } };
    const { p, dss } = dataPacket(true);
    const out = applyMiddleboxes([strip], p, 0, () => {});
    expect(out).not.toBe(p);
    expect(out.dss).toBeNull();
    expect(out.mptcp).toEqual([prio]);
    expect(mptcpOptions(p)).toEqual([dss, prio]);
  });

  it("an uncaptured run's segments carry their DSS apart; a captured run's carry it in the list", () => {
    const agg = GALLERY.find((g) => g.id === 'aggregation');
    const v = validateScenario({ ...agg!.scenario, timeout_s: 1 });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const ends: unknown[] = [];
    for (const captures of [false, true]) {
      const { world, app } = prepareRun(v.scenario, { seed: 1, captures, series: false });
      const host = world.client;
      const seen = { apart: 0, listed: 0 };
      const output = host.output.bind(host);
      host.output = (pkt: Packet) => {
        if (pkt.dssSrc !== null || pkt.dss !== null) seen.apart++;
        else if (pkt.mptcp?.some((o) => o.kind === 'DSS')) seen.listed++;
        output(pkt);
      };
      app.start();
      world.engine.runUntil(500e6);
      expect(app.stacks.server.connections[0].bytesReceived).toBeGreaterThan(100_000);
      if (captures) expect(seen).toEqual({ apart: 0, listed: expect.any(Number) });
      else expect(seen).toEqual({ apart: expect.any(Number), listed: 0 });
      expect(seen.apart + seen.listed).toBeGreaterThan(100);
      const c = app.stacks.client.connections[0];
      const sv = app.stacks.server.connections[0];
      ends.push({ sent: c.bytesSent, acked: c.bytesAcked, received: sv.bytesReceived, packets: world.packetsCreated, events: world.engine.events, mib: structuredClone(world.mib) });
    }
    // the numbers on the packet and the records mean the same: the run is the same either way
    expect((ends[0] as { mib: { server: { MPTcpExt: Record<string, number> } } }).mib.server.MPTcpExt.MPCapableACKRX).toBe(1);
    expect(ends[0]).toEqual(ends[1]);
  });
});

describe('Packet.dssSrc (the DSS as numbers on the packet)', () => {
  const src = new SimDssSource(IDSN1, IDSN1 + 7n);

  function inlinePacket(bits: number, withPrio: boolean): Packet {
    const p = blankPacket();
    p.flags = ACK;
    p.hasTs = true;
    p.payloadLen = bits & DSS_INLINE_MAP ? 1424 : 0;
    p.dssSrc = src;
    p.dssBits = bits;
    p.dssAckPos = 5000;
    p.dssMapPos = 2848;
    p.dssMapSsn = 2849;
    p.dssMapDll = 1425;
    if (withPrio) p.mptcp = [prio];
    return p;
  }

  /** The SimDss the sending connection would have built for the same numbers. */
  function recordOf(bits: number): SimDss {
    const map = (bits & DSS_INLINE_MAP) !== 0;
    return map
      ? new SimDss((bits & DSS_INLINE_FIN) !== 0, (bits & DSS_INLINE_ACK64) !== 0, IDSN1, 5000, undefined, IDSN1 + 7n, 2848, 2849, 1425)
      : new SimDss((bits & DSS_INLINE_FIN) !== 0, (bits & DSS_INLINE_ACK64) !== 0, IDSN1, 5000, undefined);
  }

  const ALL_BITS = [0, DSS_INLINE_ACK64, DSS_INLINE_MAP, DSS_INLINE_MAP | DSS_INLINE_ACK64, DSS_INLINE_FIN | DSS_INLINE_MAP | DSS_INLINE_ACK64, DSS_INLINE_FIN | DSS_INLINE_ACK64];

  it('becomes, when anyone needs the list, the record the connection would have built — first, before the others', () => {
    for (const bits of ALL_BITS) {
      const p = inlinePacket(bits, true);
      const list = mptcpOptions(p)! as unknown as MptcpOption[];
      expect(p.dssSrc).toBeNull();
      expect(list.map((o) => o.kind)).toEqual(['DSS', 'MP_PRIO']);
      expect(list[0]).toBeInstanceOf(SimDss);
      expect((list[0] as unknown as SimDss).plain()).toStrictEqual(recordOf(bits).plain());
    }
  });

  it('counts in the TCP option length exactly as that record does', () => {
    for (const bits of ALL_BITS) {
      for (const withPrio of [false, true]) {
        const inline = inlinePacket(bits, withPrio);
        const listed = inlinePacket(bits, withPrio);
        listed.dssSrc = null;
        listed.mptcp = [recordOf(bits) as unknown as SizedMptcpOption, ...(withPrio ? [prio] : [])];
        expect(tcpOptionsLength(inline), `bits ${bits} prio ${withPrio}`).toBe(tcpOptionsLength(listed));
      }
    }
  });

  it('is found by findOption and taken out by a middlebox that strips DSS', () => {
    const p = inlinePacket(DSS_INLINE_MAP | DSS_INLINE_ACK64, true);
    expect((findOption(p, 'DSS') as unknown as SimDss).plain()).toStrictEqual(recordOf(DSS_INLINE_MAP | DSS_INLINE_ACK64).plain());
    const strip: PlacedMiddlebox = { index: 0, hits: 0, box: { path: 1, dir: 'both', action: 'strip_options', options: ['DSS'], on: 'any', from_s: 0, until_s: null, count: null } };
    const q = inlinePacket(DSS_INLINE_MAP, false);
    const out = applyMiddleboxes([strip], q, 0, () => {});
    expect(out.dssSrc).toBeNull();
    expect(out.dss).toBeNull();
    expect(out.mptcp).toBeNull();
  });
});

