/**
 * Every MPTCP v1 option form, parsed from and emitted to hand-written bytes laid out as in the
 * RFC 8684 §3 figures (several lifted from the kernel-ref captures with tshark -x), including the
 * NOPs Linux writes after an option whose length is not a multiple of 4.
 */
import { describe, expect, it } from 'vitest';
import type { MptcpOptionRecord } from '../../../../src/core/net/packet';
import {
  emitMptcpOption,
  mptcpOptionLength,
  mptcpOptionWireLength,
  parseAddAddr,
  parseDss,
  parseMpCapable,
  parseMpFail,
  parseMpFastclose,
  parseMpJoin,
  parseMpPrio,
  parseMpTcpRst,
  parseMptcpOption,
  parseRemoveAddr,
  type MpCapableFlags,
  type MptcpOption,
  type MptcpParseContext,
} from '../../../../src/core/wire/mptcp';
import type { Result } from '../../../../src/core/wire/errors';
import { hex, toHex } from './helpers';

const SYN = 0x02;
const ACK = 0x10;
const RST = 0x04;

const flags = (a: boolean, b: boolean, c: boolean, h: boolean): MpCapableFlags => ({ a, b, c, d: false, e: false, f: false, g: false, h });

type Case = {
  name: string;
  /** The option as its length byte says. */
  hex: string;
  /** What Linux puts on the wire: the option plus trailing NOPs (default: `hex`). */
  wire?: string;
  ctx?: MptcpParseContext;
  parse: (b: Uint8Array, off: number, len: number, ctx?: MptcpParseContext) => Result<MptcpOption>;
  rec: MptcpOption;
};

const KEY_A = 0x03481ca4196e666en;
const KEY_B = 0x94222d0bd6be3a13n;

const CASES: Case[] = [
  // MP_CAPABLE, RFC 8684 §3.1
  {
    name: 'MP_CAPABLE SYN (4): version 1, flags H',
    hex: '1e040101',
    ctx: { tcpFlags: SYN },
    parse: parseMpCapable,
    rec: { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: flags(false, false, false, true) },
  },
  {
    name: 'MP_CAPABLE SYN (4) with A (checksum required) and C (no join to the initial address)',
    hex: '1e0401a1',
    ctx: { tcpFlags: SYN },
    parse: parseMpCapable,
    rec: { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: flags(true, false, true, true) },
  },
  {
    name: 'MP_CAPABLE SYN/ACK (12): the sender key (kernel-ref a_aggregation frame 2)',
    hex: '1e0c0101 94222d0bd6be3a13',
    ctx: { tcpFlags: SYN | ACK },
    parse: parseMpCapable,
    rec: { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: flags(false, false, false, true), senderKey: KEY_B },
  },
  {
    name: 'MP_CAPABLE third ACK (20): both keys (kernel-ref a_aggregation frame 3)',
    hex: '1e140101 03481ca4196e666e 94222d0bd6be3a13',
    ctx: { tcpFlags: ACK, payloadLen: 0 },
    parse: parseMpCapable,
    rec: { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: flags(false, false, false, true), senderKey: KEY_A, receiverKey: KEY_B },
  },
  {
    name: 'MP_CAPABLE with data (22): data-level length, then two NOPs on the wire (kernel-ref frame 4)',
    hex: '1e160101 03481ca4196e666e 94222d0bd6be3a13 0590',
    wire: '1e160101 03481ca4196e666e 94222d0bd6be3a13 0590 0101',
    ctx: { tcpFlags: ACK, payloadLen: 1424 },
    parse: parseMpCapable,
    rec: {
      subtype: 0,
      kind: 'MP_CAPABLE',
      version: 1,
      flags: flags(false, false, false, true),
      senderKey: KEY_A,
      receiverKey: KEY_B,
      dataLevelLength: 1424,
    },
  },
  {
    name: 'MP_CAPABLE with data and DSS checksum (24): no padding',
    hex: '1e180181 03481ca4196e666e 94222d0bd6be3a13 0590 beef',
    ctx: { tcpFlags: ACK, payloadLen: 1424 },
    parse: parseMpCapable,
    rec: {
      subtype: 0,
      kind: 'MP_CAPABLE',
      version: 1,
      flags: flags(true, false, false, true),
      senderKey: KEY_A,
      receiverKey: KEY_B,
      dataLevelLength: 1424,
      checksum: 0xbeef,
    },
  },
  // MP_JOIN, RFC 8684 §3.2
  {
    name: 'MP_JOIN SYN (12): B=1, address id 1, token, nonce (kernel-ref c_backup frame 53)',
    hex: '1e0c1101 f276664b 55fb4734',
    ctx: { tcpFlags: SYN },
    parse: parseMpJoin,
    rec: { subtype: 1, kind: 'MP_JOIN', form: 'syn', backup: true, addressId: 1, receiverToken: 0xf276664b, senderNonce: 0x55fb4734 },
  },
  {
    name: 'MP_JOIN SYN/ACK (16): truncated HMAC and nonce (kernel-ref a_aggregation frame 54)',
    hex: '1e101000 0a9a3b35035e815f 2bbe155d',
    ctx: { tcpFlags: SYN | ACK },
    parse: parseMpJoin,
    rec: {
      subtype: 1,
      kind: 'MP_JOIN',
      form: 'synAck',
      backup: false,
      addressId: 0,
      senderTruncatedHmac: 0x0a9a3b35035e815fn,
      senderNonce: 0x2bbe155d,
    },
  },
  {
    name: 'MP_JOIN third ACK (24): reserved bytes and the 160-bit HMAC (kernel-ref a_aggregation frame 153)',
    hex: '1e181000 09611c72e68ce48c7531242ad423ba8c4dd75bd5',
    ctx: { tcpFlags: ACK },
    parse: parseMpJoin,
    rec: { subtype: 1, kind: 'MP_JOIN', form: 'ack', senderHmac: hex('09611c72e68ce48c7531242ad423ba8c4dd75bd5') },
  },
  // DSS, RFC 8684 §3.3
  {
    name: 'DSS 32-bit Data ACK only (8), as the client acks',
    hex: '1e082001 cb58a635',
    parse: parseDss,
    rec: { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 0xcb58a635n, ack64: false },
  },
  {
    name: 'DSS 64-bit Data ACK only (12), as the server acks',
    hex: '1e0c2003 e5bba1675730b5c6',
    parse: parseDss,
    rec: { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 0xe5bba1675730b5c6n, ack64: true },
  },
  {
    name: 'DSS data segment (22, flags 0x0d): 32-bit ack, 64-bit DSN mapping, then NOP NOP (kernel-ref)',
    hex: '1e16200d bba2c3ab e5bba1675730b5c6 00000591 0590',
    wire: '1e16200d bba2c3ab e5bba1675730b5c6 00000591 0590 0101',
    parse: parseDss,
    rec: {
      subtype: 2,
      kind: 'DSS',
      dataFin: false,
      dataAck: 0xbba2c3abn,
      ack64: false,
      mapping: { dsn: 0xe5bba1675730b5c6n, dsn64: true, subflowSeq: 0x591, dataLevelLength: 1424 },
    },
  },
  {
    name: 'DSS DATA_FIN (26, flags 0x1f): 64-bit ack, data_len 1, subflow seq 0, then NOP NOP (kernel-ref)',
    hex: '1e1a201f e5bba167576db937 67115151bba2c3ab 00000000 0001',
    wire: '1e1a201f e5bba167576db937 67115151bba2c3ab 00000000 0001 0101',
    parse: parseDss,
    rec: {
      subtype: 2,
      kind: 'DSS',
      dataFin: true,
      dataAck: 0xe5bba167576db937n,
      ack64: true,
      mapping: { dsn: 0x67115151bba2c3abn, dsn64: true, subflowSeq: 0, dataLevelLength: 1 },
    },
  },
  {
    name: 'DSS 32-bit DSN mapping with checksum and 64-bit ack (24)',
    hex: '1e182007 0000000100000002 89abcdef 00000001 05a0 1234',
    parse: parseDss,
    rec: {
      subtype: 2,
      kind: 'DSS',
      dataFin: false,
      dataAck: 0x100000002n,
      ack64: true,
      mapping: { dsn: 0x89abcdefn, dsn64: false, subflowSeq: 1, dataLevelLength: 1440, checksum: 0x1234 },
    },
  },
  {
    name: 'DSS 64-bit DSN mapping with checksum and no ack (20)',
    hex: '1e14200c 0102030405060708 0000ffff 0000 0000',
    parse: parseDss,
    rec: {
      subtype: 2,
      kind: 'DSS',
      dataFin: false,
      mapping: { dsn: 0x0102030405060708n, dsn64: true, subflowSeq: 0xffff, dataLevelLength: 0, checksum: 0 },
    },
  },
  {
    name: 'DSS 32-bit DSN mapping alone (14), then NOP NOP',
    hex: '1e0e2004 deadbeef 00000010 0064',
    wire: '1e0e2004 deadbeef 00000010 0064 0101',
    parse: parseDss,
    rec: { subtype: 2, kind: 'DSS', dataFin: false, mapping: { dsn: 0xdeadbeefn, dsn64: false, subflowSeq: 16, dataLevelLength: 100 } },
  },
  {
    name: 'DSS with DATA_FIN and no mapping parses (Linux reads F regardless)',
    hex: '1e082011 00000001',
    parse: parseDss,
    rec: { subtype: 2, kind: 'DSS', dataFin: true, dataAck: 1n, ack64: false },
  },
  // ADD_ADDR, RFC 8684 §3.4.1
  {
    name: 'ADD_ADDR IPv4 announcement (16) with HMAC (kernel-ref d_signal frame 4)',
    hex: '1e103001 0a000202 dfca348cf89675a6',
    parse: parseAddAddr,
    rec: { subtype: 3, kind: 'ADD_ADDR', echo: false, ipVersion: 4, addressId: 1, address: '10.0.2.2', truncatedHmac: 0xdfca348cf89675a6n },
  },
  {
    name: 'ADD_ADDR IPv4 echo (8) (kernel-ref d_signal frame 25)',
    hex: '1e083101 0a000202',
    parse: parseAddAddr,
    rec: { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: 1, address: '10.0.2.2' },
  },
  {
    name: 'ADD_ADDR IPv4 with port (18): port, HMAC, then NOP NOP',
    hex: '1e123005 0a000302 1451 0102030405060708',
    wire: '1e123005 0a000302 1451 0102030405060708 0101',
    parse: parseAddAddr,
    rec: {
      subtype: 3,
      kind: 'ADD_ADDR',
      echo: false,
      ipVersion: 4,
      addressId: 5,
      address: '10.0.3.2',
      port: 5201,
      truncatedHmac: 0x0102030405060708n,
    },
  },
  {
    name: 'ADD_ADDR IPv4 echo with port (10): port, then NOP NOP',
    hex: '1e0a3105 0a000302 1451',
    wire: '1e0a3105 0a000302 1451 0101',
    parse: parseAddAddr,
    rec: { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: 5, address: '10.0.3.2', port: 5201 },
  },
  {
    name: 'ADD_ADDR IPv6 announcement (28)',
    hex: '1e1c3007 20010db8000000000000000000000001 ffeeddccbbaa9988',
    parse: parseAddAddr,
    rec: { subtype: 3, kind: 'ADD_ADDR', echo: false, ipVersion: 6, addressId: 7, address: '2001:db8::1', truncatedHmac: 0xffeeddccbbaa9988n },
  },
  {
    name: 'ADD_ADDR IPv6 with port (30): port, HMAC, then NOP NOP',
    hex: '1e1e3007 fe800000000000000000000000000abc 0050 ffeeddccbbaa9988',
    wire: '1e1e3007 fe800000000000000000000000000abc 0050 ffeeddccbbaa9988 0101',
    parse: parseAddAddr,
    rec: {
      subtype: 3,
      kind: 'ADD_ADDR',
      echo: false,
      ipVersion: 6,
      addressId: 7,
      address: 'fe80::abc',
      port: 80,
      truncatedHmac: 0xffeeddccbbaa9988n,
    },
  },
  {
    name: 'ADD_ADDR IPv6 echo (20)',
    hex: '1e143107 20010db8000100020003000400050006',
    parse: parseAddAddr,
    rec: { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 6, addressId: 7, address: '2001:db8:1:2:3:4:5:6' },
  },
  {
    name: 'ADD_ADDR IPv6 echo with port (22): port, then NOP NOP',
    hex: '1e163107 00000000000000000000ffff0a000202 1451',
    wire: '1e163107 00000000000000000000ffff0a000202 1451 0101',
    parse: parseAddAddr,
    rec: { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 6, addressId: 7, address: '::ffff:10.0.2.2', port: 5201 },
  },
  // REMOVE_ADDR, RFC 8684 §3.4.2
  {
    name: 'REMOVE_ADDR one id (4)',
    hex: '1e044001',
    parse: parseRemoveAddr,
    rec: { subtype: 4, kind: 'REMOVE_ADDR', addressIds: [1] },
  },
  {
    name: 'REMOVE_ADDR three ids (6): NOP NOP fill the word',
    hex: '1e064001 0203',
    wire: '1e064001 02030101',
    parse: parseRemoveAddr,
    rec: { subtype: 4, kind: 'REMOVE_ADDR', addressIds: [1, 2, 3] },
  },
  {
    name: "REMOVE_ADDR eight ids (11, Linux's maximum): one NOP",
    hex: '1e0b4001 02030405 060708',
    wire: '1e0b4001 02030405 06070801',
    parse: parseRemoveAddr,
    rec: { subtype: 4, kind: 'REMOVE_ADDR', addressIds: [1, 2, 3, 4, 5, 6, 7, 8] },
  },
  // MP_PRIO, RFC 8684 §3.3.8
  {
    name: 'MP_PRIO backup (3) then a NOP (kernel-ref f_prio_blackhole_download frame 2744)',
    hex: '1e0351',
    wire: '1e035101',
    parse: parseMpPrio,
    rec: { subtype: 5, kind: 'MP_PRIO', backup: true },
  },
  {
    name: 'MP_PRIO not backup (3) then a NOP',
    hex: '1e0350',
    wire: '1e035001',
    parse: parseMpPrio,
    rec: { subtype: 5, kind: 'MP_PRIO', backup: false },
  },
  // MP_FAIL, RFC 8684 §3.7
  {
    name: 'MP_FAIL (12): the 64-bit DSN',
    hex: '1e0c6000 e5bba1675730b5c6',
    parse: parseMpFail,
    rec: { subtype: 6, kind: 'MP_FAIL', dsn: 0xe5bba1675730b5c6n },
  },
  // MP_FASTCLOSE, RFC 8684 §3.5
  {
    name: "MP_FASTCLOSE (12): the receiver's key",
    hex: '1e0c7000 94222d0bd6be3a13',
    ctx: { tcpFlags: RST | ACK },
    parse: parseMpFastclose,
    rec: { subtype: 7, kind: 'MP_FASTCLOSE', receiverKey: KEY_B },
  },
  // MP_TCPRST, RFC 8684 §3.6
  {
    name: 'MP_TCPRST (4): transient, administratively prohibited',
    hex: '1e048103',
    ctx: { tcpFlags: RST },
    parse: parseMpTcpRst,
    rec: { subtype: 8, kind: 'MP_TCPRST', transient: true, flags: 1, reason: 3 },
  },
  {
    name: 'MP_TCPRST (4): flags U V W kept, middlebox interference',
    hex: '1e048e06',
    ctx: { tcpFlags: RST | ACK },
    parse: parseMpTcpRst,
    rec: { subtype: 8, kind: 'MP_TCPRST', transient: false, flags: 0xe, reason: 6 },
  },
];

describe('MPTCP options round-trip against RFC 8684 layouts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const bytes = hex(c.hex);
      const wire = hex(c.wire ?? c.hex);
      // The subtype's own parser, with and without the segment context, and the dispatcher agree.
      const direct = c.parse(bytes, 0, bytes.length, c.ctx);
      expect(direct).toEqual({ ok: true, value: c.rec });
      expect(c.parse(bytes, 0, bytes.length)).toEqual({ ok: true, value: c.rec });
      expect(parseMptcpOption(bytes, 0, bytes.length, c.ctx)).toEqual({ ok: true, value: c.rec });
      // Parsing at an offset inside a larger buffer reads the same option.
      const shifted = new Uint8Array(bytes.length + 5);
      shifted.set(bytes, 3);
      expect(parseMptcpOption(shifted, 3, bytes.length, c.ctx)).toEqual({ ok: true, value: c.rec });
      // Lengths: the length byte, and the NOP-padded wire size.
      expect(mptcpOptionLength(c.rec)).toBe(bytes.length);
      expect(mptcpOptionWireLength(c.rec)).toBe(wire.length);
      expect(wire.length % 4).toBe(0);
      // Emitting writes the option and Linux's NOPs, nothing more.
      const out = new Uint8Array(wire.length + 4).fill(0xaa);
      expect(emitMptcpOption(c.rec, out, 2)).toBe(wire.length);
      expect(toHex(out.subarray(2, 2 + wire.length))).toBe(toHex(wire));
      expect(out[0]).toBe(0xaa);
      expect(out[2 + wire.length]).toBe(0xaa);
      // Every record is a valid Packet.mptcp entry.
      const asPacketRecord: MptcpOptionRecord = c.rec;
      expect(asPacketRecord.subtype).toBe(bytes[2] >> 4);
    });
  }
});

describe('MPTCP option records built by the engine', () => {
  it('MP_CAPABLE flags d..g may be omitted and default to 0', () => {
    const out = new Uint8Array(4);
    emitMptcpOption({ subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: false, b: false, c: false, h: true } }, out, 0);
    expect(toHex(out)).toBe('1e040101');
  });

  it('MP_CAPABLE crypto flags D..G round-trip', () => {
    const r = parseMpCapable(hex('1e04011e'), 0, 4);
    expect(r.ok && r.value.flags).toEqual({ a: false, b: false, c: false, d: true, e: true, f: true, g: true, h: false });
    const out = new Uint8Array(4);
    if (r.ok) emitMptcpOption(r.value, out, 0);
    expect(toHex(out)).toBe('1e04011e');
  });

  it('a DSS Data ACK without ack64 goes out in 32 bits (its low half)', () => {
    const out = new Uint8Array(8);
    expect(emitMptcpOption({ subtype: 2, kind: 'DSS', dataFin: false, dataAck: 0x1122334455667788n }, out, 0)).toBe(8);
    expect(toHex(out)).toBe('1e08200155667788');
  });

  it('an ADD_ADDR echo record carrying an HMAC is emitted without it', () => {
    const out = new Uint8Array(8);
    const rec: MptcpOption = { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: 1, address: '10.0.2.2', truncatedHmac: 5n };
    expect(mptcpOptionLength(rec)).toBe(8);
    expect(emitMptcpOption(rec, out, 0)).toBe(8);
    expect(toHex(out)).toBe('1e0831010a000202');
  });

  it('MP_TCPRST without flags writes T from transient only', () => {
    const out = new Uint8Array(4);
    emitMptcpOption({ subtype: 8, kind: 'MP_TCPRST', transient: true, reason: 1 }, out, 0);
    expect(toHex(out)).toBe('1e048101');
  });

  it('an UNKNOWN option (MP_EXPERIMENTAL, 0xf) keeps its bytes and is NOP-padded', () => {
    const bytes = hex('1e05f0abcd');
    const r = parseMptcpOption(bytes, 0, 5);
    expect(r).toEqual({ ok: true, value: { subtype: 15, kind: 'UNKNOWN', raw: bytes } });
    const out = new Uint8Array(8);
    if (r.ok) expect(emitMptcpOption(r.value, out, 0)).toBe(8);
    expect(toHex(out)).toBe('1e05f0abcd010101');
  });
});
