/**
 * "red": redundant — every usable subflow carries every burst (the BPF example `bpf_red`; the idea
 * of ReMP TCP, Frömmgen et al., IEEE ICC 2016): the fastest copy wins, the receiver drops the rest
 * as DuplicateData. Retransmissions as Linux.
 */
import { decide, describeWith, linuxRetrans, memoryFree, usableSubflows } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  const withRoom = c.usable.filter((u) => memoryFree(u.sf));
  const d = decide(view, c, withRoom[0] ?? c.usable[0] ?? null, 'allSubflows', undefined);
  if (d.subflowId !== null) d.redundant = withRoom.slice(1).map((u) => u.sf.id);
  return d;
}

export const redScheduler: Scheduler = { id: 'red', titleKey: 'sched.red.title', idleWhenBuffersFull: true, describe: describeWith('red'), pickSend, pickRetrans: linuxRetrans };
