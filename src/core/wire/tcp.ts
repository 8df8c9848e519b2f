/**
 * The TCP header (RFC 9293 §3.1): fixed 20 bytes, options (tcp-options.ts), payload, and the
 * checksum over all of it plus the IPv4 pseudo-header.
 */
import type { Packet } from '../net/packet';
import { fillStream } from '../net/payload';
import { finishChecksum, ipv4PseudoHeaderSum, onesSum, tcpChecksumIpv4 } from './checksum';
import { get16, get32, put16, put32 } from './bytes';
import { fail, ok, type Result } from './errors';
import { emitTcpOptions, parseTcpOptions } from './tcp-options';

/** Field offsets within the TCP header (RFC 9293 §3.1, "TCP Header Format"). */
export const TCP_FIELD = {
  SRC_PORT: 0,
  DST_PORT: 2,
  SEQ_NUM: 4,
  ACK_NUM: 8,
  /** Data offset (high nibble) and reserved bits. */
  DATA_OFF: 12,
  FLAGS: 13,
  WIN_SIZE: 14,
  CHECKSUM: 16,
  URGENT: 18,
  OPTIONS: 20,
} as const;

export const TCP_MIN_HEADER_LEN = 20;

/** What the TCP header tells beyond the Packet fields. */
export interface TcpInfo {
  /** Header length in bytes (data offset × 4), options included. */
  headerLen: number;
  /** The checksum verifies over pseudo-header, header and payload (false when the segment is cut short). */
  checksumOk: boolean;
}

/**
 * Writes the TCP segment of `p` at `out[off..]`: header, options, `p.payloadLen` payload bytes from
 * stream `p.stream` at `p.streamPos` (seed `payloadSeed(p.stream)`; zeros when the packet names no
 * stream) and the checksum. Returns the segment length.
 */
export function emitTcpSegment(
  p: Packet,
  payloadSeed: (stream: number) => number,
  out: Uint8Array,
  off: number,
): number {
  const optLen = emitTcpOptions(p, out, off + TCP_FIELD.OPTIONS);
  const headerLen = TCP_MIN_HEADER_LEN + optLen;
  put16(out, off + TCP_FIELD.SRC_PORT, p.sport);
  put16(out, off + TCP_FIELD.DST_PORT, p.dport);
  put32(out, off + TCP_FIELD.SEQ_NUM, p.seq);
  put32(out, off + TCP_FIELD.ACK_NUM, p.ack);
  out[off + TCP_FIELD.DATA_OFF] = (headerLen >> 2) << 4;
  out[off + TCP_FIELD.FLAGS] = p.flags & 255;
  put16(out, off + TCP_FIELD.WIN_SIZE, p.win);
  put16(out, off + TCP_FIELD.CHECKSUM, 0);
  put16(out, off + TCP_FIELD.URGENT, 0);
  const dataOff = off + headerLen;
  if (p.payloadLen > 0) {
    if (p.stream >= 0) fillStream(payloadSeed(p.stream), p.streamPos, out, dataOff, p.payloadLen);
    else out.fill(0, dataOff, dataOff + p.payloadLen);
    // a payload-rewriting middlebox changed the first byte (net/middlebox.ts)
    out[dataOff] ^= p.mangled;
  }
  const segLen = headerLen + p.payloadLen;
  put16(out, off + TCP_FIELD.CHECKSUM, tcpChecksumIpv4(p.src, p.dst, out, off, segLen));
  return segLen;
}

/**
 * Parses the TCP segment `bytes[off .. off+len)` into `into` (ports, seq, ack, flags, window,
 * options, payload length; `stream` = -1 as bytes carry no stream). `src`/`dst` are the IPv4
 * addresses for the pseudo-header. `wireLen` is the segment's real length when the capture holds
 * only its first `len` bytes (snaplen): the header must be whole, the checksum then counts as
 * unverified (false). Never throws.
 */
export function parseTcpSegment(
  bytes: Uint8Array,
  off: number,
  len: number,
  src: number,
  dst: number,
  into: Packet,
  wireLen = len,
): Result<TcpInfo> {
  if (len < TCP_MIN_HEADER_LEN) {
    return fail('tcp-truncated', off, `TCP header needs ${TCP_MIN_HEADER_LEN} bytes, ${Math.max(len, 0)} available`);
  }
  const headerLen = (bytes[off + TCP_FIELD.DATA_OFF] >> 4) * 4;
  if (headerLen < TCP_MIN_HEADER_LEN) {
    return fail('tcp-bad-data-offset', off + TCP_FIELD.DATA_OFF, `data offset ${headerLen >> 2} is below the minimum of 5`);
  }
  if (headerLen > len) {
    return fail('tcp-truncated', off + TCP_FIELD.DATA_OFF, `TCP header of ${headerLen} bytes, the segment has ${len}`);
  }
  into.sport = get16(bytes, off + TCP_FIELD.SRC_PORT);
  into.dport = get16(bytes, off + TCP_FIELD.DST_PORT);
  into.seq = get32(bytes, off + TCP_FIELD.SEQ_NUM);
  into.ack = get32(bytes, off + TCP_FIELD.ACK_NUM);
  into.flags = bytes[off + TCP_FIELD.FLAGS];
  into.win = get16(bytes, off + TCP_FIELD.WIN_SIZE);
  const r = parseTcpOptions(bytes, off + TCP_FIELD.OPTIONS, headerLen - TCP_MIN_HEADER_LEN, into);
  if (!r.ok) return r;
  into.payloadLen = Math.max(wireLen, len) - headerLen;
  into.stream = -1;
  into.streamPos = 0;
  if (wireLen > len) return ok({ headerLen, checksumOk: false });
  const sum = onesSum(bytes, off, len, ipv4PseudoHeaderSum(src, dst, len));
  return ok({ headerLen, checksumOk: finishChecksum(sum) === 0 });
}
