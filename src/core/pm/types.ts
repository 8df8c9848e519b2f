/**
 * The contract between an MPTCP connection (the mechanism) and a path manager (the policy),
 * RFC 8684 §3.4 and Linux net/mptcp/pm*.c. The connection tells the PM what happened; the PM
 * answers by calling the mechanism's actions. Addresses are dotted-quad strings (IPv4 only for
 * now), times are ns of simulated time, and nothing here reads a clock.
 */
import type { Nanos } from '../sim/time';

export type EndpointFlagName = 'signal' | 'subflow' | 'backup' | 'fullmesh' | 'implicit' | 'laminar';

/** One `ip mptcp endpoint` entry of a namespace (Linux struct mptcp_pm_addr_entry). */
export interface PmEndpoint {
  id: number;
  addr: string;
  port: number | null;
  dev: string | null;
  flags: EndpointFlagName[];
}

/** A subflow as the PM sees it (read-only snapshot). */
export interface PmSubflowView {
  /** The connection's subflow number (1 = the initial subflow, as MPTCP_SUBFLOW_ADDRS ids). */
  id: number;
  localAddr: string;
  localPort: number;
  /** Local address id (0 for the initial subflow). */
  localId: number;
  remoteAddr: string;
  remotePort: number;
  remoteId: number;
  /** Our backup request (request_bkup) and the peer's (backup). */
  backup: boolean;
  peerBackup: boolean;
  /** TCP-established and, for joins, past the 4th ACK. */
  established: boolean;
  closed: boolean;
  /** Created by MP_JOIN (false for the initial MP_CAPABLE subflow). */
  isJoin: boolean;
}

export interface PmConnectionView {
  side: 'client' | 'server';
  token: number;
  /** The initial subflow's addresses. */
  initialLocal: { addr: string; port: number };
  initialRemote: { addr: string; port: number };
  /** The peer set MP_CAPABLE's C flag: do not join its initial address/port (RFC 8684 §3.1). */
  remoteDenyJoinId0: boolean;
  subflows: readonly PmSubflowView[];
}

/** Everything a PM may ask the connection (mechanism) to do. */
export interface PmActions {
  now(): Nanos;
  /** Run `fn` after `delay` ns of simulated time (ADD_ADDR retransmission timer). Returns a cancel function. */
  schedule(delay: Nanos, fn: () => void): () => void;
  /** Queue an ADD_ADDR for `addr` (with HMAC) on a pure ACK of an established subflow. */
  sendAddAddr(a: { id: number; addr: string; port: number | null }): void;
  /** Queue the echo of a received ADD_ADDR. */
  sendAddAddrEcho(a: { id: number; addr: string; port: number | null }): void;
  /** Queue a REMOVE_ADDR carrying these ids (up to 8). */
  sendRmAddr(ids: number[]): void;
  /**
   * Open a subflow with MP_JOIN. `local` null = let routing pick the source (IPADDRANY).
   * Returns false if the bind or connect fails at once (no such local address, interface down…).
   */
  createSubflow(local: { addr: string; id: number; dev: string | null } | null, remote: { addr: string; port: number; id: number }, opts: { backup: boolean }): boolean;
  /** Close (reset) subflows for which `match` is true; returns how many were closed. */
  closeSubflows(match: (sf: PmSubflowView) => boolean, reason: 'rm_subflow' | 'rm_addr'): number;
  /** Send MP_PRIO on that subflow and set our backup request. */
  sendMpPrio(subflowId: number, backup: boolean): void;
  /** Count a Linux MPTcpExt MIB counter. */
  mib(name: string, by?: number): void;
  /** Emit an `ip mptcp monitor` event (pm_events). */
  event(type: string, attrs: Record<string, unknown>): void;
  /** The connection's current view. */
  view(): PmConnectionView;
  /** Time-out value for ADD_ADDR retransmission: min(add_addr_timeout, largest subflow RTO). */
  addAddrTimeout(): Nanos;
}

/** What a per-connection PM instance is told (Linux mptcp_pm_* event hooks). */
export interface PathManager {
  readonly id: string;
  /** The connection became fully established (mptcp_pm_fully_established). */
  fullyEstablished(): void;
  /** A subflow became established (mptcp_pm_subflow_established). */
  subflowEstablished(sf: PmSubflowView): void;
  /** A subflow closed (mptcp_pm_subflow_check_next). */
  subflowClosed(sf: PmSubflowView): void;
  /** A valid ADD_ADDR (HMAC checked) arrived (mptcp_pm_add_addr_received). */
  addAddrReceived(a: { id: number; addr: string; port: number | null }): void;
  /** The echo of our ADD_ADDR arrived (mptcp_pm_add_addr_echoed). */
  addAddrEchoed(a: { id: number; addr: string; port: number | null }): void;
  /** REMOVE_ADDR arrived (mptcp_pm_rm_addr_received). */
  rmAddrReceived(ids: number[]): void;
  /** Should an incoming MP_JOIN be accepted? (mptcp_pm_allow_new_subflow) */
  allowNewSubflow(): boolean;
  /** The namespace's endpoints or limits changed (endpoint add/del/change/flush, limits set). */
  namespaceChanged(change: NamespaceChange): void;
}

export type NamespaceChange =
  | { kind: 'endpointAdded'; ep: PmEndpoint }
  | { kind: 'endpointDeleted'; ep: PmEndpoint }
  | { kind: 'endpointChanged'; ep: PmEndpoint; before: PmEndpoint }
  | { kind: 'flushed'; eps: PmEndpoint[] }
  /** `ip mptcp endpoint delete id 0 ADDR`: no table entry, connections whose initial source is ADDR drop it. */
  | { kind: 'idZeroDeleted'; addr: string }
  | { kind: 'limits' };
