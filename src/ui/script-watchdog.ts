/**
 * The page's guard against a user script that never returns (sim.pm_script, sim.scheduler_script):
 * a synchronous call cannot be interrupted in its own thread, but the simulation runs in a Web
 * Worker, so the page stays responsive and SimRunner can terminate the worker when a run with a
 * script takes longer than SCRIPT_RUN_BUDGET_MS, start a fresh one, and say why.
 */

/** Wall-clock budget of a run that has a user script, ms. */
export const SCRIPT_RUN_BUDGET_MS = 8000;
/** Budget of one call into a script inside the worker (a slow call that returns still fails), ms. */
export const SCRIPT_CALL_BUDGET_MS = 1000;

/** JSON paths of the user scripts in a scenario's text (none for text that is not a scenario). */
export function scriptPaths(scenarioText: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(scenarioText);
  } catch {
    return [];
  }
  const sim = typeof v === 'object' && v !== null ? (v as { sim?: unknown }).sim : undefined;
  if (typeof sim !== 'object' || sim === null) return [];
  return ['scheduler_script', 'pm_script'].filter((k) => (sim as Record<string, unknown>)[k] !== undefined).map((k) => `scenario.sim.${k}.source`);
}
