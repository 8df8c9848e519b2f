/**
 * The MPTCP part of one host's network stack (one network namespace in kernel-ref): its
 * `net.mptcp.*` sysctls, its path-manager namespace (`ip mptcp endpoint|limits`), the token table
 * that MP_JOINs are matched against (RFC 8684 §3.2), MPTcpExt counters and `ip mptcp monitor`
 * events, and the listener logic that turns SYNs into MPTCP connections, joins, or plain TCP.
 */
import type { Engine } from '../sim/engine';
import type { Rng } from '../sim/rng';
import type { SchedDecisionRecord, Side } from '../sim/trace';
import type { Host } from '../net/host';
import { intToIpv4, ipv4ToInt, type Packet } from '../net/packet';
import { TcpSocket, type TcpConfig, type TcpEnv } from '../tcp/tcp-socket';
import type { PmNamespace } from '../pm/pm-namespace';
import type { NamespaceChange, PmEndpoint } from '../pm/types';
import { createKernelPm } from '../pm/kernel-pm';
import { createUserspacePm, runUserspacePmCommand, type UpmCommand, type UpmResult } from '../pm/userspace-pm';
import { getScheduler, type Scheduler } from '../sched/index';
import { MP_TCPRST_REASON } from '../wire/mptcp/types';
import { MptcpConnection, type ConnectionTraceEvent } from './connection';
import type { MptcpSubflow } from './subflow';
import { findOption } from './options';
import { keyToToken } from './crypto';
import type { MptcpSysctls } from '../scenario/mptcp-sysctls';

/** The `net.mptcp.*` values the mechanism reads (kernel.md §9). */
export interface MptcpSysctl {
  enabled: boolean;
  checksum_enabled: boolean;
  allow_join_initial_addr_port: boolean;
  stale_loss_cnt: number;
  add_addr_timeout: number;
  path_manager: string;
  scheduler: string;
}

/** The mechanism's view of a namespace's effective `net.mptcp.*` values. */
export function mptcpSysctlFrom(s: MptcpSysctls): MptcpSysctl {
  return {
    enabled: s.enabled !== 0,
    checksum_enabled: s.checksum_enabled !== 0,
    allow_join_initial_addr_port: s.allow_join_initial_addr_port !== 0,
    stale_loss_cnt: s.stale_loss_cnt,
    add_addr_timeout: s.add_addr_timeout,
    path_manager: s.path_manager,
    scheduler: s.scheduler,
  };
}

/**
 * The MPTcpExt counters a connection moves per segment (MPTCP_MIB_OFOQUEUE…), as named fields of the
 * live MIB record: a named increment there costs a fraction of a keyed one through the hooks, and
 * a counter that never moved stays absent as before.
 */
export interface HotCounters {
  OFOQueue?: number;
  OFOQueueTail?: number;
  RcvWndShared?: number;
}

/** How a stack reports to the world (trace, counters, monitor events, new sockets). */
export interface StackHooks {
  trace(side: Side, conn: MptcpConnection, ev: ConnectionTraceEvent): void;
  pmEvent(side: Side, type: string, attrs: Record<string, string>): void;
  /** A TCP socket now belongs to an MPTCP connection (for sampling and statistics). */
  subflowCreated(side: Side, conn: MptcpConnection, sf: MptcpSubflow): void;
  /** Where scheduler decisions that sent data go (trace.schedDecisions); absent: not recorded. */
  schedDecision?: (rec: SchedDecisionRecord) => void;
  /**
   * The host's live MPTcpExt record: counters move there (keyed by their names; the per-segment
   * ones, HotCounters, incremented by name where they are counted).
   */
  counters: Record<string, number>;
  /**
   * Every packet will be captured (the page's runs): build DSS options as the codec's plain records
   * at once rather than with on-demand numbers that a capture would convert anyway (sim-mapping.ts).
   */
  eagerRecords?: boolean;
}

export class MptcpStack {
  private readonly tokens = new Map<number, MptcpConnection>();
  /** A scheduler the kernel lacks, chosen with the scenario's `sim.scheduler` (else net.mptcp.scheduler). */
  schedulerName: string | null = null;
  /** A scheduler built for this run (the scenario's `sim.scheduler_script`), used before any name. */
  customScheduler: ((token: () => number) => Scheduler) | null = null;
  readonly connections: MptcpConnection[] = [];
  /** Port endpoints' listeners, as "addr:port" (pm_kernel.c mptcp_pm_nl_create_listen_socket). */
  private readonly endpListeners = new Set<string>();

  constructor(
    readonly side: Side,
    readonly host: Host,
    readonly engine: Engine,
    private readonly rng: Rng,
    public sysctl: MptcpSysctl,
    readonly ns: PmNamespace,
    private readonly tcpEnv: TcpEnv,
    readonly tcpCfg: Omit<TcpConfig, 'stream' | 'mtu'>,
    readonly sndbuf: number | null,
    readonly rcvbuf: number | null,
    private readonly hooks: StackHooks,
    /** The byte generator seed of an application stream (for DSS checksums over payload). */
    readonly payloadSeed: (stream: number) => number,
  ) {
    // endpoints configured before the run have their listeners already (kernel-ref starts its
    // monitor afterwards, so no LISTENER_CREATED is seen for them); later changes are followed
    for (const ep of ns.endpoints) this.openEndpointListener(ep, false);
    ns.subscribe((change) => this.endpointListenersChanged(change));
  }

  // [port endpoints] ----------------------------------------------------------------------------
  /**
   * A `signal` endpoint with a port gets a listening MPTCP socket bound to ADDR:PORT
   * (pm_kernel.c mptcp_pm_nl_create_listen_socket, on `ip mptcp endpoint add`), closed when the
   * endpoint goes (__mptcp_pm_release_addr_entry). It takes only MP_JOINs (subflow.c
   * subflow_check_req, `pm_listener`).
   */
  private openEndpointListener(ep: PmEndpoint, announce: boolean): void {
    if (ep.port === null) return;
    const key = `${ep.addr}:${ep.port}`;
    const addr = ipv4ToInt(ep.addr);
    if (this.endpListeners.has(key) || this.host.ifaceOfAddr(addr) === undefined) return;
    this.endpListeners.add(key);
    this.host.listen(ep.port, { onSyn: (pkt) => this.onEndpointListenerSyn(pkt) }, addr);
    if (announce) this.pmEvent('LISTENER_CREATED', {});
  }

  private closeEndpointListener(ep: PmEndpoint): void {
    if (ep.port === null || !this.endpListeners.delete(`${ep.addr}:${ep.port}`)) return;
    this.host.unlisten(ep.port, ipv4ToInt(ep.addr));
    this.pmEvent('LISTENER_CLOSED', {});
  }

  private endpointListenersChanged(change: NamespaceChange): void {
    if (change.kind === 'endpointAdded') this.openEndpointListener(change.ep, true);
    else if (change.kind === 'endpointDeleted') this.closeEndpointListener(change.ep);
    else if (change.kind === 'flushed') for (const ep of change.eps) this.closeEndpointListener(ep);
  }

  /**
   * A SYN to a port endpoint's listener (subflow_check_req with pm_listener set): an MP_JOIN goes on
   * as on any MPTCP listener; an MP_CAPABLE or plain TCP SYN is refused with MP_TCPRST reason 3
   * (subflow_reset_req_endp, MPCapableEndpAttempt) — such a connection would never be accepted.
   */
  private onEndpointListenerSyn(pkt: Packet): TcpSocket | 'handled' {
    const join = findOption(pkt, 'MP_JOIN');
    const mpc = findOption(pkt, 'MP_CAPABLE');
    if (mpc !== undefined) this.mib('MPCapableSYNRX');
    if (mpc !== undefined || join === undefined || join.form !== 'syn' || !this.sysctl.enabled) {
      this.mib('MPCapableEndpAttempt');
      this.rejectJoin(pkt, MP_TCPRST_REASON.administrativelyProhibited);
      return 'handled';
    }
    return this.onJoinSyn(pkt, join.receiverToken, join.addressId, join.senderNonce, join.backup, 1500);
  }

  /**
   * mptcp_pm_sport_in_anno_list: a join to another port than the connection's own must reach an
   * address and port this connection announced (its ADD_ADDR list).
   */
  private portAnnounced(conn: MptcpConnection, addr: number, port: number): boolean {
    const text = intToIpv4(addr);
    return (conn.pm?.state?.().announced ?? []).some((a) => a.addr === text && a.port === port);
  }
  // [/port endpoints] ---------------------------------------------------------------------------

  mib(name: string, by = 1): void {
    const c = this.hooks.counters;
    c[name] = (c[name] ?? 0) + by;
  }

  /** Whether DSS options are built as plain records at once (hooks.eagerRecords). */
  get eagerRecords(): boolean {
    return this.hooks.eagerRecords === true;
  }

  /** The live MPTcpExt record (hooks.counters), for the per-segment counters. */
  get ext(): HotCounters {
    return this.hooks.counters as HotCounters;
  }

  /** The sink for scheduler decisions (trace.schedDecisions), or null when they are not recorded. */
  get schedDecisionSink(): ((rec: SchedDecisionRecord) => void) | null {
    return this.hooks.schedDecision ?? null;
  }

  pmEvent(type: string, attrs: Record<string, string>): void {
    this.hooks.pmEvent(this.side, type, attrs);
  }

  trace(conn: MptcpConnection, ev: ConnectionTraceEvent): void {
    this.hooks.trace(this.side, conn, ev);
  }

  subflowCreated(conn: MptcpConnection, sf: MptcpSubflow): void {
    this.hooks.subflowCreated(this.side, conn, sf);
  }

  /** `ifindex=` of an `ip mptcp monitor` line: kernel-ref's interfaces are lo (1) then path 1, 2, … */
  ifindexAttr(addr: number): Record<string, string> {
    if (this.side !== 'client') return {};
    const ifc = this.host.ifaceOfAddr(addr);
    return ifc ? { ifindex: String(ifc.path + 1) } : {};
  }

  /** A fresh local key whose token is unused here (Linux retries on a token collision). */
  newKey(): bigint {
    for (;;) {
      const k = this.rng.u64NonZero();
      if (!this.tokens.has(keyToToken(k))) return k;
    }
  }

  newNonce(): number {
    for (;;) {
      const n = this.rng.u32();
      if (n !== 0) return n;
    }
  }

  forget(conn: MptcpConnection): void {
    if (this.tokens.get(conn.localToken) === conn) this.tokens.delete(conn.localToken);
  }

  private ephemeralPort(): number {
    return 32768 + this.rng.int(60999 - 32768 + 1);
  }

  private newSocket(stream: number, mtu: number): TcpSocket {
    return new TcpSocket(this.tcpEnv, this.rng, { ...this.tcpCfg, stream, mtu });
  }

  private newConnection(side: 'client' | 'server', stream: number): MptcpConnection {
    let conn: MptcpConnection | null = null;
    // a scheduler built for this run learns its connection's token once the connection exists
    const sched = this.customScheduler !== null ? this.customScheduler(() => conn?.localToken ?? 0) : getScheduler(this.schedulerName ?? this.sysctl.scheduler);
    conn = new MptcpConnection(this, side, stream, sched);
    this.tokens.set(conn.localToken, conn);
    this.connections.push(conn);
    return conn;
  }

  /** The connection's path manager (net.mptcp.path_manager: the in-kernel or the userspace one). */
  private attachPm(conn: MptcpConnection): void {
    // [userspace PM] path_manager 'userspace' (pm_type 1): commands come from the daemon (sim.userspace_pm)
    if (this.sysctl.path_manager === 'userspace') {
      conn.pm = createUserspacePm(conn.pmActions(), { hasLocalAddr: (a) => this.host.ifaceOfAddr(ipv4ToInt(a)) !== undefined });
      return;
    }
    const pm = createKernelPm(this.ns, conn.pmActions(), {
      add_addr_timeout_s: this.sysctl.add_addr_timeout,
      allow_join_initial_addr_port: this.sysctl.allow_join_initial_addr_port,
    });
    conn.pm = pm;
    const unsubscribe = this.ns.subscribe((change) => {
      if (conn.state === 'closed') unsubscribe();
      else pm.namespaceChanged(change);
    });
  }

  // [userspace PM] ------------------------------------------------------------------------------
  /**
   * A daemon's netlink command (pm/userspace-pm.ts). mptcp_userspace_pm_get_sock: the token must
   * name a connection of this host's token table (a server connection only once accepted); without
   * a token the command goes to the host's first MPTCP connection.
   */
  userspacePmCommand(c: UpmCommand, token: number | null): { result: UpmResult; token: number | null } {
    const conn = token !== null ? this.tokens.get(token >>> 0) : this.connections[0];
    const found = conn !== undefined && this.tokens.get(conn.localToken) === conn && (conn.side === 'client' || conn.accepted);
    return { result: runUserspacePmCommand(found ? conn.pm : undefined, c), token: found ? conn.localToken : token };
  }
  // [/userspace PM] -----------------------------------------------------------------------------

  /** Client: socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP) + connect(). */
  connect(stream: number, src: number, port: number, dst: number, dport: number, mtu: number): MptcpConnection {
    const conn = this.newConnection('client', stream);
    const sock = this.newSocket(stream, mtu);
    conn.attachInitial(sock);
    this.attachPm(conn);
    this.host.register(src, port, dst, dport, sock);
    conn.connectStarted();
    sock.connect(src, port, dst, dport);
    return conn;
  }

  /**
   * A SYN reached an MPTCP listener. MP_CAPABLE: a new connection; MP_JOIN: a subflow of the
   * connection its token names; neither: a plain TCP socket (kernel.md §3).
   */
  onListenerSyn(pkt: Packet, stream: () => number, mtu: number, accept: (s: TcpSocket | MptcpConnection) => void): TcpSocket | 'handled' {
    const join = findOption(pkt, 'MP_JOIN');
    if (join !== undefined && join.form === 'syn') return this.onJoinSyn(pkt, join.receiverToken, join.addressId, join.senderNonce, join.backup, mtu);
    const mpc = findOption(pkt, 'MP_CAPABLE');
    if (mpc === undefined || !this.sysctl.enabled) {
      const sock = this.newSocket(stream(), mtu);
      accept(sock);
      this.host.register(pkt.dst, pkt.dport, pkt.src, pkt.sport, sock);
      sock.acceptSyn(pkt);
      return sock;
    }
    const conn = this.newConnection('server', stream());
    const sock = this.newSocket(conn.stream, mtu);
    conn.attachInitial(sock);
    conn.synReceived(mpc.flags);
    this.attachPm(conn);
    accept(conn);
    this.host.register(pkt.dst, pkt.dport, pkt.src, pkt.sport, sock);
    sock.acceptSyn(pkt);
    return sock;
  }

  private onJoinSyn(pkt: Packet, token: number, addressId: number, nonce: number, backup: boolean, mtu: number): TcpSocket | 'handled' {
    this.mib('MPJoinSynRx');
    if (backup) this.mib('MPJoinSynBackupRx');
    const conn = this.tokens.get(token);
    // a client connection takes joins (to a port endpoint's listener) once it knows the peer's key
    const ready = conn !== undefined && (conn.side === 'server' ? conn.accepted : conn.fullyEstablished);
    if (conn === undefined || !ready || conn.fallback || conn.state === 'closed') {
      // RFC 8684 §3.2: unknown token — reset with MP_TCPRST (Linux: subflow_check_req)
      this.mib('MPJoinNoTokenFound');
      this.rejectJoin(pkt, MP_TCPRST_REASON.mptcpError);
      return 'handled';
    }
    // subflow_use_different_sport: the listener's port is not the connection's (a port endpoint's)
    if (pkt.dport !== conn.localPort) {
      if (!this.portAnnounced(conn, pkt.dst, pkt.dport)) {
        this.mib('MismatchPortSynRx');
        this.rejectJoin(pkt, null);
        return 'handled';
      }
      this.mib('MPJoinPortSynRx');
    }
    const sock = this.newSocket(conn.stream, mtu);
    // mptcp_pm_get_local_id / mptcp_pm_is_backup look the local address up with its port
    const localId = conn.pm?.localId?.(intToIpv4(pkt.dst), pkt.dport) ?? 0;
    const sf = conn.attachJoin(sock, Math.max(0, localId), conn.pm?.isBackup?.(intToIpv4(pkt.dst), pkt.dport) ?? false);
    sf.passive = true;
    sf.remoteId = addressId;
    sf.remoteNonce = nonce;
    sf.peerBackup = backup;
    this.host.register(pkt.dst, pkt.dport, pkt.src, pkt.sport, sock);
    sock.acceptSyn(pkt);
    return sock;
  }

  /**
   * Refuse a SYN: RST|ACK with MP_TCPRST (RFC 8684 §3.6) when `reason` is set. It is the stateless
   * reset of a request socket (tcp_v4_send_reset + mptcp_get_reset_option), which counts no MPRstTx.
   */
  private rejectJoin(syn: Packet, reason: number | null): void {
    const r = this.tcpEnv.newPacket();
    r.src = syn.dst;
    r.dst = syn.src;
    r.sport = syn.dport;
    r.dport = syn.sport;
    r.flags = 0x04 | 0x10; // RST|ACK
    r.seq = 0;
    r.ack = (syn.seq + 1) >>> 0;
    if (reason !== null) r.mptcp = [{ subtype: 8, kind: 'MP_TCPRST', transient: false, reason }];
    this.host.output(r);
  }

  /**
   * The path manager asks for a new subflow (RFC 8684 §3.2). Returns false when bind or connect
   * fails at once (no such address, interface down), as Linux's MPJoinSynTx*Err counters say.
   */
  createJoin(conn: MptcpConnection, local: { addr: string; id: number; dev: string | null } | null, remote: { addr: string; port: number; id: number }, backup: boolean): boolean {
    const dst = ipv4ToInt(remote.addr);
    let src: number;
    if (local !== null) {
      src = ipv4ToInt(local.addr);
      if (!this.host.ifaceOfAddr(src)) {
        this.mib('MPJoinSynTxBindErr');
        return false;
      }
    } else {
      const ifc = this.host.ifaceOfSubnet(dst) ?? this.host.ifaces[0];
      src = ifc.addrs[0];
    }
    const ifc = this.side === 'client' ? this.host.ifaceOfAddr(src) : this.host.ifaceOfSubnet(dst);
    if (!ifc || !ifc.up) {
      this.mib('MPJoinSynTxConnectErr');
      return false;
    }
    const sock = this.newSocket(conn.stream, 1500);
    const localId = local?.id ?? conn.pm?.localId?.(intToIpv4(src)) ?? 0;
    const sf = conn.attachJoin(sock, Math.max(0, localId), backup);
    sf.remoteId = remote.id;
    const port = this.ephemeralPort();
    this.host.register(src, port, dst, remote.port, sock);
    this.mib('MPJoinSynTx');
    sock.connect(src, port, dst, remote.port);
    return true;
  }
}
