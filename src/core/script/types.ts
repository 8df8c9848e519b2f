/**
 * The contract between the simulation and the sandbox that runs a user's JavaScript (issue 4: a
 * user-scripted path manager and packet scheduler). The core never evaluates code itself with a
 * clock: a `ScriptRuntime` is passed in by whoever runs the simulation (the page's worker, the CLI,
 * a test), and it alone knows about wall-clock budgets (RunOptions.scripts).
 *
 * A runtime compiles one script source once per run and then calls the functions it defines with
 * plain data (JSON values) and returns plain data; anything else it turns into a `ScriptFault`.
 */
import type { Side } from '../sim/trace';

/** What a scenario asks to run: where it came from (for located errors) and which functions it must define. */
export interface ScriptSpec {
  /** 'scheduler' (sim.scheduler_script) or 'pm' (sim.pm_script). */
  readonly kind: 'scheduler' | 'pm';
  readonly side: Side;
  /** The JavaScript text. */
  readonly source: string;
  /** JSON path of the source in the scenario, e.g. `scenario.sim.pm_script.source`. */
  readonly path: string;
  /** Functions the script may define (the first one is required). */
  readonly exports: readonly string[];
  /** Seed of the script's own Math.random (derived from the run's seed). */
  readonly seed: number;
}

/** A compiled script: the functions it defines, callable with plain data. */
export interface CompiledScript {
  /** Names of the requested functions the script defines. */
  readonly defined: ReadonlySet<string>;
  /**
   * Call one function. Arguments are JSON-like plain data; the result comes back as plain data
   * (a JSON round trip: functions dropped, cycles refused). Throws a ScriptFault.
   */
  call(name: string, args: readonly unknown[]): unknown;
}

export interface ScriptRuntime {
  /** Compile (and run the top level of) a script once; throws a ScriptFault. */
  compile(spec: ScriptSpec): CompiledScript;
}

export type ScriptFaultKind = 'syntax' | 'throw' | 'timeout' | 'result';

/** What went wrong inside the sandbox: a syntax error, an exception, a budget overrun, or an unreadable result. */
export class ScriptFault extends Error {
  constructor(
    message: string,
    readonly kind: ScriptFaultKind,
    /** 1-based line in the user's source, when known. */
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'ScriptFault';
  }
}
