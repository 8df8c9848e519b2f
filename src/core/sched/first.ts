/**
 * "first": always the first usable subflow in list order (the kernel's BPF example
 * `bpf_first`, tools/testing/selftests/bpf/progs/mptcp_bpf_first.c in the mptcp_net-next export
 * branch). Retransmissions as Linux.
 */
import { decide, describeWith, linuxRetrans, usableSubflows } from './common';
import type { SchedDecision, SchedView, Scheduler } from './types';

function pickSend(view: SchedView): SchedDecision {
  const c = usableSubflows(view);
  return decide(view, c, c.usable[0] ?? null, 'firstActive', 'notFirst');
}

export const firstScheduler: Scheduler = { id: 'first', titleKey: 'sched.first.title', idleWhenBuffersFull: true, describe: describeWith('first'), pickSend, pickRetrans: linuxRetrans };
