/**
 * `nstat` (iproute2 misc/nstat.c) over a host's SNMP/netstat counters: `nstat -az 'MPTcpExt*'`
 * and friends. Output as nstat writes it: a `#kernel` line, then `%-32s%-16llu%6.1f` per counter
 * (the rate column is 0.0 without the nstat daemon), in /proc order (snmp groups first, then
 * netstat's TcpExt, IpExt, MPTcpExt), zero counters only with -z, names filtered by fnmatch
 * patterns. Without -a it prints increments since the previous call, kept in a history like
 * nstat's /tmp/.nstat.u$UID (-s does not update it, -r resets it).
 */
import { checkpointAt } from '../sim/checkpoint';
import type { Nanos } from '../sim/time';
import type { Side, Trace } from '../sim/trace';
import { MPTCP_MIB_NAMES } from './mib';
import { getopt } from './getopt';
import { fail, ok, type ToolOutput } from './tool-output';

/** Counter groups of one host, Linux MIB names (`{ Tcp: { ActiveOpens: 2 }, MPTcpExt: {…} }`). */
export type CounterGroups = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** nstat's history: counter id → value at the previous run; null = no history yet. */
export type NstatHistory = ReadonlyMap<string, number> | null;

/** /proc/net/snmp groups (read last by nstat, so printed first), then /proc/net/netstat groups. */
const SNMP_GROUPS = ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite'];
const NETSTAT_GROUPS = ['TcpExt', 'IpExt', 'MPTcpExt'];
/** nstat drops these (useless_numbers[]). */
const USELESS = ['IpForwarding', 'IpDefaultTTL', 'TcpRtoAlgorithm', 'TcpRtoMin', 'TcpRtoMax', 'TcpMaxConn', 'TcpCurrEstab'];

/** The counters as nstat lists them: every MPTcpExt counter (zeros too), the other groups' known ones. */
export function kernelTable(groups: CounterGroups): [string, number][] {
  const out: [string, number][] = [];
  const order = [...SNMP_GROUPS, ...Object.keys(groups).filter((g) => !SNMP_GROUPS.includes(g) && !NETSTAT_GROUPS.includes(g)), ...NETSTAT_GROUPS];
  for (const g of order) {
    const values = groups[g] ?? {};
    const names = g === 'MPTcpExt' ? [...MPTCP_MIB_NAMES, ...Object.keys(values).filter((n) => !MPTCP_MIB_NAMES.includes(n))] : Object.keys(values);
    for (const n of names) {
      const id = `${g}${n}`;
      if (!USELESS.includes(id)) out.push([id, values[n] ?? 0]);
    }
  }
  return out;
}

/** fnmatch(pattern, id, 0): `*`, `?`, `[...]` (with `!` or `^`), backslash escapes. */
export function fnmatch(pattern: string, s: string): boolean {
  const lit = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '\\' && i + 1 < pattern.length) re += lit(pattern[++i]);
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) {
      const close = pattern.indexOf(']', i + 2);
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else re += lit(c);
  }
  try {
    return new RegExp(`${re}$`).test(s);
  } catch {
    return false; // a class like [z-a] matches nothing
  }
}

const USAGE =
  'Usage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n' +
  '   -h, --help\t\tthis message\n' +
  '   -a, --ignore\tignore history\n' +
  '   -d, --scan=SECS\tsample every statistics every SECS\n' +
  '   -j, --json          format output in JSON\n' +
  '   -n, --nooutput\tdo history only\n' +
  '   -p, --pretty        pretty print\n' +
  '   -r, --reset\t\treset history\n' +
  "   -s, --noupdate\tdon't update history\n" +
  '   -t, --interval=SECS\treport average over the last SECS\n' +
  '   -V, --version\toutput version information\n' +
  '   -z, --zeros\t\tshow entries with zero activity\n';

const LONG: Record<string, string> = {
  '--help': 'h', '--ignore': 'a', '--scan': 'd', '--nooutput': 'n', '--json': 'j', '--reset': 'r', '--noupdate': 's',
  '--pretty': 'p', '--interval': 't', '--version': 'V', '--zeros': 'z',
};

export interface NstatResult {
  out: ToolOutput;
  history: NstatHistory;
}

/** Run `nstat ARGS…` (argv[0] is `nstat`) on a host's counters, with the history of earlier runs. */
export function runNstat(argv: readonly string[], groups: CounterGroups, history: NstatHistory): NstatResult {
  let zeros = false;
  let ignoreHistory = false;
  let noUpdate = false;
  let noOutput = false;
  let reset = false;
  let json = false;
  let pretty = false;
  const g = getopt(argv, { withValue: 'dt', long: LONG });
  if (!g.ok) return { out: fail(`nstat: ${g.message}\n${USAGE}`, 255), history };
  const patterns = g.operands;
  for (const { c } of g.opts) {
    switch (c) {
      case 'z':
        zeros = true;
        break;
      case 'a':
        ignoreHistory = true;
        break;
      case 's':
        noUpdate = true;
        break;
      case 'n':
        noOutput = true;
        break;
      case 'r':
        reset = true;
        break;
      case 'j':
        json = true;
        break;
      case 'p':
        pretty = true;
        break;
      case 'd':
      case 't':
        break; // the sampling daemon's interval and time constant: no daemon here
      case 'V':
      case 'v':
        return { out: ok('nstat utility, iproute2-6.18.0\n'), history };
      default:
        return { out: fail(`nstat: invalid option -- '${c}'\n${USAGE}`, 255), history };
    }
  }
  const table = kernelTable(groups);
  const hist = reset ? null : history;
  const match = (id: string): boolean => patterns.length === 0 || patterns.some((p) => fnmatch(p, id));
  const rows: [string, number][] = [];
  for (const [id, value] of table) {
    let v = value;
    if (!ignoreHistory && hist !== null) {
      const before = hist.get(id);
      if (before !== undefined) v = value < before ? 0 : value - before;
    }
    if (!zeros && v === 0) continue;
    if (!match(id)) continue;
    rows.push([id, v]);
  }
  let stdout = '';
  if (!noOutput) {
    if (json) {
      const body = rows.map(([id, v]) => (pretty ? `        "${id}": ${v}` : `"${id}":${v}`));
      stdout = pretty ? `{\n    "kernel": {\n${body.join(',\n')}\n    }\n}\n` : `{"kernel":{${body.join(',')}}}\n`;
    } else {
      stdout = '#kernel\n' + rows.map(([id, v]) => `${id.padEnd(32)}${String(v).padEnd(16)}${(0).toFixed(1).padStart(6)}\n`).join('');
    }
  }
  const next: NstatHistory = noUpdate ? hist : new Map(table);
  return { out: ok(stdout), history: next };
}

/**
 * A host's counters at playback time t: the last checkpoint at or before t (one every analysis bin),
 * or the final counters once t reaches the end of the run. `at` is the time they hold for.
 */
export function countersAt(trace: Pick<Trace, 'counters' | 'end' | 'checkpoints'>, side: Side, t: Nanos): { groups: CounterGroups; exact: boolean; at: Nanos } {
  if (t >= trace.end) return { groups: trace.counters[side], exact: true, at: trace.end };
  const cp = checkpointAt(trace, t);
  if (cp === null) return { groups: {}, exact: t === 0, at: 0 };
  return { groups: cp.counters[side], exact: cp.t === t, at: cp.t };
}
