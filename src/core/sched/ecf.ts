/**
 * "ecf": Earliest Completion First (Lim, Nahum, Towsley, Gibbens, "ECF: An MPTCP Path Scheduler to
 * Manage Heterogeneous Paths", ACM CoNEXT 2017). Prefer the fastest subflow f; when its window is
 * full, with k bytes left to send and s the fastest subflow with room, wait for f when
 *   n · RTT_f < (1 + waiting·β) · (RTT_s + δ)   and   (k / (cwnd_s · MSS_s)) · RTT_s ≥ 2 · RTT_f + δ,
 * where n = 1 + k / (cwnd_f · MSS_f), δ = max(σ_f, σ_s) (RTT variations), β = 0.25 and `waiting`
 * is whether the previous decision waited (hysteresis). Otherwise send on s. Retransmissions as
 * Linux.
 */
import { decide, describeWith, fastAndSlow, linuxRetrans, usableSubflows } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

const BETA = 0.25;

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  const pick = fastAndSlow(c);
  if (pick === null) return decide(view, c, null, 'noActive', undefined);
  const { fast, slow } = pick;
  if (pick.fastHasRoom) return decide(view, c, fast, 'lowestRtt', 'higherRtt');
  if (slow === null) return decide(view, c, null, 'noActive', undefined);
  const k = Math.max(view.unsentBytes, 1);
  const rttF = fast.sf.srttUs;
  const rttS = slow.sf.srttUs;
  const delta = Math.max(fast.sf.rttvarUs, slow.sf.rttvarUs);
  const n = 1 + k / (fast.sf.cwnd * fast.sf.mss);
  const waiting = view.lastSendId === null;
  if (n * rttF < (1 + (waiting ? BETA : 0)) * (rttS + delta) && (k / (slow.sf.cwnd * slow.sf.mss)) * rttS >= 2 * rttF + delta) {
    slow.cand.skipped = 'waitForFast';
    return decide(view, c, null, 'waiting', undefined);
  }
  return decide(view, c, slow, 'fastWouldBlock', 'higherRtt');
}

export const ecfScheduler: Scheduler = { id: 'ecf', titleKey: 'sched.ecf.title', idleWhenBuffersFull: true, describe: describeWith('ecf'), pickSend, pickRetrans: linuxRetrans };
