/**
 * `npm run lab -- SCENARIO.json [--lang en|zh] [--out FILE]`: export a scenario as a Linux lab
 * script (src/core/linux/lab-export.ts). The script goes to FILE (made executable) or to stdout;
 * the warnings — what the script cannot reproduce, each with its JSON path — go to stderr.
 *
 * Exit codes as `npm run sim`: 0 ok · 2 bad scenario or usage (every error with its JSON path).
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportLab, type LabLang } from '../src/core/linux/lab-export';
import { MAX_SCENARIO_BYTES, parseScenarioText } from '../src/core/scenario/json-source';
import { isEntryPoint } from './common';

export const LAB_USAGE = `usage: npm run lab -- SCENARIO.json [--lang en|zh] [--out FILE]

Writes a bash script that builds the scenario on a real Linux machine (network namespaces, veth
pairs, tc shaping, ip mptcp endpoints and limits, sysctls, timed events), runs the transfer,
captures it and prints the subflows the kernel opened. Run it as root: sudo bash FILE [OUTPUT_DIR].

options:
  --lang en|zh  language of the script's comments and messages (default en)
  --out FILE    write the script to FILE (default: stdout)
  --help        show this text`;

export interface LabMainDeps {
  stdout?: (s: string) => void;
  stderr?: (line: string) => void;
}

type LabArgs = { scenario: string; lang: LabLang; out: string | null };

export function parseLabArgs(argv: readonly string[]): { kind: 'run'; args: LabArgs } | { kind: 'help' } | { kind: 'error'; message: string } {
  let scenario: string | null = null;
  let lang: LabLang = 'en';
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string | null => (eq >= 0 ? arg.slice(eq + 1) : (argv[++i] ?? null));
    if (name === '--help' || name === '-h') return { kind: 'help' };
    if (name === '--lang') {
      const v = value();
      if (v !== 'en' && v !== 'zh') return { kind: 'error', message: `--lang must be en or zh, got '${v ?? ''}'` };
      lang = v;
    } else if (name === '--out') {
      const v = value();
      if (!v) return { kind: 'error', message: '--out needs a file name' };
      out = v;
    } else if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `unknown option '${name}'` };
    else if (scenario !== null) return { kind: 'error', message: `only one scenario file may be given (got '${scenario}' and '${arg}')` };
    else scenario = arg;
  }
  if (scenario === null) return { kind: 'error', message: 'a scenario file is required' };
  return { kind: 'run', args: { scenario, lang, out } };
}

/** The CLI; returns the exit code and never throws. */
export async function labMain(argv: readonly string[], deps: LabMainDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((s: string) => process.stdout.write(s));
  const err = deps.stderr ?? ((s: string) => process.stderr.write(s + '\n'));
  const parsed = parseLabArgs(argv);
  if (parsed.kind === 'help') {
    out(LAB_USAGE + '\n');
    return 0;
  }
  if (parsed.kind === 'error') {
    err(`error: ${parsed.message}`);
    err(LAB_USAGE.split('\n')[0]);
    return 2;
  }
  const { scenario, lang, out: file } = parsed.args;
  let text: string;
  try {
    const bytes = await readFile(scenario);
    if (bytes.length > MAX_SCENARIO_BYTES) {
      err(`error: scenario file is too large: ${bytes.length} bytes (the limit is ${MAX_SCENARIO_BYTES}): ${scenario}`);
      return 2;
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    const code = (e as { code?: string }).code;
    err(`error: scenario file cannot be read${code === 'ENOENT' ? ' (not found)' : code === 'EISDIR' ? ' (a directory)' : ''}: ${scenario}`);
    return 2;
  }
  const v = parseScenarioText(text);
  if (!v.ok) {
    err(`scenario error in ${scenario}:`);
    for (const e of v.errors) err(`  ${e.path}: ${e.message}`);
    return 2;
  }
  const lab = exportLab(v.scenario, lang);
  for (const w of lab.warnings) err(`warning: ${w.path}: ${w.message}`);
  if (file === null) {
    out(lab.script);
    return 0;
  }
  try {
    await writeFile(file, lab.script);
    await chmod(file, 0o755);
  } catch (e) {
    err(`error: cannot write ${file}: ${(e as Error).message}`);
    return 2;
  }
  err(`lab: ${resolve(file)} (run it as root: sudo bash ${file} [OUTPUT_DIR])`);
  return 0;
}

if (isEntryPoint(import.meta.url)) {
  labMain(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${String(e)}\n`);
      process.exitCode = 4;
    },
  );
}
