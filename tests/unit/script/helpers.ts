/** Scenarios for the script tests: two or three 10 Mbit/s paths, small transfers. */
import { validateScenario } from '../../../src/core/scenario';
import type { Scenario } from '../../../src/core/scenario/types';

export function scenarioOf(raw: Record<string, unknown>): Scenario {
  const v = validateScenario({ schema: 'kernel-ref-scenario/1', name: 'script-test', seed: 3, ...raw });
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return v.scenario;
}

export function errorsFor(raw: Record<string, unknown>): string[] {
  const v = validateScenario({ schema: 'kernel-ref-scenario/1', name: 'script-test', ...raw });
  return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
}

export const twoPaths = [
  { name: 'fast', delay_ms: 10, rate_mbit: 10, queue_pkts: 100 },
  { name: 'slow', delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
];

/** Two paths, a client subflow endpoint on path 2: the in-kernel PM opens a second subflow. */
export function twoSubflows(sim: Record<string, unknown>, bytes = 600000): Scenario {
  return scenarioOf({
    paths: twoPaths,
    client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
    server: { limits: { subflows: 2, add_addr_accepted: 0 } },
    app: { direction: 'upload', bytes },
    sim,
  });
}
