/**
 * `sysctl` (procps-ng src/sysctl.c) over a host's `net.mptcp.*` values: read one key or a
 * directory (`sysctl net.mptcp`), `-a`, `-n`, `-N`, `-q`, `-b`, `-r PATTERN`, and writes
 * (`-w key=value`, or any argument with `=`) with the kernel's refusals as procps prints them:
 *
 *   sysctl: cannot stat /proc/sys/net/mptcp/nope: No such file or directory
 *   sysctl: setting key "net.mptcp.enabled": Invalid argument              (out of range, not a number)
 *   sysctl: setting key "net.mptcp.scheduler": No such file or directory   (no such scheduler: -ENOENT)
 *   sysctl: setting key "net.mptcp.available_schedulers": Operation not permitted   (mode 0444)
 *
 * What the kernel accepts is scenario/mptcp-sysctls.ts's table (Linux 6.18 net/mptcp/ctrl.c), the
 * same the scenario validator uses, so a write accepted here is an event the simulator accepts.
 * Keys outside net.mptcp that the scenario never set are not emulated: they are reported apart
 * (`notEmulated`), not as missing files.
 */
import { AVAILABLE_PATH_MANAGERS, AVAILABLE_SCHEDULERS, MPTCP_SYSCTL_NAMES, isMptcpSysctlName, mptcpSysctlValueProblem, type MptcpSysctls } from '../scenario/mptcp-sysctls';
import { getopt } from './getopt';
import { fail, type ToolOutput } from './tool-output';

/** Sysctls written through a proc handler that looks a name up (-ENOENT when there is none). */
const NAME_LOOKUP = ['path_manager', 'scheduler'];
/** Mode 0444 entries. */
const READ_ONLY = ['available_path_managers', 'available_schedulers'];

export interface SysctlValues {
  mptcp: MptcpSysctls;
  /** Other `net.*` keys the scenario set (shown as they were written). */
  other: Readonly<Record<string, number | string>>;
}

export interface SysctlResult {
  out: ToolOutput;
  /** Writes the kernel accepted, in order (the console turns each into a `sysctl` event). */
  writes: { key: string; value: string }[];
  /** Keys this console does not emulate (outside net.mptcp and not set by the scenario). */
  notEmulated: string[];
}

/** Every key with its value, in /proc/sys readdir order (names sorted within a directory). */
export function sysctlEntries(v: SysctlValues): [string, string][] {
  const out: [string, string][] = [];
  const m = v.mptcp as unknown as Record<string, number | string>;
  for (const name of MPTCP_SYSCTL_NAMES) {
    const value =
      name === 'available_path_managers' ? AVAILABLE_PATH_MANAGERS.join(' ') : name === 'available_schedulers' ? AVAILABLE_SCHEDULERS.join(' ') : String(m[name]);
    out.push([`net.mptcp.${name}`, value]);
  }
  for (const [k, val] of Object.entries(v.other)) out.push([k, String(val)]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const USAGE =
  '\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n' +
  '  -a, --all            display all variables\n' +
  '  -A                   alias of -a\n' +
  '  -X                   alias of -a\n' +
  '      --deprecated     include deprecated parameters to listing\n' +
  '      --dry-run        Print the key and values but do not write\n' +
  '  -b, --binary         print value without new line\n' +
  '  -e, --ignore         ignore unknown variables errors\n' +
  '  -N, --names          print variable names without values\n' +
  '  -n, --values         print only values of the given variable(s)\n' +
  '  -p, --load[=<file>]  read values from file\n' +
  '  -f                   alias of -p\n' +
  '      --system         read values from all system directories\n' +
  '  -r, --pattern <expression>\n' +
  '                       select setting that match expression\n' +
  '  -q, --quiet          do not echo variable set\n' +
  '  -w, --write          enable writing a value to variable\n' +
  '  -o                   does nothing\n' +
  '  -x                   does nothing\n' +
  '  -d                   alias of -h\n\n' +
  ' -h, --help     display this help and exit\n' +
  ' -V, --version  output version information and exit\n\n' +
  'For more details see sysctl(8).\n';

const LONG: Record<string, string> = {
  '--all': 'a', '--binary': 'b', '--ignore': 'e', '--names': 'N', '--values': 'n', '--quiet': 'q', '--write': 'w',
  '--help': 'h', '--version': 'V', '--dry-run': 'D', '--deprecated': 'o', '--system': 'S', '--load': 'p', '--pattern': 'r',
};

/** procps slashdot(): `net/mptcp/enabled` and `net.mptcp.enabled` name the same key. */
function dotted(key: string): string {
  const first = key.search(/[./]/);
  return first >= 0 && key[first] === '/' ? key.replace(/[./]/g, (c) => (c === '/' ? '.' : '/')) : key;
}

const procPath = (key: string): string => `/proc/sys/${key.replace(/\./g, '/')}`;

/** Run `sysctl ARGS…` (argv[0] is `sysctl`) against a host's values. */
export function runSysctl(argv: readonly string[], values: SysctlValues): SysctlResult {
  let all = false;
  let write = false;
  let quiet = false;
  let namesOnly = false;
  let printName = true;
  let newline = true;
  let ignore = false;
  let dryRun = false;
  let pattern: RegExp | null = null;
  const res: SysctlResult = { out: { stdout: '', stderr: '', status: 0 }, writes: [], notEmulated: [] };
  const usage = (stderr: string): SysctlResult => ({ ...res, out: fail(stderr + USAGE, 1) });
  const g = getopt(argv, { withValue: 'r', long: LONG });
  if (!g.ok) return usage(`sysctl: ${g.message}\n`);
  const args = g.operands;
  for (const { c, value } of g.opts) {
    switch (c) {
      case 'a':
      case 'A':
      case 'X':
        all = true;
        break;
      case 'b':
        newline = false;
        printName = false;
        break;
      case 'e':
        ignore = true;
        break;
      case 'N':
        namesOnly = true;
        break;
      case 'n':
        printName = false;
        break;
      case 'q':
        quiet = true;
        break;
      case 'w':
        write = true;
        break;
      case 'D':
        dryRun = true;
        break;
      case 'o':
      case 'x':
      case 'S':
        break;
      case 'r':
        try {
          pattern = new RegExp(value ?? '');
        } catch {
          return { ...res, out: fail(`sysctl: Unable to compile regex: ${value ?? ''}\n`, 1) };
        }
        break;
      case 'p':
      case 'f':
        return { ...res, out: fail('sysctl: cannot open "/etc/sysctl.conf": No such file or directory\n', 1) };
      case 'h':
      case 'd':
        return { ...res, out: { stdout: USAGE, stderr: '', status: 0 } };
      case 'V':
        return { ...res, out: { stdout: 'sysctl from procps-ng 4.0.4\n', stderr: '', status: 0 } };
      default:
        return usage(`sysctl: invalid option -- '${c}'\n`);
    }
  }

  const entries = sysctlEntries(values);
  const known = new Map(entries);
  let stdout = '';
  let stderr = '';
  let status = 0;
  const show = (key: string, value: string): void => {
    if (pattern && !pattern.test(key)) return;
    if (namesOnly) stdout += `${key}\n`;
    else if (printName) stdout += `${key} = ${value}\n`;
    else stdout += newline ? `${value}\n` : value;
  };
  const isDir = (key: string): boolean => key === '' || entries.some(([k]) => k.startsWith(`${key}.`));
  const emulated = (key: string): boolean => key.startsWith('net.mptcp.') || key === 'net.mptcp' || known.has(key) || isDir(key);

  if (all) {
    for (const [k, v] of entries) show(k, v);
    return { ...res, out: { stdout, stderr, status } };
  }
  if (args.length === 0) {
    return { ...res, out: fail("sysctl: no variables specified\nTry `sysctl --help' for more information.\n", 1) };
  }
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (write || eq >= 0) {
      if (eq < 0) {
        stderr += `sysctl: "${arg}" must be of the form name=value\n`;
        status = 1;
        continue;
      }
      const key = dotted(arg.slice(0, eq).trim());
      const value = arg.slice(eq + 1).trim();
      if (!emulated(key)) {
        res.notEmulated.push(key);
        status = 1;
        continue;
      }
      if (!known.has(key)) {
        if (isDir(key)) {
          stderr += `sysctl: setting key "${key}": Is a directory\n`;
          status = 1;
        } else if (!ignore) {
          stderr += `sysctl: cannot stat ${procPath(key)}: No such file or directory\n`;
          status = 1;
        }
        continue;
      }
      const name = key.slice('net.mptcp.'.length);
      if (key.startsWith('net.mptcp.') && isMptcpSysctlName(name)) {
        if (READ_ONLY.includes(name)) {
          stderr += `sysctl: setting key "${key}": Operation not permitted\n`;
          status = 1;
          continue;
        }
        if (!dryRun && mptcpSysctlValueProblem(name, value) !== null) {
          stderr += `sysctl: setting key "${key}": ${NAME_LOOKUP.includes(name) ? 'No such file or directory' : 'Invalid argument'}\n`;
          status = 1;
          continue;
        }
      }
      if (!dryRun) res.writes.push({ key, value });
      if (!quiet || dryRun) {
        if (namesOnly) stdout += `${key}\n`;
        else if (printName) stdout += `${key} = ${value}\n`;
        else stdout += newline ? `${value}\n` : value;
      }
      continue;
    }
    const key = dotted(arg);
    if (!emulated(key)) {
      res.notEmulated.push(key);
      status = 1;
      continue;
    }
    const v = known.get(key);
    if (v !== undefined) show(key, v);
    else if (isDir(key)) {
      for (const [k, val] of entries) if (k.startsWith(`${key}.`)) show(k, val);
    } else if (!ignore) {
      stderr += `sysctl: cannot stat ${procPath(key)}: No such file or directory\n`;
      status = 1;
    }
  }
  return { ...res, out: { stdout, stderr, status } };
}

/**
 * The scenario event value for an accepted write: an integer when the text is one (as the kernel
 * parses it), else the text.
 */
export function sysctlEventValue(value: string): number | string {
  return /^-?[0-9]+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}
