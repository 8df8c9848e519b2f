/**
 * "minrtt": the usable subflow with the lowest smoothed RTT that still has congestion-window room,
 * non-backup first — the default of the out-of-tree multipath-tcp.org kernel (Paasch et al.,
 * "Experimental Evaluation of Multipath TCP Schedulers", ACM SIGCOMM CSWS 2014). Nothing is sent
 * while every window is full. Retransmissions as Linux.
 */
import { cwndRoom, decide, describeWith, linuxRetrans, usableSubflows, type Usable } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

/** The lowest-RTT subflow with window room among `list` (ties: list order). */
export function lowestRtt(list: Usable[]): Usable | null {
  let best: Usable | null = null;
  for (const u of list) {
    if (cwndRoom(u.sf) <= 0) {
      u.cand.skipped = 'cwndFull';
      continue;
    }
    if (best === null || u.sf.srttUs < best.sf.srttUs) best = u;
  }
  return best;
}

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  const primary = c.usable.filter((u) => !u.backup);
  const chosen = lowestRtt(primary.length > 0 ? primary : c.usable);
  if (primary.length > 0) for (const u of c.usable) if (u.backup) u.cand.skipped = 'backupUnused';
  return decide(view, c, chosen, primary.length > 0 ? 'lowestRtt' : 'backupOnly', 'higherRtt');
}

export const minrttScheduler: Scheduler = { id: 'minrtt', titleKey: 'sched.minrtt.title', idleWhenBuffersFull: true, describe: describeWith('minrtt'), pickSend, pickRetrans: linuxRetrans };
