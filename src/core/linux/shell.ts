/**
 * The console's shell: one command line typed at playback time t on one host, answered the way
 * the real tools answer (see ip-mptcp.ts, sysctl.ts, nstat.ts, ss.ts). Read-only commands read
 * the trace at t. A command that changes the host (`ip mptcp endpoint add|delete|change|flush`,
 * `ip mptcp limits set`, `sysctl -w`) is checked against the host's state at t exactly as the
 * kernel would check it; if the kernel accepts it, the result carries the kernel-ref event that
 * replays it at t, and the page forks the run with it (design.md §3). What the real tool prints is
 * `out`/`err` text; what the playground adds (a fork, a limit of the emulation) is a `note` the
 * page translates.
 */
import type { Scenario } from '../scenario/types';
import type { Nanos } from '../sim/time';
import type { Side, Trace } from '../sim/trace';
import { flagsFromBits } from '../pm/pm-addr';
import { hostStateAt, hostView } from './host-state';
import { DEFAULT_IPROUTE2, IPROUTE2, type Iproute2Release } from './iproute2';
import { formatMonitorEvent, monitorTimestamp, parseIp, runIpMptcp, type IpMptcpCommand, type IpMptcpResult } from './ip-mptcp';
import { countersAt, runNstat, type NstatHistory } from './nstat';
import { eventTime, type RawEvent } from './scenario-fork';
import { runSs } from './ss';
import { runGetsockopt } from './getsockopt-cmd';
import { runSysctl, sysctlEventValue } from './sysctl';
import { runGrep, runHead, runWc } from './text-filters';
import type { ToolOutput } from './tool-output';
import { splitPipeline, type Word } from './words';

/** Playground remarks, translated by the page (src/i18n/features/console.*.ts). */
export type NoteKey =
  | 'help'
  | 'forked'
  | 'notExpressible'
  | 'otherIpObject'
  | 'sysctlNotEmulated'
  | 'countersAtEnd'
  | 'monitorHistory'
  | 'filterIgnored'
  | 'sockoptNoSocket'
  | 'sockoptSample'
  | 'sockoptNoSample'
  | 'sockoptUntraced';

export type ConsoleLine = { kind: 'out' | 'err'; text: string } | { kind: 'note'; note: NoteKey; params: Record<string, string | number> };

export interface ConsoleEnv {
  scenario: Scenario;
  trace: Trace;
  /** Playback time, ns. */
  t: Nanos;
  /** The host the prompt is on. */
  host: Side;
  iproute2?: Iproute2Release;
}

/** What the shell remembers between commands. */
export interface ConsoleSession {
  /** nstat's history file, one per host. */
  nstat: Record<Side, NstatHistory>;
  /** Command lines typed so far (for `history`). */
  history: string[];
}

export function newSession(): ConsoleSession {
  return { nstat: { client: null, server: null }, history: [] };
}

/** A state change the kernel accepted, as the event that replays it. */
export interface ConsoleEvent {
  side: Side;
  event: RawEvent;
}

export interface ConsoleResult {
  lines: ConsoleLine[];
  status: number;
  /** Events to add at t (the run forks); empty when nothing changed. */
  events: ConsoleEvent[];
  /** `ip mptcp monitor`: keep printing this host's events as playback moves past t. */
  follow: { side: Side; timestamp: 0 | 1 | 2 } | null;
  clear: boolean;
  /** Span in the line of the word the tool refused, when it named one. */
  errorSpan: { start: number; end: number } | null;
}

const EMPTY: ConsoleResult = { lines: [], status: 0, events: [], follow: null, clear: false, errorSpan: null };

/** Tool output as console lines (stdout first, then stderr: the order a terminal shows them in). */
function outputLines(out: ToolOutput): ConsoleLine[] {
  const split = (text: string, kind: 'out' | 'err'): ConsoleLine[] =>
    text === '' ? [] : text.replace(/\n$/, '').split('\n').map((l) => ({ kind, text: l }));
  return [...split(out.stdout, 'out'), ...split(out.stderr, 'err')];
}

const note = (n: NoteKey, params: Record<string, string | number> = {}): ConsoleLine => ({ kind: 'note', note: n, params });

const COMMANDS = ['ip', 'sysctl', 'nstat', 'ss', 'getsockopt', 'grep', 'head', 'wc', 'help', 'clear', 'history', 'sudo'];
export const CONSOLE_COMMANDS: readonly string[] = COMMANDS;

/** Run one command line. */
export function runConsoleLine(line: string, env: ConsoleEnv, session: ConsoleSession): ConsoleResult {
  const p = splitPipeline(line);
  if (!p.ok) return { ...EMPTY, lines: [{ kind: 'err', text: p.message }], status: 2 };
  if (p.commands.length === 0) return EMPTY;
  let result = runSimple(p.commands[0], env, session);
  for (const cmd of p.commands.slice(1)) {
    const stdin = result.lines
      .filter((l): l is { kind: 'out'; text: string } => l.kind === 'out')
      .map((l) => `${l.text}\n`)
      .join('');
    // earlier stderr reaches the terminal first; playground notes stay after the output they qualify
    const errors = result.lines.filter((l) => l.kind === 'err');
    const notes = result.lines.filter((l) => l.kind === 'note');
    const next = runSimple(cmd, env, session, stdin);
    result = { ...next, lines: [...errors, ...next.lines, ...notes], events: [...result.events, ...next.events], follow: result.follow ?? next.follow };
  }
  return result;
}

function runSimple(words: Word[], env: ConsoleEnv, session: ConsoleSession, stdin?: string): ConsoleResult {
  let w = words;
  while (w.length > 0 && w[0].text === 'sudo') w = w.slice(1);
  if (w.length === 0) return EMPTY;
  const argv = w.map((x) => x.text);
  const span = (i: number | null): ConsoleResult['errorSpan'] => (i === null || i >= w.length ? null : { start: w[i].start, end: w[i].end });
  const tool = (out: ToolOutput): ConsoleResult => ({ ...EMPTY, lines: outputLines(out), status: out.status });
  switch (argv[0]) {
    case 'help':
      return { ...EMPTY, lines: [note('help')] };
    case 'clear':
      return { ...EMPTY, clear: true };
    case 'history':
      return { ...EMPTY, lines: session.history.map((h, i) => ({ kind: 'out', text: `${String(i + 1).padStart(5)}  ${h}` })) };
    case 'grep':
      return tool(runGrep(argv, stdin ?? ''));
    case 'head':
      return tool(runHead(argv, stdin ?? ''));
    case 'wc':
      return tool(runWc(argv, stdin ?? ''));
    case 'ip':
      return runIp(w, env, session, span);
    case 'sysctl':
      return runSysctlCommand(argv, env);
    case 'nstat': {
      const c = countersAt(env.trace, env.host, env.t);
      const r = runNstat(argv, c.groups, session.nstat[env.host]);
      session.nstat[env.host] = r.history;
      const lines = outputLines(r.out);
      if (!c.exact && r.out.status === 0) lines.push(note('countersAtEnd', { end: (c.at / 1e9).toFixed(3) }));
      return { ...EMPTY, lines, status: r.out.status };
    }
    case 'ss': {
      const st = hostStateAt(env.scenario, env.trace.pmEvents[env.host], env.host, env.t);
      const r = runSs(argv, {
        trace: env.trace,
        scenario: env.scenario,
        side: env.host,
        t: env.t,
        pm: { limits: st.ns.limits, endpSignalMax: st.ns.endpSignalMax, endpSubflowMax: st.ns.endpSubflowMax, endpLaminarMax: st.ns.endpLaminarMax },
        profile: IPROUTE2[env.iproute2 ?? DEFAULT_IPROUTE2],
      });
      const lines = outputLines(r.out);
      if (r.ignoredFilter.length > 0) lines.push(note('filterIgnored', { filter: r.ignoredFilter.join(' ') }));
      return { ...EMPTY, lines, status: r.out.status };
    }
    case 'getsockopt':
      return runGetsockoptCommand(argv, env, span);
    default:
      return { ...EMPTY, lines: [{ kind: 'err', text: `bash: ${argv[0]}: command not found` }], status: 127 };
  }
}

function runIp(w: Word[], env: ConsoleEnv, session: ConsoleSession, span: (i: number | null) => ConsoleResult['errorSpan']): ConsoleResult {
  const argv = w.map((x) => x.text);
  // `ip netns exec NAME COMMAND…` runs a command on the other host
  if (argv.length >= 2 && argv[1].length > 1 && 'netns'.startsWith(argv[1]) && argv[2] === 'exec') {
    const ns = argv[3];
    if (ns !== 'client' && ns !== 'server') {
      const text = ns === undefined ? 'No netns name specified' : `Cannot open network namespace "${ns}": No such file or directory`;
      return { ...EMPTY, lines: [{ kind: 'err', text }], status: 255, errorSpan: span(3) };
    }
    if (argv.length < 5) return { ...EMPTY, lines: [{ kind: 'err', text: 'No command specified' }], status: 255 };
    return runSimple(w.slice(4), { ...env, host: ns }, session);
  }
  const profile = IPROUTE2[env.iproute2 ?? DEFAULT_IPROUTE2];
  const names = ['client', 'server'];
  const p = parseIp(argv, hostView(env.scenario, env.host), profile, names);
  if (!p.ok) {
    if (p.otherObject !== undefined) return { ...EMPTY, lines: [note('otherIpObject', { object: p.otherObject })], status: 1 };
    return { ...EMPTY, lines: outputLines(p.out), status: p.out.status, errorSpan: span(p.arg) };
  }
  const side = (p.inv.netns ?? env.host) as Side;
  // parse again against the chosen host's interfaces (dev NAME is checked where the command runs)
  const again = side === env.host ? p : parseIp(argv, hostView(env.scenario, side), profile, names);
  if (!again.ok) return { ...EMPTY, lines: outputLines(again.out), status: again.out.status, errorSpan: span(again.arg) };
  const inv = again.inv;
  if (inv.cmd.kind === 'monitor') {
    const lines: ConsoleLine[] = [note('monitorHistory', { t: (env.t / 1e9).toFixed(3) })];
    for (const text of monitorLines(env.trace, side, -Infinity, env.t, inv.timestamp, profile.release)) lines.push({ kind: 'out', text });
    return { ...EMPTY, lines, follow: { side, timestamp: inv.timestamp } };
  }
  const st = hostStateAt(env.scenario, env.trace.pmEvents[side], side, env.t);
  const view = hostView(env.scenario, side);
  const r = runIpMptcp(inv.cmd, st.ns, view, { json: inv.json, profile });
  const lines = outputLines(r.out);
  if (!r.changed) return { ...EMPTY, lines, status: r.out.status };
  const ev = ipEvent(inv.cmd, r, side, env.t, st.ns.endpoints.some((e) => inv.cmd.kind === 'endpoint-delete' && e.addr === inv.cmd.addr?.text));
  if ('reason' in ev) {
    lines.push(note('notExpressible', { what: ev.reason }));
    return { ...EMPTY, lines, status: r.out.status };
  }
  lines.push(note('forked', { t: (env.t / 1e9).toFixed(3), action: ev.event.action, host: side }));
  return { ...EMPTY, lines, status: r.out.status, events: [ev] };
}

/**
 * The kernel-ref event for an accepted `ip mptcp` change, or why the scenario format cannot say it
 * (kernel-ref-scenario/1 has no `laminar` flag, no IPv6 and no `delete id 0` of an address that
 * also has an endpoint).
 */
export function ipEvent(cmd: IpMptcpCommand, r: IpMptcpResult, side: Side, t: Nanos, addrHasEndpoint = false): ConsoleEvent | { reason: string } {
  const at = eventTime(t);
  const base = { at, ns: side };
  switch (cmd.kind) {
    case 'endpoint-add': {
      if (cmd.addr.family !== 'inet') return { reason: 'IPv6' };
      const flags = flagsFromBits(cmd.flags);
      if (flags.includes('laminar')) return { reason: 'laminar' };
      return {
        side,
        event: {
          ...base,
          action: 'endpoint_add',
          addr: cmd.addr.text,
          ...(cmd.dev ? { dev: cmd.dev } : {}),
          ...(cmd.id !== null ? { id: cmd.id } : {}),
          ...(cmd.port ? { port: cmd.port } : {}),
          flags,
        },
      };
    }
    case 'endpoint-delete':
      if (cmd.id !== 0) return { side, event: { ...base, action: 'endpoint_del', id: cmd.id } };
      if (cmd.addr === null || cmd.addr.family !== 'inet') return { reason: 'IPv6' };
      if (addrHasEndpoint) return { reason: 'delete id 0' };
      return { side, event: { ...base, action: 'endpoint_del', addr: cmd.addr.text } };
    case 'endpoint-change': {
      const ep = r.endpoint;
      if (!ep) return { reason: 'change' };
      const backup = ep.flags.includes('backup');
      const fullmesh = ep.flags.includes('fullmesh');
      return { side, event: { ...base, action: 'endpoint_change', id: ep.id, flags: [backup ? 'backup' : 'nobackup', fullmesh ? 'fullmesh' : 'nofullmesh'] } };
    }
    case 'endpoint-flush':
      return { side, event: { ...base, action: 'endpoint_flush' } };
    case 'limits-set':
      return {
        side,
        event: {
          ...base,
          action: 'limits',
          ...(cmd.subflows !== null ? { subflows: cmd.subflows } : {}),
          ...(cmd.addAddrAccepted !== null ? { add_addr_accepted: cmd.addAddrAccepted } : {}),
        },
      };
    default:
      return { reason: cmd.kind };
  }
}

/** `getsockopt LEVEL OPTNAME …` on the app's socket of the prompt's host at t (getsockopt-cmd.ts), with what the trace could not say as notes. */
function runGetsockoptCommand(argv: string[], env: ConsoleEnv, span: (i: number | null) => ConsoleResult['errorSpan']): ConsoleResult {
  const r = runGetsockopt(argv, env.trace, env.scenario, env.host, env.t);
  const lines = outputLines(r.out);
  const res = r.result;
  if (res && !res.ok && res.errno === 'EBADF') lines.push(note('sockoptNoSocket', { host: env.host, t: (env.t / 1e9).toFixed(3) }));
  if (res && res.ok && res.sampleT !== undefined) {
    lines.push(res.sampleT === null ? note('sockoptNoSample') : note('sockoptSample', { t: res.sampleT.toFixed(3) }));
    if (res.untraced && res.untraced.length > 0) lines.push(note('sockoptUntraced', { fields: res.untraced.join(', ') }));
  }
  return { ...EMPTY, lines, status: r.out.status, errorSpan: span(r.arg) };
}

function runSysctlCommand(argv: string[], env: ConsoleEnv): ConsoleResult {
  const st = hostStateAt(env.scenario, env.trace.pmEvents[env.host], env.host, env.t);
  const r = runSysctl(argv, { mptcp: st.sysctls, other: st.otherSysctls });
  const lines = outputLines(r.out);
  for (const k of r.notEmulated) lines.push(note('sysctlNotEmulated', { key: k }));
  const events: ConsoleEvent[] = r.writes.map((wr) => ({
    side: env.host,
    event: { at: eventTime(env.t), action: 'sysctl', ns: env.host, key: wr.key, value: sysctlEventValue(wr.value) },
  }));
  for (const e of events) lines.push(note('forked', { t: (env.t / 1e9).toFixed(3), action: e.event.action, host: e.side }));
  return { ...EMPTY, lines, status: r.out.status, events };
}

/** `ip mptcp monitor` lines for the events of `side` in (from, to]: what a running monitor prints as playback moves on. */
export function monitorLines(trace: Trace, side: Side, from: Nanos, to: Nanos, timestamp: 0 | 1 | 2, release: Iproute2Release = DEFAULT_IPROUTE2): string[] {
  const out: string[] = [];
  for (const e of trace.pmEvents[side]) {
    if (e.t <= from) continue;
    if (e.t > to) break;
    const prefix = timestamp ? monitorTimestamp(e.t, timestamp) : '';
    out.push(...`${prefix}${formatMonitorEvent(e, IPROUTE2[release])}`.split('\n'));
  }
  return out;
}
