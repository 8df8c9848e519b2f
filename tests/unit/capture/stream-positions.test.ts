/**
 * Data-level positions of captured payload (src/core/capture/stream-positions.ts) on hand-built
 * streams: DSN − IDSN − 1 from the mapping that covers a segment (its own or an earlier one), the
 * MP_CAPABLE data's implicit mapping, 32-bit DSNs, a capture without keys, a fallback without DSS,
 * plain TCP with and without its SYN; and the application bytes counted once.
 */
import { describe, expect, it } from 'vitest';
import { ACK, SYN, blankPacket, ipv4ToInt, type MptcpOptionRecord, type Packet } from '../../../src/core/net/packet';
import type { CaptureRecord, Dir } from '../../../src/core/sim/trace';
import type { CaptureConnection, CaptureStream } from '../../../src/core/capture/capture-events';
import { assignStreamPositions, dataLevelBytes } from '../../../src/core/capture/stream-positions';
import { keyToTokenIdsn } from '../../../src/core/export/mptcp-fields';

const KEY_C = 0x1122334455667788n;
const KEY_S = 0x0102030405060708n;
const IDSN_C = keyToTokenIdsn(KEY_C).idsn;
const ISN = 0xfffff000; // wraps within the first few segments

function rec(dir: Dir, seq: number, len: number, flags: number, mptcp: object[] | null = null): CaptureRecord {
  const p: Packet = blankPacket();
  p.src = ipv4ToInt(dir === 'c2s' ? '10.0.1.1' : '10.0.1.2');
  p.dst = ipv4ToInt(dir === 'c2s' ? '10.0.1.2' : '10.0.1.1');
  p.sport = dir === 'c2s' ? 40000 : 5201;
  p.dport = dir === 'c2s' ? 5201 : 40000;
  p.seq = seq >>> 0;
  p.flags = flags;
  p.payloadLen = len;
  p.mptcp = mptcp as MptcpOptionRecord[] | null;
  return { t: 0, pkt: p, path: 1, side: 'server', dir };
}

const dss = (dsn: bigint, ssn: number, len: number, dsn64 = true): object => ({ subtype: 2, kind: 'DSS', dataFin: false, mapping: { dsn, dsn64, subflowSeq: ssn, dataLevelLength: len } });
const mpc = (over: object = {}): object => ({ subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: false, b: false, c: false, h: true }, ...over });

const stream = (recs: CaptureRecord[]): CaptureStream => ({ recs, sock: { client: 1, server: 1 } });
const conn = (subflows: CaptureStream[], keyed = true): CaptureConnection => ({
  token: { client: 'c', server: 's' },
  key: keyed ? { client: KEY_C, server: KEY_S } : {},
  subflows,
});
const placed = (st: CaptureStream): [number, number][] => st.recs.filter((r) => r.pkt.payloadLen > 0).map((r) => [r.pkt.stream, r.pkt.streamPos]);

describe('MPTCP payload: DSN − IDSN − 1', () => {
  it('places segments by the mapping that covers them, the first data by MP_CAPABLE', () => {
    const base = IDSN_C + 1n;
    const st = stream([
      rec('c2s', ISN, 0, SYN, [mpc()]),
      rec('s2c', 7, 0, SYN | ACK, [mpc({ senderKey: KEY_S })]),
      // first data: MP_CAPABLE with its length, mapped implicitly at IDSN + 1, subflow seq 1
      rec('c2s', ISN + 1, 1000, ACK, [mpc({ senderKey: KEY_C, receiverKey: KEY_S, dataLevelLength: 1000 })]),
      // one mapping of 3000 bytes at data position 5000 carried by the first of three segments
      rec('c2s', ISN + 1001, 1000, ACK, [dss(base + 5000n, 1001, 3000)]),
      rec('c2s', ISN + 2001, 1000, ACK),
      rec('c2s', ISN + 3001, 1000, ACK),
      // a retransmission of the middle segment, after the next mapping went out
      rec('c2s', ISN + 4001, 500, ACK, [dss(base + 1000n, 4001, 500)]),
      rec('c2s', ISN + 2001, 1000, ACK),
    ]);
    assignStreamPositions([st], [conn([st])]);
    expect(placed(st)).toEqual([[0, 0], [0, 5000], [0, 6000], [0, 7000], [0, 1000], [0, 6000]]);
  });

  it('uses the join subflow’s own sequence space and 32-bit DSNs modulo 2³²', () => {
    const first = stream([rec('c2s', 100, 0, SYN, [mpc()]), rec('c2s', 101, 10, ACK, [dss(IDSN_C + 1n, 1, 10)])]);
    const low32 = (IDSN_C + 11n) & 0xffffffffn;
    const join = stream([rec('c2s', 0xffffffff, 0, SYN, [{ subtype: 1, kind: 'MP_JOIN', form: 'syn' }]), rec('c2s', 0, 20, ACK, [dss(low32, 1, 20, false)])]);
    assignStreamPositions([first, join], [conn([first, join])]);
    expect(placed(first)).toEqual([[0, 0]]);
    expect(placed(join)).toEqual([[0, 10]]);
  });

  it('without keys in the capture, the lowest DSN mapped stands for IDSN + 1; each direction its own stream', () => {
    const st = stream([
      rec('c2s', 500, 100, ACK, [dss(900_000n, 40, 100)]),
      // later on the subflow, lower in the data: a reinjection of data another subflow carried first
      rec('c2s', 600, 100, ACK, [dss(899_900n, 140, 100)]),
      rec('s2c', 77, 30, ACK, [dss(5n, 1, 30)]),
    ]);
    assignStreamPositions([st], [conn([st], false)]);
    // no handshake: the first segment with a mapping is taken to start it
    expect(placed(st)).toEqual([[0, 100], [0, 0], [1, 0]]);
  });

  it('a connection without a single DSS (fallback, RFC 8684 §3.7): subflow sequence − 1', () => {
    const st = stream([rec('c2s', 9, 0, SYN, [mpc()]), rec('s2c', 3, 0, SYN | ACK), rec('c2s', 10, 1448, ACK), rec('c2s', 1458, 1448, ACK)]);
    assignStreamPositions([st], [conn([st])]);
    expect(placed(st)).toEqual([[0, 0], [0, 1448]]);
  });

  it('leaves payload no mapping covers unplaced', () => {
    const st = stream([rec('c2s', 9, 0, SYN, [mpc()]), rec('c2s', 10, 100, ACK, [dss(IDSN_C + 1n, 1, 100)]), rec('c2s', 5000, 100, ACK)]);
    assignStreamPositions([st], [conn([st])]);
    expect(placed(st)).toEqual([[0, 0], [-1, 0]]);
    expect(dataLevelBytes(st.recs)).toEqual([null, 0]);
  });
});

describe('plain TCP payload: seq − ISN − 1', () => {
  it('from the SYN, else from the lowest sequence number; streams numbered after the connections', () => {
    const a = stream([rec('c2s', ISN, 0, SYN), rec('c2s', ISN + 1, 1000, ACK), rec('c2s', ISN + 1001, 1000, ACK), rec('c2s', ISN + 1, 1000, ACK)]);
    const b = stream([rec('s2c', 20_000, 10, ACK), rec('s2c', 19_990, 10, ACK)]);
    assignStreamPositions([a, b], []);
    expect(placed(a)).toEqual([[0, 0], [0, 1000], [0, 0]]);
    expect(placed(b)).toEqual([[1, 10], [1, 0]]);
    // the retransmitted kilobyte counts once
    expect(dataLevelBytes([...a.recs, ...b.recs])).toEqual([2000, 20]);
  });
});
