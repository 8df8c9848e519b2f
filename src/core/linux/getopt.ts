/**
 * GNU getopt_long as procps and iproute2's misc tools use it: bundled short options (`-az`),
 * options that take a value (`-r PATTERN`, `-rPATTERN`, `--pattern=P`), long names mapped to
 * their letter, `--` ending the options, and glibc's messages for a bad option. Options may come
 * after operands (GNU permutes argv) unless `stopAtOperand` (ss: its FILTER ends the options).
 */

export interface GetoptSpec {
  /** Short letters that take a value. */
  withValue?: string;
  /** Long option name (with `--`) → its short letter. */
  long?: Readonly<Record<string, string>>;
  stopAtOperand?: boolean;
}

export type Getopt =
  | { ok: true; opts: { c: string; value: string | null }[]; operands: string[] }
  | { ok: false; /** glibc's message, without the program name. */ message: string };

export function getopt(argv: readonly string[], spec: GetoptSpec): Getopt {
  const withValue = spec.withValue ?? '';
  const long = spec.long ?? {};
  const opts: { c: string; value: string | null }[] = [];
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (spec.stopAtOperand) {
        operands.push(...argv.slice(i));
        break;
      }
      operands.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      const c = long[name];
      if (c === undefined) return { ok: false, message: `unrecognized option '${a}'` };
      let value: string | null = eq < 0 ? null : a.slice(eq + 1);
      if (withValue.includes(c) && value === null) {
        if (i + 1 >= argv.length) return { ok: false, message: `option '${name}' requires an argument` };
        value = argv[++i];
      }
      opts.push({ c, value });
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (!withValue.includes(c)) {
        opts.push({ c, value: null });
        continue;
      }
      let value = a.slice(k + 1);
      if (value === '') {
        if (i + 1 >= argv.length) return { ok: false, message: `option requires an argument -- '${c}'` };
        value = argv[++i];
      }
      opts.push({ c, value });
      break;
    }
  }
  return { ok: true, opts, operands };
}
