/**
 * Reads the frames of a capture file: classic pcap (tcpdump.org "pcap" / draft-ietf-opsawg-pcap:
 * either byte order, microsecond magic 0xa1b2c3d4 or nanosecond 0xa1b23c4d) and pcapng
 * (draft-ietf-opsawg-pcapng: Section Header, Interface Description with if_name / if_tsresol /
 * if_tsoffset, Enhanced / Simple / obsolete Packet blocks, several sections and interfaces, either
 * byte order). Other blocks are skipped.
 *
 * Never throws. Every problem is a located `CaptureError` (byte offset in the file, block or record
 * number); a bad record or block whose length is still sound is skipped and reading goes on (a
 * partial view); a length that cannot be trusted stops reading there, keeping what came before.
 * Every loop advances the offset by at least 12 bytes, so reading ends in time linear in the size.
 *
 * Frames are views into the caller's bytes (no copy).
 */

export interface CaptureInterface {
  /** Index over the whole file (pcapng: in order of Interface Description Blocks of all sections). */
  index: number;
  linkType: number;
  snaplen: number;
  /** if_name, or `if<index>` when the file names none. */
  name: string;
}

export interface CapturedFrame {
  /** 1-based frame number over the whole file (what Wireshark shows). */
  frame: number;
  iface: number;
  /** Timestamp in ns since the epoch (the file's clock), exact. */
  tsNs: bigint;
  /** Bytes captured (a view into the file); `origLen` is the frame's length on the wire. */
  data: Uint8Array;
  origLen: number;
  /** Byte offset of the record / block in the file. */
  offset: number;
}

export interface CaptureError {
  /** Byte offset in the file where the problem is. */
  offset: number;
  /** pcapng block number (1-based) or pcap record number (1-based); 0 for the file header. */
  block: number;
  message: string;
  /** True when reading stopped here. */
  fatal: boolean;
}

export type CaptureFormat = 'pcap' | 'pcapng';

export interface ReadResult {
  format: CaptureFormat | null;
  interfaces: CaptureInterface[];
  errors: CaptureError[];
  frames: number;
}

export interface ReadOptions {
  /** Called every ~1 MB with the offset reached (for a progress bar). */
  onProgress?: (offset: number, total: number) => void;
  /** At most this many errors are kept (default 1000); later ones only count. */
  maxErrors?: number;
}

const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BOM = 0x1a2b3c4d;
const BT_IDB = 1;
const BT_PB = 2;
const BT_SPB = 3;
const BT_EPB = 6;
/** No frame is bigger than this (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD is 256 KiB). */
export const MAX_FRAME_BYTES = 262144;
const PROGRESS_STEP = 1 << 20;

type Get32 = (off: number) => number;

function reader(bytes: Uint8Array, little: boolean): { u32: Get32; u16: Get32 } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { u32: (o) => dv.getUint32(o, little), u16: (o) => dv.getUint16(o, little) };
}

/**
 * Reads every frame of `bytes`, calling `onFrame` in file order. Returns what the file says about
 * itself and the errors found.
 */
export function readCapture(bytes: Uint8Array, onFrame: (f: CapturedFrame, iface: CaptureInterface) => void, opts: ReadOptions = {}): ReadResult {
  const res: ReadResult = { format: null, interfaces: [], errors: [], frames: 0 };
  const maxErrors = opts.maxErrors ?? 1000;
  const err = (offset: number, block: number, message: string, fatal = false): void => {
    if (res.errors.length < maxErrors || fatal) res.errors.push({ offset, block, message, fatal });
  };
  if (bytes.length < 4) {
    err(0, 0, `the file has ${bytes.length} bytes: too short to be a pcap or pcapng capture`, true);
    return res;
  }
  const be = reader(bytes, false);
  const m = be.u32(0);
  if (m === PCAPNG_SHB) {
    res.format = 'pcapng';
    readPcapng(bytes, res, err, onFrame, opts);
  } else if (m === PCAP_MAGIC_US || m === PCAP_MAGIC_NS || swap32(m) === PCAP_MAGIC_US || swap32(m) === PCAP_MAGIC_NS) {
    res.format = 'pcap';
    readPcap(bytes, res, err, onFrame, opts);
  } else {
    err(0, 0, `not a pcap or pcapng capture: the file starts with 0x${m.toString(16).padStart(8, '0')}`, true);
  }
  return res;
}

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

type ErrFn = (offset: number, block: number, message: string, fatal?: boolean) => void;
type FrameFn = (f: CapturedFrame, iface: CaptureInterface) => void;

function readPcap(bytes: Uint8Array, res: ReadResult, err: ErrFn, onFrame: FrameFn, opts: ReadOptions): void {
  if (bytes.length < 24) {
    err(0, 0, `pcap file header needs 24 bytes, the file has ${bytes.length}`, true);
    return;
  }
  const raw = reader(bytes, false).u32(0);
  const little = raw !== PCAP_MAGIC_US && raw !== PCAP_MAGIC_NS;
  const { u32 } = reader(bytes, little);
  const nano = u32(0) === PCAP_MAGIC_NS;
  const snaplen = u32(16);
  // The link type is the low 16 bits; bits 28-31 may carry the FCS length (LINKTYPE_ and FCS field).
  const linkType = u32(20) & 0xffff;
  const iface: CaptureInterface = { index: 0, linkType, snaplen, name: 'if0' };
  res.interfaces.push(iface);
  let off = 24;
  let rec = 0;
  let nextProgress = PROGRESS_STEP;
  while (off < bytes.length) {
    rec++;
    if (off + 16 > bytes.length) {
      err(off, rec, `record header cut short: ${bytes.length - off} of 16 bytes (the file ends inside record ${rec})`, true);
      return;
    }
    const sec = u32(off);
    const frac = u32(off + 4);
    const incl = u32(off + 8);
    const orig = u32(off + 12);
    if (incl > MAX_FRAME_BYTES) {
      err(off + 8, rec, `record ${rec} claims ${incl} captured bytes, more than any frame (${MAX_FRAME_BYTES}); the rest of the file cannot be read`, true);
      return;
    }
    if (off + 16 + incl > bytes.length) {
      err(off, rec, `record ${rec} is cut short: ${incl} captured bytes announced, ${bytes.length - off - 16} left in the file`, true);
      return;
    }
    if (!nano && frac >= 1_000_000) err(off + 4, rec, `record ${rec}: microseconds field ${frac} is not below 1000000`);
    else if (nano && frac >= 1_000_000_000) err(off + 4, rec, `record ${rec}: nanoseconds field ${frac} is not below 10^9`);
    const tsNs = BigInt(sec) * 1_000_000_000n + BigInt(nano ? frac : frac * 1000);
    res.frames++;
    onFrame({ frame: res.frames, iface: 0, tsNs, data: bytes.subarray(off + 16, off + 16 + incl), origLen: Math.max(orig, incl), offset: off }, iface);
    off += 16 + incl;
    if (off >= nextProgress) {
      opts.onProgress?.(off, bytes.length);
      nextProgress = off + PROGRESS_STEP;
    }
  }
}

/** Per-interface clock: ticks → ns. */
interface Clock {
  mul: bigint;
  div: bigint;
  offsetNs: bigint;
}

function readPcapng(bytes: Uint8Array, res: ReadResult, err: ErrFn, onFrame: FrameFn, opts: ReadOptions): void {
  let off = 0;
  let block = 0;
  let little = true;
  let rd = reader(bytes, true);
  /** Global interface index of each interface id of the current section. */
  let section: number[] = [];
  const clocks: Clock[] = [];
  let nextProgress = PROGRESS_STEP;
  const be = reader(bytes, false);
  while (off < bytes.length) {
    block++;
    if (off + 12 > bytes.length) {
      err(off, block, `block ${block} is cut short: ${bytes.length - off} bytes left, a block has at least 12`, true);
      return;
    }
    const typeBe = be.u32(off);
    if (typeBe === PCAPNG_SHB) {
      const bom = bytes[off + 8] === 0x4d ? 'le' : bytes[off + 8] === 0x1a ? 'be' : null;
      if (bom === null) {
        err(off + 8, block, `section header ${block}: byte-order magic is not 0x1a2b3c4d in either byte order`, true);
        return;
      }
      little = bom === 'le';
      rd = reader(bytes, little);
      if (rd.u32(off + 8) !== PCAPNG_BOM) {
        err(off + 8, block, `section header ${block}: byte-order magic is not 0x1a2b3c4d`, true);
        return;
      }
      section = [];
    } else if (block === 1) {
      err(off, block, 'pcapng must start with a Section Header Block', true);
      return;
    }
    const type = rd.u32(off);
    const len = rd.u32(off + 4);
    if (len < 12 || len % 4 !== 0) {
      err(off + 4, block, `block ${block} (type ${type}) has length ${len}: not a multiple of 4 of at least 12`, true);
      return;
    }
    if (off + len > bytes.length) {
      err(off + 4, block, `block ${block} (type ${type}) is cut short: ${len} bytes announced, ${bytes.length - off} left in the file`, true);
      return;
    }
    if (rd.u32(off + len - 4) !== len) {
      err(off + len - 4, block, `block ${block} (type ${type}): trailing length ${rd.u32(off + len - 4)} differs from the leading ${len}; skipped`);
      off += len;
      continue;
    }
    const body = off + 8;
    const bodyEnd = off + len - 4;
    if (type === BT_IDB) {
      if (bodyEnd - body < 8) {
        err(off, block, `interface description ${block} is cut short`);
      } else {
        const index = res.interfaces.length;
        const iface: CaptureInterface = { index, linkType: rd.u16(body), snaplen: rd.u32(body + 4), name: `if${index}` };
        const clock: Clock = { mul: 1000n, div: 1n, offsetNs: 0n };
        readOptions(bytes, rd, body + 8, bodyEnd, (code, o, l) => {
          if (code === 2 && l > 0) iface.name = new TextDecoder().decode(bytes.subarray(o, o + l)).replace(/\0+$/, '');
          else if (code === 9 && l >= 1) {
            const v = bytes[o];
            if (v & 0x80) {
              const p = v & 0x7f;
              if (p > 63) err(o, block, `interface ${index}: if_tsresol 2^-${p} is not supported; microseconds assumed`);
              else {
                clock.mul = 1_000_000_000n;
                clock.div = 1n << BigInt(p);
              }
            } else if (v > 18) err(o, block, `interface ${index}: if_tsresol 10^-${v} is not supported; microseconds assumed`);
            else if (v <= 9) {
              clock.mul = 10n ** BigInt(9 - v);
              clock.div = 1n;
            } else {
              clock.mul = 1n;
              clock.div = 10n ** BigInt(v - 9);
            }
          } else if (code === 14 && l >= 8) {
            const hi = BigInt(rd.u32(little ? o + 4 : o));
            const lo = BigInt(rd.u32(little ? o : o + 4));
            clock.offsetNs = BigInt.asIntN(64, (hi << 32n) | lo) * 1_000_000_000n;
          }
        }, (o, msg) => err(o, block, `interface description ${block}: ${msg}`));
        res.interfaces.push(iface);
        clocks.push(clock);
        section.push(index);
      }
    } else if (type === BT_EPB || type === BT_PB) {
      const hdr = 20;
      if (bodyEnd - body < hdr) {
        err(off, block, `packet block ${block} is cut short (${bodyEnd - body} body bytes, at least ${hdr} needed); skipped`);
      } else {
        const localId = type === BT_EPB ? rd.u32(body) : rd.u16(body);
        const gi = section[localId];
        const cap = rd.u32(body + 12);
        const orig = rd.u32(body + 16);
        if (gi === undefined) {
          err(body, block, `packet block ${block} names interface ${localId}, but the section describes ${section.length}; skipped`);
        } else if (cap > bodyEnd - body - hdr) {
          err(body + 12, block, `packet block ${block}: captured length ${cap} exceeds the block (${bodyEnd - body - hdr} bytes); skipped`);
        } else {
          const ticks = (BigInt(rd.u32(body + 4)) << 32n) | BigInt(rd.u32(body + 8));
          const c = clocks[gi];
          const tsNs = (ticks * c.mul) / c.div + c.offsetNs;
          res.frames++;
          const d = body + hdr;
          onFrame({ frame: res.frames, iface: gi, tsNs, data: bytes.subarray(d, d + cap), origLen: Math.max(orig, cap), offset: off }, res.interfaces[gi]);
        }
      }
    } else if (type === BT_SPB) {
      const gi = section[0];
      if (gi === undefined) err(off, block, `simple packet block ${block} before any interface description; skipped`);
      else if (bodyEnd - body < 4) err(off, block, `simple packet block ${block} is cut short; skipped`);
      else {
        const orig = rd.u32(body);
        const snap = res.interfaces[gi].snaplen;
        const cap = Math.min(orig, bodyEnd - body - 4, snap > 0 ? snap : Infinity);
        res.frames++;
        // A Simple Packet Block has no timestamp: it shares the previous frame's clock (0 here).
        onFrame({ frame: res.frames, iface: gi, tsNs: 0n, data: bytes.subarray(body + 4, body + 4 + cap), origLen: orig, offset: off }, res.interfaces[gi]);
      }
    }
    off += len;
    if (off >= nextProgress) {
      opts.onProgress?.(off, bytes.length);
      nextProgress = off + PROGRESS_STEP;
    }
  }
}

/** Walks pcapng options (code, length, value padded to 4) until opt_endofopt or the end. */
function readOptions(
  bytes: Uint8Array,
  rd: { u16: Get32 },
  start: number,
  end: number,
  on: (code: number, off: number, len: number) => void,
  bad: (off: number, msg: string) => void,
): void {
  let o = start;
  while (o + 4 <= end) {
    const code = rd.u16(o);
    const l = rd.u16(o + 2);
    if (code === 0) return;
    if (o + 4 + l > end) {
      bad(o, `option ${code} of ${l} bytes runs past the block; options ignored from here`);
      return;
    }
    on(code, o + 4, l);
    o += 4 + ((l + 3) & ~3);
  }
}
