/**
 * Number formatting exactly as kernel-ref's Python writes it (../shared/kernel-ref/run), so a
 * summary.json from the simulator and one from the real kernel compare value for value.
 */

/**
 * Python's `round(x, nd)` for floats: the exact decimal value of the double rounded half-to-even
 * at `nd` decimals (CPython float_round), returned as the nearest double. JS `toFixed` rounds exact
 * ties away from zero, so ties are detected on the exact expansion and resolved to even here.
 * Not for hot loops (it formats a string); per-packet times use {@link nsToUs} instead.
 */
export function pyRound(x: number, nd: number): number {
  if (!Number.isFinite(x)) return x;
  const neg = x < 0;
  const ax = Math.abs(x);
  if (ax >= 1e21) return x;
  const exact = ax.toFixed(100); // exact for every double ≥ 2^-47; ours are far larger or zero
  const dot = exact.indexOf('.');
  const intPart = exact.slice(0, dot);
  const frac = exact.slice(dot + 1);
  const kept = frac.slice(0, nd);
  const rest = frac.slice(nd);
  let digits = intPart + kept; // the value × 10^nd, truncated, as a decimal string
  const first = rest.charCodeAt(0) - 48;
  const tail = rest.slice(1);
  const tailZero = !/[1-9]/.test(tail);
  let up = false;
  if (first > 5 || (first === 5 && !tailZero)) up = true;
  else if (first === 5 && tailZero) up = (digits.charCodeAt(digits.length - 1) - 48) % 2 === 1;
  if (up) digits = incrementDecimal(digits);
  const scaled = digits.slice(0, digits.length - nd) + (nd > 0 ? '.' + digits.slice(digits.length - nd) : '');
  const v = Number(scaled);
  return neg ? -v : v;
}

function incrementDecimal(s: string): string {
  const a = s.split('');
  let i = a.length - 1;
  while (i >= 0) {
    if (a[i] === '9') {
      a[i] = '0';
      i--;
    } else {
      a[i] = String.fromCharCode(a[i].charCodeAt(0) + 1);
      return a.join('');
    }
  }
  return '1' + a.join('');
}

/**
 * Capture time (integer ns since t0) → integer µs, the precision of kernel-ref's `round(t, 6)`.
 * Exact halves (ns ≡ 500 mod 1000) round up; Python's decision there depends on the binary value of
 * the epoch float it subtracted, so no rule can match it bit for bit.
 */
export function nsToUs(ns: number): number {
  return Math.round(ns / 1000);
}

/** Integer µs → seconds as kernel-ref prints a 6-decimal time. */
export function usToS(us: number): number {
  return us / 1e6;
}

/** kernel-ref's `pct(vals, q)`: nearest-rank on the sorted list, index int(q·(n−1) + 0.5). */
export function pct(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.min(n - 1, Math.trunc(q * (n - 1) + 0.5))];
}

/** TCP flag names in kernel-ref's order (`flag_names`): "SYN,ACK", or "none". */
const FLAG_NAMES: [number, string][] = [
  [0x02, 'SYN'],
  [0x10, 'ACK'],
  [0x08, 'PSH'],
  [0x01, 'FIN'],
  [0x04, 'RST'],
  [0x20, 'URG'],
  [0x40, 'ECE'],
  [0x80, 'CWR'],
];
export function flagNames(flags: number): string {
  let out = '';
  for (const [bit, name] of FLAG_NAMES) {
    if (flags & bit) out = out ? `${out},${name}` : name;
  }
  return out || 'none';
}

/** `0x` + zero-padded lowercase hex, like kernel-ref's `hexify` (`f"0x{n:0{w}x}"`). */
export function hex(v: number | bigint, width: number): string {
  return '0x' + BigInt(v).toString(16).padStart(width, '0');
}
