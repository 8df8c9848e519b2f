/** Test helpers for the MPTCP option codec: hex ⇄ bytes and a minimal pcapng reader. */
import { readFileSync } from 'node:fs';

/** Bytes of a hex string; spaces and colons are ignored. */
export function hex(s: string): Uint8Array {
  const t = s.replace(/[\s:]/g, '');
  if (t.length % 2 !== 0 || /[^0-9a-fA-F]/.test(t)) throw new Error(`bad hex ${s}`);
  const b = new Uint8Array(t.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return b;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export interface CapturedFrame {
  /** 1-based frame number, as tshark counts. */
  frame: number;
  linkType: number;
  data: Uint8Array;
}

/**
 * The packets (Enhanced Packet Blocks) of a little- or big-endian pcapng file, written
 * from the format description (draft-ietf-opsawg-pcapng §4.1–§4.4).
 */
export function readPcapngFrames(path: string): CapturedFrame[] {
  const file = new Uint8Array(readFileSync(path));
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const frames: CapturedFrame[] = [];
  const linkTypes: number[] = [];
  let le = true;
  let o = 0;
  while (o + 12 <= file.length) {
    let type = v.getUint32(o, le);
    if (type === 0x0a0d0d0a) {
      le = v.getUint32(o + 8, true) === 0x1a2b3c4d;
      linkTypes.length = 0;
      type = v.getUint32(o, le);
    }
    const len = v.getUint32(o + 4, le);
    if (len < 12 || len % 4 !== 0 || o + len > file.length) throw new Error(`bad pcapng block length ${len} at ${o}`);
    if (type === 0x00000001) linkTypes.push(v.getUint16(o + 8, le));
    else if (type === 0x00000006) {
      const ifc = v.getUint32(o + 8, le);
      const capLen = v.getUint32(o + 20, le);
      frames.push({ frame: frames.length + 1, linkType: linkTypes[ifc], data: file.slice(o + 28, o + 28 + capLen) });
    }
    o += len;
  }
  return frames;
}
