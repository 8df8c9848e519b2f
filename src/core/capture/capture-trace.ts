/**
 * A real capture (pcap / pcapng bytes) → the same objects a simulated run gives the views and the
 * summary writer: a `Trace`, a `Scenario` describing the capture (capture-scenario.ts) and the
 * `kernel-ref-summary/1` summary (src/core/export/summary.ts, unchanged: the capture fields come from
 * the same analysis as a simulated run's, i.e. the tshark-like pass kernel-ref makes).
 *
 * What comes from the packets: CaptureRecords (time since the first packet, path, direction,
 * decoded options), connections and subflows grouped by token (computed from the keys), DSS
 * mappings, signals, reconstructed lifecycle events (capture-events.ts), the application bytes per
 * direction and first/last payload times, the end time, each payload byte's data-level position
 * (stream-positions.ts; the application bytes are the data-level span, else the highest sequence
 * number reached per subflow, SYN/FIN excluded). The client's connect() and connected times are
 * the first SYN and the handshake's ACK as seen at the capture point (one RTT apart on either
 * host's capture).
 *
 * Paths: kernel-ref interface names `srv-pK` / `cli-pK` give path K; otherwise one path per capture
 * interface when there are several; with one interface, one path per client address (client = the
 * SYN sender; without a SYN, the end with the higher port). The capture side is `client` when every
 * interface is named `cli-…`, else `server` (kernel-ref's default view), unless the caller says.
 *
 * What a capture cannot tell is left empty or null: link counters (`trace.links` empty, so
 * `wire.paths` is {}), socket samples and checkpoints, MIB counters, `ip mptcp monitor` events,
 * scheduler decisions, sha256 of the streams, the apps' done times (so `duration_s` is absent),
 * MPTCP_INFO. The summary's times are seconds since the first packet, not since connect().
 *
 * Never throws: every problem is a located CaptureError; a capture without a single TCP packet is
 * an error, anything else gives a (possibly partial) view plus the list of problems.
 */
import { ACK, SYN, intToIpv4 } from '../net/packet';
import { FourTupleMap } from '../net/four-tuple';
import type { AppResult, CaptureRecord, Dir, Side, Trace } from '../sim/trace';
import type { Scenario } from '../scenario/types';
import { installMptcpWire } from '../wire/mptcp/index';
import { buildSummary, type Summary } from '../export/summary';
import { readCapture, type CaptureError, type CaptureFormat, type CaptureInterface } from './pcap-reader';
import { AddressBook, decodeFrame } from './frame-decode';
import { captureScenario, type CapturePath } from './capture-scenario';
import { captureConnections, reconstructEvents, type CaptureStream } from './capture-events';
import { assignStreamPositions, dataLevelBytes } from './stream-positions';

export { PAGE_MAX_CAPTURE_BYTES } from './limits';

export interface ImportOptions {
  fileName?: string;
  /** Refuse files larger than this (bytes). */
  maxBytes?: number;
  /** Which host the capture was taken on (default: from the interface names, else server). */
  side?: Side;
  onProgress?: (fraction: number) => void;
  /**
   * t = 0 of the summary and the views, ns since the epoch (kernel-ref's `t0_epoch`, the client's
   * connect()); default and whenever it is later than the first packet: the first packet's time.
   */
  t0EpochNs?: bigint;
}

export interface CaptureInfo {
  fileName: string;
  format: CaptureFormat | null;
  fileBytes: number;
  frames: number;
  tcpPackets: number;
  /** Frames that were not TCP over IP, by reason. */
  skipped: Record<string, number>;
  /** TCP packets whose payload the snap length cut short (their length comes from the IP header). */
  truncatedPackets: number;
  interfaces: CaptureInterface[];
  side: Side;
  /** IPv6 addresses and the 240.x.y.z placeholders the views show for them. */
  ipv6: { placeholder: string; address: string }[];
  /** Time of the first packet, ns since the epoch (the summary's t = 0), as a decimal string. */
  t0EpochNs: string;
  errors: CaptureError[];
}

export interface CaptureImport {
  trace: Trace;
  scenario: Scenario;
  summary: Summary;
  info: CaptureInfo;
}

export type ImportResult = { ok: true; value: CaptureImport } | { ok: false; message: string; errors: CaptureError[] };

interface Raw {
  ts: bigint;
  iface: number;
  pkt: CaptureRecord['pkt'];
}

const SUMMARY_NULL_NOTE =
  'imported capture: times are seconds since the first packet; link counters, socket samples, MIB counters, ip mptcp monitor events, checksums of the streams and the apps\' done times are not in a capture and are left empty or null';

/** Imports a capture. Never throws. */
export function importCapture(bytes: Uint8Array, opts: ImportOptions = {}): ImportResult {
  try {
    return importUnsafe(bytes, opts);
  } catch (e) {
    const message = `the capture could not be analysed: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, message, errors: [{ offset: 0, block: 0, message, fatal: true }] };
  }
}

function importUnsafe(bytes: Uint8Array, opts: ImportOptions): ImportResult {
  const fileName = opts.fileName ?? 'capture';
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    const message = `${fileName} is ${mb(bytes.length)} MB; the limit is ${mb(opts.maxBytes)} MB`;
    return { ok: false, message, errors: [{ offset: 0, block: 0, message, fatal: true }] };
  }
  installMptcpWire();
  const book = new AddressBook();
  const raws: Raw[] = [];
  const skipped: Record<string, number> = {};
  let truncated = 0;
  const decodeErrors: CaptureError[] = [];
  const read = readCapture(
    bytes,
    (f, iface) => {
      const d = decodeFrame(f.data, iface.linkType, f.origLen, book);
      if (d.kind === 'tcp') {
        d.pkt.id = f.frame;
        raws.push({ ts: f.tsNs, iface: f.iface, pkt: d.pkt });
        if (d.truncated) truncated++;
      } else if (d.kind === 'skip') skipped[d.reason] = (skipped[d.reason] ?? 0) + 1;
      else if (decodeErrors.length < 1000) decodeErrors.push({ offset: f.offset, block: f.frame, message: `frame ${f.frame}: ${d.message} (byte ${d.offset} of the frame)`, fatal: false });
    },
    { onProgress: opts.onProgress === undefined ? undefined : (o, n) => opts.onProgress?.((0.9 * o) / n) },
  );
  const errors = [...read.errors, ...decodeErrors].sort((a, b) => a.offset - b.offset);
  const fatal = read.errors.find((e) => e.fatal);
  if (read.format === null) return { ok: false, message: fatal?.message ?? 'not a pcap or pcapng capture', errors: [] };
  if (raws.length === 0 && fatal !== undefined) return { ok: false, message: `no TCP packets to show: ${fatal.message}`, errors };

  // t = 0 at the earliest packet (an empty capture: the epoch).
  let t0 = raws.length > 0 ? raws[0].ts : 0n;
  for (const r of raws) if (r.ts < t0) t0 = r.ts;
  if (opts.t0EpochNs !== undefined && (raws.length === 0 || opts.t0EpochNs <= t0)) t0 = opts.t0EpochNs;

  // Streams by 4-tuple; the client of each is its SYN sender.
  interface Stream {
    raws: Raw[];
    client: number;
    clientPort: number;
  }
  const byTuple = new FourTupleMap<number>();
  const streamList: Stream[] = [];
  const streamOfRaw = new Int32Array(raws.length);
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    const p = r.pkt;
    let si = byTuple.get(p);
    if (si === undefined) {
      si = streamList.length;
      byTuple.set(p, si);
      streamList.push({ raws: [], client: -1, clientPort: -1 });
    }
    streamOfRaw[i] = si;
    const s = streamList[si];
    s.raws.push(r);
    if (s.client < 0 && p.flags & SYN) {
      const fromClient = !(p.flags & ACK);
      s.client = fromClient ? p.src : p.dst;
      s.clientPort = fromClient ? p.sport : p.dport;
    }
  }
  for (const s of streamList) {
    if (s.client >= 0) continue;
    const p = s.raws[0].pkt;
    const srcIsClient = p.sport >= p.dport;
    s.client = srcIsClient ? p.src : p.dst;
    s.clientPort = srcIsClient ? p.sport : p.dport;
  }

  // Side and paths.
  const ifaces = read.interfaces;
  // Interfaces that saw TCP (all of them in a capture without TCP, so its paths still show).
  const used = raws.length > 0 ? [...new Set(raws.map((r) => r.iface))].sort((x, y) => x - y) : ifaces.map((i) => i.index);
  const side: Side = opts.side ?? (used.every((i) => /^cli/.test(ifaces[i]?.name ?? '')) ? 'client' : 'server');
  const pathOfIface = new Map<number, number>();
  const krIds = used.map((i) => /-p(\d+)$/.exec(ifaces[i]?.name ?? '')).map((m) => (m === null ? 0 : Number(m[1])));
  const byName = krIds.every((k) => k > 0) && new Set(krIds).size === krIds.length;
  const paths: CapturePath[] = [];
  const pathOfClientAddr = new Map<number, number>();
  if (byName || used.length > 1) {
    used.forEach((i, n) => {
      const id = byName ? krIds[n] : n + 1;
      pathOfIface.set(i, id);
      paths.push({ id, ifName: ifaces[i]?.name ?? `if${i}`, clientAddrs: [], serverAddrs: [] });
    });
    paths.sort((x, y) => x.id - y.id);
  } else {
    for (const st of streamList) {
      const c = st.client;
      if (!pathOfClientAddr.has(c)) {
        const id = paths.length + 1;
        pathOfClientAddr.set(c, id);
        paths.push({ id, ifName: ifaces[used[0]]?.name ?? `addr-${id}`, clientAddrs: [], serverAddrs: [] });
      }
    }
  }
  const pathById = new Map(paths.map((p) => [p.id, p]));
  const addrText = (v: number): string => book.names.get(v) ?? intToIpv4(v);

  // Records, in capture order, and per-stream record lists.
  const captures: CaptureRecord[] = [];
  const capStreams: CaptureStream[] = [];
  const sockNo: Record<Side, number> = { client: 0, server: 0 };
  for (let i = 0; i < streamList.length; i++) capStreams.push({ recs: [], sock: { client: ++sockNo.client, server: ++sockNo.server } });
  /** Per direction and stream: the sequence space its payload covered (retransmissions once). */
  const seqSpan = [new Map<number, { lo: number; hi: number }>(), new Map<number, { lo: number; hi: number }>()];
  const firstPay: (number | null)[] = [null, null];
  const lastPay: (number | null)[] = [null, null];
  let firstSynT: number | null = null;
  let synAckT: number | null = null;
  /** The handshake's ACK (client → server after the first SYN/ACK): the connection as seen at the capture point. */
  let hsAckT: number | null = null;
  const registered = new Int32Array(streamList.length).fill(-1);
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    const p = r.pkt;
    const key = streamOfRaw[i];
    const s = streamList[key];
    const dir: Dir = p.src === s.client && p.sport === s.clientPort ? 'c2s' : 's2c';
    const path = pathOfIface.get(r.iface) ?? pathOfClientAddr.get(s.client) ?? 1;
    const pc = pathById.get(path);
    // The path's addresses: once per stream and path, not per packet.
    if (pc !== undefined && registered[key] !== path) {
      registered[key] = path;
      const cAddr = addrText(dir === 'c2s' ? p.src : p.dst);
      const sAddr = addrText(dir === 'c2s' ? p.dst : p.src);
      if (!pc.clientAddrs.includes(cAddr)) pc.clientAddrs.push(cAddr);
      if (!pc.serverAddrs.includes(sAddr)) pc.serverAddrs.push(sAddr);
    }
    const t = Number(r.ts - t0);
    const rec: CaptureRecord = { t: t < 0 ? 0 : t, pkt: p, path, side, dir };
    captures.push(rec);
    capStreams[key].recs.push(rec);
    const d = dir === 'c2s' ? 0 : 1;
    if (p.flags & SYN && !(p.flags & ACK) && firstSynT === null) firstSynT = rec.t;
    if (p.flags & SYN && p.flags & ACK && synAckT === null) synAckT = rec.t;
    else if (synAckT !== null && hsAckT === null && dir === 'c2s' && p.flags & ACK && !(p.flags & SYN)) hsAckT = rec.t;
    const m = seqSpan[d];
    let e = m.get(key);
    if (p.flags & SYN) {
      m.set(key, { lo: (p.seq + 1) >>> 0, hi: (p.seq + 1) >>> 0 });
      continue;
    }
    if (p.payloadLen > 0) {
      if (e === undefined) {
        e = { lo: p.seq, hi: p.seq };
        m.set(key, e);
      }
      const end = (p.seq + p.payloadLen) >>> 0;
      if (((end - e.hi) | 0) > 0) e.hi = end;
      if (firstPay[d] === null) firstPay[d] = rec.t;
      lastPay[d] = rec.t;
    }
  }
  const conns = captureConnections(capStreams);
  const events = reconstructEvents(capStreams, conns, book.names.size > 0 ? book.names : undefined);
  // data-level positions (Packet.stream / streamPos) for the views that count data
  assignStreamPositions(capStreams, conns);
  // Application bytes: the data-level span (a reinjected byte once); where some payload could not
  // be placed, the sequence space the subflows covered.
  const dataBytes = dataLevelBytes(captures);
  const appBytes = seqSpan.map((m, d) => {
    const data = dataBytes[d];
    if (data !== null) return data;
    let n = 0;
    for (const e of m.values()) n += (e.hi - e.lo) >>> 0;
    return n;
  });
  const endNs = captures.reduce((mx, c) => (c.t > mx ? c.t : mx), 0);

  // Scenario: the first stream's SYN tells protocol, port and server.
  const fs: Stream = streamList.length > 0 ? streamList[0] : { raws: [], client: 0, clientPort: 0 };
  const firstSyn = fs.raws.find((r) => r.pkt.flags & SYN && !(r.pkt.flags & ACK));
  const firstSynAck = fs.raws.find((r) => r.pkt.flags & SYN && r.pkt.flags & ACK);
  const mpc = (r: Raw | undefined): boolean => r?.pkt.mptcp?.some((o) => o.subtype === 0) ?? false;
  const p0 = fs.raws.length > 0 ? fs.raws[0].pkt : null;
  const c2s0 = p0 !== null && p0.src === fs.client && p0.sport === fs.clientPort;
  const direction = appBytes[1] > appBytes[0] ? 'download' : 'upload';
  const snaplen = Math.max(0, ...used.map((i) => ifaces[i]?.snaplen ?? 0));
  const scenario = captureScenario({
    fileName,
    paths,
    side,
    direction,
    clientProto: firstSyn === undefined ? (mpc(fs.raws[0]) ? 'mptcp' : 'tcp') : mpc(firstSyn) ? 'mptcp' : 'tcp',
    serverProto: firstSynAck === undefined ? (mpc(firstSyn) ? 'mptcp' : 'tcp') : mpc(firstSynAck) ? 'mptcp' : 'tcp',
    port: p0 === null ? 0 : c2s0 ? p0.dport : p0.sport,
    serverAddr: p0 === null ? '' : addrText(c2s0 ? p0.dst : p0.src),
    snaplen,
    spanS: endNs / 1e9,
  });

  const s = (ns: number | null): number | null => (ns === null ? null : Math.round(ns / 1000) / 1e6);
  const app = (role: Side): AppResult => {
    const snd = role === 'client' ? 0 : 1;
    const rcv = 1 - snd;
    const proto = role === 'client' ? scenario.app.client_proto : scenario.app.server_proto;
    const mptcp = scenario.app.client_proto === 'mptcp' && scenario.app.server_proto === 'mptcp';
    const local = role === 'client' ? `${addrText(fs.client)}:${fs.clientPort}` : `${scenario.app.server_addr}:${scenario.app.port}`;
    const peer = role === 'client' ? `${scenario.app.server_addr}:${scenario.app.port}` : `${addrText(fs.client)}:${fs.clientPort}`;
    return {
      role,
      proto_requested: proto,
      proto_socket: mptcp ? 'mptcp' : 'tcp',
      error: null,
      t_connect_start: role === 'client' ? s(firstSynT) : null,
      // Seen at the capture point: first SYN → the handshake's ACK (one RTT on either host's capture).
      t_connected: role === 'client' ? s(hsAckT) : null,
      local,
      congestion_control: '',
      t_first_send: s(firstPay[snd]),
      t_last_send: s(lastPay[snd]),
      bytes_sent: appBytes[snd],
      bytes_received: appBytes[rcv],
      sha256_sent: null,
      sha256_received: null,
      t_eof: null,
      t_first_byte: s(firstPay[rcv]),
      t_last_byte: s(lastPay[rcv]),
      t_accept: role === 'server' ? s(hsAckT) : null,
      peer: role === 'server' ? peer : null,
      t_done: null,
      mptcp_at_start: mptcp,
      mptcp_info_error_at_start: null,
      socket_error: null,
      stream_in_order: true,
      samples: [],
    };
  };

  const trace: Trace = {
    seed: 0,
    end: endNs,
    captures,
    events,
    links: [],
    app: { client: app('client'), server: app('server') },
    series: [],
    checkpoints: [],
    engineEvents: 0,
    packetsCreated: captures.length,
    dataPacketsDelivered: captures.reduce((n, c) => n + (c.pkt.payloadLen > 0 ? 1 : 0), 0),
    status: 'ok',
    pmEvents: { client: [], server: [] },
    schedDecisions: [],
    counters: { client: {}, server: {} },
    ...(book.names.size > 0 ? { addressNames: [...book.names] } : {}),
  };
  opts.onProgress?.(0.95);
  const summary = buildSummary(scenario, trace, { ignored: [], wallTimeS: null, checks: [] });
  summary.time_base = opts.t0EpochNs === t0 ? 'seconds relative to the given t0 (ns since the epoch: info.t0EpochNs)' : 'seconds relative to the first packet of the imported capture';
  summary.capture = { side: scenario.capture.side, snaplen, files: [fileName], note: SUMMARY_NULL_NOTE };
  restoreIpv6(summary, book);
  // Link shaping is not in a capture: null, not the defaults the synthetic scenario carries.
  for (const p of summary.paths) p.shaping = { c2s: null, s2c: null, tbf: null } as unknown as (typeof p)['shaping'];
  opts.onProgress?.(1);
  const info: CaptureInfo = {
    fileName,
    format: read.format,
    fileBytes: bytes.length,
    frames: read.frames,
    tcpPackets: captures.length,
    skipped,
    truncatedPackets: truncated,
    interfaces: ifaces,
    side,
    ipv6: [...book.names].map(([v, address]) => ({ placeholder: intToIpv4(v), address })),
    t0EpochNs: t0.toString(),
    errors,
  };
  return { ok: true, value: { trace, scenario, summary, info } };
}

/** The summary names IPv6 endpoints by their real addresses, not the placeholders. */
function restoreIpv6(summary: Summary, book: AddressBook): void {
  if (book.names.size === 0) return;
  const real = (ip: string): string => {
    for (const [v, name] of book.names) if (intToIpv4(v) === ip) return name;
    return ip;
  };
  const ep = (s: string): string => {
    const i = s.lastIndexOf(':');
    return i < 0 ? real(s) : `[${real(s.slice(0, i))}]${s.slice(i)}`;
  };
  for (const sf of summary.subflows) {
    sf.client = ep(sf.client);
    sf.server = ep(sf.server);
    sf.four_tuple.client_ip = real(sf.four_tuple.client_ip);
    sf.four_tuple.server_ip = real(sf.four_tuple.server_ip);
  }
  for (const h of summary.handshakes) {
    h.client = ep(h.client);
    h.server = ep(h.server);
  }
}
