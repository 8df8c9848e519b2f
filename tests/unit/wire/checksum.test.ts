import { describe, expect, it } from 'vitest';
import {
  addUint32,
  addWord,
  checksumAdjust,
  finishChecksum,
  ipv4HeaderChecksum,
  onesSum,
  tcpChecksumIpv4,
} from '../../../src/core/wire/checksum';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));

describe('Internet checksum (RFC 1071)', () => {
  it('sums the RFC 1071 §3 example bytes to ddf2 and complements it', () => {
    const b = hex('00 01 f2 03 f4 f5 f6 f7');
    expect(onesSum(b, 0, b.length)).toBe(0xddf2);
    expect(finishChecksum(onesSum(b, 0, b.length))).toBe(0x220d);
  });

  it('pads an odd trailing byte with zero', () => {
    const b = hex('12 34 56');
    expect(onesSum(b, 0, 3)).toBe(0x1234 + 0x5600);
  });

  it('folds the end-around carry', () => {
    const b = hex('ff ff ff ff 00 02');
    // 0xffff + 0xffff + 2 = 0x20000 → 0x0002
    expect(onesSum(b, 0, b.length)).toBe(0x0002);
  });

  it('gives the same sum in even-length pieces as in one pass', () => {
    const b = new Uint8Array(1001);
    for (let i = 0; i < b.length; i++) b[i] = (i * 131 + 7) & 255;
    const whole = onesSum(b, 0, b.length);
    let acc = 0;
    acc = onesSum(b, 0, 100, acc);
    acc = onesSum(b, 100, 500, acc);
    acc = onesSum(b, 600, 401, acc);
    expect(acc).toBe(whole);
  });

  it('adds 16- and 32-bit words like the bytes they stand for', () => {
    const b = hex('c0 a8 00 01 00 06');
    expect(addWord(addUint32(0, 0xc0a80001), 6)).toBe(onesSum(b, 0, b.length));
  });

  it('updates a checksum after a word changes as a full recomputation would (RFC 1624 eqn. 3)', () => {
    const b = new Uint8Array(40);
    for (let i = 0; i < b.length; i++) b[i] = (i * 37 + 11) & 255;
    const before = finishChecksum(onesSum(b, 0, b.length));
    const oldWord = (b[10] << 8) | b[11];
    const newWord = 0xbeef;
    b[10] = 0xbe;
    b[11] = 0xef;
    expect(checksumAdjust(before, oldWord, newWord)).toBe(finishChecksum(onesSum(b, 0, b.length)));
  });

  it('computes the IPv4 header checksum of a well-known header (b861)', () => {
    const h = hex('4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7');
    expect(ipv4HeaderChecksum(h, 0, 20)).toBe(0xb861);
    // the stored checksum field is ignored
    h[10] = 0x12;
    h[11] = 0x34;
    expect(ipv4HeaderChecksum(h, 0, 20)).toBe(0xb861);
  });

  it('computes the TCP checksum with the IPv4 pseudo-header (RFC 9293 §3.1) of a real Linux SYN', () => {
    // 10.0.1.1:37268 → 10.0.1.2:5201 SYN from a Linux 6.18 capture (kernel-ref); checksum 0x5879.
    const seg = hex('9194 1451 42aa5757 00000000 a002 faf0 0000 0000 020405b4 04020 80a 6c613248 00000000 0103030a');
    expect(tcpChecksumIpv4(0x0a000101, 0x0a000102, seg, 0, seg.length)).toBe(0x5879);
  });
});
