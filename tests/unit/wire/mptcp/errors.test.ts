/**
 * Malformed MPTCP options give typed errors, never a throw: truncated bytes, lengths RFC 8684 does
 * not define, flags that contradict the length, and forms that contradict the segment.
 */
import { describe, expect, it } from 'vitest';
import {
  emitMptcpOption,
  mptcpOptionLength,
  parseAddAddr,
  parseDss,
  parseMpCapable,
  parseMpJoin,
  parseMpPrio,
  parseMptcpOption,
  type MptcpOption,
  type MptcpParseContext,
} from '../../../../src/core/wire/mptcp';
import { hex } from './helpers';

const SYN = 0x02;
const ACK = 0x10;
const RST = 0x04;

function code(bytes: Uint8Array, ctx?: MptcpParseContext, off = 0, len = bytes.length): string {
  const r = parseMptcpOption(bytes, off, len, ctx);
  return r.ok ? 'ok' : r.error.code;
}

/** Option bytes with the length byte set to the size (for building bad lengths). */
function opt(subtypeByte: number, thirdByte: number, bodyLen: number): Uint8Array {
  const b = new Uint8Array(4 + bodyLen);
  b[0] = 30;
  b[1] = b.length;
  b[2] = subtypeByte;
  b[3] = thirdByte;
  return b;
}

describe('MPTCP option framing errors', () => {
  it('an option cut short by the end of the buffer is mptcp-truncated, at its offset', () => {
    const full = hex('1e140101 03481ca4196e666e 94222d0bd6be3a13');
    const cut = full.slice(0, 15);
    const r = parseMptcpOption(cut, 0, 20);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('mptcp-truncated');
      expect(r.error.offset).toBe(0);
      expect(r.error.message).toMatch(/past/);
    }
  });

  it('fewer than 3 bytes (no subtype byte) is mptcp-truncated', () => {
    expect(code(hex('1e02'), undefined, 0, 2)).toBe('mptcp-truncated');
    expect(code(hex(''), undefined, 0, 0)).toBe('mptcp-truncated');
  });

  it('negative or fractional bounds are mptcp-truncated, not a throw', () => {
    expect(code(hex('1e040101'), undefined, -1, 4)).toBe('mptcp-truncated');
    expect(code(hex('1e040101'), undefined, 0.5, 4)).toBe('mptcp-truncated');
  });

  it('a kind other than 30 is mptcp-not-mptcp', () => {
    expect(code(hex('1f040101'))).toBe('mptcp-not-mptcp');
  });

  it('a length byte that differs from the given length is mptcp-length-mismatch', () => {
    expect(code(hex('1e0c0101 94222d0bd6be3a13 0000'))).toBe('mptcp-length-mismatch');
  });

  it('a subtype parser handed another subtype says mptcp-wrong-subtype', () => {
    const b = hex('1e082001 cb58a635');
    const r = parseMpJoin(b, 0, 8);
    expect(!r.ok && r.error.code).toBe('mptcp-wrong-subtype');
    expect(!r.ok && r.error.offset).toBe(2);
  });
});

describe('MPTCP lengths RFC 8684 does not define', () => {
  it.each([
    ['MP_CAPABLE 8', opt(0x01, 0x01, 4)],
    ['MP_CAPABLE 16', opt(0x01, 0x01, 12)],
    ['MP_JOIN 20', opt(0x10, 0x00, 16)],
    ['MP_JOIN 4', opt(0x10, 0x00, 0)],
    ['ADD_ADDR 12', opt(0x30, 0x01, 8)],
    ['ADD_ADDR 24', opt(0x30, 0x01, 20)],
    ['MP_PRIO 4 (RFC 6824 AddrID form)', opt(0x51, 0x01, 0)],
    ['MP_FAIL 8', opt(0x60, 0x00, 4)],
    ['MP_FASTCLOSE 16', opt(0x70, 0x00, 12)],
    ['MP_TCPRST 8', opt(0x81, 0x01, 4)],
  ])('%s is mptcp-bad-length', (_name, bytes) => {
    const r = parseMptcpOption(bytes, 0, bytes.length);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('mptcp-bad-length');
      expect(r.error.offset).toBe(1);
    }
  });

  it('REMOVE_ADDR without any address id is mptcp-bad-length', () => {
    expect(code(hex('1e0340'))).toBe('mptcp-bad-length');
  });

  it('MP_PRIO of length 3 is accepted where 4 is not', () => {
    expect(parseMpPrio(hex('1e0351'), 0, 3).ok).toBe(true);
    expect(parseMpPrio(hex('1e045101'), 0, 4).ok).toBe(false);
  });
});

describe('MPTCP flags that contradict the length', () => {
  it.each([
    ['flags 0x03 (64-bit ack) with 8 bytes', '1e082003 00000001'],
    ['flags 0x01 (32-bit ack) with 12 bytes', '1e0c2001 0000000100000002'],
    ['flags 0x01 with a checksum but no mapping (10)', '1e0a2001 00000001 0000'],
    ['flags 0x0d (64-bit mapping, 32-bit ack) with 20 bytes', '1e14200d 00000001 0000000000000001 00000001'],
    ['no flags with 8 bytes', '1e082000 00000000'],
  ])('DSS %s is mptcp-flag-length-mismatch', (_name, h) => {
    const b = hex(h);
    const r = parseDss(b, 0, b.length);
    expect(!r.ok && r.error.code).toBe('mptcp-flag-length-mismatch');
  });

  it('DSS flags 0x0d accept 22 (no checksum) and 24 (checksum)', () => {
    expect(parseDss(hex('1e16200d 00000001 0000000000000001 00000001 0001'), 0, 22).ok).toBe(true);
    expect(parseDss(hex('1e18200d 00000001 0000000000000001 00000001 0001 abcd'), 0, 24).ok).toBe(true);
  });

  it('ADD_ADDR with E=1 but an announcement length (16) is mptcp-flag-length-mismatch', () => {
    const r = parseAddAddr(hex('1e103101 0a000202 dfca348cf89675a6'), 0, 16);
    expect(!r.ok && r.error.code).toBe('mptcp-flag-length-mismatch');
  });

  it('ADD_ADDR with E=0 but an echo length (8) is mptcp-flag-length-mismatch', () => {
    const r = parseAddAddr(hex('1e083001 0a000202'), 0, 8);
    expect(!r.ok && r.error.code).toBe('mptcp-flag-length-mismatch');
  });
});

describe('MPTCP options that contradict their segment', () => {
  const mpcSyn = hex('1e040101');
  const mpcSynAck = hex('1e0c0101 94222d0bd6be3a13');
  const mpcAck = hex('1e140101 03481ca4196e666e 94222d0bd6be3a13');
  const mpcData = hex('1e160101 03481ca4196e666e 94222d0bd6be3a13 0590');

  it('MP_CAPABLE: 4 bytes only on a SYN, 12 only on a SYN/ACK, 20+ only without SYN', () => {
    expect(code(mpcSyn, { tcpFlags: SYN })).toBe('ok');
    expect(code(mpcSyn, { tcpFlags: SYN | ACK })).toBe('mptcp-context-mismatch');
    expect(code(mpcSyn, { tcpFlags: ACK })).toBe('mptcp-context-mismatch');
    expect(code(mpcSynAck, { tcpFlags: SYN })).toBe('mptcp-context-mismatch');
    expect(code(mpcSynAck, { tcpFlags: ACK })).toBe('mptcp-context-mismatch');
    expect(code(mpcAck, { tcpFlags: SYN | ACK })).toBe('mptcp-context-mismatch');
  });

  it('MP_CAPABLE: a data-level length needs payload, and payload needs one', () => {
    expect(code(mpcAck, { tcpFlags: ACK, payloadLen: 0 })).toBe('ok');
    expect(code(mpcAck, { tcpFlags: ACK, payloadLen: 1424 })).toBe('mptcp-context-mismatch');
    expect(code(mpcData, { tcpFlags: ACK, payloadLen: 1424 })).toBe('ok');
    expect(code(mpcData, { tcpFlags: ACK, payloadLen: 0 })).toBe('mptcp-context-mismatch');
    // Payload unknown: both pass.
    expect(code(mpcAck, { tcpFlags: ACK })).toBe('ok');
    expect(code(mpcData, { tcpFlags: ACK })).toBe('ok');
  });

  it('MP_JOIN: 12 on a SYN, 16 on a SYN/ACK, 24 without SYN', () => {
    const syn = hex('1e0c1001 b32b37db 426d31be');
    const synAck = hex('1e101000 0a9a3b35035e815f 2bbe155d');
    const ack = hex('1e181000 09611c72e68ce48c7531242ad423ba8c4dd75bd5');
    expect(code(syn, { tcpFlags: SYN })).toBe('ok');
    expect(code(syn, { tcpFlags: SYN | ACK })).toBe('mptcp-context-mismatch');
    expect(code(synAck, { tcpFlags: SYN | ACK })).toBe('ok');
    expect(code(synAck, { tcpFlags: ACK })).toBe('mptcp-context-mismatch');
    expect(code(ack, { tcpFlags: ACK })).toBe('ok');
    expect(code(ack, { tcpFlags: SYN })).toBe('mptcp-context-mismatch');
  });

  it('MP_TCPRST only on a RST', () => {
    const rst = hex('1e048103');
    expect(code(rst, { tcpFlags: RST })).toBe('ok');
    expect(code(rst, { tcpFlags: ACK })).toBe('mptcp-context-mismatch');
    expect(code(rst)).toBe('ok');
  });

  it('without a context, forms are told by the length alone', () => {
    const r = parseMpCapable(mpcSynAck, 0, 12);
    expect(r.ok && r.value.senderKey).toBe(0x94222d0bd6be3a13n);
  });
});

describe('emitting records that cannot exist throws a RangeError', () => {
  const bad: [string, MptcpOption][] = [
    ['MP_CAPABLE with a receiver key but no sender key', { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: false, b: false, c: false, h: true }, receiverKey: 1n }],
    ['MP_CAPABLE with a checksum but no data-level length', { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: true, b: false, c: false, h: true }, senderKey: 1n, receiverKey: 2n, checksum: 3 }],
    ['MP_CAPABLE with a bare flags byte instead of { a, b, c, h }', { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: 1 as unknown as { a: boolean; b: boolean; c: boolean; h: boolean } }],
    ['MP_CAPABLE version 16', { subtype: 0, kind: 'MP_CAPABLE', version: 16, flags: { a: false, b: false, c: false, h: true } }],
    ['MP_JOIN ACK with a 16-byte HMAC', { subtype: 1, kind: 'MP_JOIN', form: 'ack', senderHmac: new Uint8Array(16) }],
    ['MP_JOIN SYN with address id 256', { subtype: 1, kind: 'MP_JOIN', form: 'syn', backup: false, addressId: 256, receiverToken: 1, senderNonce: 2 }],
    ['DSS with a subflow sequence above 2^32', { subtype: 2, kind: 'DSS', dataFin: false, mapping: { dsn: 1n, dsn64: true, subflowSeq: 2 ** 32, dataLevelLength: 1 } }],
    ['ADD_ADDR announcement without an HMAC', { subtype: 3, kind: 'ADD_ADDR', echo: false, ipVersion: 4, addressId: 1, address: '10.0.0.1' }],
    ['ADD_ADDR with IPv6 text as IPv4', { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: 1, address: '::1' }],
    ['ADD_ADDR with a malformed IPv4 address', { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: 1, address: '10.0.0.256' }],
    ['REMOVE_ADDR without ids', { subtype: 4, kind: 'REMOVE_ADDR', addressIds: [] }],
    ['MP_TCPRST reason 256', { subtype: 8, kind: 'MP_TCPRST', transient: false, reason: 256 }],
    ['UNKNOWN without bytes', { subtype: 9, kind: 'UNKNOWN', raw: undefined as unknown as Uint8Array }],
  ];
  it.each(bad)('%s', (_name, rec) => {
    expect(() => emitMptcpOption(rec, new Uint8Array(40), 0)).toThrow(RangeError);
  });

  it('an output buffer too short for the option and its padding', () => {
    const rec: MptcpOption = { subtype: 5, kind: 'MP_PRIO', backup: true };
    expect(mptcpOptionLength(rec)).toBe(3);
    expect(() => emitMptcpOption(rec, new Uint8Array(3), 0)).toThrow(RangeError);
  });
});
