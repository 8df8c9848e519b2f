/**
 * The DSS options the simulator's own stacks build (RFC 8684 §3.3), with their 64-bit numbers made
 * on demand. A mapping's DSN is IDSN + 1 + pos mod 2^64 (§3.3.1) and a Data ACK is the peer's
 * IDSN + 1 + the next expected position (§3.3.2); on the hot path nobody needs them as BigInts: the
 * peer subtracts its copy of the same IDSN + 1 to get the position back, and lengths need only the
 * flags. Captures, checksums and the views read `dsn` / `dataAck` (the getters make them once), and
 * a packet entering a capture gets plain records (`plainRecords`), so what is stored, cloned,
 * hashed or shown is the codec's ordinary record.
 */
import { DSS_INLINE_ACK64, DSS_INLINE_FIN, DSS_INLINE_MAP, mptcpOptions, type InlineDssSource, type Packet, type SizedMptcpOption } from '../net/packet';
import type { DssMapping, DssOption, MptcpOption } from '../wire/mptcp/types';
import { dssLenOf, dssOwnLen } from '../wire/mptcp/dss';
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
    return plainMapping(this.dsn, this.dsn64, this.subflowSeq, this.dataLevelLength);
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

/** A DSS mapping as the codec's plain record. */
export function plainMapping(dsn: bigint, dsn64: boolean, subflowSeq: number, dataLevelLength: number): DssMapping {
  return { dsn, dsn64, subflowSeq, dataLevelLength };
}

/**
 * A DSS option with a Data ACK, as the simulator sends once the peer's key is known: the Data ACK
 * (the peer's IDSN + 1 + our receive position, RFC 8684 §3.3.2) made on demand; `wireLength` tells
 * the codec its length without reading it. A data segment's ordinary mapping (64-bit DSN, no
 * checksum) is held in the record's own fields (`mapPos` ≥ 0; one object per segment, not two) and
 * made a SimDssMapping only when something reads `mapping`; other mappings (DATA_FIN alone,
 * checksummed, infinite) are given as records.
 */
export class SimDss {
  readonly subtype = 2;
  readonly kind = 'DSS';
  readonly wireLength: number;
  #dataAck: bigint | null = null;
  #mapping: DssMapping | undefined;

  constructor(
    readonly dataFin: boolean,
    readonly ack64: boolean,
    /** The peer's IDSN + 1. */
    readonly ackIdsn1: bigint,
    /** The data stream position the Data ACK acknowledges up to (our rcv_nxt). */
    readonly ackPos: number,
    /** A mapping given as a record, or undefined (none, or the inline one below). */
    mapping: DssMapping | undefined,
    /** The inline mapping: the sender's IDSN + 1, the data stream position of its first byte (-1: none), its subflow sequence number and data-level length. */
    readonly mapIdsn1: bigint = 0n,
    readonly mapPos: number = -1,
    readonly mapSsn: number = 0,
    readonly mapDll: number = 0,
  ) {
    this.#mapping = mapping;
    this.wireLength = mapPos >= 0 ? dssOwnLen(ack64, true) : dssLenOf(true, ack64, mapping);
  }

  /** The mapping (RFC 8684 §3.3.1): the inline one made a SimDssMapping the first time it is read. */
  get mapping(): DssMapping | undefined {
    if (this.#mapping === undefined && this.mapPos >= 0) this.#mapping = new SimDssMapping(this.mapIdsn1, this.mapPos, true, this.mapSsn, this.mapDll);
    return this.#mapping;
  }

  /** The inline mapping's stream position for a receiver whose peer's IDSN + 1 is `peerIdsn1`, or -1 (see SimDssMapping.positionFrom). */
  mapPositionFrom(peerIdsn1: bigint): number {
    return this.mapIdsn1 === peerIdsn1 ? this.mapPos : -1;
  }

  /** IDSN + 1 + ackPos mod 2^64 (RFC 8684 §3.3.2), made the first time it is read. */
  get dataAck(): bigint {
    return (this.#dataAck ??= add64(this.ackIdsn1, this.ackPos));
  }

  /** The acknowledged position for a sender whose IDSN + 1 is `ownIdsn1`, or -1 when made from another. */
  ackPositionFrom(ownIdsn1: bigint): number {
    return this.ackIdsn1 === ownIdsn1 ? this.ackPos : -1;
  }

  /** The codec's record, fields in the order the simulator always wrote them (flags, Data ACK, mapping). */
  plain(): DssOption {
    const m = this.mapping;
    return plainDss(this.dataFin, this.dataAck, this.ack64, m instanceof SimDssMapping ? m.plain() : m);
  }
}

/**
 * A connection's constants for the DSS it writes inline on its packets (Packet.dssSrc): the peer's
 * IDSN + 1 (DATA_ACKs) and its own (mappings). The record the inline fields stand for is the SimDss
 * the connection would otherwise have built.
 */
export class SimDssSource implements InlineDssSource {
  constructor(
    /** The peer's IDSN + 1. */
    readonly ackIdsn1: bigint,
    /** The sender's own IDSN + 1. */
    readonly mapIdsn1: bigint,
  ) {}

  record(p: Packet): SizedMptcpOption {
    const bits = p.dssBits;
    const map = (bits & DSS_INLINE_MAP) !== 0;
    const d = new SimDss((bits & DSS_INLINE_FIN) !== 0, (bits & DSS_INLINE_ACK64) !== 0, this.ackIdsn1, p.dssAckPos, undefined, map ? this.mapIdsn1 : 0n, map ? p.dssMapPos : -1, map ? p.dssMapSsn : 0, map ? p.dssMapDll : 0);
    return d as unknown as SizedMptcpOption;
  }
}

/** A DSS option with a Data ACK as the codec's plain record (one shape with, one without a mapping). */
export function plainDss(dataFin: boolean, dataAck: bigint, ack64: boolean, mapping: DssMapping | undefined): DssOption {
  return mapping === undefined ? { subtype: 2, kind: 'DSS', dataFin, dataAck, ack64 } : { subtype: 2, kind: 'DSS', dataFin, dataAck, ack64, mapping };
}

/** Replace the packet's simulator records by plain ones, before it is captured. */
export function plainRecords(p: Packet): void {
  const opts = mptcpOptions(p);
  if (opts === null) return;
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i] as unknown as MptcpOption | SimDss;
    if (o instanceof SimDss) opts[i] = o.plain() as unknown as (typeof opts)[number];
    else if (o.kind === 'DSS' && o.mapping instanceof SimDssMapping) (o as { mapping?: DssMapping }).mapping = o.mapping.plain();
  }
}
