/**
 * Hand-built captures of every supported container and link type carry the same packets as the
 * kernel-ref capture they were made from: classic pcap in both byte orders with µs and ns
 * timestamps, pcapng in both byte orders with two interfaces (Linux SLL and SLL2) and if_tsresol,
 * raw IPv4 and raw IPv6; and broken files give located errors, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { importCapture, type CaptureImport } from '../../../src/core/capture/capture-trace';
import { readCapture } from '../../../src/core/capture/pcap-reader';
import { ipv6Text } from '../../../src/core/capture/frame-decode';
import { ipOf, sll, sll2, sourceFrames, toIpv6, writePcap, writePcapng, type Frame } from './builders';

const SRC = sourceFrames('d_signal', 'merged-server.pcapng', 400);

function imp(bytes: Uint8Array, name = 'x.pcap'): CaptureImport {
  const r = importCapture(bytes, { fileName: name });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** What must not change with the container: subflows, their bytes, tokens and signals (times: sameTimes). */
function shape(c: CaptureImport): unknown {
  const s = c.summary;
  return {
    subflows: s.subflows.map((f) => [f.kind, f.client, f.server, f.payload_bytes, f.connection]),
    connections: s.connections.map((x) => [x.client_token, x.server_token]),
    signals: s.mptcp_signals.map((g) => ({ ...g, t: undefined })),
    packets: s.packets_analysed,
  };
}

/** Signal times agree to 1 µs (a µs file truncates the first packet's time, hence t = 0). */
function sameTimes(a: CaptureImport, b: CaptureImport): void {
  const tb = b.summary.mptcp_signals.map((g) => g.t);
  expect(a.summary.mptcp_signals).toHaveLength(tb.length);
  a.summary.mptcp_signals.forEach((g, i) => expect(Math.abs(g.t - tb[i])).toBeLessThanOrEqual(1.0001e-6));
}

const reference = imp(writePcapng([{ linkType: 1, name: 'srv-p1', tsresol: 9 }, { linkType: 1, name: 'srv-p2', tsresol: 9 }], SRC, true), 'ref.pcapng');

describe('containers', () => {
  it('the reference slice holds both subflows and the ADD_ADDR signals', () => {
    const s = reference.summary;
    expect(s.subflows.map((f) => f.kind)).toEqual(['MP_CAPABLE', 'MP_JOIN']);
    expect(s.mptcp_signals.map((g) => g.subtypes)).toEqual([['ADD_ADDR'], ['ADD_ADDR']]);
    expect(s.subflows.map((f) => f.path)).toEqual([1, 2]);
  });

  for (const little of [true, false]) {
    for (const nano of [true, false]) {
      it(`classic pcap, ${little ? 'little' : 'big'}-endian, ${nano ? 'ns' : 'µs'} timestamps`, () => {
        const bytes = writePcap(SRC, { little, nano, linkType: 1 });
        const frames: bigint[] = [];
        const r = readCapture(bytes, (f) => frames.push(f.tsNs));
        expect(r.format).toBe('pcap');
        expect(r.errors).toEqual([]);
        // µs files lose the sub-µs digits, nothing else.
        expect(frames).toEqual(SRC.map((f) => (nano ? f.ts : (f.ts / 1000n) * 1000n)));
        const c = imp(bytes);
        // One interface: paths by client address (10.0.1.1, 10.0.2.1) give the same two paths.
        expect(shape(c)).toEqual(shape(reference));
        sameTimes(c, reference);
        expect(c.summary.subflows.map((f) => f.path)).toEqual([1, 2]);
      });
    }
  }

  it('pcapng, big-endian, two interfaces: Linux SLL (µs) and SLL2 (ns)', () => {
    const frames: Frame[] = SRC.map((f) => ({ ...f, data: f.iface === 0 ? sll(f.data) : sll2(f.data), origLen: (f.origLen ?? f.data.length) + (f.iface === 0 ? 2 : 6) }));
    const bytes = writePcapng([{ linkType: 113, name: 'srv-p1' }, { linkType: 276, name: 'srv-p2', tsresol: 9 }], frames, false);
    const seen: number[] = [];
    const r = readCapture(bytes, (f, i) => seen.push(i.linkType));
    expect(r.errors).toEqual([]);
    expect(r.interfaces.map((i) => [i.name, i.linkType])).toEqual([['srv-p1', 113], ['srv-p2', 276]]);
    expect(new Set(seen)).toEqual(new Set([113, 276]));
    const c = imp(bytes, 'sll.pcapng');
    expect(shape(c)).toEqual(shape(reference));
    sameTimes(c, reference);
    expect(c.summary.subflows.map((f) => f.interface)).toEqual(['srv-p1', 'srv-p2']);
  });

  it('raw IPv4 (link types 101 and 228)', () => {
    for (const lt of [101, 228]) {
      const c = imp(writePcap(SRC.map((f) => ({ ...f, data: ipOf(f.data), origLen: (f.origLen ?? 0) - 14 })), { little: true, nano: true, linkType: lt }));
      expect(shape(c)).toEqual(shape(reference));
    }
  });

  it('Ethernet with an 802.1Q tag, and BSD loopback (link type 0)', () => {
    const vlan = SRC.map((f) => {
      const d = new Uint8Array(f.data.length + 4);
      d.set(f.data.subarray(0, 12));
      d.set([0x81, 0x00, 0x00, 0x2a], 12);
      d.set(f.data.subarray(12), 16);
      return { ...f, data: d, origLen: (f.origLen ?? 0) + 4 };
    });
    expect(shape(imp(writePcap(vlan, { little: true, nano: true, linkType: 1 })))).toEqual(shape(reference));
    const loop = SRC.map((f) => {
      const ip = ipOf(f.data);
      const d = new Uint8Array(4 + ip.length);
      d.set([2, 0, 0, 0]);
      d.set(ip, 4);
      return { ...f, data: d, origLen: (f.origLen ?? 0) - 10 };
    });
    expect(shape(imp(writePcap(loop, { little: true, nano: true, linkType: 0 })))).toEqual(shape(reference));
  });

  it('pcapng Simple Packet Blocks (no timestamps) read with their interface', () => {
    const bytes = writePcapng([{ linkType: 1, name: 'eth0' }], [], true);
    const parts: Uint8Array[] = [bytes];
    for (const f of SRC.slice(0, 10)) {
      const len = 16 + ((f.data.length + 3) & ~3);
      const b = new Uint8Array(len);
      const dv = new DataView(b.buffer);
      dv.setUint32(0, 3, true);
      dv.setUint32(4, len, true);
      dv.setUint32(8, f.origLen ?? f.data.length, true);
      b.set(f.data, 12);
      dv.setUint32(len - 4, len, true);
      parts.push(b);
    }
    const all = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    let o = 0;
    for (const x of parts) {
      all.set(x, o);
      o += x.length;
    }
    const c = imp(all, 'spb.pcapng');
    expect(c.info.frames).toBe(10);
    expect(c.info.errors).toEqual([]);
    expect(c.summary.subflows.map((f) => f.kind)).toEqual(['MP_CAPABLE']);
    expect(c.summary.subflows[0].interface).toBe('eth0');
  });

  it('raw IPv6 (link type 229): same subflows, real IPv6 addresses in the summary', () => {
    const frames = SRC.map((f) => ({ ...f, data: toIpv6(f.data), origLen: undefined }));
    const c = imp(writePcap(frames, { little: true, nano: true, linkType: 229 }));
    const s = c.summary;
    expect(s.subflows.map((f) => [f.kind, f.client, f.server])).toEqual([
      ['MP_CAPABLE', `[2001:db8:1::1]:${reference.summary.subflows[0].four_tuple.client_port}`, '[2001:db8:1::2]:5201'],
      ['MP_JOIN', `[2001:db8:2::1]:${reference.summary.subflows[1].four_tuple.client_port}`, '[2001:db8:2::2]:5201'],
    ]);
    expect(s.subflows.map((f) => f.payload_bytes)).toEqual(reference.summary.subflows.map((f) => f.payload_bytes));
    expect(s.connections.map((x) => x.server_token)).toEqual(reference.summary.connections.map((x) => x.server_token));
    expect(c.info.ipv6.map((a) => a.address)).toContain('2001:db8:1::1');
    expect(c.info.truncatedPackets).toBeGreaterThan(0);
  });

  it('RFC 5952 IPv6 text', () => {
    const b = (...w: number[]): Uint8Array => new Uint8Array(w.flatMap((x) => [x >> 8, x & 255]));
    expect(ipv6Text(b(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0)).toBe('2001:db8::1');
    expect(ipv6Text(b(0, 0, 0, 0, 0, 0, 0, 0), 0)).toBe('::');
    expect(ipv6Text(b(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), 0)).toBe('2001:db8:0:1:1:1:1:1');
    expect(ipv6Text(b(0xfe80, 0, 0, 0, 1, 0, 0, 0), 0)).toBe('fe80::1:0:0:0');
  });

  it('lifecycles are reconstructed: both hosts reach established, the connection fully established', () => {
    const ev = reference.trace.events;
    const tcp = ev.filter((e) => e.type === 'tcpState' && e.to === 'established').map((e) => (e.type === 'tcpState' ? `${e.side}/${e.sock}` : ''));
    expect(new Set(tcp)).toEqual(new Set(['client/1', 'server/1', 'client/2', 'server/2']));
    const conn = ev.flatMap((e) => (e.type === 'mptcp' && e.ev.type === 'state' ? [`${e.side}:${e.ev.to}`] : []));
    expect(conn).toContain('client:established.fullyEstablished');
    expect(conn).toContain('server:established.fullyEstablished');
    expect(ev.some((e) => e.type === 'mptcp' && e.ev.type === 'fallback')).toBe(false);
  });
});

describe('broken files', () => {
  const good = writePcapng([{ linkType: 1, name: 'srv-p1', tsresol: 9 }, { linkType: 1, name: 'srv-p2', tsresol: 9 }], SRC, true);

  it('a file cut in the middle: the packets before the cut, and where it was cut', () => {
    const cut = good.subarray(0, Math.floor(good.length * 0.6));
    const r = importCapture(cut, { fileName: 'cut.pcapng' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const fatal = r.value.info.errors.filter((e) => e.fatal);
    expect(fatal).toHaveLength(1);
    expect(fatal[0].message).toMatch(/cut short/);
    expect(fatal[0].offset).toBeGreaterThan(0);
    expect(fatal[0].offset).toBeLessThan(cut.length);
    expect(r.value.info.frames).toBeGreaterThan(10);
    expect(r.value.info.frames).toBeLessThan(SRC.length);
  });

  it('a block with a broken trailing length is skipped, the rest read', () => {
    const bad = good.slice();
    // first EPB: after SHB (28) and two IDBs; find it by scanning blocks
    let off = 0;
    let n = 0;
    const dv = new DataView(bad.buffer);
    while (dv.getUint32(off, true) !== 6) off += dv.getUint32(off + 4, true);
    const len = dv.getUint32(off + 4, true);
    dv.setUint32(off + len - 4, len + 4, true);
    const r = readCapture(bad, () => n++);
    expect(n).toBe(SRC.length - 1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ fatal: false, offset: off + len - 4 });
    expect(r.errors[0].message).toMatch(/trailing length/);
  });

  it('not a capture: a clear error, no exception', () => {
    const r = importCapture(new TextEncoder().encode('{"name": "a scenario, not a capture"}'), { fileName: 'x.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/not a pcap or pcapng capture/);
  });

  it('the size limit gives a clear message before parsing', () => {
    const r = importCapture(good, { fileName: 'big.pcapng', maxBytes: 1000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/big\.pcapng is 0\.\d MB; the limit is 0\.0 MB/);
  });

  it('a pcap record claiming a huge length stops reading there, with its record number', () => {
    const p = writePcap(SRC.slice(0, 5), { little: true, nano: false, linkType: 1 });
    const dv = new DataView(p.buffer);
    let off = 24;
    for (let i = 0; i < 2; i++) off += 16 + dv.getUint32(off + 8, true);
    dv.setUint32(off + 8, 0x7fffffff, true);
    let n = 0;
    const r = readCapture(p, () => n++);
    expect(n).toBe(2);
    expect(r.errors).toEqual([expect.objectContaining({ block: 3, offset: off + 8, fatal: true })]);
  });

  it('a frame whose TCP header is cut short is a located problem; the others import', () => {
    const frames = SRC.map((f, i) => (i === 7 ? { ...f, data: f.data.subarray(0, 40) } : f));
    const r = importCapture(writePcap(frames, { little: true, nano: true, linkType: 1 }), { fileName: 'f.pcap' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.info.errors).toEqual([expect.objectContaining({ block: 8, fatal: false })]);
    expect(r.value.info.errors[0].message).toMatch(/^frame 8: TCP header/);
    expect(r.value.info.tcpPackets).toBe(SRC.length - 1);
  });
});
