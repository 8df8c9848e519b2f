/** Packets shared by the wire tests: the segments of a Linux-like connection, built field by field. */
import { ACK, blankPacket, FIN, ipv4ToInt, PSH, RST, SYN, type Packet } from '../../../src/core/net/packet';

export const CLIENT = ipv4ToInt('10.0.1.1');
export const SERVER = ipv4ToInt('10.0.1.2');

export function pkt(fields: Partial<Packet>): Packet {
  return { ...blankPacket(), src: CLIENT, dst: SERVER, sport: 37268, dport: 5201, ...fields };
}

/** One of each kind of segment a TCP connection sends, named for the test output. */
export function sampleSegments(): [string, Packet][] {
  return [
    ['SYN', pkt({ id: 1, ipId: 0xd52a, seq: 0x42aa5757, flags: SYN, win: 64240, mss: 1460, sackOk: true, hasTs: true, tsVal: 1818309192, tsEcr: 0, wscale: 10 })],
    ['SYN without timestamps', pkt({ id: 2, seq: 7, flags: SYN, win: 64240, mss: 1460, sackOk: true, wscale: 7 })],
    ['SYN/ACK', pkt({ id: 3, src: SERVER, dst: CLIENT, sport: 5201, dport: 37268, seq: 0xc76997ee, ack: 0x42aa5758, flags: SYN | ACK, win: 65160, mss: 1460, sackOk: true, hasTs: true, tsVal: 3521254968, tsEcr: 1818309192, wscale: 10 })],
    ['data with TS', pkt({ id: 4, ipId: 0xd52c, seq: 0x42aa5758, ack: 0xc76997ef, flags: ACK | PSH, win: 63, hasTs: true, tsVal: 1818309233, tsEcr: 3521254968, payloadLen: 1448, stream: 0, streamPos: 0 })],
    ['ACK with 1 SACK block', pkt({ id: 5, src: SERVER, dst: CLIENT, sport: 5201, dport: 37268, seq: 1, ack: 1449, flags: ACK, win: 67, hasTs: true, tsVal: 5, tsEcr: 6, sack: [2897, 4345] })],
    ['ACK with 2 SACK blocks', pkt({ id: 6, src: SERVER, dst: CLIENT, sport: 5201, dport: 37268, seq: 1, ack: 1449, flags: ACK, win: 67, hasTs: true, tsVal: 5, tsEcr: 6, sack: [5793, 7241, 2897, 4345] })],
    ['ACK with 3 SACK blocks', pkt({ id: 7, src: SERVER, dst: CLIENT, sport: 5201, dport: 37268, seq: 1, ack: 1449, flags: ACK, win: 67, hasTs: true, tsVal: 5, tsEcr: 6, sack: [0xfffffff0, 0x10, 5793, 7241, 2897, 4345] })],
    ['ACK with 4 SACK blocks, no TS', pkt({ id: 8, src: SERVER, dst: CLIENT, sport: 5201, dport: 37268, seq: 1, ack: 1449, flags: ACK, win: 67, sack: [9, 10, 7, 8, 5, 6, 3, 4] })],
    ['FIN', pkt({ id: 9, seq: 1000, ack: 2000, flags: FIN | ACK, win: 500, hasTs: true, tsVal: 0xffffffff, tsEcr: 0x80000000 })],
    ['RST', pkt({ id: 10, seq: 1000, ack: 0, flags: RST, win: 0, ttl: 255, ipId: 0xffff })],
    ['odd-length payload', pkt({ id: 11, seq: 5, ack: 6, flags: ACK | PSH, win: 1, payloadLen: 3, stream: 1, streamPos: 123456789 })],
  ];
}

/** The fields parsing gives back for `p` (bytes carry no packet id and no stream). */
export function asParsed(p: Packet): Packet {
  return { ...p, id: 0, stream: -1, streamPos: 0 };
}

export const seedOf = (stream: number): number => 0x5eed0000 + stream;
