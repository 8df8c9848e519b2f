/**
 * The congestion-control contract, modelled on Linux's `struct tcp_congestion_ops`
 * (include/net/tcp.h) and the way net/ipv4/tcp_input.c drives it.
 *
 * How the TCP socket drives a controller (Linux 6.18 call order, per incoming ACK):
 *  1. `tcp_ack()` advances snd_una (`sndUna`) and `packetsOut`, then `tcp_clean_rtx_queue()` calls
 *     **pktsAcked** (Linux `pkts_acked`) with the number of newly (s)acked segments and the
 *     RTT sample `ca_rtt_us` (newest segment acknowledged, never a retransmitted one; -1 if none).
 *  2. `tcp_cong_control()` calls **congAvoid** (Linux `cong_avoid`) when the ACK advanced snd_una
 *     and the socket is in CA_Open or CA_Disorder (`tcp_may_raise_cwnd()`); in CWR/Recovery PRR
 *     owns cwnd instead.
 *  3. On entering Recovery, CWR or Loss, the socket sets `priorCwnd = cwnd`, then
 *     `ssthresh = cc.ssthresh(sk)` (Linux `tcp_init_cwnd_reduction()` / `tcp_enter_loss()`), and
 *     calls **setState** for every `icsk_ca_state` change (`tcp_set_ca_state()`).
 *  4. **cwndEvent**: 'txStart' when a segment is sent with nothing in flight (`tcp_event_data_sent`,
 *     called *before* `lastSendUs` is updated to now), 'cwndRestart' on the idle restart
 *     (`tcp_cwnd_restart`), 'completeCwr' at the end of CWR/Recovery, 'loss' on RTO
 *     (`tcp_enter_loss`).
 *  5. **undoCwnd** when a reduction proves spurious (`tcp_undo_cwnd_reduction()`): the socket
 *     sets `cwnd = cc.undoCwnd(sk)` and restores ssthresh itself from prior_ssthresh.
 *
 * All times are microseconds of simulated time, passed in by the socket: a controller never reads a
 * clock. Sequence numbers (`sndUna`, `sndNxtSeq`) are compared modulo 2^32 like Linux `after()`.
 */

/** Linux TCP_INFINITE_SSTHRESH (include/net/tcp.h): ssthresh before the first loss. */
export const TCP_INFINITE_SSTHRESH = 0x7fffffff;

/** What a congestion controller may read and write on its socket (Linux: struct tcp_sock fields). */
export interface CcSocket {
  /** snd_cwnd, in segments. */
  cwnd: number;
  /** snd_ssthresh, in segments (TCP_INFINITE_SSTHRESH = 0x7fffffff until the first reduction). */
  ssthresh: number;
  /** snd_cwnd_cnt: the linear-increase accumulator of `tcp_cong_avoid_ai()`. */
  cwndCnt: number;
  /** snd_cwnd_clamp: cwnd never grows above this. */
  cwndClamp: number;
  /** mss_cache, bytes. */
  mss: number;
  /** packets_out: segments in flight. */
  packetsOut: number;
  /** tcp_is_cwnd_limited(): the sender was limited by cwnd, not by the application or rwnd. */
  isCwndLimited: boolean;
  /** srtt_us >> 3: smoothed RTT in µs (0 if none yet). */
  srttUs: number;
  /** tcp_min_rtt(): windowed min RTT in µs (0 if none yet). */
  minRttUs: number;
  /** tp->delivered: segments delivered so far. */
  deliveredSegs: number;
  /**
   * snd_una (u32 sequence number): already advanced by the ACK being processed when pktsAcked
   * runs. CUBIC's HyStart ends a round when snd_una passes the snd_nxt it recorded at the round's
   * start (tcp_cubic.c `hystart_update()`).
   */
  sndUna: number;
  /** snd_nxt (u32 sequence number): next sequence number to send. Read by HyStart at a round start. */
  sndNxtSeq: number;
  /**
   * tp->lsndtime, in µs: when the socket last sent data. At a 'txStart' event it still holds the
   * previous send time; CUBIC shifts its epoch by the idle time (tcp_cubic.c `cubictcp_cwnd_event`).
   */
  lastSendUs: number;
  /** tp->prior_cwnd: cwnd when the last reduction started; read by `tcp_reno_undo_cwnd()`. */
  priorCwnd: number;
}

/** Linux enum tcp_ca_state (TCP_CA_Open … TCP_CA_Loss). */
export type CaState = 'open' | 'disorder' | 'cwr' | 'recovery' | 'loss';

/** Linux enum tcp_ca_event values a controller can receive. */
export type CaEvent = 'txStart' | 'cwndRestart' | 'completeCwr' | 'loss';

export interface CongestionControl {
  /** Linux ca->name: 'reno' | 'cubic'. */
  readonly id: string;
  /** Linux init(): called once when the connection is established (`tcp_init_congestion_control`). */
  init(sk: CcSocket, nowUs: number): void;
  /** Linux ssthresh(): value of ssthresh on entering recovery/loss. */
  ssthresh(sk: CcSocket): number;
  /** Linux cong_avoid(): called on an ACK that advances snd_una while in CA_Open/Disorder. */
  congAvoid(sk: CcSocket, acked: number, nowUs: number): void;
  /** Linux pkts_acked(): per-ACK sample; rttUs = -1 when no valid sample. */
  pktsAcked(sk: CcSocket, acked: number, rttUs: number, nowUs: number): void;
  /** Linux set_state(): the socket's icsk_ca_state changes to `state`. */
  setState(sk: CcSocket, state: CaState, nowUs: number): void;
  /** Linux cwnd_event(): 'txStart' after idle, 'cwndRestart', 'completeCwr', 'loss'. */
  cwndEvent(sk: CcSocket, ev: CaEvent, nowUs: number): void;
  /** Linux undo_cwnd(): cwnd to restore when a reduction is undone. */
  undoCwnd(sk: CcSocket): number;
  /**
   * Linux TcpExt counters this controller moved (nstat names, e.g. `TCPHystartTrainDetect`),
   * summed over this socket; the socket layer adds them into the netns MIB. Absent if none.
   */
  readonly counters?: Readonly<Record<string, number>>;
  /** Read-only view of the algorithm's private state (Linux inet_csk_ca()), for traces and lessons. */
  inspect?(): Readonly<Record<string, number | boolean>>;
}

export interface CongestionAlgorithm {
  /** Linux name, as written to TCP_CONGESTION / net.ipv4.tcp_congestion_control. */
  id: string;
  /** i18n key of the display name. */
  titleKey: string;
  create(): CongestionControl;
}
