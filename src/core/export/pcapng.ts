/**
 * A pcapng writer (IETF draft-ietf-opsawg-pcapng, "PCAP Next Generation Dump File Format"):
 * one Section Header Block, one Interface Description Block per capture interface (if_name such as
 * `srv-p1`, link type Ethernet, if_tsresol 9 = nanoseconds) and one Enhanced Packet Block per frame
 * with a 64-bit nanosecond timestamp. Wireshark, tshark and mergecap read it like kernel-ref's
 * dumpcap files. Little-endian, as the byte-order magic says. Blocks are built as separate chunks
 * and concatenated once in `toBytes()`.
 */
import type { CaptureRecord, Side } from '../sim/trace';
import { emitEthernet, frameLength, type PayloadSeedOf } from '../wire/ipv4-tcp';
import { LINKTYPE_ETHERNET } from '../wire/link';

/** Block types (pcapng §4, §11.1). */
export const PCAPNG_SHB = 0x0a0d0d0a;
export const PCAPNG_IDB = 0x00000001;
export const PCAPNG_EPB = 0x00000006;
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Option codes (pcapng §4.1–§4.3). */
const OPT_ENDOFOPT = 0;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const EPB_FLAGS = 2;

/** epb_flags bits 0-1: packet direction (pcapng §4.3.1). */
const EPB_INBOUND = 1;
const EPB_OUTBOUND = 2;

const TWO_32 = 0x1_0000_0000;

export interface PacketOptions {
  /** Length of the frame on the wire when `frame` holds only its first bytes (snaplen). */
  origLen?: number;
  /** Direction as seen by the interface (written as epb_flags). */
  direction?: 'inbound' | 'outbound';
}

const pad4 = (n: number): number => (n + 3) & ~3;
const encoder = new TextEncoder();

/** Builds pcapng bytes in memory. */
export class PcapngWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private interfaces = 0;

  constructor(userAppl = 'mptcp-playground') {
    const appl = encoder.encode(userAppl);
    const optLen = 4 + pad4(appl.length) + 4;
    const len = 28 + optLen;
    const b = this.block(PCAPNG_SHB, len);
    const v = new DataView(b.buffer);
    v.setUint32(8, PCAPNG_BYTE_ORDER_MAGIC, true);
    v.setUint16(12, 1, true); // major version
    v.setUint16(14, 0, true); // minor version
    v.setInt32(16, -1, true); // section length: unspecified (-1, 64 bits)
    v.setInt32(20, -1, true);
    let o = 24;
    o = writeOption(v, b, o, SHB_USERAPPL, appl);
    v.setUint32(o, OPT_ENDOFOPT, true);
  }

  /** Adds an interface (IDB) and returns its index for `addPacket`. */
  addInterface(name: string, linkType = LINKTYPE_ETHERNET, snaplen = 0): number {
    const nm = encoder.encode(name);
    const optLen = 4 + pad4(nm.length) + 4 + 4 + 4;
    const len = 20 + optLen;
    const b = this.block(PCAPNG_IDB, len);
    const v = new DataView(b.buffer);
    v.setUint16(8, linkType, true);
    v.setUint16(10, 0, true);
    v.setUint32(12, snaplen, true);
    let o = 16;
    o = writeOption(v, b, o, IF_NAME, nm);
    o = writeOption(v, b, o, IF_TSRESOL, Uint8Array.of(9));
    v.setUint32(o, OPT_ENDOFOPT, true);
    return this.interfaces++;
  }

  /**
   * Adds one frame (EPB) captured on interface `ifIndex` at `tNanos` ns since the epoch (a bigint
   * when the value exceeds 2^53). The frame bytes are copied.
   */
  addPacket(ifIndex: number, tNanos: number | bigint, frame: Uint8Array, opts?: PacketOptions): void {
    if (!(ifIndex >= 0 && ifIndex < this.interfaces)) throw new RangeError(`no interface ${ifIndex} (${this.interfaces} added)`);
    let hi: number;
    let lo: number;
    if (typeof tNanos === 'bigint') {
      if (tNanos < 0n || tNanos >= 1n << 64n) throw new RangeError(`timestamp ${tNanos} ns is outside 0 .. 2^64`);
      hi = Number(tNanos >> 32n);
      lo = Number(tNanos & 0xffffffffn);
    } else {
      if (!(tNanos >= 0) || !Number.isInteger(tNanos)) throw new RangeError(`timestamp ${tNanos} ns is not a non-negative integer`);
      hi = Math.floor(tNanos / TWO_32);
      lo = tNanos - hi * TWO_32;
    }
    const capLen = frame.length;
    const origLen = opts?.origLen ?? capLen;
    if (origLen < capLen) throw new RangeError(`original length ${origLen} is below the captured length ${capLen}`);
    const dir = opts?.direction;
    const optLen = dir === undefined ? 0 : 8 + 4;
    const len = 28 + pad4(capLen) + optLen + 4;
    const b = this.block(PCAPNG_EPB, len);
    const v = new DataView(b.buffer);
    v.setUint32(8, ifIndex, true);
    v.setUint32(12, hi, true);
    v.setUint32(16, lo, true);
    v.setUint32(20, capLen, true);
    v.setUint32(24, origLen, true);
    b.set(frame, 28);
    if (dir !== undefined) {
      const o = 28 + pad4(capLen);
      v.setUint16(o, EPB_FLAGS, true);
      v.setUint16(o + 2, 4, true);
      v.setUint32(o + 4, dir === 'inbound' ? EPB_INBOUND : EPB_OUTBOUND, true);
      v.setUint32(o + 8, OPT_ENDOFOPT, true);
    }
  }

  /** The file: all blocks, in the order they were added. */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /** A zeroed block of `len` bytes with its type and both length fields written. */
  private block(type: number, len: number): Uint8Array {
    const b = new Uint8Array(len);
    const v = new DataView(b.buffer);
    v.setUint32(0, type, true);
    v.setUint32(4, len, true);
    v.setUint32(len - 4, len, true);
    this.chunks.push(b);
    this.size += len;
    return b;
  }
}

/** Writes option `code` with `value` (padded to 4 bytes) at `o`; returns the offset after it. */
function writeOption(v: DataView, b: Uint8Array, o: number, code: number, value: Uint8Array): number {
  v.setUint16(o, code, true);
  v.setUint16(o + 2, value.length, true);
  b.set(value, o + 4);
  return o + 4 + pad4(value.length);
}

/** The interface name of a capture point, as kernel-ref names its veths: `srv-pK` / `cli-pK`. */
export function captureInterfaceName(side: Side, path: number): string {
  return `${side === 'server' ? 'srv' : 'cli'}-p${path}`;
}

export interface CapturesToPcapngOptions {
  /** Keep only the first `snaplen` bytes of each frame (kernel-ref uses 128); 0 = whole frames. */
  snaplen?: number;
}

/**
 * A pcapng file of a run's captures: one interface per (side, path), server interfaces first, then
 * by path; frames in the order of `captures`, Ethernet-framed (wire/), payload generated from each
 * stream's seed `seedOf(stream)`. Timestamps are `t0EpochNanos` + the capture time; pass a bigint
 * for a real epoch (nanoseconds since 1970 exceed 2^53). Each frame carries its direction as seen by
 * the capturing side (the server receives c2s, sends s2c).
 */
export function capturesToPcapng(
  captures: CaptureRecord[],
  seedOf: PayloadSeedOf,
  t0EpochNanos: number | bigint = 0,
  opts: CapturesToPcapngOptions = {},
): Uint8Array {
  const snaplen = opts.snaplen ?? 0;
  const keys = new Set<number>();
  for (const c of captures) keys.add(ifaceKey(c.side, c.path));
  const sorted = [...keys].sort((a, b) => a - b);
  const w = new PcapngWriter();
  const index = new Map<number, number>();
  for (const k of sorted) {
    const side: Side = k < CLIENT_KEY ? 'server' : 'client';
    index.set(k, w.addInterface(captureInterfaceName(side, k % CLIENT_KEY), LINKTYPE_ETHERNET, snaplen));
  }
  let scratch = new Uint8Array(2048);
  const t0 = typeof t0EpochNanos === 'bigint' ? t0EpochNanos : BigInt(t0EpochNanos);
  for (const c of captures) {
    const len = frameLength(c.pkt);
    if (len > scratch.length) scratch = new Uint8Array(len);
    const frame = emitEthernet(c.pkt, seedOf, scratch, 0);
    const cap = snaplen > 0 && snaplen < len ? frame.subarray(0, snaplen) : frame;
    const inbound = (c.side === 'server') === (c.dir === 'c2s');
    const t = t0 === 0n ? c.t : t0 + BigInt(c.t);
    w.addPacket(index.get(ifaceKey(c.side, c.path)) as number, t, cap, {
      origLen: len,
      direction: inbound ? 'inbound' : 'outbound',
    });
  }
  return w.toBytes();
}

const CLIENT_KEY = 1_000_000;

/** Sort key: server interfaces before client ones, then by path. */
function ifaceKey(side: Side, path: number): number {
  return (side === 'server' ? 0 : CLIENT_KEY) + path;
}
