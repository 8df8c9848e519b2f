/**
 * Number formatting for the UI, in the page's language (Intl). Formatters are cached per
 * (locale, digits): building an Intl.NumberFormat is far slower than using one.
 */
const cache = new Map<string, Intl.NumberFormat>();

function formatter(tag: string, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${tag}|${minDigits}|${maxDigits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    cache.set(key, f);
  }
  return f;
}

/** Integer with grouping separators (`1,000,000`). */
export function formatInt(tag: string, v: number): string {
  return formatter(tag, 0, 0).format(v);
}

/** Fixed number of decimals (`8.85`). */
export function formatFixed(tag: string, v: number, digits: number): string {
  return formatter(tag, digits, digits).format(v);
}

/** Seconds with millisecond resolution, without trailing zeros beyond what matters (`1.042`). */
export function formatSeconds(tag: string, v: number): string {
  return formatter(tag, 0, 3).format(v);
}
