import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankPacket } from '../../../src/core/net/packet';
import { emitEthernet, emitIpv4Tcp, parseIpv4Tcp, type ParsedIpv4Tcp } from '../../../src/core/wire/ipv4-tcp';
import { LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW } from '../../../src/core/wire/link';
import { parseTcpOptions, sackBlockCapacity, tcpOptionsLength } from '../../../src/core/wire/tcp-options';
import type { Result } from '../../../src/core/wire/errors';
import { sampleSegments, seedOf } from './packets';

const LINK_TYPES = [LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_LINUX_SLL2];
const RUN = { seed: 20260424, numRuns: 10_000 };

/** Whatever the input, the parser returns a well-formed Result (it would have thrown otherwise). */
function checkResult(r: Result<ParsedIpv4Tcp>, bytes: Uint8Array): void {
  if (!r.ok) {
    expect(typeof r.error.code).toBe('string');
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
    expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
    return;
  }
  const { packet, payload, truncated } = r.value;
  expect(payload.length).toBeLessThanOrEqual(packet.payloadLen);
  expect(payload.length === packet.payloadLen).toBe(!truncated);
  for (const v of [packet.seq, packet.ack, packet.tsVal, packet.tsEcr, packet.src, packet.dst]) {
    expect(v >= 0 && v <= 0xffffffff && Number.isInteger(v)).toBe(true);
  }
}

describe('parsing never throws', () => {
  it('on 10,000 random byte strings under every link type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.constantFrom(...LINK_TYPES, 0, 999), (bytes, lt) => {
        checkResult(parseIpv4Tcp(bytes, lt), bytes);
      }),
      RUN,
    );
  });

  it('on 10,000 random TCP segments behind a valid IPv4 header', () => {
    const ipHeader = emitIpv4Tcp(sampleSegments()[9][1], seedOf).slice(0, 20);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.boolean(), (tcp, fixLength) => {
        const b = new Uint8Array(20 + tcp.length);
        b.set(ipHeader);
        b.set(tcp, 20);
        if (fixLength) {
          b[2] = b.length >> 8;
          b[3] = b.length & 255;
        }
        checkResult(parseIpv4Tcp(b, LINKTYPE_IPV4), b);
      }),
      RUN,
    );
  });

  it('on 10,000 generated option areas, and what parses re-emits to the same fields when it fits', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    const be32 = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    const option = fc.oneof(
      fc.constant([1]),
      fc.constant([0]),
      fc.integer({ min: 0, max: 0xffff }).map((m) => [2, 4, m >> 8, m & 255]),
      fc.integer({ min: 0, max: 14 }).map((w) => [3, 3, w]),
      fc.constant([4, 2]),
      fc.tuple(u32, u32).map(([a, b]) => [8, 10, ...be32(a), ...be32(b)]),
      fc.array(u32, { minLength: 2, maxLength: 8 }).map((e) => {
        const blocks = e.slice(0, e.length & ~1);
        return [5, 2 + 4 * blocks.length, ...blocks.flatMap(be32)];
      }),
      fc.uint8Array({ minLength: 1, maxLength: 18 }).map((body) => [30, 2 + body.length, ...body]),
      fc.uint8Array({ maxLength: 6 }).map((body) => [200, 2 + body.length, ...body]),
      fc.uint8Array({ minLength: 1, maxLength: 3 }).map((junk) => [...junk]),
    );
    let reEmitted = 0;
    fc.assert(
      fc.property(fc.array(option, { maxLength: 6 }), (list) => {
        const opts = Uint8Array.from(list.flat().slice(0, 40));
        const p = blankPacket();
        const r = parseTcpOptions(opts, 0, opts.length, p);
        if (!r.ok) {
          expect(r.error.offset).toBeLessThanOrEqual(opts.length);
          return;
        }
        if (p.sack !== null && p.sack.length / 2 > sackBlockCapacity(p)) return; // denser than Linux packs
        if (tcpOptionsLength(p) > 40) return;
        const again = parseIpv4Tcp(emitEthernet(p, seedOf), LINKTYPE_ETHERNET);
        expect(again.ok && again.value.checksumOk).toBe(true);
        if (again.ok) expect(again.value.packet).toEqual({ ...p, id: 0 });
        reEmitted++;
      }),
      RUN,
    );
    expect(reEmitted).toBeGreaterThan(1000);
  });

  it('on 10,000 mutated and truncated valid frames', () => {
    const frames = sampleSegments().map(([, p]) => emitEthernet(p, seedOf));
    const edit = fc.record({ at: fc.nat(1600), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: frames.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        fc.nat(1600),
        fc.constantFrom(...LINK_TYPES),
        (which, edits, cut, lt) => {
          const src = frames[which];
          const b = src.slice(0, Math.min(src.length, cut + 1));
          for (const { at, value } of edits) if (b.length > 0) b[at % b.length] = value;
          checkResult(parseIpv4Tcp(b, lt), b);
        },
      ),
      RUN,
    );
  });
});
