// Values in messages print exactly as Python 3 prints them (kernel-ref's messages use json.dumps,
// repr and str).
import { describe, expect, it } from 'vitest';
import { pyFloatRepr, pyJsonDumps, pyNumber, pyRepr, pyStrRepr, pyTypeName } from '../../../src/core/scenario/py-format';
import { formatIpv4, parseIpv4 } from '../../../src/core/scenario/ipv4';

describe('float repr', () => {
  it('uses fixed notation for exponents -4..15 and adds .0 to integral floats', () => {
    expect(pyFloatRepr(100)).toBe('100.0');
    expect(pyFloatRepr(0.5)).toBe('0.5');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(123456789.125)).toBe('123456789.125');
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pyFloatRepr(-0)).toBe('-0.0');
  });

  it('uses d.dde±XX outside that range', () => {
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(1.5e300)).toBe('1.5e+300');
    expect(pyFloatRepr(0.00001)).toBe('1e-05');
    expect(pyFloatRepr(1.25e-7)).toBe('1.25e-07');
    expect(pyFloatRepr(Infinity)).toBe('inf');
  });

  it('prints ints from their literal and floats from theirs', () => {
    expect(pyNumber(100, '100')).toBe('100');
    expect(pyNumber(100, '100.0')).toBe('100.0');
    expect(pyNumber(100, '1e2')).toBe('100.0');
    expect(pyNumber(0, '-0')).toBe('0');
    expect(pyNumber(1e21)).toBe('1000000000000000000000');
    expect(pyNumber(2.5)).toBe('2.5');
  });
});

describe('json.dumps', () => {
  it("uses Python's separators and escapes non-ASCII", () => {
    expect(pyJsonDumps({ a: [1, 'x', null, true], b: {} })).toBe('{"a": [1, "x", null, true], "b": {}}');
    expect(pyJsonDumps('é\u0001\n"\\中😀\u007f')).toBe('"\\u00e9\\u0001\\n\\"\\\\\\u4e2d\\ud83d\\ude00\\u007f"');
  });

  it('prints nested float literals as floats', () => {
    const v = { a: [1, 2] };
    const lits = new WeakMap<object, Map<string, string>>([[v.a, new Map([['1', '2.0']])]]);
    expect(pyJsonDumps(v, undefined, lits)).toBe('{"a": [1, 2.0]}');
  });
});

describe('repr', () => {
  it('quotes like Python', () => {
    expect(pyStrRepr('x')).toBe("'x'");
    expect(pyStrRepr("it's")).toBe('"it\'s"');
    expect(pyStrRepr('it\'s "q"')).toBe("'it\\'s \"q\"'");
    expect(pyStrRepr('a\tb\n\u0001\u00a0中')).toBe("'a\\tb\\n\\x01\\xa0中'");
  });

  it('prints containers and constants', () => {
    expect(pyRepr({ k: [1, null, false, 'v'] })).toBe("{'k': [1, None, False, 'v']}");
  });

  it('names Python types', () => {
    expect([null, true, 1, 1.5, 's', [], {}].map((v) => pyTypeName(v))).toEqual(['NoneType', 'bool', 'int', 'float', 'str', 'list', 'dict']);
    expect(pyTypeName(1, '1.0')).toBe('float');
  });
});

describe('IPv4 like Python ipaddress', () => {
  it('accepts dotted quads and 32-bit integers', () => {
    expect(parseIpv4('10.0.1.2')).toBe(0x0a000102);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4(167837954)).toBe(167837954);
    expect(formatIpv4(0x0a0002ff)).toBe('10.0.2.255');
  });

  it('rejects leading zeros, out-of-range octets, wrong counts, floats', () => {
    for (const bad of ['10.0.1.05', '10.0.1.256', '10.0.1', '10.0.1.2.3', ' 10.0.1.2', '10.0.1.+2', '', '１.0.0.1']) {
      expect(parseIpv4(bad)).toBeNull();
    }
    expect(parseIpv4(-1)).toBeNull();
    expect(parseIpv4(2 ** 32)).toBeNull();
    expect(parseIpv4(5, false)).toBeNull();
  });
});
