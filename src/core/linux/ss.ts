/**
 * `ss -M` / `ss -t` / `ss -tiM` (iproute2 misc/ss.c) at playback time t, from the trace:
 * - MPTCP sockets (`-M`): the application's MPTCP socket, its state from the connection's trace
 *   events, its addresses from the CREATED event (or the app's socket), and with `-i` the
 *   MPTCP_INFO fields in mptcp_stats_print() order and format (zero fields omitted, as ss does).
 *   The counters come from the app's last MPTCP_INFO sample at or before t (kernel-ref samples every
 *   100 ms); the limits and endpoint maxima from the host's table at t.
 * - TCP sockets (`-t`): every TCP socket of the host at the last checkpoint at or before t, with
 *   `-i` the tcp_info fields ss prints (tcp_stats_print() order).
 * Columns are laid out as ss does: each as wide as its widest cell (header included), addresses
 * right-aligned before `:port`.
 *
 * Not modelled: Recv-Q/Send-Q of TCP sockets are 0 (the kernel's queue memory is not traced); for
 * the MPTCP socket Recv-Q is the data received but not yet read by the application (the kernel
 * counts buffer memory instead, so it is larger there). Listening sockets are not listed.
 */
import type { MptcpInfo } from '../mptcp/connection';
import type { Scenario } from '../scenario/types';
import { checkpointAt } from '../sim/checkpoint';
import type { Nanos } from '../sim/time';
import type { AppResult, Side, SocketSample, Trace } from '../sim/trace';
import { IPROUTE2, type Iproute2Profile } from './iproute2';
import { getopt } from './getopt';
import { fail, type ToolOutput } from './tool-output';

export interface SsSocket {
  netid: 'mptcp' | 'tcp';
  state: string;
  recvQ: number;
  sendQ: number;
  local: string;
  peer: string;
  /** The `-i` line without its leading tab and blank ('' when there is nothing to print). */
  info: string;
}

/** What the MPTCP_INFO fields need from the host's path-manager table at t. */
export interface PmLimitsView {
  limits: { subflows: number; addAddrAccepted: number };
  endpSignalMax: number;
  endpSubflowMax: number;
  endpLaminarMax: number;
}

/** ss's names of the TCP states (sstate_name[]). */
const SS_STATE: Record<string, string> = {
  established: 'ESTAB',
  synSent: 'SYN-SENT',
  synReceived: 'SYN-RECV',
  finWait1: 'FIN-WAIT-1',
  finWait2: 'FIN-WAIT-2',
  timeWait: 'TIME-WAIT',
  closed: 'UNCONN',
  closeWait: 'CLOSE-WAIT',
  lastAck: 'LAST-ACK',
  listen: 'LISTEN',
  closing: 'CLOSING',
};

/** The MPTCP socket's state name from the connection machine's state ('established.fullyEstablished' → ESTAB). */
function mptcpStateName(state: string): string | null {
  if (state === 'closed') return null;
  if (state === 'fallback' || state.startsWith('established')) return 'ESTAB';
  return SS_STATE[state] ?? null;
}

/** printf's %g with 6 significant digits, as ss prints milliseconds. */
export function fmtG(v: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) return v.toExponential(5).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
  return v.toFixed(Math.max(0, 5 - exp)).replace(/\.?0+$/, '');
}

/** The tcp_info part of `ss -ti` for one socket (tcp_stats_print(): only what the sample has). */
export function tcpInfoLine(s: SocketSample, cc: string | null): string {
  const parts: string[] = [];
  if (cc) parts.push(cc);
  if (s.rto_us) parts.push(`rto:${fmtG(s.rto_us / 1000)}`);
  if (s.rtt_us) parts.push(`rtt:${fmtG(s.rtt_us / 1000)}/${fmtG(s.rttvar_us / 1000)}`);
  if (s.snd_mss) parts.push(`mss:${s.snd_mss}`);
  if (s.snd_cwnd) parts.push(`cwnd:${s.snd_cwnd}`);
  if (s.snd_ssthresh < 0xffff) parts.push(`ssthresh:${s.snd_ssthresh}`);
  if (s.bytes_sent) parts.push(`bytes_sent:${s.bytes_sent}`);
  if (s.bytes_retrans) parts.push(`bytes_retrans:${s.bytes_retrans}`);
  if (s.bytes_acked) parts.push(`bytes_acked:${s.bytes_acked}`);
  if (s.bytes_received) parts.push(`bytes_received:${s.bytes_received}`);
  if (s.unacked) parts.push(`unacked:${s.unacked}`);
  if (s.retrans || s.total_retrans) parts.push(`retrans:${s.retrans}/${s.total_retrans}`);
  if (s.lost) parts.push(`lost:${s.lost}`);
  if (s.min_rtt_us) parts.push(`minrtt:${fmtG(s.min_rtt_us / 1000)}`);
  if (s.snd_wnd) parts.push(`snd_wnd:${s.snd_wnd}`);
  if (s.rcv_wnd) parts.push(`rcv_wnd:${s.rcv_wnd}`);
  return parts.join(' ');
}

/**
 * The fields of `struct mptcp_info` ss prints, as far as the trace knows them at t (not
 * local_addr_used, endp_fullmesh_max nor the last_* times, which the samples do not carry).
 */
export type MptcpInfoAt = Omit<MptcpInfo, 'local_addr_used' | 'endp_fullmesh_max' | 'last_data_sent' | 'last_data_recv' | 'last_ack_recv'>;

/** mptcp_stats_print(): non-zero fields only, in ss's order; sequence numbers hex before iproute2 6.5. */
export function mptcpInfoLine(i: MptcpInfoAt, profile: Iproute2Profile = IPROUTE2['6.18']): string {
  const p: string[] = [];
  const u = (name: keyof MptcpInfoAt): void => {
    const v = i[name];
    if (v) p.push(`${name}:${String(v)}`);
  };
  u('subflows');
  u('add_addr_signal');
  u('add_addr_accepted');
  u('subflows_max');
  u('add_addr_signal_max');
  u('add_addr_accepted_max');
  if (i.flags & 1) p.push('fallback');
  if (i.flags & 2) p.push('remote_key');
  if (i.token) p.push(`token:${(i.token >>> 0).toString(16)}`);
  for (const k of ['write_seq', 'snd_una', 'rcv_nxt'] as const) {
    if (i[k]) p.push(`${k}:${profile.ssDecimalSeq ? i[k].toString(10) : i[k].toString(16)}`);
  }
  if (profile.ssDecimalSeq) {
    u('local_addr_max');
    u('csum_enabled');
    u('retransmits');
    u('bytes_retrans');
    u('bytes_sent');
    u('bytes_received');
    u('bytes_acked');
    u('subflows_total');
    if (profile.ssLaminar) u('endp_laminar_max');
  }
  return p.join(' ');
}

/** The last element with t ≤ tS (seconds; samples are kept to the microsecond). */
function lastBefore<T extends { t: number }>(list: readonly T[], tS: number): T | null {
  let found: T | null = null;
  for (const x of list) {
    if (x.t > tS + 1e-9) break;
    found = x;
  }
  return found;
}

/** The application's MPTCP socket of a host at t, as MPTCP_INFO and `ss -M` describe it. */
export interface MptcpSocketAt {
  state: string;
  local: string;
  peer: string;
  /** Data received at the MPTCP level and not yet read by the application. */
  recvQ: number;
  info: MptcpInfoAt;
  /**
   * mptcpi_local_addr_used and the mptcpi_last_* times (ms) of the same sample, when it holds them
   * (the simulator's samples do; kernel-ref's sampler does not copy them).
   */
  more: Partial<Pick<MptcpInfo, 'local_addr_used' | 'last_data_sent' | 'last_data_recv' | 'last_ack_recv'>>;
  /** Time (s) of the MPTCP_INFO sample the counters come from, or null before the first one. */
  sampleT: number | null;
}

/** The first MPTCP connection of `side` as its trace events tell it at t: local token, last state, fell back yet. */
export function mptcpConnectionAt(trace: Trace, side: Side, t: Nanos): { token: string | null; state: string | null; fallback: boolean } {
  let token: string | null = null;
  let state: string | null = null;
  let fallback = false;
  for (const e of trace.events) {
    if (e.t > t) break;
    if (e.type !== 'mptcp' || e.side !== side) continue;
    if (token !== null && e.token !== token) continue;
    token = e.token;
    if (e.ev.type === 'state') state = e.ev.to;
    if (e.ev.type === 'fallback') fallback = true;
  }
  return { token, state, fallback };
}

/** The application's MPTCP socket of `side` at t: null before it exists, after it closed, or for plain TCP. */
export function mptcpSocketAt(trace: Trace, scenario: Scenario, side: Side, t: Nanos, pm: PmLimitsView): MptcpSocketAt | null {
  const app: AppResult = trace.app[side];
  if (app.proto_socket !== 'mptcp') return null;
  const { token, state, fallback } = mptcpConnectionAt(trace, side, t);
  if (token === null || state === null) return null;
  const name = mptcpStateName(state);
  if (name === null) return null;
  const created = trace.pmEvents[side].find((e) => e.t <= t && e.type === 'CREATED' && e.attrs.token === token);
  let local: string;
  let peer: string;
  if (created) {
    local = `${created.attrs.saddr4 ?? created.attrs.saddr6}:${created.attrs.sport}`;
    peer = `${created.attrs.daddr4 ?? created.attrs.daddr6}:${created.attrs.dport}`;
  } else if (side === 'client') {
    local = app.local ?? '0.0.0.0:0';
    peer = `${scenario.app.server_addr}:${scenario.app.port}`;
  } else {
    local = `${scenario.app.server_addr}:${scenario.app.port}`;
    peer = app.peer ?? '0.0.0.0:0';
  }
  const s = lastBefore(app.samples, t / 1e9);
  const info: MptcpInfoAt = {
    subflows: s?.extra_subflows ?? 0,
    add_addr_signal: s?.add_addr_signal ?? 0,
    add_addr_accepted: s?.add_addr_accepted ?? 0,
    subflows_max: pm.limits.subflows,
    add_addr_signal_max: pm.endpSignalMax,
    add_addr_accepted_max: pm.limits.addAddrAccepted,
    flags: (fallback ? 1 : 0) | (state !== 'synSent' ? 2 : 0),
    token: parseInt(token, 16),
    write_seq: s?.write_seq ?? 0n,
    snd_una: s?.snd_una ?? 0n,
    rcv_nxt: s?.rcv_nxt ?? 0n,
    local_addr_max: pm.endpSubflowMax,
    csum_enabled: app.mptcp_info_end?.csum_enabled ?? 0,
    retransmits: s?.retransmits ?? 0,
    bytes_retrans: s?.bytes_retrans ?? 0,
    bytes_sent: s?.bytes_sent ?? 0,
    bytes_received: s?.bytes_received ?? 0,
    bytes_acked: s?.bytes_acked ?? 0,
    subflows_total: s?.subflows_total ?? 0,
    endp_laminar_max: pm.endpLaminarMax,
  };
  const sending = scenario.app.direction === 'upload' ? side === 'client' : side === 'server';
  const recvQ = !sending && s ? Math.max(0, (s.bytes_received ?? 0) - s.app_bytes) : 0;
  const more: MptcpSocketAt['more'] = {};
  for (const k of ['local_addr_used', 'last_data_sent', 'last_data_recv', 'last_ack_recv'] as const) {
    const v = s?.[k];
    if (v !== undefined) more[k] = v;
  }
  return { state: name, local, peer, recvQ, info, more, sampleT: s ? s.t : null };
}

/** `ss -M` rows of `side` at t (the application's MPTCP socket, if it has one then). */
export function mptcpSocketsAt(trace: Trace, scenario: Scenario, side: Side, t: Nanos, pm: PmLimitsView, profile: Iproute2Profile = IPROUTE2['6.18']): SsSocket[] {
  const m = mptcpSocketAt(trace, scenario, side, t, pm);
  return m ? [{ netid: 'mptcp', state: m.state, recvQ: m.recvQ, sendQ: 0, local: m.local, peer: m.peer, info: mptcpInfoLine(m.info, profile) }] : [];
}

/** Every TCP socket of `side` at the last checkpoint at or before t (subflows and plain TCP). */
export function tcpSocketsAt(trace: Trace, side: Side, t: Nanos, cc: string | null): SsSocket[] {
  const cp = checkpointAt(trace, t);
  if (!cp) return [];
  const out: SsSocket[] = [];
  for (const s of cp.sockets) {
    if (s.side !== side || s.tcpState === 'closed' || s.tcpState === 'listen') continue;
    out.push({ netid: 'tcp', state: SS_STATE[s.tcpState] ?? s.tcpState.toUpperCase(), recvQ: 0, sendQ: 0, local: s.local, peer: s.remote, info: tcpInfoLine(s, cc) });
  }
  return out;
}

function splitHostPort(a: string): [string, string] {
  const i = a.lastIndexOf(':');
  return i < 0 ? [a, '*'] : [a.slice(0, i), a.slice(i + 1)];
}

/** ss's table: Netid (when more than one socket type is shown), State, Recv-Q, Send-Q, Local Address:Port, Peer Address:Port, Process. */
export function formatSs(rows: readonly SsSocket[], opts: { info: boolean; header: boolean; netid: boolean }): string {
  const cells = rows.map((r) => {
    const [la, lp] = splitHostPort(r.local);
    const [pa, pp] = splitHostPort(r.peer);
    return { r, la, lp, pa, pp };
  });
  const w = (head: string, vals: string[]): number => Math.max(head.length, ...vals.map((v) => v.length));
  const wNet = w('Netid', cells.map((c) => c.r.netid));
  const wState = w('State', cells.map((c) => c.r.state));
  const wRq = w('Recv-Q', cells.map((c) => String(c.r.recvQ)));
  const wSq = w('Send-Q', cells.map((c) => String(c.r.sendQ)));
  const wLa = w('Local Address', cells.map((c) => c.la));
  const wLp = w('Port', cells.map((c) => c.lp));
  const wPa = w('Peer Address', cells.map((c) => c.pa));
  const wPp = w('Port', cells.map((c) => c.pp));
  const line = (net: string, st: string, rq: string, sq: string, la: string, lp: string, pa: string, pp: string, tail: string): string =>
    `${opts.netid ? `${net.padEnd(wNet)} ` : ''}${st.padEnd(wState)} ${rq.padEnd(wRq)} ${sq.padEnd(wSq)} ${la.padStart(wLa)}:${lp.padEnd(wLp)} ${pa.padStart(wPa)}:${pp.padEnd(wPp)}${tail}`;
  let out = opts.header ? `${line('Netid', 'State', 'Recv-Q', 'Send-Q', 'Local Address', 'Port', 'Peer Address', 'Port', 'Process')}\n` : '';
  for (const c of cells) {
    out += `${line(c.r.netid, c.r.state, String(c.r.recvQ), String(c.r.sendQ), c.la, c.lp, c.pa, c.pp, '').trimEnd()}\n`;
    if (opts.info && c.r.info) out += `\t ${c.r.info}\n`;
  }
  return out;
}

export interface SsContext {
  trace: Trace;
  scenario: Scenario;
  side: Side;
  t: Nanos;
  pm: PmLimitsView;
  profile?: Iproute2Profile;
}

const SS_USAGE =
  'Usage: ss [ OPTIONS ]\n' +
  '       ss [ OPTIONS ] [ FILTER ]\n' +
  '   -h, --help          this message\n' +
  '   -n, --numeric       don\'t resolve service names\n' +
  '   -a, --all           display all sockets\n' +
  '   -l, --listening     display listening sockets\n' +
  '   -i, --info          show internal TCP information\n' +
  '   -H, --no-header     Suppress header line\n' +
  '   -t, --tcp           display only TCP sockets\n' +
  '   -M, --mptcp         display only MPTCP sockets\n';

const SS_LONG: Record<string, string> = { '--help': 'h', '--numeric': 'n', '--all': 'a', '--listening': 'l', '--info': 'i', '--no-header': 'H', '--tcp': 't', '--mptcp': 'M', '--extended': 'e', '--memory': 'm', '--options': 'o' };

export interface SsResult {
  out: ToolOutput;
  /** Words after the options (a FILTER expression), which this console does not evaluate. */
  ignoredFilter: string[];
}

/** Run `ss ARGS…` (argv[0] is `ss`). Without -t or -M it lists both, with a Netid column. */
export function runSs(argv: readonly string[], ctx: SsContext): SsResult {
  let tcp = false;
  let mptcp = false;
  let info = false;
  let header = true;
  const g = getopt(argv, { long: SS_LONG, stopAtOperand: true });
  if (!g.ok) return { out: fail(`ss: ${g.message}\n${SS_USAGE}`, 255), ignoredFilter: [] };
  for (const { c } of g.opts) {
    switch (c) {
      case 't':
        tcp = true;
        break;
      case 'M':
        mptcp = true;
        break;
      case 'i':
        info = true;
        break;
      case 'H':
        header = false;
        break;
      case 'n':
      case 'a':
      case 'l':
      case 'e':
      case 'm':
      case 'o':
      case '4':
      case '6':
        break;
      case 'h':
        return { out: { stdout: SS_USAGE, stderr: '', status: 0 }, ignoredFilter: [] };
      default:
        return { out: fail(`ss: invalid option -- '${c}'\n${SS_USAGE}`, 255), ignoredFilter: [] };
    }
  }
  if (!tcp && !mptcp) tcp = mptcp = true;
  const rows: SsSocket[] = [];
  if (tcp) rows.push(...tcpSocketsAt(ctx.trace, ctx.side, ctx.t, ctx.scenario.app.congestion_control));
  if (mptcp) rows.push(...mptcpSocketsAt(ctx.trace, ctx.scenario, ctx.side, ctx.t, ctx.pm, ctx.profile));
  return { out: { stdout: formatSs(rows, { info, header, netid: tcp && mptcp }), stderr: '', status: 0 }, ignoredFilter: g.operands };
}
