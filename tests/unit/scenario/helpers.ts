// Shared fixtures for the scenario tests: a small valid scenario to mutate.
import { parseScenarioText, validateScenario, type ScenarioError } from '../../../src/core/scenario/index';

export function baseScenario(): Record<string, any> {
  return {
    schema: 'kernel-ref-scenario/1',
    name: 'two-paths',
    paths: [
      { name: 'fast', delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
      { name: 'slow', delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
    ],
    client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
    server: { limits: { subflows: 2 } },
    app: { bytes: 1000000 },
  };
}

/** Errors of a mutated base scenario (fails the test if it validates). */
export function errorsOf(mutate: (s: Record<string, any>) => void): ScenarioError[] {
  const s = baseScenario();
  mutate(s);
  const r = validateScenario(s);
  if (r.ok) throw new Error('expected validation errors, got a valid scenario');
  return r.errors;
}

/** Errors of JSON text (keeps the int/float spelling, like kernel-ref's json.load). */
export function errorsOfText(text: string): ScenarioError[] {
  const r = parseScenarioText(text);
  if (r.ok) throw new Error('expected validation errors, got a valid scenario');
  return r.errors;
}

/** The normalised scenario of a mutated base scenario (fails the test on errors). */
export function validOf(mutate: (s: Record<string, any>) => void = () => {}) {
  const s = baseScenario();
  mutate(s);
  const r = validateScenario(s);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r;
}

export const e = (path: string, message: string): ScenarioError => ({ path, message });
