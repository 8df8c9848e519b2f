/**
 * DSS option lengths (RFC 8684 §3.3, figure 7; Linux TCPOLEN_MPTCP_DSS_*), in a module of their own
 * with no imports: the TCP option layer sizes the simulator's own DSS on every packet from them
 * (tcp-options.ts) without a cycle through the codec.
 */

/** Length parts (RFC 8684 §3.3; Linux TCPOLEN_MPTCP_DSS_*). */
export const DSS_LEN = { base: 4, ack32: 4, ack64: 8, map32: 10, map64: 14, checksum: 2 } as const;

/**
 * The length byte of the simulator's own ordinary DSS: a Data ACK (4 or 8 bytes) and, if `map64`, a
 * 64-bit mapping without checksum.
 */
export function dssOwnLen(ack64: boolean, map64: boolean): number {
  return DSS_LEN.base + (ack64 ? DSS_LEN.ack64 : DSS_LEN.ack32) + (map64 ? DSS_LEN.map64 : 0);
}
