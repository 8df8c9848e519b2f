/**
 * The trace: everything a run tells the outside world. It is the only door from the core to the
 * views, the summary writer and the capture writer (design.md §3): they read a Trace, never the
 * simulator's objects. Append-only while the run goes; immutable after.
 */
import type { Packet } from '../net/packet';
import type { ConnectionTraceEvent, MptcpInfo } from '../mptcp/connection';
import type { Nanos } from './time';

export type Dir = 'c2s' | 's2c';
export type Side = 'client' | 'server';

/**
 * A packet seen at a capture point, like one frame of dumpcap on an interface: server-side capture
 * (kernel-ref's default) sees c2s packets when they arrive (after the link) and s2c packets when they
 * leave (before the link); client-side capture the other way round.
 */
export interface CaptureRecord {
  /** Simulated time of the capture, ns since the client's connect() (t0 = 0). */
  t: Nanos;
  pkt: Packet;
  /** 1-based path index; the interface is `srv-pK` / `cli-pK`. */
  path: number;
  side: Side;
  dir: Dir;
}

/** What happened to a packet on a virtual link (per path and direction). */
export interface LinkDrop {
  t: Nanos;
  reason: 'loss' | 'queue' | 'down';
  bytes: number;
  pktId: number;
}

/** Link counters in kernel-ref's `wire.paths.K.dir` shape (bytes are Ethernet frame bytes). */
export interface LinkStats {
  rx_pkts: number;
  rx_bytes: number;
  tx_pkts: number;
  tx_bytes: number;
  drop_loss: number;
  drop_queue: number;
  drop_down: number;
  max_queue_pkts: number;
  drops: LinkDrop[];
}

/** One `tcp_info`-like sample of a socket, taken every `app.sample_interval_s` (kernel-ref's samples[].sf[]). */
export interface SocketSample {
  local: string;
  remote: string;
  state: number;
  ca_state: number;
  rto_us: number;
  snd_mss: number;
  unacked: number;
  lost: number;
  retrans: number;
  rtt_us: number;
  rttvar_us: number;
  snd_ssthresh: number;
  snd_cwnd: number;
  total_retrans: number;
  bytes_acked: number;
  bytes_received: number;
  bytes_sent: number;
  bytes_retrans: number;
  min_rtt_us: number;
  snd_wnd: number;
  rcv_wnd: number;
}

/** The application's view of a run, one per side (kernel-ref's client_result/server_result). */
export interface AppResult {
  role: Side;
  proto_requested: 'mptcp' | 'tcp';
  proto_socket: 'mptcp' | 'tcp' | null;
  error: string | null;
  t_connect_start: number | null;
  t_connected: number | null;
  local: string | null;
  congestion_control: string;
  t_first_send: number | null;
  t_last_send: number | null;
  bytes_sent: number;
  bytes_received: number;
  sha256_sent: string | null;
  sha256_received: string | null;
  t_eof: number | null;
  /** Receiver: first and last application byte read (kernel-ref t_first_byte / t_last_byte). */
  t_first_byte: number | null;
  t_last_byte: number | null;
  /** Server: accept() returned; peer address. */
  t_accept: number | null;
  peer: string | null;
  /** The app closed its socket (kernel-ref t_done; the client's t_done ends duration_s). */
  t_done: number | null;
  /** MPTCP_INFO answered at start (false for plain TCP or fallback) and the errno name if not. */
  mptcp_at_start: boolean;
  mptcp_info_error_at_start: string | null;
  /** MPTCP_INFO after the transfer (null and an errno name when it fails: plain TCP or fallback). */
  mptcp_at_end?: boolean;
  mptcp_info_error_at_end?: string | null;
  mptcp_info_end?: MptcpInfo | null;
  /** tcp_info of every subflow after the transfer (MPTCP_TCPINFO, or TCP_INFO of a TCP socket). */
  subflows_end?: SocketSample[];
  /** socket(..., IPPROTO_MPTCP) failed with this errno name, and the app fell back to TCP. */
  socket_error: string | null;
  /** True when every received byte was at the position it was sent from (see net/payload.ts). */
  stream_in_order: boolean;
  /** Every sample_interval_s: app bytes, the MPTCP_INFO subset kernel-ref samples (MPTCP sockets only), and each subflow's tcp_info. */
  samples: ({ t: number; app_bytes: number; sf: SocketSample[] } & Partial<MptcpSampleFields>)[];
}

/** The MPTCP_INFO fields kernel-ref's sampler copies into each sample (`extra_subflows` = mptcpi_subflows). */
export interface MptcpSampleFields {
  extra_subflows: number;
  subflows_total: number;
  add_addr_signal: number;
  add_addr_accepted: number;
  bytes_sent: number;
  bytes_acked: number;
  bytes_received: number;
  bytes_retrans: number;
  retransmits: number;
  snd_una: bigint;
  write_seq: bigint;
  rcv_nxt: bigint;
  /** Not in kernel-ref's samples (the simulator keeps them for getsockopt at any t): mptcpi_local_addr_used and the mptcpi_last_* times (ms). */
  local_addr_used?: number;
  last_data_sent?: number;
  last_data_recv?: number;
  last_ack_recv?: number;
}

/** A lifecycle or control event, for the views and the summary (`events[]`, state diagrams). */
export type TraceEvent =
  | { t: Nanos; type: 'scenarioEvent'; index: number; action: string; ok: boolean; detail: string }
  | { t: Nanos; type: 'tcpState'; side: Side; sock: number; from: string; to: string }
  | { t: Nanos; type: 'linkState'; path: number; side: Side | 'both'; up: boolean }
  | { t: Nanos; type: 'linkShape'; path: number; dir: Dir }
  | { t: Nanos; type: 'rto'; side: Side; sock: number; backoff: number }
  | { t: Nanos; type: 'recovery'; side: Side; sock: number; kind: 'fast' | 'rto' | 'tlp' | 'exit' }
  /** A middlebox on `path`/`dir` changed a segment (sim.middleboxes[box]). */
  | { t: Nanos; type: 'middlebox'; path: number; dir: Dir; box: number; pktId: number; action: 'strip_options' | 'rewrite_payload'; removed: string[] }
  /**
   * A scripted userspace-PM daemon command (`sim.userspace_pm[index]`) and the kernel's answer:
   * `errno` null when it returned 0; `detail` is the command as pm_nl_ctl spells it, plus the error.
   * `origin: 'script'`: sent by the user's `sim.pm_script` (`index` counts its commands).
   */
  | { t: Nanos; type: 'pmCommand'; side: Side; index: number; cmd: string; ok: boolean; errno: string | null; detail: string; origin?: 'script' }
  /** An MPTCP connection event (state change, fallback with its reason, subflow change, reinjection); `token` is the local token in hex. */
  | { t: Nanos; type: 'mptcp'; side: Side; token: string; ev: ConnectionTraceEvent };

/** One `ip mptcp monitor` event of a host: type (CREATED, SF_ESTABLISHED, …) and its key=value attributes. */
export interface PmEventRecord {
  t: Nanos;
  type: string;
  attrs: Record<string, string>;
}

/** Per-socket time series for charts: one point each time cwnd/ssthresh/srtt/rto changes. */
export interface SocketSeries {
  side: Side;
  sock: number;
  t: number[];
  cwnd: number[];
  ssthresh: number[];
  srttUs: number[];
  rtoUs: number[];
  inflight: number[];
  /**
   * Coupled congestion control only (LIA, OLIA, BALIA): the algorithm's α at each point (LIA:
   * RFC 6356 §3's α; OLIA: α_r; BALIA: α_r = max x_k / x_r), NaN while the socket increases alone.
   */
  alpha?: number[];
}

/**
 * A periodic snapshot of the world (every `analysis.bin_s`), so a view can jump to time t without
 * replaying the event log: the state of every socket and link at the last checkpoint ≤ t.
 */
export interface Checkpoint {
  t: Nanos;
  /** Frames queued per path and direction (including the one being serialised). */
  links: { path: number; c2s: number; s2c: number; c2sUp: boolean; s2cUp: boolean }[];
  sockets: ({ side: Side; sock: number; tcpState: string } & SocketSample)[];
  /** Application bytes so far. */
  app: { client: { sent: number; received: number }; server: { sent: number; received: number } };
  /** Each host's MIB counters so far (TcpExt, Tcp, MPTcpExt), for `nstat` at time t. */
  counters: { client: Record<string, Record<string, number>>; server: Record<string, Record<string, number>> };
}

/**
 * One packet-scheduler decision of an MPTCP connection (the "why this subflow?" of the views): what
 * the scheduler saw of each subflow and which one it chose. `kind` 'send' = new data
 * (get_send), 'retrans' = reinjection (get_retrans). `reason` and each candidate's `skipped` are the
 * scheduler's own codes (src/core/sched/types.ts SchedReason / SchedSkip); the views show them via
 * i18n keys `sched.<scheduler>.why.<reason>` and `sched.skip.<skipped>`.
 */
export interface SchedDecisionRecord {
  t: Nanos;
  side: Side;
  /** Local token of the connection, hex as in TraceEvent 'mptcp'. */
  token: string;
  scheduler: string;
  kind: 'send' | 'retrans';
  /** Chosen subflow id (MptcpSubflow.id), or null when nothing was sent. */
  chosen: number | null;
  reason: string;
  /** Data sequence number of the first byte this decision sends (null if none), and how many bytes it may send. */
  dsn: bigint | null;
  burst: number;
  /**
   * Bytes this decision actually handed to the chosen subflow, from `dsn` (≤ burst: limited by the
   * data written and the subflow's send-buffer room). The next decision starts at dsn + len, so
   * [dsn, dsn + len) ranges of successive send decisions tile the stream.
   */
  len?: number;
  /** Redundant schedulers (red): further subflows that carried the same bytes. */
  redundant?: number[];
  candidates: {
    id: number;
    srttUs: number;
    cwnd: number;
    /** Bytes of congestion-window room (cwnd × mss − queued). */
    cwndRoom: number;
    backup: boolean;
    stale: boolean;
    skipped: string | null;
    /** The default scheduler's linger time (2^-32 s units), null when not computed. */
    lingerTime?: number | null;
  }[];
}

export interface Trace {
  seed: number;
  /** Simulated end time (ns). */
  end: Nanos;
  captures: CaptureRecord[];
  events: TraceEvent[];
  links: { path: number; c2s: LinkStats; s2c: LinkStats }[];
  app: { client: AppResult; server: AppResult };
  series: SocketSeries[];
  /** Periodic snapshots for seeking (see Checkpoint), in time order. */
  checkpoints: Checkpoint[];
  /** Engine statistics, for benchmarks. */
  engineEvents: number;
  packetsCreated: number;
  /** Data segments (payload > 0) that reached the receiving host, retransmissions included (ns-3's rxDataPackets). */
  dataPacketsDelivered: number;
  /** How the run ended: 'ok' (apps done), 'timeout' (timeout_s reached), 'until' (SimOptions.untilS reached). */
  status: 'ok' | 'timeout' | 'until';
  /** `ip mptcp monitor` events per host (kernel-ref pm_events). */
  pmEvents: Record<Side, PmEventRecord[]>;
  /**
   * Scheduler decisions that sent data or reinjected (see SchedDecisionRecord), in time order;
   * decisions that sent nothing are not kept.
   */
  schedDecisions: SchedDecisionRecord[];
  /** Counters per side, Linux MIB names (`TcpExt`, `Tcp`, later `MPTcpExt`). */
  counters: { client: Record<string, Record<string, number>>; server: Record<string, Record<string, number>> };
  /**
   * Imported captures only: the real text (RFC 5952) of the IPv6 addresses that packets hold as
   * 240.0.0.0/4 placeholders, as [placeholder, text] pairs (src/core/net/address-text.ts).
   */
  addressNames?: [number, string][];
}
