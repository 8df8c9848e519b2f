/**
 * `npm run sim -- SCENARIO.json --out DIR [--seed N] [--quiet]`: the headless runner (design.md §5).
 *
 * Reads and validates the scenario (every error with its JSON path, exit 2), runs `simulate()`,
 * writes DIR/summary.json and DIR/capture.pcapng through `writeOutputs()`, and prints one JSON line
 * like kernel-ref's `run`: {"status", "exit_code", "summary", "subflows", "stream_equal", "duration_s"}.
 *
 * Exit codes follow kernel-ref: 0 ok · 1 transfer failed or a failed `expect` check · 2 bad scenario
 * or usage · 3 scenario timeout · 4 the simulator itself failed. No stack trace is ever printed.
 *
 * The core is imported lazily, so a bad command line or scenario is reported even while the
 * simulator does not build, and tests can substitute it (MainDeps.loadCore).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseSimArgs, USAGE } from './args';
import { parseScenarioText, MAX_SCENARIO_BYTES } from '../src/core/scenario/json-source';
import type { Scenario } from '../src/core/scenario/types';
import type { ScriptRuntime } from '../src/core/script/types';
import { createVmRuntime } from './script-vm';
import { errorMessage, isEntryPoint } from './common';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_TIMEOUT = 3;
export const EXIT_SIM_ERROR = 4;

/** The part of src/core/index the CLI uses. */
export interface CoreApi {
  simulate(scenario: Scenario, opts: { seed?: number; ignored?: string[]; scripts?: ScriptRuntime }): unknown;
  /**
   * Writes summary.json and capture.pcapng into `outDir`, or returns them as
   * `{ fileName: string | Uint8Array }` for the CLI to write (the core itself has no file system).
   */
  writeOutputs(result: unknown, outDir: string): unknown;
}

export interface MainDeps {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  loadCore?: () => Promise<CoreApi>;
}

interface Checkish {
  check?: unknown;
  pass?: unknown;
  detail?: unknown;
}

async function defaultLoadCore(): Promise<CoreApi> {
  const mod = (await import('../src/core/index')) as unknown as Record<string, unknown>;
  const missing = ['simulate', 'writeOutputs'].filter((k) => typeof mod[k] !== 'function');
  if (missing.length > 0) throw new Error(`src/core/index does not export ${missing.join(' and ')} yet`);
  return mod as unknown as CoreApi;
}

/** Reads the scenario file as UTF-8 text; a string on success, or an error message. */
async function readScenarioFile(file: string): Promise<{ text: string } | { error: string }> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) return { error: `scenario file is a directory: ${file}` };
    if (st.size > MAX_SCENARIO_BYTES) {
      return { error: `scenario file is too large: ${st.size} bytes (the limit is 2 MB = ${MAX_SCENARIO_BYTES} bytes): ${file}` };
    }
    const bytes = await readFile(file);
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { error: `scenario file is not valid UTF-8 text: ${file}` };
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return { error: `scenario file not found: ${file}` };
    if (code === 'EACCES' || code === 'EPERM') return { error: `scenario file cannot be read (permission denied): ${file}` };
    return { error: `scenario file cannot be read: ${file}: ${errorMessage(e)}` };
  }
}

/** Located errors carried by an exception (the core's UnsupportedScenarioError), if any. */
function locatedErrors(e: unknown): { path: string; message: string }[] | null {
  const errs = (e as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errs) || errs.length === 0) return null;
  const out: { path: string; message: string }[] = [];
  for (const x of errs) {
    const p = (x as { path?: unknown }).path;
    const m = (x as { message?: unknown }).message;
    if (typeof p !== 'string' || typeof m !== 'string') return null;
    out.push({ path: p, message: m });
  }
  return out;
}

/** Writes what writeOutputs returned when it hands the files back instead of writing them. */
async function writeReturnedFiles(outDir: string, files: unknown): Promise<void> {
  if (files === undefined || files === null || typeof files !== 'object') return;
  for (const [name, data] of Object.entries(files as Record<string, unknown>)) {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) continue;
    if (basename(name) !== name) throw new Error(`writeOutputs returned a file name with a directory: ${name}`);
    await writeFile(join(outDir, name), data);
  }
}

/** Status and exit code as kernel-ref decides them (timeout, then transfer, then checks). */
export function outcome(summary: Record<string, unknown> | null, checks: readonly Checkish[]): { status: string; exitCode: number } {
  const result = summary?.result as { status?: unknown; exit_code?: unknown } | undefined;
  if (result && typeof result.status === 'string' && typeof result.exit_code === 'number') {
    return { status: result.status, exitCode: result.exit_code };
  }
  const app = summary?.app as { stream_equal?: unknown; error?: unknown } | undefined;
  if (app && (app.stream_equal === false || (app.error !== undefined && app.error !== null))) {
    return { status: 'transfer_failed', exitCode: EXIT_FAILED };
  }
  if (checks.some((c) => c.pass === false)) return { status: 'check_failed', exitCode: EXIT_FAILED };
  return { status: 'ok', exitCode: EXIT_OK };
}

/** The CLI. Returns the exit code; never throws and never prints a stack trace. */
export async function main(argv: readonly string[], deps: MainDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((s: string) => process.stdout.write(s + '\n'));
  const err = deps.stderr ?? ((s: string) => process.stderr.write(s + '\n'));
  try {
    const parsed = parseSimArgs(argv);
    if (parsed.kind === 'help') {
      out(USAGE);
      return EXIT_OK;
    }
    if (parsed.kind === 'error') {
      err(`error: ${parsed.message}`);
      err(USAGE.split('\n')[0]);
      return EXIT_BAD_INPUT;
    }
    const args = parsed.args;
    const log = (s: string): void => {
      if (!args.quiet) err(s);
    };

    const file = await readScenarioFile(args.scenario);
    if ('error' in file) {
      err(`error: ${file.error}`);
      return EXIT_BAD_INPUT;
    }
    const v = parseScenarioText(file.text);
    if (!v.ok) {
      err(`scenario error in ${args.scenario}:`);
      for (const e of v.errors) err(`  ${e.path}: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    const scenario = v.scenario;
    for (const line of v.ignored) log(`ignored: ${line}`);

    let core: CoreApi;
    try {
      core = await (deps.loadCore ?? defaultLoadCore)();
    } catch (e) {
      err(`error: the simulator is not available: ${errorMessage(e)}`);
      return EXIT_SIM_ERROR;
    }

    const seed = args.seed ?? scenario.seed;
    log(`sim: ${scenario.name}, seed ${seed}, ${scenario.paths.length} path(s)`);
    let result: unknown;
    try {
      const t0 = performance.now();
      // user scripts (sim.pm_script, sim.scheduler_script) run in node:vm, each call with a time limit
      result = await core.simulate(scenario, { seed, ignored: v.ignored, scripts: createVmRuntime() });
      // the core never reads a clock: the wall time is measured here and written into the summary
      const res = (result as { summary?: { result?: { wall_time_s?: number | null } } } | null)?.summary?.result;
      if (res) res.wall_time_s = Math.round((performance.now() - t0) / 10) / 100;
    } catch (e) {
      const located = locatedErrors(e);
      if (located) {
        err(`scenario error in ${args.scenario} (${(e as { name?: unknown }).name === 'ScriptError' ? 'a user script failed' : 'not supported by the simulator'}):`);
        for (const x of located) err(`  ${x.path}: ${x.message}`);
        return EXIT_BAD_INPUT;
      }
      err(`error: the simulation failed: ${errorMessage(e)}`);
      return EXIT_SIM_ERROR;
    }

    const outDir = resolve(args.out);
    try {
      await mkdir(outDir, { recursive: true });
      await writeReturnedFiles(outDir, await core.writeOutputs(result, outDir));
    } catch (e) {
      err(`error: cannot write the outputs to ${outDir}: ${errorMessage(e)}`);
      return EXIT_SIM_ERROR;
    }

    const r = (result ?? {}) as { summary?: unknown; checks?: unknown };
    const summary = r.summary && typeof r.summary === 'object' ? (r.summary as Record<string, unknown>) : null;
    const checks = (Array.isArray(r.checks) ? r.checks : Array.isArray(summary?.checks) ? summary.checks : []) as Checkish[];
    const { status, exitCode } = outcome(summary, checks);
    for (const c of checks) log(`check ${c.pass ? 'PASS' : 'FAIL'} ${String(c.check)}: ${String(c.detail ?? '')}`);
    log(`sim: ${status}`);
    const app = (summary?.app ?? {}) as { stream_equal?: unknown; duration_s?: unknown };
    const subflows = Array.isArray(summary?.subflows) ? summary.subflows.length : 0;
    out(
      JSON.stringify({
        status,
        exit_code: exitCode,
        summary: join(outDir, 'summary.json'),
        subflows,
        stream_equal: app.stream_equal ?? null,
        duration_s: app.duration_s ?? null,
      }),
    );
    return exitCode;
  } catch (e) {
    err(`error: ${errorMessage(e)}`);
    return EXIT_SIM_ERROR;
  }
}

if (isEntryPoint(import.meta.url)) {
  const fatal = (e: unknown): void => {
    process.stderr.write(`error: ${errorMessage(e)}\n`);
    process.exit(EXIT_SIM_ERROR);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => fatal(e),
  );
}
