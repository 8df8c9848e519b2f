/**
 * `kernel-ref-scenario/1` validation: the same keys, defaults, ranges, aliases, normalisation and
 * error messages (with their JSON paths) as `validate_scenario()` in ../shared/kernel-ref/run, so one
 * file means the same thing on the real kernel and here. Unknown keys are errors.
 *
 * Deliberate differences from the Python (design.md §5 and the scenario brief):
 * - every error is collected: where the Python stops (no valid `paths` list) the rest is still
 *   checked, with the checks that need the paths left out;
 * - `mptcp_sysctl` names are checked against Linux 6.18's net.mptcp table instead of /proc, and
 *   each value the way the kernel's proc handler would (mptcp-sysctls.ts); `sysctl` keys and
 *   `sysctl` events under `net.mptcp.` get the same check;
 * - `sim` (simulator-only extensions) is validated: keys `notes`, `congestion_control_default`,
 *   `trace`, … and `userspace_pm` (normalised: absent ids/ports null, default flags filled in);
 * - harness-only keys that were given are listed in `ignored` (`PATH: reason`);
 * - values that are not JSON (undefined, functions) count as absent / of a foreign type, and the
 *   Python crash on an unhashable `action` is an ordinary error here.
 */
import { formatIpv4, inPathSubnet, parseIpv4 } from './ipv4';
import { isMptcpSysctlName, mptcpSysctlValueProblem, MPTCP_SYSCTL_NAMES } from './mptcp-sysctls';
import {
  isPyInt,
  pyJsonDumps,
  pyList,
  pyNumber,
  pyRepr,
  pyStr,
  pyStrRepr,
  pyTypeName,
  type NumberLiterals,
} from './py-format';
import { schedulers } from '../sched/index';
import { MIDDLEBOX_ACTIONS, MIDDLEBOX_OPTION_NAMES, MIDDLEBOX_SEGMENT_KINDS, type MiddleboxConfig } from '../net/middlebox';
import type { ScenarioError, ValidationResult } from './scenario-error';
import { SCENARIO_SCHEMA, type EndpointFlag, type NsConfig, type Scenario, type Shape, type UpmAddrConfig, type UserspacePmCommandConfig } from './types';
import { checkScripts } from '../script/validate-script';
import { FORCE_MPTCP_VALUES, KERNEL_MPTCP_VALUES } from '../linux/socket-create';

export interface ValidateOptions {
  /** Number spellings from the JSON text (parseScenarioText passes them) to tell `1` from `1.0`. */
  numberLiterals?: NumberLiterals;
  /** Spelling of the whole document when it is a bare number (only used in the type error). */
  rootLiteral?: string;
}

type Raw = Record<string, unknown>;

const SHAPE_KEYS = ['delay_ms', 'jitter_ms', 'loss_pct', 'rate_mbit', 'queue_pkts', 'allow_reorder'] as const;
const SHAPE_DEFAULTS: Shape = {
  delay_ms: 0,
  jitter_ms: 0,
  loss_pct: 0,
  rate_mbit: null,
  queue_pkts: 1000,
  allow_reorder: false,
};
const ENDPOINT_FLAGS = ['signal', 'subflow', 'backup', 'fullmesh'] as const;
const CHANGE_FLAGS = ['backup', 'nobackup', 'fullmesh', 'nofullmesh'] as const;
const ENDPOINT_KEYS = ['path', 'addr', 'dev', 'id', 'flags', 'port'] as const;

const EVENT_KEYS: Record<string, readonly string[]> = {
  link_down: ['path', 'side'],
  link_up: ['path', 'side'],
  shape: ['path', 'dir', ...SHAPE_KEYS],
  shape_reset: ['path', 'dir'],
  endpoint_add: ['ns', 'path', 'addr', 'dev', 'id', 'flags', 'port'],
  endpoint_del: ['ns', 'id', 'addr', 'path'],
  endpoint_change: ['ns', 'id', 'addr', 'path', 'flags'],
  endpoint_flush: ['ns'],
  limits: ['ns', 'subflows', 'add_addr_accepted'],
  sysctl: ['ns', 'key', 'value'],
  addr_add: ['ns', 'path', 'addr'],
  addr_del: ['ns', 'path', 'addr'],
  ss: [],
  cmd: ['ns', 'argv'],
};
const EVENT_ACTIONS_SORTED = Object.keys(EVENT_KEYS).sort();

const TOP_KEYS = [
  'schema', 'name', 'description', 'notes', 'timeout_s', 'seed', 'paths', 'client', 'server',
  'app', 'events', 'capture', 'analysis', 'ss_interval_s', 'expect', 'static_arp', 'sim',
];

/** `net.*` sysctls the simulator models (besides net.mptcp.*); every other `sysctl` key is ignored. */
export const MODELLED_SYSCTLS: readonly string[] = [
  'net.ipv4.tcp_congestion_control',
  'net.ipv4.tcp_sack',
  'net.ipv4.tcp_timestamps',
  'net.ipv4.tcp_window_scaling',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];

const SIM_KEYS = ['notes', 'congestion_control_default', 'congestion_control', 'trace', 'tcp_flows', 'middleboxes', 'scheduler', 'userspace_pm', 'pm_script', 'scheduler_script', 'force_mptcp', 'kernel'];
/** sim.userspace_pm: the scripted daemon's netlink commands (pm/userspace-pm.ts) and their keys. */
const UPM_CMDS = ['announce', 'remove', 'subflow_create', 'subflow_destroy', 'set_flags'] as const;
const UPM_BASE_KEYS = ['at', 'ns', 'cmd', 'token', 'note'];
/** sim.congestion_control: overrides app.congestion_control, including the coupled MPTCP algorithms the kernel lacks. */
const SIM_CC_ANY = ['cubic', 'reno', 'lia', 'olia', 'balia'];
const MIDDLEBOX_KEYS = ['path', 'dir', 'action', 'options', 'on', 'from_s', 'until_s', 'count', 'note'];
/** sim.tcp_flows: 'single' (default) or 'per_path' (one plain TCP connection per path, like ns-3's two-path workload). */
const SIM_TCP_FLOWS = ['single', 'per_path'];
const SIM_CC = ['cubic', 'reno'];

const SYSCTL_KEY_RE = /^net\.[A-Za-z0-9_.-]+$/;
const CC_NAME_RE = /^[a-z0-9_]{1,15}$/;

const hasOwn = Object.prototype.hasOwnProperty;

/** Python's `key in obj` for JSON objects: an own property that is not undefined. */
function has(o: Raw, k: string): boolean {
  return hasOwn.call(o, k) && o[k] !== undefined;
}

/** Python's `obj.get(key)`. */
function get(o: Raw, k: string): unknown {
  return has(o, k) ? o[k] : undefined;
}

function isDict(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Python truthiness of the values the validator tests with `if x` / `x or y`. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

interface NumberOpts {
  lo?: number;
  hi?: number;
  integer?: boolean;
  allowNone?: boolean;
  required?: boolean;
}

/** Collects `path: message` errors like kernel-ref's Checker. */
class Checker {
  readonly errors: ScenarioError[] = [];

  constructor(private readonly lits: NumberLiterals | undefined) {}

  err(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** The JSON spelling of obj[key] when it is a number literal from the text. */
  literal(obj: object, key: string): string | undefined {
    return this.lits?.get(obj)?.get(key);
  }

  dumps(obj: object, key: string): string {
    return pyJsonDumps((obj as Raw)[key], this.literal(obj, key), this.lits);
  }

  repr(obj: object, key: string): string {
    return pyRepr((obj as Raw)[key], this.literal(obj, key), this.lits);
  }

  isInt(obj: object, key: string): boolean {
    const v = (obj as Raw)[key];
    return typeof v === 'number' && isPyInt(v, this.literal(obj, key));
  }

  keys(obj: unknown, allowed: readonly string[], where: string, holder?: object, holderKey?: string, lit?: string): obj is Raw {
    if (!isDict(obj)) {
      if (holder && holderKey !== undefined) lit = this.literal(holder, holderKey);
      this.err(where, `expected an object, got ${pyTypeName(obj, lit)}`);
      return false;
    }
    for (const k of Object.keys(obj)) {
      if (obj[k] === undefined) continue;
      if (!allowed.includes(k)) this.err(`${where}.${k}`, `unknown key (allowed: ${allowed.join(', ')})`);
    }
    return true;
  }

  number<D>(obj: Raw, key: string, where: string, def: D, o: NumberOpts = {}): number | D | null {
    if (!has(obj, key) || (obj[key] === null && o.allowNone)) {
      if (o.required) this.err(`${where}.${key}`, 'is required');
      return has(obj, key) ? null : def;
    }
    const v = obj[key];
    if (typeof v !== 'number' || (o.integer && !this.isInt(obj, key))) {
      this.err(`${where}.${key}`, `expected ${o.integer ? 'an integer' : 'a number'}, got ${this.dumps(obj, key)}`);
      return def;
    }
    const shown = pyNumber(v, this.literal(obj, key));
    if (o.lo !== undefined && v < o.lo) this.err(`${where}.${key}`, `must be >= ${o.lo}, got ${shown}`);
    if (o.hi !== undefined && v > o.hi) this.err(`${where}.${key}`, `must be <= ${o.hi}, got ${shown}`);
    return v;
  }

  choice<T extends string, D>(obj: Raw, key: string, where: string, choices: readonly T[], def: D, required = false): T | D {
    if (!has(obj, key)) {
      if (required) this.err(`${where}.${key}`, 'is required');
      return def;
    }
    const v = obj[key];
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
      this.err(`${where}.${key}`, `must be one of ${pyList(choices)}, got ${this.dumps(obj, key)}`);
      return def;
    }
    return v as T;
  }

  boolean(obj: Raw, key: string, where: string, def = false): boolean {
    if (!has(obj, key)) return def;
    if (typeof obj[key] !== 'boolean') {
      this.err(`${where}.${key}`, `expected true/false, got ${this.dumps(obj, key)}`);
      return def;
    }
    return obj[key] as boolean;
  }

  string<D>(obj: Raw, key: string, where: string, def: D, required = false): string | D {
    if (!has(obj, key)) {
      if (required) this.err(`${where}.${key}`, 'is required');
      return def;
    }
    if (typeof obj[key] !== 'string') {
      this.err(`${where}.${key}`, `expected a string, got ${this.dumps(obj, key)}`);
      return def;
    }
    return obj[key] as string;
  }
}

function pathAddr(k: number, side: string): string {
  return `10.0.${k}.${side === 'client' ? 1 : 2}`;
}

function iface(k: number, side: string): string {
  return `${side === 'client' ? 'cli' : 'srv'}-p${k}`;
}

/**
 * One direction's link model. `subset` = obj is a bigger object of which only the shape keys count
 * (the Python builds `{k: obj[k] for k in SHAPE_KEYS if k in obj}` there, so no unknown-key check).
 */
function checkShape(c: Checker, obj: unknown, where: string, base: Shape, subset = false, holder?: object, holderKey?: string): Shape {
  const out: Shape = { ...base };
  if (subset) {
    if (!isDict(obj)) return out;
  } else if (!c.keys(obj, SHAPE_KEYS, where, holder, holderKey)) return out;
  out.delay_ms = c.number(obj, 'delay_ms', where, out.delay_ms, { lo: 0, hi: 10000 }) as number;
  out.jitter_ms = c.number(obj, 'jitter_ms', where, out.jitter_ms, { lo: 0, hi: 10000 }) as number;
  out.loss_pct = c.number(obj, 'loss_pct', where, out.loss_pct, { lo: 0, hi: 100 }) as number;
  if (has(obj, 'rate_mbit')) {
    out.rate_mbit = c.number(obj, 'rate_mbit', where, null, { lo: 0.001, hi: 10000, allowNone: true });
  }
  out.queue_pkts = c.number(obj, 'queue_pkts', where, out.queue_pkts, { lo: 1, hi: 100000, integer: true }) as number;
  out.allow_reorder = c.boolean(obj, 'allow_reorder', where, out.allow_reorder);
  return out;
}

/** Paths count, or null when the scenario has no valid `paths` list (path checks are then skipped). */
type NPaths = number | null;

function checkEndpoint(
  c: Checker,
  e: unknown,
  where: string,
  side: string,
  npaths: NPaths,
  addrMap: Map<string, number>,
  subset = false,
  holder?: object,
  holderKey?: string,
): Record<string, unknown> | null {
  if (subset) {
    if (!isDict(e)) return null;
  } else if (!c.keys(e, ENDPOINT_KEYS, where, holder, holderKey)) return null;
  const ep: Record<string, unknown> = { id: null, addr: null, dev: null, path: null, flags: [], port: null };
  let p = c.number(e, 'path', where, null, { lo: 1, hi: npaths ?? undefined, integer: true });
  const addr = c.string(e, 'addr', where, null);
  if (p === null && addr === null) {
    c.err(where, "needs 'path' or 'addr'");
    return null;
  }
  if (addr !== null) {
    if (parseIpv4(addr) === null) {
      c.err(`${where}.addr`, `not an IPv4 address: ${pyStrRepr(addr)}`);
      return null;
    }
    if (p === null) p = addrMap.get(addr) ?? null;
  }
  ep.path = p;
  ep.addr = addr !== null ? addr : truthy(p) ? pathAddr(p as number, side) : null;
  const dev = c.string(e, 'dev', where, null);
  ep.dev = truthy(dev) ? dev : truthy(p) ? iface(p as number, side) : null;
  ep.id = c.number(e, 'id', where, null, { lo: 1, hi: 255, integer: true });
  ep.port = c.number(e, 'port', where, null, { lo: 1, hi: 65535, integer: true });
  const flags = has(e, 'flags') ? e.flags : [];
  if (!Array.isArray(flags) || flags.some((f) => !(ENDPOINT_FLAGS as readonly unknown[]).includes(f))) {
    const shown = has(e, 'flags') ? c.dumps(e, 'flags') : '[]';
    c.err(`${where}.flags`, `must be a list drawn from ${pyList(ENDPOINT_FLAGS)}, got ${shown}`);
    ep.flags = [];
  } else ep.flags = [...flags];
  return ep;
}

/** Python: `ipaddress.IPv4Network(f"10.0.{k}.0/24")` raises unless 0 <= k <= 255. */
function validPathSubnetIndex(k: number): boolean {
  return Number.isInteger(k) && k >= 0 && k <= 255;
}

/** Checks a value written to net.mptcp.`name` (our addition to the Python). Returns false if reported. */
function checkMptcpSysctlValue(c: Checker, where: string, name: string, value: number | string): boolean {
  const problem = mptcpSysctlValueProblem(name, value);
  if (problem !== null) {
    c.err(where, problem);
    return false;
  }
  return true;
}

const UNKNOWN_MPTCP_SYSCTL = `no such sysctl under net.mptcp (known: ${MPTCP_SYSCTL_NAMES.join(', ')})`;

/**
 * Validate and normalise a parsed scenario (kernel-ref-scenario/1). Never throws on any JSON value.
 * On success the scenario has every default filled in exactly as `run --validate` prints it.
 */
export function validateScenario(raw: unknown, opts: ValidateOptions = {}): ValidationResult {
  const c = new Checker(opts.numberLiterals);
  const ignored: string[] = [];
  const fail = (): ValidationResult => ({ ok: false, errors: c.errors });

  if (!c.keys(raw, TOP_KEYS, 'scenario', undefined, undefined, opts.rootLiteral)) return fail();
  const sc: Record<string, unknown> = { schema: SCENARIO_SCHEMA };
  if (has(raw, 'schema') && raw.schema !== SCENARIO_SCHEMA) {
    c.err('scenario.schema', `expected ${pyStrRepr(SCENARIO_SCHEMA)}, got ${c.repr(raw, 'schema')}`);
  }
  sc.name = c.string(raw, 'name', 'scenario', 'unnamed');
  sc.description = c.string(raw, 'description', 'scenario', '');
  if (has(raw, 'notes')) sc.notes = raw.notes;
  if (has(raw, 'sim')) {
    sc.sim = raw.sim;
    checkSim(c, raw);
  }
  sc.timeout_s = c.number(raw, 'timeout_s', 'scenario', 30, { lo: 1, hi: 600 });
  sc.seed = c.number(raw, 'seed', 'scenario', 1, { integer: true });
  sc.ss_interval_s = c.number(raw, 'ss_interval_s', 'scenario', 1.0, { lo: 0, hi: 60 });
  sc.static_arp = c.boolean(raw, 'static_arp', 'scenario', true);
  if (has(raw, 'static_arp')) ignored.push('scenario.static_arp: harness-only (permanent ARP entries); the simulator has no ARP');
  if (has(raw, 'ss_interval_s')) ignored.push('scenario.ss_interval_s: harness-only (periodic `ss` snapshots of the kernel sockets)');

  // ---- paths
  const pathsRaw = get(raw, 'paths');
  let npaths: NPaths = null;
  if (!Array.isArray(pathsRaw) || pathsRaw.length < 1 || pathsRaw.length > 8) {
    c.err('scenario.paths', 'must be a list of 1..8 path objects');
  } else npaths = pathsRaw.length;
  const paths: Record<string, unknown>[] = [];
  const addrMap = { client: new Map<string, number>(), server: new Map<string, number>() };
  const pathList = npaths !== null ? (pathsRaw as unknown[]) : [];
  for (let i = 0; i < pathList.length; i++) {
    const p = pathList[i];
    const k = i + 1;
    const w = `scenario.paths[${i}]`;
    const allowed = [...SHAPE_KEYS, 'c2s', 's2c', 'mtu', 'server_extra_addrs', 'client_extra_addrs', 'tbf', 'name'];
    if (!c.keys(p, allowed, w, pathList, String(i))) continue;
    const base = checkShape(c, p, w, SHAPE_DEFAULTS, true);
    const pc: Record<string, unknown> = {
      id: k,
      name: c.string(p, 'name', w, `path${k}`),
      client_if: iface(k, 'client'),
      server_if: iface(k, 'server'),
      wire_client_if: `wc-p${k}`,
      wire_server_if: `ws-p${k}`,
      client_addr: pathAddr(k, 'client'),
      server_addr: pathAddr(k, 'server'),
      subnet: `10.0.${k}.0/24`,
    };
    pc.c2s = checkShape(c, has(p, 'c2s') ? p.c2s : {}, `${w}.c2s`, base, false, p, 'c2s');
    pc.s2c = checkShape(c, has(p, 's2c') ? p.s2c : {}, `${w}.s2c`, base, false, p, 's2c');
    pc.mtu = c.number(p, 'mtu', w, null, { lo: 576, hi: 9000, integer: true });
    for (const side of ['client', 'server'] as const) {
      const key = `${side}_extra_addrs`;
      let extras: unknown = has(p, key) ? p[key] : [];
      const good: string[] = [];
      if (!Array.isArray(extras)) {
        c.err(`${w}.${key}`, 'must be a list of IPv4 addresses');
        extras = [];
      }
      const list = extras as unknown[];
      for (let j = 0; j < list.length; j++) {
        const a = list[j];
        const lit = c.literal(list, String(j));
        const ip = parseIpv4(a, typeof a !== 'number' || isPyInt(a, lit));
        if (ip === null) {
          c.err(`${w}.${key}`, `not an IPv4 address: ${c.repr(list, String(j))}`);
          continue;
        }
        const last = ip % 256;
        if (!inPathSubnet(ip, k) || last === 0 || last === 1 || last === 2 || last === 255) {
          c.err(`${w}.${key}`, `${pyStr(a, lit)} must be inside 10.0.${k}.0/24 and not .0/.1/.2/.255`);
          continue;
        }
        good.push(formatIpv4(ip));
      }
      pc[key] = good;
      addrMap[side].set(pc[`${side}_addr`] as string, k);
      for (const a of good) {
        if (addrMap.client.has(a) || addrMap.server.has(a)) c.err(`${w}.${key}`, `address ${a} used twice`);
        addrMap[side].set(a, k);
      }
    }
    const tbf = get(p, 'tbf');
    if (tbf !== undefined && tbf !== null) {
      if (c.keys(tbf, ['rate_mbit', 'burst_bytes', 'latency_ms'], `${w}.tbf`, p, 'tbf')) {
        pc.tbf = {
          rate_mbit: c.number(tbf, 'rate_mbit', `${w}.tbf`, null, { lo: 0.001, required: true }),
          burst_bytes: c.number(tbf, 'burst_bytes', `${w}.tbf`, 15140, { lo: 1600, integer: true }),
          latency_ms: c.number(tbf, 'latency_ms', `${w}.tbf`, 50, { lo: 1 }),
        };
      }
    } else pc.tbf = null;
    paths.push(pc);
  }
  sc.paths = paths;

  // ---- namespaces (client / server)
  for (const side of ['client', 'server'] as const) {
    const w = `scenario.${side}`;
    const s = has(raw, side) ? raw[side] : {};
    const cfg: Record<string, unknown> = { limits: null, endpoints: [], mptcp_sysctl: {}, sysctl: {} };
    if (c.keys(s, ['limits', 'endpoints', 'mptcp_sysctl', 'sysctl'], w, raw, side)) {
      if (has(s, 'limits')) {
        const lim = s.limits;
        if (c.keys(lim, ['subflows', 'subflow', 'add_addr_accepted'], `${w}.limits`, s, 'limits')) {
          const o = { lo: 0, hi: 8, integer: true };
          cfg.limits = {
            subflows: has(lim, 'subflows')
              ? c.number(lim, 'subflows', `${w}.limits`, null, o)
              : c.number(lim, 'subflow', `${w}.limits`, null, o),
            add_addr_accepted: c.number(lim, 'add_addr_accepted', `${w}.limits`, null, o),
          };
        }
      }
      let eps: unknown = has(s, 'endpoints') ? s.endpoints : [];
      if (!Array.isArray(eps)) {
        c.err(`${w}.endpoints`, 'must be a list');
        eps = [];
      }
      const epList = eps as unknown[];
      const endpoints: Record<string, unknown>[] = [];
      const used = new Set<number>();
      for (let j = 0; j < epList.length; j++) {
        const ep = checkEndpoint(c, epList[j], `${w}.endpoints[${j}]`, side, npaths, addrMap[side], false, epList, String(j));
        if (ep) {
          if (ep.id !== null) {
            const id = ep.id as number;
            if (used.has(id)) c.err(`${w}.endpoints[${j}].id`, `duplicate id ${pyNumber(id, c.literal(epList[j] as object, 'id'))}`);
            used.add(id);
          }
          endpoints.push(ep);
        }
      }
      // Endpoints without an id get the lowest free ids from 1, in order (kernel-ref; the kernel
      // itself would also pick the lowest free id, pm_kernel.c).
      let nxt = 1;
      for (const ep of endpoints) {
        if (ep.id === null) {
          while (used.has(nxt)) nxt++;
          ep.id = nxt;
          used.add(nxt);
        }
      }
      cfg.endpoints = endpoints;

      const ms = has(s, 'mptcp_sysctl') ? s.mptcp_sysctl : {};
      const msOut: Record<string, number | string> = {};
      if (isDict(ms)) {
        for (const k2 of Object.keys(ms)) {
          const v = ms[k2];
          if (v === undefined) continue;
          const ww = `${w}.mptcp_sysctl.${k2}`;
          if (!isMptcpSysctlName(k2)) c.err(ww, UNKNOWN_MPTCP_SYSCTL);
          else if (!(typeof v === 'string' || c.isInt(ms, k2))) c.err(ww, 'value must be an integer or a string');
          else if (checkMptcpSysctlValue(c, ww, k2, v as number | string)) msOut[k2] = v as number | string;
        }
      } else c.err(`${w}.mptcp_sysctl`, 'must be an object');
      cfg.mptcp_sysctl = msOut;

      const gs = has(s, 'sysctl') ? s.sysctl : {};
      const gsOut: Record<string, number | string> = {};
      if (isDict(gs)) {
        for (const k2 of Object.keys(gs)) {
          const v = gs[k2];
          if (v === undefined) continue;
          const ww = `${w}.sysctl.${k2}`;
          if (!SYSCTL_KEY_RE.test(k2)) c.err(ww, 'only keys under net.* are allowed');
          else if (!(typeof v === 'string' || c.isInt(gs, k2))) c.err(ww, 'value must be an integer or a string');
          else if (k2.startsWith('net.mptcp.')) {
            const name = k2.slice('net.mptcp.'.length);
            if (!isMptcpSysctlName(name)) c.err(ww, UNKNOWN_MPTCP_SYSCTL);
            else if (checkMptcpSysctlValue(c, ww, name, v as number | string)) gsOut[k2] = v as number | string;
          } else {
            gsOut[k2] = v as number | string;
            if (!MODELLED_SYSCTLS.includes(k2)) ignored.push(`${ww}: not modelled by the simulator`);
          }
        }
      } else c.err(`${w}.sysctl`, 'must be an object');
      cfg.sysctl = gsOut;
    }
    sc[side] = cfg;
  }

  // ---- app
  {
    const w = 'scenario.app';
    const a = has(raw, 'app') ? raw.app : {};
    const app: Record<string, unknown> = {};
    const appKeys = [
      'direction', 'bytes', 'duration_s', 'client_proto', 'server_proto', 'port', 'server_addr',
      'chunk_bytes', 'sample_interval_s', 'sndbuf', 'rcvbuf', 'linger_s', 'congestion_control',
    ];
    if (c.keys(a, appKeys, w, raw, 'app')) {
      app.direction = c.choice(a, 'direction', w, ['upload', 'download'], 'upload');
      app.bytes = c.number(a, 'bytes', w, null, { lo: 1, hi: 2 ** 34, integer: true });
      app.duration_s = c.number(a, 'duration_s', w, null, { lo: 0.1, hi: 600 });
      if ((app.bytes === null) === (app.duration_s === null)) c.err(w, "give exactly one of 'bytes' or 'duration_s'");
      app.client_proto = c.choice(a, 'client_proto', w, ['mptcp', 'tcp'], 'mptcp');
      app.server_proto = c.choice(a, 'server_proto', w, ['mptcp', 'tcp'], 'mptcp');
      app.port = c.number(a, 'port', w, 5201, { lo: 1, hi: 65535, integer: true });
      const defAddr = paths.length > 0 ? (paths[0].server_addr as string) : '10.0.1.2';
      app.server_addr = c.string(a, 'server_addr', w, defAddr);
      if (npaths !== null && !addrMap.server.has(app.server_addr as string)) {
        c.err(`${w}.server_addr`, `${app.server_addr as string} is not a server address of any path`);
      }
      app.chunk_bytes = c.number(a, 'chunk_bytes', w, 65536, { lo: 1, hi: 2 ** 24, integer: true });
      app.sample_interval_s = c.number(a, 'sample_interval_s', w, 0.1, { lo: 0.01, hi: 10 });
      app.sndbuf = c.number(a, 'sndbuf', w, null, { lo: 1024, integer: true });
      app.rcvbuf = c.number(a, 'rcvbuf', w, null, { lo: 1024, integer: true });
      app.linger_s = c.number(a, 'linger_s', w, 0.5, { lo: 0, hi: 10 });
      app.congestion_control = c.string(a, 'congestion_control', w, null);
      if (app.congestion_control !== null && !CC_NAME_RE.test(app.congestion_control as string)) {
        c.err(`${w}.congestion_control`, "must be a congestion control name such as 'cubic', 'reno' or 'bbr'");
      }
    }
    sc.app = app;
  }

  // ---- events
  sc.events = checkEvents(c, raw, npaths, addrMap, ignored);
  if (isDict(sc.sim) && has(sc.sim, 'middleboxes')) sc.sim = { ...sc.sim, middleboxes: checkMiddleboxes(c, sc.sim.middleboxes, npaths) };
  if (isDict(sc.sim) && has(sc.sim, 'userspace_pm')) sc.sim = { ...sc.sim, userspace_pm: checkUserspacePm(c, sc.sim.userspace_pm) };
  // sim.pm_script / sim.scheduler_script: user JavaScript, run sandboxed (script/validate-script.ts)
  if (isDict(sc.sim)) sc.sim = { ...sc.sim, ...checkScripts((p, m) => c.err(p, m), sc.sim, isDict(sc.client) && isDict(sc.server) ? { client: sc.client as unknown as NsConfig, server: sc.server as unknown as NsConfig } : null) };

  // ---- capture / analysis / expect
  const cap = has(raw, 'capture') ? raw.capture : {};
  const capture = { side: 'server' as string, snaplen: 128 as number | null };
  if (c.keys(cap, ['side', 'snaplen'], 'scenario.capture', raw, 'capture')) {
    capture.side = c.choice(cap, 'side', 'scenario.capture', ['server', 'client', 'both'], 'server');
    capture.snaplen = c.number(cap, 'snaplen', 'scenario.capture', 128, { lo: 96, hi: 65535, integer: true });
    if (has(cap, 'snaplen')) ignored.push('scenario.capture.snaplen: harness-only (dumpcap snap length); the simulator keeps whole headers');
  }
  sc.capture = capture;
  const an = has(raw, 'analysis') ? raw.analysis : {};
  const analysis = { bin_s: 0.1 as number | null };
  if (c.keys(an, ['bin_s'], 'scenario.analysis', raw, 'analysis')) {
    analysis.bin_s = c.number(an, 'bin_s', 'scenario.analysis', 0.1, { lo: 0.01, hi: 10 });
  }
  sc.analysis = analysis;
  const ex = has(raw, 'expect') ? raw.expect : {};
  const expect: Record<string, unknown> = {};
  const expectKeys = [
    'stream_intact', 'mptcp', 'min_subflows', 'max_subflows', 'min_subflows_with_payload',
    'max_duration_s', 'min_add_addr', 'min_mp_prio',
  ];
  if (c.keys(ex, expectKeys, 'scenario.expect', raw, 'expect')) {
    for (const k of ['stream_intact', 'mptcp']) if (has(ex, k)) expect[k] = c.boolean(ex, k, 'scenario.expect');
    for (const k of ['min_subflows', 'max_subflows', 'min_subflows_with_payload', 'min_add_addr', 'min_mp_prio']) {
      if (has(ex, k)) expect[k] = c.number(ex, k, 'scenario.expect', null, { lo: 0, integer: true });
    }
    if (has(ex, 'max_duration_s')) expect.max_duration_s = c.number(ex, 'max_duration_s', 'scenario.expect', null, { lo: 0 });
  }
  sc.expect = expect;

  if (c.errors.length > 0) return fail();
  return { ok: true, scenario: sc as unknown as Scenario, ignored };
}

/** `sim`: simulator-only extensions. kernel-ref carries the key along unchecked; here it is checked. */
function checkSim(c: Checker, raw: Raw): void {
  const sim = raw.sim;
  if (!c.keys(sim, SIM_KEYS, 'scenario.sim', raw, 'sim')) return;
  if (has(sim, 'congestion_control_default')) c.choice(sim, 'congestion_control_default', 'scenario.sim', SIM_CC, null);
  if (has(sim, 'congestion_control')) c.choice(sim, 'congestion_control', 'scenario.sim', SIM_CC_ANY, null);
  if (has(sim, 'tcp_flows')) c.choice(sim, 'tcp_flows', 'scenario.sim', SIM_TCP_FLOWS, null);
  if (has(sim, 'scheduler')) {
    // a scheduler name for both hosts, or {client, server}
    const names = Object.keys(schedulers);
    const v = sim.scheduler;
    if (isDict(v)) {
      if (c.keys(v, ['client', 'server'], 'scenario.sim.scheduler')) for (const side of ['client', 'server']) if (has(v, side)) c.choice(v, side, 'scenario.sim.scheduler', names, null);
    } else c.choice(sim, 'scheduler', 'scenario.sim', names, null);
  }
  if (has(sim, 'trace')) {
    const tr = sim.trace;
    if (c.keys(tr, ['packets'], 'scenario.sim.trace', sim, 'trace')) c.boolean(tr, 'packets', 'scenario.sim.trace');
  }
  // sim.force_mptcp {client?, server?}: mptcpize | mptcpify | godebug (linux/socket-create.ts)
  if (has(sim, 'force_mptcp') && c.keys(sim.force_mptcp, ['client', 'server'], 'scenario.sim.force_mptcp', sim, 'force_mptcp')) {
    for (const side of ['client', 'server']) if (has(sim.force_mptcp, side)) c.choice(sim.force_mptcp, side, 'scenario.sim.force_mptcp', FORCE_MPTCP_VALUES, null);
  }
  // sim.kernel {mptcp?, client?: {mptcp?}, server?: {mptcp?}}: built | absent | pre-5.6
  if (has(sim, 'kernel') && c.keys(sim.kernel, ['mptcp', 'client', 'server'], 'scenario.sim.kernel', sim, 'kernel')) {
    const k = sim.kernel;
    if (has(k, 'mptcp')) c.choice(k, 'mptcp', 'scenario.sim.kernel', KERNEL_MPTCP_VALUES, null);
    for (const side of ['client', 'server']) {
      const h = k[side];
      if (has(k, side) && c.keys(h, ['mptcp'], `scenario.sim.kernel.${side}`, k, side)) c.choice(h, 'mptcp', `scenario.sim.kernel.${side}`, KERNEL_MPTCP_VALUES, null);
    }
  }
}

/** `sim.middleboxes` (net/middlebox.ts): a list of boxes, each normalised with its defaults. */
function checkMiddleboxes(c: Checker, list: unknown, npaths: NPaths): MiddleboxConfig[] {
  const out: MiddleboxConfig[] = [];
  if (!Array.isArray(list)) {
    c.err('scenario.sim.middleboxes', 'must be a list');
    return out;
  }
  list.forEach((raw: unknown, j) => {
    const w = `scenario.sim.middleboxes[${j}]`;
    if (!c.keys(raw, MIDDLEBOX_KEYS, w)) return;
    const path = c.number(raw, 'path', w, null, { lo: 1, hi: npaths ?? undefined, integer: true, required: true });
    const dir = c.choice(raw, 'dir', w, ['c2s', 's2c', 'both'] as const, 'both');
    const action = c.choice(raw, 'action', w, MIDDLEBOX_ACTIONS, null, true);
    const on = c.choice(raw, 'on', w, MIDDLEBOX_SEGMENT_KINDS, 'any');
    let options: string[] = ['ALL'];
    if (has(raw, 'options')) {
      const o = raw.options;
      if (!Array.isArray(o) || o.length === 0 || o.some((x) => !(MIDDLEBOX_OPTION_NAMES as readonly unknown[]).includes(x))) {
        c.err(`${w}.options`, `must be a non-empty list drawn from ${pyList(MIDDLEBOX_OPTION_NAMES)}, got ${c.dumps(raw, 'options')}`);
      } else options = [...(o as string[])];
    }
    if (action === 'rewrite_payload' && (has(raw, 'options') || has(raw, 'on'))) {
      c.err(w, "'options' and 'on' only apply to action 'strip_options'");
    }
    const from = c.number(raw, 'from_s', w, 0, { lo: 0 }) as number;
    const until = has(raw, 'until_s') && raw.until_s !== null ? (c.number(raw, 'until_s', w, null, { lo: 0 }) as number | null) : null;
    if (until !== null && typeof from === 'number' && until <= from) c.err(`${w}.until_s`, `must be greater than from_s (${from})`);
    const count = has(raw, 'count') && raw.count !== null ? (c.number(raw, 'count', w, null, { lo: 1, integer: true }) as number | null) : null;
    if (path === null || action === null) return;
    out.push({ path, dir, action, options, on, from_s: from, until_s: until, count });
  });
  return out;
}

/**
 * `sim.userspace_pm`: a list of daemon commands. Only the shape is checked here (what the netlink
 * policy of mptcp_pm.yaml would refuse: types, u8/u16/u32 ranges, IPv4 addresses); what the kernel
 * answers with an errno (id 0, missing ports, unknown subflows…) is left to the run.
 */
function checkUserspacePm(c: Checker, list: unknown): UserspacePmCommandConfig[] {
  const out: UserspacePmCommandConfig[] = [];
  if (!Array.isArray(list)) {
    c.err('scenario.sim.userspace_pm', 'must be a list');
    return out;
  }
  list.forEach((raw: unknown, j) => {
    const w = `scenario.sim.userspace_pm[${j}]`;
    if (!isDict(raw)) {
      c.err(w, 'expected an object');
      return;
    }
    const cmd = c.choice(raw, 'cmd', w, UPM_CMDS, null, true);
    const extra = cmd === null ? [] : cmd === 'remove' ? ['id'] : cmd === 'announce' ? ['local'] : ['local', 'remote'];
    if (cmd !== null) c.keys(raw, [...UPM_BASE_KEYS, ...extra], w);
    const at = c.number(raw, 'at', w, 0, { lo: 0, hi: 600, required: true }) as number;
    const ns = c.choice(raw, 'ns', w, ['client', 'server'] as const, null, true);
    const token = c.number(raw, 'token', w, null, { lo: 0, hi: 4294967295, integer: true });
    const base = { at, ns: ns ?? 'client', token, ...(has(raw, 'note') ? { note: raw.note } : {}) };
    if (cmd === 'remove') {
      const id = c.number(raw, 'id', w, null, { lo: 0, hi: 255, integer: true, required: true });
      if (ns !== null && id !== null) out.push({ ...base, cmd, id });
      return;
    }
    if (cmd === null) return;
    const local = checkUpmAddr(c, raw, 'local', w, true, cmd === 'announce' ? ['signal'] : []);
    const remote = cmd === 'announce' ? null : checkUpmAddr(c, raw, 'remote', w, false, []);
    if (ns === null || local === null) return;
    if (cmd === 'announce') out.push({ ...base, cmd, local });
    else if (remote !== null) out.push({ ...base, cmd, local, remote });
  });
  return out;
}

/** One address of a userspace-PM command: `local` may carry flags, `remote` not. */
function checkUpmAddr(c: Checker, holder: Raw, key: string, where: string, isLocal: boolean, defaultFlags: EndpointFlag[]): UpmAddrConfig | null {
  const w = `${where}.${key}`;
  if (!has(holder, key)) {
    c.err(w, 'is required');
    return null;
  }
  const a = holder[key];
  if (!c.keys(a, isLocal ? ['addr', 'id', 'port', 'flags'] : ['addr', 'id', 'port'], w, holder, key)) return null;
  const addr = c.string(a, 'addr', w, null, true);
  if (addr !== null && parseIpv4(addr) === null) c.err(`${w}.addr`, `not an IPv4 address: ${pyStrRepr(addr)}`);
  const id = c.number(a, 'id', w, null, { lo: 0, hi: 255, integer: true });
  const port = c.number(a, 'port', w, null, { lo: 0, hi: 65535, integer: true });
  let flags = defaultFlags;
  if (has(a, 'flags')) {
    const fl = a.flags;
    if (!Array.isArray(fl) || fl.some((f) => !(ENDPOINT_FLAGS as readonly unknown[]).includes(f))) {
      c.err(`${w}.flags`, `must be a list drawn from ${pyList(ENDPOINT_FLAGS)}, got ${c.dumps(a, 'flags')}`);
    } else flags = [...(fl as EndpointFlag[])];
  }
  if (addr === null || parseIpv4(addr) === null) return null;
  return { addr, id, port, flags };
}

function checkEvents(
  c: Checker,
  raw: Raw,
  npaths: NPaths,
  addrMap: { client: Map<string, number>; server: Map<string, number> },
  ignored: string[],
): Record<string, unknown>[] {
  let evs: unknown = has(raw, 'events') ? raw.events : [];
  const events: Record<string, unknown>[] = [];
  if (!Array.isArray(evs)) {
    c.err('scenario.events', 'must be a list');
    evs = [];
  }
  const list = evs as unknown[];
  const hi = npaths ?? undefined;
  for (let j = 0; j < list.length; j++) {
    const w = `scenario.events[${j}]`;
    const e = list[j];
    if (!isDict(e)) {
      c.err(w, 'expected an object');
      continue;
    }
    let act = get(e, 'action');
    if (act === 'netem') act = 'shape';
    if (typeof act !== 'string' || !hasOwn.call(EVENT_KEYS, act)) {
      c.err(
        `${w}.action`,
        `must be one of ${pyList(EVENT_ACTIONS_SORTED)} (or 'netem' as alias of 'shape'), got ${has(e, 'action') ? c.dumps(e, 'action') : 'null'}`,
      );
      continue;
    }
    c.keys(e, ['at', 'action', 'note', ...EVENT_KEYS[act]], w);
    const ev: Record<string, unknown> = {
      at: c.number(e, 'at', w, 0, { lo: 0, hi: 600, required: true }),
      action: act,
    };
    if (has(e, 'note')) ev.note = e.note;
    if (['link_down', 'link_up', 'shape', 'shape_reset', 'addr_add', 'addr_del'].includes(act)) {
      ev.path = c.number(e, 'path', w, 1, { lo: 1, hi, integer: true, required: true });
    }
    if (act === 'link_down' || act === 'link_up') ev.side = c.choice(e, 'side', w, ['client', 'server', 'both'], 'client');
    if (act === 'shape' || act === 'shape_reset') ev.dir = c.choice(e, 'dir', w, ['c2s', 's2c', 'both'], 'both');
    if (act === 'shape') {
      const set: Record<string, unknown> = {};
      for (const k of SHAPE_KEYS) if (has(e, k)) set[k] = e[k];
      ev.set = set;
      checkShape(c, e, w, SHAPE_DEFAULTS, true);
      if (Object.keys(set).length === 0) c.err(w, `'shape' needs at least one of ${pyList(SHAPE_KEYS)}`);
    }
    if (['endpoint_add', 'endpoint_del', 'endpoint_change', 'endpoint_flush', 'limits', 'sysctl', 'addr_add', 'addr_del', 'cmd'].includes(act)) {
      const nsChoices = act !== 'cmd' ? ['client', 'server'] : ['client', 'server', 'wire'];
      ev.ns = c.choice(e, 'ns', w, nsChoices, null, true);
    }
    if (act === 'endpoint_add' && truthy(ev.ns)) {
      const ns = ev.ns as 'client' | 'server';
      ev.endpoint = checkEndpoint(c, e, w, ns, npaths, addrMap[ns], true);
    }
    if (act === 'endpoint_del' || act === 'endpoint_change') {
      ev.id = c.number(e, 'id', w, null, { lo: 1, hi: 255, integer: true });
      ev.addr = c.string(e, 'addr', w, null);
      ev.path = c.number(e, 'path', w, null, { lo: 1, hi, integer: true });
      if (ev.id === null && ev.addr === null && ev.path === null) c.err(w, "needs 'id', 'addr' or 'path' to find the endpoint");
    }
    if (act === 'endpoint_change') {
      const fl = get(e, 'flags');
      if (!Array.isArray(fl) || fl.length === 0 || fl.some((f) => !(CHANGE_FLAGS as readonly unknown[]).includes(f))) {
        c.err(`${w}.flags`, `must be a non-empty list drawn from ${pyList(CHANGE_FLAGS)}`);
      }
      ev.flags = fl === undefined ? null : fl;
    }
    if (act === 'limits') {
      ev.subflows = c.number(e, 'subflows', w, null, { lo: 0, hi: 8, integer: true });
      ev.add_addr_accepted = c.number(e, 'add_addr_accepted', w, null, { lo: 0, hi: 8, integer: true });
    }
    if (act === 'sysctl') checkSysctlEvent(c, e, w, ev, j, ignored);
    if (act === 'addr_add' || act === 'addr_del') {
      ev.addr = c.string(e, 'addr', w, null, true);
      const ip = parseIpv4(truthy(ev.addr) ? ev.addr : '');
      const p = ev.path as number | null;
      // Python: IPv4Network(f"10.0.{path}.0/24") raises ValueError too when path > 255 or < 0.
      if (ip === null || (truthy(p) && !validPathSubnetIndex(p as number))) {
        c.err(`${w}.addr`, `not an IPv4 address: ${ev.addr === null ? 'None' : pyStrRepr(ev.addr as string)}`);
      } else if (truthy(p) && !inPathSubnet(ip, p as number)) {
        c.err(`${w}.addr`, `must be inside 10.0.${p as number}.0/24`);
      }
    }
    if (act === 'cmd') {
      const argv = get(e, 'argv');
      if (!Array.isArray(argv) || argv.length === 0 || !argv.every((x) => typeof x === 'string')) {
        c.err(`${w}.argv`, 'must be a non-empty list of strings');
      }
      ev.argv = argv === undefined ? null : argv;
      ignored.push(`${w}: harness-only ('cmd' runs a shell command in a namespace)`);
    }
    events.push(ev);
  }
  // Sorted by time; events at the same time keep their order in the file (a stable sort).
  return events.sort((x, y) => (x.at as number) - (y.at as number));
}

function checkSysctlEvent(c: Checker, e: Raw, w: string, ev: Record<string, unknown>, j: number, ignored: string[]): void {
  ev.key = c.string(e, 'key', w, null, true);
  const key = ev.key as string | null;
  let keyOk = true;
  if (truthy(key) && !SYSCTL_KEY_RE.test(key as string)) {
    c.err(`${w}.key`, 'only keys under net.* are allowed');
    keyOk = false;
  }
  const v = get(e, 'value');
  const valueOk = typeof v === 'string' || c.isInt(e, 'value');
  if (!valueOk) c.err(`${w}.value`, 'must be an integer or a string');
  ev.value = v === undefined ? null : v;
  if (!keyOk || !truthy(key)) return;
  const k = key as string;
  if (k.startsWith('net.mptcp.')) {
    const name = k.slice('net.mptcp.'.length);
    if (!isMptcpSysctlName(name)) c.err(`${w}.key`, UNKNOWN_MPTCP_SYSCTL);
    else if (valueOk) checkMptcpSysctlValue(c, `${w}.value`, name, v as number | string);
  } else if (!MODELLED_SYSCTLS.includes(k)) {
    ignored.push(`scenario.events[${j}]: sysctl ${k} is not modelled by the simulator`);
  }
}
