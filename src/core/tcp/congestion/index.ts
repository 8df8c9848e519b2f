/**
 * Registry of the congestion-control algorithms, by their Linux names (`net.ipv4.
 * tcp_available_congestion_control`, `TCP_CONGESTION`). Upstream Linux MPTCP has no coupled
 * controller: each subflow runs the socket's algorithm (reference/kernel.md §7).
 */
import { cubic } from './cubic';
import { reno } from './reno';
import type { CongestionAlgorithm, CongestionControl } from './types';

export type { CaEvent, CaState, CcSocket, CongestionAlgorithm, CongestionControl } from './types';
export { TCP_INFINITE_SSTHRESH } from './types';
export { createReno, reno } from './reno';
export { createCubic, cubic, CUBIC_DEFAULTS, type CubicParams, type CubicCounters } from './cubic';

export const congestionAlgorithms: Record<string, CongestionAlgorithm> = {
  reno,
  cubic,
};

/** A new controller for one socket; throws for a name that is not registered. */
export function createCongestionControl(id: string): CongestionControl {
  const algorithm = Object.prototype.hasOwnProperty.call(congestionAlgorithms, id) ? congestionAlgorithms[id] : undefined;
  if (!algorithm) {
    const known = Object.keys(congestionAlgorithms).join(', ');
    throw new Error(`unknown congestion control "${id}" (known: ${known})`);
  }
  return algorithm.create();
}
