/**
 * `ip [OPTIONS] mptcp …` as iproute2 reads it (ip/ip.c, ip/ipmptcp.c, lib/utils.c) and as it
 * answers from the kernel's path-manager table (net/mptcp/pm_kernel.c, pm_netlink.c):
 *
 *   ip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ] [ port NR ] [ FLAG-LIST ]
 *   ip mptcp endpoint delete id ID [ ADDRESS ]
 *   ip mptcp endpoint change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT
 *   ip mptcp endpoint show [ id ID ]
 *   ip mptcp endpoint flush
 *   ip mptcp limits set [ subflows NR ] [ add_addr_accepted NR ]
 *   ip mptcp limits show
 *   ip mptcp monitor
 *
 * Words are matched the way iproute2 matches them: subcommands and limit names by prefix
 * (`matches()`: `del`, `s`, `subflow`), flags and the `dev`/`id`/`port` keywords as iproute2 does
 * (flags exactly, keywords by prefix), numbers with strtoul base 0. Errors are iproute2's own
 * (`Error: argument "x" is wrong: …`, `Command "x" is unknown, try "ip mptcp help".`) or the
 * kernel's netlink extack as iproute2 prints it (`Error: address not found.`), with the exit
 * status the real `ip` returns (255, 1 or 2).
 */
import type { PmNamespace } from '../pm/pm-namespace';
import { ENDPOINT_FLAG_BITS, flagBits, flagsFromBits } from '../pm/pm-addr';
import type { EndpointFlagName, PmEndpoint } from '../pm/types';
import type { PmEventRecord } from '../sim/trace';
import { getUnsigned, parseInetAddr, type InetAddr } from './c-parse';
import { IPROUTE2, ipMptcpUsage, type Iproute2Profile } from './iproute2';
import { fail, ok, type LocatedFailure, type ToolOutput } from './tool-output';

/** What `ip` needs to know about the host it runs on. */
export interface HostView {
  /** Interface names in ifindex order (ifindex = position + 1: `lo` is 1). */
  ifaces: readonly string[];
  /** The host's own addresses (a `port` endpoint opens a listener bound to its address). */
  addrs: readonly string[];
}

/** A parsed `ip mptcp` command. Flags are uapi bits (MPTCP_PM_ADDR_FLAG_*), as iproute2 sends them. */
export type IpMptcpCommand =
  | { kind: 'help' }
  | { kind: 'endpoint-add'; addr: InetAddr; id: number | null; dev: string | null; port: number; flags: number }
  | { kind: 'endpoint-delete'; id: number; addr: InetAddr | null }
  | { kind: 'endpoint-change'; id: number | null; addr: InetAddr | null; port: number; flags: number }
  | { kind: 'endpoint-show'; id: number | null; addr: InetAddr | null; dump: boolean }
  | { kind: 'endpoint-flush' }
  | { kind: 'limits-set'; subflows: number | null; addAddrAccepted: number | null }
  | { kind: 'limits-show' }
  | { kind: 'monitor' };

/** `ip` itself: its global options and the object. */
export interface IpInvocation {
  /** `-n NAME` / `-netns NAME`. */
  netns: string | null;
  json: boolean;
  /** `-t` (1) / `-ts` (2): monitor lines get a timestamp. */
  timestamp: 0 | 1 | 2;
  cmd: IpMptcpCommand;
}

export type IpParse =
  | { ok: true; inv: IpInvocation }
  | ({ ok: false; /** `ip link`, `ip route`…: a real object this console does not emulate. */ otherObject?: string } & LocatedFailure);

/** iproute2 `matches(prefix, word)`: a non-empty prefix of the word. */
export function matches(prefix: string, word: string): boolean {
  return prefix.length > 0 && word.startsWith(prefix);
}

/** ip.c's object table, in its order (the first object a prefix matches wins). */
const IP_OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl',
  'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics',
  'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop',
  'mptcp', 'ioam', 'stats', 'help',
];

const IP_USAGE =
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       ip [ -force ] -batch filename\n' +
  'where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n' +
  '                   macsec | maddress | monitor | mptcp | mroute | mrule |\n' +
  '                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n' +
  '                   ntbl | route | rule | sr | stats | tap | tcpmetrics |\n' +
  '                   token | tunnel | tuntap | vrf | xfrm }\n' +
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n' +
  '                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n' +
  '                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n' +
  '                    -4 | -6 | -M | -B | -0 |\n' +
  '                    -l[oops] { maximum-addr-flush-attempts } | -echo | -br[ief] |\n' +
  '                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n' +
  '                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n' +
  '                    -c[olor]}\n';

/**
 * ip.c's global options in the order it tests them (so `-h` is -human, `-r` is -resolve); 'arg'
 * takes a value, 'noop' changes nothing for `ip mptcp`. One- and two-letter names match exactly.
 */
const IP_OPTIONS: readonly (readonly [string, 'noop' | 'arg' | 'timestamp' | 'tshort' | 'json' | 'version' | 'help' | 'netns'])[] = [
  ['-loops', 'arg'], ['-family', 'arg'], ['-4', 'noop'], ['-6', 'noop'], ['-B', 'noop'], ['-M', 'noop'], ['-0', 'noop'],
  ['-human', 'noop'], ['-iec', 'noop'], ['-stats', 'noop'], ['-statistics', 'noop'], ['-details', 'noop'],
  ['-resolve', 'noop'], ['-oneline', 'noop'], ['-timestamp', 'timestamp'], ['-tshort', 'tshort'],
  ['-Version', 'version'], ['-force', 'noop'], ['-batch', 'arg'], ['-brief', 'noop'], ['-json', 'json'],
  ['-pretty', 'noop'], ['-rcvbuf', 'arg'], ['-color', 'noop'], ['-help', 'help'], ['-netns', 'netns'],
  ['-Numeric', 'noop'], ['-all', 'noop'], ['-echo', 'noop'],
];

const INCOMPLETE = 'Command line is not complete. Try option "help"\n';
const invarg = (msg: string, arg: string): string => `Error: argument "${arg}" is wrong: ${msg}\n`;
const missarg = (key: string): string => `Error: argument "${key}" is required\n`;
const unknownCommand = (word: string): string => `Command "${word}" is unknown, try "ip mptcp help".\n`;

/** Parse `ip …` (argv[0] is `ip`). Only the `mptcp` object is emulated; others come back as `otherObject`. */
export function parseIp(argv: readonly string[], host: HostView, profile: Iproute2Profile = IPROUTE2['6.18'], netnsNames: readonly string[] = []): IpParse {
  let i = 1;
  let netns: string | null = null;
  let json = false;
  let timestamp: 0 | 1 | 2 = 0;
  const bad = (out: ToolOutput, arg: number | null): IpParse => ({ ok: false, out, arg });
  while (i < argv.length) {
    const raw = argv[i];
    if (raw === '--') {
      i++;
      break;
    }
    if (!raw.startsWith('-')) break;
    const opt = raw.startsWith('--') ? raw.slice(1) : raw;
    const known = IP_OPTIONS.find(([name]) => (name.length <= 2 ? opt === name : matches(opt, name)));
    if (known === undefined) return bad(fail(`Option "${opt}" is unknown, try "ip -help".\n`, 255), i);
    switch (known[1]) {
      case 'arg':
        if (i + 1 >= argv.length) return bad(fail(INCOMPLETE, 255), i);
        i++;
        break;
      case 'timestamp':
        timestamp = 1;
        break;
      case 'tshort':
        timestamp = 2;
        break;
      case 'json':
        json = true;
        break;
      case 'version':
        return bad(ok('ip utility, iproute2-6.18.0\n'), null);
      case 'help':
        return bad(fail(IP_USAGE, 255), null);
      case 'netns':
        if (i + 1 >= argv.length) return bad(fail(INCOMPLETE, 255), i);
        i++;
        if (!netnsNames.includes(argv[i])) {
          return bad(fail(`Cannot open network namespace "${argv[i]}": No such file or directory\n`, 255), i);
        }
        netns = argv[i];
        break;
      case 'noop':
        break;
    }
    i++;
  }
  if (i >= argv.length) return bad(fail(IP_USAGE, 255), null);
  const object = IP_OBJECTS.find((o) => matches(argv[i], o));
  if (object === undefined) return bad(fail(`Object "${argv[i]}" is unknown, try "ip help".\n`, 1), i);
  if (object === 'help') return bad(fail(IP_USAGE, 255), null);
  if (object !== 'mptcp') return { ok: false, out: fail('', 1), arg: i, otherObject: object };
  const r = parseIpMptcp(argv, i + 1, host, profile);
  if (!r.ok) return r;
  return { ok: true, inv: { netns, json, timestamp, cmd: r.cmd } };
}

type MptcpParse = { ok: true; cmd: IpMptcpCommand } | ({ ok: false } & LocatedFailure);

/** ipmptcp.c do_mptcp(): argv[at] is the word after `mptcp`. */
export function parseIpMptcp(argv: readonly string[], at: number, host: HostView, profile: Iproute2Profile): MptcpParse {
  const err = (stderr: string, arg: number | null, status = 255): MptcpParse => ({ ok: false, out: fail(stderr, status), arg });
  if (at >= argv.length || matches(argv[at], 'help')) return { ok: true, cmd: { kind: 'help' } };
  const w = argv[at];
  if (matches(w, 'endpoint')) {
    const sub = at + 1;
    if (sub >= argv.length) return { ok: true, cmd: { kind: 'endpoint-show', id: null, addr: null, dump: true } };
    const s = argv[sub];
    if (matches(s, 'add')) return parseAddrOpts(argv, sub + 1, 'add', host, profile);
    if (matches(s, 'change')) return parseAddrOpts(argv, sub + 1, 'change', host, profile);
    if (matches(s, 'delete')) return parseAddrOpts(argv, sub + 1, 'delete', host, profile);
    if (matches(s, 'show')) {
      if (sub + 1 >= argv.length) return { ok: true, cmd: { kind: 'endpoint-show', id: null, addr: null, dump: true } };
      return parseAddrOpts(argv, sub + 1, 'show', host, profile);
    }
    if (matches(s, 'flush')) return { ok: true, cmd: { kind: 'endpoint-flush' } };
    return err(unknownCommand(s), sub);
  }
  let word = at;
  if (matches(w, 'limits')) {
    const sub = at + 1;
    if (sub >= argv.length) return { ok: true, cmd: { kind: 'limits-show' } };
    const s = argv[sub];
    if (matches(s, 'set')) return parseLimits(argv, sub + 1, true);
    if (matches(s, 'show')) return parseLimits(argv, sub + 1, false);
    // ipmptcp.c falls through to the `monitor` test with the same word
    word = sub;
  }
  if (matches(argv[word], 'monitor')) {
    if (word + 1 >= argv.length) return { ok: true, cmd: { kind: 'monitor' } };
    return err(unknownCommand(argv[word + 1]), word + 1);
  }
  return err(unknownCommand(argv[word]), word);
}

/** ipmptcp.c mptcp_parse_opt(): the options of add / change / delete / show. */
function parseAddrOpts(argv: readonly string[], from: number, op: 'add' | 'change' | 'delete' | 'show', host: HostView, profile: Iproute2Profile): MptcpParse {
  const err = (stderr: string, arg: number | null, status = 255): MptcpParse => ({ ok: false, out: fail(stderr, status), arg });
  const adding = op === 'add';
  const setting = op === 'change';
  const deling = op === 'delete';
  let addr: InetAddr | null = null;
  let addrArg: number | null = null;
  let idSet = false;
  let idArg: number | null = null;
  let id = 0;
  let dev: string | null = null;
  let flags = 0;
  let port = 0;
  let portArg: number | null = null;
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    const flag = profile.flagNames.find((f) => f === a);
    if (flag !== undefined) {
      flags |= flag === 'nobackup' || flag === 'nofullmesh' ? 0 : ENDPOINT_FLAG_BITS[flag];
      if (adding && flags & ENDPOINT_FLAG_BITS.signal && flags & ENDPOINT_FLAG_BITS.fullmesh) {
        return err(invarg("flags mustn't have both signal and fullmesh", a), i);
      }
      if (setting && flags & ~(ENDPOINT_FLAG_BITS.backup | ENDPOINT_FLAG_BITS.fullmesh)) {
        return err(invarg('invalid flags, backup and fullmesh only', a), i);
      }
    } else if (matches(a, 'id')) {
      if (++i >= argv.length) return err(INCOMPLETE, i - 1);
      const v = getUnsigned(argv[i], 0xff);
      if (v === null) return err(invarg('invalid ID\n', argv[i]), i);
      id = v;
      idSet = true;
      idArg = i;
    } else if (matches(a, 'dev')) {
      if (++i >= argv.length) return err(INCOMPLETE, i - 1);
      const name = argv[i];
      if (name === '' || name.length >= 16 || /[/\s]/.test(name)) return err(invarg('invalid interface name\n', name), i);
      if (!host.ifaces.includes(name)) return err(invarg('device does not exist\n', name), i);
      dev = name;
    } else if (matches(a, 'port')) {
      if (++i >= argv.length) return err(INCOMPLETE, i - 1);
      const v = getUnsigned(argv[i], 0xffff);
      if (v === null) return err(invarg('expected port', argv[i]), i);
      port = v;
      portArg = i;
    } else {
      const parsed = parseInetAddr(a);
      // get_addr() exits on a word that is not an address: "unknown argument" is never reached
      if (parsed === null) return err(`Error: any valid address is expected rather than "${a}".\n`, i, 1);
      addr = parsed;
      addrArg = i;
    }
  }
  if (addr === null && adding) return err(missarg('ADDRESS'), null);
  if (!idSet && deling) return err(missarg('ID'), null);
  if (idSet && deling) {
    if (id !== 0 && addr !== null) return err(invarg('invalid for non-zero id address\n', 'ADDRESS'), addrArg);
    if (id === 0 && addr === null) return err(invarg('address is needed for deleting id 0 address\n', 'ID'), idArg);
  } else if (idSet && !deling && id === 0) return err(invarg('cannot be 0\n', 'ID'), idArg);
  if (adding && port && !(flags & ENDPOINT_FLAG_BITS.signal)) return err(invarg('flags must have signal when using port', 'port'), portArg);
  if (setting && idSet && port) return err(invarg("port can't be used with id", 'port'), portArg);
  switch (op) {
    case 'add':
      return { ok: true, cmd: { kind: 'endpoint-add', addr: addr as InetAddr, id: idSet ? id : null, dev, port, flags } };
    case 'delete':
      return { ok: true, cmd: { kind: 'endpoint-delete', id, addr } };
    case 'change':
      return { ok: true, cmd: { kind: 'endpoint-change', id: idSet ? id : null, addr, port, flags } };
    case 'show':
      return { ok: true, cmd: { kind: 'endpoint-show', id: idSet ? id : null, addr, dump: false } };
  }
}

/** ipmptcp.c mptcp_parse_limit(): `subflows` and `add_addr_accepted`, by prefix. */
function parseLimits(argv: readonly string[], from: number, set: boolean): MptcpParse {
  let subflows: number | null = null;
  let rcv: number | null = null;
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    const which = matches(a, 'subflows') ? 'subflows' : matches(a, 'add_addr_accepted') ? 'add_addr_accepted' : null;
    if (which === null) return { ok: false, out: fail(invarg('unknown limit', a), 255), arg: i };
    if (++i >= argv.length) return { ok: false, out: fail(INCOMPLETE, 255), arg: i - 1 };
    const v = getUnsigned(argv[i], 0xffffffff);
    if (v === null) return { ok: false, out: fail(invarg(`invalid ${which}\n`, argv[i]), 255), arg: i };
    if (which === 'subflows') subflows = v;
    else rcv = v;
  }
  // `limits show` sends the parsed attributes along with GET_LIMITS; the kernel ignores them
  return { ok: true, cmd: set ? { kind: 'limits-set', subflows, addAddrAccepted: rcv } : { kind: 'limits-show' } };
}

// ---------------------------------------------------------------------------------------- output

/** print_mptcp_addr_flags(): names in table order, then `rawflags XX` for bits this iproute2 does not know. */
function formatFlags(bits: number, profile: Iproute2Profile): string {
  let out = '';
  let rest = bits;
  for (const name of profile.flagNames) {
    if (name === 'nobackup' || name === 'nofullmesh') continue;
    const mask = ENDPOINT_FLAG_BITS[name];
    if (rest & mask) out += `${name} `;
    rest &= ~mask;
  }
  if (rest) out += `rawflags ${rest.toString(16).padStart(2, '0')} `;
  return out;
}

/** One line of `ip mptcp endpoint show` (print_mptcp_addrinfo), with iproute2's trailing blank. */
export function formatEndpoint(ep: PmEndpoint, profile: Iproute2Profile = IPROUTE2['6.18']): string {
  let line = `${ep.addr} `;
  if (ep.port) line += `port ${ep.port} `;
  line += `id ${ep.id} `;
  line += formatFlags(flagBits(ep.flags), profile);
  if (ep.dev) line += `dev ${ep.dev} `;
  return `${line}\n`;
}

/** `ip -j mptcp endpoint show`: one JSON object per endpoint, in an array. */
function endpointJson(ep: PmEndpoint, profile: Iproute2Profile): string {
  const parts: string[] = [`"address":${JSON.stringify(ep.addr)}`];
  if (ep.port) parts.push(`"port":${ep.port}`);
  parts.push(`"id":${ep.id}`);
  let rest = flagBits(ep.flags);
  for (const name of profile.flagNames) {
    if (name === 'nobackup' || name === 'nofullmesh') continue;
    const mask = ENDPOINT_FLAG_BITS[name];
    if (rest & mask) parts.push(`"${name}":true`);
    rest &= ~mask;
  }
  if (rest) parts.push(`"rawflags":"${rest.toString(16).padStart(2, '0')}"`);
  if (ep.dev) parts.push(`"dev":${JSON.stringify(ep.dev)}`);
  return `{${parts.join(',')}}`;
}

/** `ip mptcp limits show` (print_mptcp_limit), trailing blank included. */
export function formatLimits(l: { subflows: number; addAddrAccepted: number }): string {
  return `add_addr_accepted ${l.addAddrAccepted} subflows ${l.subflows} \n`;
}

/** uapi MPTCP_EVENT_* numbers, for the `[UNKNOWN n]` lines of an iproute2 that lacks a name. */
const EVENT_NUMBERS: Record<string, number> = {
  CREATED: 1,
  ESTABLISHED: 2,
  CLOSED: 3,
  ANNOUNCED: 6,
  REMOVED: 7,
  SF_ESTABLISHED: 10,
  SF_CLOSED: 11,
  SF_PRIO: 13,
  LISTENER_CREATED: 15,
  LISTENER_CLOSED: 16,
};

/** mptcp_monitor_msg() prints the attributes in this order. */
const MONITOR_ATTR_ORDER = [
  'token', 'remid', 'locid', 'saddr4', 'daddr4', 'saddr6', 'daddr6', 'sport', 'dport', 'backup', 'error',
  'flags', 'timeout', 'ifindex', 'reset_reason', 'reset_flags',
];

/** One `ip mptcp monitor` line (without the newline) for a trace event. */
export function formatMonitorEvent(ev: Pick<PmEventRecord, 'type' | 'attrs'>, profile: Iproute2Profile = IPROUTE2['6.18']): string {
  const n = EVENT_NUMBERS[ev.type];
  if (n === undefined || (!profile.listenerEventNames && (ev.type === 'LISTENER_CREATED' || ev.type === 'LISTENER_CLOSED'))) {
    return `[UNKNOWN ${n ?? 0}]`;
  }
  let line = `[${ev.type.padStart(profile.monitorWidth)}]`;
  const keys = [...MONITOR_ATTR_ORDER.filter((k) => k in ev.attrs), ...Object.keys(ev.attrs).filter((k) => !MONITOR_ATTR_ORDER.includes(k))];
  for (const k of keys) line += ` ${k}=${ev.attrs[k]}`;
  return line;
}

/** Days since 1970-01-01 → UTC calendar date (H. Hinnant's civil_from_days). */
function civil(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** `-t` / `-ts` prefixes (print_timestamp), on a simulated clock that starts at the Unix epoch (UTC). */
export function monitorTimestamp(tNs: number, mode: 1 | 2): string {
  const us = Math.floor(tNs / 1000);
  const secs = Math.floor(us / 1e6);
  const days = Math.floor(secs / 86400);
  const sod = secs - days * 86400;
  const { y, m, d } = civil(days);
  const p2 = (x: number): string => String(x).padStart(2, '0');
  const hms = `${p2(Math.floor(sod / 3600))}:${p2(Math.floor((sod % 3600) / 60))}:${p2(sod % 60)}`;
  if (mode === 2) return `[${y}-${p2(m)}-${p2(d)}T${hms}.${String(us % 1e6).padStart(6, '0')}] `;
  const wday = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'][days % 7];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return `Timestamp: ${wday} ${month} ${String(d).padStart(2, ' ')} ${hms} ${y} ${us % 1e6} usec\n`;
}

// ---------------------------------------------------------------------------------------- execute

/** The kernel's extack, as libnetlink prints it: "Error: <msg>." on stderr, exit status 2. */
function netlinkError(message: string): ToolOutput {
  return fail(`Error: ${message}${message.endsWith('.') ? '' : '.'}\n`, 2);
}

export interface IpMptcpResult {
  out: ToolOutput;
  /** The command changed the namespace (endpoint table or limits). */
  changed: boolean;
  /** For add: the endpoint as the kernel stored it (its id). */
  endpoint?: PmEndpoint;
}

/**
 * Run a parsed command (other than `monitor`) against a namespace's path-manager table: what the
 * kernel does with the netlink request, and what iproute2 prints.
 */
export function runIpMptcp(cmd: IpMptcpCommand, ns: PmNamespace, host: HostView, opts: { json?: boolean; profile?: Iproute2Profile } = {}): IpMptcpResult {
  const profile = opts.profile ?? IPROUTE2['6.18'];
  const unchanged = (out: ToolOutput): IpMptcpResult => ({ out, changed: false });
  switch (cmd.kind) {
    case 'help':
      return unchanged(fail(ipMptcpUsage(profile), 255));
    case 'monitor':
      // the events come from the trace: see shell.ts
      return unchanged(ok());
    case 'endpoint-show': {
      if (cmd.dump) {
        const eps = [...ns.endpoints].sort((a, b) => a.id - b.id);
        if (opts.json) return unchanged(ok(`[${eps.map((e) => endpointJson(e, profile)).join(',')}]\n`));
        return unchanged(ok(eps.map((e) => formatEndpoint(e, profile)).join('')));
      }
      if (cmd.addr?.family === 'unspec') return unchanged(netlinkError('unknown address family'));
      const ep = cmd.id === null ? null : ns.getById(cmd.id);
      if (!ep) return unchanged(netlinkError('address not found'));
      if (opts.json) return unchanged(ok(`[${endpointJson(ep, profile)}]\n`));
      return unchanged(ok(formatEndpoint(ep, profile)));
    }
    case 'endpoint-add': {
      if (cmd.addr.family === 'unspec') return unchanged(netlinkError('unknown address family'));
      const flags: EndpointFlagName[] = flagsFromBits(cmd.flags);
      const usePort = flags.includes('signal') && !flags.includes('subflow');
      const refusedEarlier = (cmd.port && !usePort) || (flags.includes('signal') && flags.includes('fullmesh')) || flags.includes('implicit');
      // a port endpoint gets its own listener, bound to the address before the table is touched
      if (cmd.port && !refusedEarlier && !host.addrs.includes(cmd.addr.text)) return unchanged(netlinkError('create listen socket error: -99'));
      const r = ns.add({ addr: cmd.addr.text, ...(cmd.id !== null ? { id: cmd.id } : {}), port: cmd.port || null, dev: cmd.dev, flags });
      if (!r.ok) return unchanged(netlinkError(r.message));
      return { out: ok(), changed: true, endpoint: r.ep };
    }
    case 'endpoint-delete': {
      if (cmd.addr?.family === 'unspec') return unchanged(netlinkError('unknown address family'));
      const r = ns.del(cmd.id, cmd.id === 0 ? cmd.addr?.text : undefined);
      if (!r.ok) return unchanged(netlinkError(r.message));
      // id 0 names no table entry but removes the initial subflow's address from live connections
      return { out: ok(), changed: true, ...(r.ep ? { endpoint: r.ep } : {}) };
    }
    case 'endpoint-change': {
      if (cmd.addr?.family === 'unspec') return unchanged(netlinkError('unknown address family'));
      const target = cmd.addr !== null ? { addr: cmd.addr.text, port: cmd.port || null } : { id: cmd.id ?? 0 };
      const names = flagsFromBits(cmd.flags);
      const r = ns.change(target, names);
      if (!r.ok) return unchanged(netlinkError(r.message));
      return { out: ok(), changed: true, endpoint: r.ep };
    }
    case 'endpoint-flush': {
      const r = ns.flush();
      return { out: ok(), changed: r.ok && r.eps.length > 0 };
    }
    case 'limits-set': {
      if (cmd.subflows === null && cmd.addAddrAccepted === null) return unchanged(ok());
      const r = ns.setLimits({
        ...(cmd.subflows !== null ? { subflows: cmd.subflows } : {}),
        ...(cmd.addAddrAccepted !== null ? { addAddrAccepted: cmd.addAddrAccepted } : {}),
      });
      if (!r.ok) return unchanged(netlinkError(r.message));
      return { out: ok(), changed: true };
    }
    case 'limits-show':
      // iproute2 opens no JSON writer for limits, so -j prints the text form too
      return unchanged(ok(formatLimits(ns.limits)));
  }
}
