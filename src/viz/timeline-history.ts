/**
 * Undo/redo of interventions: a stack of scenario versions (normalised scenarios) and the one shown.
 * An intervention pushes a version (dropping any redo); undo/redo move along the stack and the page
 * re-runs the version they land on. A run that is none of the versions (the learner edited the
 * scenario and pressed Run) starts a new history. Immutable values, so a Svelte `$state.raw` holds them.
 */
import type { Scenario } from '../core/scenario/types';

export interface ScenarioHistory {
  readonly versions: readonly Scenario[];
  /** JSON of each version, to recognise a run's scenario. */
  readonly keys: readonly string[];
  /** The version on screen (or being computed). */
  readonly index: number;
}

export const EMPTY_HISTORY: ScenarioHistory = { versions: [], keys: [], index: -1 };

export function scenarioKey(sc: Scenario): string {
  return JSON.stringify(sc);
}

/** A run of `sc` finished: point at its version, or start over from it. */
export function historySync(h: ScenarioHistory, sc: Scenario): ScenarioHistory {
  const key = scenarioKey(sc);
  if (h.keys[h.index] === key) return h;
  const i = h.keys.indexOf(key);
  if (i >= 0) return { ...h, index: i };
  return { versions: [sc], keys: [key], index: 0 };
}

/** A new version after the current one; the versions that were ahead (redo) are dropped. */
export function historyPush(h: ScenarioHistory, sc: Scenario): ScenarioHistory {
  const keep = h.index + 1;
  return { versions: [...h.versions.slice(0, keep), sc], keys: [...h.keys.slice(0, keep), scenarioKey(sc)], index: keep };
}

export function canUndo(h: ScenarioHistory): boolean {
  return h.index > 0;
}

export function canRedo(h: ScenarioHistory): boolean {
  return h.index >= 0 && h.index < h.versions.length - 1;
}

/** Move back (−1) or forward (+1); unchanged when there is nowhere to go. */
export function historyMove(h: ScenarioHistory, delta: -1 | 1): ScenarioHistory {
  const index = h.index + delta;
  if (index < 0 || index >= h.versions.length) return h;
  return { ...h, index };
}
