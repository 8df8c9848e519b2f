/**
 * Command line of the headless runner (design.md §5):
 *
 *   npm run sim -- SCENARIO.json --out DIR [--seed N] [--quiet]
 *
 * Options also take the `--opt=value` form. Any problem is a usage error (exit 2).
 */

export interface SimArgs {
  scenario: string;
  out: string;
  /** Overrides the scenario's `seed`; null = use the scenario's. */
  seed: number | null;
  quiet: boolean;
}

export type ParsedArgs = { kind: 'run'; args: SimArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `usage: npm run sim -- SCENARIO.json --out DIR [--seed N] [--quiet]

Runs a kernel-ref-scenario/1 file in the simulator and writes DIR/summary.json and
DIR/capture.pcapng. One JSON line goes to stdout at the end:
{"status", "exit_code", "summary", "subflows", "stream_equal", "duration_s"}.

options:
  --out DIR    output directory (created if missing)
  --seed N     integer seed; overrides the scenario's "seed"
  --quiet      no progress or report on stderr (errors are still printed)
  --help       show this text

exit codes: 0 ok · 1 transfer failed or a failed "expect" check · 2 bad scenario or usage
            3 scenario timeout · 4 the simulator failed`;

const SEED_RE = /^-?[0-9]+$/;

/** Parses argv (without node and the script). Never throws. */
export function parseSimArgs(argv: readonly string[]): ParsedArgs {
  let scenario: string | null = null;
  let out: string | null = null;
  let seed: number | null = null;
  let seedGiven = false;
  let quiet = false;
  let positionalOnly = false;
  const error = (message: string): ParsedArgs => ({ kind: 'error', message });

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (positionalOnly || !arg.startsWith('-') || arg === '-') {
      if (scenario !== null) return error(`only one scenario file may be given (got '${scenario}' and '${arg}')`);
      scenario = arg;
      continue;
    }
    if (arg === '--') {
      positionalOnly = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : null;
    const takeValue = (what: string, allowDash: boolean): string | ParsedArgs => {
      if (inline !== null) return inline === '' ? error(`${name} needs ${what}`) : inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && !allowDash)) return error(`${name} needs ${what}`);
      i++;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        if (inline !== null) return error(`${name} takes no value`);
        return { kind: 'help' };
      case '--quiet':
      case '-q':
        if (inline !== null) return error(`${name} takes no value`);
        quiet = true;
        break;
      case '--out': {
        if (out !== null) return error('--out given twice');
        const v = takeValue('a directory', false);
        if (typeof v !== 'string') return v;
        out = v;
        break;
      }
      case '--seed': {
        if (seedGiven) return error('--seed given twice');
        const v = takeValue('an integer', true);
        if (typeof v !== 'string') return v;
        const n = SEED_RE.test(v) ? Number(v) : NaN;
        if (!Number.isSafeInteger(n)) return error(`--seed must be an integer, got '${v}'`);
        seed = n;
        seedGiven = true;
        break;
      }
      default:
        return error(`unknown option '${name}'`);
    }
  }
  if (scenario === null) return error('a scenario file is required');
  if (out === null) return error('--out DIR is required');
  return { kind: 'run', args: { scenario, out, seed, quiet } };
}
