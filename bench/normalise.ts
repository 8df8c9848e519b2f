/** A workload's scenario object → the normalised Scenario, or an error listing every problem. */
import { describeErrors, validateScenario, type Scenario } from '../src/core/scenario/index';

export function normaliseScenario(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(`invalid scenario:\n${describeErrors(v.errors)}`);
  return v.scenario;
}
