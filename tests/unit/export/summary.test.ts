/**
 * summary.json of a simulated run (src/core/export/summary.ts): every computed field checked on
 * small hand-made traces, and the shape checked against a real kernel-ref summary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSummary, runChecks, SUMMARY_SCHEMA, type Summary } from '../../../src/core/export/summary';
import { analyzeCaptures } from '../../../src/core/export/capture-analysis';
import { keyToTokenIdsn } from '../../../src/core/export/mptcp-fields';
import { flagNames, pct, pyRound } from '../../../src/core/export/py-format';
import { ACK, FIN, RST, SYN, blankPacket, ipv4ToInt } from '../../../src/core/net/packet';
import type { PathConfig, Scenario, Shape } from '../../../src/core/scenario/types';
import type { AppResult, CaptureRecord, Dir, LinkStats, Side, Trace, TraceEvent } from '../../../src/core/sim/trace';
import type { MpCapableOption, MptcpOption } from '../../../src/core/wire/mptcp';
import { KERNEL_REF } from '../../helpers/paths';
import { addAddr, dss, joinAck, joinSyn, joinSynAck, mpCapable } from './mptcp-records';

const MS = 1_000_000;
const E_FALLBACK = join(KERNEL_REF, 'results/e_fallback_server_tcp/summary.json');

// ---------------------------------------------------------------- builders

const shape = (delay: number): Shape => ({ delay_ms: delay, jitter_ms: 0, loss_pct: 0, rate_mbit: 10, queue_pkts: 100, allow_reorder: false });
function pathConfig(id: number): PathConfig {
  return {
    id,
    name: `path${id}`,
    client_if: `cli-p${id}`,
    server_if: `srv-p${id}`,
    wire_client_if: `wc-p${id}`,
    wire_server_if: `ws-p${id}`,
    client_addr: `10.0.${id}.1`,
    server_addr: `10.0.${id}.2`,
    subnet: `10.0.${id}.0/24`,
    c2s: shape(20 * id),
    s2c: shape(20 * id),
    mtu: null,
    client_extra_addrs: [],
    server_extra_addrs: [],
    tbf: null,
  };
}
function scenario(over: Partial<Scenario> = {}): Scenario {
  const ns = { limits: null, endpoints: [], mptcp_sysctl: {}, sysctl: {} };
  return {
    schema: 'kernel-ref-scenario/1',
    name: 'unit',
    description: '',
    timeout_s: 30,
    seed: 1,
    ss_interval_s: 1,
    static_arp: true,
    paths: [pathConfig(1), pathConfig(2)],
    client: ns,
    server: ns,
    app: {
      direction: 'upload',
      bytes: 4000,
      duration_s: null,
      client_proto: 'tcp',
      server_proto: 'tcp',
      port: 5201,
      server_addr: '10.0.1.2',
      chunk_bytes: 65536,
      sample_interval_s: 0.1,
      sndbuf: null,
      rcvbuf: null,
      linger_s: 0.5,
      congestion_control: 'cubic',
    },
    events: [],
    capture: { side: 'server', snaplen: 128 },
    analysis: { bin_s: 0.1 },
    expect: {},
    ...over,
  };
}
function appResult(role: Side, over: Partial<AppResult> = {}): AppResult {
  return {
    role,
    proto_requested: 'tcp',
    proto_socket: 'tcp',
    error: null,
    t_connect_start: role === 'client' ? 0 : null,
    t_connected: role === 'client' ? 0.04 : null,
    local: null,
    congestion_control: 'cubic',
    t_first_send: null,
    t_last_send: null,
    bytes_sent: role === 'client' ? 4000 : 0,
    bytes_received: role === 'server' ? 4000 : 0,
    sha256_sent: role === 'client' ? 'abc' : null,
    sha256_received: role === 'server' ? 'abc' : null,
    t_eof: null,
    t_first_byte: null,
    t_last_byte: role === 'server' ? 0.44 : null,
    t_accept: null,
    peer: null,
    t_done: role === 'client' ? 0.6 : 0.55,
    mptcp_at_start: false,
    mptcp_info_error_at_start: 'ENOTSUP',
    socket_error: null,
    stream_in_order: true,
    samples: [],
    ...over,
  };
}
function linkStats(over: Partial<LinkStats> = {}): LinkStats {
  return { rx_pkts: 0, rx_bytes: 0, tx_pkts: 0, tx_bytes: 0, drop_loss: 0, drop_queue: 0, drop_down: 0, max_queue_pkts: 0, drops: [], ...over };
}

interface Seg {
  seq?: number;
  ack?: number;
  flags?: number;
  len?: number;
  win?: number;
  mss?: number;
  mptcp?: MptcpOption[];
}
/** Records of one server-side capture; `cport`/`path` pick the subflow. */
class Capture {
  readonly records: CaptureRecord[] = [];
  private id = 0;
  add(tMs: number, dir: Dir, s: Seg, o: { path?: number; cport?: number; side?: Side; caddr?: string; saddr?: string } = {}): this {
    const path = o.path ?? 1;
    const c = ipv4ToInt(o.caddr ?? `10.0.${path}.1`);
    const srv = ipv4ToInt(o.saddr ?? `10.0.${path}.2`);
    const cport = o.cport ?? 40000;
    const p = blankPacket();
    p.id = ++this.id;
    p.src = dir === 'c2s' ? c : srv;
    p.dst = dir === 'c2s' ? srv : c;
    p.sport = dir === 'c2s' ? cport : 5201;
    p.dport = dir === 'c2s' ? 5201 : cport;
    p.seq = s.seq ?? 0;
    p.ack = s.ack ?? 0;
    p.flags = s.flags ?? ACK;
    p.payloadLen = s.len ?? 0;
    p.win = s.win ?? 500;
    p.mss = s.mss ?? 0;
    p.mptcp = s.mptcp ?? null;
    this.records.push({ t: Math.round(tMs * MS), pkt: p, path, side: o.side ?? 'server', dir });
    return this;
  }
}
function trace(captures: CaptureRecord[], over: Partial<Trace> = {}): Trace {
  return {
    seed: 1,
    end: 700 * MS,
    captures,
    events: [],
    links: [
      { path: 1, c2s: linkStats(), s2c: linkStats() },
      { path: 2, c2s: linkStats(), s2c: linkStats() },
    ],
    app: { client: appResult('client'), server: appResult('server') },
    series: [],
    checkpoints: [],
    engineEvents: 0,
    packetsCreated: 0,
    dataPacketsDelivered: 0,
    status: 'ok',
    pmEvents: { client: [], server: [] },
    schedDecisions: [],
    counters: { client: {}, server: {} },
    ...over,
  };
}

/**
 * A plain-TCP upload seen at the server: handshake (SYN at 20 ms, first RTT 40 ms), four 1000-byte
 * segments at 61–64 ms each ACKed 0.01 ms later, segment 2 sent again at 400 ms (an RTO-style
 * retransmission), FINs at 500 ms.
 */
function tcpUpload(c = new Capture(), o: { path?: number; cport?: number } = {}): Capture {
  c.add(20, 'c2s', { seq: 999, flags: SYN, mss: 1460, win: 64240 }, o)
    .add(20.05, 's2c', { seq: 4999, ack: 1000, flags: SYN | ACK, mss: 1460, win: 65160 }, o)
    .add(60, 'c2s', { seq: 1000, ack: 5000 }, o);
  for (let i = 0; i < 4; i++) {
    c.add(61 + i, 'c2s', { seq: 1000 + i * 1000, ack: 5000, len: 1000 }, o);
    c.add(61.01 + i, 's2c', { seq: 5000, ack: 2000 + i * 1000, win: 500 + i }, o);
  }
  c.add(400, 'c2s', { seq: 2000, ack: 5000, len: 1000 }, o)
    .add(400.02, 's2c', { seq: 5000, ack: 5000, win: 600 }, o)
    .add(500, 'c2s', { seq: 5000, ack: 5000, flags: FIN | ACK }, o)
    .add(500.1, 's2c', { seq: 5000, ack: 5001, flags: FIN | ACK }, o)
    .add(540, 'c2s', { seq: 5001, ack: 5001 }, o);
  return c;
}

const summarize = (c: Capture, sc = scenario(), over: Partial<Trace> = {}): Summary =>
  buildSummary(sc, trace(c.records, over), { ignored: [], wallTimeS: null });

// ---------------------------------------------------------------- capture analysis

describe('summary of a plain-TCP upload', () => {
  const s = summarize(tcpUpload());
  const sf = s.subflows[0];

  it('finds one stream, a client-initiated TCP subflow on path 1', () => {
    expect(s.subflows).toHaveLength(1);
    expect(sf.stream).toBe(0);
    expect(sf.path).toBe(1);
    expect(sf.interface).toBe('srv-p1');
    expect(sf.client).toBe('10.0.1.1:40000');
    expect(sf.server).toBe('10.0.1.2:5201');
    expect(sf.four_tuple).toEqual({ client_ip: '10.0.1.1', client_port: 40000, server_ip: '10.0.1.2', server_port: 5201 });
    expect(sf.initiator).toBe('client');
    expect(sf.kind).toBe('TCP');
    expect(sf.mptcp_negotiated).toBeNull();
    expect(sf.kind_note).toBeNull();
    expect(sf.join).toBeNull();
    expect(sf.keys).toBeNull();
    expect(sf.tshark_mptcp_stream).toBeNull();
  });

  it('times the handshake in seconds since connect()', () => {
    expect(sf.first_syn_t).toBe(0.02);
    expect(sf.synack_t).toBe(0.02005);
    expect(sf.syn_count).toBe(1);
  });

  it('counts packets, payload and the retransmitted segment per direction', () => {
    expect(sf.packets).toEqual({ c2s: 9, s2c: 7 });
    expect(sf.payload_bytes).toEqual({ c2s: 5000, s2c: 0 });
    expect(sf.retransmitted_payload_bytes).toEqual({ c2s: 1000, s2c: 0 });
  });

  it('reports first/last payload, FIN and RST per direction, nulls where none', () => {
    expect(sf.first_payload_t).toEqual({ c2s: 0.061, s2c: null });
    expect(sf.last_payload_t).toEqual({ c2s: 0.4, s2c: null });
    expect(sf.fin_t).toEqual({ c2s: 0.5, s2c: 0.5001 });
    expect(sf.data_fin_t).toEqual({ c2s: null, s2c: null });
    expect(sf.rst_packets).toEqual({ c2s: 0, s2c: 0 });
    expect(sf.mp_prio).toEqual([]);
  });

  it('bins payload bytes per bin_s up to the last packet', () => {
    // last packet at 0.54 s → int(0.54 / 0.1) + 1 = 6 bins
    expect(sf.series_bytes.c2s).toEqual([4000, 0, 0, 0, 1000, 0]);
    expect(sf.series_bytes.s2c).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.total_series_bytes).toEqual([4000, 0, 0, 0, 1000, 0]);
  });

  it('computes ack_rtt per direction of the acknowledging packet', () => {
    // s2c: SYN/ACK 0.05 ms, four data ACKs 0.01 ms, the FIN/ACK 0.1 ms; the ACK after the
    // retransmission (ack 5000 ≠ its end 3000) measures nothing.
    expect(sf.ack_rtt_ms.s2c).toEqual({ n: 6, median: 0.01, p90: 0.1 });
    // c2s: the third ACK (39.95 ms) and the last ACK of the server's FIN (39.9 ms); kernel-ref's
    // median of two is the upper one (index int(0.5·1 + 0.5) = 1).
    expect(sf.ack_rtt_ms.c2s).toEqual({ n: 2, median: 39.95, p90: 39.95 });
  });

  it('lists the handshake: SYN, SYN/ACK and the ACK that follows', () => {
    expect(s.handshakes).toEqual([
      {
        stream: 0,
        kind: 'TCP',
        path: 1,
        client: '10.0.1.1:40000',
        server: '10.0.1.2:5201',
        packets: [
          { t: 0.02, frame: 1, dir: 'c2s', tcp_flags: 'SYN', tcp_len: 0, mptcp_subtypes: [], tcp_mss: 1460 },
          { t: 0.02005, frame: 2, dir: 's2c', tcp_flags: 'SYN,ACK', tcp_len: 0, mptcp_subtypes: [], tcp_mss: 1460 },
          { t: 0.06, frame: 3, dir: 'c2s', tcp_flags: 'ACK', tcp_len: 0, mptcp_subtypes: [] },
        ],
      },
    ]);
  });

  it('makes the TCP connection a fallback connection, all option counts zero', () => {
    expect(s.connections).toEqual([{ index: 0, initial_stream: 0, fallback: true, subflow_streams: [0] }]);
    expect(sf.connection).toBe(0);
    expect(Object.values(sf.option_counts).every((n) => n === 0)).toBe(true);
    expect(Object.keys(s.option_counts_total)).toEqual([
      'MP_CAPABLE',
      'MP_JOIN',
      'DSS',
      'ADD_ADDR',
      'REMOVE_ADDR',
      'MP_PRIO',
      'MP_FAIL',
      'MP_FASTCLOSE',
      'MP_TCPRST',
    ]);
    expect(s.mptcp_signals).toEqual([]);
  });

  it('ranks the longest pauses between data-direction payload packets', () => {
    expect(s.data_gaps_top).toEqual([
      { start_t: 0.064, end_t: 0.4, gap_s: 0.336, stream_before: 0, stream_after: 0 },
      { start_t: 0.061, end_t: 0.062, gap_s: 0.001, stream_before: 0, stream_after: 0 },
      { start_t: 0.062, end_t: 0.063, gap_s: 0.001, stream_before: 0, stream_after: 0 },
      { start_t: 0.063, end_t: 0.064, gap_s: 0.001, stream_before: 0, stream_after: 0 },
    ]);
  });

  it('sums per path, with the unused path all zero', () => {
    expect(s.paths.map((p) => p.subflow_streams)).toEqual([[0], []]);
    expect(s.paths[0].packets).toEqual({ c2s: 9, s2c: 7 });
    expect(s.paths[0].payload_bytes).toEqual({ c2s: 5000, s2c: 0 });
    expect(s.paths[0].series_bytes.c2s).toEqual([4000, 0, 0, 0, 1000, 0]);
    expect(s.paths[1].series_bytes.c2s).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.paths[0].shaping).toEqual({ c2s: shape(20), s2c: shape(20), tbf: null });
    expect(s.packets_analysed).toBe(16);
    expect(s.view).toBe('server');
    expect(s.data_direction).toBe('c2s');
    expect(s.bin_s).toBe(0.1);
  });
});

describe('capture analysis: streams, paths and MPTCP', () => {
  it('numbers streams by first packet and gives each its path', () => {
    const c = new Capture();
    c.add(1, 'c2s', { seq: 1, flags: SYN }, { path: 2, cport: 41000 });
    c.add(2, 'c2s', { seq: 1, flags: SYN }, { path: 1, cport: 40000 });
    c.add(3, 'c2s', { seq: 2, len: 100 }, { path: 2, cport: 41000 });
    const a = analyzeCaptures(scenario(), c.records, 'server');
    expect(a.subflows.map((x) => [x.stream, x.path, x.interface])).toEqual([
      [0, 2, 'srv-p2'],
      [1, 1, 'srv-p1'],
    ]);
    expect(a.paths.map((p) => p.subflow_streams)).toEqual([[1], [0]]);
  });

  it('a new SYN with another ISN on a closed address/port pair is a new stream (port reuse)', () => {
    const c = tcpUpload();
    c.add(600, 'c2s', { seq: 77777, flags: SYN });
    const a = analyzeCaptures(scenario(), c.records, 'server');
    expect(a.subflows).toHaveLength(2);
    expect(a.subflows[1].first_syn_t).toBe(0.6);
    expect(a.subflows[1].synack_t).toBeNull();
    expect(a.connections.map((x) => x.initial_stream)).toEqual([0, 1]);
  });

  it('a stream whose SYN was not captured has no initiator and no connection', () => {
    const c = new Capture();
    c.add(1, 'c2s', { seq: 10, len: 100 });
    const a = analyzeCaptures(scenario(), c.records, 'server');
    expect(a.subflows[0].initiator).toBeNull();
    expect(a.subflows[0].first_syn_t).toBeNull();
    expect('connection' in a.subflows[0]).toBe(false);
    expect(a.connections).toEqual([]);
    expect(a.handshakes).toEqual([]);
  });

  it('counts RST packets per direction and a download puts the gaps on s2c', () => {
    const c = new Capture();
    c.add(1, 's2c', { seq: 1, len: 100 }).add(5, 's2c', { seq: 101, len: 100 }).add(6, 'c2s', { seq: 1, flags: RST });
    const a = analyzeCaptures(scenario({ app: { ...scenario().app, direction: 'download' } }), c.records, 'server');
    expect(a.data_direction).toBe('s2c');
    expect(a.subflows[0].rst_packets).toEqual({ c2s: 1, s2c: 0 });
    expect(a.data_gaps_top).toEqual([{ start_t: 0.001, end_t: 0.005, gap_s: 0.004, stream_before: 0, stream_after: 0 }]);
  });

  it('only analyses the records of the requested capture side', () => {
    const c = tcpUpload();
    c.add(1, 'c2s', { seq: 1, flags: SYN }, { side: 'client', cport: 45000 });
    expect(analyzeCaptures(scenario(), c.records, 'server').subflows).toHaveLength(1);
    expect(analyzeCaptures(scenario(), c.records, 'client').subflows).toHaveLength(1);
    expect(analyzeCaptures(scenario(), c.records, 'client').view).toBe('client');
  });

  it('an MP_CAPABLE SYN answered by a plain SYN/ACK is a fallback MP_CAPABLE subflow', () => {
    const c = new Capture();
    c.add(20, 'c2s', { seq: 1, flags: SYN, mptcp: [mpCapable()] })
      .add(20.1, 's2c', { seq: 9, ack: 2, flags: SYN | ACK })
      .add(60, 'c2s', { seq: 2, ack: 10 });
    const a = analyzeCaptures(scenario(), c.records, 'server');
    const sf = a.subflows[0];
    expect(sf.kind).toBe('MP_CAPABLE');
    expect(sf.mptcp_negotiated).toBe(false);
    expect(sf.kind_note).toBe('SYN carried MP_CAPABLE but the SYN/ACK did not: plain TCP (fallback)');
    expect(sf.option_counts.MP_CAPABLE).toBe(1);
    expect(a.connections[0].fallback).toBe(true);
    expect(a.handshakes[0].packets[0].mptcp).toEqual({ version: '1', flags: '0x01', checksum_required: '0', hmac_sha256: '1' });
  });

  it('an MPTCP connection: keys → tokens, the join matched by token, DATA_FIN, ADD_ADDR and MP_PRIO', () => {
    const ck = 0x03481ca4196e666en;
    const sk = 0x94222d0bd6be3a13n;
    const sTok = Number(keyToTokenIdsn(sk).token);
    const c = new Capture();
    const cap = (o: Partial<MpCapableOption>): MptcpOption[] => [mpCapable(o)];
    c.add(20, 'c2s', { seq: 1, flags: SYN, mptcp: cap({}) })
      .add(20.1, 's2c', { seq: 9, ack: 2, flags: SYN | ACK, mptcp: cap({ senderKey: sk }) })
      .add(60, 'c2s', { seq: 2, ack: 10, mptcp: cap({ senderKey: ck, receiverKey: sk }) })
      .add(61, 's2c', { seq: 10, ack: 2, mptcp: [addAddr({ addressId: 1, address: '10.0.2.2', truncatedHmac: 5n })] })
      .add(62, 'c2s', { seq: 2, ack: 10, len: 100, mptcp: [dss({ dataAck: 7n, mapping: { dsn: 8n, dsn64: true, subflowSeq: 1, dataLevelLength: 100 } })] })
      .add(100, 'c2s', { seq: 50, flags: SYN, mptcp: [joinSyn({ backup: true, addressId: 1, receiverToken: sTok, senderNonce: 1 })] }, { path: 2, cport: 41000 })
      .add(100.1, 's2c', { seq: 70, ack: 51, flags: SYN | ACK, mptcp: [joinSynAck({ addressId: 0, senderTruncatedHmac: 2n, senderNonce: 3 })] }, { path: 2, cport: 41000, saddr: '10.0.1.2' })
      .add(140, 'c2s', { seq: 51, ack: 71, mptcp: [joinAck(new Uint8Array(20))] }, { path: 2, cport: 41000, saddr: '10.0.1.2' })
      .add(150, 'c2s', { seq: 51, ack: 71, mptcp: [dss({ dataAck: 7n }), { subtype: 5, kind: 'MP_PRIO', backup: true }] }, { path: 2, cport: 41000, saddr: '10.0.1.2' })
      .add(300, 'c2s', { seq: 102, ack: 10, mptcp: [dss({ dataFin: true, dataAck: 7n, mapping: { dsn: 108n, dsn64: true, subflowSeq: 0, dataLevelLength: 1 } })] });
    // the join SYN above went to 10.0.2.2; send all of it to 10.0.1.2 like the later packets
    c.records[5].pkt.dst = ipv4ToInt('10.0.1.2');
    const a = analyzeCaptures(scenario(), c.records, 'server');
    const [s0, s1] = a.subflows;
    expect(s0.kind).toBe('MP_CAPABLE');
    expect(s0.mptcp_negotiated).toBe(true);
    expect(s0.keys).toEqual({ server_key: sk.toString(), client_key: ck.toString() });
    expect(s0.data_fin_t).toEqual({ c2s: 0.3, s2c: null });
    expect(s0.option_counts).toMatchObject({ MP_CAPABLE: 3, DSS: 2, ADD_ADDR: 1 });
    // token/IDSN pairs as kernel-ref's a_aggregation run printed them for these keys
    expect(a.connections).toEqual([
      {
        index: 0,
        initial_stream: 0,
        fallback: false,
        subflow_streams: [0, 1],
        client_key: '0x03481ca4196e666e',
        client_token: '0xf6c47d4f',
        client_idsn: '0xe5bba1675730b035',
        server_key: '0x94222d0bd6be3a13',
        server_token: '0xb32b37db',
        server_idsn: '0x67115151bba2c3aa',
      },
    ]);
    expect(s1.kind).toBe('MP_JOIN');
    expect(s1.mptcp_negotiated).toBe(true);
    expect(s1.connection).toBe(0);
    expect(s1.tshark_mptcp_stream).toBe(0);
    expect(s1.join).toEqual({
      receiver_token: '0xb32b37db',
      initiator_addr_id: 1,
      responder_addr_id: 0,
      backup_requested_by_initiator: true,
      backup_requested_by_responder: false,
    });
    expect(s1.mp_prio).toEqual([{ t: 0.15, dir: 'c2s', backup: '1' }]);
    expect(a.mptcp_signals).toEqual([
      { t: 0.061, frame: 4, stream: 0, dir: 's2c', tcp_flags: 'ACK', subtypes: ['ADD_ADDR'], addr_id: '1', ipv4: '10.0.2.2', echo: '0', truncated_hmac: '0x0000000000000005' },
      { t: 0.15, frame: 9, stream: 1, dir: 'c2s', tcp_flags: 'ACK', subtypes: ['DSS', 'MP_PRIO'], backup: '1', flags: '0x01,0x51' },
    ]);
    expect(a.option_counts_total).toMatchObject({ MP_CAPABLE: 3, MP_JOIN: 3, DSS: 3, ADD_ADDR: 1, MP_PRIO: 1 });
    const joinHs = a.handshakes[1];
    expect(joinHs.packets.map((p) => p.mptcp)).toEqual([
      { flags: '0x11', receiver_token: '0xb32b37db', sender_nonce: '0x00000001', addr_id: '1', backup: '1' },
      { flags: '0x10', sender_nonce: '0x00000003', sender_truncated_hmac: '0x0000000000000002', addr_id: '0', backup: '0' },
      { sender_hmac: '0'.repeat(40) },
    ]); // the next packet is c2s again: no reply to list after the third ACK
  });
});

// ---------------------------------------------------------------- the rest of summary.json

describe('summary.json around the analysis', () => {
  it('carries the schema, the scenario, null for what the simulator cannot know, and ignored keys', () => {
    const sc = scenario({ name: 'named' });
    const s = buildSummary(sc, trace(tcpUpload().records), { ignored: ['static_arp', 'capture.snaplen'], wallTimeS: 0.123456 });
    expect(s.schema).toBe(SUMMARY_SCHEMA);
    expect(s.scenario_name).toBe('named');
    expect(s.scenario).toBe(sc);
    expect(s.environment).toMatchObject({ simulator: 'mptcp-playground', engine: 'discrete-event', kernel: null, iproute2: null, tshark: null, python: null, namespaces: null });
    expect(typeof s.environment.version).toBe('string');
    expect(s.t0_epoch).toBeNull();
    expect(s.config).toEqual({ at_start: null, at_end: null, tc_qdisc_stats: null });
    expect(s.ss_snapshots).toEqual([]);
    expect(s.pm_events).toEqual({ client: [], server: [] });
    expect(s.capture).toMatchObject({ side: 'server', snaplen: 128, files: ['capture.pcapng'] });
    expect(s.ignored).toEqual(['static_arp', 'capture.snaplen']);
    expect(s.result.wall_time_s).toBe(0.12);
  });

  it('app: bytes, hashes and kernel-ref formulas for duration, handshake and goodput', () => {
    const s = summarize(tcpUpload());
    expect(s.app).toMatchObject({
      direction: 'upload',
      bytes_sent: 4000,
      bytes_received: 4000,
      stream_equal: true,
      mptcp_used: { client: false, server: false },
      socket_fallback: {},
      duration_s: 0.6,
      handshake_s: 0.04,
      data_duration_s: 0.4,
      goodput_mbit: 0.08,
      sender_mptcp_info_end: {},
    });
    expect('error' in s.app).toBe(false);
  });

  it('app: an error and a socket fallback are reported like kernel-ref', () => {
    const app = { client: appResult('client', { error: 'ECONNREFUSED', socket_error: 'ENOPROTOOPT' }), server: appResult('server') };
    const s = summarize(tcpUpload(), scenario(), { app });
    expect(s.app.error).toBe('client: ECONNREFUSED');
    expect(s.app.socket_fallback).toEqual({ client: 'ENOPROTOOPT' });
    expect(s.result).toMatchObject({ status: 'transfer_failed', exit_code: 1 });
  });

  it('result: ok, stream mismatch, failed check and timeout, with kernel-ref exit codes', () => {
    expect(summarize(tcpUpload()).result).toMatchObject({ status: 'ok', exit_code: 0, transfer_phase_s: 0.6 });
    const bad = { client: appResult('client'), server: appResult('server', { sha256_received: 'zzz' }) };
    expect(summarize(tcpUpload(), scenario(), { app: bad }).result.status).toBe('transfer_failed');
    const strict = summarize(tcpUpload(), scenario({ expect: { max_subflows: 0 } }));
    expect(strict.result).toMatchObject({ status: 'check_failed', exit_code: 1 });
    const hung = { client: appResult('client', { t_done: null }), server: appResult('server') };
    expect(summarize(tcpUpload(), scenario(), { app: hung, status: 'timeout' }).result).toMatchObject({ status: 'timeout', exit_code: 3, transfer_phase_s: 0.7 });
    expect(summarize(tcpUpload(), scenario(), { app: hung, status: 'until' }).result.status).toBe('timeout');
  });

  it('uses the checks it is given instead of computing them', () => {
    const given = [{ check: 'x', pass: false, detail: 'given' }];
    const s = buildSummary(scenario(), trace(tcpUpload().records), { ignored: [], wallTimeS: null, checks: given });
    expect(s.checks).toBe(given);
    expect(s.result.status).toBe('check_failed');
  });

  it('events: fired ones with t_actual and params, then the skipped ones', () => {
    const sc = scenario({
      events: [
        { at: 0.2, action: 'link_down', path: 1, side: 'client' },
        { at: 9, action: 'ss' },
      ],
    });
    const events: TraceEvent[] = [{ t: 200_012_345, type: 'scenarioEvent', index: 0, action: 'link_down', ok: true, detail: '' }];
    const s = summarize(tcpUpload(), sc, { events });
    expect(s.events).toEqual([
      { at: 0.2, t_actual: 0.2, action: 'link_down', params: { path: 1, side: 'client' }, results: [], ok: true },
      { at: 9, action: 'ss', skipped: 'transfer already finished' },
    ]);
    expect(summarize(tcpUpload(), sc, { events, status: 'timeout' }).events[1]).toEqual({ at: 9, action: 'ss', skipped: 'timeout' });
  });

  it('wire: link counters in kernel-ref shape, drops in seconds, shaping after shape events', () => {
    const sc = scenario({ events: [{ at: 0.1, action: 'shape', path: 1, dir: 'c2s', set: { loss_pct: 100 } }] });
    const links = [
      {
        path: 1,
        c2s: linkStats({ rx_pkts: 10, tx_pkts: 6, drop_loss: 3, drops: [{ t: 123_456_789, reason: 'loss', bytes: 66, pktId: 1 }] }),
        s2c: linkStats(),
      },
    ];
    const events: TraceEvent[] = [{ t: 100 * MS, type: 'scenarioEvent', index: 0, action: 'shape', ok: true, detail: 'loss 100%' }];
    const s = summarize(tcpUpload(), sc, { links, events });
    expect(Object.keys(s.wire.paths)).toEqual(['1']);
    const d = s.wire.paths['1'].c2s;
    expect(d).toMatchObject({ rx_pkts: 10, tx_pkts: 6, drop_loss: 3, tx_error: 0, in_flight_at_exit: 1, sched_lateness_ms: null, drops_truncated: true });
    expect(d.drops).toEqual([[0.1235, 'loss', 66]]);
    expect(d.shape_at_end.loss_pct).toBe(100);
    expect(s.wire.paths['1'].s2c.shape_at_end.loss_pct).toBe(0);
    expect(s.events[0]).toMatchObject({ results: [{ sim: 'loss 100%', rc: 0 }] });
  });

  it('kernel_counters: nonzero values per group, MPTcpExt always, MPTcpExt_all with zeros', () => {
    const counters = {
      client: { TcpExt: { TCPPureAcks: 3, TCPLossProbes: 0 }, Tcp: { RetransSegs: 0 }, MPTcpExt: { MPCapableSYNTX: 1, MPJoinSynTx: 0 } },
      server: { TcpExt: { TCPPureAcks: 0 } },
    };
    const s = summarize(tcpUpload(), scenario(), { counters });
    expect(s.kernel_counters.client).toEqual({
      TcpExt: { TCPPureAcks: 3 },
      MPTcpExt: { MPCapableSYNTX: 1 },
      MPTcpExt_all: { MPCapableSYNTX: 1, MPJoinSynTx: 0 },
    });
    expect(s.kernel_counters.server).toEqual({ MPTcpExt: {}, MPTcpExt_all: {} });
  });

  it('with capture side "both" adds client_view from the client-side records', () => {
    const c = tcpUpload();
    c.add(0, 'c2s', { seq: 999, flags: SYN }, { side: 'client' });
    const s = summarize(c, scenario({ capture: { side: 'both', snaplen: 128 } }));
    expect(s.view).toBe('server');
    expect(s.client_view?.view).toBe('client');
    expect(s.client_view?.subflows[0].first_syn_t).toBe(0);
    expect('client_view' in summarize(tcpUpload())).toBe(false);
  });
});

describe('runChecks (kernel-ref run_checks)', () => {
  const base = summarize(tcpUpload());
  it('stream_intact is on by default; every expect key gives its check and detail', () => {
    const sc = scenario({
      expect: { mptcp: false, min_subflows: 1, max_subflows: 1, min_subflows_with_payload: 2, max_duration_s: 1, min_add_addr: 1, min_mp_prio: 0 },
    });
    expect(runChecks(sc, base)).toEqual([
      { check: 'stream_intact', pass: true, detail: 'stream_equal=True' },
      { check: 'mptcp', pass: true, detail: 'mptcp in use=False' },
      { check: 'min_subflows', pass: true, detail: 'subflows=1' },
      { check: 'max_subflows', pass: true, detail: 'subflows=1' },
      { check: 'min_subflows_with_payload', pass: false, detail: 'subflows with payload=1' },
      { check: 'max_duration_s', pass: true, detail: 'duration_s=0.6' },
      { check: 'min_add_addr', pass: false, detail: 'ADD_ADDR options=0' },
      { check: 'min_mp_prio', pass: true, detail: 'MP_PRIO options=0' },
    ]);
  });
  it('stream_intact: false switches the default check off; a missing duration fails max_duration_s', () => {
    const s = { ...base, app: { ...base.app, duration_s: undefined } };
    expect(runChecks(scenario({ expect: { stream_intact: false, max_duration_s: 2 } }), s)).toEqual([
      { check: 'max_duration_s', pass: false, detail: 'duration_s=None' },
    ]);
  });
});

// ---------------------------------------------------------------- shape vs the real kernel-ref

describe('key sets equal a real kernel-ref summary (e_fallback_server_tcp)', () => {
  const kr = JSON.parse(readFileSync(E_FALLBACK, 'utf8')) as Record<string, any>;
  const ours = summarize(tcpUpload(), scenario({ expect: { mptcp: false } })) as unknown as Record<string, any>;
  const keys = (o: object): string[] => Object.keys(o);

  it('top level: the same keys in the same order, plus our `ignored`', () => {
    expect(keys(ours)).toEqual([...keys(kr), 'ignored']);
  });
  it('app: the same keys (client/server are our AppResult)', () => {
    expect(keys(ours.app)).toEqual(keys(kr.app));
  });
  it('subflows[0] and its nested objects: the same keys', () => {
    expect(keys(ours.subflows[0])).toEqual(keys(kr.subflows[0]));
    for (const k of keys(kr.subflows[0])) {
      const v = kr.subflows[0][k];
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) expect([k, keys(ours.subflows[0][k])]).toEqual([k, keys(v)]);
    }
  });
  it('paths[0], handshakes, connections, data_gaps_top, result, capture: the same keys', () => {
    expect(keys(ours.paths[0])).toEqual(keys(kr.paths[0]));
    expect(keys(ours.paths[0].shaping)).toEqual(keys(kr.paths[0].shaping));
    expect(keys(ours.handshakes[0])).toEqual(keys(kr.handshakes[0]));
    expect(keys(ours.handshakes[0].packets[1])).toEqual(keys(kr.handshakes[0].packets[1]));
    expect(keys(ours.connections[0])).toEqual(keys(kr.connections[0]));
    expect(keys(ours.data_gaps_top[0])).toEqual(keys(kr.data_gaps_top[0]));
    expect(keys(ours.result)).toEqual(keys(kr.result));
    expect(keys(ours.capture)).toEqual(keys(kr.capture));
    expect(keys(ours.checks[0])).toEqual(keys(kr.checks[0]));
  });
  it('wire and environment: every kernel-ref key present (ours add drop_down; simulator/version/engine)', () => {
    const krDir = kr.wire.paths['1'].c2s;
    expect(keys(ours.wire)).toEqual(keys(kr.wire));
    expect(keys(ours.wire.paths['1'].c2s).filter((k) => k !== 'drop_down')).toEqual(keys(krDir));
    expect(keys(ours.environment).filter((k) => !['simulator', 'version', 'engine'].includes(k))).toEqual(keys(kr.environment));
    expect(keys(ours.kernel_counters)).toEqual(keys(kr.kernel_counters));
  });
});

// ---------------------------------------------------------------- formatting and speed

describe('Python-compatible formatting', () => {
  it('pyRound rounds the exact binary value half-to-even like CPython round()', () => {
    expect(pyRound(0.0625, 3)).toBe(0.062); // exact tie → even
    expect(pyRound(0.1875, 3)).toBe(0.188); // exact tie → even
    expect(pyRound(2.675, 2)).toBe(2.67); // 2.675 is 2.67499999… in binary
    expect(pyRound(1.0418343, 4)).toBe(1.0418);
    expect(pyRound(0.99996, 4)).toBe(1);
    expect(pyRound(-0.0625, 3)).toBe(-0.062);
  });
  it('pct picks kernel-ref nearest rank int(q·(n−1) + 0.5)', () => {
    expect(pct([1, 2, 3, 4], 0.5)).toBe(3);
    expect(pct([1, 2, 3, 4], 0.9)).toBe(4);
    expect(pct([7], 0.9)).toBe(7);
    expect(pct([], 0.5)).toBeNull();
  });
  it('flag names in kernel-ref order, "none" for none', () => {
    expect(flagNames(SYN | ACK)).toBe('SYN,ACK');
    expect(flagNames(FIN | ACK | 0x08)).toBe('ACK,PSH,FIN');
    expect(flagNames(0)).toBe('none');
  });
});

describe('speed', () => {
  it('analyses a million capture records in well under the time a quadratic pass would take', () => {
    const recs: CaptureRecord[] = [];
    const c = ipv4ToInt('10.0.1.1');
    const srv = ipv4ToInt('10.0.1.2');
    let seq = 1000;
    let t = 0;
    for (let i = 0; recs.length < 1_000_000; i++) {
      const p = blankPacket();
      p.src = c;
      p.dst = srv;
      p.sport = 40000;
      p.dport = 5201;
      p.flags = ACK;
      p.seq = seq >>> 0;
      p.ack = 1;
      p.payloadLen = 1448;
      p.win = 500;
      t += 1_200_000;
      recs.push({ t, pkt: p, path: 1, side: 'server', dir: 'c2s' });
      seq += 1448;
      if (i % 2 === 1) {
        const a = blankPacket();
        a.src = srv;
        a.dst = c;
        a.sport = 5201;
        a.dport = 40000;
        a.flags = ACK;
        a.seq = 1;
        a.ack = seq >>> 0;
        a.win = 1000;
        recs.push({ t: t + 10_000, pkt: a, path: 1, side: 'server', dir: 's2c' });
      }
    }
    const t0 = performance.now();
    const a = analyzeCaptures(scenario(), recs, 'server');
    const ms = performance.now() - t0;
    expect(a.packets_analysed).toBe(1_000_000);
    expect(a.subflows[0].ack_rtt_ms.s2c?.n).toBe(333_333);
    // ~0.3–0.5 s on the 2-core CI machine; the bound only catches an accidental O(n²).
    expect(ms).toBeLessThan(5000);
  });
});
