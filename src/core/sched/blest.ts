/**
 * "blest": BLocking ESTimation (Ferlin, Alay, Mehani, Boreli, "BLEST: Blocking estimation-based
 * MPTCP scheduler for heterogeneous networks", IFIP Networking 2016). Prefer the fastest (lowest
 * RTT) subflow; when its window is full, use a slower subflow s only if what the fast subflow could
 * send during one RTT of s,
 *   X = MSS_f · (cwnd_f + (RTT_s/RTT_f − 1)/2) · RTT_s/RTT_f,
 * times λ still fits in the connection's send window beyond what s would occupy (cwnd_s · MSS_s);
 * otherwise wait for the fast subflow (head-of-line blocking avoided). λ = 1 (the paper adapts it;
 * the fixed value is the paper's starting point). Retransmissions as Linux.
 */
import { decide, describeWith, fastAndSlow, linuxRetrans, usableSubflows } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

const LAMBDA = 1;

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  const pick = fastAndSlow(c);
  if (pick === null) return decide(view, c, null, 'noActive', undefined);
  const { fast, slow } = pick;
  if (pick.fastHasRoom) return decide(view, c, fast, 'lowestRtt', 'higherRtt');
  if (slow === null) return decide(view, c, null, 'noActive', undefined);
  const rttF = Math.max(fast.sf.srttUs, 1);
  const ratio = slow.sf.srttUs / rttF;
  const x = fast.sf.mss * (fast.sf.cwnd + (ratio - 1) / 2) * ratio;
  const window = view.wndEnd - view.sndNxt;
  if (x * LAMBDA > window - slow.sf.cwnd * slow.sf.mss) {
    slow.cand.skipped = 'waitForFast';
    return decide(view, c, null, 'waiting', undefined);
  }
  return decide(view, c, slow, 'fastWouldBlock', 'higherRtt');
}

export const blestScheduler: Scheduler = { id: 'blest', titleKey: 'sched.blest.title', idleWhenBuffersFull: true, describe: describeWith('blest'), pickSend, pickRetrans: linuxRetrans };
