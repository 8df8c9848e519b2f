/**
 * The first `count` elements of `prefix`, then `rest`: a trace array whose past is another run's
 * (a forked run's records after the shared ones; the page puts a result together the same way).
 */
export function prefixThen<T>(prefix: readonly T[], count: number, rest: readonly T[]): T[] {
  const out = prefix.slice(0, count);
  return rest.length > 0 ? out.concat(rest) : out;
}
