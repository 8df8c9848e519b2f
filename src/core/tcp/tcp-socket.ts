/**
 * Heads up: read RFC 9293 (TCP), RFC 6298 (RTO), RFC 7323 (timestamps, window scale), RFC 2018
 * (SACK), RFC 8985 (RACK-TLP), RFC 6937 (PRR) and RFC 6582 (NewReno) before editing.
 *
 * One TCP endpoint, behaving as Linux's tcp_input.c / tcp_output.c do where it shows on the wire:
 * SYN options (MSS, SACK-permitted, timestamps, window scale 7), initial window 10, delayed ACKs with
 * quick-ACK mode at the start and an ACK every second full segment, SACK scoreboard, RACK-TLP loss
 * detection, proportional rate reduction, RTO with exponential backoff, NewReno when SACK is off,
 * FIN/RST close. The lifecycle state lives in the xstate machine (src/machines/subflow.machine.ts),
 * stepped here on coarse events; sequence numbers, windows and queues live in this object.
 *
 * Sequence numbers are relative (see seq.ts): our SYN is 0, the first data byte 1. The application
 * stream position of relative byte s is s − 1.
 */
import { initialTransition, transition, subflowMachine, type SubflowEvent, LINUX_TCP_STATE } from '../../machines';
import type { Engine } from '../sim/engine';
import { Timer } from '../sim/engine';
import type { Rng } from '../sim/rng';
import { MS, type Nanos } from '../sim/time';
import type { SocketSample } from '../sim/trace';
import { ACK, FIN, RST, SYN, PSH, intToIpv4, type Packet } from '../net/packet';
import { resetFields } from '../net/host';
import { JIFFY_US, RttEstimator, TCP_RTO_MAX_US, TCP_RTO_MIN_US, TCP_TIMEOUT_MIN_US } from './rtt';
import { TCP_INIT_CWND } from './rcv-space';
import { RecvQueue } from './recv-queue';
import { unwrap, wire32 } from './seq';
import type { CaState, CcSocket, CongestionControl } from './congestion/types';
import { createCongestionControl } from './congestion/index';

/** What a socket needs from the world around it. */
export interface TcpEnv {
  engine: Engine;
  /** A fresh packet with a run-unique id. */
  newPacket(): Packet;
  /** A run-unique socket number. */
  newSocketId(): number;
  /** Hand a packet to the host's IP output (routing, capture, link). */
  output(pkt: Packet): void;
  /** Can IP output send from `src` to `dst` now (a route whose interface is up)? Absent: always. */
  canTransmit?(src: number, dst: number): boolean;
  /** Linux MIB counters of this host (`TcpExt`, `Tcp`). */
  mib: { TcpExt: Record<string, number>; Tcp: Record<string, number> };
  /**
   * Where t = 0 falls within the host's millisecond (ns, 0 ≤ phase < 1 ms). Linux's TCP timestamps
   * tick on whole milliseconds of the boot clock (tcp_time_stamp_ts: tcp_mstamp / USEC_PER_MSEC), so
   * a connection starts at an arbitrary point of a tick; kernel-ref's two namespaces share one clock.
   * Absent: 0.
   */
  clockPhaseNs?: Nanos;
  /** Lifecycle notifications for the trace. */
  onState(sock: TcpSocket, from: string, to: string): void;
  onCwnd(sock: TcpSocket): void;
  onRecovery(sock: TcpSocket, kind: 'fast' | 'rto' | 'tlp' | 'exit'): void;
}

/** What the application sees (callbacks from the socket). */
export interface TcpApp {
  connected(sock: TcpSocket, now: Nanos): void;
  /**
   * `n` new in-order bytes were delivered (and read at once by the app). `pos` is the application
   * stream position of the first of them (for MPTCP subflows: the data-level position its DSS
   * mapping gives). `segs`: how many received segments they came in (more than one when a run held
   * out of order becomes in order).
   */
  received(sock: TcpSocket, n: number, now: Nanos, pos: number, segs: number): void;
  /** The peer's FIN arrived in order: end of stream. */
  eof(sock: TcpSocket, now: Nanos): void;
  /** Send-buffer space opened up: the app may write more. */
  writable(sock: TcpSocket, now: Nanos): void;
  /** The connection is gone (closed, reset or timed out). */
  closed(sock: TcpSocket, now: Nanos, reason: string): void;
}

/**
 * An upper-layer protocol on a TCP socket (Linux's ULP, as MPTCP attaches to its subflows): it adds
 * options to outgoing segments, reads options of incoming ones, and tells the socket where the bytes
 * of its segments sit in the application stream. Plain TCP has none.
 */
export interface SubflowUlp {
  /** Add options to an outgoing segment. `kind` says what the segment is; `dataStart` is the relative sequence of its first payload byte. */
  decorate(sock: TcpSocket, p: Packet, kind: 'syn' | 'synack' | 'ack' | 'data' | 'rst', dataStart: number): void;
  /** Read the options of an incoming segment before TCP does; false drops the segment. */
  incoming(sock: TcpSocket, p: Packet, now: Nanos): boolean;
  /** Stream position of relative subflow byte `seq` of outgoing data (its mapping), and where that mapping ends (exclusive). */
  txPosition(sock: TcpSocket, seq: number): { readonly pos: number; readonly end: number };
  /** Stream position of relative subflow byte `seq` of the incoming segment `p` (from its mapping), or -1 if it has none. */
  rxPosition(sock: TcpSocket, p: Packet, seq: number): number;
  /** The receive window to advertise (the connection's shared window), bytes. */
  rcvWindow(sock: TcpSocket): number;
  /**
   * tcp_space of the subflow (bytes): how far tcp_grow_window may open its rcv_ssthresh. A subflow's
   * buffer follows the connection's (mptcp_rcv_space_adjust grows every ssk with the msk).
   */
  rcvSpace(sock: TcpSocket): number;
  /** A segment is about to be processed / has been processed (TCP's work for it is done). */
  inputStart(sock: TcpSocket): void;
  inputDone(sock: TcpSocket, now: Nanos): void;
  /** A RST arrived (before TCP closes the socket): read its options (MP_TCPRST, MP_FASTCLOSE). */
  incomingRst(sock: TcpSocket, p: Packet, now: Nanos): void;
  /** Options of a reset answering segment `incoming` (tcp_v4_send_reset: MPTCP's mptcp_reset_option). */
  statelessReset?(sock: TcpSocket, incoming: Packet, rst: Packet): void;
  /** Application stream id of this subflow's payload. */
  readonly stream: number;
}

export interface TcpConfig {
  congestionControl: string;
  sack: boolean;
  timestamps: boolean;
  windowScaling: boolean;
  /** SO_RCVBUF / SO_SNDBUF as set by the app (bytes), or null for Linux autotuning. */
  rcvbuf: number | null;
  sndbuf: number | null;
  /** Interface MTU (bytes). */
  mtu: number;
  /** Application stream id for payload provenance (see net/payload.ts). */
  stream: number;
  /** net.ipv4.tcp_slow_start_after_idle (default 1): restart cwnd after an idle RTO (tcp_cwnd_restart). */
  slowStartAfterIdle?: boolean;
  /**
   * net.ipv4.tcp_rmem[2] (bytes; default 6 MiB): sets the window scale we offer (rcvWscaleFor) and
   * the largest buffer receive autotuning grows to (tcp_rcv_space_adjust; MPTCP's msk buffer too).
   */
  tcpRmemMax?: number;
}

/** net.core.rmem_max's default (bytes): tcp_select_initial_window scales for the larger of it and tcp_rmem[2]. */
const CORE_RMEM_MAX = 212992;
const TCP_MAX_WSCALE = 14;

/**
 * tcp_select_initial_window: the window scale offered in the SYN covers the largest window the
 * socket could ever open — ilog2(max(tcp_rmem[2], net.core.rmem_max)) − 15, within 0..14. Linux's
 * default tcp_rmem[2] (6 MiB) gives 7; kernel-ref's host (tcp_rmem[2] = 32 MiB) gives 10.
 */
export function rcvWscaleFor(tcpRmemMax: number): number {
  const space = Math.max(tcpRmemMax, CORE_RMEM_MAX);
  return Math.min(Math.max(Math.floor(Math.log2(space)) - 15, 0), TCP_MAX_WSCALE);
}

/** Linux constants (include/net/tcp.h). */
const TCP_MAX_QUICKACKS = 16;
/** Delayed-ACK constants in jiffies (HZ = 250): TCP_ATO_MIN = TCP_DELACK_MIN = HZ/25, TCP_DELACK_MAX = HZ/5. */
const TCP_ATO_MIN_J = 10;
const TCP_DELACK_MIN_J = 10;
const TCP_DELACK_MAX_J = 50;
const HZ = 250;
const JIFFY_NS = JIFFY_US * 1000;
const TCP_TIMEWAIT_LEN = 60_000 * MS;
const TCP_INFINITE_SSTHRESH = 0x7fffffff;
const TCP_SYN_RETRIES = 6;
const TCP_RETRIES2 = 15;
/** Linux's SYN window: 64240 = 44 × 1460 (tcp_select_initial_window rounds to MSS multiples). */
const SYN_WINDOW = 64240;
/** tcp_rmem[2] default: 6 MiB, of which tcp_adv_win_scale=1 gives half to the window. */
const RMEM_MAX = 6 * 1024 * 1024;
const TS_OPT_LEN = 12;
const SACK_MAX_BLOCKS_TS = 3;
const SACK_MAX_BLOCKS = 4;

/** An in-flight (or queued-for-retransmission) segment: Linux's skb on the retransmit queue. */
interface TxSeg {
  start: number;
  end: number;
  flags: number; // SYN / FIN carried
  xmitTime: Nanos;
  sacked: boolean;
  lost: boolean;
  /** Retransmitted and that retransmission not yet acked/sacked/lost again (retrans_out). */
  retrans: boolean;
  everRetrans: boolean;
}

export class TcpSocket implements CcSocket {
  /** Socket number within the run (World-assigned, so runs are reproducible). */
  readonly id: number;
  /** Lifecycle, owned by the xstate machine. */
  private snap = initialTransition(subflowMachine)[0];
  state = 'closed';

  // ---- addressing
  localAddr = 0;
  localPort = 0;
  remoteAddr = 0;
  remotePort = 0;

  // ---- sequence space (relative)
  private iss = 0;
  private irs = 0;
  sndUna = 0;
  sndNxt = 0;
  /** Highest sequence ever sent + 1 (snd_nxt never moves back in Linux either). */
  private sndMax = 0;
  /** End of data the application has written (relative seq of the byte after the last one). */
  private writeEnd = 1;
  /** The app has called shutdown(SHUT_WR): a FIN follows the data. */
  private finQueued = false;
  /** close() rather than shutdown(SHUT_WR): nothing more is read (sk_shutdown & RCV_SHUTDOWN). */
  private rcvShutdown = false;
  private finSent = false;
  private finSeq = -1;
  sndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  private sndWscale = 0;
  rcvNxt = 0;
  private rcvWscale = 0;
  /** Right edge of the window we last advertised (never shrink it, RFC 9293 §3.8.6). */
  private rcvAdvEnd = 0;
  private rcvSsthresh = SYN_WINDOW;
  private windowClamp = RMEM_MAX / 2;
  /**
   * Receive-buffer autotuning (Linux tcp_rcv_space_adjust, DRS): once per receiver-measured RTT, if
   * the application read more than last time (`rcvSpaceCopied` > `rcvSpaceLast`), the window may
   * grow to rcvwin = 2·copied + 16·advmss + 2·rcvwin·(copied − last)/last. Until then the window
   * is capped at `rcvCap` (64 KiB from tcp_rmem[1] to start).
   */
  private rcvCap = 65535;
  private rcvSpaceLast = 0;
  private rcvSpaceCopied = 0;
  private rcvSpaceTime: Nanos = -1;
  /** Receiver's RTT estimate from echoed timestamps (tcp_rcv_rtt_measure_ts), ns; 0 = none yet. */
  private rcvRttNs: Nanos = 0;
  private peerFinSeq = -1;
  private peerFinReceived = false;

  // ---- options negotiated
  private sackOk = false;
  private tsOk = false;
  private wsOk = false;
  private tsRecent = 0;
  private tsOffset = 0;
  /** TcpEnv.clockPhaseNs: the offset of the timestamp clock's millisecond ticks. */
  private readonly clockPhase: Nanos;
  /** Bytes of TCP options on a data segment (timestamps). */
  private optLen = 0;
  /** Effective send MSS (payload bytes per full segment). */
  mss = 536;
  private advMss = 1460;
  private peerMss = 536;

  // ---- congestion control (CcSocket)
  cwnd = TCP_INIT_CWND;
  ssthresh = TCP_INFINITE_SSTHRESH;
  cwndCnt = 0;
  cwndClamp = 0x7fffffff;
  packetsOut = 0;
  /** Linux tp->is_cwnd_limited: the last send attempt was stopped by cwnd, not by the app or rwnd. */
  private cwndLimitedFlag = false;
  /** tp->snd_sml: the end of the last small segment sent (Minshall's Nagle check). */
  private sndSml = 0;
  /** sk_sndbuf as tcp_sndbuf_expand left it: the largest autotuned size so far (sndBufBytes). */
  private sndBufHigh = 0;
  /** Linux max_packets_out / max_packets_seq: the most segments in flight during the current round. */
  private maxPacketsOut = 0;
  private maxPacketsSeq = 0;
  /** Linux tcp_is_cwnd_limited(): in slow start, cwnd < 2 × max_packets_out; else the flag. */
  get isCwndLimited(): boolean {
    if (this.cwnd < this.ssthresh) return this.cwnd < 2 * this.maxPacketsOut;
    return this.cwndLimitedFlag;
  }
  deliveredSegs = 0;
  get srttUs(): number {
    return this.rtt.srttUs;
  }
  get minRttUs(): number {
    return this.rtt.minRttUs;
  }
  /** CcSocket: relative snd_nxt / snd_una for round tracking (HyStart). */
  get sndNxtSeq(): number {
    return this.sndNxt;
  }
  /** CcSocket: when data was last sent (µs), Linux tp->lsndtime. */
  get lastSendUs(): number {
    return Math.floor(this.lastDataSendNs / 1000);
  }
  private lastDataSendNs: Nanos = 0;
  readonly cc: CongestionControl;
  caState: CaState = 'open';
  priorCwnd = 0;
  private priorSsthresh = 0;
  private highSeq = 0;
  private prrDelivered = 0;
  private prrOut = 0;
  private sackedOut = 0;
  private lostOut = 0;
  private retransOut = 0;
  /** NewReno (no SACK): duplicate ACKs counted as "sacked" segments, like Linux's tcp_add_reno_sack. */
  private dupAcks = 0;
  private maxCwndSeen = TCP_INIT_CWND;

  // ---- RACK (RFC 8985)
  private rackXmit: Nanos = -1;
  private rackEndSeq = 0;
  private rackRttUs = 0;
  private reordSeen = false;
  private highestSacked = 0;
  /** An ACK delivered a segment since the last RACK scan (Linux rack.advanced). */
  private rackAdvanced = false;
  /** Segments marked lost so far, lost retransmissions included (Linux tp->lost). */
  private lostSegs = 0;

  // ---- timers
  readonly rtt = new RttEstimator();
  private backoff = 0;
  private retransmits = 0;
  private rtxTimer: Timer;
  /** What the retransmit timer is armed for. */
  private rtxKind: 'rto' | 'tlp' | 'reo' | 'probe' = 'rto';
  private tlpHighSeq = -1;
  private delackTimer: Timer;
  private twTimer: Timer;
  private lastRecvNs: Nanos = -1;
  private lastSendNs: Nanos = 0;

  // ---- ACK generation (Linux icsk_ack)
  private quickAcks = 0;
  /** Delayed-ACK timeout estimate (icsk_ack.ato), jiffies; 0 before the first data. */
  private ato = 0;
  /** Jiffy of the last in-order data arrival (icsk_ack.lrcvtime). */
  private lrcvJiffies = 0;
  /** Ping-pong (interactive) mode: no quick ACKs; entered when the peer's FIN arrives. */
  private pingpong = false;
  /** ICSK_ACK_NOW: ACK at once whatever the mode (a hole was filled). */
  private ackNow = false;
  private ackPending = false;
  /** The peer's segment size as measured on arrival (icsk_ack.rcv_mss), bytes. */
  private rcvMss = 536;
  /** Bytes received since the last ACK we sent (rcv_nxt − rcv_wup). */
  private rcvUnacked = 0;
  private readonly ooo = new RecvQueue();
  private readonly sackScratch: number[] = [];
  private dsack: [number, number] | null = null;

  // ---- retransmission queue
  private rtx: TxSeg[] = [];
  private rtxHead = 0;
  /** No segment below this index is lost-and-not-yet-retransmitted (scan start for retransmissions). */
  private lostHint = 0;

  // ---- stats (tcp_info)
  bytesSent = 0;
  bytesRetrans = 0;
  bytesAcked = 0;
  bytesReceived = 0;
  totalRetrans = 0;
  segsOut = 0;
  segsIn = 0;
  /** Delivered bytes all landed at the stream position they were sent from. */
  streamInOrder = true;
  closedReason: string | null = null;

  app: TcpApp | null = null;
  /** MPTCP (or another ULP) on this subflow, or null for plain TCP. */
  ulp: SubflowUlp | null = null;
  /** Option bytes the ULP adds to a full data segment (MPTCP DSS: 24), taken off the MSS. */
  private ulpOptLen = 0;

  constructor(
    private readonly env: TcpEnv,
    private readonly rng: Rng,
    readonly cfg: TcpConfig,
  ) {
    this.id = env.newSocketId();
    this.cc = createCongestionControl(cfg.congestionControl);
    const engine = env.engine;
    this.rtxTimer = new Timer(engine, (now) => this.onRtxTimer(now));
    this.delackTimer = new Timer(engine, (now) => this.onDelack(now));
    this.twTimer = new Timer(engine, () => this.step({ type: 'TIMEWAIT_EXPIRED' }));
    this.advMss = cfg.mtu - 40;
    this.iss = rng.u32();
    this.tsOffset = rng.u32();
    this.clockPhase = env.clockPhaseNs ?? 0;
    if (cfg.rcvbuf !== null) this.windowClamp = Math.max(cfg.rcvbuf, 2048); // SO_RCVBUF is doubled by Linux, half goes to the window
    else if (cfg.tcpRmemMax !== undefined) this.windowClamp = cfg.tcpRmemMax / 2; // tcp_rcv_space_adjust grows sk_rcvbuf up to tcp_rmem[2]
  }

  // ======================================================================== lifecycle

  private step(ev: SubflowEvent): void {
    const from = this.state;
    const [next] = transition(subflowMachine, this.snap, ev);
    this.snap = next;
    this.state = String(next.value);
    if (this.state !== from) {
      this.env.onState(this, from, this.state);
      if (this.state === 'timeWait') {
        this.rtxTimer.cancel();
        this.twTimer.arm(this.env.engine.now + TCP_TIMEWAIT_LEN);
      }
      if (this.state === 'closed') this.teardown(ev.type === 'RST_RECEIVED' ? 'reset' : ev.type === 'ABORT' ? 'aborted' : 'closed');
    }
  }

  private teardown(reason: string): void {
    this.rtxTimer.cancel();
    this.delackTimer.cancel();
    this.twTimer.cancel();
    if (this.closedReason === null) {
      this.closedReason = reason;
      this.app?.closed(this, this.env.engine.now, reason);
    }
  }

  get linuxState(): number {
    return LINUX_TCP_STATE[this.state] ?? 7;
  }

  /** Active open (connect()): send SYN. */
  connect(localAddr: number, localPort: number, remoteAddr: number, remotePort: number): void {
    this.localAddr = localAddr;
    this.localPort = localPort;
    this.remoteAddr = remoteAddr;
    this.remotePort = remotePort;
    this.step({ type: 'CONNECT' });
    this.sndNxt = 1;
    this.sndMax = 1;
    this.queueSeg(0, 1, SYN);
    this.packetsOut = 1;
    this.sendSyn(false);
    this.armRto();
  }

  /** Passive open: a listener hands us the SYN. */
  acceptSyn(pkt: Packet): void {
    this.localAddr = pkt.dst;
    this.localPort = pkt.dport;
    this.remoteAddr = pkt.src;
    this.remotePort = pkt.sport;
    this.irs = pkt.seq;
    this.rcvNxt = 1;
    this.parseSynOptions(pkt);
    this.step({ type: 'SYN_RECEIVED' });
    this.sndNxt = 1;
    this.sndMax = 1;
    this.sndWnd = pkt.win; // never scaled in a SYN (RFC 7323 §2.2)
    this.sndWl1 = 0;
    this.sndWl2 = 0;
    this.queueSeg(0, 1, SYN);
    this.packetsOut = 1;
    this.sendSyn(true);
    this.armRto();
  }

  private parseSynOptions(pkt: Packet): void {
    this.sackOk = this.cfg.sack && pkt.sackOk;
    this.tsOk = this.cfg.timestamps && pkt.hasTs;
    this.wsOk = this.cfg.windowScaling && pkt.wscale >= 0;
    this.sndWscale = this.wsOk ? Math.min(pkt.wscale, 14) : 0;
    this.rcvWscale = this.wsOk ? this.offeredWscale() : 0;
    if (this.tsOk) this.tsRecent = pkt.tsVal;
    this.peerMss = pkt.mss > 0 ? pkt.mss : 536;
    this.optLen = this.tsOk ? TS_OPT_LEN : 0;
    // Linux: mss_cache = min(peer MSS, our MTU-derived MSS) − option bytes on every segment.
    this.mss = Math.min(this.peerMss, this.advMss) - this.optLen - this.ulpOptLen;
    this.cc.init(this, this.nowUs());
  }

  private sendSyn(isSynAck: boolean): void {
    const p = this.env.newPacket();
    this.fillAddrs(p);
    p.seq = wire32(this.iss, 0);
    p.flags = isSynAck ? SYN | ACK : SYN;
    p.ack = isSynAck ? wire32(this.irs, this.rcvNxt) : 0;
    p.win = isSynAck ? Math.min(65535, this.initialRcvWindow()) : SYN_WINDOW;
    p.mss = this.advMss;
    const offerSack = isSynAck ? this.sackOk : this.cfg.sack;
    const offerTs = isSynAck ? this.tsOk : this.cfg.timestamps;
    const offerWs = isSynAck ? this.wsOk : this.cfg.windowScaling;
    p.sackOk = offerSack;
    p.hasTs = offerTs;
    if (offerTs) {
      p.tsVal = this.tsVal();
      p.tsEcr = isSynAck ? this.tsRecent : 0;
    }
    p.wscale = offerWs ? this.offeredWscale() : -1;
    this.rcvAdvEnd = this.rcvNxt + p.win;
    this.ulp?.decorate(this, p, isSynAck ? 'synack' : 'syn', 0);
    this.transmit(p, this.env.engine.now);
  }

  /** Linux's SYN/ACK window: 65160 = 45 × 1448 with timestamps (a multiple of the MSS below 64 KiB). */
  /** The ULP's per-segment option bytes changed (e.g. MPTCP negotiated, or fell back to TCP). */
  setUlpOptionLength(n: number): void {
    const delta = n - this.ulpOptLen;
    this.ulpOptLen = n;
    if (this.state !== 'closed' && this.state !== 'synSent' && this.state !== 'listen') this.mss -= delta;
  }

  private initialRcvWindow(): number {
    const mss = this.advMss - (this.tsOk ? TS_OPT_LEN : 0);
    return Math.floor(65535 / mss) * mss;
  }

  // ======================================================================== application API

  /** The application writes `n` more bytes (they exist in its stream; we only move the end). */
  write(n: number): void {
    this.slowStartAfterIdleCheck();
    this.writeEnd += n;
    this.pushPending();
  }

  /**
   * tcp_slow_start_after_idle_check, run when new data is queued (tcp_skb_entail; MPTCP's
   * mptcp_sendmsg_frag queues onto a subflow the same way): with nothing in flight and no data sent
   * for longer than the RTO, tcp_cwnd_restart (RFC 5681 §4.1) — ssthresh becomes
   * tcp_current_ssthresh, and cwnd halves once per RTO of idle time, not below min(cwnd, TCP_INIT_CWND).
   */
  private slowStartAfterIdleCheck(): void {
    if (this.cfg.slowStartAfterIdle === false || this.packetsOut > 0 || this.lastDataSendNs === 0) return;
    const st = this.state;
    if (st !== 'established' && st !== 'closeWait') return;
    const rto = this.rtoNs();
    let delta = this.env.engine.now - this.lastDataSendNs;
    if (delta <= rto) return;
    this.cc.cwndEvent(this, 'cwndRestart', this.nowUs());
    // tcp_current_ssthresh: outside CWR/Recovery, at least 3/4 of cwnd
    if (this.caState !== 'cwr' && this.caState !== 'recovery') this.ssthresh = Math.max(this.ssthresh, (this.cwnd >> 1) + (this.cwnd >> 2));
    const restart = Math.min(TCP_INIT_CWND, this.cwnd);
    let cwnd = this.cwnd;
    while ((delta -= rto) > 0 && cwnd > restart) cwnd >>= 1;
    this.cwnd = Math.max(cwnd, restart);
    this.env.onCwnd(this);
  }

  /** Bytes the app may still write before the send buffer is full (SO_SNDBUF, or Linux's autotuning ≈ 2·cwnd). */
  sendSpace(): number {
    return Math.max(0, this.sndBufBytes - (this.writeEnd - this.sndUna));
  }

  /**
   * The send buffer size (sk_sndbuf) in payload bytes: SO_SNDBUF, or tcp_sndbuf_expand's ≈ 2 · cwnd
   * segments. tcp_sndbuf_expand only ever grows sk_sndbuf (nothing shrinks it short of memory
   * pressure), so a cwnd that collapses after an RTO leaves the buffer as large as it was.
   */
  get sndBufBytes(): number {
    if (this.cfg.sndbuf !== null && this.cfg.sndbuf !== undefined) return this.cfg.sndbuf;
    const want = Math.max(2 * this.cwnd * (this.mss + 100), 16384 * 4);
    if (want > this.sndBufHigh) this.sndBufHigh = want;
    return this.sndBufHigh;
  }

  /** shutdown(SHUT_WR) / close() after the data: queue a FIN. */
  shutdownWrite(): void {
    if (this.finQueued) return;
    this.finQueued = true;
    this.pushPending();
  }

  /** close(): FIN after the data, and the socket reads nothing more (new data aborts it: TCPAbortOnData). */
  close(): void {
    this.rcvShutdown = true;
    this.shutdownWrite();
  }

  /** Data written but not yet acknowledged or not yet sent. */
  get unsentBytes(): number {
    return this.writeEnd - this.sndNxt;
  }

  /** Relative sequence just after the last byte the application wrote (Linux write_seq). */
  get writeEndSeq(): number {
    return this.writeEnd;
  }

  /** Bytes queued on the socket, sent or not, until acknowledged (≈ sk_wmem_queued). */
  get wmemQueued(): number {
    return this.writeEnd - this.sndUna;
  }

  /** The receiver's RTT estimate (tcp_rcv_rtt_est), ns; 0 before the first measurement. */
  get rcvRtt(): Nanos {
    return this.rcvRttNs;
  }

  /** The relative sequence number (1 = the peer's first byte after its SYN) of a received segment. */
  relativeSeq(pkt: Packet): number {
    return unwrap(this.irs, pkt.seq, this.rcvNxt);
  }

  /** The relative acknowledgment number (1 = our SYN acknowledged, no data yet) of a received segment. */
  relativeAck(pkt: Packet): number {
    return unwrap(this.iss, pkt.ack, this.sndUna);
  }

  /** The MSS we advertised (advmss). */
  get advertisedMss(): number {
    return this.advMss;
  }

  /** The window scale we offer in our SYN (rcvWscaleFor net.ipv4.tcp_rmem[2]). */
  private offeredWscale(): number {
    return rcvWscaleFor(this.cfg.tcpRmemMax ?? RMEM_MAX);
  }

  /** Our window scale (rcv_wscale): the granularity of the windows we advertise. */
  get rcvWindowScale(): number {
    return this.rcvWscale;
  }

  /** The peer's window scale (snd_wscale): how far to shift its advertised windows. */
  get peerWscale(): number {
    return this.sndWscale;
  }

  /** Time left on a pending retransmission timer, ns (0 = none), for the MPTCP scheduler. */
  get rtxTimerRemaining(): Nanos {
    return this.rtxTimer.armed ? Math.max(0, this.rtxTimer.deadline - this.env.engine.now) : 0;
  }

  /** `pkt` starts beyond rcv_nxt: TCP queues it out of order (tcp_data_queue_ofo) until the hole fills. */
  outOfOrder(pkt: Packet): boolean {
    return unwrap(this.irs, pkt.seq, this.rcvNxt) > this.rcvNxt;
  }

  /** How far past rcv_nxt this socket holds data out of order (ooo_last_skb's end_seq − rcv_nxt), bytes; 0 if none. */
  get oooSpan(): number {
    const r = this.ooo.ranges;
    return r.length === 0 ? 0 : r[r.length - 1].end - this.rcvNxt;
  }

  /** rcv_ssthresh: how far this socket's own window may open now (tcp_grow_window), bytes. */
  get rcvSsthreshBytes(): number {
    return this.rcvSsthresh;
  }

  /** The retransmission timer as the last segment's ACK processing (tcp_ack) left it: when, and its deadline (0: none). */
  private ackTimerAt: Nanos = -1;
  private ackTimerDeadline: Nanos = 0;

  /**
   * Time left on the pending retransmission timer as the ULP sees it while a segment is handled:
   * MPTCP reads it in mptcp_incoming_options, which runs after tcp_ack re-armed the timer but
   * before the data that ACK lets through is sent (tcp_data_queue, then tcp_data_snd_check, whose
   * sends re-arm it again). Outside segment handling, the timer as it is.
   */
  get ulpTimerRemaining(): Nanos {
    const now = this.env.engine.now;
    if (this.ackTimerAt !== now) return this.rtxTimerRemaining;
    return this.ackTimerDeadline > now ? this.ackTimerDeadline - now : 0;
  }

  /**
   * Abort: send RST|ACK at snd_nxt (Linux tcp_send_active_reset) — the ULP may add options to it,
   * e.g. MPTCP's MP_TCPRST with a reason (RFC 8684 §3.6) — and close at once.
   */
  abortWithReset(): void {
    const st = this.state;
    if (st === 'closed' || st === 'timeWait') return;
    if (st !== 'synSent' && st !== 'listen') {
      const p = this.env.newPacket();
      this.fillAddrs(p);
      // a request socket answers like tcp_v4_send_reset to an ACK: a bare RST at the ACK number
      p.flags = st === 'synReceived' ? RST : RST | ACK;
      p.seq = wire32(this.iss, this.sndNxt);
      p.ack = st === 'synReceived' ? 0 : wire32(this.irs, this.rcvNxt);
      this.ulp?.decorate(this, p, 'rst', -1);
      this.transmit(p, this.env.engine.now);
    }
    this.step({ type: 'ABORT' });
  }

  /**
   * The ULP refused a SYN/ACK (e.g. MPTCP: a join's bad HMAC): reset as Linux does once the
   * connection completed — RST|ACK at our SYN's end, acknowledging the peer's SYN — and close.
   */
  resetSynAck(pkt: Packet): void {
    if (this.state !== 'synSent') return;
    const p = this.env.newPacket();
    this.fillAddrs(p);
    p.flags = RST | ACK;
    p.seq = pkt.ack;
    p.ack = (pkt.seq + 1) >>> 0;
    this.ulp?.decorate(this, p, 'rst', -1);
    this.transmit(p, this.env.engine.now);
    this.step({ type: 'ABORT' });
  }

  // ======================================================================== output

  private nowUs(): number {
    return Math.floor(this.env.engine.now / 1000);
  }

  /** tcp_time_stamp_ts: the millisecond clock (TcpEnv.clockPhaseNs) plus the connection's random offset (tcp_init_ts_off). */
  private tsVal(): number {
    return (this.tsOffset + Math.floor((this.env.engine.now + this.clockPhase) / MS)) >>> 0;
  }

  private fillAddrs(p: Packet): void {
    p.src = this.localAddr;
    p.dst = this.remoteAddr;
    p.sport = this.localPort;
    p.dport = this.remotePort;
  }

  /** The receive window we advertise now (bytes), never shrinking the right edge. */
  private rcvWindow(): number {
    if (this.ulp) {
      // RFC 8684 §3.3.5: the window is the connection's, relative to the DATA_ACK
      const w = Math.min(this.ulp.rcvWindow(this), 65535 << this.rcvWscale);
      const wnd = w > 0 ? (w >> this.rcvWscale) << this.rcvWscale : 0;
      this.rcvAdvEnd = this.rcvNxt + wnd;
      return wnd;
    }
    const free = this.windowClamp - this.ooo.bytes;
    let wnd = Math.min(this.rcvSsthresh, free);
    if (wnd < 0) wnd = 0;
    const maxWire = 65535 << this.rcvWscale;
    if (wnd > maxWire) wnd = maxWire;
    // round down to the window scale granularity
    wnd = (wnd >> this.rcvWscale) << this.rcvWscale;
    const edge = this.rcvNxt + wnd;
    if (edge < this.rcvAdvEnd) wnd = this.rcvAdvEnd - this.rcvNxt;
    else this.rcvAdvEnd = edge;
    return wnd;
  }

  /** Common header fields of a segment in a synchronized state. */
  private header(p: Packet, flags: number): void {
    this.fillAddrs(p);
    p.flags = flags;
    p.ack = wire32(this.irs, this.rcvNxt);
    p.win = this.rcvWindow() >> this.rcvWscale;
    if (this.tsOk) {
      p.hasTs = true;
      p.tsVal = this.tsVal();
      p.tsEcr = this.tsRecent;
    }
  }

  private transmit(p: Packet, now: Nanos): void {
    this.segsOut++;
    this.lastSendNs = now;
    if (p.flags & ACK) {
      // any segment carrying an ACK acknowledges everything received so far
      // (tcp_event_ack_sent: an ACK of scheduled data uses up a quick ACK; the last one deflates ato)
      if (this.ackPending && this.quickAcks > 0 && p.payloadLen === 0 && !(p.flags & (SYN | FIN))) {
        this.quickAcks--;
        if (this.quickAcks === 0) this.ato = TCP_ATO_MIN_J;
      }
      this.ackPending = false;
      this.ackNow = false;
      this.rcvUnacked = 0;
      this.delackTimer.cancel();
    }
    this.env.output(p);
  }

  /** Send a pure ACK now (with SACK blocks if we hold out-of-order data). */
  sendAck(): void {
    if (this.state === 'closed' || this.state === 'synSent' || this.state === 'listen') return;
    const p = this.env.newPacket();
    this.header(p, ACK);
    p.seq = wire32(this.iss, this.sndNxt);
    this.ulp?.decorate(this, p, 'ack', -1);
    this.addSack(p);
    this.transmit(p, this.env.engine.now);
  }

  private addSack(p: Packet): void {
    if (!this.sackOk) return;
    const max = this.tsOk ? SACK_MAX_BLOCKS_TS : SACK_MAX_BLOCKS;
    const blocks = this.sackScratch;
    this.ooo.sackBlocks(this.dsack ? max - 1 : max, blocks);
    if (this.dsack === null && blocks.length === 0) return;
    const out: number[] = [];
    if (this.dsack) {
      // RFC 2883: a D-SACK block reports a duplicate segment first.
      out.push(wire32(this.irs, this.dsack[0]), wire32(this.irs, this.dsack[1]));
      this.dsack = null;
    }
    // A block that ends at a FIN still out of order covers the FIN too (Linux SACKs the skb's
    // end_seq, which counts the FIN): the sender's FIN-carrying segment is then SACKed whole.
    const finEnd = this.peerFinSeq >= 0 && !this.peerFinReceived ? this.peerFinSeq : -1;
    for (let i = 0; i < blocks.length; i++) out.push(wire32(this.irs, i % 2 === 1 && blocks[i] === finEnd ? finEnd + 1 : blocks[i]));
    p.sack = out;
  }

  private queueSeg(start: number, end: number, flags: number): TxSeg {
    const s: TxSeg = { start, end, flags, xmitTime: this.env.engine.now, sacked: false, lost: false, retrans: false, everRetrans: false };
    this.rtx.push(s);
    return s;
  }

  /** Segments in flight as Linux counts them: packets_out − (sacked_out + lost_out) + retrans_out. */
  get inflight(): number {
    return this.packetsOut - (this.sackedOut + this.lostOut) + this.retransOut;
  }

  /** Build and send a data/FIN segment for [start, end). */
  private sendData(seg: TxSeg, now: Nanos, isRetrans: boolean): void {
    const p = this.env.newPacket();
    const hasFin = (seg.flags & FIN) !== 0;
    const dataEnd = hasFin ? seg.end - 1 : seg.end;
    const len = dataEnd - seg.start;
    this.header(p, ACK | (len > 0 && dataEnd === this.writeEnd ? PSH : 0) | (hasFin ? FIN : 0));
    p.seq = wire32(this.iss, seg.start);
    if (len > 0) {
      p.payloadLen = len;
      if (this.ulp) {
        p.stream = this.ulp.stream;
        p.streamPos = this.ulp.txPosition(this, seg.start).pos;
      } else {
        p.stream = this.cfg.stream;
        p.streamPos = seg.start - 1;
      }
    }
    this.ulp?.decorate(this, p, 'data', seg.start);
    if (len > 0 || hasFin) {
      // tcp_event_data_sent: restarting from idle tells the congestion controller (CUBIC shifts its epoch)
      if (this.packetsOut <= 1 && !isRetrans && this.lastDataSendNs > 0) this.cc.cwndEvent(this, 'txStart', this.nowUs());
      this.lastDataSendNs = now;
    }
    if (isRetrans) {
      this.bytesRetrans += len;
      this.totalRetrans++;
      this.env.mib.Tcp.RetransSegs = (this.env.mib.Tcp.RetransSegs ?? 0) + 1;
    } else {
      this.bytesSent += len;
    }
    seg.xmitTime = now;
    this.transmit(p, now);
  }

  /**
   * Send what the windows allow: lost segments first (retransmissions), then new data. `what`
   * restricts it to one of the two (a loss probe sends new data only; the RACK reordering timeout
   * retransmits only).
   */
  private pushPending(what: 'all' | 'new' | 'retransmit' = 'all'): void {
    const st = this.state;
    if (st !== 'established' && st !== 'closeWait' && st !== 'finWait1' && st !== 'closing' && st !== 'lastAck') return;
    const now = this.env.engine.now;
    const priorPackets = this.packetsOut;
    let sent = false;
    let sentNew = false;
    // 1. retransmit segments marked lost (tcp_xmit_retransmit_queue)
    if (what !== 'new' && this.lostOut > this.retransOut) {
      if (this.lostHint < this.rtxHead) this.lostHint = this.rtxHead;
      for (let i = this.lostHint; i < this.rtx.length; i++) {
        this.lostHint = i;
        const s = this.rtx[i];
        if (!s.lost || s.retrans || s.sacked) continue;
        if (!this.cwndAllows()) break;
        s.retrans = true;
        s.everRetrans = true;
        this.retransOut++;
        if (this.caState === 'recovery') this.prrOut++;
        // counted per retransmitted segment: TCPFastRetrans, or TCPSlowStartRetrans after an RTO
        const mib = this.caState === 'loss' ? 'TCPSlowStartRetrans' : 'TCPFastRetrans';
        this.env.mib.TcpExt[mib] = (this.env.mib.TcpExt[mib] ?? 0) + 1;
        this.sendData(s, now, true);
        sent = true;
        // retransmitting the head restarts the RTO, unless RACK's reordering timer is pending
        if (i === this.rtxHead && !(this.rtxTimer.armed && this.rtxKind === 'reo')) this.armRto();
      }
    }
    if (what === 'retransmit') {
      if (sent && !this.rtxTimer.armed) this.armRto();
      return;
    }
    // 2. new data (tcp_write_xmit)
    // MPTCP subflows: the window is the connection's, enforced when data is mapped onto the subflow
    const sndWndEnd = this.ulp ? Infinity : this.sndUna + this.sndWnd;
    for (;;) {
      if (this.sndNxt < this.writeEnd) {
        if (!this.cwndAllows()) {
          this.cwndLimitedFlag = true;
          break;
        }
        let len = Math.min(this.mss, this.writeEnd - this.sndNxt);
        if (this.ulp) {
          // a segment never spans two mappings (each carries exactly one DSS mapping)
          const mapEnd = this.ulp.txPosition(this, this.sndNxt).end;
          if (this.sndNxt + len > mapEnd) len = mapEnd - this.sndNxt;
        }
        if (this.sndNxt + len > sndWndEnd) {
          // receive-window limited: zero-window probing is driven by the probe timer
          if (this.packetsOut === 0) this.armProbe();
          break;
        }
        // Nagle / autocork: hold a small segment while data is in flight and more may come
        if (len < this.mss && this.packetsOut > 0 && !this.finQueued && !this.ulp) break;
        // an MPTCP subflow's last, partial segment waits while an earlier small one is unacknowledged
        // (tcp_push → tcp_nagle_test with Minshall's check, tcp_minshall_check): the next write
        // may still fill it (mptcp_sendmsg_frag extends the unsent tail skb)
        if (this.ulp && len < this.mss && this.sndNxt + len === this.writeEnd && this.packetsOut > 0 && this.sndSml > this.sndUna && this.sndSml <= this.sndNxt && !this.finQueued) break;
        const start = this.sndNxt;
        let end = start + len;
        let flags = 0;
        if (this.finQueued && end === this.writeEnd) {
          flags = FIN;
          end += 1;
          this.finSent = true;
          this.finSeq = end - 1;
        }
        const seg = this.queueSeg(start, end, flags);
        if (len < this.mss) this.sndSml = end; // tcp_minshall_update
        this.packetsOut++;
        this.sndNxt = end;
        if (end > this.sndMax) this.sndMax = end;
        if (this.caState === 'recovery') this.prrOut++;
        this.sendData(seg, now, false);
        sent = sentNew = true;
        if (flags & FIN) break;
      } else if (this.finQueued && !this.finSent) {
        if (!this.cwndAllows() && this.packetsOut > 0) break;
        this.finSent = true;
        this.finSeq = this.sndNxt;
        const seg = this.queueSeg(this.sndNxt, this.sndNxt + 1, FIN);
        this.packetsOut++;
        this.sndNxt += 1;
        this.sndMax = this.sndNxt;
        this.sendData(seg, now, false);
        sent = sentNew = true;
        break;
      } else {
        this.cwndLimitedFlag = false;
        break;
      }
    }
    // tcp_cwnd_validate: track the most segments in flight per round
    if (this.sndUna >= this.maxPacketsSeq || this.packetsOut > this.maxPacketsOut) {
      this.maxPacketsOut = this.packetsOut;
      this.maxPacketsSeq = this.sndNxt;
    }
    if (this.finSent && (this.state === 'established' || this.state === 'closeWait')) this.step({ type: 'CLOSE' });
    if (sentNew) {
      // tcp_event_new_data_sent: the first segment in flight, or one sent while a loss probe was
      // pending, (re)arms the RTO; then tcp_write_xmit schedules a loss probe (Open state only)
      if (priorPackets === 0 || !this.rtxTimer.armed || this.rtxKind === 'tlp' || this.rtxKind === 'probe') this.rearmRto();
      this.scheduleLossProbe(false);
    } else if (sent && !this.rtxTimer.armed) {
      this.armRto();
    }
  }

  private cwndAllows(): boolean {
    return this.inflight < this.cwnd;
  }


  // ======================================================================== timers

  private rtoNs(): Nanos {
    let us = this.rtt.rtoUs * 2 ** this.backoff;
    if (us > TCP_RTO_MAX_US) us = TCP_RTO_MAX_US;
    return us * 1000;
  }

  private armRto(): void {
    this.rtxKind = 'rto';
    this.rtxTimer.arm(this.env.engine.now + this.rtoNs());
  }

  /**
   * Linux tcp_rearm_rto: the RTO from now — but when the timer was (or is) set for a loss probe or
   * the RACK reordering timeout, the RTO counts from the head segment's last transmission
   * (tcp_rto_delta_us), at least one jiffy ahead.
   */
  private rearmRto(): void {
    if (this.packetsOut === 0) {
      this.rtxTimer.cancel();
      return;
    }
    const head = this.rtx[this.rtxHead];
    if (head && (this.rtxKind === 'tlp' || this.rtxKind === 'reo')) {
      const now = this.env.engine.now;
      const deltaUs = Math.max(Math.ceil((head.xmitTime + this.rtoNs() - now) / 1000), 1);
      this.rtxKind = 'rto';
      this.rtxTimer.arm(now + Math.ceil(deltaUs / JIFFY_US) * JIFFY_US * 1000);
      return;
    }
    this.armRto();
  }

  private armProbe(): void {
    this.rtxKind = 'probe';
    this.rtxTimer.arm(this.env.engine.now + this.rtoNs());
  }

  /**
   * RFC 8985 §7.2 (Linux tcp_schedule_loss_probe): in the Open state with SACK, arm a probe timeout
   * PTO = 2·SRTT, plus the worst-case delayed-ACK time (TCP_RTO_MIN) when only one segment is in
   * flight, or plus TCP_TIMEOUT_MIN_US (2 ms) otherwise, rounded up to whole jiffies; never later
   * than the RTO would fire — after an ACK that advanced snd_una that bound is the RTO itself,
   * otherwise the RTO counted from the head segment's transmission. False if no probe is due.
   */
  private scheduleLossProbe(advanced: boolean): boolean {
    if (!this.sackOk || this.caState !== 'open' || this.packetsOut === 0) return false;
    if (this.rtt.srttUs === 0) return false;
    const now = this.env.engine.now;
    const ptoUs = Math.floor(2 * this.rtt.srttUs) + (this.packetsOut === 1 ? TCP_RTO_MIN_US : TCP_TIMEOUT_MIN_US);
    let jiffies = Math.ceil(ptoUs / JIFFY_US);
    const head = this.rtx[this.rtxHead];
    const rtoDeltaUs = advanced || !head ? this.rtoNs() / 1000 : Math.ceil((head.xmitTime + this.rtoNs() - now) / 1000);
    if (rtoDeltaUs > 0) jiffies = Math.min(jiffies, Math.ceil(rtoDeltaUs / JIFFY_US));
    this.rtxKind = 'tlp';
    this.rtxTimer.cancel();
    this.rtxTimer.arm(now + jiffies * JIFFY_US * 1000);
    return true;
  }

  private onRtxTimer(now: Nanos): void {
    if (this.state === 'closed' || this.state === 'timeWait') return;
    const kind = this.rtxKind;
    if (kind === 'reo') {
      this.rackReoTimeout(now);
      return;
    }
    if (kind === 'tlp') {
      this.lossProbe(now);
      return;
    }
    if (kind === 'probe') {
      this.zeroWindowProbe();
      return;
    }
    this.onRto(now);
  }

  /**
   * Linux tcp_rack_reo_timeout: the reordering window has passed. If that made segments lost, enter
   * Recovery (with one PRR step, as if one segment had been delivered) and retransmit; new data
   * waits for the next ACK. Then the RTO, counted from the head's transmission.
   */
  private rackReoTimeout(now: Nanos): void {
    const inflightBefore = this.inflight;
    const lostBefore = this.lostSegs;
    this.rackDetectLoss(now);
    if (this.inflight !== inflightBefore) {
      if (this.caState !== 'recovery') {
        this.enterRecovery();
        this.prrUpdate(1, this.lostSegs - lostBefore, false);
      }
      this.pushPending('retransmit');
    }
    if (!this.rtxTimer.armed || this.rtxKind !== 'rto') this.rearmRto();
  }

  /**
   * RFC 8985 §7.3 (Linux tcp_send_loss_probe): at most one probe outstanding (tlp_high_seq); send
   * one new segment regardless of cwnd if the receive window allows, otherwise retransmit the last
   * segment (not counted in retrans_out: it is a probe, not a repair). A probe restarts the RTO
   * from now; no probe re-arms it from the head's transmission.
   */
  private lossProbe(now: Nanos): void {
    if (this.tlpHighSeq >= 0) {
      this.rearmRto();
      return;
    }
    // the probe cannot leave (our interface is down: tcp_transmit_skb fails with EHOSTUNREACH), so
    // nothing is sent and tcp_send_loss_probe goes to rearm_timer: the RTO from the head's last
    // transmission, which is long past — the RTO fires at once
    if (this.env.canTransmit && !this.env.canTransmit(this.localAddr, this.remoteAddr)) {
      this.rearmRto();
      return;
    }
    const before = this.sndNxt;
    let probed = false;
    if (this.sndNxt < this.writeEnd && this.sndNxt + Math.min(this.mss, this.writeEnd - this.sndNxt) <= this.sndUna + this.sndWnd) {
      // a new segment regardless of cwnd
      const saved = this.cwnd;
      this.cwnd = this.inflight + 1;
      this.pushPending('new');
      this.cwnd = saved;
      probed = this.sndNxt !== before;
    } else {
      // retransmit the highest-sequence segment
      const last = this.rtx[this.rtx.length - 1];
      if (last && !last.sacked && this.rtxHead < this.rtx.length) {
        last.everRetrans = true;
        this.sendData(last, now, true);
        probed = true;
      }
    }
    if (!probed) {
      this.rearmRto();
      return;
    }
    this.env.mib.TcpExt.TCPLossProbes = (this.env.mib.TcpExt.TCPLossProbes ?? 0) + 1;
    this.env.onRecovery(this, 'tlp');
    this.tlpHighSeq = this.sndNxt;
    this.armRto();
  }

  private zeroWindowProbe(): void {
    // Linux tcp_send_probe0: a segment with an old sequence number elicits an ACK with the window.
    const p = this.env.newPacket();
    this.header(p, ACK);
    p.seq = wire32(this.iss, this.sndUna - 1);
    this.transmit(p, this.env.engine.now);
    this.backoff = Math.min(this.backoff + 1, 15);
    this.armProbe();
  }

  /** RFC 6298 §5.4–5.6 and Linux tcp_retransmit_timer / tcp_enter_loss. */
  private onRto(now: Nanos): void {
    if (this.packetsOut === 0) return;
    this.env.mib.TcpExt.TCPTimeouts = (this.env.mib.TcpExt.TCPTimeouts ?? 0) + 1;
    const synState = this.state === 'synSent' || this.state === 'synReceived';
    this.retransmits++;
    if ((synState && this.retransmits > TCP_SYN_RETRIES) || this.retransmits > TCP_RETRIES2) {
      this.step({ type: 'ABORT' });
      return;
    }
    if (synState) {
      this.backoff++;
      const head = this.rtx[this.rtxHead];
      head.everRetrans = true;
      this.totalRetrans++;
      this.sendSyn(this.state === 'synReceived');
      this.armRto();
      return;
    }
    this.env.onRecovery(this, 'rto');
    // tcp_enter_loss. tcp_timeout_mark_lost: the head is lost, and so is every segment not SACKed
    // that RACK would call lost now (sent more than RACK.rtt ago; all of them without SACK).
    if (!this.sackOk) {
      this.sackedOut = 0;
      this.dupAcks = 0;
    }
    const nowNs = now;
    for (let i = this.rtxHead; i < this.rtx.length; i++) {
      const s = this.rtx[i];
      if (s.sacked) continue;
      if (this.sackOk && i !== this.rtxHead && s.xmitTime + this.rackRttUs * 1000 - nowNs > 0) continue;
      this.markLost(s, i);
    }
    // A new ssthresh unless this loss episode already reduced it: in Recovery, or in Loss after an
    // RTO that retransmitted (icsk_retransmits counts the RTOs before this one).
    if (this.caState === 'open' || this.caState === 'disorder' || this.sndUna >= this.highSeq || (this.caState === 'loss' && this.retransmits === 1)) {
      this.priorSsthresh = this.ssthresh;
      this.priorCwnd = this.cwnd;
      this.ssthresh = this.cc.ssthresh(this);
      this.cc.cwndEvent(this, 'loss', this.nowUs());
    }
    this.cwnd = this.inflight + 1;
    this.cwndCnt = 0;
    if (this.caState === 'loss') this.cc.setState(this, 'loss', this.nowUs()); // tcp_set_ca_state runs set_state every time
    this.setCaState('loss');
    this.highSeq = this.sndNxt;
    this.tlpHighSeq = -1;
    this.lostHint = this.rtxHead;
    this.backoff++;
    this.env.onCwnd(this);
    // retransmit the head now (the timer's own job), then the rest as the window allows
    const head = this.rtx[this.rtxHead];
    if (head && head.lost && !head.sacked) {
      head.retrans = true;
      head.everRetrans = true;
      this.retransOut++;
      this.sendData(head, now, true);
    }
    this.armRto();
    this.pushPending();
  }

  /** Linux tcp_delack_timer_handler: the ACK waited its full time; ato doubles (or ping-pong ends). */
  private onDelack(_now: Nanos): void {
    if (this.ackPending) {
      if (!this.pingpong) {
        this.ato = Math.min(this.ato * 2, Math.ceil(this.rtoNs() / JIFFY_NS));
      } else {
        this.pingpong = false;
        this.ato = TCP_ATO_MIN_J;
      }
      this.env.mib.TcpExt.DelayedACKs = (this.env.mib.TcpExt.DelayedACKs ?? 0) + 1;
      this.sendAck();
    }
  }

  // ======================================================================== input

  /** A segment for this socket arrives. */
  input(pkt: Packet, now: Nanos): void {
    const ulp = this.ulp;
    if (ulp === null) {
      this.inputSegment(pkt, now);
      return;
    }
    // the ULP may defer work to the end of the segment (MPTCP pushes once, as Linux's release_cb)
    ulp.inputStart(this);
    this.inputSegment(pkt, now);
    ulp.inputDone(this, now);
  }

  private inputSegment(pkt: Packet, now: Nanos): void {
    this.segsIn++;
    const st = this.state;
    if (st === 'closed') {
      // tcp_done unhashed the socket: a later segment finds none and tcp_v4_send_reset answers it
      // (RFC 9293 §3.10.7.1), a bare RST — e.g. every data segment still in flight to a subflow
      // that was reset (kernel-ref pm_endpoint_del: 46-48 RSTs after the MP_TCPRST one)
      if (this.closedReason !== null && !(pkt.flags & RST)) this.resetUnknown(pkt);
      return;
    }
    if (pkt.flags & RST) {
      this.ulp?.incomingRst(this, pkt, now);
      this.onRst(pkt);
      return;
    }
    if (st === 'synSent') {
      this.inputSynSent(pkt, now);
      return;
    }
    if (pkt.flags & SYN) {
      // a retransmitted SYN in SYN-RECEIVED: answer with our SYN/ACK again; otherwise an ACK
      if (st === 'synReceived') this.sendSyn(true);
      else this.sendAck();
      return;
    }
    if (!(pkt.flags & ACK)) return;
    if (this.ulp && !this.ulp.incoming(this, pkt, now)) return;
    // timestamps (RFC 7323 §4.3): remember TS.Recent for in-window segments
    const seq = unwrap(this.irs, pkt.seq, this.rcvNxt);
    if (this.tsOk && pkt.hasTs && seq <= this.rcvNxt) this.tsRecent = pkt.tsVal;
    if (st === 'synReceived') {
      const ack = unwrap(this.iss, pkt.ack, this.sndUna);
      if (ack !== 1) {
        this.sendRst(pkt);
        return;
      }
      this.step({ type: 'ACK_OF_SYN' });
      this.sndWnd = pkt.win << this.sndWscale;
      this.sndWl1 = seq;
      this.sndWl2 = ack;
      this.established(now);
    }
    const una = this.sndUna;
    this.processAck(pkt, now);
    if (this.ulp) {
      this.ackTimerAt = now;
      this.ackTimerDeadline = this.rtxTimer.armed ? this.rtxTimer.deadline : 0;
    }
    if (this.state === 'closed') return;
    if (this.rcvShutdown && pkt.payloadLen > 0 && seq + pkt.payloadLen > this.rcvNxt && (this.state === 'finWait1' || this.state === 'finWait2')) {
      this.abortOnData(pkt);
      return;
    }
    this.processData(pkt, seq, now);
    if (this.sndUna > una && this.app) this.app.writable(this, now);
    this.pushPending();
    this.ackCheck(now);
  }

  private onRst(pkt: Packet): void {
    // RFC 5961-lite: accept an RST whose sequence number is in the window
    if (this.state === 'synSent') {
      if (unwrap(this.iss, pkt.ack, 0) === 1) this.step({ type: 'RST_RECEIVED' });
      return;
    }
    this.step({ type: 'RST_RECEIVED' });
  }

  private inputSynSent(pkt: Packet, now: Nanos): void {
    if ((pkt.flags & (SYN | ACK)) !== (SYN | ACK)) return;
    const ack = unwrap(this.iss, pkt.ack, 0);
    if (ack !== 1) {
      this.sendRst(pkt);
      return;
    }
    if (this.ulp && !this.ulp.incoming(this, pkt, now)) return;
    this.irs = pkt.seq;
    this.rcvNxt = 1;
    this.parseSynOptions(pkt);
    // RTT sample from the SYN/ACK unless the SYN was retransmitted (Karn)
    const syn = this.rtx[this.rtxHead];
    if (syn && !syn.everRetrans) this.rtt.sample(Math.floor((now - syn.xmitTime) / 1000), 1, 1);
    this.rtxHead++;
    this.packetsOut = 0;
    this.sndUna = 1;
    this.sndWnd = pkt.win; // SYN/ACK windows are never scaled
    this.sndWl1 = 0;
    this.sndWl2 = 1;
    this.backoff = 0;
    this.retransmits = 0;
    this.rtxTimer.cancel();
    this.step({ type: 'SYNACK_RECEIVED' });
    this.sendAck();
    this.established(now);
    this.pushPending();
  }

  private established(now: Nanos): void {
    this.rcvAdvEnd = this.rcvNxt;
    this.quickAcks = 0;
    this.env.onCwnd(this);
    this.app?.connected(this, now);
  }

  /**
   * New data reached a socket closed for reading (tcp_rcv_state_process in FIN-WAIT-1/2, RFC 1122
   * §4.2.2.13): TCPAbortOnData, tcp_reset, and tcp_v4_send_reset answers the segment.
   */
  private abortOnData(pkt: Packet): void {
    this.env.mib.TcpExt.TCPAbortOnData = (this.env.mib.TcpExt.TCPAbortOnData ?? 0) + 1;
    const p = this.env.newPacket();
    this.fillAddrs(p);
    p.flags = RST;
    p.seq = pkt.ack;
    this.ulp?.statelessReset?.(this, pkt, p);
    this.transmit(p, this.env.engine.now);
    this.step({ type: 'ABORT' });
  }

  /** The RST a host sends for a segment of no connection: RST at its ACK number, or RST|ACK after its end. */
  private resetUnknown(pkt: Packet): void {
    const p = this.env.newPacket();
    this.fillAddrs(p);
    resetFields(p, pkt);
    this.env.output(p); // not the socket's own segment: no counters, no timers
  }

  private sendRst(pkt: Packet): void {
    const p = this.env.newPacket();
    this.fillAddrs(p);
    p.flags = RST;
    p.seq = pkt.ack;
    this.transmit(p, this.env.engine.now);
  }

  // ---------------------------------------------------------------- ACK processing

  private processAck(pkt: Packet, now: Nanos): void {
    const ack = unwrap(this.iss, pkt.ack, this.sndUna);
    if (ack > this.sndMax) {
      // acknowledges something never sent (RFC 9293 §3.10.7.4): ACK and drop
      this.sendAck();
      return;
    }
    const prevUna = this.sndUna;
    const seq = unwrap(this.irs, pkt.seq, this.rcvNxt);
    // window update (RFC 9293 §3.10.7.4, SND.WL1/WL2)
    if (this.sndWl1 < seq || (this.sndWl1 === seq && this.sndWl2 <= ack)) {
      this.sndWnd = pkt.win << this.sndWscale;
      this.sndWl1 = seq;
      this.sndWl2 = ack;
    }
    let ackedSegs = 0;
    let rttUs = -1;
    let deliveredNow = 0;
    let newestXmit: Nanos = -1;
    let newestEnd = 0;
    if (ack > prevUna) {
      // remove fully acknowledged segments (tcp_clean_rtx_queue)
      const rtx = this.rtx;
      let firstAckt: Nanos = -1;
      let retransAcked = false;
      while (this.rtxHead < rtx.length) {
        const s = rtx[this.rtxHead];
        if (s.end > ack) {
          if (s.start < ack) {
            // partial ACK of a segment: trim its head (tcp_trim_head)
            s.start = ack;
          }
          break;
        }
        this.rtxHead++;
        if (!(s.flags & SYN)) ackedSegs++;
        this.packetsOut--;
        if (s.sacked) this.sackedOut--;
        else deliveredNow++;
        if (s.lost) this.lostOut--;
        if (s.retrans) this.retransOut--;
        if (s.everRetrans) retransAcked = true;
        else if (!s.sacked && firstAckt < 0) firstAckt = s.xmitTime;
        if (!s.sacked && s.xmitTime > newestXmit && this.rackUnambiguous(s, now)) {
          newestXmit = s.xmitTime;
          newestEnd = s.end;
        }
      }
      if (this.rtxHead > 1024 && this.rtxHead * 2 > rtx.length) {
        this.rtx = rtx.slice(this.rtxHead);
        this.lostHint = Math.max(0, this.lostHint - this.rtxHead);
        this.rtxHead = 0;
      }
      this.bytesAcked += ack - prevUna;
      this.sndUna = ack;
      // Karn's rule as Linux applies it (tcp_clean_rtx_queue): no sequence-based sample when the ACK
      // covers retransmitted data or only data SACKed earlier; then the echoed timestamp
      // (RFC 7323 §4.1) gives the sample, if timestamps are on.
      if (firstAckt >= 0 && !retransAcked) rttUs = Math.floor((now - firstAckt) / 1000);
      else if (this.tsOk && pkt.hasTs && pkt.tsEcr !== 0) {
        const d = ((this.tsVal() - pkt.tsEcr) >>> 0) * 1000;
        if (d < 60_000_000) rttUs = Math.max(d, 1);
      }
      this.backoff = 0;
      this.retransmits = 0;
      if (!this.sackOk && this.dupAcks > 0) {
        // NewReno: a cumulative ACK ends the dupack episode's "sacked" accounting
        // (tcp_remove_reno_sacks): the duplicate ACKs already counted those segments as delivered
        const d = Math.min(this.dupAcks, ackedSegs);
        deliveredNow = Math.max(deliveredNow - d, 1);
        this.dupAcks -= d;
        this.sackedOut = Math.max(0, this.sackedOut - d);
        if (this.caState !== 'recovery') {
          this.sackedOut = 0;
          this.dupAcks = 0;
        }
      }
      if (this.tlpHighSeq >= 0 && ack >= this.tlpHighSeq) this.tlpHighSeq = -1;
    } else if (ack === prevUna && pkt.payloadLen === 0 && !(pkt.flags & FIN) && this.packetsOut > 0 && !this.sackOk) {
      // NewReno duplicate ACK (RFC 6582 / Linux tcp_add_reno_sack)
      if (this.sackedOut + 1 < this.packetsOut) {
        this.sackedOut++;
        this.dupAcks++;
        deliveredNow++;
      }
    }
    // SACK scoreboard (RFC 2018)
    if (this.sackOk && pkt.sack !== null) {
      const r = this.processSack(pkt.sack, ack, now);
      deliveredNow += r.newlySacked;
      if (rttUs < 0 && r.firstSackt >= 0) rttUs = Math.floor((now - r.firstSackt) / 1000);
      if (r.newestXmit > newestXmit) {
        newestXmit = r.newestXmit;
        newestEnd = r.newestEnd;
      }
    }
    if (rttUs >= 0) this.rtt.sample(rttUs, this.sndUna, this.sndNxt);
    this.deliveredSegs += deliveredNow;
    // RACK: remember the most recently sent segment known delivered (RFC 8985 §6.2)
    if (newestXmit >= 0) this.rackAdvanced = true;
    if (newestXmit >= 0 && newestXmit >= this.rackXmit) {
      const rackRtt = Math.floor((now - newestXmit) / 1000);
      this.rackXmit = newestXmit;
      this.rackEndSeq = newestEnd;
      this.rackRttUs = rackRtt;
    }
    // FIN acknowledged?
    if (this.finSent && ack > this.finSeq) {
      if (this.state === 'finWait1' || this.state === 'closing' || this.state === 'lastAck') this.step({ type: 'ACK_OF_FIN' });
    }
    if (this.state === 'closed' || this.state === 'timeWait') return;

    const nowUs = this.nowUs();
    // Linux calls pkts_acked from tcp_clean_rtx_queue, before tcp_fastretrans_alert
    if (ackedSegs > 0 || deliveredNow > 0) this.cc.pktsAcked(this, ackedSegs, rttUs, nowUs);

    // loss detection and congestion state (tcp_fastretrans_alert)
    const lostBefore = this.lostSegs;
    const rackTimer = this.sackOk && (this.sackedOut > 0 || this.caState !== 'open') && this.rackMarkLost(now);
    if (!this.sackOk) this.renoDetectLoss(ack, prevUna);
    this.updateState();

    // congestion window growth (tcp_cong_control): PRR while in Recovery, otherwise the controller's
    // cong_avoid when snd_una advanced (tcp_may_raise_cwnd). Both are given the segments this ACK
    // newly delivered (tp->delivered − prior_delivered: cumulatively ACKed ones not SACKed before,
    // plus newly SACKed ones), not the segments it removed from the retransmission queue: the ACK
    // that fills a hole covers many segments SACKed long ago and grows cwnd by one, not by all.
    if (this.caState === 'recovery') {
      this.prrUpdate(deliveredNow, this.lostSegs - lostBefore, ack > prevUna);
    } else if (ack > prevUna && (this.caState === 'open' || this.caState === 'disorder' || this.caState === 'loss')) {
      if (this.isCwndLimited) this.cc.congAvoid(this, deliveredNow, nowUs);
    }
    if (this.cwnd > this.maxCwndSeen) this.maxCwndSeen = this.cwnd;
    if (ack > prevUna || deliveredNow > 0) this.env.onCwnd(this);

    // timers
    if (this.packetsOut === 0) {
      this.rtxTimer.cancel();
      if (this.sndWnd === 0 && this.sndNxt < this.writeEnd) this.armProbe();
    } else if (ack > prevUna && !rackTimer) {
      // tcp_set_xmit_timer, unless RACK just armed its reordering timer: a loss probe in the Open
      // state, otherwise the RTO
      if (!this.scheduleLossProbe(true)) this.rearmRto();
    }
  }

  /** Mark SACKed segments; returns how many became SACKed and the newest one's send time. */
  private processSack(blocks: number[], ack: number, now: Nanos): { newlySacked: number; newestXmit: Nanos; newestEnd: number; firstSackt: Nanos } {
    let newlySacked = 0;
    let firstSackt: Nanos = -1;
    let newestXmit: Nanos = -1;
    let newestEnd = 0;
    const rtx = this.rtx;
    for (let b = 0; b + 1 < blocks.length; b += 2) {
      const left = unwrap(this.iss, blocks[b], this.sndUna);
      const right = unwrap(this.iss, blocks[b + 1], this.sndUna);
      if (right <= ack || right > this.sndMax || left >= right) continue; // D-SACK or bogus
      // binary search the first segment with end > left
      let lo = this.rtxHead;
      let hi = rtx.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rtx[mid].end <= left) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < rtx.length; i++) {
        const s = rtx[i];
        if (s.start >= right) break;
        if (s.start < left || s.end > right || s.sacked) continue;
        s.sacked = true;
        this.sackedOut++;
        newlySacked++;
        if (s.lost) {
          s.lost = false;
          this.lostOut--;
        }
        if (s.retrans) {
          s.retrans = false;
          this.retransOut--;
        }
        if (s.end <= this.highestSacked && !s.everRetrans) {
          // delivered below data already SACKed without a retransmission: reordering
          if (!this.reordSeen) this.env.mib.TcpExt.TCPSACKReorder = (this.env.mib.TcpExt.TCPSACKReorder ?? 0) + 1;
          this.reordSeen = true;
        }
        if (s.end > this.highestSacked) this.highestSacked = s.end;
        if (!s.everRetrans && (firstSackt < 0 || s.xmitTime < firstSackt)) firstSackt = s.xmitTime;
        if (s.xmitTime > newestXmit && this.rackUnambiguous(s, now)) {
          newestXmit = s.xmitTime;
          newestEnd = s.end;
        }
      }
    }
    return { newlySacked, newestXmit, newestEnd, firstSackt };
  }

  /**
   * Linux tcp_rack_advance: a retransmitted segment (s)acked sooner than min_rtt after its
   * retransmission was most likely delivered by an earlier transmission — ambiguous, so it does not
   * advance RACK.
   */
  private rackUnambiguous(s: TxSeg, now: Nanos): boolean {
    return !s.everRetrans || now - s.xmitTime >= this.rtt.minRttUs * 1000;
  }

  /** RACK reordering window (RFC 8985 §6.2 step 4, Linux tcp_rack_reo_wnd). */
  private reoWndUs(): number {
    if (!this.reordSeen) {
      if (this.caState === 'recovery' || this.caState === 'loss') return 0;
      if (this.sackedOut >= 3) return 0; // DupThresh reached
    }
    return Math.floor(this.rtt.minRttUs / 4);
  }

  /**
   * RFC 8985 §6.2 step 5 (Linux tcp_rack_detect_loss): a segment sent before the most recently
   * delivered one, and not delivered within RACK.rtt + reo_wnd of its (re)transmission, is lost.
   * Linux walks its time-sorted send queue (a retransmitted skb moves to the tail); here the queue
   * is in sequence order, which is send order for segments never retransmitted, so the walk stops
   * at the first such segment sent after the RACK segment while retransmitted ones are checked by
   * their own send time. (A new-data segment above a retransmitted RACK segment was sent before
   * it: the retransmission's ACK must mark it lost, e.g. a lost tail segment during recovery.)
   * Returns the longest wait (ns) of the segments not lost yet, 0 if none.
   */
  private rackDetectLoss(now: Nanos): Nanos {
    if (this.rackXmit < 0) return 0;
    const reoNs = this.reoWndUs() * 1000;
    const rttNs = this.rackRttUs * 1000;
    let waitNs = 0;
    const rtx = this.rtx;
    for (let i = this.rtxHead; i < rtx.length; i++) {
      const s = rtx[i];
      if (s.sacked || (s.lost && !s.retrans)) continue;
      const sentBefore = s.xmitTime < this.rackXmit || (s.xmitTime === this.rackXmit && s.end <= this.rackEndSeq);
      if (!sentBefore) {
        if (!s.everRetrans) break; // everything above was sent later still
        continue;
      }
      const remaining = s.xmitTime + rttNs + reoNs - now;
      if (remaining <= 0) {
        this.markLost(s, i);
      } else if (remaining > waitNs) {
        waitNs = remaining;
      }
    }
    return waitNs;
  }

  /**
   * Linux tcp_rack_mark_lost: only after an ACK that delivered something (rack.advanced) — then a
   * segment not lost yet arms the reordering timer: its wait plus TCP_TIMEOUT_MIN_US (2 ms), in
   * whole jiffies, never beyond the RTO. True if that timer was armed.
   */
  private rackMarkLost(now: Nanos): boolean {
    if (!this.rackAdvanced) return false;
    this.rackAdvanced = false;
    const waitNs = this.rackDetectLoss(now);
    if (waitNs <= 0) return false;
    const us = Math.ceil(waitNs / 1000) + TCP_TIMEOUT_MIN_US;
    const timeoutNs = Math.min(Math.ceil(us / JIFFY_US) * JIFFY_US * 1000, this.rtt.rtoUs * 1000);
    this.rtxKind = 'reo';
    this.rtxTimer.cancel();
    this.rtxTimer.arm(now + timeoutNs);
    return true;
  }

  /** Linux tcp_mark_skb_lost: a segment (or a retransmission of it) is lost; tp->lost counts both. */
  private markLost(s: TxSeg, i: number): void {
    if (s.sacked) return;
    if (s.retrans) {
      // a retransmission lost again (TCPLostRetransmit)
      s.retrans = false;
      this.retransOut--;
      this.env.mib.TcpExt.TCPLostRetransmit = (this.env.mib.TcpExt.TCPLostRetransmit ?? 0) + 1;
      this.lostSegs++;
    }
    if (!s.lost) {
      s.lost = true;
      this.lostOut++;
      this.lostSegs++;
    }
    if (i < this.lostHint) this.lostHint = i;
  }

  /** NewReno loss detection without SACK (RFC 6582): three duplicate ACKs, then partial ACKs. */
  private renoDetectLoss(ack: number, prevUna: number): void {
    const head = this.rtx[this.rtxHead];
    if (!head) return;
    if (this.caState === 'recovery' && ack > prevUna && ack < this.highSeq) {
      // partial ACK: the next segment is lost too
      this.markLost(head, this.rtxHead);
      this.lostHint = this.rtxHead;
      return;
    }
    if (this.dupAcks >= 3 && !head.lost && this.caState !== 'recovery' && this.caState !== 'loss') {
      this.markLost(head, this.rtxHead);
      this.lostHint = this.rtxHead;
    }
  }

  private setCaState(s: CaState): void {
    if (this.caState === s) return;
    this.caState = s;
    this.cc.setState(this, s, this.nowUs());
  }

  /** tcp_fastretrans_alert, reduced to the transitions RACK/NewReno need. */
  private updateState(): void {
    if ((this.caState === 'recovery' || this.caState === 'loss') && this.sndUna >= this.highSeq) {
      // recovery complete: tcp_end_cwnd_reduction sets cwnd to ssthresh — up from a pipe that
      // several losses emptied, or down from what PRR allowed
      if (this.caState === 'recovery') this.cwnd = this.ssthresh;
      this.setCaState('open');
      this.env.onRecovery(this, 'exit');
    }
    if (this.lostOut > 0 && (this.caState === 'open' || this.caState === 'disorder')) {
      this.enterRecovery();
    } else if (this.caState === 'open' && this.sackedOut > 0) {
      this.setCaState('disorder');
    } else if (this.caState === 'disorder' && this.sackedOut === 0 && this.lostOut === 0) {
      this.setCaState('open');
    }
  }

  /** tcp_enter_recovery + tcp_init_cwnd_reduction. */
  private enterRecovery(): void {
    const mib = this.sackOk ? 'TCPSackRecovery' : 'TCPRenoRecovery';
    this.env.mib.TcpExt[mib] = (this.env.mib.TcpExt[mib] ?? 0) + 1;
    this.priorCwnd = this.cwnd;
    this.priorSsthresh = this.ssthresh;
    this.ssthresh = this.cc.ssthresh(this);
    this.highSeq = this.sndNxt;
    this.prrDelivered = 0;
    this.prrOut = 0;
    this.cwndCnt = 0;
    this.tlpHighSeq = -1;
    this.setCaState('recovery');
    this.env.onRecovery(this, 'fast');
  }

  /**
   * RFC 6937 proportional rate reduction as Linux 6.18 runs it (tcp_cwnd_reduction): while the
   * pipe is above ssthresh, send in proportion to what was delivered (ssthresh/prior_cwnd of it);
   * below, packet conservation (PRR-CRB), plus one more segment — slow start towards ssthresh,
   * PRR-SSRB — only when the ACK advanced snd_una and marked nothing newly lost. Nothing delivered:
   * no change. The first call of a recovery always allows one segment, the fast retransmit.
   */
  private prrUpdate(newlyDelivered: number, newlyLost: number, unaAdvanced: boolean): void {
    if (newlyDelivered <= 0) return;
    this.prrDelivered += newlyDelivered;
    const inflight = this.inflight;
    const delta = this.ssthresh - inflight;
    let sndcnt: number;
    if (delta < 0) {
      const dividend = this.ssthresh * this.prrDelivered + this.priorCwnd - 1;
      sndcnt = Math.floor(dividend / Math.max(this.priorCwnd, 1)) - this.prrOut;
    } else {
      sndcnt = Math.max(this.prrDelivered - this.prrOut, newlyDelivered);
      if (unaAdvanced && newlyLost === 0) sndcnt++;
      sndcnt = Math.min(delta, sndcnt);
    }
    sndcnt = Math.max(sndcnt, this.prrOut > 0 ? 0 : 1);
    this.cwnd = inflight + sndcnt;
  }

  // ---------------------------------------------------------------- data reception

  private processData(pkt: Packet, seq: number, now: Nanos): void {
    const len = pkt.payloadLen;
    const fin = (pkt.flags & FIN) !== 0;
    if (len === 0 && !fin) return;
    // tcp_measure_rcv_mss: the peer's segment size, for "more than one full segment unacked"
    if (len >= this.rcvMss) this.rcvMss = Math.min(len, this.advMss);
    const st = this.state;
    if (st !== 'established' && st !== 'finWait1' && st !== 'finWait2') {
      // data after the peer's FIN, or in a closing state: just ACK
      if (len > 0) this.sendAck();
      return;
    }
    const end = seq + len;
    if (this.lastRecvNs < 0 || now - this.lastRecvNs > this.rtoNs()) {
      // first data, or data after an idle period longer than RTO: quick-ACK mode (tcp_event_data_recv)
      this.quickAcks = TCP_MAX_QUICKACKS;
    }
    this.lastRecvNs = now;
    if (this.tsOk && pkt.hasTs && pkt.tsEcr !== 0 && len > 0) {
      const ms = (this.tsVal() - pkt.tsEcr) >>> 0;
      if (ms < 60_000) {
        const sample = Math.max(ms, 1) * MS;
        this.rcvRttNs = this.rcvRttNs === 0 ? sample : Math.min(this.rcvRttNs * 0.875 + sample * 0.125, sample);
      }
    }
    if (end <= this.rcvNxt && !(fin && seq + len === this.rcvNxt && !this.peerFinReceived)) {
      // entirely old: a duplicate (spurious retransmission); ACK at once with a D-SACK (RFC 2883)
      if (len > 0) {
        this.dsack = [seq, end];
        this.env.mib.TcpExt.TCPDSACKOldSent = (this.env.mib.TcpExt.TCPDSACKOldSent ?? 0) + 1;
      }
      this.sendAck();
      return;
    }
    if (fin) this.peerFinSeq = end;
    // where these bytes belong in the application stream: for plain TCP, sequence − 1; for an MPTCP
    // subflow, what its DSS mapping says. Either must equal where the sender took them from.
    let pos = pkt.streamPos;
    if (len > 0) {
      const mapped = this.ulp ? this.ulp.rxPosition(this, pkt, seq) : seq - 1;
      // misplaced bytes, or bytes a middlebox rewrote: what the app reads is not what was sent
      if (mapped !== pkt.streamPos || pkt.mangled !== 0) this.streamInOrder = false;
      pos = mapped;
    }
    if (seq <= this.rcvNxt) {
      // in order (possibly overlapping old data at its start)
      const skip = this.rcvNxt - seq;
      const n = len - skip;
      if (n > 0) this.deliver(n, now, pos + skip, 1);
      if (n > 0) this.ackTiming(now);
      // pull what became in order from the out-of-order queue
      let r = this.ooo.takeInOrder(this.rcvNxt);
      const hadOoo = r !== null;
      while (r !== null) {
        if (r.end > this.rcvNxt) {
          if (r.pos < 0) this.streamInOrder = false;
          this.deliver(r.end - this.rcvNxt, now, r.pos + (this.rcvNxt - r.start), r.segs);
        }
        r = this.ooo.takeInOrder(this.rcvNxt);
      }
      if (hadOoo && this.ooo.empty) {
        // the last hole was filled: ACK at once (RFC 5681 §4.2; Linux ICSK_ACK_NOW)
        this.ackPending = true;
        this.ackNow = true;
      }
      if (this.peerFinSeq >= 0 && this.rcvNxt === this.peerFinSeq && !this.peerFinReceived) this.finArrived(now);
    } else {
      // out of order: queue it and send an immediate duplicate ACK with SACK (RFC 5681 §4.2)
      if (len > 0) {
        const r = this.ooo.insert(seq, end, pos);
        if (!r.posOk) this.streamInOrder = false;
        this.env.mib.TcpExt.TCPOFOQueue = (this.env.mib.TcpExt.TCPOFOQueue ?? 0) + 1;
      }
      this.sendAck();
      return;
    }
  }

  private deliver(n: number, now: Nanos, pos: number, segs: number): void {
    // plain TCP: the byte after rcv_nxt must be stream position rcv_nxt − 1
    if (!this.ulp && pos !== this.rcvNxt - 1) this.streamInOrder = false;
    this.rcvNxt += n;
    this.bytesReceived += n;
    this.rcvUnacked += n;
    this.ackPending = true;
    // tcp_grow_window: the advertised window opens by two segments per segment received,
    // up to the clamp (receive-buffer autotuning lets the clamp reach tcp_rmem[2]/2).
    if (!this.ulp) this.autotune(n, now);
    else this.growWindow(n, Math.min(this.windowClamp, this.ulp.rcvSpace(this)));
    this.app?.received(this, n, now, pos, segs);
  }

  /**
   * tcp_grow_window + tcp_rcv_space_adjust: the advertised window opens by two segments per segment
   * read, up to what the autotuned buffer allows; Linux ACKs at once whenever it opened the window
   * (`icsk_ack.quick |= 1`), which is why a receiver ACKs every segment while its window grows.
   */
  private autotune(n: number, now: Nanos): void {
    this.rcvSpaceCopied += n;
    if (this.rcvSpaceTime < 0) {
      this.rcvSpaceTime = now;
      this.rcvSpaceLast = TCP_INIT_CWND * this.advMss;
    } else if (this.rcvRttNs > 0 && now - this.rcvSpaceTime >= this.rcvRttNs) {
      const c = this.rcvSpaceCopied;
      const last = this.rcvSpaceLast;
      if (c > last) {
        let rcvwin = 2 * c + 16 * this.advMss;
        rcvwin += Math.floor((2 * rcvwin * (c - last)) / last);
        if (rcvwin > this.rcvCap) this.rcvCap = Math.min(rcvwin, this.windowClamp);
        this.rcvSpaceLast = c;
      }
      this.rcvSpaceCopied = 0;
      this.rcvSpaceTime = now;
    }
    this.growWindow(n, Math.min(this.rcvCap, this.windowClamp));
  }

  /**
   * tcp_grow_window: while rcv_ssthresh is below `room` (min(window_clamp, tcp_space)) it opens by
   * two segments per segment received, and the socket ACKs at once (`icsk_ack.quick |= 1`).
   */
  private growWindow(n: number, room: number): void {
    if (this.rcvSsthresh >= room) return;
    this.rcvSsthresh = Math.min(room, this.rcvSsthresh + 2 * n);
    this.quickAcks = Math.max(this.quickAcks, 1);
  }

  /**
   * Linux tcp_fin: in ESTABLISHED the FIN moves us to CLOSE-WAIT and into ping-pong mode, so its
   * ACK is delayed (it usually rides on our own FIN when the application closes, or goes when the
   * delayed-ACK timer fires); in FIN-WAIT-1/2 it is ACKed at once.
   */
  private finArrived(now: Nanos): void {
    this.peerFinReceived = true;
    this.rcvNxt += 1;
    this.ackPending = true;
    if (this.state === 'established') {
      this.step({ type: 'FIN_RECEIVED' });
      this.pingpong = true;
    } else {
      if (this.state === 'finWait1') {
        if (this.finSent && this.sndUna > this.finSeq) this.step({ type: 'FIN_ACK_RECEIVED' });
        else this.step({ type: 'FIN_RECEIVED' });
      } else if (this.state === 'finWait2') this.step({ type: 'FIN_RECEIVED' });
      this.sendAck();
    }
    this.app?.eof(this, now);
  }

  /**
   * Linux tcp_event_data_recv, the delayed-ACK part: ato follows the gaps between in-order data
   * segments — back-to-back segments pull it toward TCP_ATO_MIN, a gap shorter than ato sets it to
   * ato/2 + gap (at most the RTO).
   */
  private ackTiming(now: Nanos): void {
    const nowJ = Math.floor(now / JIFFY_NS);
    if (this.ato === 0) {
      this.ato = TCP_ATO_MIN_J;
    } else {
      const m = nowJ - this.lrcvJiffies;
      if (m <= TCP_ATO_MIN_J / 2) {
        this.ato = (this.ato >> 1) + TCP_ATO_MIN_J / 2;
      } else if (m < this.ato) {
        this.ato = Math.min((this.ato >> 1) + m, Math.ceil(this.rtoNs() / JIFFY_NS));
      }
    }
    this.lrcvJiffies = nowJ;
  }

  /** Linux __tcp_ack_snd_check: ACK now (more than one full segment unacknowledged, quick-ACK mode, out-of-order data, ACK_NOW), or delay it. */
  private ackCheck(now: Nanos): void {
    if (!this.ackPending) return;
    if (this.ackNow || (this.quickAcks > 0 && !this.pingpong) || this.rcvUnacked > this.rcvMss || !this.ooo.empty) {
      this.sendAck();
      return;
    }
    this.sendDelayedAck(now);
  }

  /**
   * Linux tcp_send_delayed_ack: wait ato jiffies — when ato has grown past TCP_DELACK_MIN, at most
   * the smoothed RTT (or TCP_DELACK_MAX in ping-pong mode, HZ/2 otherwise), never more than
   * TCP_DELACK_MAX — to the jiffy boundary; an earlier pending timer stays, and one about to expire
   * (within ato/4) sends the ACK now.
   */
  private sendDelayedAck(now: Nanos): void {
    let ato = Math.max(this.ato, TCP_ATO_MIN_J);
    if (ato > TCP_DELACK_MIN_J) {
      let maxAto = this.pingpong ? TCP_DELACK_MAX_J : HZ / 2;
      if (this.rtt.srttUs > 0) {
        const rtt = Math.max(Math.ceil(this.rtt.srttUs / JIFFY_US), TCP_DELACK_MIN_J);
        if (rtt < maxAto) maxAto = rtt;
      }
      ato = Math.min(ato, maxAto);
    }
    ato = Math.min(ato, TCP_DELACK_MAX_J);
    const nowJ = Math.floor(now / JIFFY_NS);
    let deadline = (nowJ + ato) * JIFFY_NS;
    if (this.delackTimer.armed) {
      if (this.delackTimer.deadline <= (nowJ + (ato >> 2)) * JIFFY_NS) {
        this.sendAck();
        return;
      }
      if (deadline >= this.delackTimer.deadline) deadline = this.delackTimer.deadline;
    }
    this.delackTimer.arm(deadline);
  }

  // ======================================================================== views

  sample(): SocketSample {
    return {
      local: `${intToIpv4(this.localAddr)}:${this.localPort}`,
      remote: `${intToIpv4(this.remoteAddr)}:${this.remotePort}`,
      state: this.linuxState,
      ca_state: { open: 0, disorder: 1, cwr: 2, recovery: 3, loss: 4 }[this.caState],
      rto_us: Math.round(this.rtoNs() / 1000),
      snd_mss: this.mss,
      unacked: this.packetsOut,
      lost: this.lostOut,
      retrans: this.retransOut,
      rtt_us: Math.round(this.rtt.srttUs),
      rttvar_us: this.rtt.reportedRttvarUs,
      snd_ssthresh: this.ssthresh,
      snd_cwnd: this.cwnd,
      total_retrans: this.totalRetrans,
      bytes_acked: this.bytesAcked,
      bytes_received: this.bytesReceived,
      bytes_sent: this.bytesSent + this.bytesRetrans,
      bytes_retrans: this.bytesRetrans,
      min_rtt_us: this.rtt.minRttUs,
      snd_wnd: this.sndWnd,
      rcv_wnd: this.rcvAdvEnd - this.rcvNxt,
    };
  }
}
