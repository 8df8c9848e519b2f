/**
 * The MPTCP socket API over the trace at time t (include/uapi/linux/mptcp.h, net/mptcp/sockopt.c;
 * kernel.md §10): what `getsockopt()` on the application's socket of one host returns at t, as
 * named fields (uapi names and C types) and as the bytes x86-64 Linux copies out.
 *
 * - `SOL_TCP, TCP_IS_MPTCP`: 1 on an MPTCP socket that has not fallen back, else 0 (an int).
 * - `SOL_MPTCP, MPTCP_INFO`: struct mptcp_info; optlen 0 returns 0 with nothing copied (the cheap
 *   "is MPTCP still in use" test); otherwise min(optlen, 96) bytes.
 * - `MPTCP_TCPINFO` / `MPTCP_SUBFLOW_ADDRS`: struct mptcp_subflow_data, then tcp_info[] /
 *   mptcp_subflow_addrs[], the header checked as mptcp_get_subflow_data() checks it.
 * - `MPTCP_FULL_INFO`: struct mptcp_full_info (header checked as mptcp_get_full_info()) with the
 *   subflow_info[] and tcp_info[] arrays the user's pointers point to, returned separately.
 * - A plain TCP socket, or an MPTCP one after fallback, answers SOL_MPTCP with EOPNOTSUPP (everything
 *   goes to the TCP subflow, whose ip_getsockopt refuses the level).
 *
 * Where the values come from: the application's last sample at or before t (kernel-ref's sampler,
 * every `app.sample_interval_s`): the MPTCP_INFO counters and each subflow's tcp_info; the limits
 * and endpoint maxima from the host's path-manager table at t (zero under the userspace PM, as the
 * kernel fills them only for the in-kernel PM); the token and fallback from the connection's trace
 * events up to t. mptcpi_local_addr_used and the mptcpi_last_* times come from the same sample, so
 * the last_* ages are those at the sample's time (a sample without them, as in a trace recorded
 * before they were sampled: 0 and listed in `untraced`). tcp_info fields the samples do not hold are 0: tcpi_retransmits, probes,
 * backoff, wscales, ato, rcv_mss, sacked, fackets, the last_* times, pmtu, rcv_ssthresh, advmss,
 * reordering, rcv_rtt, rcv_space, pacing rates, segment counts, notsent_bytes, delivery rate, the
 * busy/limited times, delivered(_ce), dsack_dups, reord_seen, rcv_ooopack, rehash, the RTO totals
 * and the AccECN fields (ECN is not modelled); tcpi_options comes from both hosts' SYN sysctls.
 * Subflow ids (mptcp_subflow_info.id) count the 4-tuples in the order they first appear in the
 * samples, from 1 (the kernel counts every subflow created, so a join that failed before it was
 * sampled is not counted here). The server's socket is the accept()ed one: before accept()
 * returns, and on both hosts after close(), getsockopt fails with EBADF.
 */
import type { Scenario } from '../scenario/types';
import type { Nanos } from '../sim/time';
import type { AppResult, Side, SocketSample, Trace } from '../sim/trace';
import { ipv4ToInt } from '../net/packet';
import { hostStateAt } from './host-state';
import { mptcpConnectionAt, mptcpSocketAt, type PmLimitsView } from './ss';
import type { SocketErrno } from './socket-create';
import {
  encode, FULL_INFO_LAYOUT, MPTCP_INFO_LAYOUT, SUBFLOW_ADDRS_LAYOUT, SUBFLOW_DATA_LAYOUT, SUBFLOW_INFO_LAYOUT, TCP_INFO_LAYOUT,
  type FieldValues, type StructLayout,
} from './uapi-structs';

export { ERRNO, IPPROTO_MPTCP, mptcpSocket, type MptcpHostKernel, type SocketErrno } from './socket-create';

export const SOL_TCP = 6;
export const SOL_MPTCP = 284;
/** SOL_TCP option: 1 on an MPTCP socket that has not fallen back, else 0. */
export const TCP_IS_MPTCP = 43;
export const MPTCP_INFO = 1;
export const MPTCP_TCPINFO = 2;
export const MPTCP_SUBFLOW_ADDRS = 3;
export const MPTCP_FULL_INFO = 4;

/** MIN_INFO_OPTLEN_SIZE (sizeof struct mptcp_subflow_data) and MIN_FULL_INFO_OPTLEN_SIZE (sockopt.c). */
const MIN_INFO_OPTLEN_SIZE = 16;
const MIN_FULL_INFO_OPTLEN_SIZE = 40;
const INT_MAX = 0x7fffffff;

/** getsockopt(SOL_TCP, TCP_IS_MPTCP): 1 on an MPTCP socket still using MPTCP; 0 on plain TCP or after fallback. */
export function tcpIsMptcp(sock: { mptcp: boolean; fallback: boolean }): 0 | 1 {
  return sock.mptcp && !sock.fallback ? 1 : 0;
}

/**
 * getsockopt(SOL_MPTCP, name): EOPNOTSUPP on a plain TCP or fallen-back socket (everything goes to
 * the TCP subflow there), EOPNOTSUPP for an unknown name; otherwise null (the option is answered).
 */
export function solMptcpErrno(sock: { mptcp: boolean; fallback: boolean }, name: number): SocketErrno | null {
  if (!sock.mptcp || sock.fallback) return 'EOPNOTSUPP';
  if (name < MPTCP_INFO || name > MPTCP_FULL_INFO) return 'EOPNOTSUPP';
  return null;
}

/** The application's socket of one host at t. */
export interface AppSocketAt {
  /** 'none': no socket the app holds (before accept() on the server, after close(), socket() failed). */
  kind: 'none' | 'tcp' | 'mptcp';
  /** An MPTCP socket that has fallen back to TCP by t. */
  fallback: boolean;
  /** Local token (hex) of the MPTCP connection, if one is in the trace by t. */
  token: string | null;
}

/** The app's socket of `side` at t (see the file comment). */
export function appSocketAt(trace: Trace, side: Side, t: Nanos): AppSocketAt {
  const app: AppResult = trace.app[side];
  const none: AppSocketAt = { kind: 'none', fallback: false, token: null };
  const open = side === 'client' ? app.t_connect_start : app.t_accept;
  if (app.proto_socket === null || open === null || t < Math.round(open * 1e9)) return none;
  if (app.t_done !== null && t >= Math.round(app.t_done * 1e9)) return none;
  if (app.proto_socket === 'tcp') return { kind: 'tcp', fallback: false, token: null };
  const { token, fallback } = mptcpConnectionAt(trace, side, t);
  return { kind: 'mptcp', fallback, token };
}

/** One struct as a C program sees it: its layout, the values, and the bytes copied out (maybe truncated). */
export interface StructOut {
  layout: StructLayout;
  values: FieldValues;
  bytes: Uint8Array;
}

export type GetsockoptResult =
  | { ok: false; errno: SocketErrno }
  | {
      ok: true;
      /** The optlen the kernel writes back. */
      optlen: number;
      /** The optval buffer's first `optlen` bytes. */
      bytes: Uint8Array;
      /** TCP_IS_MPTCP: the int. */
      int?: number;
      /** The struct at optval (mptcp_info, mptcp_subflow_data or mptcp_full_info). */
      head?: StructOut;
      /** The array elements (after the subflow_data header, or FULL_INFO's subflow_info[]). */
      elements?: StructOut[];
      /** FULL_INFO's tcp_info[] (its own user buffer). */
      tcpInfo?: StructOut[];
      /** Time (s) of the app sample the counters come from; null before the first one. */
      sampleT?: number | null;
      /** Fields shown as 0 because the trace does not hold them at t. */
      untraced?: string[];
    };

/** What the caller puts in the buffer before the call (the C program's inputs). */
export interface GetsockoptInput {
  optlen?: number;
  /** MPTCP_TCPINFO / MPTCP_SUBFLOW_ADDRS: the mptcp_subflow_data the user fills in. */
  size_subflow_data?: number;
  num_subflows?: number;
  size_kernel?: number;
  size_user?: number;
  /** MPTCP_FULL_INFO: the mptcp_full_info header the user fills in. */
  size_tcpinfo_kernel?: number;
  size_tcpinfo_user?: number;
  size_sfinfo_kernel?: number;
  size_sfinfo_user?: number;
  size_arrays_user?: number;
  full_num_subflows?: number;
  subflow_info_ptr?: bigint;
  tcp_info_ptr?: bigint;
}

/** The default optlen of each option (what a program passes for up to 8 subflows, like kernel-ref). */
export function defaultOptlen(level: number, name: number): number {
  if (level === SOL_TCP) return 4;
  if (name === MPTCP_INFO) return MPTCP_INFO_LAYOUT.size;
  if (name === MPTCP_TCPINFO) return MIN_INFO_OPTLEN_SIZE + 8 * TCP_INFO_LAYOUT.size;
  if (name === MPTCP_SUBFLOW_ADDRS) return MIN_INFO_OPTLEN_SIZE + 8 * SUBFLOW_ADDRS_LAYOUT.size;
  return FULL_INFO_LAYOUT.size;
}

function struct(layout: StructLayout, values: FieldValues, copy = layout.size): StructOut {
  return { layout, values, bytes: encode(layout, values).slice(0, Math.max(0, Math.min(copy, layout.size))) };
}

/** int options: mptcp_put_int_option() on an MPTCP socket, do_tcp_getsockopt() on a TCP one. */
function putInt(val: number, optlen: number, mptcp: boolean): GetsockoptResult {
  let len = Math.min(optlen, 4);
  if (mptcp && optlen > 0 && optlen < 4 && val >= 0 && val <= 255) len = 1;
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, val, true);
  return { ok: true, optlen: len, bytes: b.slice(0, len), int: val };
}

/** Subflow 4-tuples with ids (first appearance in the samples up to `upTo`) and their tcp_info samples. */
function subflowsAt(app: AppResult, tS: number): { sample: AppResult['samples'][number] | null; subflows: { id: number; s: SocketSample }[] } {
  const ids = new Map<string, number>();
  let sample: AppResult['samples'][number] | null = null;
  for (const s of app.samples) {
    if (s.t > tS + 1e-9) break;
    sample = s;
    for (const sf of s.sf) {
      const k = `${sf.local}|${sf.remote}`;
      if (!ids.has(k)) ids.set(k, ids.size + 1);
    }
  }
  const subflows = (sample?.sf ?? []).map((s) => ({ id: ids.get(`${s.local}|${s.remote}`) ?? 0, s }));
  return { sample, subflows };
}

/** tcpi_options: TCPI_OPT_TIMESTAMPS 1, TCPI_OPT_SACK 2, TCPI_OPT_WSCALE 4, each when both hosts' SYNs offer it. */
function tcpiOptions(scenario: Scenario): number {
  const on = (key: string): boolean => (['client', 'server'] as const).every((h) => {
    const v = scenario[h].sysctl[key];
    return v === undefined || Number(v) !== 0;
  });
  return (on('net.ipv4.tcp_timestamps') ? 1 : 0) | (on('net.ipv4.tcp_sack') ? 2 : 0) | (on('net.ipv4.tcp_window_scaling') ? 4 : 0);
}

/** struct tcp_info of one subflow from its sample (see the file comment for what stays 0). */
export function tcpInfoValues(s: SocketSample, options: number): FieldValues {
  return {
    tcpi_state: s.state,
    tcpi_ca_state: s.ca_state,
    tcpi_options: options,
    tcpi_rto: s.rto_us,
    tcpi_snd_mss: s.snd_mss,
    tcpi_unacked: s.unacked,
    tcpi_lost: s.lost,
    tcpi_retrans: s.retrans,
    tcpi_rtt: s.rtt_us,
    tcpi_rttvar: s.rttvar_us,
    tcpi_snd_ssthresh: s.snd_ssthresh,
    tcpi_snd_cwnd: s.snd_cwnd,
    tcpi_total_retrans: s.total_retrans,
    tcpi_bytes_acked: BigInt(s.bytes_acked),
    tcpi_bytes_received: BigInt(s.bytes_received),
    tcpi_min_rtt: s.min_rtt_us,
    tcpi_bytes_sent: BigInt(s.bytes_sent),
    tcpi_bytes_retrans: BigInt(s.bytes_retrans),
    tcpi_snd_wnd: s.snd_wnd,
    tcpi_rcv_wnd: s.rcv_wnd,
  };
}

/** struct mptcp_subflow_addrs of one subflow (AF_INET = 2; port and address in network order). */
export function subflowAddrsValues(s: SocketSample, prefix = ''): FieldValues {
  const split = (a: string): [number, number] => {
    const i = a.lastIndexOf(':');
    return [ipv4ToInt(a.slice(0, i)), Number(a.slice(i + 1))];
  };
  const [la, lp] = split(s.local);
  const [ra, rp] = split(s.remote);
  return {
    [`${prefix}sin_local.sin_family`]: 2, [`${prefix}sin_local.sin_port`]: lp, [`${prefix}sin_local.sin_addr`]: la,
    [`${prefix}sin_remote.sin_family`]: 2, [`${prefix}sin_remote.sin_port`]: rp, [`${prefix}sin_remote.sin_addr`]: ra,
  };
}

/** mptcp_info at t with the uapi names (mptcpi_…), from the sample, the PM table and the trace events. */
function mptcpInfoValues(trace: Trace, scenario: Scenario, side: Side, t: Nanos, sock: AppSocketAt): { values: FieldValues; sampleT: number | null; untraced: string[] } {
  const st = hostStateAt(scenario, trace.pmEvents[side], side, t);
  const open = side === 'client' ? trace.app[side].t_connect_start : trace.app[side].t_accept;
  const kernelPm = hostStateAt(scenario, trace.pmEvents[side], side, Math.round((open ?? 0) * 1e9)).sysctls.path_manager === 'kernel';
  const pm: PmLimitsView = kernelPm
    ? { limits: st.ns.limits, endpSignalMax: st.ns.endpSignalMax, endpSubflowMax: st.ns.endpSubflowMax, endpLaminarMax: st.ns.endpLaminarMax }
    : { limits: { subflows: 0, addAddrAccepted: 0 }, endpSignalMax: 0, endpSubflowMax: 0, endpLaminarMax: 0 };
  const m = mptcpSocketAt(trace, scenario, side, t, pm);
  const i = m?.info;
  const values: FieldValues = {
    mptcpi_subflows: i?.subflows ?? 0,
    mptcpi_add_addr_signal: i?.add_addr_signal ?? 0,
    mptcpi_add_addr_accepted: i?.add_addr_accepted ?? 0,
    mptcpi_subflows_max: pm.limits.subflows,
    mptcpi_add_addr_signal_max: pm.endpSignalMax,
    mptcpi_add_addr_accepted_max: pm.limits.addAddrAccepted,
    mptcpi_flags: i?.flags ?? 0,
    mptcpi_token: sock.token !== null ? parseInt(sock.token, 16) >>> 0 : 0,
    mptcpi_write_seq: i?.write_seq ?? 0n,
    mptcpi_snd_una: i?.snd_una ?? 0n,
    mptcpi_rcv_nxt: i?.rcv_nxt ?? 0n,
    mptcpi_local_addr_used: m?.more.local_addr_used ?? 0,
    mptcpi_local_addr_max: pm.endpSubflowMax,
    mptcpi_csum_enabled: i?.csum_enabled ?? 0,
    mptcpi_retransmits: i?.retransmits ?? 0,
    mptcpi_bytes_retrans: BigInt(i?.bytes_retrans ?? 0),
    mptcpi_bytes_sent: BigInt(i?.bytes_sent ?? 0),
    mptcpi_bytes_received: BigInt(i?.bytes_received ?? 0),
    mptcpi_bytes_acked: BigInt(i?.bytes_acked ?? 0),
    mptcpi_subflows_total: i?.subflows_total ?? 0,
    mptcpi_endp_laminar_max: pm.endpLaminarMax,
    mptcpi_endp_fullmesh_max: kernelPm ? st.ns.endpFullmeshMax : 0,
    mptcpi_last_data_sent: m?.more.last_data_sent ?? 0,
    mptcpi_last_data_recv: m?.more.last_data_recv ?? 0,
    mptcpi_last_ack_recv: m?.more.last_ack_recv ?? 0,
  };
  // a sample without them (a trace from before they were sampled): 0, and said so
  const untraced = m ? (['local_addr_used', 'last_data_sent', 'last_data_recv', 'last_ack_recv'] as const).filter((k) => m.more[k] === undefined).map((k) => `mptcpi_${k}`) : [];
  return { values, sampleT: m?.sampleT ?? null, untraced };
}

/**
 * getsockopt(fd, level, optname, optval, &optlen) on the app's socket of `side` at t. `input` is
 * what the caller put in optval/optlen (defaults: defaultOptlen, and a zeroed header with
 * size_subflow_data 16 / size_user the kernel's struct size, or FULL_INFO's user sizes and 8 slots).
 */
export function getsockopt(trace: Trace, scenario: Scenario, side: Side, t: Nanos, level: number, optname: number, input: GetsockoptInput = {}): GetsockoptResult {
  const sock = appSocketAt(trace, side, t);
  if (sock.kind === 'none') return { ok: false, errno: 'EBADF' };
  const optlen = input.optlen ?? defaultOptlen(level, optname);
  if (optlen < 0) return { ok: false, errno: 'EINVAL' };
  const mptcp = sock.kind === 'mptcp' && !sock.fallback;
  if (level === SOL_TCP) {
    // a plain or fallen-back socket answers TCP_IS_MPTCP 0 (do_tcp_getsockopt); other SOL_TCP options are not emulated here
    if (optname === TCP_IS_MPTCP) return putInt(tcpIsMptcp({ mptcp: sock.kind === 'mptcp', fallback: sock.fallback }), optlen, mptcp);
    return { ok: false, errno: mptcp ? 'EOPNOTSUPP' : 'ENOPROTOOPT' };
  }
  if (level !== SOL_MPTCP) return { ok: false, errno: mptcp ? 'EOPNOTSUPP' : 'ENOPROTOOPT' };
  const refused = solMptcpErrno({ mptcp: sock.kind === 'mptcp', fallback: sock.fallback }, optname);
  if (refused !== null) return { ok: false, errno: refused };
  const info = mptcpInfoValues(trace, scenario, side, t, sock);
  const { subflows } = subflowsAt(trace.app[side], t / 1e9);
  const opts = tcpiOptions(scenario);
  const common = { sampleT: info.sampleT };

  if (optname === MPTCP_INFO) {
    // sockopt.c mptcp_getsockopt_info(): "When used only to check if a fallback to TCP happened."
    if (optlen === 0) return { ok: true, optlen: 0, bytes: new Uint8Array(0), ...common };
    const head = struct(MPTCP_INFO_LAYOUT, info.values, optlen);
    return { ok: true, optlen: head.bytes.length, bytes: head.bytes, head, ...common, untraced: info.untraced };
  }

  if (optname === MPTCP_TCPINFO || optname === MPTCP_SUBFLOW_ADDRS) {
    // mptcp_get_subflow_data()
    const sfd = {
      size_subflow_data: input.size_subflow_data ?? MIN_INFO_OPTLEN_SIZE,
      num_subflows: input.num_subflows ?? 0,
      size_kernel: input.size_kernel ?? 0,
      size_user: input.size_user ?? (optname === MPTCP_TCPINFO ? TCP_INFO_LAYOUT.size : SUBFLOW_ADDRS_LAYOUT.size),
    };
    if (optlen < MIN_INFO_OPTLEN_SIZE) return { ok: false, errno: 'EINVAL' };
    if (sfd.size_subflow_data > INT_MAX || sfd.size_user > INT_MAX) return { ok: false, errno: 'EINVAL' };
    if (sfd.size_subflow_data < MIN_INFO_OPTLEN_SIZE || sfd.size_subflow_data > optlen) return { ok: false, errno: 'EINVAL' };
    if (sfd.num_subflows !== 0 || sfd.size_kernel !== 0) return { ok: false, errno: 'EINVAL' };
    let len = optlen - sfd.size_subflow_data;
    const elem = optname === MPTCP_TCPINFO ? TCP_INFO_LAYOUT : SUBFLOW_ADDRS_LAYOUT;
    sfd.size_kernel = elem.size;
    sfd.size_user = Math.min(sfd.size_user, elem.size);
    const elements: StructOut[] = [];
    for (const { s } of subflows) {
      if (len > 0 && len >= sfd.size_user) {
        elements.push(struct(elem, optname === MPTCP_TCPINFO ? tcpInfoValues(s, opts) : subflowAddrsValues(s), sfd.size_user));
        len -= sfd.size_user;
      }
    }
    sfd.num_subflows = subflows.length;
    // mptcp_put_subflow_data()
    const copied = elements.length * sfd.size_user;
    const headLen = Math.min(sfd.size_subflow_data, MIN_INFO_OPTLEN_SIZE);
    const outLen = copied > 0 ? copied + sfd.size_subflow_data : headLen;
    const head = struct(SUBFLOW_DATA_LAYOUT, sfd, headLen);
    const bytes = new Uint8Array(outLen);
    bytes.set(head.bytes, 0);
    elements.forEach((e, k) => bytes.set(e.bytes, sfd.size_subflow_data + k * sfd.size_user));
    return { ok: true, optlen: outLen, bytes, head, elements, ...common };
  }

  // MPTCP_FULL_INFO: mptcp_get_full_info(), then mptcp_getsockopt_full_info()
  const mfi: FieldValues & Record<string, number | bigint> = {
    size_tcpinfo_kernel: input.size_tcpinfo_kernel ?? 0,
    size_tcpinfo_user: input.size_tcpinfo_user ?? TCP_INFO_LAYOUT.size,
    size_sfinfo_kernel: input.size_sfinfo_kernel ?? 0,
    size_sfinfo_user: input.size_sfinfo_user ?? SUBFLOW_INFO_LAYOUT.size,
    num_subflows: input.full_num_subflows ?? 0,
    size_arrays_user: input.size_arrays_user ?? 8,
    subflow_info: input.subflow_info_ptr ?? 0n,
    tcp_info: input.tcp_info_ptr ?? 0n,
  };
  if (optlen < MIN_FULL_INFO_OPTLEN_SIZE) return { ok: false, errno: 'EINVAL' };
  if (mfi.size_tcpinfo_kernel !== 0 || mfi.size_sfinfo_kernel !== 0 || mfi.num_subflows !== 0) return { ok: false, errno: 'EINVAL' };
  if (Number(mfi.size_sfinfo_user) > INT_MAX || Number(mfi.size_tcpinfo_user) > INT_MAX) return { ok: false, errno: 'EINVAL' };
  const len = optlen - MIN_FULL_INFO_OPTLEN_SIZE;
  let copylen = 0;
  if (len > 0) {
    for (const [k, v] of Object.entries(info.values)) mfi[`mptcp_info.${k}`] = v;
    copylen = Math.min(len, MPTCP_INFO_LAYOUT.size);
  }
  const tcpUser = Math.min(Number(mfi.size_tcpinfo_user), TCP_INFO_LAYOUT.size);
  const sfUser = Math.min(Number(mfi.size_sfinfo_user), SUBFLOW_INFO_LAYOUT.size);
  mfi.size_tcpinfo_kernel = TCP_INFO_LAYOUT.size;
  mfi.size_tcpinfo_user = tcpUser;
  mfi.size_sfinfo_kernel = SUBFLOW_INFO_LAYOUT.size;
  mfi.size_sfinfo_user = sfUser;
  const elements: StructOut[] = [];
  const tcpInfo: StructOut[] = [];
  let count = 0;
  for (const { id, s } of subflows) {
    if (count++ >= Number(mfi.size_arrays_user)) continue;
    // addresses only when the user's element reaches past the id (offsetof(struct mptcp_subflow_info, addrs))
    const addrsAt = SUBFLOW_INFO_LAYOUT.fields[1].offset;
    elements.push(struct(SUBFLOW_INFO_LAYOUT, { id, ...(sfUser > addrsAt ? subflowAddrsValues(s, 'addrs.') : {}) }, sfUser));
    if (tcpUser > 0) tcpInfo.push(struct(TCP_INFO_LAYOUT, tcpInfoValues(s, opts), tcpUser));
  }
  mfi.num_subflows = count;
  const head = struct(FULL_INFO_LAYOUT, mfi, copylen + MIN_FULL_INFO_OPTLEN_SIZE);
  return { ok: true, optlen: head.bytes.length, bytes: head.bytes, head, elements, tcpInfo, ...common, ...(copylen > 0 ? { untraced: info.untraced.map((f) => `mptcp_info.${f}`) } : {}) };
}
