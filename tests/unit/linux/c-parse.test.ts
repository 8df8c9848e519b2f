// How the C tools read numbers and addresses (glibc strtoul/inet_pton/inet_ntop, iproute2 get_u8/get_addr_1).
import { describe, expect, it } from 'vitest';
import { getUnsigned, parseInetAddr, strtoul } from '../../../src/core/linux/c-parse';

describe('strtoul base 0 and get_u8/get_u16/get_u32', () => {
  it('reads decimal, 0x hex and 0 octal, skips leading blanks, takes a sign', () => {
    expect(getUnsigned('42', 255)).toBe(42);
    expect(getUnsigned('0x1f', 255)).toBe(31);
    expect(getUnsigned('010', 255)).toBe(8);
    expect(getUnsigned(' 7', 255)).toBe(7);
    expect(getUnsigned('+7', 255)).toBe(7);
    expect(getUnsigned('-0', 255)).toBe(0);
  });

  it('refuses what iproute2 refuses: trailing text, out of range, negative, empty, a lone 0x or 08', () => {
    for (const bad of ['', '4a', '256', '-1', '0x', '08', ' ', '1.5']) expect(getUnsigned(bad, 255), bad).toBeNull();
    expect(getUnsigned('65535', 0xffff)).toBe(65535);
    expect(getUnsigned('65536', 0xffff)).toBeNull();
    expect(getUnsigned('18446744073709551616', 0xffffffff)).toBeNull();
  });

  it('reports where the digits end, like strtoul(…, &end, 0)', () => {
    expect(strtoul('12abc')).toEqual({ value: 12n, end: 2, overflow: false });
    expect(strtoul('zz')).toEqual({ value: 0n, end: 0, overflow: false });
  });
});

describe('addresses', () => {
  it('IPv4 the legacy iproute2 way: 10.8 is 10.8.0.0, parts may be hex or octal', () => {
    expect(parseInetAddr('10.0.2.1')).toEqual({ family: 'inet', text: '10.0.2.1' });
    expect(parseInetAddr('10.8')).toEqual({ family: 'inet', text: '10.8.0.0' });
    expect(parseInetAddr('0x0a.0.0.010')).toEqual({ family: 'inet', text: '10.0.0.8' });
    for (const bad of ['10.0.0.256', '1.2.3.4.5', '10..1', 'ten', '10.0.2.1/24']) expect(parseInetAddr(bad), bad).toBeNull();
  });

  it('default / any / all are addresses of no family', () => {
    expect(parseInetAddr('any')).toEqual({ family: 'unspec', text: '' });
  });

  it('IPv6 through inet_pton, printed back in RFC 5952 form as inet_ntop prints it', () => {
    expect(parseInetAddr('2001:DB8:0:0:0:0:0:1')).toEqual({ family: 'inet6', text: '2001:db8::1' });
    expect(parseInetAddr('::ffff:10.0.2.1')).toEqual({ family: 'inet6', text: '::ffff:10.0.2.1' });
    expect(parseInetAddr('fe80::1:0:0:1')?.text).toBe('fe80::1:0:0:1');
    expect(parseInetAddr('1:0:0:2:0:0:0:3')?.text).toBe('1:0:0:2::3');
    expect(parseInetAddr('1:0:2:3:4:5:6:7')?.text).toBe('1:0:2:3:4:5:6:7');
    expect(parseInetAddr('::')?.text).toBe('::');
    expect(parseInetAddr('::1')?.text).toBe('::1');
    for (const bad of ['1::2::3', '12345::', ':::', '1:2:3:4:5:6:7:8:9', '::ffff:10.0.2.01']) expect(parseInetAddr(bad), bad).toBeNull();
  });
});
