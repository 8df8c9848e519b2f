/**
 * JSON text of outputs that hold 64-bit values (MPTCP data sequence numbers, MPTCP_INFO's
 * write_seq/snd_una/rcv_nxt) as bigint: written as exact integer literals, as kernel-ref's Python
 * writes them, where JSON.stringify would throw.
 */
const MARK = '\u0000bigint:';

export function toJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v.toString()}` : v), indent);
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
