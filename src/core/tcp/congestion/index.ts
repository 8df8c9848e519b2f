/**
 * Registry of the congestion-control algorithms, by their Linux names (`net.ipv4.
 * tcp_available_congestion_control`, `TCP_CONGESTION`). Upstream Linux MPTCP has no coupled
 * controller: each subflow runs the socket's algorithm (reference/kernel.md §7).
 */
import { cubic } from './cubic';
import { reno } from './reno';
import { lia } from './lia';
import { olia } from './olia';
import { balia } from './balia';
import type { CongestionAlgorithm, CongestionControl } from './types';

export type { CaEvent, CaState, CcSocket, CongestionAlgorithm, CongestionControl } from './types';
export { TCP_INFINITE_SSTHRESH } from './types';
export { createReno, reno } from './reno';
export { createCubic, cubic, CUBIC_DEFAULTS, type CubicParams, type CubicCounters } from './cubic';

export { CoupledGroup, isCoupled, type CoupledControl } from './coupled';

/** Linux's reno and cubic, and the coupled MPTCP algorithms lia, olia, balia (simulator-only, `sim.congestion_control`). */
export const congestionAlgorithms: Record<string, CongestionAlgorithm> = {
  reno,
  cubic,
  lia,
  olia,
  balia,
};

/** The coupled algorithms: only MPTCP subflows (grouped per connection) can use them. */
export const COUPLED_ALGORITHMS = ['lia', 'olia', 'balia'] as const;

/** A new controller for one socket; throws for a name that is not registered. */
export function createCongestionControl(id: string): CongestionControl {
  const algorithm = Object.prototype.hasOwnProperty.call(congestionAlgorithms, id) ? congestionAlgorithms[id] : undefined;
  if (!algorithm) {
    const known = Object.keys(congestionAlgorithms).join(', ');
    throw new Error(`unknown congestion control "${id}" (known: ${known})`);
  }
  return algorithm.create();
}
