/**
 * Registry of packet schedulers by their `net.mptcp.scheduler` names. Upstream Linux 6.18 has only
 * "default" (`net.mptcp.available_schedulers`); the others of design.md §2 will register here.
 */
import { defaultScheduler } from './default';
import type { Scheduler } from './types';

export type { SchedCandidate, SchedDecision, SchedReason, SchedSkip, SchedSubflowView, SchedView, Scheduler } from './types';
export { defaultScheduler, TCP_RTO_MIN_NS } from './default';
export {
  MPTCP_SEND_BURST_SIZE,
  TCP_PACING_CA_RATIO,
  TCP_PACING_SS_RATIO,
  lingerSeconds,
  lingerTime,
  tcpPacingRate,
  updatedAvgPacingRate,
  type PacingInput,
} from './pacing-rate';

export const schedulers: Readonly<Record<string, Scheduler>> = {
  default: defaultScheduler,
};

/** The scheduler named `id`; throws for a name that is not registered. */
export function getScheduler(id: string): Scheduler {
  const s = Object.prototype.hasOwnProperty.call(schedulers, id) ? schedulers[id] : undefined;
  if (!s) throw new Error(`unknown scheduler "${id}" (known: ${Object.keys(schedulers).join(', ')})`);
  return s;
}
