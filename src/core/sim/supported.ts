/**
 * What the simulator can run today. A scenario that needs a feature not modelled yet gets a clear,
 * located refusal, never a silent downgrade (a "tcp" run passed off as MPTCP would teach the wrong thing).
 */
import type { Scenario } from '../scenario/types';

export interface Unsupported {
  path: string;
  message: string;
}

export function unsupportedFeatures(sc: Scenario): Unsupported[] {
  const out: Unsupported[] = [];
  const cc = sc.app.congestion_control;
  if (cc !== null && cc !== 'cubic' && cc !== 'reno') {
    out.push({ path: 'scenario.app.congestion_control', message: `"${cc}" is not modelled: use "cubic" or "reno"` });
  }
  sc.paths.forEach((p, i) => {
    if (p.tbf) out.push({ path: `scenario.paths[${i}].tbf`, message: 'tbf shaping is not modelled yet' });
  });
  return out;
}
