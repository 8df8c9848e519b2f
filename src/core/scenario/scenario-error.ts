/**
 * The result of loading a scenario: the normalised Scenario, or every problem found, each located by
 * its JSON path in kernel-ref's notation (`scenario.paths[0].c2s.loss_pct`).
 */
import type { Scenario } from './types';

export interface ScenarioError {
  /** JSON path of the offending value, e.g. `scenario.events[2].flags`; `scenario` for the whole text. */
  path: string;
  message: string;
}

export interface ValidationOk {
  ok: true;
  scenario: Scenario;
  /** Harness-only keys that were given and mean nothing in the simulator, each `PATH: reason`. */
  ignored: string[];
}

export interface ValidationFailed {
  ok: false;
  errors: ScenarioError[];
}

export type ValidationResult = ValidationOk | ValidationFailed;

/** One line per error, `PATH: message`, as kernel-ref prints them. */
export function describeErrors(errors: readonly ScenarioError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
