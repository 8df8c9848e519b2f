/**
 * The MPTCP codec plugged into the TCP option layer (installMptcpWire → registerMptcpWire): whole
 * option areas as Linux writes them, frame lengths and the 1424-byte MPTCP payload.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blankPacket, ACK, RST, type Packet } from '../../../../src/core/net/packet';
import { packetLength } from '../../../../src/core/wire/ipv4-tcp';
import { emitTcpOptions, parseTcpOptions, registerMptcpWire, sackBlockCapacity, tcpOptionsLength } from '../../../../src/core/wire/tcp-options';
import {
  asMptcpOptions,
  installMptcpWire,
  linuxEmitRank,
  mptcpOptionsWireLength,
  emitMptcpOptions,
  type MptcpOption,
} from '../../../../src/core/wire/mptcp';
import { hex, toHex } from './helpers';

beforeEach(() => installMptcpWire());
afterEach(() => registerMptcpWire(null));

function parsedArea(h: string): Packet {
  const b = hex(h);
  const p = blankPacket();
  const r = parseTcpOptions(b, 0, b.length, p);
  expect(r.ok).toBe(true);
  return p;
}

function emittedArea(p: Packet): string {
  const out = new Uint8Array(tcpOptionsLength(p));
  expect(emitTcpOptions(p, out, 0)).toBe(out.length);
  return toHex(out);
}

describe('MPTCP options inside TCP option areas', () => {
  it.each([
    ['MP_CAPABLE SYN after MSS, SACK_PERM+TS and WS', '020405b4 0402080a 66eee435 00000000 0103030a 1e040101'],
    ['MP_JOIN SYN/ACK', '020405b4 0402080a 964ba971 954ddc49 0103030a 1e101000 0a9a3b35035e815f 2bbe155d'],
    ['MP_CAPABLE with data, two NOPs after it', '0101080a 66eee45f 57299ddf 1e160101 03481ca4196e666e 94222d0bd6be3a13 0590 0101'],
    ['a data segment DSS, two NOPs after it', '0101080a 66eee45f 57299ddf 1e16200d bba2c3ab e5bba1675730b5c6 00000591 0590 0101'],
    ['a DATA_FIN', '0101080a 5729a5c8 66eeec08 1e1a201f e5bba167576db937 67115151bba2c3ab 00000000 0001 0101'],
    ['ADD_ADDR on a pure ACK', '0101080a 4bc86922 a8c54b19 1e103001 0a000202 dfca348cf89675a6'],
    ['SACK, DSS and MP_PRIO filling all 40 bytes', '0101080a 0de83ca5 a72310ab 0101050a 7c8d58c0 7c8d7a20 1e0c2003 0261abb71c887cb7 1e035101'],
  ])('%s (kernel-ref capture) parses and re-emits byte for byte', (_name, area) => {
    const p = parsedArea(area);
    expect(p.mptcp).not.toBeNull();
    expect(emittedArea(p)).toBe(toHex(hex(area)));
  });

  it('records come back typed, in wire order', () => {
    const p = parsedArea('0101080a 0de83ca5 a72310ab 0101050a 7c8d58c0 7c8d7a20 1e0c2003 0261abb71c887cb7 1e035101');
    const opts = asMptcpOptions(p.mptcp ?? []);
    expect(opts.map((o) => o.kind)).toEqual(['DSS', 'MP_PRIO']);
    expect(opts[1]).toEqual({ subtype: 5, kind: 'MP_PRIO', backup: true });
  });

  it('a malformed MPTCP option fails the whole option area with its typed error', () => {
    const b = hex('0101080a 00000001 00000002 1e082003 00000001');
    const r = parseTcpOptions(b, 0, b.length, blankPacket());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('mptcp-flag-length-mismatch');
      expect(r.error.offset).toBe(13);
    }
  });
});

describe('frame lengths of MPTCP segments', () => {
  function dataPacket(): Packet {
    const p = blankPacket();
    p.flags = ACK;
    p.hasTs = true;
    p.tsVal = 1;
    p.tsEcr = 2;
    const dss: MptcpOption = {
      subtype: 2,
      kind: 'DSS',
      dataFin: false,
      dataAck: 0xbba2c3abn,
      ack64: false,
      mapping: { dsn: 0xe5bba1675730b5c6n, dsn64: true, subflowSeq: 1, dataLevelLength: 1424 },
    };
    p.mptcp = [dss];
    p.payloadLen = 1424;
    return p;
  }

  it('a full-size MPTCP data segment carries 1424 payload bytes in a 1500-byte datagram (TCP: 1448)', () => {
    const p = dataPacket();
    expect(tcpOptionsLength(p)).toBe(12 + 24);
    expect(packetLength(p)).toBe(1500);
    p.mptcp = null;
    p.payloadLen = 1448;
    expect(packetLength(p)).toBe(1500);
  });

  it('the DSS of a data segment leaves no room for SACK blocks next to timestamps', () => {
    expect(sackBlockCapacity(dataPacket())).toBe(0);
  });

  it('MP_FASTCLOSE + MP_TCPRST on a RST take 16 bytes', () => {
    const p = blankPacket();
    p.flags = RST | ACK;
    p.mptcp = [
      { subtype: 7, kind: 'MP_FASTCLOSE', receiverKey: 0x94222d0bd6be3a13n },
      { subtype: 8, kind: 'MP_TCPRST', transient: false, reason: 1 },
    ];
    expect(tcpOptionsLength(p)).toBe(16);
    expect(emittedArea(p)).toBe('1e0c700094222d0bd6be3a13' + '1e048001');
  });

  it('each option is padded on its own, as Linux writes 32-bit words', () => {
    const list: MptcpOption[] = [
      { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 7n, ack64: false },
      { subtype: 5, kind: 'MP_PRIO', backup: false },
      { subtype: 4, kind: 'REMOVE_ADDR', addressIds: [3, 4] },
    ];
    expect(mptcpOptionsWireLength(list)).toBe(8 + 4 + 8);
    const out = new Uint8Array(20);
    expect(emitMptcpOptions(list, out, 0)).toBe(20);
    expect(toHex(out)).toBe('1e08200100000007' + '1e035001' + '1e0540030401' + '0101');
  });

  it('null and empty lists take no bytes', () => {
    expect(mptcpOptionsWireLength(null)).toBe(0);
    expect(mptcpOptionsWireLength([])).toBe(0);
    expect(emitMptcpOptions(null, new Uint8Array(0), 0)).toBe(0);
  });
});

describe("Linux's MPTCP option order", () => {
  it('sorts to MP_CAPABLE/MP_JOIN/DSS/ADD_ADDR, FASTCLOSE/FAIL, TCPRST, PRIO, REMOVE_ADDR, unknown', () => {
    const subtypes = [4, 15, 5, 8, 6, 2, 7, 0, 3, 1];
    const sorted = [...subtypes].sort((a, b) => linuxEmitRank(a) - linuxEmitRank(b));
    expect(sorted.map(linuxEmitRank)).toEqual([0, 0, 0, 0, 1, 1, 2, 3, 4, 5]);
    expect(sorted.slice(-4)).toEqual([8, 5, 4, 15]);
  });
});
