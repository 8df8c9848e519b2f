/**
 * Tab completion for the console, driven by the tools' grammars (ip-mptcp.ts, sysctl.ts, nstat.ts,
 * ss.ts) and the host's state at t: the word under the cursor, and every full word that may stand
 * there (subcommands, keywords, flags, interface names, endpoint ids, sysctl keys, counter names).
 */
import { MPTCP_SYSCTL_NAMES } from '../scenario/mptcp-sysctls';
import { hostStateAt, hostView } from './host-state';
import { DEFAULT_IPROUTE2, IPROUTE2 } from './iproute2';
import { matches } from './ip-mptcp';
import { MPTCP_MIB_NAMES } from './mib';
import { CONSOLE_COMMANDS, type ConsoleEnv } from './shell';
import { LEVEL_NAMES, OPT_NAMES } from './getsockopt-cmd';
import { wordsBeforeCursor } from './words';

export interface Completion {
  /** The span of the line the chosen candidate replaces. */
  start: number;
  end: number;
  /** Candidates that start with the word typed so far, in grammar order. */
  candidates: string[];
  /** Longest prefix common to every candidate (what Tab inserts when there are several). */
  common: string;
}

const IP_OPTIONS = ['-n', '-j', '-t', '-ts', '-json', '-netns', '-tshort', '-timestamp'];
const CHANGE_OPTS = ['backup', 'nobackup', 'fullmesh', 'nofullmesh'];
const LIMIT_NAMES = ['subflows', 'add_addr_accepted'];
const SMALL = ['0', '1', '2', '3', '4', '5', '6', '7', '8'];
/** net.mptcp sysctls that take 0 or 1. */
const BOOLEAN_SYSCTLS = ['enabled', 'allow_join_initial_addr_port', 'checksum_enabled', 'pm_type'];

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function ipMptcpCandidates(rest: string[], env: ConsoleEnv, side: 'client' | 'server'): string[] {
  const profile = IPROUTE2[env.iproute2 ?? DEFAULT_IPROUTE2];
  const st = (): ReturnType<typeof hostStateAt> => hostStateAt(env.scenario, env.trace.pmEvents[side], side, env.t);
  const ids = (): string[] => [...st().ns.endpoints].sort((a, b) => a.id - b.id).map((e) => String(e.id));
  if (rest.length === 0) return ['endpoint', 'limits', 'monitor', 'help'];
  const [obj, sub, ...args] = rest;
  const prev = args.length > 0 ? args[args.length - 1] : sub;
  if (matches(obj, 'endpoint')) {
    if (sub === undefined) return ['add', 'change', 'delete', 'show', 'flush'];
    const flags = profile.flagNames.filter((f) => f !== 'implicit' && f !== 'nobackup' && f !== 'nofullmesh');
    const usedKeyword = (k: string): boolean => args.some((a) => a.length > 0 && matches(a, k));
    const valueSlot = args.length > 0 && ['dev', 'id', 'port'].some((k) => matches(prev, k));
    if (matches(sub, 'add')) {
      if (valueSlot && matches(prev, 'dev')) return hostView(env.scenario, side).ifaces.filter((i) => i !== 'lo');
      if (valueSlot) return [];
      const hasAddr = args.some((a, i) => /^[0-9a-fA-F:.]+$/.test(a) && !(i > 0 && ['id', 'port'].some((k) => matches(args[i - 1], k))));
      if (!hasAddr) {
        const taken = new Set(st().ns.endpoints.map((e) => e.addr));
        return hostView(env.scenario, side).addrs.filter((a) => !taken.has(a));
      }
      return [...['dev', 'id', 'port'].filter((k) => !usedKeyword(k)), ...flags.filter((f) => !args.includes(f))];
    }
    if (matches(sub, 'delete')) {
      if (valueSlot && matches(prev, 'id')) return [...ids(), '0'];
      if (!usedKeyword('id')) return ['id'];
      const i = args.findIndex((a) => matches(a, 'id'));
      return args[i + 1] === '0' ? [...hostView(env.scenario, side).addrs] : [];
    }
    if (matches(sub, 'change')) {
      if (valueSlot && matches(prev, 'id')) return ids();
      if (valueSlot) return [];
      const addrs = st().ns.endpoints.map((e) => e.addr);
      return [...(usedKeyword('id') ? [] : ['id']), ...addrs, ...CHANGE_OPTS.filter((f) => !args.includes(f))];
    }
    if (matches(sub, 'show')) {
      if (valueSlot && matches(prev, 'id')) return ids();
      return usedKeyword('id') ? [] : ['id'];
    }
    return [];
  }
  if (matches(obj, 'limits')) {
    if (sub === undefined) return ['set', 'show'];
    if (!matches(sub, 'set')) return [];
    if (args.length > 0 && LIMIT_NAMES.some((k) => matches(prev, k))) return [...SMALL];
    return LIMIT_NAMES.filter((k) => !args.some((a) => matches(a, k)));
  }
  return [];
}

function candidatesFor(before: string[], current: string, env: ConsoleEnv): string[] {
  let words = before;
  while (words[0] === 'sudo') words = words.slice(1);
  if (words.length === 0) return [...CONSOLE_COMMANDS];
  const [cmd] = words;
  if (cmd === 'ip') {
    let i = 1;
    let side = env.host;
    if (words[1] !== undefined && words[1].length > 1 && 'netns'.startsWith(words[1])) {
      if (words.length === 2) return ['exec'];
      if (words.length === 3) return ['client', 'server'];
      const inner = words[3] === 'client' || words[3] === 'server' ? words[3] : env.host;
      return candidatesFor(words.slice(4), current, { ...env, host: inner });
    }
    while (i < words.length && words[i].startsWith('-')) {
      if (words[i] === '-n' || words[i] === '-netns') {
        if (i + 1 >= words.length) return ['client', 'server'];
        if (words[i + 1] === 'client' || words[i + 1] === 'server') side = words[i + 1] as 'client' | 'server';
        i += 2;
      } else i++;
    }
    if (i >= words.length) return current.startsWith('-') ? IP_OPTIONS : ['mptcp', 'netns'];
    if (!matches(words[i], 'mptcp')) return [];
    return ipMptcpCandidates(words.slice(i + 1), env, side);
  }
  if (cmd === 'sysctl') {
    if (current.startsWith('-')) return ['-a', '-w', '-n', '-N', '-q'];
    const keys = MPTCP_SYSCTL_NAMES.map((n) => `net.mptcp.${n}`);
    const eq = current.indexOf('=');
    if (eq >= 0) {
      const name = current.slice(0, eq).replace(/^net\.mptcp\./, '');
      const values =
        name === 'path_manager' ? ['kernel', 'userspace'] : name === 'scheduler' ? ['default'] : BOOLEAN_SYSCTLS.includes(name) ? ['0', '1'] : [];
      return values.map((v) => `${current.slice(0, eq)}=${v}`);
    }
    if (words.includes('-w')) return keys.filter((k) => !k.includes('available_')).map((k) => `${k}=`);
    return ['net.mptcp', ...keys];
  }
  if (cmd === 'nstat') {
    if (current.startsWith('-')) return ['-a', '-z', '-s', '-r', '-j', '-az', '-asz'];
    return ['MPTcpExt*', 'TcpExt*', 'Tcp*', ...MPTCP_MIB_NAMES.map((n) => `MPTcpExt${n}`)];
  }
  if (cmd === 'ss') return ['-M', '-Mi', '-t', '-ti', '-tiM', '-n', '-H'];
  if (cmd === 'getsockopt') {
    // getsockopt LEVEL OPTNAME [--option N]… (getsockopt-cmd.ts)
    const operands = words.slice(1).filter((w, i, a) => !w.startsWith('-') && !(i > 0 && a[i - 1].startsWith('--') && a[i - 1] !== '--hex'));
    if (current.startsWith('-') || operands.length >= 2) {
      const name = operands[1] ?? '';
      const header = name === 'MPTCP_TCPINFO' || name === 'MPTCP_SUBFLOW_ADDRS' ? ['--size-subflow-data', '--num-subflows', '--size-kernel', '--size-user'] : [];
      const full = name === 'MPTCP_FULL_INFO' ? ['--size-tcpinfo', '--size-sfinfo', '--size-arrays'] : [];
      return ['--hex', '--optlen', ...header, ...full].filter((o) => !words.includes(o));
    }
    if (operands.length === 0) return Object.keys(LEVEL_NAMES).filter((l) => l !== 'IPPROTO_TCP');
    const level = LEVEL_NAMES[operands[0]];
    return Object.entries(OPT_NAMES).filter(([, o]) => o.level === level).map(([n]) => n);
  }
  return [];
}

/** What Tab offers for the word under the cursor. */
export function complete(line: string, cursor: number, env: ConsoleEnv): Completion {
  const { before, current } = wordsBeforeCursor(line, cursor);
  const all = candidatesFor(before, current.text, env);
  const candidates = [...new Set(all)].filter((c) => c.startsWith(current.text));
  return { start: current.start, end: current.end, candidates, common: commonPrefix(candidates) };
}
