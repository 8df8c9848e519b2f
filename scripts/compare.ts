/**
 * `npm run compare -- SCENARIO.json [--kernel-dir DIR]... [--runs N] [--seed N] [--out DIR] [--json]`
 *
 * Runs one kernel-ref-scenario/1 file on the real Linux kernel (../shared/kernel-ref/run, which needs
 * root, network namespaces and tshark) and in the simulator, and prints a side-by-side table with a
 * verdict per row (the rows and their tolerances: src/core/export/compare-rows.ts).
 *
 * `--kernel-dir DIR` reuses a kernel-ref output directory (its summary.json) instead of running the
 * kernel; give it several times for several runs. `--runs N` runs the kernel N times (emulator seeds
 * seed, seed+1, …) and the simulator with N seeds; exact rows must hold for every simulator run,
 * numeric rows compare means.
 *
 * Exit codes: 0 every row passes · 1 some row fails · 2 bad usage or scenario (or a scenario the
 * simulator does not support) · 4 the kernel side cannot run here, kernel-ref failed, or the
 * simulator failed · 130 interrupted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseScenarioText } from '../src/core/scenario/json-source';
import type { Scenario } from '../src/core/scenario/types';
import { allRowsPass, compareRuns, formatRows, type CompareSummary as Summary } from '../src/core/export/compare-rows';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_KERNEL_REF = resolve(ROOT, '../shared/kernel-ref/run');

export const EXIT_PASS = 0;
export const EXIT_ROWS_FAIL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_ENVIRONMENT = 4;
export const EXIT_INTERRUPTED = 130;

export const USAGE = `usage: npm run compare -- SCENARIO.json [--kernel-dir DIR]... [--runs N] [--seed N] [--out DIR] [--json]

Runs the scenario on the real kernel (kernel-ref) and in the simulator and prints a table
with a verdict per row: subflows, kinds, 4-tuples and address ids, handshake packets, option
counts, signals, MPTcpExt counters, byte share, completion time, goodput, longest stall.

options:
  --kernel-dir DIR   reuse a kernel-ref output directory (DIR/summary.json) instead of running
                     the kernel; may be given several times (one per kernel run)
  --runs N           kernel runs (without --kernel-dir) and simulator seeds, 1..20 (default 1)
  --seed N           first seed (default: the scenario's); run i uses seed + i on both sides
  --out DIR          where kernel-ref and simulator outputs go (default: a new /tmp directory)
  --kernel-ref PATH  the kernel-ref harness (default ../shared/kernel-ref/run, or $KERNEL_REF_RUN)
  --json             print the rows as JSON instead of the table
  --help             show this text

exit codes: 0 every row passes · 1 some row fails · 2 bad usage or scenario
            4 the kernel side cannot run here / kernel-ref or the simulator failed · 130 interrupted`;

export interface CompareArgs {
  scenario: string;
  kernelDirs: string[];
  runs: number;
  seed: number | null;
  out: string | null;
  kernelRef: string;
  json: boolean;
}

class CompareError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Parses argv (without node and the script). Throws CompareError(exit 2) on a usage error; null = --help. */
export function parseCompareArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): CompareArgs | null {
  const a: CompareArgs = { scenario: '', kernelDirs: [], runs: 1, seed: null, out: null, kernelRef: env.KERNEL_REF_RUN ?? DEFAULT_KERNEL_REF, json: false };
  const usage = (m: string) => new CompareError(`${m}\n${USAGE.split('\n')[0]}`, EXIT_BAD_INPUT);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw usage(`${name} needs a value`);
      return v;
    };
    const int = (lo: number, hi: number): number => {
      const v = value();
      if (!/^-?[0-9]+$/.test(v) || Number(v) < lo || Number(v) > hi) throw usage(`${name} must be an integer in ${lo}..${hi} (got '${v}')`);
      return Number(v);
    };
    switch (name) {
      case '--help':
      case '-h':
        return null;
      case '--kernel-dir':
        a.kernelDirs.push(value());
        break;
      case '--runs':
        a.runs = int(1, 20);
        break;
      case '--seed':
        a.seed = int(0, 2 ** 31 - 1);
        break;
      case '--out':
        a.out = value();
        break;
      case '--kernel-ref':
        a.kernelRef = value();
        break;
      case '--json':
        a.json = true;
        break;
      default:
        if (arg.startsWith('-')) throw usage(`unknown option ${arg}`);
        if (a.scenario) throw usage(`only one scenario file may be given (got '${a.scenario}' and '${arg}')`);
        a.scenario = arg;
    }
  }
  if (!a.scenario) throw usage('no scenario file given');
  return a;
}

function readScenario(file: string): { scenario: Scenario; raw: Record<string, unknown> } {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new CompareError(`scenario file is a directory: ${file}`, EXIT_BAD_INPUT);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CompareError) throw e;
    const code = (e as { code?: string }).code;
    throw new CompareError(code === 'ENOENT' ? `scenario file not found: ${file}` : `scenario file cannot be read: ${file}: ${(e as Error).message}`, EXIT_BAD_INPUT);
  }
  const v = parseScenarioText(text);
  if (!v.ok) throw new CompareError(`scenario error in ${file}:\n${v.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`, EXIT_BAD_INPUT);
  return { scenario: v.scenario, raw: JSON.parse(text) as Record<string, unknown> };
}

function readKernelDir(dir: string): Summary {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) throw new CompareError(`no kernel-ref result in ${dir}: ${file} does not exist`, EXIT_BAD_INPUT);
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Summary;
    if (s.schema !== 'kernel-ref-summary/1') throw new Error(`schema is ${JSON.stringify(s.schema)}, not kernel-ref-summary/1`);
    return s;
  } catch (e) {
    throw new CompareError(`cannot read the kernel-ref result ${file}: ${(e as Error).message}`, EXIT_BAD_INPUT);
  }
}

/** Why the kernel side cannot run on this machine, or null when it can. */
export function kernelPreflight(kernelRef: string): string | null {
  const why = (m: string) => `the kernel side cannot run here: ${m}. Pass --kernel-dir DIR with a stored kernel-ref result (e.g. ../shared/kernel-ref/results/NAME) to compare without running the kernel.`;
  if (!existsSync(kernelRef)) return why(`the kernel-ref harness is not at ${kernelRef} (set --kernel-ref or $KERNEL_REF_RUN)`);
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0) return why(`kernel-ref needs root for network namespaces, and this process runs as uid ${uid}`);
  if (!existsSync('/proc/sys/net/mptcp/enabled')) return why('this kernel has no MPTCP (/proc/sys/net/mptcp is missing)');
  const ns = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (ns.error || ns.status !== 0) return why(`network namespaces are not available ('ip netns list' failed: ${ns.error?.message ?? ns.stderr.trim()})`);
  return null;
}

function runKernelRef(kernelRef: string, scenarioFile: string, outDir: string, log: (s: string) => void): Promise<{ code: number; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(kernelRef, [scenarioFile, '--out', outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) log(`  kernel-ref: ${line.trim()}`);
    });
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code: code ?? (signal ? 128 : 1), stderr }));
  });
}

/** Runs kernel-ref `args.runs` times (seeds firstSeed, firstSeed + 1, …) and reads the summaries. */
async function runKernel(args: CompareArgs, raw: Record<string, unknown>, firstSeed: number, outDir: string, log: (s: string) => void): Promise<Summary[]> {
  const out: Summary[] = [];
  for (let i = 0; i < args.runs; i++) {
    const seed = firstSeed + i;
    const scen = join(outDir, `scenario-seed${seed}.json`);
    writeFileSync(scen, JSON.stringify({ ...raw, seed }, null, 2) + '\n');
    const dir = join(outDir, `kernel-seed${seed}`);
    log(`kernel-ref run ${i + 1}/${args.runs} (seed ${seed}) → ${dir}`);
    const t0 = Date.now();
    const r = await runKernelRef(args.kernelRef, scen, dir, log);
    const tail = r.stderr.trim().split('\n').slice(-12).join('\n');
    if (r.code === 130 || r.code === 129 || r.code === 143) throw new CompareError('interrupted while kernel-ref was running', EXIT_INTERRUPTED);
    if (r.code === 2) throw new CompareError(`kernel-ref rejected the scenario (exit 2):\n${tail}`, EXIT_BAD_INPUT);
    if (r.code === 4) throw new CompareError(`the kernel side cannot run here: kernel-ref reported an environment problem (exit 4):\n${tail}`, EXIT_ENVIRONMENT);
    if (!existsSync(join(dir, 'summary.json'))) throw new CompareError(`kernel-ref failed (exit ${r.code}) and wrote no summary.json:\n${tail}`, EXIT_ENVIRONMENT);
    if (r.code !== 0) log(`  kernel-ref exit ${r.code} (1 = transfer or expect check failed, 3 = timeout): compared as it is`);
    log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    out.push(readKernelDir(dir));
  }
  return out;
}

interface CoreApi {
  simulate(scenario: Scenario, opts: { seed?: number }): { summary: Summary | null };
  writeOutputs(result: unknown): Record<string, string | Uint8Array>;
}

async function simRuns(scenario: Scenario, runs: number, firstSeed: number, outDir: string, log: (s: string) => void): Promise<Summary[]> {
  let core: CoreApi;
  try {
    core = (await import('../src/core/index')) as unknown as CoreApi;
  } catch (e) {
    throw new CompareError(`the simulator is not available: ${(e as Error).message}`, EXIT_ENVIRONMENT);
  }
  const out: Summary[] = [];
  for (let i = 0; i < runs; i++) {
    const seed = firstSeed + i;
    const dir = join(outDir, `sim-seed${seed}`);
    log(`simulator run ${i + 1}/${runs} (seed ${seed}) → ${dir}`);
    let result: { summary: Summary | null };
    try {
      result = core.simulate(scenario, { seed });
    } catch (e) {
      const errs = (e as { errors?: { path: string; message: string }[] }).errors;
      if (Array.isArray(errs)) throw new CompareError(`the simulator does not support this scenario:\n${errs.map((x) => `  ${x.path}: ${x.message}`).join('\n')}`, EXIT_BAD_INPUT);
      throw new CompareError(`the simulation failed: ${(e as Error).message}`, EXIT_ENVIRONMENT);
    }
    if (!result.summary) throw new CompareError('the simulator returned no summary', EXIT_ENVIRONMENT);
    mkdirSync(dir, { recursive: true });
    for (const [name, data] of Object.entries(core.writeOutputs(result))) writeFileSync(join(dir, name), data);
    out.push(result.summary);
  }
  return out;
}

/** The command. Returns the exit code; prints the table (or JSON) to `out`, progress and errors to `err`. */
export async function main(argv: readonly string[], io: { out?: (s: string) => void; err?: (s: string) => void } = {}): Promise<number> {
  const out = io.out ?? ((s: string) => process.stdout.write(s + '\n'));
  const err = io.err ?? ((s: string) => process.stderr.write(s + '\n'));
  try {
    const args = parseCompareArgs(argv);
    if (!args) {
      out(USAGE);
      return EXIT_PASS;
    }
    const { scenario, raw } = readScenario(args.scenario);
    const firstSeed = args.seed ?? scenario.seed;
    // stored kernel results are read, or the kernel side checked, before anything runs
    const stored = args.kernelDirs.map(readKernelDir);
    if (stored.length === 0) {
      const problem = kernelPreflight(args.kernelRef);
      if (problem) throw new CompareError(problem, EXIT_ENVIRONMENT);
    }
    const outDir = args.out ? resolve(args.out) : mkdtempSync(join(tmpdir(), `mptcp-compare-${scenario.name}-`));
    mkdirSync(outDir, { recursive: true });
    const log = (s: string) => err(s);
    log(`compare: ${scenario.name} → ${outDir}`);
    const sims = await simRuns(scenario, args.runs, firstSeed, outDir, log);
    const kernels = stored.length > 0 ? stored : await runKernel(args, raw, firstSeed, outDir, log);
    for (const k of kernels) {
      if (k.scenario_name !== undefined && k.scenario_name !== scenario.name) log(`warning: a kernel result is of scenario '${k.scenario_name}', not '${scenario.name}'`);
    }
    const rows = compareRuns(kernels, sims);
    if (args.json) out(JSON.stringify({ scenario: scenario.name, kernel_runs: kernels.length, sim_runs: sims.length, pass: allRowsPass(rows), rows }, null, 1));
    else {
      out(`${scenario.name}: ${kernels.length} kernel run(s) (${kernels[0]?.environment?.kernel ?? 'kernel ?'}) vs ${sims.length} simulator run(s)`);
      out(formatRows(rows));
    }
    return allRowsPass(rows) ? EXIT_PASS : EXIT_ROWS_FAIL;
  } catch (e) {
    if (e instanceof CompareError) {
      err(`error: ${e.message}`);
      return e.exitCode;
    }
    err(`error: ${(e as Error)?.message ?? String(e)}`);
    return EXIT_ENVIRONMENT;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
