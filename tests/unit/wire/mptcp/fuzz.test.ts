/**
 * Property tests: the MPTCP option parser never throws, whatever the bytes, and whatever it
 * accepts re-emits into bytes that parse back to the same record (a canonical round trip).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blankPacket } from '../../../../src/core/net/packet';
import { parseTcpOptions, registerMptcpWire } from '../../../../src/core/wire/tcp-options';
import {
  emitMptcpOption,
  installMptcpWire,
  mptcpOptionLength,
  mptcpOptionWireLength,
  parseMptcpOption,
  type MptcpParseContext,
} from '../../../../src/core/wire/mptcp';
import { hex } from './helpers';

/** Valid options of every subtype (RFC 8684 layouts; several from kernel-ref captures). */
const VALID = [
  '1e040101',
  '1e0c0101 94222d0bd6be3a13',
  '1e140101 03481ca4196e666e 94222d0bd6be3a13',
  '1e160101 03481ca4196e666e 94222d0bd6be3a13 0590',
  '1e180181 03481ca4196e666e 94222d0bd6be3a13 0590 beef',
  '1e0c1101 f276664b 55fb4734',
  '1e101000 0a9a3b35035e815f 2bbe155d',
  '1e181000 09611c72e68ce48c7531242ad423ba8c4dd75bd5',
  '1e082001 cb58a635',
  '1e0c2003 e5bba1675730b5c6',
  '1e16200d bba2c3ab e5bba1675730b5c6 00000591 0590',
  '1e1a201f e5bba167576db937 67115151bba2c3ab 00000000 0001',
  '1e182007 0000000100000002 89abcdef 00000001 05a0 1234',
  '1e103001 0a000202 dfca348cf89675a6',
  '1e083101 0a000202',
  '1e123005 0a000302 1451 0102030405060708',
  '1e1e3007 fe800000000000000000000000000abc 0050 ffeeddccbbaa9988',
  '1e163107 00000000000000000000ffff0a000202 1451',
  '1e064001 0203',
  '1e0351',
  '1e0c6000 e5bba1675730b5c6',
  '1e0c7000 94222d0bd6be3a13',
  '1e048103',
  '1e05f0abcd',
].map(hex);

const ctxArb: fc.Arbitrary<MptcpParseContext | undefined> = fc.option(
  fc.record({ tcpFlags: fc.integer({ min: 0, max: 255 }), payloadLen: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }) }),
  { nil: undefined },
);

/** Parse, and when accepted, emit and re-parse: the records must agree. Throws on any failure. */
function checkCanonical(bytes: Uint8Array, off: number, len: number, ctx: MptcpParseContext | undefined): boolean {
  const r = parseMptcpOption(bytes, off, len, ctx);
  if (!r.ok) {
    expect(typeof r.error.code).toBe('string');
    expect(r.error.code.startsWith('mptcp-')).toBe(true);
    return false;
  }
  const wire = mptcpOptionWireLength(r.value);
  const out = new Uint8Array(wire);
  expect(emitMptcpOption(r.value, out, 0)).toBe(wire);
  const back = parseMptcpOption(out, 0, mptcpOptionLength(r.value), ctx);
  expect(back).toEqual(r);
  return true;
}

describe('MPTCP option parser under random input', () => {
  it('10,000 random byte strings at random bounds never throw', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 48 }),
        fc.integer({ min: -2, max: 50 }),
        fc.integer({ min: -2, max: 50 }),
        ctxArb,
        (b, off, len, ctx) => {
          checkCanonical(b, off, len, ctx);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('10,000 well-framed options (kind 30, true length, random subtype and body) never throw', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 37 }), ctxArb, (third, body, ctx) => {
        const b = new Uint8Array(3 + body.length);
        b[0] = 30;
        b[1] = b.length;
        b[2] = third;
        b.set(body, 3);
        if (checkCanonical(b, 0, b.length, ctx)) accepted++;
      }),
      { numRuns: 10_000 },
    );
    // The generator reaches the decoders, not only the framing checks.
    expect(accepted).toBeGreaterThan(500);
  });

  it('10,000 mutations of valid options (byte flips, truncations, length changes) never throw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: VALID.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.integer({ min: -4, max: 4 }),
        ctxArb,
        (k, flips, dlen, ctx) => {
          const src = VALID[k];
          const len = Math.max(0, src.length + dlen);
          const b = new Uint8Array(len);
          b.set(src.subarray(0, Math.min(len, src.length)));
          for (const [at, v] of flips) if (len > 0) b[at % len] = v;
          checkCanonical(b, 0, len, ctx);
          checkCanonical(b, 0, src.length, ctx);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('every valid sample is accepted and round-trips', () => {
    for (const b of VALID) expect(checkCanonical(b, 0, b.length, undefined)).toBe(true);
  });
});

describe('TCP option areas with the MPTCP codec installed', () => {
  beforeAll(() => installMptcpWire());
  afterAll(() => registerMptcpWire(null));

  it('5,000 random option areas with MPTCP options never throw', () => {
    const optArb = fc.oneof(
      fc.constantFrom(...VALID),
      fc.uint8Array({ minLength: 1, maxLength: 12 }),
      fc.uint8Array({ maxLength: 20 }).map((body) => Uint8Array.of(30, body.length + 2, ...body)),
    );
    fc.assert(
      fc.property(fc.array(optArb, { maxLength: 4 }), (parts) => {
        const area = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let o = 0;
        for (const p of parts) {
          area.set(p, o);
          o += p.length;
        }
        const r = parseTcpOptions(area, 0, Math.min(area.length, 40), blankPacket());
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 5_000 },
    );
  });
});
