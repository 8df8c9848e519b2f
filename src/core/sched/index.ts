/**
 * Registry of packet schedulers by name. Upstream Linux 6.18 has only "default"
 * (`net.mptcp.available_schedulers`); the others are chosen with the scenario's simulator-only
 * `sim.scheduler` key (design.md: what the kernel lacks goes under `sim`).
 */
import { defaultScheduler } from './default';
import { firstScheduler } from './first';
import { bkupScheduler } from './bkup';
import { rrScheduler } from './rr';
import { redScheduler } from './red';
import { burstScheduler } from './burst';
import { minrttScheduler } from './minrtt';
import { blestScheduler } from './blest';
import { ecfScheduler } from './ecf';
import type { Scheduler } from './types';

export type { SchedCandidate, SchedDecision, SchedReason, SchedSkip, SchedSubflowView, SchedView, Scheduler } from './types';
export { defaultScheduler, TCP_RTO_MIN_NS } from './default';
export { createScriptScheduler, SCHEDULER_SCRIPT_EXPORTS } from './script';
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

/** Linux's "default", the kernel's BPF examples (first, bkup, rr, red, burst) and literature schedulers (minrtt, blest, ecf). */
export const schedulers: Readonly<Record<string, Scheduler>> = {
  default: defaultScheduler,
  first: firstScheduler,
  bkup: bkupScheduler,
  rr: rrScheduler,
  red: redScheduler,
  burst: burstScheduler,
  minrtt: minrttScheduler,
  blest: blestScheduler,
  ecf: ecfScheduler,
};

/** The scheduler named `id`; throws for a name that is not registered. */
export function getScheduler(id: string): Scheduler {
  const s = Object.prototype.hasOwnProperty.call(schedulers, id) ? schedulers[id] : undefined;
  if (!s) throw new Error(`unknown scheduler "${id}" (known: ${Object.keys(schedulers).join(', ')})`);
  return s;
}
