/**
 * Whole IPv4/TCP datagrams and Ethernet frames: a Packet ⇄ the bytes a capture would hold.
 */
import { blankPacket, ETH_HEADER_LEN, IPV4_HEADER_LEN, TCP_HEADER_LEN, type Packet } from '../net/packet';
import { ok, type Result } from './errors';
import { emitIpv4Header, parseIpv4Header } from './ipv4';
import { emitEthernetHeader, ipv4Offset } from './link';
import { emitTcpSegment, parseTcpSegment } from './tcp';
import { tcpOptionsLength } from './tcp-options';

/*
 * Module-local copies of the imported header sizes: an imported binding may compile to a getter
 * call (tsx/esbuild's CommonJS interop), which made frameLength() 5x slower on the per-packet path.
 */
const FIXED_HEADERS = IPV4_HEADER_LEN + TCP_HEADER_LEN;
const ETH_LEN = ETH_HEADER_LEN;

/** IPv4 total length of `p`: 20 (IPv4) + 20 (TCP) + options + payload. Allocation-free. */
export function packetLength(p: Packet): number {
  return FIXED_HEADERS + tcpOptionsLength(p) + p.payloadLen;
}

/** Ethernet II frame length of `p` (no FCS, no padding to 60 bytes: what a capture on a veth shows). */
export function frameLength(p: Packet): number {
  return ETH_LEN + packetLength(p);
}

/** Which stream seed generates the payload bytes of a stream (see net/payload.ts). */
export type PayloadSeedOf = (stream: number) => number;

function target(len: number, out: Uint8Array | undefined, off: number): Uint8Array {
  if (out === undefined) return new Uint8Array(len);
  if (off < 0 || off + len > out.length) throw new RangeError(`${len} bytes do not fit at offset ${off} of a ${out.length}-byte buffer`);
  return out;
}

/**
 * The IPv4 datagram of `p`: header (checksum included), TCP header, options, payload (from the
 * stream seed `payloadSeed(p.stream)`) and TCP checksum. Written at `out[off..]` when `out` is
 * given (and a view of those bytes returned), else into a new array.
 */
export function emitIpv4Tcp(p: Packet, payloadSeed: PayloadSeedOf, out?: Uint8Array, off = 0): Uint8Array {
  const len = packetLength(p);
  if (len > 0xffff) throw new RangeError(`packet ${p.id} is ${len} bytes; an IPv4 datagram holds at most 65535`);
  const buf = target(len, out, off);
  emitIpv4Header(p, len, buf, off);
  emitTcpSegment(p, payloadSeed, buf, off + IPV4_HEADER_LEN);
  return buf.subarray(off, off + len);
}

/** `emitIpv4Tcp` inside an Ethernet II frame (MACs from the IPv4 addresses, see link.ts). */
export function emitEthernet(p: Packet, payloadSeed: PayloadSeedOf, out?: Uint8Array, off = 0): Uint8Array {
  const len = frameLength(p);
  const buf = target(len, out, off);
  emitEthernetHeader(p.src, p.dst, buf, off);
  emitIpv4Tcp(p, payloadSeed, buf, off + ETH_HEADER_LEN);
  return buf.subarray(off, off + len);
}

export interface ParsedIpv4Tcp {
  /** The header fields; `id` 0, `stream` -1, `streamPos` 0 (bytes carry no stream). */
  packet: Packet;
  /** A copy of the captured TCP payload bytes (fewer than `packet.payloadLen` when `truncated`). */
  payload: Uint8Array;
  /** Both the IPv4 header checksum and the TCP checksum verify. */
  checksumOk: boolean;
  ipChecksumOk: boolean;
  /** False also when the payload was cut short and the checksum could not be verified. */
  tcpChecksumOk: boolean;
  /** The capture holds the headers but not the whole payload (snaplen, e.g. kernel-ref's 128 bytes). */
  truncated: boolean;
}

/**
 * Parses one captured frame of pcap link type `linkType` (Ethernet 1, raw IPv4 101/228, Linux SLL
 * 113 / SLL2 276) holding an IPv4/TCP datagram. A frame cut short inside the payload still parses
 * (`truncated`); one cut short inside the headers, or any other bad input, is a typed error. Never
 * throws.
 */
export function parseIpv4Tcp(bytes: Uint8Array, linkType: number): Result<ParsedIpv4Tcp> {
  const at = ipv4Offset(bytes, linkType);
  if (!at.ok) return at;
  const ipOff = at.value;
  const packet = blankPacket();
  const ip = parseIpv4Header(bytes, ipOff, bytes.length - ipOff, packet);
  if (!ip.ok) return ip;
  const { headerLen, totalLen, capturedLen } = ip.value;
  const tcpOff = ipOff + headerLen;
  const tcp = parseTcpSegment(bytes, tcpOff, capturedLen - headerLen, packet.src, packet.dst, packet, totalLen - headerLen);
  if (!tcp.ok) return tcp;
  const payloadOff = tcpOff + tcp.value.headerLen;
  const payload = bytes.slice(payloadOff, ipOff + capturedLen);
  const ipChecksumOk = ip.value.checksumOk;
  const tcpChecksumOk = tcp.value.checksumOk;
  const truncated = capturedLen < totalLen;
  return ok({ packet, payload, checksumOk: ipChecksumOk && tcpChecksumOk, ipChecksumOk, tcpChecksumOk, truncated });
}
