/**
 * The few text filters a pipeline may end in (`sysctl -a | grep mptcp`, `nstat -az | head`):
 * GNU grep (-i -v -c -n -E -F, basic regular expressions by default), head (-n N, -N) and
 * wc -l. Each reads the previous command's standard output.
 */
import { fail, ok, type ToolOutput } from './tool-output';

/** A POSIX basic regular expression as a JavaScript one (`\(`, `\{`, `\|`, `\+`, `\?` are the operators). */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

export function runGrep(argv: readonly string[], stdin: string): ToolOutput {
  let ignoreCase = false;
  let invert = false;
  let count = false;
  let number = false;
  let mode: 'bre' | 'ere' | 'fixed' = 'bre';
  let pattern: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (pattern === null && a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 'i') ignoreCase = true;
        else if (c === 'v') invert = true;
        else if (c === 'c') count = true;
        else if (c === 'n') number = true;
        else if (c === 'E') mode = 'ere';
        else if (c === 'F') mode = 'fixed';
        else return fail(`grep: invalid option -- '${c}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2);
      }
    } else if (pattern === null) pattern = a;
    else return fail(`grep: ${a}: No such file or directory\n`, 2);
  }
  if (pattern === null) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
  let re: RegExp;
  try {
    const src = mode === 'fixed' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : mode === 'ere' ? pattern : breToJs(pattern);
    re = new RegExp(src, ignoreCase ? 'i' : '');
  } catch {
    return fail('grep: Invalid regular expression\n', 2);
  }
  const hits = lines(stdin)
    .map((l, n) => ({ l, n: n + 1 }))
    .filter(({ l }) => re.test(l) !== invert);
  if (count) return { stdout: `${hits.length}\n`, stderr: '', status: hits.length > 0 ? 0 : 1 };
  const text = hits.map(({ l, n }) => (number ? `${n}:${l}` : l)).join('\n');
  return { stdout: hits.length > 0 ? `${text}\n` : '', stderr: '', status: hits.length > 0 ? 0 : 1 };
}

export function runHead(argv: readonly string[], stdin: string): ToolOutput {
  let n = 10;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const v = a === '-n' ? argv[++i] : /^-n\d+$/.test(a) ? a.slice(2) : /^-\d+$/.test(a) ? a.slice(1) : null;
    if (v === null || v === undefined || !/^\d+$/.test(v)) return fail(`head: invalid number of lines: ‘${v ?? a}’\n`, 1);
    n = Number(v);
  }
  const ls = lines(stdin).slice(0, n);
  return ok(ls.length > 0 ? `${ls.join('\n')}\n` : '');
}

export function runWc(argv: readonly string[], stdin: string): ToolOutput {
  const n = lines(stdin).length;
  if (argv.slice(1).join(' ') === '-l') return ok(`${n}\n`);
  const words = stdin.split(/\s+/).filter((w) => w !== '').length;
  return ok(`${String(n).padStart(7)} ${String(words).padStart(7)} ${String(stdin.length).padStart(7)}\n`);
}
