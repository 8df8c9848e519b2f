/**
 * The CLI's sandbox for user scripts (sim.pm_script, sim.scheduler_script): each script runs in its
 * own `node:vm` context — its own globals, none of the host's objects — and every call is a timed
 * `runInContext`, so an endless loop ends with a clear error after `callBudgetMs` instead of hanging
 * the run. Arguments go in and results come out as JSON text, so no host object (and no host
 * `Function` constructor) is ever reachable from the script. Errors are turned into text inside the
 * context, within the same time limit.
 */
import vm from 'node:vm';
import { ScriptFault, type CompiledScript, type ScriptRuntime, type ScriptSpec } from '../src/core/script/types';
import { wrapperBody, wrapperParams } from '../src/core/script/wrapper';

export interface VmRuntimeOptions {
  /** Longest a single call (or the script's top level) may run, ms. Default 1000. */
  callBudgetMs?: number;
}

/** Inside the context: run `__call()`, answer JSON `{ok, value}` or `{error, stack}` (all within the time limit). */
const CALL = `(() => { try { const r = __fns[__name](...JSON.parse(__args)); const s = JSON.stringify(r); return s === undefined ? '{"ok":true}' : '{"ok":true,"value":' + s + '}'; } catch (e) { let m, st; try { m = (e instanceof Error) ? e.name + ': ' + e.message : 'uncaught ' + (typeof e === 'string' ? JSON.stringify(e) : String(e)); st = (e instanceof Error) ? String(e.stack) : ''; } catch (_) { m = 'uncaught value'; st = ''; } return JSON.stringify({ error: String(m), stack: String(st) }); } })()`;

/** `FILE:LINE` of the first stack frame in the script's file. */
function lineOf(stack: string, file: string, delta: number): number | null {
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${esc}:(\\d+)`).exec(stack);
  if (!m) return null;
  const line = Number(m[1]) - delta;
  return line >= 1 ? line : null;
}

export function createVmRuntime(opts: VmRuntimeOptions = {}): ScriptRuntime {
  const timeout = opts.callBudgetMs ?? 1000;
  const callScript = new vm.Script(CALL, { filename: 'mptcp-script-call' });
  return {
    compile(spec: ScriptSpec): CompiledScript {
      const file = spec.path;
      const ctx = vm.createContext(Object.create(null) as object, { codeGeneration: { strings: false, wasm: false } });
      // outer function: line 1 is its header, the wrapper's preamble line 2, the user's line 1 is line 3
      const params = wrapperParams();
      const code = `__fns = (function (${params.join(', ')}) {\n${wrapperBody(spec.source, spec.exports)}\n})(${params.map((p, i) => (i === params.length - 1 ? String(spec.seed >>> 0) : 'undefined')).join(', ')});`;
      const delta = 2;
      let script: vm.Script;
      try {
        script = new vm.Script(code, { filename: file });
      } catch (e) {
        const stack = e instanceof Error ? String(e.stack) : '';
        throw new ScriptFault(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 'syntax', lineOf(stack, file, delta));
      }
      try {
        script.runInContext(ctx, { timeout });
      } catch (e) {
        const err = e as { code?: string; name?: string; message?: string; stack?: string };
        if (err?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new ScriptFault(`the top level of the script ran for more than its budget of ${timeout} ms (an endless loop?)`, 'timeout');
        // an error object of the context: read only its plain strings
        const msg = typeof err?.message === 'string' ? `${String(err.name)}: ${err.message}` : 'uncaught value';
        throw new ScriptFault(msg, 'throw', lineOf(typeof err?.stack === 'string' ? err.stack : '', file, delta));
      }
      const table = vm.runInContext(`(() => { const o = []; for (const k of Object.keys(__fns)) if (typeof __fns[k] === 'function') o.push(k); return o.join(','); })()`, ctx, { timeout }) as unknown;
      if (typeof table !== 'string') throw new ScriptFault('the top level of the script returned early (a `return` outside any function?)', 'result');
      const defined = new Set(table === '' ? [] : table.split(','));
      const c = ctx as Record<string, unknown>;
      return {
        defined,
        call(name: string, args: readonly unknown[]): unknown {
          if (!defined.has(name)) throw new ScriptFault(`the script defines no function ${name}`, 'result');
          c.__name = name;
          c.__args = JSON.stringify(args);
          let out: unknown;
          try {
            out = callScript.runInContext(ctx, { timeout });
          } catch (e) {
            if ((e as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new ScriptFault(`${name} ran for more than its budget of ${timeout} ms (an endless loop?)`, 'timeout');
            throw new ScriptFault(`${name} failed: ${e instanceof Error ? e.message : 'uncaught value'}`, 'throw');
          }
          let parsed: { ok?: boolean; value?: unknown; error?: string; stack?: string };
          try {
            parsed = JSON.parse(String(out)) as typeof parsed;
          } catch {
            throw new ScriptFault(`${name} returned a value that is not plain data`, 'result');
          }
          if (parsed.ok) return parsed.value;
          const msg = String(parsed.error);
          // JSON.stringify's own failures (cycles, BigInt) are a bad result, not a throw of the script
          if (/^TypeError: (Converting circular|Do not know how to serialize a BigInt)/.test(msg) && !lineOf(String(parsed.stack), file, delta)) {
            throw new ScriptFault(`${name} returned a value that is not plain data (${msg})`, 'result');
          }
          throw new ScriptFault(msg, 'throw', lineOf(String(parsed.stack), file, delta));
        },
      };
    },
  };
}
