/**
 * The capture half of `kernel-ref-summary/1`: what kernel-ref's `analyze()` computes from tshark's
 * dissection of the merged capture of one side (../shared/kernel-ref/run, `analyze`), here computed
 * from the trace's CaptureRecords of that side — the same packets dumpcap would have written.
 *
 * One pass over the records, in capture order (tshark's frame order). Per record: a stream lookup
 * (two Map gets, no allocation), the tshark-like sequence analysis (tcp-seq-analysis.ts) and a few
 * counters; objects are built only for the rare handshake and signal packets. ~1M records analyse
 * in a few hundred ms.
 *
 * Streams are numbered like tshark's `tcp.stream`: in order of the first packet of each address/port
 * pair (either direction). A SYN without ACK on a pair whose stream already saw a FIN or RST, with
 * a different initial sequence number, starts a new stream (tshark's port-reuse rule, simplified).
 */
import type { Scenario } from '../scenario/types';
import type { CaptureRecord, Dir, Side } from '../sim/trace';
import { ACK, FIN, RST, SYN, intToIpv4 } from '../net/packet';
import { FourTupleMap } from '../net/four-tuple';
import { ConversationAnalysis, TA_ANY_RETRANSMISSION } from './tcp-seq-analysis';
import {
  DSS,
  MP_CAPABLE,
  MP_JOIN,
  MP_PRIO,
  SIGNAL_MASK,
  hasDataFin,
  SUBTYPE_NAMES,
  HS_FIELDS,
  SIG_FIELDS,
  hexify,
  keyToTokenIdsn,
  pickFields,
  subtypeName,
  tsharkRow,
  type TsharkRow,
} from './mptcp-fields';
import { flagNames, hex, nsToUs, pct, pyRound, usToS } from './py-format';

export interface PerDir<T> {
  c2s: T;
  s2c: T;
}
export type OptionCounts = Record<string, number>;

export interface AckRttStats {
  n: number;
  median: number;
  p90: number;
}

export interface JoinInfo {
  receiver_token: string;
  initiator_addr_id: number | null;
  responder_addr_id: number | null;
  backup_requested_by_initiator: boolean;
  backup_requested_by_responder: boolean;
}

export interface SubflowSummary {
  stream: number;
  path: number | null;
  interface: string;
  client: string;
  server: string;
  four_tuple: { client_ip: string; client_port: number; server_ip: string; server_port: number };
  initiator: Side | null;
  kind: 'MP_CAPABLE' | 'MP_JOIN' | 'TCP';
  /** Did the SYN/ACK echo the SYN's MPTCP option? null for kind TCP. */
  mptcp_negotiated: boolean | null;
  kind_note: string | null;
  first_syn_t: number | null;
  syn_count: number;
  synack_t: number | null;
  tshark_mptcp_stream: number | null;
  join: JoinInfo | null;
  /** Keys as tshark prints them (decimal strings), MP_CAPABLE subflows only. */
  keys: { server_key?: string; client_key?: string } | null;
  option_counts: OptionCounts;
  packets: PerDir<number>;
  payload_bytes: PerDir<number>;
  retransmitted_payload_bytes: PerDir<number>;
  first_payload_t: PerDir<number | null>;
  last_payload_t: PerDir<number | null>;
  fin_t: PerDir<number | null>;
  data_fin_t: PerDir<number | null>;
  rst_packets: PerDir<number>;
  mp_prio: { t: number; dir: Dir; backup: string }[];
  ack_rtt_ms: PerDir<AckRttStats | null>;
  series_bytes: PerDir<number[]>;
  /** Index into connections[]; absent (as in kernel-ref) for a TCP stream whose SYN was not seen. */
  connection?: number | null;
}

export interface ConnectionSummary {
  index: number;
  initial_stream: number;
  fallback: boolean;
  subflow_streams: number[];
  client_key?: string;
  client_token?: string;
  client_idsn?: string;
  server_key?: string;
  server_token?: string;
  server_idsn?: string;
}

export interface HandshakePacket {
  t: number;
  frame: number;
  dir: Dir;
  tcp_flags: string;
  tcp_len: number;
  mptcp_subtypes: string[];
  tcp_mss?: number;
  mptcp?: Record<string, string>;
}

export interface HandshakeSummary {
  stream: number;
  kind: SubflowSummary['kind'];
  path: number | null;
  client: string;
  server: string;
  packets: HandshakePacket[];
}

export interface MptcpSignal {
  t: number;
  frame: number;
  stream: number;
  dir: Dir;
  tcp_flags: string;
  subtypes: string[];
  [field: string]: unknown;
}

export interface DataGap {
  start_t: number;
  end_t: number;
  gap_s: number;
  stream_before: number;
  stream_after: number;
}

export interface PathSummary {
  id: number;
  name: string;
  client_if: string;
  server_if: string;
  client_addr: string;
  server_addr: string;
  client_extra_addrs: string[];
  server_extra_addrs: string[];
  shaping: { c2s: Scenario['paths'][number]['c2s']; s2c: Scenario['paths'][number]['s2c']; tbf: Scenario['paths'][number]['tbf'] };
  subflow_streams: number[];
  packets: PerDir<number>;
  payload_bytes: PerDir<number>;
  series_bytes: PerDir<number[]>;
}

export interface CaptureAnalysis {
  view: Side;
  data_direction: Dir;
  bin_s: number;
  paths: PathSummary[];
  connections: ConnectionSummary[];
  subflows: SubflowSummary[];
  option_counts_total: OptionCounts;
  handshakes: HandshakeSummary[];
  mptcp_signals: MptcpSignal[];
  data_gaps_top: DataGap[];
  total_series_bytes: number[];
  packets_analysed: number;
}

const KIND_NOTE_FALLBACK = 'SYN carried MP_CAPABLE but the SYN/ACK did not: plain TCP (fallback)';

/** Bit i set = subtype i present (subtypes ≥ 31 are only counted by name). */
function subtypeMask(rec: CaptureRecord): number {
  const opts = rec.pkt.mptcp;
  if (opts === null) return 0;
  let m = 0;
  for (let i = 0; i < opts.length; i++) {
    const s = opts[i].subtype;
    if (s >= 0 && s < 31) m |= 1 << s;
  }
  return m;
}

function subtypeNames(rec: CaptureRecord): string[] {
  const opts = rec.pkt.mptcp;
  if (opts === null) return [];
  return opts.map((o) => subtypeName(o.subtype));
}

/** Everything accumulated for one tshark stream. */
class StreamAcc {
  readonly conv = new ConversationAnalysis();
  readonly packets = [0, 0];
  readonly payload = [0, 0];
  readonly rtx = [0, 0];
  readonly firstPayUs = [-1, -1];
  readonly lastPayUs = [-1, -1];
  readonly finUs = [-1, -1];
  readonly dataFinUs = [-1, -1];
  readonly rst = [0, 0];
  readonly ackRttNs: [number[], number[]] = [[], []];
  readonly series: [number[], number[]] = [[], []];
  readonly counts = new Map<string, number>();
  /** Packets per path id (kernel-ref counts per capture interface). */
  pathCounts: number[] = [];
  /** Path ids in order of first packet (kernel-ref's `max(ifnames, key=...)` keeps the first on ties). */
  readonly pathOrder: number[] = [];
  firstSyn = -1;
  synCount = 0;
  firstSynAck = -1;
  /** Record indices of handshake packets, and of the reply that follows the last of them. */
  readonly hs: number[] = [];
  hsExtra = -1;
  keys: { server_key?: string; client_key?: string } | null = null;
  readonly prio: { t: number; dir: Dir; backup: string }[] = [];
  closed = false;
  synSeq = -1;
  constructor(
    readonly stream: number,
    readonly firstRec: number,
  ) {}
}

const dirIndex = (d: Dir): 0 | 1 => (d === 'c2s' ? 0 : 1);

/** kernel-ref `analyze(runner, files, side)` over the records captured on `side`. */
export function analyzeCaptures(scenario: Scenario, captures: readonly CaptureRecord[], side: Side): CaptureAnalysis {
  const binS = scenario.analysis.bin_s;
  const dataDir: Dir = scenario.app.direction === 'upload' ? 'c2s' : 's2c';
  const dataDirIdx = dirIndex(dataDir);

  // The view's records, in capture order; frame number = position + 1.
  const recs: CaptureRecord[] = [];
  for (let i = 0; i < captures.length; i++) if (captures[i].side === side) recs.push(captures[i]);

  const byTuple = new FourTupleMap<StreamAcc>();
  const streams: StreamAcc[] = [];
  const signals: MptcpSignal[] = [];
  // Data-direction payload packets (for data_gaps_top): time in µs and stream.
  let gapT = new Float64Array(1024);
  let gapS = new Int32Array(1024);
  let nGap = 0;
  let tMaxUs = 0;

  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i];
    const p = rec.pkt;
    let st = byTuple.get(p);
    const flags = p.flags;
    if (st !== undefined && flags & SYN && !(flags & ACK) && st.closed && st.synSeq !== p.seq) st = undefined;
    if (st === undefined) {
      st = new StreamAcc(streams.length, i);
      streams.push(st);
      byTuple.set(p, st);
    }

    const d = dirIndex(rec.dir);
    const tUs = nsToUs(rec.t);
    if (tUs > tMaxUs) tMaxUs = tUs;
    const len = p.payloadLen;
    st.packets[d]++;
    const pc = st.pathCounts;
    while (pc.length <= rec.path) pc.push(0);
    if (pc[rec.path]++ === 0) st.pathOrder.push(rec.path);

    const ta = st.conv.analyze(d, rec.t, p.seq, p.ack, len, flags, p.win, p.wscale);

    const mask = subtypeMask(rec);
    if (p.mptcp !== null) {
      for (let j = 0; j < p.mptcp.length; j++) {
        const name = subtypeName(p.mptcp[j].subtype);
        st.counts.set(name, (st.counts.get(name) ?? 0) + 1);
      }
    }
    if (len > 0) {
      st.payload[d] += len;
      if (st.firstPayUs[d] < 0) st.firstPayUs[d] = tUs;
      st.lastPayUs[d] = tUs;
      const bin = Math.max(0, Math.trunc(usToS(tUs) / binS));
      const ser = st.series[d];
      while (ser.length <= bin) ser.push(0);
      ser[bin] += len;
      if (ta & TA_ANY_RETRANSMISSION) st.rtx[d] += len;
      if (d === dataDirIdx) {
        if (nGap === gapT.length) {
          const nt = new Float64Array(nGap * 2);
          nt.set(gapT);
          gapT = nt;
          const ns = new Int32Array(nGap * 2);
          ns.set(gapS);
          gapS = ns;
        }
        gapT[nGap] = tUs;
        gapS[nGap] = st.stream;
        nGap++;
      }
    }
    if (flags & FIN && st.finUs[d] < 0) st.finUs[d] = tUs;
    if (flags & (FIN | RST)) st.closed = true;
    if (flags & RST) st.rst[d]++;
    if (st.conv.ackRtt >= 0) st.ackRttNs[d].push(st.conv.ackRtt);
    if (flags & SYN) {
      if (!(flags & ACK)) {
        if (st.firstSyn < 0) {
          st.firstSyn = i;
          st.synSeq = p.seq;
        }
        st.synCount++;
      } else if (st.firstSynAck < 0) st.firstSynAck = i;
    }

    // Handshake packets: SYN-flagged or carrying MP_CAPABLE / MP_JOIN; then the next reply.
    if (flags & SYN || mask & ((1 << MP_CAPABLE) | (1 << MP_JOIN))) {
      st.hs.push(i);
      st.hsExtra = -1;
    } else if (st.hs.length > 0 && st.hsExtra < 0 && recs[st.hs[st.hs.length - 1]].dir !== rec.dir) {
      st.hsExtra = i;
    }

    if (mask !== 0) {
      if (mask & (1 << DSS) && st.dataFinUs[d] < 0 && hasDataFin(p.mptcp!)) st.dataFinUs[d] = tUs;
      if (mask & ((1 << MP_CAPABLE) | SIGNAL_MASK)) {
        const row = tsharkRow(p.mptcp!);
        if (mask & (1 << MP_CAPABLE)) collectKeys(st, row, flags, rec.dir);
        if (mask & SIGNAL_MASK) {
          const sig: MptcpSignal = {
            t: usToS(tUs),
            frame: i + 1,
            stream: st.stream,
            dir: rec.dir,
            tcp_flags: flagNames(flags),
            subtypes: subtypeNames(rec),
            ...pickFields(row, SIG_FIELDS),
          };
          signals.push(sig);
          if (mask & (1 << MP_PRIO)) st.prio.push({ t: usToS(tUs), dir: rec.dir, backup: row.backup ?? '' });
        }
      }
    }
  }

  const nbins = Math.trunc(usToS(tMaxUs) / binS) + 1;
  const subflows: SubflowSummary[] = [];
  const handshakes: HandshakeSummary[] = [];
  const optionTotal: OptionCounts = {};
  for (const n of SUBTYPE_NAMES) optionTotal[n] = 0;

  for (const st of streams) {
    const sf = buildSubflow(scenario, side, recs, st, nbins);
    for (const [name, n] of st.counts) optionTotal[name] = (optionTotal[name] ?? 0) + n;
    subflows.push(sf);
    if (st.hs.length > 0) handshakes.push(buildHandshake(recs, st, sf));
  }

  const connections = buildConnections(subflows);
  handshakes.sort((x, y) => (x.packets.length ? x.packets[0].t : 0) - (y.packets.length ? y.packets[0].t : 0));

  const paths: PathSummary[] = scenario.paths.map((pc) => {
    const mine = subflows.filter((sf) => sf.path === pc.id);
    const sum = (dd: Dir): number[] => {
      const out = new Array<number>(nbins).fill(0);
      for (const sf of mine) {
        const s = sf.series_bytes[dd];
        for (let j = 0; j < nbins; j++) out[j] += s[j];
      }
      return out;
    };
    return {
      id: pc.id,
      name: pc.name,
      client_if: pc.client_if,
      server_if: pc.server_if,
      client_addr: pc.client_addr,
      server_addr: pc.server_addr,
      client_extra_addrs: pc.client_extra_addrs,
      server_extra_addrs: pc.server_extra_addrs,
      shaping: { c2s: pc.c2s, s2c: pc.s2c, tbf: pc.tbf },
      subflow_streams: mine.map((sf) => sf.stream),
      packets: { c2s: mine.reduce((n, sf) => n + sf.packets.c2s, 0), s2c: mine.reduce((n, sf) => n + sf.packets.s2c, 0) },
      payload_bytes: {
        c2s: mine.reduce((n, sf) => n + sf.payload_bytes.c2s, 0),
        s2c: mine.reduce((n, sf) => n + sf.payload_bytes.s2c, 0),
      },
      series_bytes: { c2s: sum('c2s'), s2c: sum('s2c') },
    };
  });

  let totalSeries: number[] = [];
  if (subflows.length > 0) {
    totalSeries = new Array<number>(nbins).fill(0);
    for (const sf of subflows) {
      const s = sf.series_bytes[dataDir];
      for (let j = 0; j < nbins; j++) totalSeries[j] += s[j];
    }
  }

  return {
    view: side,
    data_direction: dataDir,
    bin_s: binS,
    paths,
    connections,
    subflows,
    option_counts_total: optionTotal,
    handshakes,
    mptcp_signals: signals,
    data_gaps_top: topGaps(gapT, gapS, nGap, 5),
    total_series_bytes: totalSeries,
    packets_analysed: recs.length,
  };
}

/** kernel-ref's key collection for MP_CAPABLE subflows (first value wins, as `setdefault`). */
function collectKeys(st: StreamAcc, row: TsharkRow, flags: number, dir: Dir): void {
  const set = (k: 'server_key' | 'client_key', v: string): void => {
    if (st.keys === null) st.keys = {};
    if (st.keys[k] === undefined) st.keys[k] = v;
  };
  if ((flags & (SYN | ACK)) === (SYN | ACK) && row.sendkey) {
    set(dir === 's2c' ? 'server_key' : 'client_key', row.sendkey);
  } else if (!(flags & SYN) && row.sendkey) {
    set(dir === 'c2s' ? 'client_key' : 'server_key', row.sendkey.split(',')[0]);
    if (row.recvkey) set(dir === 'c2s' ? 'server_key' : 'client_key', row.recvkey.split(',')[0]);
  }
}

function buildSubflow(scenario: Scenario, side: Side, recs: readonly CaptureRecord[], st: StreamAcc, nbins: number): SubflowSummary {
  const r0 = recs[st.firstRec];
  const p0 = r0.pkt;
  const cIsSrc = r0.dir === 'c2s';
  const cip = intToIpv4(cIsSrc ? p0.src : p0.dst);
  const cport = cIsSrc ? p0.sport : p0.dport;
  const sip = intToIpv4(cIsSrc ? p0.dst : p0.src);
  const sport = cIsSrc ? p0.dport : p0.sport;

  const syn = st.firstSyn >= 0 ? recs[st.firstSyn] : null;
  const synack = st.firstSynAck >= 0 ? recs[st.firstSynAck] : null;
  const initiator: Side | null = syn === null ? null : syn.dir === 'c2s' ? 'client' : 'server';
  let kind: SubflowSummary['kind'] = 'TCP';
  if (syn !== null) {
    const m = subtypeMask(syn);
    if (m & (1 << MP_CAPABLE)) kind = 'MP_CAPABLE';
    else if (m & (1 << MP_JOIN)) kind = 'MP_JOIN';
  }
  let negotiated: boolean | null = null;
  if (kind !== 'TCP') {
    negotiated = synack !== null && (subtypeMask(synack) & (1 << (kind === 'MP_CAPABLE' ? MP_CAPABLE : MP_JOIN))) !== 0;
  }

  // Path: the one most of the stream's packets were captured on (first on ties), as kernel-ref
  // picks the interface; then by the client address.
  let path: number | null = null;
  let best = 0;
  for (const pid of st.pathOrder) {
    if (st.pathCounts[pid] > best) {
      best = st.pathCounts[pid];
      path = pid;
    }
  }
  let pc = scenario.paths.find((x) => x.id === path);
  if (pc === undefined) {
    pc = scenario.paths.find((x) => x.client_addr === cip || x.client_extra_addrs.includes(cip));
    path = pc === undefined ? null : pc.id;
  }
  const iface = pc === undefined ? '' : side === 'server' ? pc.server_if : pc.client_if;

  let join: JoinInfo | null = null;
  if (kind === 'MP_JOIN' && syn !== null) {
    const rs = tsharkRow(syn.pkt.mptcp ?? []);
    const ra: TsharkRow = synack !== null ? tsharkRow(synack.pkt.mptcp ?? []) : {};
    const toInt = (v: string | undefined): number | null => (v === undefined || v === '' ? null : parseInt(v.split(',')[0], 10));
    join = {
      receiver_token: hexify('receiver_token', rs.recvtok ?? ''),
      initiator_addr_id: toInt(rs.addrid),
      responder_addr_id: toInt(ra.addrid),
      backup_requested_by_initiator: rs.backup === '1',
      backup_requested_by_responder: ra.backup === '1',
    };
  }

  const optionCounts: OptionCounts = {};
  for (const n of SUBTYPE_NAMES) optionCounts[n] = 0;
  for (const [name, n] of st.counts) optionCounts[name] = (optionCounts[name] ?? 0) + n;

  const t = (us: number): number | null => (us < 0 ? null : usToS(us));
  const perDir = <T>(f: (d: 0 | 1) => T): PerDir<T> => ({ c2s: f(0), s2c: f(1) });
  const series = perDir((d) => {
    const s = st.series[d];
    while (s.length < nbins) s.push(0);
    return s;
  });
  const ackRtt = perDir((d): AckRttStats | null => {
    const v = st.ackRttNs[d];
    if (v.length === 0) return null;
    const sorted = Float64Array.from(v).sort();
    // tshark prints ack_rtt in seconds with 9 decimals; kernel-ref × 1000, then round(…, 3).
    const ms = (ns: number): number => pyRound((ns / 1e9) * 1000, 3);
    return { n: v.length, median: ms(pct(sorted, 0.5)!), p90: ms(pct(sorted, 0.9)!) };
  });

  return {
    stream: st.stream,
    path,
    interface: iface,
    client: `${cip}:${cport}`,
    server: `${sip}:${sport}`,
    four_tuple: { client_ip: cip, client_port: cport, server_ip: sip, server_port: sport },
    initiator,
    kind,
    mptcp_negotiated: negotiated,
    kind_note: kind === 'MP_CAPABLE' && negotiated === false ? KIND_NOTE_FALLBACK : null,
    first_syn_t: syn === null ? null : usToS(nsToUs(syn.t)),
    syn_count: st.synCount,
    synack_t: synack === null ? null : usToS(nsToUs(synack.t)),
    tshark_mptcp_stream: null,
    join,
    keys: kind === 'MP_CAPABLE' ? st.keys : null,
    option_counts: optionCounts,
    packets: perDir((d) => st.packets[d]),
    payload_bytes: perDir((d) => st.payload[d]),
    retransmitted_payload_bytes: perDir((d) => st.rtx[d]),
    first_payload_t: perDir((d) => t(st.firstPayUs[d])),
    last_payload_t: perDir((d) => t(st.lastPayUs[d])),
    fin_t: perDir((d) => t(st.finUs[d])),
    data_fin_t: perDir((d) => t(st.dataFinUs[d])),
    rst_packets: perDir((d) => st.rst[d]),
    mp_prio: st.prio,
    ack_rtt_ms: ackRtt,
    series_bytes: series,
  };
}

function buildHandshake(recs: readonly CaptureRecord[], st: StreamAcc, sf: SubflowSummary): HandshakeSummary {
  const idx = st.hsExtra >= 0 ? [...st.hs, st.hsExtra] : st.hs;
  const packets = idx.map((i): HandshakePacket => {
    const r = recs[i];
    const p = r.pkt;
    const ent: HandshakePacket = {
      t: usToS(nsToUs(r.t)),
      frame: i + 1,
      dir: r.dir,
      tcp_flags: flagNames(p.flags),
      tcp_len: p.payloadLen,
      mptcp_subtypes: subtypeNames(r),
    };
    if (p.mss > 0) ent.tcp_mss = p.mss;
    if (p.mptcp !== null) {
      const mp = pickFields(tsharkRow(p.mptcp), HS_FIELDS);
      if (Object.keys(mp).length > 0) ent.mptcp = mp;
    }
    return ent;
  });
  return { stream: st.stream, kind: sf.kind, path: sf.path, client: sf.client, server: sf.server, packets };
}

/** kernel-ref's grouping of subflows into connections (MP_JOINs matched by token). */
function buildConnections(subflows: SubflowSummary[]): ConnectionSummary[] {
  const conns: ConnectionSummary[] = [];
  const capableOrder = new Map<number, number>();
  for (const sf of subflows) {
    if (sf.kind === 'MP_CAPABLE' || (sf.kind === 'TCP' && sf.initiator !== null)) {
      const c: ConnectionSummary = {
        index: conns.length,
        initial_stream: sf.stream,
        fallback: sf.kind === 'TCP',
        subflow_streams: [sf.stream],
      };
      if (sf.keys !== null) {
        for (const who of ['client', 'server'] as const) {
          const k = sf.keys[`${who}_key`];
          if (k !== undefined && /^\d+$/.test(k)) {
            const key = BigInt(k);
            const { token, idsn } = keyToTokenIdsn(key);
            c[`${who}_key`] = hex(key, 16);
            c[`${who}_token`] = hex(token, 8);
            c[`${who}_idsn`] = hex(idsn, 16);
          }
        }
      }
      if (sf.kind === 'MP_CAPABLE' && (sf.mptcp_negotiated === false || sf.option_counts.DSS === 0)) c.fallback = true;
      if (sf.kind === 'MP_CAPABLE') capableOrder.set(c.index, capableOrder.size);
      sf.connection = c.index;
      conns.push(c);
    }
  }
  for (const sf of subflows) {
    if (sf.kind === 'MP_JOIN' && sf.join !== null) {
      const tok = /^0x[0-9a-f]+$/i.test(sf.join.receiver_token) ? BigInt(sf.join.receiver_token) : null;
      const want = sf.initiator === 'client' ? 'server_token' : 'client_token';
      for (const c of conns) {
        const ct = c[want];
        if (ct !== undefined && tok !== null && BigInt(ct) === tok) {
          c.subflow_streams.push(sf.stream);
          sf.connection = c.index;
        }
      }
      if (sf.connection === undefined) sf.connection = null;
      // tshark numbers MPTCP connections (mptcp.stream) in order; a join's first packet carries it.
      if (sf.connection !== null) sf.tshark_mptcp_stream = capableOrder.get(sf.connection) ?? null;
    }
  }
  return conns;
}

/**
 * kernel-ref's `data_gaps_top`: the data-direction payload packets sorted by (t, stream), the gap
 * between each consecutive pair, the `n` largest (ties: earlier first, Python's stable sort).
 */
function topGaps(t: Float64Array, s: Int32Array, n: number, keep: number): DataGap[] {
  // Records come in capture order; only equal-µs runs may need reordering by stream.
  let ord: number[] | null = null;
  for (let i = 1; i < n; i++) {
    if (t[i] < t[i - 1] || (t[i] === t[i - 1] && s[i] < s[i - 1])) {
      ord = Array.from({ length: n }, (_, j) => j).sort((x, y) => t[x] - t[y] || s[x] - s[y] || x - y);
      break;
    }
  }
  const at = (i: number): number => (ord === null ? i : ord[i]);
  const top: { gapUs: number; a: number; b: number }[] = [];
  for (let i = 1; i < n; i++) {
    const a = at(i - 1);
    const b = at(i);
    const gapUs = t[b] - t[a];
    if (top.length === keep && gapUs <= top[keep - 1].gapUs) continue;
    let pos = top.length;
    while (pos > 0 && top[pos - 1].gapUs < gapUs) pos--;
    top.splice(pos, 0, { gapUs, a, b });
    if (top.length > keep) top.pop();
  }
  return top.map((g) => ({
    start_t: usToS(t[g.a]),
    end_t: usToS(t[g.b]),
    gap_s: usToS(g.gapUs),
    stream_before: s[g.a],
    stream_after: s[g.b],
  }));
}

