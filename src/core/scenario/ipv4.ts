/**
 * IPv4 address parsing with the strictness of Python's `ipaddress.IPv4Address` (3.9.5+), which the
 * kernel-ref harness uses: exactly four decimal octets, each 0..255, no leading zeros, nothing else.
 * An integer is taken as the 32-bit address value, as Python does.
 */

/** The address as an unsigned 32-bit integer, or null if Python would raise ValueError/TypeError. */
export function parseIpv4(v: unknown, isInteger = true): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (!isInteger || !Number.isInteger(v) || v < 0 || v > 0xffffffff) return null;
    return v;
  }
  if (typeof v !== 'string') return null;
  const parts = v.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const o = Number(p);
    if (o > 255) return null;
    n = n * 256 + o;
  }
  return n;
}

/** Dotted-quad text of a 32-bit address. */
export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 0xff}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** Whether `addr` lies in 10.0.K.0/24, the subnet of path K (kernel-ref's addressing plan). */
export function inPathSubnet(addr: number, k: number): boolean {
  return Math.floor(addr / 256) === 10 * 65536 + k;
}
