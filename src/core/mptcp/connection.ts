/**
 * Heads up: read RFC 8684 §3.1–3.3 and §3.7, and ../shared/reference/kernel.md §2–3, §6, §8 before
 * editing.
 *
 * One MPTCP connection (Linux's msk): keys, tokens and IDSNs; the data-level send stream mapped onto
 * subflows by the packet scheduler; DATA_ACK and the shared receive window; data-level reassembly;
 * DATA_FIN close; MP_FASTCLOSE; fallback to TCP; data-level retransmission and reinjection with
 * stale-subflow detection. The lifecycle lives in src/machines/connection.machine.ts; the path
 * manager (policy) is told what happens and acts through the PmActions this connection implements.
 *
 * Positions: the data stream is addressed by `pos` (bytes from the start of the application
 * stream, a plain JS number); on the wire, DSN = IDSN + 1 + pos (mod 2^64).
 */
import { connectionMachine, initialTransition, transition, type ConnectionEvent } from '../../machines';
import { Timer } from '../sim/engine';
import { MS, type Nanos } from '../sim/time';
import type { SchedDecisionRecord, SocketSample } from '../sim/trace';
import type { TcpSocket } from '../tcp/tcp-socket';
import { TCP_RTO_MIN_US } from '../tcp/rtt';
import { SendFrags } from './dfrag';
import { RecvQueue, segmentsIn } from '../tcp/recv-queue';
import { drsWindow, TCP_INIT_CWND } from '../tcp/rcv-space';
import { CoupledGroup, isCoupled } from '../tcp/congestion/index';
import { DSS_INLINE_ACK64, DSS_INLINE_FIN, DSS_INLINE_MAP, intToIpv4, ipv4ToInt, type Packet } from '../net/packet';
import type { PathManager, PmActions, PmConnectionView, PmSubflowView } from '../pm/types';
import type { KernelPmInfo } from '../pm/kernel-pm';
import type { SchedDecision, SchedSubflowView, SchedView, Scheduler } from '../sched/types';
import { schedDecisionRecord } from './sched-record';
import { tcpPacingRate, type PacingInput } from '../sched/pacing-rate';
import type { AddAddrOption, DssMapping, DssOption, MpCapableFlags } from '../wire/mptcp/types';
import { MP_TCPRST_REASON } from '../wire/mptcp/types';
import { MptcpSubflow, dssDataOptionLength } from './subflow';
import { mpCapableFlags } from './options';
import { U64, add64, low32, nearSndUna32, noWrapBelow, offset64 } from './dsn';
import { SimDss, SimDssMapping, SimDssSource, plainDss, plainMapping } from './sim-mapping';
import { addAddrHmac, keyToIdsn, keyToToken } from './crypto';
import { dssChecksum } from './dss-checksum';
import type { HotCounters, MptcpStack } from './stack';

/** What the application sees of a connection (the callbacks a plain TCP socket gives its app). */
export interface StreamApp {
  connected(sock: MptcpConnection, now: Nanos): void;
  received(sock: MptcpConnection, n: number, now: Nanos, pos: number): void;
  eof(sock: MptcpConnection, now: Nanos): void;
  writable(sock: MptcpConnection, now: Nanos): void;
  closed(sock: MptcpConnection, now: Nanos, reason: string): void;
}

/** The path manager as the connection uses it (the kernel PM adds local ids, backup flags and destroy). */
export type ConnectionPm = PathManager & {
  localId?(addr: string, port?: number | null): number;
  isBackup?(addr: string, port?: number | null): boolean;
  destroy?(): void;
  info?(): KernelPmInfo;
  /** The announce list (msk->pm.anno_list), for joins to a port endpoint (mptcp_pm_sport_in_anno_list). */
  state?(): { announced: readonly { addr: string; port: number | null }[] };
};

/** struct mptcp_info as getsockopt(SOL_MPTCP, MPTCP_INFO) returns it (uapi/linux/mptcp.h), kernel-ref's field names. */
export interface MptcpInfo {
  subflows: number;
  add_addr_signal: number;
  add_addr_accepted: number;
  subflows_max: number;
  add_addr_signal_max: number;
  add_addr_accepted_max: number;
  flags: number;
  token: number;
  write_seq: bigint;
  snd_una: bigint;
  rcv_nxt: bigint;
  local_addr_used: number;
  local_addr_max: number;
  csum_enabled: number;
  retransmits: number;
  bytes_retrans: number;
  bytes_sent: number;
  bytes_received: number;
  bytes_acked: number;
  subflows_total: number;
  endp_laminar_max: number;
  endp_fullmesh_max: number;
  last_data_sent: number;
  last_data_recv: number;
  last_ack_recv: number;
}

/** MPTCP_INFO_FLAG_FALLBACK / MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED (uapi/linux/mptcp.h). */
const MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED = 2;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY_SUBFLOW_VIEW: Mutable<SchedSubflowView> = {
  id: 0,
  tcpCanSend: false,
  joinPending: false,
  stale: false,
  rcvSinceStale: false,
  backup: false,
  peerBackup: false,
  wmemQueued: 0,
  sndbuf: 0,
  pacingRate: 0,
  avgPacingRate: 0,
  queuesEmpty: true,
  staleCount: 0,
  rtxTimerRemaining: 0,
  srttUs: 0,
  rttvarUs: 0,
  cwnd: 0,
  mss: 0,
};

/** tcp_rmem defaults: the initial and the largest receive buffer (bytes). */
const TCP_RMEM_DEFAULT = 131072;
const TCP_RMEM_MAX = 6 * 1024 * 1024;

/** A connection-level event for the trace (state changes, fallback, subflow changes, scheduler). */
export type ConnectionTraceEvent =
  | { type: 'state'; from: string; to: string }
  | { type: 'fallback'; reason: string }
  | { type: 'subflow'; subflow: number; what: 'created' | 'established' | 'fullyEstablished' | 'closed' | 'stale' | 'recovered'; detail: string }
  /** The whole MPTCP retransmit queue (`bytes` from snd_una) goes back to the scheduler because subflow `from` went stale or closed. */
  | { type: 'reinject'; from: number; bytes: number };

export class MptcpConnection {
  readonly side: 'client' | 'server';
  readonly stream: number;
  localKey: bigint;
  remoteKey = 0n;
  remoteKeyKnown = false;
  localToken: number;
  remoteToken = 0;
  readonly localIdsn: bigint;
  remoteIdsn = 0n;
  private localIdsn1: bigint;
  /** Low 32 bits of IDSN + 1, to place 32-bit DATA_ACKs without 64-bit arithmetic. */
  private readonly localIdsn1Low: number;
  private remoteIdsn1 = 0n;
  readonly subflows: MptcpSubflow[] = [];
  private nextSubflowId = 1;

  private snap = initialTransition(connectionMachine)[0];
  state = 'closed';
  fallback = false;
  /** Stream position of subflow sequence 1 after a fallback (identity mapping). */
  fallbackBase = 0;
  fallbackReason: string | null = null;
  accepted = false;
  fullyEstablished = false;
  /** The peer set MP_CAPABLE's C flag / A flag. */
  remoteDenyJoinId0 = false;
  checksum = false;
  /** RFC 8684 §3.7: fallback stays possible until a second subflow joins or data is retransmitted at the MPTCP level. */
  allowInfiniteFallback = true;

  // ---- data-level send
  private writeEnd = 0;
  /** The send queue's fragments and page (dfrag.ts). */
  private readonly frags = new SendFrags();
  private sndNxt = 0;
  /** The highest data position ever given to a subflow (recovery_snd_nxt): below it, a push is a retransmission. */
  private sndMax = 0;
  sndUna = 0;
  private wndEnd = 0;
  private finQueued = false;
  dataFinPos = -1;
  private dataFinAcked = false;
  private readonly rtxTimer: Timer;
  private rtxBackoff = 0;
  /** msk->timer_ival: the MPTCP retransmission timeout, set when a send is scheduled (setTimeout). */
  private timerIval: Nanos = TCP_RTO_MIN_US * 1000;

  /** The subflow the last send decision chose (round-robin state), or null (nothing sent). */
  private lastSendId: number | null = null;

  // ---- data-level receive
  private rcvNxt = 0;
  private readonly ooo = new RecvQueue();
  private peerFinPos = -1;
  private peerFinReceived = false;
  /**
   * The MPTCP socket's receive buffer (sk_rcvbuf): SO_RCVBUF doubled if the app set it, else
   * tcp_rmem[1] = 128 KiB autotuned per receiver RTT (mptcp_rcv_space_adjust). Half of it is window.
   */
  private rcvBuf: number;
  /** net.ipv4.tcp_rmem[2] (TCP_RMEM_MAX unless the scenario sets it): mptcp_rcv_space_adjust grows rcvBuf up to it. */
  private readonly rcvBufMax: number;
  private readonly rcvBufLocked: boolean;
  private rcvSpace = 0;
  /** The right edge of the data-level receive window announced so far (msk->rcv_wnd_sent), as a position. */
  private rcvWndSent = 0;
  private rcvSpaceCopied = 0;
  private rcvSpaceTime: Nanos = -1;
  /** The receiver RTT the current measurement period waits for (largest over the subflows). */
  private rcvSpaceRtt: Nanos = 0;
  /** DATA_ACKs in 8 bytes once we receive 64-bit DSNs (Linux use_64bit_ack). */
  ack64 = false;
  /** The last DATA_ACK received, its low 32 bits and its position as a 64-bit ack (each -1 until computed). */
  private dataAckIn = -1n;
  private dataAckInLow = -1;
  private dataAckInPos = -1;
  /** Positions below this give a DSN below 2^64 (no wrap to mask off). */
  private readonly localNoWrapBelow: number;

  // ---- stats (MPTCP_INFO)
  bytesSent = 0;
  bytesRetrans = 0;
  bytesReceived = 0;
  bytesAcked = 0;
  retransmits = 0;
  /**
   * msk->last_data_sent / last_data_recv / last_ack_recv (tcp_jiffies32 in Linux, ns here): set
   * when the msk is initialised (__mptcp_init_sock: socket() on the client, the clone at the third
   * ACK on the server), then when __subflow_push_pending hands a subflow new data, when in-order
   * data moves into the msk (__mptcp_move_skbs_from_subflow) and on every DATA_ACK (ack_update_msk).
   */
  lastDataSentNs: Nanos;
  lastDataRecvNs: Nanos;
  lastAckRecvNs: Nanos;

  /** MP_FASTCLOSE in progress: no reinjection, no SF_CLOSED events. */
  private fastClosing = false;
  /** Why the connection closed, told to the app ('closed', or 'reset' after MP_FASTCLOSE). */
  private closeReason = 'closed';
  /** The application called close() (the CLOSED monitor event is sent then). */
  private appClosed = false;

  app: StreamApp | null = null;
  pm: ConnectionPm | null = null;
  private closedNotified = false;
  private eofNotified = false;
  private connectedNotified = false;

  /** The host's live MPTcpExt record for the per-segment counters (stack.ext). */
  private readonly hot: HotCounters;
  /** DSS options as plain records at once (stack.eagerRecords: every packet is captured). */
  private readonly eagerRecords: boolean;

  constructor(
    readonly stack: MptcpStack,
    side: 'client' | 'server',
    stream: number,
    private readonly scheduler: Scheduler,
  ) {
    this.side = side;
    this.stream = stream;
    this.hot = stack.ext;
    this.eagerRecords = stack.eagerRecords;
    this.localKey = stack.newKey();
    this.localToken = keyToToken(this.localKey);
    this.localIdsn = keyToIdsn(this.localKey);
    this.localIdsn1 = add64(this.localIdsn, 1);
    this.localIdsn1Low = low32(this.localIdsn1);
    this.localNoWrapBelow = noWrapBelow(this.localIdsn1);
    this.rtxTimer = new Timer(stack.engine, (now) => this.onRtxTimer(now));
    this.decisionSink = stack.schedDecisionSink;
    this.rcvBufLocked = stack.rcvbuf !== null;
    this.rcvBuf = stack.rcvbuf !== null ? 2 * Math.max(stack.rcvbuf, 2048) : TCP_RMEM_DEFAULT;
    this.rcvBufMax = stack.tcpCfg.tcpRmemMax ?? TCP_RMEM_MAX;
    this.lastDataSentNs = this.lastDataRecvNs = this.lastAckRecvNs = stack.engine.now;
  }

  // ======================================================================== lifecycle

  private step(ev: ConnectionEvent): void {
    const from = this.state;
    const [next] = transition(connectionMachine, this.snap, ev);
    this.snap = next;
    const v = next.value;
    this.state = typeof v === 'string' ? v : `${Object.keys(v)[0]}.${String(Object.values(v)[0])}`;
    if (this.state !== from) {
      this.stack.trace(this, { type: 'state', from, to: this.state });
      if (this.state === 'closed') this.onClosed();
    }
  }

  mib(name: string, by = 1): void {
    this.stack.mib(name, by);
  }

  /** Our MP_CAPABLE flags: A if we ask for checksums or (on the SYN/ACK) the client did. */
  mpcFlags(): MpCapableFlags {
    return mpCapableFlags(this.checksum || this.stack.sysctl.checksum_enabled, this.stack.sysctl.allow_join_initial_addr_port);
  }

  /** Coupled congestion control (LIA/OLIA/BALIA): the subflows' controllers see each other here. */
  readonly ccGroup = new CoupledGroup();

  private joinCcGroup(sock: TcpSocket): void {
    if (isCoupled(sock.cc)) {
      sock.cc.group = this.ccGroup;
      this.ccGroup.add(sock);
    }
  }

  /** The initial subflow (MP_CAPABLE) of this connection. */
  attachInitial(sock: TcpSocket): MptcpSubflow {
    this.joinCcGroup(sock);
    const sf = new MptcpSubflow(this, sock, 'mpc', this.nextSubflowId++, { localId: 0, backup: false });
    this.subflows.push(sf);
    this.stack.subflowCreated(this, sf);
    return sf;
  }

  attachJoin(sock: TcpSocket, localId: number, backup: boolean): MptcpSubflow {
    this.joinCcGroup(sock);
    const sf = new MptcpSubflow(this, sock, 'join', this.nextSubflowId++, { localId, backup });
    sf.localNonce = this.stack.newNonce();
    this.subflows.push(sf);
    this.stack.subflowCreated(this, sf);
    return sf;
  }

  connectStarted(): void {
    this.step({ type: 'CONNECT' });
    this.mib('MPCapableSYNTX');
  }

  /** Client: the SYN/ACK carried MP_CAPABLE with the server's key. */
  synAckReceived(serverKey: bigint, denyJoinId0: boolean, checksum: boolean, _now: Nanos): void {
    this.setRemoteKey(serverKey);
    this.remoteDenyJoinId0 = denyJoinId0;
    this.checksum = checksum || this.stack.sysctl.checksum_enabled;
    this.step({ type: 'SYNACK_MP_CAPABLE' });
  }

  /** Server: the SYN carried MP_CAPABLE (no key in v1). */
  synReceived(flags: MpCapableFlags): void {
    this.remoteDenyJoinId0 = flags.c;
    this.checksum = flags.a || this.stack.sysctl.checksum_enabled;
    this.mib('MPCapableSYNRX');
  }

  /** Server: the third ACK carried both keys; the connection exists from now on (mptcp_sk_clone_init). */
  accept(clientKey: bigint, now: Nanos): void {
    // mptcp_sk_clone_init -> __mptcp_init_sock: the server's msk exists from here
    this.lastDataSentNs = this.lastDataRecvNs = this.lastAckRecvNs = now;
    this.setRemoteKey(clientKey);
    this.accepted = true;
    this.fullyEstablished = true;
    this.mib('MPCapableACKRX');
    this.step({ type: 'ACCEPTED' });
    const sf = this.subflows[0];
    this.stack.pmEvent('CREATED', this.connAttrs(sf, { flags: '2' }));
    this.stack.pmEvent('ESTABLISHED', this.connAttrs(sf, { flags: '2' }));
    this.pm?.fullyEstablished();
  }

  private setRemoteKey(k: bigint): void {
    this.remoteKey = k;
    this.remoteKeyKnown = true;
    this.remoteToken = keyToToken(k);
    this.remoteIdsn = keyToIdsn(k);
    this.remoteIdsn1 = add64(this.remoteIdsn, 1);
    this.dssSource = new SimDssSource(this.remoteIdsn1, this.localIdsn1);
  }

  /** What our packets' inline DSS refers to (Packet.dssSrc), once the peer's key is known. */
  private dssSource: SimDssSource | null = null;

  /** DSS checksum of a mapping of our stream (or of the peer's `stream` when checking what arrived). */
  payloadChecksum(dsn: bigint, subflowSeq: number, dll: number, streamPos: number, len: number, mangled: number, stream = this.stream): number {
    return dssChecksum(dsn, subflowSeq, dll, this.stack.payloadSeed(stream), streamPos, len, mangled);
  }

  /** The peer's DSN of its stream position `pos`. */
  remoteDsn(pos: number): bigint {
    return (this.remoteIdsn1 + BigInt(pos)) & U64;
  }

  /** Fall back once the current segment is out (the infinite mapping rides on it). */
  fallbackAfter(reason: string, counter: string | null): void {
    this.stack.engine.after(0, { fire: () => this.fallbackNow(reason, counter, this.stack.engine.now) }, null);
  }

  /** RFC 8684 §3.7: continue as plain TCP on the initial subflow. */
  fallbackNow(reason: string, counter: string | null, _now: Nanos): void {
    if (this.fallback) return;
    this.fallback = true;
    this.fallbackReason = reason;
    if (counter) this.mib(counter);
    const sf = this.subflows[0];
    sf?.sock.setUlpOptionLength(0);
    this.fallbackBase = 0;
    this.stack.trace(this, { type: 'fallback', reason });
    this.step({ type: 'FALLBACK', reason });
    // data written but not yet mapped goes straight to the subflow now, and a DATA_FIN already
    // due becomes the subflow's TCP FIN (kernel.md §3)
    if (sf !== undefined && this.writeEnd > this.sndNxt && this.sndNxt === this.sndMax) {
      sf.pushMapped(this.sndNxt, this.writeEnd - this.sndNxt);
      this.bytesSent += this.writeEnd - this.sndNxt;
      this.sndNxt = this.sndMax = this.writeEnd;
    }
    if (this.finQueued) sf?.sock.shutdownWrite();
  }

  connAttrs(sf: MptcpSubflow | undefined, extra: Record<string, string> = {}): Record<string, string> {
    const s = sf?.sock;
    return {
      token: hex8(this.localToken),
      remid: String(sf?.remoteId ?? 0),
      locid: String(sf?.localId ?? 0),
      saddr4: s ? intToIpv4(s.localAddr) : '',
      daddr4: s ? intToIpv4(s.remoteAddr) : '',
      sport: String(s?.localPort ?? 0),
      dport: String(s?.remotePort ?? 0),
      ...extra,
    };
  }

  // ======================================================================== subflow events

  subflowConnected(sf: MptcpSubflow, sock: TcpSocket, now: Nanos): void {
    this.stack.trace(this, { type: 'subflow', subflow: sf.id, what: 'established', detail: sf.label });
    if (sf.kind === 'mpc') {
      // the peer's first window, relative to DSN IDSN + 1 (RFC 8684 §3.3.5)
      if (!this.fallback) this.wndEnd = Math.max(this.wndEnd, sock.sndWnd);
      if (this.side === 'client' && !this.fallback) this.stack.pmEvent('CREATED', this.connAttrs(sf));
      // the data-level option bytes on every data segment (DSS with mapping), off the MSS
      if (!this.fallback) sock.setUlpOptionLength(dssDataOptionLength(this.ack64));
      if (this.side === 'server' && !this.fallback) {
        // the server's accept() returns after the PM worker that the third ACK scheduled
        // (mptcp_pm_fully_established -> mptcp_pm_schedule_work) has run: its ADD_ADDR leaves in a
        // pure ACK before the application's first write, as in every kernel-ref run
        this.stack.engine.after(0, ACCEPT_RETURNS, this);
        return;
      }
      this.notifyConnected(now);
      this.push(now);
      return;
    }
    // a join we initiated: TCP-established on the SYN/ACK (SF_ESTABLISHED, with the interface index)
    if (!sf.passive) {
      this.stack.pmEvent('SF_ESTABLISHED', this.connAttrs(sf, { backup: sf.peerBackup ? '1' : '0', ...this.stack.ifindexAttr(sock.localAddr) }));
    }
  }

  /** The server application's accept() returns (scheduled by subflowConnected). */
  acceptReturns(now: Nanos): void {
    if (this.state === 'closed') return;
    this.notifyConnected(now);
    this.push(now);
  }

  private notifyConnected(now: Nanos): void {
    if (this.connectedNotified) return;
    this.connectedNotified = true;
    this.app?.connected(this, now);
  }

  subflowFullyEstablished(sf: MptcpSubflow, now: Nanos): void {
    this.stack.trace(this, { type: 'subflow', subflow: sf.id, what: 'fullyEstablished', detail: sf.label });
    if (sf.kind === 'join') {
      sf.sock.setUlpOptionLength(dssDataOptionLength(this.ack64));
      // a second subflow: no infinite fallback any more (RFC 8684 §3.7)
      this.allowInfiniteFallback = false;
      // a join we accepted: SF_ESTABLISHED on its third ACK (mptcp_finish_join)
      if (sf.passive) this.stack.pmEvent('SF_ESTABLISHED', this.connAttrs(sf, { backup: sf.peerBackup ? '1' : '0' }));
      this.pm?.subflowEstablished(this.sfView(sf));
    }
    this.push(now);
  }

  subflowWritable(_sf: MptcpSubflow, now: Nanos): void {
    if (this.fallback) {
      this.app?.writable(this, now);
      return;
    }
    this.requestPush(now);
  }

  subflowFin(sf: MptcpSubflow, now: Nanos): void {
    if (this.fallback) {
      // DATA_FIN is emulated by the TCP FIN after a fallback
      this.notifyEof(now);
      return;
    }
    // the peer closed this subflow: close our half too
    sf.sock.shutdownWrite();
  }

  subflowClosed(sf: MptcpSubflow, now: Nanos, reason: string): void {
    this.ccGroup.remove(sf.sock);
    this.stack.trace(this, { type: 'subflow', subflow: sf.id, what: 'closed', detail: reason });
    // SF_CLOSED is reported while the connection lives on (kernel-ref shows none when the connection closes)
    const live = (this.state.startsWith('established') || this.state === 'closeWait') && !this.fastClosing;
    if (!this.fallback && live && !sf.closeEventDone) this.stack.pmEvent('SF_CLOSED', this.connAttrs(sf, { backup: sf.peerBackup ? '1' : '0' }));
    if (this.state !== 'closed' && !sf.closeEventDone) {
      // data still queued on it must go elsewhere (Linux reinjects when a subflow closes with data pending)
      if (!this.fallback && !this.fastClosing) this.retransmitPending(sf, now);
      this.pm?.subflowClosed(this.sfView(sf));
    }
    const allClosed = this.subflows.every((s) => s.isClosed);
    if (this.fallback || (allClosed && this.state !== 'closed')) {
      if (this.fallback) {
        if (this.state !== 'closed') this.step({ type: 'ALL_SUBFLOWS_CLOSED' });
      } else if (reason !== 'closed' || this.state === 'synSent') {
        // every subflow reset or timed out: the connection is gone
        this.step({ type: 'RESET' });
      }
    }
    if (this.state === 'closed' || (allClosed && reason !== 'closed')) this.notifyClosed(now, reason);
  }

  /**
   * mptcp_close_ssk for a subflow the PM shut down: SF_CLOSED and the PM's check for the next
   * subflow happen now; its TCP socket lingers (FIN, then TIME-WAIT or a reset) without the connection.
   */
  private closeSsk(sf: MptcpSubflow): void {
    if (sf.closeEventDone || sf.isClosed) return;
    sf.closeEventDone = true;
    const live = (this.state.startsWith('established') || this.state === 'closeWait') && !this.fastClosing;
    if (!this.fallback && live) this.stack.pmEvent('SF_CLOSED', this.connAttrs(sf, { backup: sf.peerBackup ? '1' : '0' }));
    this.pm?.subflowClosed(this.sfView(sf));
  }

  /**
   * A data segment without a mapping (RFC 8684 §3.7, Linux MAPPING_NODSS): fall back to TCP if that
   * is still allowed (one subflow, nothing retransmitted at the MPTCP level), else reset the subflow
   * with MP_TCPRST "middlebox interference". Returns whether TCP may take the segment.
   */
  dataWithoutMapping(sf: MptcpSubflow, now: Nanos): boolean {
    if (!this.accepted && this.side === 'server') return true;
    if (this.allowInfiniteFallback && this.subflows.length === 1) {
      this.fallbackNow('data without a DSS mapping', 'DssFallback', now);
      return true;
    }
    this.mib('DssFallback');
    this.resetSubflow(sf, MP_TCPRST_REASON.middleboxInterference, 'data without a DSS mapping');
    return false;
  }

  subflowRecovered(sf: MptcpSubflow): void {
    sf.stale = false;
    sf.staleCount = 0;
    this.mib('SubflowRecover');
    this.stack.trace(this, { type: 'subflow', subflow: sf.id, what: 'recovered', detail: sf.label });
  }

  /** Refuse a join's SYN/ACK: RST with MP_TCPRST (Linux mptcp_subflow_reset after subflow_finish_connect). */
  rejectSynAck(sf: MptcpSubflow, synAck: Packet, reason: number, why: string): void {
    this.mib('MPRstTx');
    sf.rstReason = reason;
    sf.closeReason = why;
    sf.sock.resetSynAck(synAck);
  }

  /** Reset a subflow with MP_TCPRST (RFC 8684 §3.6). */
  resetSubflow(sf: MptcpSubflow, reason: number, why: string): void {
    if (sf.isClosed) return;
    // MPRstTx counts resets of full sockets (mptcp_established_options_rst); a request socket's reset is not counted
    if (sf.sock.state !== 'synReceived') this.mib('MPRstTx');
    sf.rstReason = reason;
    sf.closeReason = why;
    sf.sock.abortWithReset();
  }

  // ======================================================================== sending

  /**
   * Bytes the app may copy now, in one piece of mptcp_sendmsg's loop (to the end of the page
   * fragment being filled, dfrag.ts): none while the send buffer is full. (The app copies again as
   * soon as any of it is free: the kernel-ref captures show fragments of a few segments, not the
   * third of the buffer sk_stream_write_space would wake it for.) The send buffer is SO_SNDBUF if
   * set, else the sum of its subflows'.
   */
  sendSpace(): number {
    if (this.fallback) return this.subflows[0].sock.sendSpace();
    // mptcp_send_limit: nothing while sk_wmem_queued ≥ sk_sndbuf (the write waits for memory);
    // else one piece, not bounded by the free space ("to allow a single packet")
    if (this.wmemQueued() >= this.sndBuf()) return 0;
    return this.frags.piece(this.writeEnd, this.sndNxt < this.writeEnd, this.allAcked(), Number.MAX_SAFE_INTEGER);
  }

  /** SO_SNDBUF if set, else the sum of the subflows' send buffers (Linux __mptcp_propagate_sndbuf). */
  private sndBuf(): number {
    let buf = this.stack.sndbuf;
    if (buf === null) {
      buf = 0;
      for (const sf of this.subflows) if (!sf.isClosed && sf.sock.state !== 'synSent') buf += sf.sock.sndBufBytes;
    }
    return buf;
  }

  /** Every fragment written is acknowledged: the page holds no data any more (page_ref_count 1). */
  private allAcked(): boolean {
    return this.writeEnd > 0 && this.sndUna === this.writeEnd;
  }

  /** sk_wmem_queued of the MPTCP socket: the unacknowledged data and its fragments' headers. */
  private wmemQueued(): number {
    return this.writeEnd - this.sndUna + this.frags.overhead;
  }

  /**
   * The application copies `n` bytes (mptcp_sendmsg), at most what sendSpace() offered. `more`: the
   * same write continues (msg_data_left), so nothing is pushed yet unless the send buffer is full
   * (wait_for_memory pushes, then waits); at the write's end __mptcp_push_pending runs.
   */
  write(n: number, more = false): void {
    if (this.fallback) {
      const sf = this.subflows[0];
      sf.pushMapped(this.writeEnd, n);
      this.writeEnd += n;
      this.sndNxt = this.writeEnd;
      this.bytesSent += n;
      return;
    }
    this.frags.copy(this.writeEnd, n, this.sndNxt < this.writeEnd, this.allAcked());
    this.writeEnd += n;
    if (more && this.wmemQueued() < this.sndBuf()) return;
    this.push(this.stack.engine.now);
  }

  shutdownWrite(): void {
    if (this.finQueued) return;
    this.finQueued = true;
    if (this.fallback) {
      this.subflows[0].sock.shutdownWrite();
      return;
    }
    this.push(this.stack.engine.now);
  }

  /** mptcp_subflow_active: TCP can send, a join is fully established, not stale (stale is the scheduler's to judge). */
  private canSend(sf: MptcpSubflow): boolean {
    if (sf.isClosed || sf.closing) return false;
    const st = sf.sock.state;
    return (st === 'established' || st === 'closeWait') && sf.fullyEstablished;
  }

  /**
   * What the scheduler reads, refreshed in place on every call (the scheduler runs on nearly every
   * ACK: no per-call allocation). The objects are only valid until the next call.
   */
  private schedView(): SchedView {
    const list = this.viewList;
    let n = 0;
    for (const sf of this.subflows) {
      if (sf.isClosed) continue;
      const s = sf.sock;
      const st = s.state;
      const v = this.viewPool[n] ?? (this.viewPool[n] = { ...EMPTY_SUBFLOW_VIEW });
      n++;
      const pin = this.pacingInput;
      pin.mss = s.mss;
      pin.cwnd = s.cwnd;
      pin.ssthresh = s.ssthresh;
      pin.packetsOut = s.packetsOut;
      pin.srttUs = s.srttUs;
      const wmem = s.wmemQueued;
      v.id = sf.id;
      v.tcpCanSend = (st === 'established' || st === 'closeWait') && !sf.closing;
      v.joinPending = sf.joinPending;
      v.stale = sf.stale;
      v.rcvSinceStale = sf.stale && sf.lastRcvNs !== sf.staleRcvNs;
      v.backup = sf.backup;
      v.peerBackup = sf.peerBackup;
      v.wmemQueued = wmem;
      v.sndbuf = wmem + s.sendSpace();
      v.pacingRate = tcpPacingRate(pin);
      v.avgPacingRate = sf.avgPacingRate;
      v.queuesEmpty = wmem === 0;
      v.staleCount = sf.staleCount;
      v.rtxTimerRemaining = s.ulpTimerRemaining;
      v.srttUs = s.srttUs;
      v.rttvarUs = s.rtt.reportedRttvarUs;
      v.cwnd = s.cwnd;
      v.mss = s.mss;
      list[n - 1] = v;
    }
    // setting an array's length is a slow path in V8: only when the number of open subflows changed
    if (list.length !== n) list.length = n;
    const view = this.viewObj;
    view.wndEnd = this.wndEnd;
    view.sndNxt = this.sndNxt;
    view.unsentBytes = this.writeEnd - this.sndNxt;
    view.lastSendId = this.lastSendId;
    return view;
  }

  private readonly viewPool: Mutable<SchedSubflowView>[] = [];
  private readonly viewList: SchedSubflowView[] = [];
  private readonly viewObj: Mutable<SchedView> = { subflows: this.viewList, wndEnd: 0, sndNxt: 0, unsentBytes: 0, lastSendId: null };
  private readonly pacingInput: PacingInput = { mss: 0, cwnd: 0, ssthresh: 0, packetsOut: 0, srttUs: 0 };

  // ---- pushes deferred while a segment is processed (Linux runs them from release_cb)
  private pushDepth = 0;
  private pushWanted = false;

  deferPush(): void {
    this.pushDepth++;
  }

  private closeSubflowsPending = false;

  private closeSubflows(): void {
    for (const sf of this.subflows) if (!sf.isClosed) sf.sock.shutdownWrite();
  }

  flushPush(now: Nanos): void {
    if (this.pushDepth > 0) this.pushDepth--;
    if (this.pushDepth === 0 && this.closeSubflowsPending) {
      this.closeSubflowsPending = false;
      this.closeSubflows();
    }
    if (this.pushDepth === 0 && this.pushWanted) {
      this.pushWanted = false;
      this.push(now);
    }
    if (this.pushDepth === 0 && this.appWake) {
      this.appWake = false;
      this.app?.writable(this, now);
    }
  }

  /**
   * A DATA_ACK freed send buffer while a segment was being processed: the application, woken by
   * mptcp_write_space, runs its sendmsg after that (process context after the softirq), so each of
   * its writes pushes at once (__mptcp_push_pending at the end of mptcp_sendmsg).
   */
  private appWake = false;

  private subflowById(id: number | null): MptcpSubflow | null {
    if (id === null) return null;
    for (const sf of this.subflows) if (sf.id === id) return sf;
    return null;
  }

  /** Map pending data onto subflows as the scheduler decides (mptcp_push_pending). */
  push(now: Nanos): void {
    if (this.pushDepth > 0) {
      this.pushWanted = true;
      return;
    }
    if (this.fallback || !this.remoteKeyKnown) return;
    const st = this.state;
    if (st === 'closed' || st === 'synSent') return;
    // __mptcp_push_pending asks the scheduler whenever data waits (mptcp_send_head), and
    // mptcp_subflow_get_send sets msk->timer_ival each time, even when it picks nothing
    if (this.sndNxt < this.writeEnd) this.setTimeout();
    let guard = 64;
    const sched = this.scheduler;
    const skipWhenFull = sched.idleWhenBuffersFull === true;
    // the quick check answers for the scheduler only when the decision is not recorded
    const quick = this.decisionSink === null && sched.sendIdle !== undefined;
    while (this.sndNxt < this.writeEnd && this.sndNxt < this.wndEnd && guard-- > 0) {
      // Most pushes come with an ACK while every subflow's send buffer is still full: the scheduler
      // would choose nothing and store nothing (its `idleWhenBuffersFull` promise), so skip it —
      // or while the subflow it would choose is still full (its `sendIdle` answer)
      if (quick ? sched.sendIdle!(this.subflows) : skipWhenFull && this.buffersFull()) {
        this.lastSendId = null;
        break;
      }
      const view = this.schedView();
      const d = this.scheduler.pickSend(view);
      for (const id of d.recovered) {
        const r = this.subflowById(id);
        if (r) this.subflowRecovered(r);
      }
      for (const a of d.avgPacingRate) {
        const s = this.subflowById(a.id);
        if (s) s.avgPacingRate = a.value;
      }
      const sf = this.subflowById(d.subflowId);
      this.lastSendId = d.subflowId;
      if (sf === null || d.burst <= 0) break;
      const len = this.pushLength(d.burst, sf.sock.sendSpace());
      if (this.decisionSink !== null) this.recordDecision('send', d, view, this.sndNxt, len);
      this.shareSndWnd(sf, this.sndNxt);
      sf.pushMapped(this.sndNxt, len);
      // a redundant scheduler sends the same bytes on further subflows too
      if (d.redundant) {
        for (const id of d.redundant) {
          const r = this.subflowById(id);
          if (r === null) continue;
          this.shareSndWnd(r, this.sndNxt);
          r.pushMapped(this.sndNxt, len);
        }
      }
      // data below sndMax was given to a subflow before: re-sent after a reinjection (bytes_retrans;
      // Linux counts MPTCPRetrans only in __mptcp_retrans, the timer's head retransmission)
      const again = Math.max(0, Math.min(this.sndNxt + len, this.sndMax) - this.sndNxt);
      if (again > 0) {
        this.bytesRetrans += again;
        this.allowInfiniteFallback = false;
      }
      this.bytesSent += len - again;
      if (len > 0) this.lastDataSentNs = now;
      this.sndNxt += len;
      if (this.sndNxt > this.sndMax) this.sndMax = this.sndNxt;
    }
    if (this.sndUna < this.sndMax && !this.rtxTimer.armed) this.armRtx();
    this.maybeSendDataFin(now);
  }

  /**
   * How much one send decision hands its subflow (__subflow_push_pending): whole send-queue
   * fragments (dfrag.ts) — the rest of the one at snd_nxt, then the next — each within the peer's
   * window (mptcp_check_allowed_size); after each fragment it stops once the burst is used up or
   * the subflow's send buffer is full (sk_stream_memory_free), so a fragment is never cut short by
   * the subflow's buffer.
   */
  private pushLength(burst: number, room: number): number {
    const limit = Math.min(this.writeEnd, this.wndEnd);
    let pos = this.sndNxt;
    while (pos < limit) {
      const next = Math.min(this.frags.endOf(pos, this.writeEnd), limit);
      burst -= next - pos;
      room -= next - pos;
      pos = next;
      if (burst <= 0 || room <= 0) break;
    }
    return pos - this.sndNxt;
  }

  /**
   * No subflow could take new data now (sk_stream_memory_free false on every open one), none is
   * stale (a stale one may be seen recovered) and each has its avg_pacing_rate (none would be
   * initialised): a scheduler with `idleWhenBuffersFull` would return no subflow and nothing to store.
   */
  private buffersFull(): boolean {
    const subflows = this.subflows;
    for (let i = 0; i < subflows.length; i++) {
      const sf = subflows[i];
      if (sf.isClosed) continue;
      if (sf.stale || sf.avgPacingRate === 0 || sf.sock.sendSpace() > 0) return false;
    }
    return true;
  }

  private maybeSendDataFin(_now: Nanos): void {
    if (!this.finQueued || this.dataFinPos >= 0 || this.sndNxt < this.writeEnd) return;
    this.dataFinPos = this.writeEnd;
    this.step({ type: 'CLOSE' });
    this.sendDataFin();
    if (!this.rtxTimer.armed) this.armRtx();
  }

  /** DATA_FIN as a pure ACK on every usable subflow (kernel.md §8). */
  private sendDataFin(): void {
    for (const sf of this.subflows) {
      if (!this.canSend(sf)) continue;
      sf.dataFinPending = true;
      sf.sock.sendAck();
    }
  }

  /** Wire DSN of our data stream position `pos` (IDSN + 1 + pos mod 2^64, one BigInt sum unless it wraps). */
  localDsn(pos: number): bigint {
    const dsn = this.localIdsn1 + BigInt(pos);
    return pos < this.localNoWrapBelow ? dsn : dsn & U64;
  }

  /**
   * A DSS option with our DATA_ACK and `mapping`: its numbers made on demand (sim-mapping.ts), or
   * at once as the codec's plain record when every packet is captured anyway (stack.eagerRecords).
   */
  simDss(dataFin: boolean, mapping: DssMapping | undefined): SimDss | DssOption {
    if (this.eagerRecords) return plainDss(dataFin, add64(this.remoteIdsn1, this.rcvNxt), this.ack64, mapping);
    return new SimDss(dataFin, this.ack64, this.remoteIdsn1, this.rcvNxt, mapping, 0n, -1, 0, 0);
  }

  /**
   * A data segment's DSS: our DATA_ACK and the 64-bit mapping of `dataLevelLength` bytes from stream
   * position `pos` at subflow sequence `subflowSeq` — held inline (sim-mapping.ts), or plain records
   * at once as simDss.
   */
  simDataDss(dataFin: boolean, pos: number, subflowSeq: number, dataLevelLength: number): SimDss | DssOption {
    if (this.eagerRecords) return plainDss(dataFin, add64(this.remoteIdsn1, this.rcvNxt), this.ack64, plainMapping(this.localDsn(pos), true, subflowSeq, dataLevelLength));
    return new SimDss(dataFin, this.ack64, this.remoteIdsn1, this.rcvNxt, undefined, this.localIdsn1, pos, subflowSeq, dataLevelLength);
  }

  /** A mapping of our stream from `pos`: its DSN made on demand, or at once (as simDss). */
  simMapping(pos: number, subflowSeq: number, dataLevelLength: number): SimDssMapping | DssMapping {
    if (this.eagerRecords) return plainMapping(this.localDsn(pos), true, subflowSeq, dataLevelLength);
    return new SimDssMapping(this.localIdsn1, pos, true, subflowSeq, dataLevelLength);
  }

  /**
   * Our DSS written inline on `p` (Packet.dssSrc; runs that capture nothing, the DSS first on the
   * packet): DATA_ACK up to rcv_nxt, DATA_FIN, and when `pos` ≥ 0 the 64-bit mapping of
   * `dataLevelLength` bytes from stream position `pos` at subflow sequence `subflowSeq` — the numbers
   * of the SimDss simDss / simDataDss would build. False when it cannot be inline (the codec's
   * records are wanted, or the peer's key is not known yet).
   */
  inlineDss(p: Packet, dataFin: boolean, pos: number, subflowSeq: number, dataLevelLength: number): boolean {
    const src = this.dssSource;
    if (src === null || this.eagerRecords || p.mptcp !== null || p.dss !== null) return false;
    p.dssSrc = src;
    p.dssBits = (dataFin ? DSS_INLINE_FIN : 0) | (this.ack64 ? DSS_INLINE_ACK64 : 0) | (pos >= 0 ? DSS_INLINE_MAP : 0);
    p.dssAckPos = this.rcvNxt;
    if (pos >= 0) {
      p.dssMapPos = pos;
      p.dssMapSsn = subflowSeq;
      p.dssMapDll = dataLevelLength;
    }
    return true;
  }

  /** A DATA_ACK written inline by the peer (Packet.dssSrc `src`, acknowledging up to `ackPos`): as onSimDataAck. */
  onInlineDataAck(src: SimDssSource, ackPos: number, ack64: boolean, wnd: number, now: Nanos): void {
    if (src.ackIdsn1 !== this.localIdsn1) {
      this.onDataAck(add64(src.ackIdsn1, ackPos), ack64, wnd, now);
      return;
    }
    this.dataAckTo(ack64 ? ackPos : nearSndUna32(this.sndUna, ackPos), wnd, now);
  }

  /** Stream position of an inline mapping the peer wrote from its position `pos` (as inlineMappingPos). */
  inlineMapPos(src: SimDssSource, pos: number): number {
    return src.mapIdsn1 === this.remoteIdsn1 ? pos : offset64(add64(src.mapIdsn1, pos), this.remoteIdsn1);
  }

  /** Data stream position of the first byte of a received SimDss's inline mapping (as mappingPos). */
  inlineMappingPos(o: SimDss): number {
    const at = o.mapPositionFrom(this.remoteIdsn1);
    return at >= 0 ? at : this.mappingPos(o.mapping!);
  }

  /** Data stream position of a received mapping's DSN (DSN − IDSN − 1 mod 2^64, RFC 8684 §3.3.1). */
  mappingPos(m: DssMapping): number {
    if (m instanceof SimDssMapping) {
      const pos = m.positionFrom(this.remoteIdsn1);
      if (pos >= 0) return pos;
    }
    return offset64(m.dsn, this.remoteIdsn1);
  }

  /** Data stream position of a DSN the peer sent (DSN − IDSN − 1 mod 2^64). */
  remotePos(dsn: bigint): number {
    return offset64(dsn, this.remoteIdsn1);
  }

  /** We received a 64-bit DSN: answer with 64-bit DATA_ACKs from now on (Linux use_64bit_ack). */
  useAck64(): void {
    this.ack64 = true;
    for (const sf of this.subflows) if (!sf.isClosed && sf.fullyEstablished) sf.sock.setUlpOptionLength(dssDataOptionLength(true));
  }

  /** A DATA_ACK arrived (RFC 8684 §3.3.2), with the window of its segment (§3.3.5). */
  onDataAck(ack: bigint, ack8: boolean, wnd: number, now: Nanos): void {
    // most DATA_ACKs repeat the previous one (every data segment of an upload carries the same):
    // convert the 64-bit value once
    if (ack !== this.dataAckIn) {
      this.dataAckIn = ack;
      this.dataAckInLow = -1;
      this.dataAckInPos = -1;
    }
    let pos: number;
    if (ack8) {
      if (this.dataAckInPos < 0) this.dataAckInPos = offset64(ack, this.localIdsn1);
      pos = this.dataAckInPos;
    } else {
      // a 32-bit DATA_ACK carries the low bits: place it near what we have acknowledged so far
      if (this.dataAckInLow < 0) this.dataAckInLow = low32(ack);
      const delta = (this.dataAckInLow - ((this.localIdsn1Low + this.sndUna) >>> 0)) | 0;
      pos = this.sndUna + delta;
    }
    this.dataAckTo(pos, wnd, now);
  }

  /**
   * A DATA_ACK from our peer's own record (sim-mapping.ts SimDss), its position taken without the
   * BigInt: the same as onDataAck(record.dataAck, record.ack64, …).
   */
  onSimDataAck(rec: SimDss, wnd: number, now: Nanos): void {
    const at = rec.ackPositionFrom(this.localIdsn1);
    if (at < 0) {
      this.onDataAck(rec.dataAck, rec.ack64, wnd, now);
      return;
    }
    // a 32-bit DATA_ACK carries only the low bits: placed near snd_una as onDataAck does
    this.dataAckTo(rec.ack64 ? at : nearSndUna32(this.sndUna, at), wnd, now);
  }

  /** What a DATA_ACK up to stream position `pos` does (ack_update_msk, __mptcp_clean_una). */
  private dataAckTo(pos: number, wnd: number, now: Nanos): void {
    if (this.side === 'client' && !this.fullyEstablished && !this.fallback) this.becomeFullyEstablished(now);
    this.lastAckRecvNs = now; // ack_update_msk, whatever the DATA_ACK acknowledges
    const limit = this.dataFinPos >= 0 ? this.dataFinPos + 1 : this.sndMax;
    if (pos > limit || pos < this.sndUna - 0x7fffffff) return; // acknowledges what was never sent: ignore
    if (pos + wnd > this.wndEnd) this.wndEnd = pos + wnd;
    if (pos > this.sndUna) {
      const dataEnd = Math.min(pos, this.sndMax);
      this.bytesAcked += dataEnd - this.sndUna;
      this.sndUna = dataEnd;
      this.frags.trim(dataEnd);
      this.rtxBackoff = 0;
      if (this.sndNxt < this.sndUna) this.sndNxt = this.sndUna;
      if (this.sndUna >= this.sndMax && (this.dataFinPos < 0 || pos > this.dataFinPos)) this.rtxTimer.cancel();
      // __mptcp_clean_una re-arms the timer with timer_ival. (Linux's ack_update_msk pushes first, so
      // timer_ival is the one this ACK's push computes; here the push waits for the segment's end and
      // the timer takes the previous ACK's — re-arming after the push makes the timer follow a
      // subflow's few-ms RACK reordering timer, and fire in bursts the kernel runs do not show.)
      else this.armRtx();
      if (this.dataFinPos >= 0 && pos > this.dataFinPos && !this.dataFinAcked) {
        this.dataFinAcked = true;
        this.bytesAcked += 1;
        this.step({ type: 'DATA_FIN_ACKED' });
      }
      if (this.pushDepth > 0) this.appWake = true;
      else this.app?.writable(this, now);
    }
    // a push has something to do only with data unsent or unacknowledged or a close queued: a
    // receiver's DATA_ACKs (one per data segment of an upload) need none
    if (this.sndNxt < this.writeEnd || this.sndUna < this.sndMax || this.finQueued) this.requestPush(now);
  }

  /** push(), or — while a segment is being processed — only the note that one is wanted (small enough to inline at the per-ACK call sites). */
  private requestPush(now: Nanos): void {
    if (this.pushDepth > 0) this.pushWanted = true;
    else this.push(now);
  }

  private becomeFullyEstablished(_now: Nanos): void {
    this.fullyEstablished = true;
    this.step({ type: 'FULLY_ESTABLISHED' });
    this.stack.pmEvent('ESTABLISHED', this.connAttrs(this.subflows[0]));
    this.pm?.fullyEstablished();
  }

  // ---- data-level retransmission (Linux mptcp_retransmit_timer / __mptcp_retrans)

  /**
   * mptcp_set_timeout / mptcp_timeout_from_subflow: msk->timer_ival becomes the longest time left on
   * a subflow's pending TCP retransmission timer, counting only subflows with stale_count 0, or
   * TCP_RTO_MIN when there is none. Linux computes it when it schedules a send
   * (mptcp_subflow_get_send, __subflow_push_pending), not when it arms the timer.
   */
  private setTimeout(): void {
    let tout = 0;
    for (const sf of this.subflows) {
      if (sf.isClosed || sf.staleCount > 0) continue;
      const left = sf.sock.ulpTimerRemaining;
      if (left > tout) tout = left;
    }
    this.timerIval = tout > 0 ? tout : TCP_RTO_MIN_US * 1000;
  }

  /**
   * mptcp_reset_rtx_timer: now + msk->timer_ival, as last computed (setTimeout). Only a pending
   * DATA_FIN alone backs off (mptcp_set_datafin_timeout: TCP_RTO_MIN << retries).
   */
  private armRtx(): void {
    const now = this.stack.engine.now;
    if (this.sndUna >= this.sndMax) {
      this.rtxTimer.arm(now + TCP_RTO_MIN_US * 1000 * 2 ** Math.min(this.rtxBackoff, 6));
      return;
    }
    this.rtxTimer.arm(now + this.timerIval);
  }

  private onRtxTimer(now: Nanos): void {
    if (this.fallback || this.state === 'closed') return;
    // mptcp_retransmit_timer → __mptcp_retrans, every time the timer fires: the timer is re-armed on
    // each DATA_ACK that advances snd_una (__mptcp_clean_una), so firing already means no progress.
    // __mptcp_retrans starts with __mptcp_clean_una, which re-arms the timer with data outstanding
    // — with the timer_ival of the last send decision, before a stale subflow's push recomputes it
    if (this.sndUna < this.sndMax) this.armRtx();
    this.checkStale(now);
    if (this.sndUna < this.sndMax) this.retransmitHead(now);
    if (this.dataFinPos >= 0 && !this.dataFinAcked) this.sendDataFin();
    this.rtxBackoff++;
    if (!this.rtxTimer.armed && (this.sndUna < this.sndMax || (this.dataFinPos >= 0 && !this.dataFinAcked))) this.armRtx();
  }

  /**
   * mptcp_pm_subflows_chk_stale (kernel.md §6): a subflow with data pending that received nothing
   * since the last MPTCP timeout counts one more; past stale_loss_cnt, while another subflow still
   * makes progress, it is marked stale and its data reinjected.
   */
  private checkStale(now: Nanos): void {
    const lossCnt = this.stack.sysctl.stale_loss_cnt;
    for (const sf of this.subflows) {
      if (sf.isClosed || sf.stale || sf.sock.packetsOut === 0) continue;
      // pm.c mptcp_pm_subflow_chk_stale: the first period records rcv_tstamp and counts 1 at once;
      // later ones count while it is unchanged (and only then judge), or start over when it moved
      if (sf.staleCount === 0) {
        sf.lastRcvSeenByTimer = sf.lastRcvNs;
        sf.staleCount = 1;
        continue;
      }
      if (sf.lastRcvNs !== sf.lastRcvSeenByTimer) {
        sf.staleCount = 0;
        continue;
      }
      sf.staleCount++;
      if (lossCnt > 0 && sf.staleCount > lossCnt) {
        const threshold = Math.max(lossCnt - 1, 1);
        const other = this.subflows.some((o) => o !== sf && this.canSend(o) && !o.stale && o.staleCount < threshold);
        if (other) {
          sf.stale = true;
          sf.staleRcvNs = sf.lastRcvNs;
          this.mib('SubflowStale');
          this.stack.trace(this, { type: 'subflow', subflow: sf.id, what: 'stale', detail: sf.label });
          this.retransmitPending(sf, now);
        }
      }
    }
  }

  /**
   * __mptcp_retrans: re-send the head fragment of the MPTCP retransmit queue (dfrag.ts) on the
   * subflow the scheduler picks for retransmission — from snd_una up to what of that fragment was
   * already sent (info.limit = dfrag->already_sent; the whole fragment when DSS checksums are on),
   * within the peer's window (mptcp_sendmsg_frag → mptcp_check_allowed_size).
   */
  private retransmitHead(_now: Nanos): void {
    const view = this.schedView();
    const d = this.scheduler.pickRetrans(view);
    const sf = this.subflowById(d.subflowId);
    if (sf === null) return;
    const head = this.frags.endOf(this.sndUna, this.writeEnd);
    const sent = this.checksum ? Math.min(head, this.writeEnd) : Math.min(head, Math.max(this.sndNxt, this.sndUna));
    const len = Math.min(sent, this.wndEnd) - this.sndUna;
    if (len <= 0) return;
    if (this.decisionSink !== null) this.recordDecision('retrans', d, view, this.sndUna, len);
    this.shareSndWnd(sf, this.sndUna);
    sf.pushMapped(this.sndUna, len);
    this.noteRetrans(len, sf.sock.mss);
  }

  /**
   * mptcp_check_allowed_size, on each fragment mapped onto a subflow: when the subflow's own send
   * window (the window of its peer's last segment on it) is smaller than what the connection's
   * window leaves from data position `pos`, TCP's snd_wnd is raised to it (SndWndShared) — a
   * subflow idle since its handshake still holds that handshake's 64 KiB window, for instance.
   */
  private shareSndWnd(sf: MptcpSubflow, pos: number): void {
    const wnd = this.wndEnd - pos;
    if (sf.sock.sndWnd >= wnd) return;
    sf.sock.sndWnd = Math.min(wnd, 0xffffffff);
    this.mib('SndWndShared');
  }

  /** Where decisions that send go (trace.schedDecisions), or null when the run does not record them. */
  private readonly decisionSink: ((rec: SchedDecisionRecord) => void) | null;

  /** Record a decision that hands `len` bytes from position `pos` to its chosen subflow. */
  private recordDecision(kind: 'send' | 'retrans', d: SchedDecision, view: SchedView, pos: number, len: number): void {
    const ctx = { t: this.stack.engine.now, side: this.side, token: hex8(this.localToken), scheduler: this.scheduler.id, kind, dsn: this.localDsn(pos), len };
    this.decisionSink?.(schedDecisionRecord(ctx, d, view.subflows));
  }

  /** MPTCPRetrans counts retransmitted segments (MPTCP_MIB_RETRANSSEGS); no infinite fallback after one. */
  private noteRetrans(len: number, mss: number): void {
    this.bytesRetrans += len;
    const segs = Math.ceil(len / Math.max(mss, 1));
    this.retransmits += segs;
    this.allowInfiniteFallback = false;
    this.mib('MPTCPRetrans', segs);
  }

  /**
   * __mptcp_retransmit_pending_data, when a subflow goes stale or closes with data pending: Linux
   * re-injects the whole MPTCP retransmit queue — everything not yet DATA_ACKed, including data
   * other subflows already carried — by sending again from snd_una through the scheduler.
   */
  private retransmitPending(from: MptcpSubflow, now: Nanos): void {
    if (this.sndUna >= this.sndMax || this.fallback) return;
    const bytes = this.sndMax - this.sndUna;
    this.sndNxt = this.sndUna;
    this.stack.trace(this, { type: 'reinject', from: from.id, bytes });
    this.push(now);
  }

  // ======================================================================== receiving

  /**
   * Half the connection's buffer (the msk's full window). Each subflow bounds its rcv_ssthresh by its
   * own window_clamp instead (MptcpSubflow.rcvClamp), which follows this one's growth by its own DRS step.
   */
  get rcvSpaceBytes(): number {
    return this.rcvBuf >> 1;
  }

  /**
   * A new subflow's window_clamp (MptcpSubflow.rcvClamp): tcp_full_space of its own buffer — tcp_rmem[1],
   * or the connection's SO_RCVBUF, which Linux copies to every subflow (sync_socket_options).
   */
  get subflowRcvSpace(): number {
    return this.rcvBufLocked ? this.rcvBuf >> 1 : TCP_RMEM_DEFAULT >> 1;
  }

  /**
   * The connection's receive window (shared by all subflows, RFC 8684 §3.3.5): half the buffer,
   * less what waits out of order, at most the subflow's rcv_ssthresh (`cap`) — rounded UP to the
   * subflow's window scale `wscale` as __tcp_select_window does (ALIGN(free_space, 1 << rcv_wscale)),
   * so with a coarse scale the right edge steps back and forth and mptcp_set_rwin raises it more often.
   */
  rcvWindow(cap = Infinity, wscale = 0): number {
    let w = (this.rcvBuf >> 1) - this.ooo.bytes;
    if (w > cap) w = cap;
    if (w < 0) w = 0;
    if (wscale > 0) {
      const unit = 1 << wscale;
      w = Math.ceil(w / unit) * unit;
    }
    // mptcp_set_rwin: never announce a right edge below the one another subflow already announced
    const edge = this.rcvNxt + w;
    if (edge < this.rcvWndSent) {
      const m = this.hot;
      m.RcvWndShared = (m.RcvWndShared ?? 0) + 1;
      return this.rcvWndSent - this.rcvNxt;
    }
    this.rcvWndSent = edge;
    return w;
  }

  /**
   * mptcp_rcv_space_adjust (Linux's DRS at the MPTCP level): once per receiver RTT (the largest of
   * the subflows' estimates), if the app read more than in the previous period, grow the buffer to
   * 2 × (2·copied + 16·advmss + growth) — the same rule as TCP's tcp_rcv_space_adjust.
   */
  private rcvSpaceAdjust(n: number, now: Nanos): void {
    if (this.rcvBufLocked) return;
    this.rcvSpaceCopied += n;
    // most segments fall inside the current measurement period: nothing to look up
    if (this.rcvSpaceTime >= 0 && this.rcvSpaceRtt > 0 && now - this.rcvSpaceTime < this.rcvSpaceRtt) return;
    let rtt = 0;
    let advmss = 0;
    for (const sf of this.subflows) {
      if (sf.isClosed) continue;
      if (sf.sock.rcvRtt > rtt) rtt = sf.sock.rcvRtt;
      if (sf.sock.advertisedMss > advmss) advmss = sf.sock.advertisedMss;
    }
    if (this.rcvSpaceTime < 0) {
      this.rcvSpaceTime = now;
      this.rcvSpace = TCP_INIT_CWND * advmss;
      return;
    }
    this.rcvSpaceRtt = rtt;
    if (rtt === 0 || now - this.rcvSpaceTime < rtt) return;
    const c = this.rcvSpaceCopied;
    const space = this.rcvSpace;
    if (c > space) {
      const buf = Math.min(2 * drsWindow(c, space, advmss), this.rcvBufMax);
      if (buf > this.rcvBuf) {
        this.rcvBuf = buf;
        // mptcp_rcv_space_adjust, "make subflows follow along": tcp_rcvbuf_grow(ssk, copied) on each
        // subflow, from that subflow's own last space (MptcpSubflow.rcvbufGrow)
        for (const sf of this.subflows) if (!sf.isClosed) sf.rcvbufGrow(c, advmss, this.rcvBufMax);
      }
      this.rcvSpace = c;
    }
    this.rcvSpaceCopied = 0;
    this.rcvSpaceTime = now;
  }

  /**
   * In-order bytes of a subflow, at data-level position `pos` (from their DSS mapping), received in
   * `segs` segments. Linux moves each skb to the connection on its own (__mptcp_move_skbs_from_subflow)
   * and __mptcp_move_skb counts DuplicateData for each one wholly below ack_seq (one partly below is
   * trimmed and taken) — also when a run the subflow held out of order arrives at once.
   */
  onData(sf: MptcpSubflow, pos: number, n: number, now: Nanos, segs: number): void {
    if (this.fallback) {
      this.deliver(n, now);
      return;
    }
    if (pos < 0) return; // unmapped data never gets here: dataWithoutMapping decided before TCP took it
    const end = pos + n;
    if (end <= this.rcvNxt) {
      this.mib('DuplicateData', segs);
      return;
    }
    if (pos <= this.rcvNxt) {
      if (pos !== this.rcvNxt && segs > 1) this.oldSegments(pos, end, segs);
      this.deliver(end - this.rcvNxt, now);
      // __mptcp_ofo_queue: queued skbs now wholly below ack_seq are dropped as DuplicateData
      for (let r = this.ooo.takeInOrder(this.rcvNxt); r !== null; r = this.ooo.takeInOrder(this.rcvNxt)) {
        if (r.start < this.rcvNxt) this.oldSegments(r.start, r.end, r.segs);
        if (r.end > this.rcvNxt) this.deliver(r.end - this.rcvNxt, now);
      }
      this.checkPeerFin(now);
    } else {
      // Linux mptcp_data_queue_ofo: OFOQueue for every out-of-order skb, OFOQueueTail when it goes
      // after the last one queued (not into an empty queue), DuplicateData when it is already there
      const n = this.ooo.ranges.length;
      const m = this.hot;
      m.OFOQueue = (m.OFOQueue ?? 0) + segs;
      if (n > 0) {
        // the skbs of a run that start at or after the queue's last byte go to its tail (the first
        // into an empty queue does not count): all of them, or those past its end, by size
        const lastEnd = this.ooo.ranges[n - 1].end;
        const tail = pos >= lastEnd ? segs : end > lastEnd ? segmentsIn(end - lastEnd, end - pos, segs) : 0;
        if (tail > 0) m.OFOQueueTail = (m.OFOQueueTail ?? 0) + tail;
      } else if (segs > 1) m.OFOQueueTail = (m.OFOQueueTail ?? 0) + segs - 1;
      const r = this.ooo.insert(pos, end, pos, segs);
      // "all the bits are present": each skb wholly inside what is queued is dropped
      if (!r.added) this.mib('DuplicateData', segs);
      else if (r.covered > 0 && segs > 1) {
        const old = segmentsIn(r.covered, end - pos, segs);
        if (old > 0) this.mib('DuplicateData', old);
      }
    }
  }

  /**
   * DuplicateData for the segments of a run [pos, end) of `segs` segments (one skb each in Linux)
   * that lie wholly below rcv_nxt: all of them, or for a run that straddles it, as many as its old
   * bytes make (segmentsIn).
   */
  private oldSegments(pos: number, end: number, segs: number): void {
    const old = end <= this.rcvNxt ? segs : segmentsIn(this.rcvNxt - pos, end - pos, segs);
    if (old > 0) this.mib('DuplicateData', old);
  }

  private deliver(n: number, now: Nanos): void {
    const pos = this.rcvNxt;
    this.rcvNxt += n;
    this.bytesReceived += n;
    if (n > 0) this.lastDataRecvNs = now;
    this.rcvSpaceAdjust(n, now);
    this.app?.received(this, n, now, pos);
  }

  /** The peer's DATA_FIN: the last DSN of a mapping of `len` (RFC 8684 §3.3.3). */
  onDataFin(dsn: bigint, len: number, now: Nanos): void {
    if (this.peerFinPos >= 0) return;
    this.peerFinPos = this.remotePos(dsn) + Math.max(len, 1) - 1;
    this.checkPeerFin(now);
  }

  private checkPeerFin(now: Nanos): void {
    if (this.peerFinPos < 0 || this.peerFinReceived || this.rcvNxt !== this.peerFinPos) return;
    this.peerFinReceived = true;
    this.rcvNxt += 1; // the DATA_FIN takes one data sequence number
    this.step({ type: 'DATA_FIN_RECEIVED' });
    // acknowledge it at once on every subflow — unless that closed the connection: then the
    // subflows' FINs, sent right after this segment, carry the DATA_ACK (as Linux's do)
    if (this.state !== 'closed') for (const sf of this.subflows) if (canAck(sf)) sf.sock.sendAck();
    this.notifyEof(now);
  }

  private notifyEof(now: Nanos): void {
    if (this.eofNotified) return;
    this.eofNotified = true;
    this.app?.eof(this, now);
  }

  private onClosed(): void {
    this.rtxTimer.cancel();
    // Linux closes the subflows once the MPTCP socket is closed (TCP FIN on each) — after the
    // segment that closed it is fully processed, so a FIN riding on it is acknowledged by ours
    if (!this.fastClosing) {
      if (this.pushDepth > 0) this.closeSubflowsPending = true;
      else this.closeSubflows();
    }
    this.pm?.destroy?.();
    this.notifyClosed(this.stack.engine.now, this.closeReason);
  }

  /**
   * The application's close(): shutdown(SHUT_WR) if not done yet, and the `ip mptcp monitor`
   * CLOSED event, which Linux sends when the application releases the socket (kernel-ref shows it
   * at the app's close, also after a fallback).
   */
  close(): void {
    this.shutdownWrite();
    if (this.appClosed) return;
    this.appClosed = true;
    this.stack.pmEvent('CLOSED', { token: hex8(this.localToken) });
  }

  private notifyClosed(now: Nanos, reason: string): void {
    if (this.closedNotified) return;
    this.closedNotified = true;
    this.stack.forget(this);
    this.app?.closed(this, now, reason);
  }

  // ======================================================================== MP_FASTCLOSE (RFC 8684 §3.5)

  /** Abort the connection: every subflow sends RST with MP_FASTCLOSE (peer's key) and MP_TCPRST. */
  fastclose(_now: Nanos): void {
    if (this.state === 'closed' || this.fallback) return;
    this.fastClosing = true;
    this.closeReason = 'reset';
    this.step({ type: 'FASTCLOSE' });
    for (const sf of this.subflows) {
      if (sf.isClosed) continue;
      sf.fastclosePending = true;
      this.mib('MPFastcloseTx');
      this.resetSubflow(sf, MP_TCPRST_REASON.unspecified, 'MP_FASTCLOSE sent');
    }
  }

  /** MP_FASTCLOSE arrived: accept it only with our key; then every subflow is reset. */
  onFastclose(key: bigint, on: MptcpSubflow, _now: Nanos): void {
    if (key !== this.localKey || this.state === 'closed') return;
    this.mib('MPFastcloseRx');
    this.fastClosing = true;
    // the app sees ECONNRESET (kernel.md §8)
    this.closeReason = 'reset';
    on.closeReason = 'MP_FASTCLOSE received';
    this.step({ type: 'FASTCLOSE' });
    // the subflow it came on is being reset by the peer's RST; the others get our RST + MP_TCPRST
    for (const sf of this.subflows) {
      if (sf.isClosed || sf === on) continue;
      this.resetSubflow(sf, MP_TCPRST_REASON.unspecified, 'MP_FASTCLOSE received');
    }
  }

  // ======================================================================== signals

  onAddAddr(a: AddAddrOption, now: Nanos): void {
    const port = a.port ?? null;
    if (a.echo) {
      this.pm?.addAddrEchoed({ id: a.addressId, addr: a.address, port });
      return;
    }
    const want = addAddrHmac(this.remoteKey, this.localKey, a.addressId, ipv4ToInt(a.address), a.port ?? 0);
    if (a.truncatedHmac !== want) {
      this.mib('AddAddrDrop');
      return;
    }
    // a non-echo ADD_ADDR is also a valid 4th packet: the client is fully established (kernel.md §2)
    if (this.side === 'client' && !this.fullyEstablished && !this.fallback) this.becomeFullyEstablished(now);
    this.pm?.addAddrReceived({ id: a.addressId, addr: a.address, port });
  }

  onRmAddr(ids: number[], _now: Nanos): void {
    this.pm?.rmAddrReceived(ids);
  }

  onPrio(sf: MptcpSubflow, backup: boolean, now: Nanos): void {
    this.mib('MPPrioRx');
    sf.peerBackup = backup;
    this.stack.pmEvent('SF_PRIO', this.connAttrs(sf, { backup: backup ? '1' : '0' }));
    this.push(now);
  }

  // ======================================================================== PM actions (mechanism)

  sfView(sf: MptcpSubflow): PmSubflowView {
    const s = sf.sock;
    return {
      id: sf.id,
      localAddr: intToIpv4(s.localAddr),
      localPort: s.localPort,
      localId: sf.localId,
      remoteAddr: intToIpv4(s.remoteAddr),
      remotePort: s.remotePort,
      remoteId: sf.remoteId,
      backup: sf.backup,
      peerBackup: sf.peerBackup,
      established: this.canSend(sf),
      closed: sf.isClosed,
      isJoin: sf.kind === 'join',
    };
  }

  pmView(): PmConnectionView {
    const first = this.subflows[0];
    return {
      side: this.side,
      token: this.localToken,
      initialLocal: { addr: intToIpv4(first.sock.localAddr), port: first.sock.localPort },
      initialRemote: { addr: intToIpv4(first.sock.remoteAddr), port: first.sock.remotePort },
      remoteDenyJoinId0: this.remoteDenyJoinId0,
      subflows: this.subflows.map((sf) => this.sfView(sf)),
    };
  }

  pmActions(): PmActions {
    const engine = this.stack.engine;
    return {
      now: () => engine.now,
      schedule: (delay, fn) => {
        let live = true;
        engine.after(delay, { fire: () => live && this.state !== 'closed' && fn() }, null);
        return () => {
          live = false;
        };
      },
      sendAddAddr: (a) =>
        this.queueSignal((sf) => {
          sf.pendingAddAddr = {
            subtype: 3,
            kind: 'ADD_ADDR',
            echo: false,
            ipVersion: 4,
            addressId: a.id,
            address: a.addr,
            ...(a.port ? { port: a.port } : {}),
            truncatedHmac: addAddrHmac(this.localKey, this.remoteKey, a.id, ipv4ToInt(a.addr), a.port ?? 0),
          };
        }),
      sendAddAddrEcho: (a) =>
        this.queueSignal((sf) => {
          sf.pendingAddAddr = { subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: a.id, address: a.addr, ...(a.port ? { port: a.port } : {}) };
        }),
      sendRmAddr: (ids) =>
        this.queueSignal((sf) => {
          sf.pendingRmAddr = { subtype: 4, kind: 'REMOVE_ADDR', addressIds: ids.slice(0, 8) };
        }),
      createSubflow: (local, remote, opts) => this.stack.createJoin(this, local, remote, opts.backup),
      closeSubflows: (match, reason) => {
        let n = 0;
        for (const sf of this.subflows) {
          // a subflow already shut down (FIN-WAIT, CLOSING, CLOSE) is skipped, as Linux does
          if (sf.isClosed || sf.closing || !match(this.sfView(sf))) continue;
          n++;
          // pm.c mptcp_pm_rm_addr_or_subflow, for the peer's REMOVE_ADDR and our own endpoint alike:
          // mptcp_subflow_shutdown + mptcp_close_ssk — tcp_close (FIN; data arriving afterwards is
          // answered by a reset, TCPAbortOnData) and its pending data goes to the other subflows
          sf.closing = true;
          if (sf.closeReason === null) sf.closeReason = reason === 'rm_addr' ? 'address removed by the peer' : 'endpoint removed';
          sf.sock.close();
          this.retransmitPending(sf, engine.now);
          this.closeSsk(sf);
        }
        return n;
      },
      sendMpPrio: (id, backup) => {
        const sf = this.subflowById(id);
        if (sf === null || sf.isClosed) return;
        sf.backup = backup;
        sf.pendingPrio = true;
        sf.sock.sendAck();
      },
      mib: (name, by) => this.mib(name, by),
      event: (type, attrs) => {
        const out: Record<string, string> = { token: hex8(this.localToken) };
        for (const [k, v] of Object.entries(attrs)) out[k] = String(v);
        this.stack.pmEvent(type, out);
      },
      view: () => this.pmView(),
      addAddrTimeout: () => {
        let rto = 0;
        for (const sf of this.subflows) if (!sf.isClosed) rto = Math.max(rto, sf.sock.rtt.rtoUs);
        const max = this.stack.sysctl.add_addr_timeout * 1000 * MS;
        return rto > 0 ? Math.min(max, rto * 1000) : max;
      },
    };
  }

  /** Put a signal on a pure ACK of the first usable subflow, and send it now. */
  private queueSignal(set: (sf: MptcpSubflow) => void): void {
    const sf = this.subflows.find((s) => this.canSend(s)) ?? this.subflows.find((s) => !s.isClosed);
    if (!sf) return;
    set(sf);
    sf.sock.sendAck();
  }

  // ======================================================================== views

  /** Every byte delivered so far sat at the data-level position it was sent from. */
  get streamInOrder(): boolean {
    return this.subflows.every((sf) => sf.sock.streamInOrder);
  }

  get localAddr(): number {
    return this.subflows[0]?.sock.localAddr ?? 0;
  }
  get localPort(): number {
    return this.subflows[0]?.sock.localPort ?? 0;
  }
  get remoteAddr(): number {
    return this.subflows[0]?.sock.remoteAddr ?? 0;
  }
  get remotePort(): number {
    return this.subflows[0]?.sock.remotePort ?? 0;
  }

  /**
   * getsockopt(MPTCP_INFO) at `now`, or null when it fails with EOPNOTSUPP (a fallen-back socket
   * answers like a TCP one, kernel.md §3). The PM's part comes from the path manager.
   */
  mptcpInfo(now: Nanos): MptcpInfo | null {
    if (this.fallback) return null;
    const pm = this.pm?.info?.();
    const open = this.subflows.filter((s) => !s.isClosed).length;
    return {
      subflows: pm?.subflows ?? Math.max(0, open - 1),
      add_addr_signal: pm?.addAddrSignal ?? 0,
      add_addr_accepted: pm?.addAddrAccepted ?? 0,
      subflows_max: pm?.subflowsMax ?? 0,
      add_addr_signal_max: pm?.addAddrSignalMax ?? 0,
      add_addr_accepted_max: pm?.addAddrAcceptedMax ?? 0,
      flags: this.remoteKeyKnown ? MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED : 0,
      token: this.localToken >>> 0,
      write_seq: this.localDsn(this.dataFinPos >= 0 ? this.writeEnd + 1 : this.writeEnd),
      snd_una: this.localDsn(this.sndUna + (this.dataFinAcked ? 1 : 0)),
      rcv_nxt: (this.remoteIdsn1 + BigInt(this.rcvNxt)) & U64,
      local_addr_used: pm?.localAddrUsed ?? 0,
      local_addr_max: pm?.localAddrMax ?? 0,
      csum_enabled: this.checksum ? 1 : 0,
      retransmits: this.retransmits,
      bytes_retrans: this.bytesRetrans,
      bytes_sent: this.bytesSent,
      bytes_received: this.bytesReceived,
      bytes_acked: this.bytesAcked,
      subflows_total: open,
      endp_laminar_max: pm?.endpLaminarMax ?? 0,
      endp_fullmesh_max: pm?.endpFullmeshMax ?? 0,
      last_data_sent: jiffiesToMsecsSince(this.lastDataSentNs, now),
      last_data_recv: jiffiesToMsecsSince(this.lastDataRecvNs, now),
      last_ack_recv: jiffiesToMsecsSince(this.lastAckRecvNs, now),
    };
  }

  samples(): SocketSample[] {
    return this.subflows.filter((sf) => !sf.isClosed).map((sf) => sf.sock.sample());
  }
}

/** Engine handler (no closure, so the world can be cloned): the server's accept() returns. */
const ACCEPT_RETURNS = { fire: (c: MptcpConnection, now: Nanos): void => c.acceptReturns(now) };

/** CONFIG_HZ of the reference kernel: one jiffy is 4 ms. */
const JIFFY_NS = 4 * MS;

/**
 * mptcp_diag_fill_info's jiffies_to_msecs(tcp_jiffies32 - msk->last_…): whole jiffies between the
 * jiffy of `t` and the jiffy of `now`, in ms (so 0 within the same 4 ms tick, then multiples of 4).
 */
export function jiffiesToMsecsSince(t: Nanos, now: Nanos): number {
  return Math.max(0, Math.floor(now / JIFFY_NS) - Math.floor(t / JIFFY_NS)) * (JIFFY_NS / MS);
}

/** tcp_can_send_ack: not before the handshake completed (SYN-SENT, SYN-RECEIVED) nor after close. */
function canAck(sf: MptcpSubflow): boolean {
  const st = sf.sock.state;
  return !sf.isClosed && st !== 'synSent' && st !== 'synReceived' && st !== 'closed' && st !== 'listen';
}

export function hex8(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}

