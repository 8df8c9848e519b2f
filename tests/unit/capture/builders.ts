/**
 * Test helpers: writers of classic pcap and pcapng files (any byte order, resolution, link type)
 * and frame re-wrapping (Ethernet → SLL / SLL2 / raw IPv4 / raw IPv6), to build captures the
 * importer must read. Frames come from a real kernel-ref capture (sourceFrames).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCapture } from '../../../src/core/capture/pcap-reader';
import { KERNEL_REF } from '../../helpers/paths';

export interface Frame {
  ts: bigint;
  iface: number;
  data: Uint8Array;
  origLen?: number;
}

/** The first `n` frames of a kernel-ref capture (Ethernet, two interfaces), copied. */
export function sourceFrames(dir: string, file: string, n: number): Frame[] {
  const bytes = readFileSync(join(KERNEL_REF, 'results', dir, file));
  const out: Frame[] = [];
  readCapture(bytes, (f) => {
    if (out.length < n) out.push({ ts: f.tsNs, iface: f.iface, data: new Uint8Array(f.data), origLen: f.origLen });
  });
  return out;
}

class Out {
  private buf = new Uint8Array(1 << 16);
  private dv = new DataView(this.buf.buffer);
  len = 0;
  constructor(private readonly little: boolean) {}
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    b.set(this.buf);
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.len++] = v;
  }
  u16(v: number): void {
    this.room(2);
    this.dv.setUint16(this.len, v, this.little);
    this.len += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.dv.setUint32(this.len, v >>> 0, this.little);
    this.len += 4;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  pad4(): void {
    while (this.len % 4) this.u8(0);
  }
  setU32(at: number, v: number): void {
    this.dv.setUint32(at, v, this.little);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export function writePcap(frames: Frame[], o: { little: boolean; nano: boolean; linkType: number }): Uint8Array {
  const w = new Out(o.little);
  w.u32(o.nano ? 0xa1b23c4d : 0xa1b2c3d4);
  w.u16(2);
  w.u16(4);
  w.u32(0);
  w.u32(0);
  w.u32(262144);
  w.u32(o.linkType);
  for (const f of frames) {
    const sec = f.ts / 1_000_000_000n;
    const ns = f.ts % 1_000_000_000n;
    w.u32(Number(sec));
    w.u32(Number(o.nano ? ns : ns / 1000n));
    w.u32(f.data.length);
    w.u32(f.origLen ?? f.data.length);
    w.bytes(f.data);
  }
  return w.done();
}

export interface NgInterface {
  linkType: number;
  name: string;
  /** if_tsresol byte; omitted = default µs. */
  tsresol?: number;
}

export function writePcapng(ifaces: NgInterface[], frames: Frame[], little: boolean): Uint8Array {
  const w = new Out(little);
  const block = (type: number, body: () => void): void => {
    const start = w.len;
    w.u32(type);
    w.u32(0);
    body();
    w.pad4();
    const len = w.len - start + 4;
    w.u32(len);
    w.setU32(start + 4, len);
  };
  block(0x0a0d0d0a, () => {
    w.u32(0x1a2b3c4d);
    w.u16(1);
    w.u16(0);
    w.u32(0xffffffff);
    w.u32(0xffffffff);
  });
  for (const i of ifaces) {
    block(1, () => {
      w.u16(i.linkType);
      w.u16(0);
      w.u32(0);
      const name = new TextEncoder().encode(i.name);
      w.u16(2);
      w.u16(name.length);
      w.bytes(name);
      w.pad4();
      if (i.tsresol !== undefined) {
        w.u16(9);
        w.u16(1);
        w.u8(i.tsresol);
        w.pad4();
      }
      w.u16(0);
      w.u16(0);
    });
  }
  for (const f of frames) {
    const res = ifaces[f.iface].tsresol ?? 6;
    const ticks = res === 9 ? f.ts : f.ts / 10n ** BigInt(9 - res);
    block(6, () => {
      w.u32(f.iface);
      w.u32(Number(ticks >> 32n));
      w.u32(Number(ticks & 0xffffffffn));
      w.u32(f.data.length);
      w.u32(f.origLen ?? f.data.length);
      w.bytes(f.data);
    });
  }
  return w.done();
}

/** The IP datagram of an Ethernet frame (no VLAN in kernel-ref captures). */
export const ipOf = (eth: Uint8Array): Uint8Array => eth.subarray(14);

export function sll(eth: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + eth.length - 14);
  out.set([0, 0, 0, 1, 0, 6], 0);
  out.set(eth.subarray(6, 12), 6);
  out[14] = eth[12];
  out[15] = eth[13];
  out.set(ipOf(eth), 16);
  return out;
}

export function sll2(eth: Uint8Array): Uint8Array {
  const out = new Uint8Array(20 + eth.length - 14);
  out[0] = eth[12];
  out[1] = eth[13];
  out[8] = 0;
  out[9] = 1; // ARPHRD_ETHER
  out[10] = 0;
  out[11] = 6;
  out.set(eth.subarray(6, 12), 12);
  out.set(ipOf(eth), 20);
  return out;
}

/** IPv4 10.0.K.H → 2001:db8:K::H; the TCP segment is kept as it is (checksums are not verified for IPv6). */
export function toIpv6(eth: Uint8Array): Uint8Array {
  const ip = ipOf(eth);
  const ihl = (ip[0] & 15) * 4;
  const total = (ip[2] << 8) | ip[3];
  const captured = ip.subarray(ihl, Math.min(ip.length, total));
  const segLen = total - ihl;
  const out = new Uint8Array(40 + captured.length);
  out[0] = 0x60;
  out[4] = segLen >> 8;
  out[5] = segLen & 255;
  out[6] = 6;
  out[7] = ip[8];
  const addr = (from: number, to: number): void => {
    out.set([0x20, 0x01, 0x0d, 0xb8, 0, ip[from + 2]], to);
    out[to + 15] = ip[from + 3];
  };
  addr(12, 8);
  addr(16, 24);
  out.set(captured, 40);
  return out;
}
