/**
 * One captured frame → a `Packet` (src/core/net/packet.ts), reusing the wire codec's IPv4 and TCP
 * parsers (src/core/wire/, MPTCP options through wire/mptcp). Link types: 0 BSD loopback, 1
 * Ethernet (802.1Q / 802.1ad tags), 12/101 raw IP, 113 Linux SLL, 276 Linux SLL2, 228 raw IPv4,
 * 229 raw IPv6.
 *
 * IPv6 (RFC 8200, extension headers walked; fragments not reassembled): `Packet` holds IPv4
 * addresses only (the simulator is IPv4), so each IPv6 address gets a placeholder from 240.0.0.0/4
 * (reserved, never routed: RFC 1112 §4) through an `AddressBook`, which keeps the real text; the
 * capture summary prints the real addresses (capture-trace.ts), the views show the placeholders.
 *
 * A frame cut short by the snap length still decodes when its IP and TCP headers are whole: the
 * payload length comes from the IP length fields. Never throws.
 */
import { blankPacket, type Packet } from '../net/packet';
import { parseIpv4Header } from '../wire/ipv4';
import { parseTcpSegment } from '../wire/tcp';

export type DecodeResult =
  | { kind: 'tcp'; pkt: Packet; truncated: boolean }
  /** Not TCP over IP (ARP, UDP, ICMP…): not an error, only counted. */
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; offset: number; message: string };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const IPPROTO_TCP = 6;

/** IPv6 address text ⇄ placeholder uint32 in 240.0.0.0/4. */
export class AddressBook {
  private readonly byText = new Map<string, number>();
  readonly names = new Map<number, string>();
  placeholder(text: string): number {
    let v = this.byText.get(text);
    if (v === undefined) {
      v = (0xf0000000 + this.byText.size + 1) >>> 0;
      this.byText.set(text, v);
      this.names.set(v, text);
    }
    return v;
  }
}

/** RFC 5952 text of the 16 bytes at `b[o..]`. */
export function ipv6Text(b: Uint8Array, o: number): string {
  const w: number[] = [];
  for (let i = 0; i < 8; i++) w.push((b[o + 2 * i] << 8) | b[o + 2 * i + 1]);
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (a: number[]): string => a.map((x) => x.toString(16)).join(':');
  if (bestAt < 0) return hex(w);
  return `${hex(w.slice(0, bestAt))}::${hex(w.slice(bestAt + bestLen))}`;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

/** Where the network-layer packet starts and which protocol it is (4, 6, or 0 = other). */
function network(b: Uint8Array, linkType: number): { off: number; ver: number; what?: string } | { error: string; offset: number } {
  const byVersion = (off: number): { off: number; ver: number } => ({ off, ver: off < b.length ? b[off] >> 4 : 0 });
  const byEthertype = (off: number, type: number): { off: number; ver: number; what?: string } =>
    type === ETHERTYPE_IPV4 ? { off, ver: 4 } : type === ETHERTYPE_IPV6 ? { off, ver: 6 } : { off, ver: 0, what: `ethertype 0x${type.toString(16).padStart(4, '0')}` };
  switch (linkType) {
    case 0: {
      if (b.length < 4) return { error: 'loopback header cut short', offset: 0 };
      // The family is in the capturing host's byte order: accept either.
      const le = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
      const f = le < 256 ? le : ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
      return f === 2 ? { off: 4, ver: 4 } : f === 24 || f === 28 || f === 30 ? { off: 4, ver: 6 } : { off: 4, ver: 0, what: `address family ${f}` };
    }
    case 1: {
      if (b.length < 14) return { error: `Ethernet header needs 14 bytes, ${b.length} captured`, offset: 0 };
      let type = u16(b, 12);
      let off = 14;
      for (let tags = 0; VLAN_TAGS.has(type) && tags < 4; tags++) {
        if (b.length < off + 4) return { error: 'VLAN tag cut short', offset: off - 2 };
        type = u16(b, off + 2);
        off += 4;
      }
      return byEthertype(off, type);
    }
    case 12:
    case 101:
      return byVersion(0);
    case 228:
      return { off: 0, ver: 4 };
    case 229:
      return { off: 0, ver: 6 };
    case 113:
      if (b.length < 16) return { error: `Linux SLL header needs 16 bytes, ${b.length} captured`, offset: 0 };
      return byEthertype(16, u16(b, 14));
    case 276:
      if (b.length < 20) return { error: `Linux SLL2 header needs 20 bytes, ${b.length} captured`, offset: 0 };
      return byEthertype(20, u16(b, 0));
    default:
      return { error: `link type ${linkType} is not supported (0, 1, 12, 101, 113, 228, 229, 276 are)`, offset: 0 };
  }
}

/**
 * Decodes one frame. `origLen` is its length on the wire (pcap orig_len), `book` collects IPv6
 * addresses. Offsets in errors are within the frame.
 */
export function decodeFrame(b: Uint8Array, linkType: number, origLen: number, book: AddressBook): DecodeResult {
  const n = network(b, linkType);
  if ('error' in n) return { kind: 'error', offset: n.offset, message: n.error };
  if (n.ver === 0) return { kind: 'skip', reason: n.what ?? 'not IP' };
  const pkt = blankPacket();
  pkt.frameBytes = origLen;
  if (n.ver === 4) {
    const ip = parseIpv4Header(b, n.off, b.length - n.off, pkt);
    if (!ip.ok) {
      if (ip.error.code === 'ipv4-not-tcp') return { kind: 'skip', reason: 'IPv4, not TCP' };
      if (ip.error.code === 'ipv4-fragment') return { kind: 'skip', reason: 'IPv4 fragment' };
      return { kind: 'error', offset: ip.error.offset, message: ip.error.message };
    }
    const { headerLen, totalLen, capturedLen } = ip.value;
    const r = parseTcpSegment(b, n.off + headerLen, capturedLen - headerLen, pkt.src, pkt.dst, pkt, totalLen - headerLen);
    if (!r.ok) return { kind: 'error', offset: r.error.offset, message: r.error.message };
    return { kind: 'tcp', pkt, truncated: capturedLen < totalLen };
  }
  if (n.ver !== 6) return { kind: 'error', offset: n.off, message: `IP version ${n.ver} is neither 4 nor 6` };
  return decodeIpv6(b, n.off, pkt, book);
}

function decodeIpv6(b: Uint8Array, off: number, pkt: Packet, book: AddressBook): DecodeResult {
  if (b.length - off < 40) return { kind: 'error', offset: off, message: `IPv6 header needs 40 bytes, ${Math.max(0, b.length - off)} captured` };
  const payloadLen = u16(b, off + 4);
  if (payloadLen === 0) return { kind: 'skip', reason: 'IPv6 jumbogram or empty payload' };
  pkt.ttl = b[off + 7];
  pkt.src = book.placeholder(ipv6Text(b, off + 8));
  pkt.dst = book.placeholder(ipv6Text(b, off + 24));
  const end = off + 40 + payloadLen;
  let next = b[off + 6];
  let o = off + 40;
  // Extension headers (RFC 8200 §4): hop-by-hop 0, routing 43, destination options 60, AH 51.
  for (let guard = 0; guard < 16; guard++) {
    if (next === IPPROTO_TCP) break;
    if (next === 44) return { kind: 'skip', reason: 'IPv6 fragment' };
    if (next !== 0 && next !== 43 && next !== 60 && next !== 51) return { kind: 'skip', reason: `IPv6 next header ${next}, not TCP` };
    if (o + 2 > b.length) return { kind: 'error', offset: o, message: `IPv6 extension header ${next} cut short` };
    const len = next === 51 ? (b[o + 1] + 2) * 4 : (b[o + 1] + 1) * 8;
    next = b[o];
    o += len;
    if (o > end) return { kind: 'error', offset: o - len, message: 'IPv6 extension headers run past the payload length' };
  }
  if (next !== IPPROTO_TCP) return { kind: 'error', offset: o, message: 'too many IPv6 extension headers' };
  const captured = Math.min(end, b.length) - o;
  const r = parseTcpSegment(b, o, captured, 0, 0, pkt, end - o);
  if (!r.ok) return { kind: 'error', offset: r.error.offset, message: r.error.message };
  return { kind: 'tcp', pkt, truncated: b.length < end };
}
