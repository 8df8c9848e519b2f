/**
 * One guarded call into a user script from the simulation: a ScriptFault from the sandbox, or a
 * result the caller finds wrong, becomes a ScriptError naming the script, the simulated time and
 * what it was handling — which stops the run with a located error.
 */
import type { Nanos } from '../sim/time';
import { ScriptError } from './script-error';
import { ScriptFault, type CompiledScript, type ScriptRuntime, type ScriptSpec } from './types';

/** Compile `spec` with `runtime`; a fault (or a missing required function) is a ScriptError "while compiling". */
export function compileScript(runtime: ScriptRuntime, spec: ScriptSpec): CompiledScript {
  let s: CompiledScript;
  try {
    s = runtime.compile(spec);
  } catch (e) {
    if (e instanceof ScriptFault) throw new ScriptError(spec.path, e.message, null, 'compile', e.line);
    throw e;
  }
  const required = spec.exports[0];
  if (!s.defined.has(required)) {
    throw new ScriptError(spec.path, `the script must define a function ${required}(…) (it may also define ${spec.exports.slice(1).join(', ') || 'nothing else'})`, null, 'compile');
  }
  return s;
}

/** Call `name` at simulated time `t`; faults become ScriptErrors. */
export function callScript(script: CompiledScript, spec: ScriptSpec, t: Nanos, during: string, name: string, args: readonly unknown[]): unknown {
  try {
    return script.call(name, args);
  } catch (e) {
    if (e instanceof ScriptFault) throw new ScriptError(spec.path, e.message, t, during, e.line);
    throw e;
  }
}

/** A short, safe rendering of a returned value for an error message. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
