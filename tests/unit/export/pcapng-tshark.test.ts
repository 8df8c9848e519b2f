/**
 * The capture writer against an independent dissector: tshark must read our pcapng as a clean
 * Linux capture (no malformed frames, every IPv4 and TCP checksum verified good) and decode the same
 * header fields the simulator's Packets hold. tshark is a required test dependency (CI installs it:
 * `apt-get install tshark`); without it this test fails rather than skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACK, FIN, ipv4ToInt, PSH, SYN, type Packet } from '../../../src/core/net/packet';
import { fillStream } from '../../../src/core/net/payload';
import { capturesToPcapng } from '../../../src/core/export/pcapng';
import type { CaptureRecord, Dir, Side } from '../../../src/core/sim/trace';
import { pkt } from '../wire/packets';

const CLI = ipv4ToInt('10.0.1.1');
const SRV = ipv4ToInt('10.0.1.2');
const seedOf = (stream: number): number => 0xabc00 + stream;
const T0 = 1_795_537_414_000_000_000n;

const c2s = (f: Partial<Packet>): Packet => pkt({ src: CLI, dst: SRV, sport: 40000, dport: 5201, ttl: 64, ...f });
const s2c = (f: Partial<Packet>): Packet => pkt({ src: SRV, dst: CLI, sport: 5201, dport: 40000, ttl: 64, ...f });
const data = (seq: number, len: number, tsVal: number, ipId: number): Packet =>
  c2s({ ipId, seq, ack: 5001, flags: ACK | PSH, win: 502, hasTs: true, tsVal, tsEcr: 200, payloadLen: len, stream: 0, streamPos: seq - 1001 });

/** A connection seen on the server's path-1 interface: handshake, data with two losses, SACKs, retransmissions, FINs. */
function connection(): CaptureRecord[] {
  const list: [number, Packet][] = [
    [20_700_000, c2s({ ipId: 0x1111, seq: 1000, flags: SYN, win: 64240, mss: 1460, sackOk: true, hasTs: true, tsVal: 100, tsEcr: 0, wscale: 7 })],
    [20_750_000, s2c({ ipId: 0, seq: 5000, ack: 1001, flags: SYN | ACK, win: 65160, mss: 1460, sackOk: true, hasTs: true, tsVal: 200, tsEcr: 100, wscale: 7 })],
    [61_000_000, c2s({ ipId: 0x1112, seq: 1001, ack: 5001, flags: ACK, win: 502, hasTs: true, tsVal: 120, tsEcr: 200 })],
    [62_000_000, data(1001, 1448, 121, 0x1113)],
    [64_000_000, data(3897, 1448, 121, 0x1115)],
    [64_100_000, s2c({ ipId: 1, seq: 5001, ack: 2449, flags: ACK, win: 501, hasTs: true, tsVal: 210, tsEcr: 121, sack: [3897, 5345] })],
    [66_000_000, data(6793, 1448, 122, 0x1117)],
    [66_100_000, s2c({ ipId: 2, seq: 5001, ack: 2449, flags: ACK, win: 501, hasTs: true, tsVal: 211, tsEcr: 121, sack: [6793, 8241, 3897, 5345] })],
    [67_000_000, data(9689, 500, 122, 0x1118)],
    [67_100_000, s2c({ ipId: 3, seq: 5001, ack: 2449, flags: ACK, win: 501, hasTs: true, tsVal: 212, tsEcr: 121, sack: [9689, 10189, 6793, 8241, 3897, 5345] })],
    [90_000_000, data(2449, 1448, 130, 0x1119)],
    [90_500_000, data(5345, 1448, 130, 0x111a)],
    [91_000_000, data(8241, 1448, 130, 0x111b)],
    [91_100_000, s2c({ ipId: 4, seq: 5001, ack: 10189, flags: ACK, win: 520, hasTs: true, tsVal: 230, tsEcr: 130 })],
    [92_000_000, c2s({ ipId: 0x111c, seq: 10189, ack: 5001, flags: FIN | ACK, win: 502, hasTs: true, tsVal: 131, tsEcr: 230 })],
    [92_100_000, s2c({ ipId: 5, seq: 5001, ack: 10190, flags: FIN | ACK, win: 520, hasTs: true, tsVal: 231, tsEcr: 131 })],
    [133_000_000, c2s({ ipId: 0x111d, seq: 10190, ack: 5002, flags: ACK, win: 502, hasTs: true, tsVal: 170, tsEcr: 231 })],
  ];
  return list.map(([t, p], i) => ({ t, pkt: { ...p, id: i + 1 }, path: 1, side: 'server' as Side, dir: (p.src === CLI ? 'c2s' : 's2c') as Dir }));
}

const FIELDS = [
  'frame.number', 'frame.interface_name', 'frame.time_epoch', 'frame.len', 'frame.packet_flags_direction',
  '_ws.malformed', '_ws.expert.severity', 'ip.checksum.status', 'tcp.checksum.status',
  'ip.src', 'ip.dst', 'ip.id', 'ip.ttl', 'ip.flags.df', 'tcp.srcport', 'tcp.dstport',
  'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value', 'tcp.len',
  'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.sack_perm',
  'tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr', 'tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.payload',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

/** Wireshark's expert severity for errors (PI_ERROR), and checksum statuses (PROTO_CHECKSUM_E_*). */
const PI_ERROR = 0x00800000;
const CHECKSUM_BAD = '0';
const CHECKSUM_GOOD = '1';

const dir = mkdtempSync(join(tmpdir(), 'pcapng-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tshark(file: string): Row[] {
  const args = [
    '-r', file,
    '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.relative_sequence_numbers:FALSE',
    '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,',
    ...FIELDS.flatMap((f) => ['-e', f]),
  ];
  const r = spawnSync('tshark', args, { encoding: 'utf8', timeout: 20_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('tshark is not installed: this test needs it (as CI has it). Install it with: ' +
      'echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections; ' +
      'apt-get update; DEBIAN_FRONTEND=noninteractive apt-get install -y tshark');
  }
  if (r.status !== 0) throw new Error(`tshark exited ${r.status}: ${r.stderr}`);
  return r.stdout.trimEnd().split('\n').map((line) => {
    const cols = line.split('\t');
    return Object.fromEntries(FIELDS.map((f, i) => [f, cols[i] ?? ''])) as Row;
  });
}

const opt = (present: boolean, v: number | string): string => (present ? String(v) : '');
const payloadHex = (p: Packet): string => {
  const b = new Uint8Array(p.payloadLen);
  fillStream(seedOf(p.stream), p.streamPos, b, 0, p.payloadLen);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
};

describe('tshark reads the pcapng writer output', () => {
  const caps = connection();
  const file = join(dir, 'connection.pcapng');
  writeFileSync(file, capturesToPcapng(caps, seedOf, T0));
  let rows: Row[] = [];

  it('as one frame per capture, none malformed, none with an expert error', () => {
    rows = tshark(file);
    expect(rows).toHaveLength(caps.length);
    expect(rows.map((r) => r['frame.number'])).toEqual(caps.map((_, i) => String(i + 1)));
    for (const r of rows) {
      expect(r['_ws.malformed'], `frame ${r['frame.number']}`).toBe('');
      const sev = r['_ws.expert.severity'] === '' ? [] : r['_ws.expert.severity'].split(',').map(Number);
      expect(sev.filter((s) => s >= PI_ERROR), `frame ${r['frame.number']}`).toEqual([]);
    }
  });

  it('with every IPv4 and TCP checksum good', () => {
    rows = rows.length ? rows : tshark(file);
    for (const r of rows) {
      expect([r['ip.checksum.status'], r['tcp.checksum.status']], `frame ${r['frame.number']}`).toEqual([CHECKSUM_GOOD, CHECKSUM_GOOD]);
    }
  });

  it('decoding the same headers, options, payload bytes, interface, direction and time as the Packets', () => {
    rows = rows.length ? rows : tshark(file);
    caps.forEach((c, i) => {
      const p = c.pkt;
      const r = rows[i];
      const want: Partial<Row> = {
        'frame.interface_name': 'srv-p1',
        'frame.packet_flags_direction': c.dir === 'c2s' ? '0x00000001' : '0x00000002',
        'ip.src': c.dir === 'c2s' ? '10.0.1.1' : '10.0.1.2',
        'ip.dst': c.dir === 'c2s' ? '10.0.1.2' : '10.0.1.1',
        'ip.id': '0x' + p.ipId.toString(16).padStart(4, '0'),
        'ip.ttl': String(p.ttl),
        'ip.flags.df': '1',
        'tcp.srcport': String(p.sport),
        'tcp.dstport': String(p.dport),
        'tcp.seq_raw': String(p.seq),
        'tcp.ack_raw': String(p.ack),
        'tcp.flags': '0x' + p.flags.toString(16).padStart(4, '0'),
        'tcp.window_size_value': String(p.win),
        'tcp.len': String(p.payloadLen),
        'tcp.options.mss_val': opt(p.mss > 0, p.mss),
        'tcp.options.wscale.shift': opt(p.wscale >= 0, p.wscale),
        'tcp.options.sack_perm': opt(p.sackOk, '0402'), // the option's bytes: kind 4, length 2
        'tcp.options.timestamp.tsval': opt(p.hasTs, p.tsVal),
        'tcp.options.timestamp.tsecr': opt(p.hasTs, p.tsEcr),
        'tcp.options.sack_le': opt(p.sack !== null, (p.sack ?? []).filter((_, k) => k % 2 === 0).join(',')),
        'tcp.options.sack_re': opt(p.sack !== null, (p.sack ?? []).filter((_, k) => k % 2 === 1).join(',')),
        'tcp.payload': payloadHex(p),
      };
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, r[k as keyof Row]]));
      expect(got, `frame ${i + 1}`).toEqual(want);
      const epochNs = BigInt(r['frame.time_epoch'].replace('.', ''));
      expect(epochNs, `frame ${i + 1} time`).toBe(T0 + BigInt(c.t));
    });
  });

  it('and tells a corrupted checksum from a good one (the status field means what this test assumes)', () => {
    const bytes = capturesToPcapng(caps.slice(0, 2), seedOf, T0);
    // flip the last byte of the SYN/ACK's frame: its TCP checksum no longer verifies
    const view = new DataView(bytes.buffer);
    let o = 0;
    let epb = 0;
    while (o < bytes.length) {
      const type = view.getUint32(o, true);
      const len = view.getUint32(o + 4, true);
      if (type === 6 && ++epb === 2) bytes[o + 28 + view.getUint32(o + 20, true) - 1] ^= 0xff;
      o += len;
    }
    const bad = join(dir, 'bad.pcapng');
    writeFileSync(bad, bytes);
    expect(tshark(bad).map((r) => r['tcp.checksum.status'])).toEqual([CHECKSUM_GOOD, CHECKSUM_BAD]);
  });
});
