/**
 * IP address text ⇄ bytes for ADD_ADDR: dotted quads (RFC 791 style, no leading-zero octal
 * forms) and IPv6 text (RFC 4291 §2.2 on input; RFC 5952 canonical form on output: lowercase,
 * no leading zeros, the longest run of two or more zero groups shortened to "::", the first one
 * on a tie, and IPv4-mapped addresses as ::ffff:a.b.c.d).
 */

/** The dotted quad of `b[off .. off+4)`. */
export function ipv4Text(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** Writes the 4 bytes of dotted quad `s` at `out[off..]`; false (nothing written) if `s` is not one. */
export function putIpv4Text(s: string, out: Uint8Array, off: number): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  const v = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return false;
    const n = Number(p);
    if (n > 255) return false;
    v[i] = n;
  }
  for (let i = 0; i < 4; i++) out[off + i] = v[i];
  return true;
}

/** RFC 5952 text of the IPv6 address `b[off .. off+16)`. */
export function ipv6Text(b: Uint8Array, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[off + 2 * i] << 8) | b[off + 2 * i + 1]);
  // IPv4-mapped (::ffff:0:0/96) in mixed notation, RFC 5952 §5.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${ipv4Text(b, off + 12)}`;
  }
  let bestAt = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestAt).map((x) => x.toString(16)).join(':');
  const tail = g.slice(bestAt + bestLen).map((x) => x.toString(16)).join(':');
  return `${head}::${tail}`;
}

function groups(part: string, allowV4Tail: boolean): number[] | null {
  if (part === '') return [];
  const items = part.split(':');
  const out: number[] = [];
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (allowV4Tail && k === items.length - 1 && it.includes('.')) {
      const q = new Uint8Array(4);
      if (!putIpv4Text(it, q, 0)) return null;
      out.push((q[0] << 8) | q[1], (q[2] << 8) | q[3]);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(it)) return null;
    out.push(parseInt(it, 16));
  }
  return out;
}

/** Writes the 16 bytes of IPv6 text `s` at `out[off..]`; false (nothing written) if `s` is not one. */
export function putIpv6Text(s: string, out: Uint8Array, off: number): boolean {
  const dbl = s.indexOf('::');
  let g: number[];
  if (dbl < 0) {
    const all = groups(s, true);
    if (all === null || all.length !== 8) return false;
    g = all;
  } else {
    if (s.indexOf('::', dbl + 1) >= 0) return false;
    const head = groups(s.slice(0, dbl), false);
    const tail = groups(s.slice(dbl + 2), true);
    if (head === null || tail === null || head.length + tail.length > 7) return false;
    g = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  for (let i = 0; i < 8; i++) {
    out[off + 2 * i] = g[i] >> 8;
    out[off + 2 * i + 1] = g[i] & 255;
  }
  return true;
}

/** The address bytes of `text` (4 for IPv4, 16 for IPv6), or null if it is not that version's text. */
export function addressBytes(text: string, ipVersion: 4 | 6): Uint8Array | null {
  const b = new Uint8Array(ipVersion === 4 ? 4 : 16);
  const good = ipVersion === 4 ? putIpv4Text(text, b, 0) : putIpv6Text(text, b, 0);
  return good ? b : null;
}
