/**
 * What an exercise can ask about a run: named metrics computed from the summary (kernel-ref-summary/1)
 * and the trace. Names with a parameter take it after a colon (`payload_share_path:2`,
 * `counter:client:MPJoinAckRx`, `signals:ADD_ADDR`). An unknown name is an error the exercise
 * validator reports; a metric the run cannot tell (no MPTCP connection, no such packet) is null.
 */
import type { Summary } from '../export/summary';
import type { Scenario } from '../scenario/types';
import type { Trace } from '../sim/trace';

export interface RunView {
  scenario: Scenario;
  summary: Summary;
  trace: Trace;
}

export type MetricValue = number | boolean | string | null;

type Metric = (r: RunView, arg: string) => MetricValue;

const established = (r: RunView) => r.summary.subflows.filter((s) => s.synack_t !== null && s.syn_count > 0);
const dataDir = (r: RunView) => r.summary.data_direction;
const firstConn = (r: RunView) => r.summary.connections[0] ?? null;
const pathArg = (arg: string): number => Number(arg);

/** Handshake packets of MP_JOIN SYNs (first one first). */
function joinPackets(r: RunView, flags: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const h of r.summary.handshakes) for (const p of h.packets) if (p.tcp_flags === flags && p.mptcp_subtypes.includes('MP_JOIN') && p.mptcp) out.push(p.mptcp);
  return out;
}

function signals(r: RunView, name: string): MetricValue {
  const echo = name === 'ADD_ADDR_ECHO';
  const sub = echo ? 'ADD_ADDR' : name;
  return r.summary.mptcp_signals.filter((s) => s.subtypes.includes(sub) && (sub !== 'ADD_ADDR' || (s.echo === '1') === echo)).length;
}

function firstAddAddr(r: RunView): Record<string, unknown> | null {
  return r.summary.mptcp_signals.find((s) => s.subtypes.includes('ADD_ADDR') && s.echo !== '1') ?? null;
}

/**
 * What happened to MPTCP on this run, for "classify the middlebox" exercises:
 * `mptcp-disabled` (socket() refused, the app used TCP), `server-tcp` (the server app is plain TCP),
 * `syn-stripped` / `synack-stripped` (the client fell back: its SYN or the SYN/ACK lost MP_CAPABLE
 * on the way), `infinite-mapping` (MP_FAIL and fallback after a checksum failure), `join-failed`
 * (an additional subflow never came up), `mptcp-ok`.
 */
export function outcome(r: RunView): string {
  if (r.summary.app.socket_fallback && Object.keys(r.summary.app.socket_fallback).length > 0) return 'mptcp-disabled';
  const fb = r.trace.events.find((e) => e.type === 'mptcp' && e.ev.type === 'fallback');
  const reason = fb && fb.type === 'mptcp' && fb.ev.type === 'fallback' ? fb.ev.reason : null;
  if (reason !== null && /infinite mapping|checksum/i.test(reason)) return 'infinite-mapping';
  if (signals(r, 'MP_FAIL') !== 0) return 'infinite-mapping';
  if (reason !== null && /SYN\/ACK without MP_CAPABLE/.test(reason)) {
    if (r.scenario.app.server_proto === 'tcp') return 'server-tcp';
    const serverHadMptcp = r.trace.events.some((e) => e.type === 'mptcp' && e.side === 'server');
    return serverHadMptcp ? 'synack-stripped' : 'syn-stripped';
  }
  if (reason !== null) return 'fallback-other';
  const joins = r.summary.subflows.filter((s) => s.kind === 'MP_JOIN');
  if (joins.some((s) => s.synack_t === null || s.mptcp_negotiated === false || s.rst_packets.c2s + s.rst_packets.s2c > 0 && s.payload_bytes[dataDir(r)] === 0)) return 'join-failed';
  return 'mptcp-ok';
}

const METRICS: Record<string, Metric> = {
  /** MPTCP in use end to end (no fallback). */
  mptcp: (r) => {
    const c = firstConn(r);
    return c !== null && !c.fallback && Boolean(r.summary.app.mptcp_used?.client);
  },
  /** The connection went on as plain TCP: at the handshake, or later (infinite mapping). */
  fallback: (r) => (firstConn(r)?.fallback ?? false) || r.trace.events.some((e) => e.type === 'mptcp' && e.ev.type === 'fallback'),
  /** Subflows whose handshake completed (the initial one included). */
  subflows: (r) => established(r).length,
  /** Additional subflows whose MP_JOIN handshake completed. */
  joins: (r) => established(r).filter((s) => s.kind === 'MP_JOIN' && s.mptcp_negotiated !== false).length,
  /** MP_JOIN SYNs sent (subflow attempts). */
  join_attempts: (r) => r.summary.subflows.filter((s) => s.kind === 'MP_JOIN').length,
  /** Joins that asked to be backup subflows (B flag in the MP_JOIN SYN). */
  backup_joins: (r) => r.summary.subflows.filter((s) => s.kind === 'MP_JOIN' && s.join?.backup_requested_by_initiator).length,
  subflows_path: (r, a) => established(r).filter((s) => s.path === pathArg(a)).length,
  /** Application payload bytes in the data direction on path K (retransmissions included). */
  payload_bytes_path: (r, a) => r.summary.paths.find((p) => p.id === pathArg(a))?.payload_bytes[dataDir(r)] ?? 0,
  /** Share (percent, 0–100) of the data direction's payload bytes carried by path K. */
  payload_share_path: (r, a) => {
    const d = dataDir(r);
    const total = r.summary.paths.reduce((n, p) => n + p.payload_bytes[d], 0);
    const mine = r.summary.paths.find((p) => p.id === pathArg(a))?.payload_bytes[d] ?? 0;
    return total === 0 ? 0 : Math.round((1000 * mine) / total) / 10;
  },
  duration_s: (r) => r.summary.app.duration_s ?? null,
  goodput_mbit: (r) => r.summary.app.goodput_mbit ?? null,
  /** Longest interval (s) in which the receiver got no new data (data_gaps_top[0]). */
  longest_gap_s: (r) => r.summary.data_gaps_top[0]?.gap_s ?? 0,
  stream_intact: (r) => r.summary.app.stream_equal === true,
  signals: (r, a) => signals(r, a),
  counter: (r, a) => {
    const [side, name] = a.split(':');
    const groups = r.summary.kernel_counters[side as 'client' | 'server'] as Record<string, Record<string, number>> | undefined;
    if (!groups) return null;
    for (const g of Object.values(groups)) if (g && typeof g[name] === 'number') return g[name];
    return 0;
  },
  client_token: (r) => firstConn(r)?.client_token ?? null,
  server_token: (r) => firstConn(r)?.server_token ?? null,
  client_key: (r) => firstConn(r)?.client_key ?? null,
  server_key: (r) => firstConn(r)?.server_key ?? null,
  client_idsn: (r) => firstConn(r)?.client_idsn ?? null,
  server_idsn: (r) => firstConn(r)?.server_idsn ?? null,
  join_syn_token: (r) => joinPackets(r, 'SYN')[0]?.receiver_token ?? null,
  join_syn_addr_id: (r) => joinPackets(r, 'SYN')[0]?.addr_id ?? null,
  join_syn_nonce: (r) => joinPackets(r, 'SYN')[0]?.sender_nonce ?? null,
  add_addr_id: (r) => (firstAddAddr(r)?.addr_id as string | undefined) ?? null,
  add_addr_ip: (r) => (firstAddAddr(r)?.ipv4 as string | undefined) ?? null,
  add_addr_port: (r) => (firstAddAddr(r)?.port as string | undefined) ?? null,
  outcome: (r) => outcome(r),
};

/** Metric names that take a parameter, and the parameter's shape. */
const ARGS: Record<string, RegExp> = {
  subflows_path: /^[1-8]$/,
  payload_bytes_path: /^[1-8]$/,
  payload_share_path: /^[1-8]$/,
  signals: /^(ADD_ADDR|ADD_ADDR_ECHO|REMOVE_ADDR|MP_PRIO|MP_FAIL|MP_FASTCLOSE|MP_TCPRST)$/,
  counter: /^(client|server):[A-Za-z0-9]+$/,
};

/** Why `name` is not a metric, or null when it is one. */
export function metricError(name: string): string | null {
  const i = name.indexOf(':');
  const base = i < 0 ? name : name.slice(0, i);
  const arg = i < 0 ? null : name.slice(i + 1);
  if (!(base in METRICS)) return `unknown metric "${base}" (known: ${Object.keys(METRICS).join(', ')})`;
  const want = ARGS[base];
  if (want && (arg === null || !want.test(arg))) return `metric "${base}" needs a parameter matching ${want.source}`;
  if (!want && arg !== null) return `metric "${base}" takes no parameter`;
  return null;
}

/** The value of metric `name` on a run (the name must be valid: see metricError). */
export function metricValue(name: string, r: RunView): MetricValue {
  const i = name.indexOf(':');
  const base = i < 0 ? name : name.slice(0, i);
  const fn = METRICS[base];
  return fn ? fn(r, i < 0 ? '' : name.slice(i + 1)) : null;
}

export const METRIC_NAMES: readonly string[] = Object.keys(METRICS);
