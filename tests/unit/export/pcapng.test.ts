import { describe, expect, it } from 'vitest';
import { ACK, ipv4ToInt } from '../../../src/core/net/packet';
import { capturesToPcapng, captureInterfaceName, PcapngWriter } from '../../../src/core/export/pcapng';
import type { CaptureRecord } from '../../../src/core/sim/trace';
import { emitEthernet, frameLength, parseIpv4Tcp } from '../../../src/core/wire/ipv4-tcp';
import { pkt, seedOf } from '../wire/packets';
import { readBlocks, readOptions } from './pcapng-reader';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('PcapngWriter', () => {
  it('writes a little-endian section header with version 1.0, unknown section length and the application name', () => {
    const [shb] = readBlocks(new PcapngWriter().toBytes());
    expect(shb.type).toBe(0x0a0d0d0a);
    expect(shb.body.getUint32(8, true)).toBe(0x1a2b3c4d);
    expect([shb.body.getUint16(12, true), shb.body.getUint16(14, true)]).toEqual([1, 0]);
    expect(shb.body.getBigInt64(16, true)).toBe(-1n);
    expect(text(readOptions(shb, 24).get(4)![0])).toBe('mptcp-playground');
  });

  it('describes each interface with its name, Ethernet link type and nanosecond resolution', () => {
    const w = new PcapngWriter();
    expect(w.addInterface('srv-p1')).toBe(0);
    expect(w.addInterface('cli-p12')).toBe(1);
    const idbs = readBlocks(w.toBytes()).filter((b) => b.type === 1);
    expect(idbs).toHaveLength(2);
    for (const [i, name] of ['srv-p1', 'cli-p12'].entries()) {
      expect(idbs[i].body.getUint16(8, true)).toBe(1);
      const o = readOptions(idbs[i], 16);
      expect(text(o.get(2)![0])).toBe(name);
      expect([...o.get(9)![0]]).toEqual([9]);
    }
  });

  it('stores each frame in an enhanced packet block with a 64-bit nanosecond timestamp and 4-byte padding', () => {
    const w = new PcapngWriter();
    w.addInterface('a');
    w.addInterface('b');
    const frame = Uint8Array.from({ length: 61 }, (_, i) => i + 1);
    const big = 1_795_537_414_142_384_751n; // a real epoch in ns, beyond 2^53
    w.addPacket(1, big, frame, { origLen: 100, direction: 'inbound' });
    w.addPacket(0, 2 ** 32 + 5, frame.subarray(0, 4), { direction: 'outbound' });
    w.addPacket(0, 7, frame.subarray(0, 0));
    const epbs = readBlocks(w.toBytes()).filter((b) => b.type === 6);
    expect(epbs).toHaveLength(3);
    const ts = (b: (typeof epbs)[0]) => (BigInt(b.body.getUint32(12, true)) << 32n) | BigInt(b.body.getUint32(16, true));
    expect(epbs[0].body.getUint32(8, true)).toBe(1);
    expect(ts(epbs[0])).toBe(big);
    expect([epbs[0].body.getUint32(20, true), epbs[0].body.getUint32(24, true)]).toEqual([61, 100]);
    expect([...epbs[0].bytes.subarray(28, 28 + 61)]).toEqual([...frame]);
    expect([...epbs[0].bytes.subarray(28 + 61, 28 + 64)]).toEqual([0, 0, 0]);
    expect([...readOptions(epbs[0], 28 + 64).get(2)![0]]).toEqual([1, 0, 0, 0]);
    expect(ts(epbs[1])).toBe(2n ** 32n + 5n);
    expect([...readOptions(epbs[1], 28 + 4).get(2)![0]]).toEqual([2, 0, 0, 0]);
    expect(ts(epbs[2])).toBe(7n);
    expect(epbs[2].body.byteLength).toBe(32);
  });

  it('rejects packets on unknown interfaces and impossible timestamps or lengths', () => {
    const w = new PcapngWriter();
    expect(() => w.addPacket(0, 0, new Uint8Array(1))).toThrow(RangeError);
    w.addInterface('x');
    expect(() => w.addPacket(0, -1, new Uint8Array(1))).toThrow(RangeError);
    expect(() => w.addPacket(0, 1.5, new Uint8Array(1))).toThrow(RangeError);
    expect(() => w.addPacket(0, -1n, new Uint8Array(1))).toThrow(RangeError);
    expect(() => w.addPacket(0, 1, new Uint8Array(4), { origLen: 3 })).toThrow(RangeError);
  });
});

describe('capturesToPcapng', () => {
  const c = ipv4ToInt('10.0.1.1');
  const s = ipv4ToInt('10.0.1.2');
  const c2 = ipv4ToInt('10.0.2.1');
  const s2 = ipv4ToInt('10.0.2.2');
  const data = pkt({ src: c, dst: s, seq: 1, ack: 1, flags: ACK, win: 10, payloadLen: 1000, stream: 3, streamPos: 77 });
  const caps: CaptureRecord[] = [
    { t: 20_700_000, pkt: data, path: 1, side: 'server', dir: 'c2s' },
    { t: 20_800_000, pkt: pkt({ src: s, dst: c, sport: 5201, dport: 37268, flags: ACK, ack: 1001, win: 5 }), path: 1, side: 'server', dir: 's2c' },
    { t: 30_000_000, pkt: pkt({ src: c2, dst: s2, flags: ACK }), path: 2, side: 'client', dir: 'c2s' },
    { t: 31_000_000, pkt: pkt({ src: c2, dst: s2, flags: ACK }), path: 2, side: 'server', dir: 'c2s' },
  ];

  it('names one interface per (side, path), server interfaces first', () => {
    const idbs = readBlocks(capturesToPcapng(caps, seedOf)).filter((b) => b.type === 1);
    expect(idbs.map((b) => text(readOptions(b, 16).get(2)![0]))).toEqual(['srv-p1', 'srv-p2', 'cli-p2']);
    expect(captureInterfaceName('client', 3)).toBe('cli-p3');
  });

  it('writes each capture as its Ethernet frame on its interface, with t0 added and the direction seen by that side', () => {
    const t0 = 1_795_537_414_000_000_000n;
    const epbs = readBlocks(capturesToPcapng(caps, seedOf, t0)).filter((b) => b.type === 6);
    expect(epbs.map((b) => b.body.getUint32(8, true))).toEqual([0, 0, 2, 1]);
    const ts = (b: (typeof epbs)[0]) => (BigInt(b.body.getUint32(12, true)) << 32n) | BigInt(b.body.getUint32(16, true));
    expect(epbs.map(ts)).toEqual(caps.map((r) => t0 + BigInt(r.t)));
    expect(epbs.map((b) => readOptions(b, 28 + Math.ceil(b.body.getUint32(20, true) / 4) * 4).get(2)![0][0])).toEqual([1, 2, 2, 1]);
    const len = epbs[0].body.getUint32(20, true);
    expect(len).toBe(frameLength(data));
    expect([...epbs[0].bytes.subarray(28, 28 + len)]).toEqual([...emitEthernet(data, seedOf)]);
  });

  it('cuts frames to the snaplen and keeps their original length', () => {
    const bytes = capturesToPcapng(caps, seedOf, 0, { snaplen: 128 });
    const blocks = readBlocks(bytes);
    expect(blocks.filter((b) => b.type === 1).map((b) => b.body.getUint32(12, true))).toEqual([128, 128, 128]);
    const first = blocks.find((b) => b.type === 6)!;
    expect([first.body.getUint32(20, true), first.body.getUint32(24, true)]).toEqual([128, frameLength(data)]);
    const parsed = parseIpv4Tcp(first.bytes.slice(28, 28 + 128), 1);
    expect(parsed.ok && parsed.value.truncated && parsed.value.packet.payloadLen).toBe(1000);
  });

  it('writes only the header blocks for no captures', () => {
    expect(readBlocks(capturesToPcapng([], seedOf)).map((b) => b.type)).toEqual([0x0a0d0d0a]);
  });
});
