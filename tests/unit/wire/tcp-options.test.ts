import { afterEach, describe, expect, it } from 'vitest';
import { blankPacket, type MptcpOptionRecord, type Packet } from '../../../src/core/net/packet';
import { fail, ok } from '../../../src/core/wire/errors';
import {
  emitTcpOptions,
  parseTcpOptions,
  registerMptcpWire,
  sackBlockCapacity,
  tcpOptionsLength,
  type RawMptcpOption,
} from '../../../src/core/wire/tcp-options';
import { pkt, sampleSegments } from './packets';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

function emitted(p: Packet): Uint8Array {
  const out = new Uint8Array(64).fill(0xee);
  const n = emitTcpOptions(p, out, 3);
  return out.slice(3, 3 + n);
}

function parsed(bytes: Uint8Array): Packet {
  const p = blankPacket();
  const r = parseTcpOptions(bytes, 0, bytes.length, p);
  expect(r).toEqual({ ok: true, value: undefined });
  return p;
}

afterEach(() => registerMptcpWire(null));

describe('TCP options in Linux order and padding', () => {
  it('emits a SYN as MSS | SACK_PERM+TS | NOP WS', () => {
    const p = pkt({ mss: 1460, sackOk: true, hasTs: true, tsVal: 1, tsEcr: 0, wscale: 7 });
    expect(toHex(emitted(p))).toBe(toHex(hex('020405b4 0402080a 00000001 00000000 01030307')));
    expect(tcpOptionsLength(p)).toBe(20);
  });

  it('emits SACK_PERM as NOP NOP SACK_PERM when there are no timestamps', () => {
    const p = pkt({ mss: 1400, sackOk: true, wscale: 0 });
    expect(toHex(emitted(p))).toBe(toHex(hex('02040578 01010402 01030300')));
  });

  it('emits established timestamps as NOP NOP TS', () => {
    const p = pkt({ hasTs: true, tsVal: 0x01020304, tsEcr: 0xa0b0c0d0 });
    expect(toHex(emitted(p))).toBe(toHex(hex('0101080a 01020304 a0b0c0d0')));
  });

  it('emits SACK blocks as NOP NOP SACK len left right ... after the timestamps', () => {
    const p = pkt({ hasTs: true, tsVal: 1, tsEcr: 2, sack: [10, 20, 30, 40] });
    expect(toHex(emitted(p))).toBe(toHex(hex('0101080a 00000001 00000002 01010512 0000000a 00000014 0000001e 00000028')));
  });

  it('emits nothing for a packet without options', () => {
    expect(tcpOptionsLength(pkt({}))).toBe(0);
    expect(emitted(pkt({})).length).toBe(0);
  });

  it('fits 3 SACK blocks next to timestamps and 4 without, and drops the rest like Linux', () => {
    const eight = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const withTs = pkt({ hasTs: true, sack: eight });
    expect(sackBlockCapacity(withTs)).toBe(3);
    expect(tcpOptionsLength(withTs)).toBe(12 + 4 + 24);
    expect(parsed(emitted(withTs)).sack).toEqual([1, 2, 3, 4, 5, 6]);
    const noTs = pkt({ sack: eight });
    expect(sackBlockCapacity(noTs)).toBe(4);
    expect(parsed(emitted(noTs)).sack).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reports option lengths that match the bytes emitted, always a multiple of 4', () => {
    for (const [, p] of sampleSegments()) {
      const n = tcpOptionsLength(p);
      expect(n % 4).toBe(0);
      expect(emitted(p).length).toBe(n);
    }
  });

  it('round-trips the option fields of every sample segment', () => {
    for (const [name, p] of sampleSegments()) {
      const q = parsed(emitted(p));
      const pick = (x: Packet) => [x.mss, x.wscale, x.sackOk, x.hasTs, x.tsVal, x.tsEcr, x.sack, x.mptcp];
      expect(pick(q), name).toEqual(pick(p));
    }
  });

  it('throws a RangeError for a packet whose options exceed 40 bytes', () => {
    const raw = new Uint8Array(24);
    raw[0] = 30;
    raw[1] = 24;
    const p = pkt({ mss: 1460, sackOk: true, hasTs: true, wscale: 7, mptcp: [{ subtype: 0, raw }] });
    expect(tcpOptionsLength(p)).toBe(44);
    expect(() => emitTcpOptions(p, new Uint8Array(64), 0)).toThrow(RangeError);
  });
});

describe('parsing TCP options', () => {
  it('reads options in any order, skips NOPs and stops at EOL', () => {
    const q = parsed(hex('01 03 03 05 01 01 01 08 0a 00000007 00000008 02 04 0100 04 02 00 02 04 ffff'));
    expect([q.wscale, q.hasTs, q.tsVal, q.tsEcr, q.mss, q.sackOk]).toEqual([5, true, 7, 8, 256, true]);
  });

  it('skips unknown kinds by their length', () => {
    const q = parsed(hex('fd 06 01 02 03 04 02 04 05 b4'));
    expect(q.mss).toBe(1460);
  });

  it('resets option fields of a reused packet', () => {
    const p = pkt({ mss: 1, wscale: 3, sackOk: true, hasTs: true, tsVal: 9, sack: [1, 2], mptcp: [] });
    expect(parseTcpOptions(new Uint8Array(0), 0, 0, p).ok).toBe(true);
    expect(p).toEqual(pkt({}));
  });

  const bad: [string, string, string, number][] = [
    ['length 0', '01 fd 00', 'tcp-option-length-too-short', 2],
    ['length 1', '08 01 00 00', 'tcp-option-length-too-short', 1],
    ['kind without length byte', '01 01 01 02', 'tcp-option-truncated', 3],
    ['option beyond the header', '01 08 0a 00 00 00 01 00 00', 'tcp-option-overflow', 2],
    ['MSS of length 3', '02 03 05 00', 'tcp-option-bad-length', 1],
    ['window scale of length 4', '03 04 05 00', 'tcp-option-bad-length', 1],
    ['SACK_PERM of length 3', '04 03 00 00', 'tcp-option-bad-length', 1],
    ['timestamps of length 8', '08 08 00 00 00 00 00 00', 'tcp-option-bad-length', 1],
    ['SACK with half a block', '05 06 00 00 00 01 00 00', 'tcp-option-bad-length', 1],
    ['SACK with no block', '01 01 05 02', 'tcp-option-bad-length', 3],
    ['MPTCP of length 2', '1e 02 01 01', 'tcp-option-bad-length', 1],
  ];
  for (const [name, bytes, code, offset] of bad) {
    it(`returns ${code} for ${name}`, () => {
      const b = hex(bytes);
      const r = parseTcpOptions(b, 0, b.length, blankPacket());
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.offset).toBe(offset);
        expect(r.error.message.length).toBeGreaterThan(10);
      }
    });
  }

  it('returns an error, not a throw, for an option area outside the buffer', () => {
    const r = parseTcpOptions(new Uint8Array(4), 2, 8, blankPacket());
    expect(r.ok ? 'ok' : r.error.code).toBe('tcp-option-overflow');
  });

  it('reports error offsets relative to the whole buffer', () => {
    const b = hex('00000000 0000 02 03 00');
    const r = parseTcpOptions(b, 6, 3, blankPacket());
    expect(r.ok ? -1 : r.error.offset).toBe(7);
  });
});

describe('MPTCP options (kind 30)', () => {
  // MP_CAPABLE in a SYN (RFC 8684 §3.1): subtype 0, version 1, flags H (HMAC-SHA256), as Linux sends it.
  const mpcSyn = hex('1e 04 01 01');
  // DSS (RFC 8684 §3.3) with flags A|M: 32-bit data ACK, DSN, SSN, data-level length, no checksum:
  // 18 bytes, which Linux follows with 2 NOPs.
  const dss = hex('1e 12 20 05 00000001 00000002 00000003 0010');

  it('parse without a codec into { subtype, raw } and emit back the same bytes after SACK', () => {
    const opts = hex('0101080a 00000001 00000002');
    const all = new Uint8Array([...opts, ...dss, 1, 1]);
    const q = parsed(all);
    expect(q.mptcp).toHaveLength(1);
    const rec = q.mptcp![0] as RawMptcpOption;
    expect(rec.subtype).toBe(2);
    expect(toHex(rec.raw)).toBe(toHex(dss));
    expect(tcpOptionsLength(q)).toBe(all.length);
    expect(toHex(emitted(q))).toBe(toHex(all));
  });

  it('keeps several MPTCP options in their order', () => {
    const q = parsed(new Uint8Array([...mpcSyn, ...dss, 1, 1]));
    expect(q.mptcp!.map((r) => r.subtype)).toEqual([0, 2]);
    expect(toHex(emitted(q))).toBe(toHex(new Uint8Array([...mpcSyn, ...dss, 1, 1])));
  });

  it('places MPTCP after the SYN options', () => {
    const p = pkt({ mss: 1460, sackOk: true, hasTs: true, tsVal: 1, wscale: 7, mptcp: [{ subtype: 0, raw: mpcSyn }] });
    expect(toHex(emitted(p))).toBe(toHex(hex('020405b4 0402080a 00000001 00000000 01030307 1e040101')));
  });

  it('gives MPTCP precedence over SACK blocks for the option space', () => {
    const raw = new Uint8Array(20);
    raw.set([30, 20, 0x20]);
    const p = pkt({ hasTs: true, sack: [1, 2, 3, 4, 5, 6], mptcp: [{ subtype: 2, raw }] });
    // 40 - 12 (TS) - 20 (MPTCP) - 4 (SACK base) = 4: no room for a block
    expect(sackBlockCapacity(p)).toBe(0);
    expect(tcpOptionsLength(p)).toBe(32);
    expect(parsed(emitted(p)).sack).toBeNull();
  });

  it('throws when an MPTCP record has no raw bytes and no codec is registered', () => {
    const p = pkt({ mptcp: [{ subtype: 1, key: 5 }] });
    expect(() => tcpOptionsLength(p)).toThrow(/registerMptcpWire/);
  });

  it('uses a registered codec for length, emission and parsing', () => {
    const calls: string[] = [];
    registerMptcpWire({
      length: (p) => {
        calls.push('length');
        return 8 * p.mptcp!.length;
      },
      emit: (p, out, off) => {
        calls.push('emit');
        for (let k = 0; k < p.mptcp!.length; k++) out.set([30, 8, 0x50 | 0, 0, 0, 0, 0, p.mptcp![k].n as number], off + 8 * k);
        return 8 * p.mptcp!.length;
      },
      parse: (bytes, off, len) => {
        calls.push('parse');
        if (len !== 8) return fail('mptcp-test', off, 'length');
        const rec: MptcpOptionRecord = { subtype: bytes[off + 2] >> 4, n: bytes[off + 7] };
        return ok(rec);
      },
    });
    const p = pkt({ hasTs: true, mptcp: [{ subtype: 5, n: 42 }] });
    expect(tcpOptionsLength(p)).toBe(20);
    const b = emitted(p);
    expect(toHex(b.subarray(12))).toBe('1e 08 50 00 00 00 00 2a');
    expect(parsed(b).mptcp).toEqual([{ subtype: 5, n: 42 }]);
    expect(calls).toContain('emit');
    expect(calls).toContain('parse');
    const bad = hex('1e 04 50 00');
    const r = parseTcpOptions(bad, 0, 4, blankPacket());
    expect(r.ok ? 'ok' : r.error.code).toBe('mptcp-test');
  });

  it('refuses a codec that writes a different length than it announced', () => {
    registerMptcpWire({ length: () => 4, emit: () => 8, parse: (_b, off) => fail('x', off, 'x') });
    expect(() => emitTcpOptions(pkt({ mptcp: [{ subtype: 0 }] }), new Uint8Array(64), 0)).toThrow(/announcing 4/);
  });
});
