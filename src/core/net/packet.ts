/**
 * The simulator's packet: an IPv4 + TCP header as typed fields (smoltcp's "Repr" idea). Nothing here
 * holds bytes: `src/core/wire/` turns a Packet into real header bytes (for captures and the packet
 * inspector) and back. Payload bytes are generated on demand from the application stream the
 * payload came from (`stream`, `streamPos`, see payload.ts), so a 100 Mbit/s run allocates no
 * payload memory, yet every byte the receiver delivers can be checked against what was sent.
 *
 * Every Packet has the same fields in the same order (one hidden class for V8): "absent" is 0, -1,
 * false or null as documented per field, never a missing property.
 */

/** TCP header flag bits (RFC 9293 §3.1). */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;
export const ECE = 0x40;
export const CWR = 0x80;

/** MPTCP options ride in `Packet.mptcp`; their records are defined by src/core/wire/mptcp (issue: MPTCP engine). */
export type MptcpOptionRecord = { readonly subtype: number } & Record<string, unknown>;

/** An MPTCP option record that knows its own length byte (`Packet.dss`). */
export type SizedMptcpOption = MptcpOptionRecord & { readonly wireLength: number };

/**
 * Who wrote a packet's inline DSS (`Packet.dssSrc`): the sending connection's constants, and the
 * record those fields stand for, made when something needs it as a record.
 */
export interface InlineDssSource {
  record(p: Packet): SizedMptcpOption;
}

/** `Packet.dssBits`: the inline DSS carries DATA_FIN, a 64-bit DATA_ACK, a mapping. */
export const DSS_INLINE_FIN = 1;
export const DSS_INLINE_ACK64 = 2;
export const DSS_INLINE_MAP = 4;

/** The packet carries no MPTCP option, in any of the forms they ride in. */
export function noMptcpOptions(p: Packet): boolean {
  return p.dssSrc === null && p.dss === null && (p.mptcp === null || p.mptcp.length === 0);
}

/**
 * The packet's MPTCP options as one list (an inline DSS made a record, `dss` moved to its front),
 * or null when it has none. The same options in the same order: only their form changes.
 */
export function mptcpOptions(p: Packet): MptcpOptionRecord[] | null {
  const src = p.dssSrc;
  if (src !== null) {
    p.dss = src.record(p);
    p.dssSrc = null;
  }
  const d = p.dss;
  if (d !== null) {
    p.dss = null;
    // a new list: a middlebox's copy of the packet may share the old one
    p.mptcp = p.mptcp === null ? [d] : [d, ...p.mptcp];
  }
  return p.mptcp;
}

export interface Packet {
  /** Unique within a run, in creation order; the trace and the views refer to packets by id. */
  id: number;
  /** IPv4 source and destination as unsigned 32-bit integers. */
  src: number;
  dst: number;
  /** IPv4 identification field. */
  ipId: number;
  ttl: number;
  sport: number;
  dport: number;
  /** Sequence and acknowledgment numbers, unsigned 32-bit. */
  seq: number;
  ack: number;
  /** Bitwise OR of FIN, SYN, RST, PSH, ACK, URG, ECE, CWR. */
  flags: number;
  /** The 16-bit window field exactly as sent (already right-shifted by the sender's window scale). */
  win: number;
  /** MSS option value; 0 = absent. */
  mss: number;
  /** Window scale option shift count; -1 = absent. */
  wscale: number;
  /** SACK-permitted option present. */
  sackOk: boolean;
  /** Timestamps option present (RFC 7323), and its values (unsigned 32-bit). */
  hasTs: boolean;
  tsVal: number;
  tsEcr: number;
  /** SACK blocks as [left0, right0, left1, right1, ...] (RFC 2018), or null. */
  sack: number[] | null;
  /** MPTCP options (kind 30) in emission order, or null. */
  mptcp: MptcpOptionRecord[] | null;
  /**
   * The simulator's own DSS option (src/core/mptcp/sim-mapping.ts SimDss) held apart from `mptcp` on
   * runs that capture nothing, or null: the packet's MPTCP options are then `dss` followed by
   * `mptcp`. Per-segment code reads it without the list; anything else takes the whole list from
   * `mptcpOptions(p)`, which moves it into `mptcp` first.
   */
  dss: SizedMptcpOption | null;
  /**
   * The simulator's own ordinary DSS (DATA_ACK, and a data segment's 64-bit mapping) as numbers, on
   * runs that capture nothing: non-null `dssSrc` (the sender's connection constants) says it is there;
   * it then comes before `dss` and `mptcp`. `dssBits`: DSS_INLINE_*; `dssAckPos`: the stream
   * position acknowledged; the mapping's stream position, subflow sequence number and data-level
   * length. Per-segment code reads the numbers; `mptcpOptions(p)` makes the record for everyone else.
   */
  dssSrc: InlineDssSource | null;
  dssBits: number;
  dssAckPos: number;
  dssMapPos: number;
  dssMapSsn: number;
  dssMapDll: number;
  /** TCP payload length in bytes. */
  payloadLen: number;
  /** Application stream the payload bytes come from (see payload.ts); -1 when payloadLen is 0. */
  stream: number;
  /** Offset of the first payload byte within that stream. */
  streamPos: number;
  /** 0, or the XOR a payload-rewriting middlebox applied to the first payload byte (net/middlebox.ts). */
  mangled: number;
  /** Ethernet frame bytes, set by the link the packet enters (so the arrival need not recompute it). */
  frameBytes: number;
}

/** A packet with every field at its "absent" value. */
export function blankPacket(): Packet {
  return {
    id: 0,
    src: 0,
    dst: 0,
    ipId: 0,
    ttl: 64,
    sport: 0,
    dport: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    win: 0,
    mss: 0,
    wscale: -1,
    sackOk: false,
    hasTs: false,
    tsVal: 0,
    tsEcr: 0,
    sack: null,
    mptcp: null,
    dss: null,
    dssSrc: null,
    dssBits: 0,
    dssAckPos: 0,
    dssMapPos: 0,
    dssMapSsn: 0,
    dssMapDll: 0,
    payloadLen: 0,
    stream: -1,
    streamPos: 0,
    mangled: 0,
    frameBytes: 0,
  };
}

/** Dotted-quad ↔ uint32. */
export function ipv4ToInt(s: string): number {
  const p = s.split('.');
  return (((+p[0] << 24) | (+p[1] << 16) | (+p[2] << 8) | +p[3]) >>> 0);
}
export function intToIpv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Ethernet II header bytes added to the IP packet on the virtual links (kernel-ref counts frames). */
export const ETH_HEADER_LEN = 14;
export const IPV4_HEADER_LEN = 20;
export const TCP_HEADER_LEN = 20;
