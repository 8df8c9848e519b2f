import { describe, expect, it } from 'vitest';
import { ACK, blankPacket, SYN } from '../../../src/core/net/packet';
import { fillStream } from '../../../src/core/net/payload';
import { emitEthernet, emitIpv4Tcp, frameLength, packetLength, parseIpv4Tcp } from '../../../src/core/wire/ipv4-tcp';
import { LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW } from '../../../src/core/wire/link';
import { asParsed, CLIENT, pkt, sampleSegments, seedOf, SERVER } from './packets';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** RFC 1071 written out independently of src/core/wire/checksum.ts. */
function referenceChecksum(words: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < words.length; i += 2) s += words[i] * 256 + (i + 1 < words.length ? words[i + 1] : 0);
  while (s > 0xffff) s = (s % 65536) + Math.floor(s / 65536);
  return 0xffff - s;
}
function referenceIpChecksum(ip: Uint8Array): number {
  const h = ip.slice(0, (ip[0] & 15) * 4);
  h[10] = h[11] = 0;
  return referenceChecksum(h);
}
function referenceTcpChecksum(ip: Uint8Array): number {
  const ihl = (ip[0] & 15) * 4;
  const total = ip[2] * 256 + ip[3];
  const seg = ip.slice(ihl, total);
  seg[16] = seg[17] = 0;
  const pseudo = new Uint8Array([...ip.slice(12, 20), 0, 6, seg.length >> 8, seg.length & 255]);
  return referenceChecksum(new Uint8Array([...pseudo, ...seg]));
}
const field16 = (b: Uint8Array, at: number): number => b[at] * 256 + b[at + 1];

/*
 * The first three packets of a Linux 6.18 connection captured by kernel-ref's dumpcap on srv-p1
 * (tcp_10m_20ms_1mb), from the IPv4 header on. The capture holds 0x1631 in the TCP checksum field
 * (a veth offloads the checksum: that is the pseudo-header partial sum); the values below are the
 * finished checksums, which the test recomputes independently.
 *   1  10.0.1.1.37268 > 10.0.1.2.5201: S 0x42aa5757 win 64240 <mss 1460,sackOK,TS val 1818309192 ecr 0,nop,wscale 10>
 *   2  10.0.1.2.5201 > 10.0.1.1.37268: S. 0xc76997ee ack 0x42aa5758 win 65160 <mss 1460,sackOK,TS val 3521254968 ecr 1818309192,nop,wscale 10>
 *   3  10.0.1.1.37268 > 10.0.1.2.5201: . ack 0xc76997ef win 63 <nop,nop,TS val 1818309232 ecr 3521254968>
 */
const LINUX_SYN = '4500003cd52a400040064f8f0a0001010a000102 919414514 2aa575700000000a002faf058790000020405b40402080a6c6132480000000001030 30a';
const LINUX_SYNACK = '4500003c00004000400624ba0a0001020a000101 14519194c76997ee42aa5758a012fe880d5d0000020405b40402080ad1e216386c61324801030 30a';
const LINUX_ACK = '45000034d52b400040064f960a0001010a000102 9194145142aa5758c76997ef8010003f3a4e00000101080a6c613270d1e21638';

describe('IPv4/TCP bytes of real Linux packets', () => {
  const syn = pkt({ ipId: 0xd52a, seq: 0x42aa5757, flags: SYN, win: 64240, mss: 1460, sackOk: true, hasTs: true, tsVal: 1818309192, tsEcr: 0, wscale: 10 });
  const synAck = pkt({ src: SERVER, dst: CLIENT, sport: 5201, dport: 37268, ipId: 0, seq: 0xc76997ee, ack: 0x42aa5758, flags: SYN | ACK, win: 65160, mss: 1460, sackOk: true, hasTs: true, tsVal: 3521254968, tsEcr: 1818309192, wscale: 10 });
  const ack = pkt({ ipId: 0xd52b, seq: 0x42aa5758, ack: 0xc76997ef, flags: ACK, win: 63, hasTs: true, tsVal: 1818309232, tsEcr: 3521254968 });

  for (const [name, p, bytes] of [['SYN', syn, LINUX_SYN], ['SYN/ACK', synAck, LINUX_SYNACK], ['third ACK', ack, LINUX_ACK]] as const) {
    it(`emits the ${name} byte for byte, with checksums that an independent computation confirms`, () => {
      const want = hex(bytes);
      expect(field16(want, 10)).toBe(referenceIpChecksum(want));
      expect(field16(want, 20 + 16)).toBe(referenceTcpChecksum(want));
      const got = emitIpv4Tcp(p, seedOf);
      expect(toHex(got)).toBe(toHex(want));
      expect(packetLength(p)).toBe(want.length);
    });

    it(`parses the ${name} into its fields with checksums ok`, () => {
      const r = parseIpv4Tcp(hex(bytes), LINKTYPE_RAW);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.packet).toEqual(asParsed(p));
        expect(r.value.checksumOk).toBe(true);
        expect(r.value.payload.length).toBe(0);
      }
    });
  }

  it('emits the brief example SYN <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7> with correct checksums', () => {
    const p = pkt({ ipId: 1, seq: 1000, flags: SYN, win: 64240, mss: 1460, sackOk: true, hasTs: true, tsVal: 1, tsEcr: 0, wscale: 7 });
    const b = emitIpv4Tcp(p, seedOf);
    expect(toHex(b.subarray(20 + 20))).toBe('020405b40402080a000000010000000001030307');
    expect(field16(b, 10)).toBe(referenceIpChecksum(b));
    expect(field16(b, 36)).toBe(referenceTcpChecksum(b));
    expect(b[6]).toBe(0x40); // DF
    expect(b[9]).toBe(6);
  });
});

describe('emit → parse round trips', () => {
  for (const [name, p] of sampleSegments()) {
    it(`gives back the ${name} and its payload bytes`, () => {
      const frame = emitEthernet(p, seedOf);
      expect(frame.length).toBe(frameLength(p));
      const r = parseIpv4Tcp(frame, LINKTYPE_ETHERNET);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.packet).toEqual(asParsed(p));
      expect(r.value.checksumOk).toBe(true);
      expect(r.value.truncated).toBe(false);
      const want = new Uint8Array(p.payloadLen);
      if (p.payloadLen > 0) fillStream(seedOf(p.stream), p.streamPos, want, 0, p.payloadLen);
      expect(toHex(r.value.payload)).toBe(toHex(want));
      const ip = frame.subarray(14);
      expect(field16(ip, 10)).toBe(referenceIpChecksum(ip));
      expect(field16(ip, 36)).toBe(referenceTcpChecksum(ip));
    });
  }

  it('writes into a caller buffer at an offset and returns a view of the bytes', () => {
    const p = sampleSegments()[3][1];
    const out = new Uint8Array(3000);
    const v = emitIpv4Tcp(p, seedOf, out, 100);
    expect(v.buffer).toBe(out.buffer);
    expect(v.byteOffset).toBe(100);
    expect(toHex(v)).toBe(toHex(emitIpv4Tcp(p, seedOf)));
    expect(() => emitIpv4Tcp(p, seedOf, new Uint8Array(100))).toThrow(RangeError);
  });

  it('fills the payload of a packet that names no stream with zeros', () => {
    const p = pkt({ flags: ACK, payloadLen: 5, stream: -1 });
    const b = emitIpv4Tcp(p, () => { throw new Error('no stream to seed'); }, new Uint8Array(60).fill(9));
    expect(toHex(b.subarray(40))).toBe('0000000000');
  });

  it('frames with MACs from the IPv4 addresses (locally administered, unicast) and ethertype IPv4', () => {
    const f = emitEthernet(pkt({ flags: ACK }), seedOf);
    expect(toHex(f.subarray(0, 14))).toBe('02000a000102' + '02000a000101' + '0800');
    expect(f[0] & 0x02).toBe(2);
    expect(f[0] & 0x01).toBe(0);
  });
});

describe('link types', () => {
  const p = sampleSegments()[4][1];
  const ip = emitIpv4Tcp(p, seedOf);
  const cases: [string, number, Uint8Array][] = [
    ['raw IPv4 (228)', LINKTYPE_IPV4, ip],
    ['raw IP (101)', LINKTYPE_RAW, ip],
    ['Linux SLL (113)', LINKTYPE_LINUX_SLL, new Uint8Array([0, 4, 0, 1, 0, 6, 2, 0, 10, 0, 1, 2, 0, 0, 8, 0, ...ip])],
    ['Linux SLL2 (276)', LINKTYPE_LINUX_SLL2, new Uint8Array([8, 0, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 2, 0, 10, 0, 1, 2, 0, 0, ...ip])],
    ['Ethernet with an 802.1Q tag', LINKTYPE_ETHERNET, new Uint8Array([...emitEthernet(p, seedOf).subarray(0, 12), 0x81, 0, 0, 5, 8, 0, ...ip])],
    ['Ethernet padded to 60 bytes', LINKTYPE_ETHERNET, new Uint8Array([...emitEthernet(p, seedOf), ...new Uint8Array(60)]).slice(0, Math.max(60, 14 + ip.length))],
  ];
  for (const [name, lt, bytes] of cases) {
    it(`parses ${name}`, () => {
      const r = parseIpv4Tcp(bytes, lt);
      expect(r.ok && r.value.checksumOk).toBe(true);
      if (r.ok) expect(r.value.packet).toEqual(asParsed(p));
    });
  }

  it('parses the headers of a frame cut short by a snaplen and marks it truncated', () => {
    const d = sampleSegments()[3][1];
    const full = emitEthernet(d, seedOf);
    const r = parseIpv4Tcp(full.subarray(0, 128), LINKTYPE_ETHERNET);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.truncated).toBe(true);
    expect(r.value.packet).toEqual(asParsed(d));
    expect(r.value.payload.length).toBe(128 - 14 - 32 - 20);
    expect(r.value.ipChecksumOk).toBe(true);
    expect(r.value.tcpChecksumOk).toBe(false);
  });
});

describe('bad input gives typed errors', () => {
  const good = emitEthernet(sampleSegments()[0][1], seedOf);
  const mutate = (f: (b: Uint8Array) => void, from: Uint8Array = good): Uint8Array => {
    const b = from.slice();
    f(b);
    return b;
  };
  const cases: [string, Uint8Array, number, string][] = [
    ['an empty frame', new Uint8Array(0), LINKTYPE_ETHERNET, 'link-truncated'],
    ['an unknown link type', good, 147, 'link-unsupported'],
    ['an IPv6 ethertype', mutate((b) => b.set([0x86, 0xdd], 12)), LINKTYPE_ETHERNET, 'link-not-ipv4'],
    ['a cut 802.1Q tag', new Uint8Array([...good.subarray(0, 12), 0x81, 0, 0, 5]), LINKTYPE_ETHERNET, 'link-truncated'],
    ['a short SLL header', new Uint8Array(10), LINKTYPE_LINUX_SLL, 'link-truncated'],
    ['an SLL frame of another protocol', new Uint8Array(16), LINKTYPE_LINUX_SLL, 'link-not-ipv4'],
    ['a short SLL2 header', new Uint8Array(19), LINKTYPE_LINUX_SLL2, 'link-truncated'],
    ['an SLL2 frame of another protocol', new Uint8Array(20), LINKTYPE_LINUX_SLL2, 'link-not-ipv4'],
    ['a frame cut inside the IPv4 header', good.subarray(0, 30), LINKTYPE_ETHERNET, 'ipv4-truncated'],
    ['IP version 6 in an IPv4 frame', mutate((b) => (b[14] = 0x65)), LINKTYPE_ETHERNET, 'ipv4-bad-version'],
    ['IHL 4', mutate((b) => (b[14] = 0x44)), LINKTYPE_ETHERNET, 'ipv4-bad-ihl'],
    ['IHL 15 beyond the frame', mutate((b) => (b[14] = 0x4f), emitEthernet(sampleSegments()[9][1], seedOf)), LINKTYPE_ETHERNET, 'ipv4-truncated'],
    ['a total length below the header', mutate((b) => b.set([0, 12], 16)), LINKTYPE_ETHERNET, 'ipv4-bad-total-length'],
    ['a fragment (MF)', mutate((b) => (b[20] = 0x20)), LINKTYPE_ETHERNET, 'ipv4-fragment'],
    ['a fragment (offset)', mutate((b) => (b[21] = 1)), LINKTYPE_ETHERNET, 'ipv4-fragment'],
    ['UDP', mutate((b) => (b[23] = 17)), LINKTYPE_ETHERNET, 'ipv4-not-tcp'],
    ['a frame cut inside the TCP header', good.subarray(0, 14 + 20 + 10), LINKTYPE_ETHERNET, 'tcp-truncated'],
    ['a frame cut inside the TCP options', good.subarray(0, 14 + 20 + 30), LINKTYPE_ETHERNET, 'tcp-truncated'],
    ['a total length cutting the TCP header', mutate((b) => b.set([0, 30], 16)), LINKTYPE_ETHERNET, 'tcp-truncated'],
    ['a data offset below 5', mutate((b) => (b[14 + 20 + 12] = 0x40)), LINKTYPE_ETHERNET, 'tcp-bad-data-offset'],
    ['a data offset beyond the segment', mutate((b) => (b[14 + 20 + 12] = 0xf0)), LINKTYPE_ETHERNET, 'tcp-truncated'],
    ['a zero option length', mutate((b) => (b[14 + 40 + 1] = 0)), LINKTYPE_ETHERNET, 'tcp-option-length-too-short'],
  ];
  for (const [name, bytes, lt, code] of cases) {
    it(`returns ${code} for ${name}`, () => {
      const r = parseIpv4Tcp(bytes, lt);
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
      if (!r.ok) {
        expect(r.error.offset).toBeGreaterThanOrEqual(0);
        expect(r.error.offset).toBeLessThanOrEqual(Math.max(bytes.length, 1));
      }
    });
  }

  it('flags a corrupted payload byte as a bad TCP checksum and a corrupted header byte as a bad IP checksum', () => {
    const d = emitEthernet(sampleSegments()[3][1], seedOf);
    const r1 = parseIpv4Tcp(mutate((b) => (b[b.length - 1] ^= 1), d), LINKTYPE_ETHERNET);
    expect(r1.ok && [r1.value.ipChecksumOk, r1.value.tcpChecksumOk, r1.value.checksumOk]).toEqual([true, false, false]);
    const r2 = parseIpv4Tcp(mutate((b) => (b[22] ^= 1), d), LINKTYPE_ETHERNET);
    expect(r2.ok && [r2.value.ipChecksumOk, r2.value.tcpChecksumOk]).toEqual([false, true]);
  });

  it('accepts IPv4 options and skips them', () => {
    const p = sampleSegments()[8][1];
    const ip = emitIpv4Tcp(p, seedOf);
    // insert 4 bytes of IP options (NOP NOP NOP EOL), fix IHL, total length and header checksum
    const b = new Uint8Array([...ip.subarray(0, 20), 1, 1, 1, 0, ...ip.subarray(20)]);
    b[0] = 0x46;
    b[3] += 4;
    b[10] = b[11] = 0;
    const c = referenceIpChecksum(b);
    b[10] = c >> 8;
    b[11] = c & 255;
    const r = parseIpv4Tcp(b, LINKTYPE_IPV4);
    expect(r.ok && r.value.checksumOk).toBe(true);
    if (r.ok) expect(r.value.packet).toEqual(asParsed(p));
  });

  it('parses into a fresh packet each time', () => {
    const a = parseIpv4Tcp(good, LINKTYPE_ETHERNET);
    const b = parseIpv4Tcp(good, LINKTYPE_ETHERNET);
    expect(a.ok && b.ok && a.value.packet !== b.value.packet).toBe(true);
    expect(blankPacket().mss).toBe(0);
  });
});
