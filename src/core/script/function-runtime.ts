/**
 * The in-thread sandbox: compiles a script with the `Function` constructor around the shadowing
 * wrapper (wrapper.ts) and calls what it defines. Used by the page's worker and by tests; the CLI
 * uses `node:vm` instead (cli/script-vm.ts), which can also interrupt an endless loop.
 *
 * A synchronous call cannot be interrupted in its own thread, so this runtime only *measures* each
 * call with the clock it is given (never its own: the core reads no clock) and fails a call that
 * ran past its budget once it returns; an endless loop is ended from outside by terminating the
 * worker (the page's SimRunner watchdog).
 */
import { ScriptFault, type CompiledScript, type ScriptRuntime, type ScriptSpec } from './types';
import { toPlain, wrapperBody, wrapperParams } from './wrapper';

export interface FunctionRuntimeOptions {
  /** Wall clock in ms (performance.now in the page); without it no budget is enforced. */
  clock?: () => number;
  /** Longest a single call (or the top level at compile time) may run, ms. Default 1000. */
  callBudgetMs?: number;
}

/** The message of whatever was thrown. */
export function thrownMessage(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  try {
    return `uncaught ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`;
  } catch {
    return 'uncaught value';
  }
}

let lineDelta: number | null = null;
/** How many lines the engine reports before the user's line 1 (measured once with a probe). */
function reportedLineDelta(): number {
  if (lineDelta !== null) return lineDelta;
  try {
    // the sandbox compiles user code on purpose (new Function)
    const f = new Function(...wrapperParams(), wrapperBody('throw new Error("probe");', [])) as () => unknown;
    f();
  } catch (e) {
    const m = lineFromStack(e, 0);
    lineDelta = m === null ? 0 : m - 1;
  }
  return lineDelta ?? 0;
}

/** The first `<anonymous>:LINE:COL` of a stack (V8's name for Function-constructor code), minus `delta`. */
function lineFromStack(e: unknown, delta: number): number | null {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  const m = /<anonymous>:(\d+):\d+/.exec(stack) ?? /Function:(\d+):\d+/.exec(stack);
  if (!m) return null;
  const line = Number(m[1]) - delta;
  return line >= 1 ? line : null;
}

export function createFunctionRuntime(opts: FunctionRuntimeOptions = {}): ScriptRuntime {
  const budget = opts.callBudgetMs ?? 1000;
  const clock = opts.clock;

  function timed<T>(what: string, run: () => T): T {
    const t0 = clock?.() ?? 0;
    const out = run();
    if (clock) {
      const ms = clock() - t0;
      if (ms > budget) throw new ScriptFault(`${what} ran for ${Math.round(ms)} ms, more than its budget of ${budget} ms`, 'timeout');
    }
    return out;
  }

  return {
    compile(spec: ScriptSpec): CompiledScript {
      const delta = reportedLineDelta();
      let outer: (...a: unknown[]) => unknown;
      try {
    // the sandbox compiles user code on purpose (new Function)
        outer = new Function(...wrapperParams(), wrapperBody(spec.source, spec.exports)) as (...a: unknown[]) => unknown;
      } catch (e) {
        throw new ScriptFault(thrownMessage(e), 'syntax', lineFromStack(e, delta));
      }
      const args: unknown[] = wrapperParams().map(() => undefined);
      args[args.length - 1] = spec.seed >>> 0;
      let table: Record<string, unknown>;
      try {
        table = timed('the top level of the script', () => outer(...args)) as Record<string, unknown>;
      } catch (e) {
        if (e instanceof ScriptFault) throw e;
        throw new ScriptFault(thrownMessage(e), 'throw', lineFromStack(e, delta));
      }
      if (typeof table !== 'object' || table === null) throw new ScriptFault('the top level of the script returned early (a `return` outside any function?)', 'result');
      const fns = new Map<string, (...a: unknown[]) => unknown>();
      for (const n of spec.exports) if (typeof table[n] === 'function') fns.set(n, table[n] as (...a: unknown[]) => unknown);
      return {
        defined: new Set(fns.keys()),
        call(name: string, callArgs: readonly unknown[]): unknown {
          const fn = fns.get(name);
          if (!fn) throw new ScriptFault(`the script defines no function ${name}`, 'result');
          try {
            return timed(name, () => {
              const r = fn(...callArgs);
              try {
                return toPlain(r);
              } catch (e) {
                throw new ScriptFault(`${name} returned a value that is not plain data (${thrownMessage(e)})`, 'result');
              }
            });
          } catch (e) {
            if (e instanceof ScriptFault) throw e;
            throw new ScriptFault(thrownMessage(e), 'throw', lineFromStack(e, delta));
          }
        },
      };
    },
  };
}
