/**
 * MPTCP crypto against an independent implementation (node:crypto's SHA-256 and HMAC), written
 * from RFC 8684 §3.1, §3.2 and §3.4.1.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addAddrHmac,
  joinAckHmac,
  joinSynAckHmac,
  keyBytes,
  keyToIdsn,
  keyToToken,
  keyToTokenAndIdsn,
  mptcpHmac,
} from '../../../src/core/mptcp/crypto';

const be64 = (v: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v);
  return b;
};
const be32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v);
  return b;
};
const hmacNode = (k1: bigint, k2: bigint, msg: Buffer): Buffer => createHmac('sha256', Buffer.concat([be64(k1), be64(k2)])).update(msg).digest();

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('keys, tokens and IDSNs (RFC 8684 §3.1)', () => {
  it('a key is hashed as its 8 big-endian bytes', () => {
    expect(Buffer.from(keyBytes(0x0102030405060708n)).toString('hex')).toBe('0102030405060708');
  });

  it('token = top 32 bits and IDSN = low 64 bits of SHA-256(key)', () => {
    fc.assert(
      fc.property(u64, (key) => {
        const d = createHash('sha256').update(be64(key)).digest();
        expect(keyToToken(key)).toBe(d.readUInt32BE(0));
        expect(keyToIdsn(key)).toBe(d.readBigUInt64BE(24));
        expect(keyToTokenAndIdsn(key)).toEqual({ token: d.readUInt32BE(0), idsn: d.readBigUInt64BE(24) });
      }),
      { numRuns: 200 },
    );
  });
});

describe('HMACs (RFC 8684 §3.2, §3.4.1)', () => {
  it('the HMAC key is Key1‖Key2 as 16 big-endian bytes', () => {
    const msg = Buffer.from('abc');
    expect(Buffer.from(mptcpHmac(1n, 2n, msg)).equals(hmacNode(1n, 2n, msg))).toBe(true);
    expect(Buffer.from(mptcpHmac(2n, 1n, msg)).equals(hmacNode(1n, 2n, msg))).toBe(false);
  });

  it('MP_JOIN SYN/ACK: leftmost 64 bits of HMAC(Key-B‖Key-A, R_B‖R_A)', () => {
    fc.assert(
      fc.property(u64, u64, u32, u32, (kb, ka, rb, ra) => {
        const h = hmacNode(kb, ka, Buffer.concat([be32(rb), be32(ra)]));
        expect(joinSynAckHmac(kb, ka, rb, ra)).toBe(h.readBigUInt64BE(0));
      }),
      { numRuns: 200 },
    );
  });

  it('MP_JOIN third ACK: first 160 bits of HMAC(Key-A‖Key-B, R_A‖R_B)', () => {
    fc.assert(
      fc.property(u64, u64, u32, u32, (ka, kb, ra, rb) => {
        const h = hmacNode(ka, kb, Buffer.concat([be32(ra), be32(rb)]));
        const got = joinAckHmac(ka, kb, ra, rb);
        expect(got.length).toBe(20);
        expect(Buffer.from(got).equals(h.subarray(0, 20))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('ADD_ADDR: rightmost 64 bits of HMAC(Key-local‖Key-remote, id‖address‖port), port 0 when absent', () => {
    fc.assert(
      fc.property(u64, u64, fc.integer({ min: 0, max: 255 }), fc.boolean(), fc.integer({ min: 0, max: 0xffff }), (kl, kr, id, v6, port) => {
        const addr = Buffer.alloc(v6 ? 16 : 4, 0xa5);
        const msg = Buffer.concat([Buffer.of(id), addr, Buffer.of(port >> 8, port & 255)]);
        expect(addAddrHmac(kl, kr, id, addr, port)).toBe(hmacNode(kl, kr, msg).readBigUInt64BE(24));
      }),
      { numRuns: 200 },
    );
  });

  it('ADD_ADDR: an IPv4 address may be given as its uint32', () => {
    const bytes = Uint8Array.of(10, 0, 2, 2);
    expect(addAddrHmac(5n, 6n, 1, 0x0a000202, 0)).toBe(addAddrHmac(5n, 6n, 1, bytes, 0));
    expect(addAddrHmac(5n, 6n, 1, 0x0a000203, 0)).not.toBe(addAddrHmac(5n, 6n, 1, bytes, 0));
  });

  it('ADD_ADDR: an address that is neither 4 nor 16 bytes is refused', () => {
    expect(() => addAddrHmac(1n, 2n, 1, new Uint8Array(6), 0)).toThrow(RangeError);
  });
});
