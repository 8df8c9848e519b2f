/**
 * "bkup": the first usable non-backup subflow, a backup one only when there is none (the BPF
 * example `bpf_bkup`). Retransmissions as Linux.
 */
import { decide, describeWith, linuxRetrans, usableSubflows } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  const primary = c.usable.find((u) => !u.backup);
  if (primary) {
    for (const u of c.usable) if (u.backup) u.cand.skipped = 'backupUnused';
    return decide(view, c, primary, 'firstActive', 'notFirst');
  }
  return decide(view, c, c.usable[0] ?? null, 'backupOnly', 'notFirst');
}

export const bkupScheduler: Scheduler = { id: 'bkup', titleKey: 'sched.bkup.title', idleWhenBuffersFull: true, describe: describeWith('bkup'), pickSend, pickRetrans: linuxRetrans };
