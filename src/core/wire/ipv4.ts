/**
 * The IPv4 header (RFC 791 §3.1) as Linux sends it for TCP: version 4, IHL 5 (no options), DSCP and
 * ECN 0, Don't Fragment set (Linux sets DF on TCP because it does path-MTU discovery, RFC 1191;
 * `ip_no_pmtu_disc` = 0), fragment offset 0, protocol 6.
 */
import type { Packet } from '../net/packet';
import { finishChecksum, IPPROTO_TCP, ipv4HeaderChecksum, onesSum } from './checksum';
import { get16, get32, put16, put32 } from './bytes';
import { fail, ok, type Result } from './errors';

/** Field offsets within the IPv4 header (RFC 791 §3.1, "Internet Header Format"). */
export const IPV4_FIELD = {
  VER_IHL: 0,
  DSCP_ECN: 1,
  TOTAL_LEN: 2,
  IDENT: 4,
  FLAGS_FRAG: 6,
  TTL: 8,
  PROTOCOL: 9,
  CHECKSUM: 10,
  SRC: 12,
  DST: 16,
} as const;

/** Header length without options. */
export const IPV4_MIN_HEADER_LEN = 20;
/** Flags/fragment-offset word: DF and MF bits, offset mask. */
export const IPV4_DF = 0x4000;
export const IPV4_MF = 0x2000;
export const IPV4_FRAG_OFFSET_MASK = 0x1fff;

/** What the IPv4 header tells beyond the Packet fields. */
export interface Ipv4Info {
  /** Header length in bytes (IHL × 4). */
  headerLen: number;
  /** Total length field: header + payload. */
  totalLen: number;
  /** Bytes of the datagram present: `totalLen`, or fewer when the capture cut it short (snaplen). */
  capturedLen: number;
  /** The header checksum verifies: the sum over the whole header, checksum included, is all ones (RFC 1071 §1(3)). */
  checksumOk: boolean;
}

/** Writes a 20-byte IPv4 header for `p` carrying `totalLen` bytes in all, checksum included. */
export function emitIpv4Header(p: Packet, totalLen: number, out: Uint8Array, off: number): void {
  out[off + IPV4_FIELD.VER_IHL] = 0x45;
  out[off + IPV4_FIELD.DSCP_ECN] = 0;
  put16(out, off + IPV4_FIELD.TOTAL_LEN, totalLen);
  put16(out, off + IPV4_FIELD.IDENT, p.ipId);
  put16(out, off + IPV4_FIELD.FLAGS_FRAG, IPV4_DF);
  out[off + IPV4_FIELD.TTL] = p.ttl & 255;
  out[off + IPV4_FIELD.PROTOCOL] = IPPROTO_TCP;
  put16(out, off + IPV4_FIELD.CHECKSUM, 0);
  put32(out, off + IPV4_FIELD.SRC, p.src);
  put32(out, off + IPV4_FIELD.DST, p.dst);
  put16(out, off + IPV4_FIELD.CHECKSUM, ipv4HeaderChecksum(out, off, IPV4_MIN_HEADER_LEN));
}

/**
 * Parses the IPv4 header at `bytes[off]`, `avail` bytes being there, into `into` (src, dst, ipId,
 * ttl). Only unfragmented TCP datagrams are accepted: a fragment's TCP header may be elsewhere.
 * Options (IHL > 5) are skipped. Bytes after the total length (Ethernet padding) are ignored; fewer
 * bytes than the total length (a capture with a snaplen) are reported in `capturedLen`.
 */
export function parseIpv4Header(bytes: Uint8Array, off: number, avail: number, into: Packet): Result<Ipv4Info> {
  if (avail < IPV4_MIN_HEADER_LEN) {
    return fail('ipv4-truncated', off, `IPv4 header needs ${IPV4_MIN_HEADER_LEN} bytes, ${Math.max(avail, 0)} available`);
  }
  const vi = bytes[off + IPV4_FIELD.VER_IHL];
  if (vi >> 4 !== 4) return fail('ipv4-bad-version', off, `IP version is ${vi >> 4}, not 4`);
  const headerLen = (vi & 15) * 4;
  if (headerLen < IPV4_MIN_HEADER_LEN) return fail('ipv4-bad-ihl', off, `IHL ${vi & 15} is below the minimum of 5`);
  if (headerLen > avail) return fail('ipv4-truncated', off, `IPv4 header of ${headerLen} bytes, ${avail} available`);
  const totalLen = get16(bytes, off + IPV4_FIELD.TOTAL_LEN);
  if (totalLen < headerLen) {
    return fail('ipv4-bad-total-length', off + IPV4_FIELD.TOTAL_LEN, `total length ${totalLen} is below the header length ${headerLen}`);
  }
  const ff = get16(bytes, off + IPV4_FIELD.FLAGS_FRAG);
  if ((ff & IPV4_MF) !== 0 || (ff & IPV4_FRAG_OFFSET_MASK) !== 0) {
    return fail('ipv4-fragment', off + IPV4_FIELD.FLAGS_FRAG, 'IPv4 fragment: the TCP segment is not whole in this datagram');
  }
  const proto = bytes[off + IPV4_FIELD.PROTOCOL];
  if (proto !== IPPROTO_TCP) return fail('ipv4-not-tcp', off + IPV4_FIELD.PROTOCOL, `IP protocol ${proto} is not TCP (6)`);
  into.ipId = get16(bytes, off + IPV4_FIELD.IDENT);
  into.ttl = bytes[off + IPV4_FIELD.TTL];
  into.src = get32(bytes, off + IPV4_FIELD.SRC);
  into.dst = get32(bytes, off + IPV4_FIELD.DST);
  return ok({ headerLen, totalLen, capturedLen: Math.min(totalLen, avail), checksumOk: finishChecksum(onesSum(bytes, off, headerLen)) === 0 });
}
