/** ADD_ADDR address text: dotted quads and RFC 5952 IPv6 text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addressBytes, ipv6Text, putIpv4Text, putIpv6Text } from '../../../../src/core/wire/mptcp';
import { hex, toHex } from './helpers';

describe('IPv6 text', () => {
  it.each([
    ['20010db8000000000000000000000001', '2001:db8::1'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    // RFC 5952 §4.2.2: a single zero group is not shortened.
    ['20010db8000100020003000400050000', '2001:db8:1:2:3:4:5:0'],
    // RFC 5952 §4.2.3: the first of two equally long zero runs.
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    // RFC 5952 §4.2.1: the longest run.
    ['20010000000000010000000000000000', '2001:0:0:1::'],
    // RFC 5952 §5: IPv4-mapped addresses in mixed notation.
    ['00000000000000000000ffffc0000201', '::ffff:192.0.2.1'],
    ['fe80000000000000020000fffe000abc', 'fe80::200:ff:fe00:abc'],
  ])('%s is written %s and read back', (h, text) => {
    const b = hex(h);
    expect(ipv6Text(b, 0)).toBe(text);
    const out = new Uint8Array(16);
    expect(putIpv6Text(text, out, 0)).toBe(true);
    expect(toHex(out)).toBe(h);
  });

  it('reads uncompressed, upper-case and embedded-IPv4 forms', () => {
    const out = new Uint8Array(16);
    expect(putIpv6Text('2001:0DB8:0000:0000:0000:0000:0000:0001', out, 0)).toBe(true);
    expect(toHex(out)).toBe('20010db8000000000000000000000001');
    expect(putIpv6Text('::ffff:10.0.2.2', out, 0)).toBe(true);
    expect(toHex(out)).toBe('00000000000000000000ffff0a000202');
  });

  it.each(['', ':::', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '::1.2.3', '10.0.0.1'])(
    '%j is rejected and nothing is written',
    (text) => {
      const out = new Uint8Array(16).fill(7);
      expect(putIpv6Text(text, out, 0)).toBe(false);
      expect(out.every((x) => x === 7)).toBe(true);
    },
  );

  it('every 16-byte address survives text and back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        const out = new Uint8Array(16);
        expect(putIpv6Text(ipv6Text(b, 0), out, 0)).toBe(true);
        expect(out).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('IPv4 text', () => {
  it('reads dotted quads and rejects anything else', () => {
    const out = new Uint8Array(4);
    expect(putIpv4Text('10.0.2.2', out, 0)).toBe(true);
    expect(toHex(out)).toBe('0a000202');
    for (const bad of ['10.0.2', '10.0.2.2.2', '256.0.0.1', '01.0.0.1', '1.2.3.x', '', '1..2.3']) {
      expect(putIpv4Text(bad, out, 0)).toBe(false);
    }
  });

  it('addressBytes checks the text against the IP version', () => {
    expect(addressBytes('10.0.2.2', 4)).toEqual(hex('0a000202'));
    expect(addressBytes('10.0.2.2', 6)).toBeNull();
    expect(addressBytes('::1', 4)).toBeNull();
  });
});
