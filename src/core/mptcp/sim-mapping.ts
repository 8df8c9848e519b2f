/**
 * The DSS mappings the simulator's own senders build (RFC 8684 §3.3.1), with the DSN made on
 * demand. A mapping's DSN is IDSN + 1 + pos mod 2^64; on the hot path nobody needs it as a BigInt:
 * the peer's receiver subtracts its copy of the same IDSN + 1 to get `pos` back (`positionFrom`),
 * and lengths need only `dsn64`. Captures, checksums and the views read `dsn` (the getter makes it
 * once), and a packet entering a capture gets plain mappings (`plainMappings`), so what is stored,
 * cloned, hashed or shown is the codec's ordinary record.
 */
import type { Packet } from '../net/packet';
import type { DssMapping, MptcpOption } from '../wire/mptcp/types';
import { add64 } from './dsn';

export class SimDssMapping {
  #dsn: bigint | null = null;

  constructor(
    /** The sender's IDSN + 1. */
    readonly idsn1: bigint,
    /** Data stream position of the mapping's first byte. */
    readonly pos: number,
    readonly dsn64: boolean,
    readonly subflowSeq: number,
    readonly dataLevelLength: number,
  ) {}

  /** IDSN + 1 + pos mod 2^64 (RFC 8684 §3.3.1), made the first time it is read. */
  get dsn(): bigint {
    return (this.#dsn ??= add64(this.idsn1, this.pos));
  }

  /** The codec's record of this mapping (same fields, same order as a parsed one). */
  plain(): DssMapping {
    return { dsn: this.dsn, dsn64: this.dsn64, subflowSeq: this.subflowSeq, dataLevelLength: this.dataLevelLength };
  }

  /**
   * The stream position a receiver whose peer's IDSN + 1 is `peerIdsn1` reads from this mapping
   * (DSN − IDSN − 1 mod 2^64), or -1 when the mapping was made from another IDSN (then the caller
   * subtracts the DSN itself).
   */
  positionFrom(peerIdsn1: bigint): number {
    return this.idsn1 === peerIdsn1 ? this.pos : -1;
  }
}

/** Replace the packet's simulator mappings by plain records, before it is captured. */
export function plainMappings(p: Packet): void {
  const opts = p.mptcp;
  if (opts === null) return;
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i] as unknown as MptcpOption;
    if (o.kind === 'DSS' && o.mapping instanceof SimDssMapping) (o as { mapping?: DssMapping }).mapping = o.mapping.plain();
  }
}
