/**
 * The Linux default packet scheduler (net.mptcp.scheduler = "default"), Linux 6.18
 * net/mptcp/protocol.c `mptcp_subflow_get_send` and `mptcp_subflow_get_retrans`
 * (reference/kernel.md §6).
 *
 * Send: among active subflows (TCP ESTABLISHED/CLOSE_WAIT, joins fully established, not stale —
 * `mptcp_subflow_active`), pick the lowest linger time = queued bytes / average pacing rate, kept
 * separately for non-backup and backup subflows (ties: the first in list order). A backup is used only
 * when no non-backup subflow is active. Nothing is sent if the chosen subflow's send buffer is full.
 * The burst is min(MPTCP_SEND_BURST_SIZE, wnd_end − snd_nxt), and the chosen subflow's average
 * pacing rate moves towards its current rate by the burst's weight. The kernel comments this as an
 * approximation of BLEST: the subflow that would flush its queue first avoids head-of-line blocking.
 *
 * Retransmission: the first active non-backup subflow with nothing outstanding at TCP level; a
 * backup one only when no subflow with outstanding data made progress (min stale_count > 1).
 * Unlike the send side it does not skip stale subflows (`__mptcp_subflow_active`); the stale
 * accounting itself (`mptcp_pm_subflows_chk_stale`) is the connection's, before it asks.
 */
import { MS } from '../sim/time';
import { MPTCP_SEND_BURST_SIZE, lingerSeconds, lingerTime, paceU32, updatedAvgPacingRate } from './pacing-rate';
import type { SchedCandidate, SchedDecision, SchedIdleSubflow, SchedSubflowView, SchedView, Scheduler } from './types';

/** TCP_RTO_MIN (HZ/5): msk->timer_ival when no subflow has a TCP timer pending. */
export const TCP_RTO_MIN_NS = 200 * MS;

/**
 * The `avgPacingRate` / `recovered` of a decision that stores nothing: one shared, frozen empty list
 * (most decisions store nothing; a consumer that tried to add to it would throw, not corrupt it).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * Called on every push attempt (most of them find the chosen subflow's buffer full), so it allocates
 * only what the decision returns: no per-call scratch arrays, no closures; `avgPacingRate` and
 * `recovered` are allocated only when they get an entry.
 */
function pickSend(view: SchedView): SchedDecision {
  const subflows = view.subflows;
  const n = subflows.length;
  const candidates: SchedCandidate[] = [];
  let avgPacingRate: { id: number; value: number }[] = NONE;
  let recovered: number[] = NONE;
  // send_info[SSK_MODE_ACTIVE] and send_info[SSK_MODE_BACKUP], with the average pacing rate each
  // best subflow had when it was compared (its socket's rate if it was still 0)
  let bestActive = -1;
  let bestBackup = -1;
  let lingerActive = Infinity;
  let lingerBackup = Infinity;
  let avgActive = 0;
  let avgBackup = 0;
  let nrActive = 0;
  let tout = 0;
  for (let i = 0; i < n; i++) {
    const sf = subflows[i];
    const backup = sf.backup || sf.peerBackup;
    const cand: SchedCandidate = { id: sf.id, backup, lingerTime: null };
    candidates.push(cand);
    // mptcp_subflow_active: a stale subflow stays out until something arrives on it
    if (sf.stale) {
      if (!sf.rcvSinceStale) {
        cand.skipped = 'stale';
        continue;
      }
      if (recovered === NONE) recovered = [];
      recovered.push(sf.id);
    }
    const inactive = inactiveReason(sf);
    if (inactive) {
      cand.skipped = inactive;
      continue;
    }
    // mptcp_timeout_from_subflow
    if (sf.staleCount === 0 && sf.rtxTimerRemaining > tout) tout = sf.rtxTimerRemaining;
    if (!backup) nrActive++;
    let avg = sf.avgPacingRate;
    if (!avg) {
      // init pacing rate from socket
      avg = sf.pacingRate;
      if (avgPacingRate === NONE) avgPacingRate = [];
      avgPacingRate.push({ id: sf.id, value: avg });
      if (!avg) {
        cand.skipped = 'noPacingRate';
        continue;
      }
    }
    const pace = paceU32(avg);
    if (pace === 0) {
      cand.skipped = 'noPacingRate';
      continue;
    }
    const linger = lingerTime(sf.wmemQueued, pace);
    cand.lingerTime = linger;
    if (backup) {
      if (linger < lingerBackup) {
        lingerBackup = linger;
        bestBackup = i;
        avgBackup = avg;
      }
    } else if (linger < lingerActive) {
      lingerActive = linger;
      bestActive = i;
      avgActive = avg;
    }
  }
  const timerIval = tout > 0 ? tout : TCP_RTO_MIN_NS;
  let chosen = bestActive;
  let chosenAvg = avgActive;
  let reason: SchedDecision['reason'] = 'lowestLinger';
  // pick the best backup if no other subflow is active
  if (nrActive === 0) {
    chosen = bestBackup;
    chosenAvg = avgBackup;
    reason = 'backupOnly';
  }
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    if (i === chosen || c.skipped || c.lingerTime === null) continue;
    c.skipped = c.backup && nrActive > 0 ? 'backupUnused' : 'higherLinger';
  }
  if (chosen < 0) return { subflowId: null, burst: 0, reason: 'noActive', candidates, avgPacingRate, recovered, timerIval };
  const sf = subflows[chosen];
  // sk_stream_memory_free
  if (!(sf.wmemQueued < sf.sndbuf)) return { subflowId: null, burst: 0, reason: 'noSendSpace', candidates, avgPacingRate, recovered, timerIval };
  const burst = Math.min(MPTCP_SEND_BURST_SIZE, Math.max(0, view.wndEnd - view.sndNxt));
  if (burst > 0) {
    const value = updatedAvgPacingRate(chosenAvg, sf.wmemQueued, sf.pacingRate, burst);
    // the chosen subflow's entry replaces its initialisation, if it had one
    let stored = false;
    for (let j = 0; j < avgPacingRate.length; j++) {
      if (avgPacingRate[j].id === sf.id) {
        avgPacingRate[j].value = value;
        stored = true;
        break;
      }
    }
    if (!stored) {
      if (avgPacingRate === NONE) avgPacingRate = [];
      avgPacingRate.push({ id: sf.id, value });
    }
  }
  return { subflowId: sf.id, burst, reason, candidates, avgPacingRate, recovered, timerIval };
}

/**
 * `Scheduler.sendIdle` of the default scheduler: pickSend's choice (same activity test, same
 * linger times, same tie order, backups only when no non-backup subflow is active) computed without
 * a view, answering true when the choice is no subflow or one whose send buffer is full
 * (`noActive` / `noSendSpace`). A stale subflow or an uninitialised avg_pacing_rate means pickSend
 * may store something: false then, and the connection asks pickSend. Most pushes (an ACK freed
 * room on the slower subflow while the lowest-linger one is still full) end here.
 */
function sendIdle(subflows: readonly SchedIdleSubflow[]): boolean {
  let bestActive = -1;
  let bestBackup = -1;
  let lingerActive = Infinity;
  let lingerBackup = Infinity;
  let spaceActive = 0;
  let spaceBackup = 0;
  let nrActive = 0;
  for (let i = 0; i < subflows.length; i++) {
    const sf = subflows[i];
    if (sf.isClosed) continue;
    // read for every open subflow, as the view does (the send buffer's autotuning keeps its high mark)
    const space = sf.sendSpace();
    if (sf.stale) return false;
    if (sf.joinPending || !sf.tcpCanSend) continue;
    const backup = sf.backup || sf.peerBackup;
    if (!backup) nrActive++;
    const avg = sf.avgPacingRate;
    if (!avg) return false;
    const pace = paceU32(avg);
    if (pace === 0) continue;
    const linger = lingerTime(sf.wmemQueued, pace);
    if (backup) {
      if (linger < lingerBackup) {
        lingerBackup = linger;
        bestBackup = i;
        spaceBackup = space;
      }
    } else if (linger < lingerActive) {
      lingerActive = linger;
      bestActive = i;
      spaceActive = space;
    }
  }
  if (nrActive === 0) return bestBackup < 0 || spaceBackup <= 0;
  return bestActive < 0 || spaceActive <= 0;
}

function pickRetrans(view: SchedView): SchedDecision {
  const subflows = view.subflows;
  const candidates: SchedCandidate[] = [];
  let pick = -1;
  let backupIdx = -1;
  let minStaleCount = Infinity; // INT_MAX
  for (let i = 0; i < subflows.length; i++) {
    const sf = subflows[i];
    const backup = sf.backup || sf.peerBackup;
    const cand: SchedCandidate = { id: sf.id, backup, lingerTime: null };
    candidates.push(cand);
    // __mptcp_subflow_active
    const inactive = inactiveReason(sf);
    if (inactive) {
      cand.skipped = inactive;
      continue;
    }
    // still data outstanding at TCP level? skip this
    if (!sf.queuesEmpty) {
      if (sf.staleCount < minStaleCount) minStaleCount = sf.staleCount;
      cand.skipped = 'queuesBusy';
      continue;
    }
    if (backup) {
      if (backupIdx < 0) backupIdx = i;
      else cand.skipped = 'laterIdle';
      continue;
    }
    if (pick < 0) pick = i;
    else cand.skipped = 'laterIdle';
  }
  const base = { burst: 0, candidates, avgPacingRate: NONE, recovered: NONE, timerIval: null };
  if (pick >= 0) {
    if (backupIdx >= 0) candidates[backupIdx].skipped = 'backupUnused';
    return { ...base, subflowId: subflows[pick].id, reason: 'firstIdle' };
  }
  // use backup only if there are no progresses anywhere
  if (backupIdx >= 0 && minStaleCount > 1) return { ...base, subflowId: subflows[backupIdx].id, reason: 'backupNoProgress' };
  if (backupIdx >= 0) candidates[backupIdx].skipped = 'backupWithProgress';
  return { ...base, subflowId: null, reason: 'noActive' };
}

export const defaultScheduler: Scheduler = {
  id: 'default',
  titleKey: 'sched.default.title',
  idleWhenBuffersFull: true,
  sendIdle,
  describe(d: SchedDecision) {
    const chosen = d.candidates.find((c) => c.id === d.subflowId);
    return {
      key: `sched.default.why.${d.reason}`,
      params: {
        id: d.subflowId ?? '',
        burst: d.burst,
        lingerMs: chosen && chosen.lingerTime !== null ? Math.round(lingerSeconds(chosen.lingerTime) * 1e6) / 1e3 : '',
      },
    };
  },
  pickSend,
  pickRetrans,
};

/** Linux __mptcp_subflow_active, as far as it is not about staleness: why a subflow cannot send now. */
export function inactiveReason(sf: SchedSubflowView): 'joinPending' | 'notEstablished' | null {
  if (sf.joinPending) return 'joinPending';
  if (!sf.tcpCanSend) return 'notEstablished';
  return null;
}
