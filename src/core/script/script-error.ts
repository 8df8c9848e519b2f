/**
 * The located error that stops a run when a user script fails (throws, loops past its budget,
 * returns garbage): it names the script (its JSON path in the scenario), the simulated time and
 * the event or decision it was handling, and what was wrong. It carries `errors` like
 * UnsupportedScenarioError, so the CLI prints `path: message` lines (exit 2) and the page's worker
 * answers with a located problem instead of a crash.
 */
import { toSeconds, type Nanos } from '../sim/time';

export class ScriptError extends Error {
  readonly errors: { path: string; message: string }[];

  constructor(
    /** JSON path of the script source, e.g. `scenario.sim.scheduler_script.source`. */
    readonly path: string,
    /** What went wrong, e.g. `pickSend returned "fast": expected a subflow id, null, or {subflow, reason}`. */
    readonly detail: string,
    /** Simulated time of the call (ns), null when compiling. */
    readonly t: Nanos | null,
    /** What the script was handling, e.g. `pickSend` or `onEvent(ESTABLISHED)`. */
    readonly during: string,
    /** 1-based line of the user's source, when known. */
    readonly line: number | null = null,
  ) {
    const where = t === null ? `while compiling` : `at t=${toSeconds(t).toFixed(6)} s in ${during}`;
    const msg = `${where}${line !== null ? ` (line ${line})` : ''}: ${detail}`;
    super(`${path}: ${msg}`);
    this.name = 'ScriptError';
    this.errors = [{ path, message: msg }];
  }
}
