/**
 * Building and finding MPTCP option records on packets, for the connection logic. The records are
 * the wire codec's (src/core/wire/mptcp/types.ts), so what the mechanism puts on a packet is exactly
 * what the capture writer encodes and what a parsed capture gives back.
 */
import { mptcpOptions, type Packet } from '../net/packet';
import type { MpCapableFlags, MptcpOption } from '../wire/mptcp/types';

/** Append an option record to a packet (Linux writes them in mptcp_write_options order; callers add in that order). */
export function addOption(p: Packet, rec: MptcpOption): void {
  if (p.mptcp === null) p.mptcp = [rec];
  else p.mptcp.push(rec);
}

type OptionOfKind<K extends MptcpOption['kind']> = Extract<MptcpOption, { kind: K }>;

/** The first MPTCP option of `kind` on a packet, or undefined. */
export function findOption<K extends MptcpOption['kind']>(p: Packet, kind: K): OptionOfKind<K> | undefined {
  const opts = mptcpOptions(p);
  if (opts === null) return undefined;
  for (let i = 0; i < opts.length; i++) if (opts[i].kind === kind) return opts[i] as unknown as OptionOfKind<K>;
  return undefined;
}

/**
 * Our MP_CAPABLE flags (RFC 8684 §3.1): A when net.mptcp.checksum_enabled, C when
 * allow_join_initial_addr_port is 0, H always (HMAC-SHA256).
 */
export function mpCapableFlags(checksum: boolean, allowJoinInitial: boolean): MpCapableFlags {
  return { a: checksum, b: false, c: !allowJoinInitial, h: true };
}
