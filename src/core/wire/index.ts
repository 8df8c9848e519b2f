/**
 * wire/: bytes ⇄ typed records, and nothing else (smoltcp's `wire` module contract).
 *
 * The simulator works on `Packet` (src/core/net/packet.ts), a *Repr*: a compact, high-level
 * representation of an IPv4 + TCP header with typed fields and no bytes. This module is the only
 * code in the project that indexes bytes. It does two things:
 *
 * - **emit**: a Packet → the exact bytes Linux would put on the wire (header layout, option order,
 *   alignment and padding, checksums), with payload bytes generated from the packet's application
 *   stream; used for captures (export/pcapng.ts) and the packet inspector.
 * - **parse**: bytes → a Packet. Parsers never throw, whatever the input: malformed bytes come back
 *   as a typed `WireError` (code, offset, message) in a `Result`.
 *
 * The contract between the two: for every Packet a TCP stack can send, `parse(emit(p))` gives back
 * the same header fields (the simulator-only `id` and `stream`/`streamPos` aside). Emitting is
 * strict about Packets that cannot exist (options over 40 bytes, datagrams over 65535 bytes) and
 * throws a RangeError for them: that is a bug in the code that built the Packet.
 *
 * Length helpers (`packetLength`, `frameLength`, `tcpOptionsLength`) allocate nothing and are meant
 * for the per-packet hot path (serialisation delay, queue accounting in frame bytes).
 *
 * MPTCP options (kind 30) are encoded by the MPTCP engine, which registers its codec with
 * `registerMptcpWire` (wire/mptcp/); without it they round-trip as raw bytes.
 */
export type { WireError, Result } from './errors';
export { ok, fail, OK_VOID } from './errors';
export {
  onesSum,
  addWord,
  addUint32,
  finishChecksum,
  checksumAdjust,
  ipv4HeaderChecksum,
  ipv4PseudoHeaderSum,
  tcpChecksumIpv4,
  IPPROTO_TCP,
} from './checksum';
export {
  tcpOptionsLength,
  emitTcpOptions,
  parseTcpOptions,
  sackBlockCapacity,
  registerMptcpWire,
  MAX_TCP_OPTION_SPACE,
  TCPOPT_EOL,
  TCPOPT_NOP,
  TCPOPT_MSS,
  TCPOPT_WINDOW,
  TCPOPT_SACK_PERM,
  TCPOPT_SACK,
  TCPOPT_TIMESTAMP,
  TCPOPT_MPTCP,
} from './tcp-options';
export type { MptcpWireHook, RawMptcpOption } from './tcp-options';
export { IPV4_FIELD, IPV4_DF, emitIpv4Header, parseIpv4Header } from './ipv4';
export type { Ipv4Info } from './ipv4';
export { TCP_FIELD, emitTcpSegment, parseTcpSegment } from './tcp';
export type { TcpInfo } from './tcp';
export {
  LINKTYPE_ETHERNET,
  LINKTYPE_RAW,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_IPV4,
  LINKTYPE_LINUX_SLL2,
  ETHERTYPE_IPV4,
  macForIpv4,
  emitEthernetHeader,
  ipv4Offset,
} from './link';
export { packetLength, frameLength, emitIpv4Tcp, emitEthernet, parseIpv4Tcp } from './ipv4-tcp';
export type { ParsedIpv4Tcp, PayloadSeedOf } from './ipv4-tcp';
