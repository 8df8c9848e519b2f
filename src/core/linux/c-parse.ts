/**
 * How the C tools read their arguments, so the console accepts and refuses exactly what they do:
 * glibc `strtoul` with base 0 (`0x10` is 16, `010` is 8, leading blanks and a sign are taken),
 * iproute2's `get_u8/get_u16/get_u32` (lib/utils.c: the whole word must be a number in range),
 * iproute2's `get_addr_1(…, AF_UNSPEC)` (legacy IPv4: `10.8` is 10.8.0.0; IPv6 through
 * inet_pton, printed back in the RFC 5952 form inet_ntop uses).
 */
import { ipv6Text, putIpv6Text } from '../wire/mptcp/addr-text';

const ULONG_MAX = (1n << 64n) - 1n;

function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

/**
 * glibc strtoul(s + from, &end, base): the value (ULONG_MAX on overflow, wrapped for a minus sign)
 * and the index just past the digits (`from` itself when there were none).
 */
export function strtoul(s: string, from = 0, base = 0): { value: bigint; end: number; overflow: boolean } {
  let i = from;
  while (i < s.length && isCSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  let b = base;
  if ((b === 0 || b === 16) && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && digitValue(s[i + 2] ?? '') < 16) {
    i += 2;
    b = 16;
  } else if (b === 0) b = s[i] === '0' ? 8 : 10;
  const start = i;
  let v = 0n;
  let overflow = false;
  while (i < s.length && digitValue(s[i]) < b) {
    v = v * BigInt(b) + BigInt(digitValue(s[i]));
    if (v > ULONG_MAX) overflow = true;
    i++;
  }
  if (i === start) return { value: 0n, end: from, overflow: false };
  if (overflow) return { value: ULONG_MAX, end: i, overflow: true };
  if (neg && v !== 0n) v = ULONG_MAX + 1n - v;
  return { value: v, end: i, overflow: false };
}

/** iproute2 get_u8/get_u16/get_u32(&v, arg, 0): the number, or null when the word is not one in 0..max. */
export function getUnsigned(arg: string, max: number): number | null {
  if (arg === '') return null;
  const r = strtoul(arg, 0, 0);
  if (r.end === 0 || r.end !== arg.length || r.overflow) return null;
  if (r.value > BigInt(max)) return null;
  return Number(r.value);
}

export type InetFamily = 'inet' | 'inet6' | 'unspec';

/** An address as iproute2 parsed it: family and the text `inet_ntop` would print back. */
export interface InetAddr {
  family: InetFamily;
  /** Canonical text (dotted quad, or glibc's IPv6 spelling); '' for `default`/`any`/`all`. */
  text: string;
}

/** iproute2 get_addr_ipv4: up to four parts, each strtoul base 0 ≤ 255, missing parts are 0. */
function legacyIpv4(cp: string): number[] | null {
  const out = [0, 0, 0, 0];
  let at = 0;
  for (let i = 0; i < 4; i++) {
    const r = strtoul(cp, at, 0);
    if (r.end === at) return null;
    if (r.value > 255n) return null;
    out[i] = Number(r.value);
    if (r.end === cp.length) return out;
    if (i === 3 || cp[r.end] !== '.') return null;
    at = r.end + 1;
  }
  return out;
}

/** iproute2 get_addr_1(&addr, name, AF_UNSPEC): null when `get_addr` would exit with "… address is expected". */
export function parseInetAddr(name: string): InetAddr | null {
  if (name === 'default' || name === 'all' || name === 'any') return { family: 'unspec', text: '' };
  if (name.includes(':')) {
    const bytes = new Uint8Array(16);
    return putIpv6Text(name, bytes, 0) ? { family: 'inet6', text: ipv6Text(bytes, 0) } : null;
  }
  const v4 = legacyIpv4(name);
  return v4 ? { family: 'inet', text: v4.join('.') } : null;
}
