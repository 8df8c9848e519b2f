/** Hand-built traces for the expert-chart derivations: only the fields the derivations read. */
import { blankPacket, ipv4ToInt, type MptcpOptionRecord } from '../../../../src/core/net/packet';
import type { CaptureRecord, Dir, SchedDecisionRecord, Side, SocketSeries, Trace } from '../../../../src/core/sim/trace';
import { scenario } from '../../../helpers/scenario';

export const UPLOAD = scenario({ name: 'fixture', paths: [{ delay_ms: 10 }, { delay_ms: 20 }], app: { bytes: 100_000 } });

export const TUPLE = ['10.0.1.1:40000 → 10.0.1.2:5201', '10.0.2.1:40001 → 10.0.1.2:5201'];

let nextId = 1;

/** A data segment of subflow `sf` (0 or 1) with stream bytes [pos, pos+len), seen at `side`. */
export function seg(tMs: number, sf: 0 | 1, pos: number, len: number, side: Side = 'server', opts: { dir?: Dir; mptcp?: MptcpOptionRecord[] } = {}): CaptureRecord {
  const p = blankPacket();
  p.id = nextId++;
  p.src = ipv4ToInt(`10.0.${sf + 1}.1`);
  p.dst = ipv4ToInt('10.0.1.2');
  p.sport = 40000 + sf;
  p.dport = 5201;
  p.payloadLen = len;
  p.stream = 0;
  p.streamPos = pos;
  p.mptcp = opts.mptcp ?? null;
  return { t: Math.round(tMs * 1e6), pkt: p, path: sf + 1, side, dir: opts.dir ?? 'c2s' };
}

export function trace(over: Partial<Trace> = {}): Trace {
  const app = {
    role: 'client' as const, proto_requested: 'mptcp' as const, proto_socket: 'mptcp' as const, error: null, t_connect_start: 0, t_connected: 0, local: null,
    congestion_control: 'cubic', t_first_send: null, t_last_send: null, bytes_sent: 0, bytes_received: 0, sha256_sent: null, sha256_received: null, t_eof: null,
    t_first_byte: null, t_last_byte: null, t_accept: null, peer: null, t_done: null, mptcp_at_start: true, mptcp_info_error_at_start: null, socket_error: null,
    stream_in_order: true, samples: [],
  };
  return {
    seed: 1, end: 1e9, captures: [], events: [], links: [], app: { client: app, server: { ...app, role: 'server' } }, series: [], checkpoints: [],
    engineEvents: 0, packetsCreated: 0, dataPacketsDelivered: 0, status: 'ok', pmEvents: { client: [], server: [] }, schedDecisions: [],
    counters: { client: {}, server: {} }, ...over,
  };
}

export function series(side: Side, sock: number, pts: [tMs: number, cwnd: number, inflight: number][], alpha?: number[]): SocketSeries {
  return {
    side, sock,
    t: pts.map((p) => p[0] * 1e6), cwnd: pts.map((p) => p[1]), ssthresh: pts.map(() => 0x7fffffff),
    srttUs: pts.map(() => 20_000), rtoUs: pts.map(() => 220_000), inflight: pts.map((p) => p[2]),
    ...(alpha ? { alpha } : {}),
  };
}

export function decision(tMs: number, chosen: number | null, dsn: bigint | null, over: Partial<SchedDecisionRecord> = {}): SchedDecisionRecord {
  return {
    t: tMs * 1e6, side: 'client', token: 'abcd0001', scheduler: 'default', kind: 'send', chosen, reason: 'lowestLinger', dsn, burst: 1424,
    candidates: [
      { id: 1, srttUs: 20_000, cwnd: 10, cwndRoom: 4000, backup: false, stale: false, skipped: chosen === 1 ? null : 'higherLinger' },
      { id: 2, srttUs: 40_000, cwnd: 10, cwndRoom: 9000, backup: false, stale: false, skipped: chosen === 2 ? null : 'higherLinger' },
    ],
    ...over,
  };
}
