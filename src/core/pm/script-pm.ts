/**
 * A userspace path-manager daemon written by the user in JavaScript (scenario `sim.pm_script`), in
 * the spirit of mptcpd's plugins: the script's `onEvent(event, host)` sees each `ip mptcp monitor`
 * event of its host (CREATED, ESTABLISHED, ANNOUNCED, SF_ESTABLISHED, SF_CLOSED, REMOVED, SF_PRIO,
 * CLOSED, with their attributes) and answers with netlink commands — `announce`, `remove`,
 * `subflow_create`, `subflow_destroy`, `set_flags`, the set the scripted daemon `sim.userspace_pm`
 * sends — which the kernel (pm/userspace-pm.ts) answers with 0 or an errno, recorded in the trace
 * like the scripted daemon's. The host must use the userspace PM (`path_manager userspace`,
 * pm_type 1); the validator checks that.
 *
 * Timing: the script is called when the event happens; its commands reach the kernel right after
 * (a zero-delay engine event, as a daemon's netlink message arrives after the event it reacts to).
 * The next call's `host.results` lists what the kernel answered to the previous commands.
 *
 * A command with a wrong shape, more than MAX_COMMANDS_PER_EVENT commands, a throw or an overrun
 * stops the run with a located error (ScriptError); a command the kernel refuses is not an error of
 * the script, just an errno in the trace.
 */
import type { Engine } from '../sim/engine';
import type { Side } from '../sim/trace';
import type { Nanos } from '../sim/time';
import { callScript, showValue } from '../script/call';
import { ScriptError } from '../script/script-error';
import { deepFreeze } from '../script/wrapper';
import type { CompiledScript, ScriptSpec } from '../script/types';
import { parseIpv4 } from '../scenario/ipv4';
import { UPM_ERRNO, type UpmAddr, type UpmCommand, type UpmResult } from './userspace-pm';
import type { EndpointFlagName } from './types';

/** Functions a PM script may define (onEvent is required). */
export const PM_SCRIPT_EXPORTS = ['onEvent'] as const;
/** At most this many commands in answer to one event. */
export const MAX_COMMANDS_PER_EVENT = 16;

const COMMANDS = ['announce', 'remove', 'subflow_create', 'subflow_destroy', 'set_flags'] as const;
const FLAGS: readonly EndpointFlagName[] = ['signal', 'subflow', 'backup', 'fullmesh'];
/** Monitor attributes that are numbers (the others stay text: addresses, token). */
const NUMERIC_ATTRS = new Set(['remid', 'locid', 'sport', 'dport', 'backup', 'flags', 'ifindex', 'error', 'server_side', 'reset_reason', 'reset_flags', 'timeout']);

/** One local address of the host as the script sees it. */
export interface ScriptHostAddr {
  addr: string;
  /** 1-based path (interface) it belongs to. */
  path: number;
  ifname: string;
  up: boolean;
}

/** A command the kernel answered (fed back to the script as `host.results`). */
export interface ScriptCommandResult {
  cmd: string;
  token: number | null;
  ok: boolean;
  errno: string | null;
  detail: string;
}

export interface ScriptPmDeps {
  engine: Engine;
  side: Side;
  /** The host's addresses now. */
  addrs(): ScriptHostAddr[];
  /** Send one command to the host's stack (token null: its first connection). */
  run(c: UpmCommand, token: number | null): { result: UpmResult; token: number | null };
  /** Record the command and the kernel's answer in the trace. */
  record(r: ScriptCommandResult & { index: number; t: Nanos; command: UpmCommand }): void;
}

/** The event object handed to onEvent. */
export function scriptEvent(type: string, attrs: Record<string, string>, t: Nanos): Record<string, unknown> {
  const ev: Record<string, unknown> = { type, t: t / 1e9 };
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'token') ev.token = parseInt(v, 16) >>> 0;
    else ev[k] = NUMERIC_ATTRS.has(k) && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  if (!('token' in ev)) ev.token = null;
  return ev;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One address of a command, or an error message (`at` is its place in the answer, e.g. `[0].local`). */
function readAddr(v: unknown, at: string, local: boolean, defaultFlags: EndpointFlagName[]): UpmAddr | string {
  if (!isObj(v)) return `${at} must be an object like { addr: "10.0.2.1", id: 2 }, got ${showValue(v)}`;
  const keys = local ? ['addr', 'id', 'port', 'flags'] : ['addr', 'id', 'port'];
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra !== undefined) return `${at}: unknown key "${extra}" (allowed: ${keys.join(', ')})`;
  if (typeof v.addr !== 'string' || parseIpv4(v.addr) === null) return `${at}.addr: not an IPv4 address: ${showValue(v.addr)}`;
  const int = (k: string, hi: number): number | null | string => {
    const x = v[k];
    if (x === undefined || x === null) return null;
    return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= hi ? x : `${at}.${k}: must be an integer 0..${hi}, got ${showValue(x)}`;
  };
  const id = int('id', 255);
  if (typeof id === 'string') return id;
  const port = int('port', 65535);
  if (typeof port === 'string') return port;
  let flags = defaultFlags;
  if (v.flags !== undefined) {
    if (!Array.isArray(v.flags) || v.flags.some((f) => !(FLAGS as readonly unknown[]).includes(f))) return `${at}.flags: must be a list drawn from ${FLAGS.join(', ')}, got ${showValue(v.flags)}`;
    flags = [...(v.flags as EndpointFlagName[])];
  }
  return { addr: v.addr, id, port, ...(local ? { flags } : {}) };
}

/** The commands of an onEvent answer, or an error message. */
export function readCommands(v: unknown): { cmd: UpmCommand; token: number | null }[] | string {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return `must return a list of commands (or nothing), got ${showValue(v)}`;
  if (v.length > MAX_COMMANDS_PER_EVENT) return `returned ${v.length} commands; at most ${MAX_COMMANDS_PER_EVENT} per event`;
  const out: { cmd: UpmCommand; token: number | null }[] = [];
  for (let i = 0; i < v.length; i++) {
    const c: unknown = v[i];
    const at = `[${i}]`;
    if (!isObj(c)) return `${at} must be a command object like { cmd: "announce", local: {…} }, got ${showValue(c)}`;
    if (typeof c.cmd !== 'string' || !(COMMANDS as readonly string[]).includes(c.cmd)) return `${at}.cmd must be one of ${COMMANDS.join(', ')}, got ${showValue(c.cmd)}`;
    const cmd = c.cmd as (typeof COMMANDS)[number];
    const keys = ['cmd', 'token', ...(cmd === 'remove' ? ['id'] : cmd === 'announce' ? ['local'] : ['local', 'remote'])];
    const extra = Object.keys(c).find((k) => !keys.includes(k));
    if (extra !== undefined) return `${at}: unknown key "${extra}" for ${cmd} (allowed: ${keys.join(', ')})`;
    let token: number | null = null;
    if (c.token !== undefined && c.token !== null) {
      if (typeof c.token !== 'number' || !Number.isInteger(c.token) || c.token < 0 || c.token > 0xffffffff) return `${at}.token: must be a 32-bit connection token, got ${showValue(c.token)}`;
      token = c.token;
    }
    if (cmd === 'remove') {
      if (typeof c.id !== 'number' || !Number.isInteger(c.id) || c.id < 0 || c.id > 255) return `${at}.id: must be an address id 0..255, got ${showValue(c.id)}`;
      out.push({ cmd: { cmd, id: c.id }, token });
      continue;
    }
    const local = readAddr(c.local, `${at}.local`, true, cmd === 'announce' ? ['signal'] : []);
    if (typeof local === 'string') return local;
    if (cmd === 'announce') {
      out.push({ cmd: { cmd, local }, token });
      continue;
    }
    const remote = readAddr(c.remote, `${at}.remote`, false, []);
    if (typeof remote === 'string') return remote;
    out.push({ cmd: { cmd, local, remote }, token });
  }
  return out;
}

/** The daemon of one host: feed it the host's monitor events with `onEvent`. */
export function createScriptPm(script: CompiledScript, spec: ScriptSpec, deps: ScriptPmDeps): { onEvent(type: string, attrs: Record<string, string>): void } {
  let results: ScriptCommandResult[] = [];
  let index = 0;
  return {
    onEvent(type: string, attrs: Record<string, string>): void {
      const t = deps.engine.now;
      const ev = scriptEvent(type, attrs, t);
      const host = deepFreeze({ side: deps.side, t: t / 1e9, addrs: deps.addrs(), results });
      results = [];
      const during = `onEvent(${type})`;
      const answer = callScript(script, spec, t, during, 'onEvent', [deepFreeze(ev), host]);
      const cmds = readCommands(answer);
      if (typeof cmds === 'string') throw new ScriptError(spec.path, `onEvent ${cmds.startsWith('[') ? `returned ${cmds}` : cmds}`, t, during);
      const evToken = typeof ev.token === 'number' ? ev.token : null;
      for (const { cmd, token } of cmds) {
        const i = index++;
        deps.engine.after(0, {
          fire: () => {
            const r = deps.run(cmd, token ?? evToken);
            const res = r.result;
            const out: ScriptCommandResult = { cmd: cmd.cmd, token: r.token, ok: res.ok, errno: res.ok ? null : res.errno, detail: res.ok ? '' : `${res.errno} (-${UPM_ERRNO[res.errno]}, ${res.message})` };
            results.push(out);
            deps.record({ ...out, index: i, t: deps.engine.now, command: cmd });
          },
        }, null);
      }
    },
  };
}
