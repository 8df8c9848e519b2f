/**
 * The packet-scheduler contract: which subflow carries the next burst of new data
 * (Linux `mptcp_sched_ops.get_send`, net/mptcp/sched.c) and which one re-sends the head of the
 * MPTCP retransmit queue (`get_retrans`). A scheduler is a pure function of a read-only view; the
 * state Linux keeps per subflow (avg_pacing_rate) comes back in the decision for the connection to
 * store, and every decision lists the candidates and why each was or was not chosen, so the UI can
 * answer "why this subflow?".
 */
import type { Nanos } from '../sim/time';

/** What the schedulers read of one subflow (struct mptcp_subflow_context + its tcp_sock). */
export interface SchedSubflowView {
  /** The connection's subflow number (MPTCP_SUBFLOW_ADDRS id). */
  readonly id: number;
  /** `__tcp_can_send`: TCP state ESTABLISHED or CLOSE_WAIT. */
  readonly tcpCanSend: boolean;
  /** A join we opened that is not fully established yet (request_join && !fully_established). */
  readonly joinPending: boolean;
  /** subflow->stale: marked stale after stale_loss_cnt RTX periods without progress. */
  readonly stale: boolean;
  /**
   * rcv_tstamp differs from stale_rcv_tstamp: something arrived since the subflow went stale.
   * `mptcp_subflow_active` then makes it active again (SubflowRecover); the decision lists it in
   * `recovered` for the connection to clear the flag and count the recovery.
   */
  readonly rcvSinceStale: boolean;
  /** Our backup request (request_bkup). */
  readonly backup: boolean;
  /** The peer's backup flag for this subflow (subflow->backup, from MP_JOIN or MP_PRIO). */
  readonly peerBackup: boolean;
  /** sk_wmem_queued, bytes queued on the subflow (unsent and unacknowledged). */
  readonly wmemQueued: number;
  /** sk_sndbuf, bytes (Infinity = no limit). */
  readonly sndbuf: number;
  /** sk_pacing_rate, bytes/s (see `tcpPacingRate`). */
  readonly pacingRate: number;
  /** subflow->avg_pacing_rate, bytes/s, 0 until the scheduler first initialises it. */
  readonly avgPacingRate: number;
  /** tcp_rtx_and_write_queues_empty: nothing unacknowledged or unsent at TCP level. */
  readonly queuesEmpty: boolean;
  /** subflow->stale_count: MPTCP RTX periods without progress. */
  readonly staleCount: number;
  /** Time left on the subflow's pending TCP retransmit timer, ns (0 = none). */
  readonly rtxTimerRemaining: Nanos;
  /** Smoothed RTT and its variation, µs (0 before the first sample) — for minRTT, BLEST, ECF. */
  readonly srttUs: number;
  readonly rttvarUs: number;
  /** Congestion window (segments) and the subflow's MSS (bytes). */
  readonly cwnd: number;
  readonly mss: number;
}

export interface SchedView {
  readonly subflows: readonly SchedSubflowView[];
  /** msk->wnd_end: the right edge of the peer's data-level window (data stream position). */
  readonly wndEnd: number;
  /** msk->snd_nxt: the next new data byte (data stream position). */
  readonly sndNxt: number;
  /** Bytes written by the app and not yet given to any subflow (ECF's k). */
  readonly unsentBytes: number;
  /** The subflow the last send decision chose (round-robin), or null. */
  readonly lastSendId: number | null;
}

/** Why a candidate was passed over. */
export type SchedSkip =
  | 'notEstablished' // TCP not ESTABLISHED/CLOSE_WAIT
  | 'joinPending' // join not past its 4th ACK
  | 'stale' // stale and nothing received since
  | 'noPacingRate' // avg and current pacing rate are 0
  | 'higherLinger' // a subflow of the same class lingers less
  | 'backupUnused' // a backup, while a non-backup subflow is active
  | 'queuesBusy' // retransmission: data still outstanding at TCP level
  | 'laterIdle' // retransmission: an earlier idle subflow was taken
  | 'backupWithProgress' // retransmission: a backup, but some subflow still makes progress
  | 'notFirst' // first / bkup: an earlier subflow in list order was taken
  | 'cwndFull' // minRTT, BLEST, ECF: no congestion-window space
  | 'higherRtt' // minRTT: a subflow with a lower smoothed RTT was taken
  | 'notNext' // round-robin: not the one after the last used
  | 'waitForFast' // BLEST, ECF: better to wait for the faster subflow than to use this one
  | 'notChosen'; // script: the user's scheduler chose another one

export interface SchedCandidate {
  id: number;
  /** Counted as backup (ours or the peer's flag). */
  backup: boolean;
  /**
   * Linux linger time: (sk_wmem_queued << 32) / avg_pacing_rate, i.e. seconds to flush the queue in
   * units of 2^-32 s; null when not computed (inactive subflow, retransmission decisions).
   */
  lingerTime: number | null;
  skipped?: SchedSkip;
}

export type SchedReason =
  | 'lowestLinger' // the non-backup subflow with the lowest linger time
  | 'backupOnly' // no non-backup subflow active: the backup with the lowest linger time
  | 'noActive' // nothing usable (send) / nothing idle (retrans)
  | 'noSendSpace' // the chosen subflow's send buffer is full (sk_stream_memory_free)
  | 'firstIdle' // retransmission: the first active idle non-backup subflow
  | 'backupNoProgress' // retransmission: a backup, since no subflow made progress
  | 'firstActive' // first / bkup: the first usable subflow in list order
  | 'lowestRtt' // minRTT: the usable subflow with the lowest smoothed RTT
  | 'roundRobin' // rr: the next usable subflow after the one used last
  | 'allSubflows' // red: every usable subflow carries the data
  | 'fastWouldBlock' // BLEST / ECF: the slow subflow, the fast one could not do better
  | 'waiting' // BLEST / ECF: nothing now, waiting for the fast subflow
  | 'script'; // a user script chose (the decision's `note` says why)

export interface SchedDecision {
  /** The chosen subflow, or null (nothing is sent now). */
  subflowId: number | null;
  /** Bytes the chosen subflow may take before the scheduler runs again (msk->snd_burst); 0 = none. */
  burst: number;
  reason: SchedReason;
  candidates: SchedCandidate[];
  /** avg_pacing_rate values to store: first-use initialisations and the chosen subflow's update. */
  avgPacingRate: { id: number; value: number }[];
  /** Stale subflows seen active again (mptcp_subflow_set_active: SubflowRecover). */
  recovered: number[];
  /** msk->timer_ival set by the send decision (__mptcp_set_timeout), ns; null for retransmissions. */
  timerIval: Nanos | null;
  /** Redundant schedulers: further subflows that carry the same burst. */
  redundant?: number[];
  /** A user script's own reason for the decision (sched/script.ts). */
  note?: string;
}

/** One scheduler: `net.mptcp.scheduler` name, a bilingual title key, and its two decisions. */
export interface Scheduler {
  readonly id: string;
  /** i18n key of the display name. */
  readonly titleKey: string;
  /** i18n key and parameters of a one-line "why this subflow?" for a decision. */
  describe(d: SchedDecision): { key: string; params: Record<string, string | number> };
  pickSend(view: SchedView): SchedDecision;
  pickRetrans(view: SchedView): SchedDecision;
  /**
   * A promise the connection uses to skip calls (the scheduler runs on nearly every ACK): when no
   * subflow has send-buffer room (sk_stream_memory_free false for all), none is stale and each has
   * a non-zero avgPacingRate, `pickSend` chooses no subflow and asks for nothing to be stored
   * (no avgPacingRate, no recovered). Linux's default and the built-in schedulers keep it; a
   * scheduler without it is asked every time.
   */
  readonly idleWhenBuffersFull?: boolean;
  /**
   * A cheaper form of the same promise, read straight off the connection's subflows (no view is
   * built): true only when `pickSend` would choose no subflow and ask for nothing to be stored. The
   * connection asks it before every send decision that is not recorded; false means "ask pickSend".
   */
  sendIdle?(subflows: readonly SchedIdleSubflow[]): boolean;
}

/**
 * What `Scheduler.sendIdle` reads of a subflow: the fields of SchedSubflowView it needs, from the
 * connection's own subflow objects. `sendSpace` is read once per open subflow, as the view does.
 */
export interface SchedIdleSubflow {
  /** The subflow's socket has closed: not in the view at all. */
  readonly isClosed: boolean;
  readonly tcpCanSend: boolean;
  readonly joinPending: boolean;
  readonly stale: boolean;
  readonly backup: boolean;
  readonly peerBackup: boolean;
  readonly avgPacingRate: number;
  readonly wmemQueued: number;
  /** sk_sndbuf − sk_wmem_queued, bytes (≥ 0). */
  sendSpace(): number;
}
