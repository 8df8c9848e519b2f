/**
 * "rr": round-robin — the next usable subflow after the one used last, in list order, wrapping
 * around (the BPF example `bpf_rr`). Retransmissions as Linux.
 */
import { decide, describeWith, linuxRetrans, usableSubflows } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  if (c.usable.length === 0) return decide(view, c, null, 'noActive', undefined);
  const ids = view.subflows.map((s) => s.id);
  const last = view.lastSendId === null ? -1 : ids.indexOf(view.lastSendId);
  let chosen = c.usable[0];
  for (let k = 1; k <= ids.length; k++) {
    const id = ids[(last + k + ids.length) % ids.length];
    const u = c.usable.find((x) => x.sf.id === id);
    if (u) {
      chosen = u;
      break;
    }
  }
  return decide(view, c, chosen, 'roundRobin', 'notNext');
}

export const rrScheduler: Scheduler = { id: 'rr', titleKey: 'sched.rr.title', idleWhenBuffersFull: true, describe: describeWith('rr'), pickSend, pickRetrans: linuxRetrans };
