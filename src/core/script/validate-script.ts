/**
 * Validation of the scenario's script keys (`sim.pm_script`, `sim.scheduler_script`), called by
 * scenario/validate.ts: each is `{ side, source, note? }` with `side` 'client', 'server' or 'both'
 * (default 'both') and a non-empty source of at most MAX_SCRIPT_BYTES. A PM script needs the
 * userspace path manager on its host(s) (`path_manager userspace` / pm_type 1), and a scheduler
 * script must not take a host whose `sim.scheduler` is also set. The source itself is compiled only
 * when the run starts (its errors are located there, with the line).
 */
import type { NsConfig, ScriptConfig } from '../scenario/types';
import { effectiveMptcpSysctls } from '../scenario/mptcp-sysctls';

export const MAX_SCRIPT_BYTES = 64 * 1024;
const SIDES = ['client', 'server', 'both'] as const;

/** The hosts a script config covers. */
export function scriptSides(side: ScriptConfig['side']): ('client' | 'server')[] {
  return side === 'both' ? ['client', 'server'] : [side];
}

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkOne(err: (path: string, msg: string) => void, v: unknown, where: string): ScriptConfig | null {
  if (!isDict(v)) {
    err(where, `expected an object like {"side": "client", "source": "function …"}, got ${Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v}`);
    return null;
  }
  let ok = true;
  for (const k of Object.keys(v)) {
    if (v[k] !== undefined && !['side', 'source', 'note'].includes(k)) {
      err(`${where}.${k}`, 'unknown key (allowed: side, source, note)');
      ok = false;
    }
  }
  let side: ScriptConfig['side'] = 'both';
  if (v.side !== undefined) {
    if (typeof v.side !== 'string' || !(SIDES as readonly string[]).includes(v.side)) {
      err(`${where}.side`, `must be one of 'client', 'server', 'both', got ${JSON.stringify(v.side) ?? String(v.side)}`);
      ok = false;
    } else side = v.side as ScriptConfig['side'];
  }
  const src = v.source;
  if (src === undefined) {
    err(`${where}.source`, 'is required (the JavaScript text of the script)');
    ok = false;
  } else if (typeof src !== 'string') {
    err(`${where}.source`, `expected a string of JavaScript, got ${Array.isArray(src) ? 'a list' : src === null ? 'null' : typeof src}`);
    ok = false;
  } else if (src.trim() === '') {
    err(`${where}.source`, 'is empty');
    ok = false;
  } else if (new TextEncoder().encode(src).length > MAX_SCRIPT_BYTES) {
    err(`${where}.source`, `is longer than ${MAX_SCRIPT_BYTES} bytes`);
    ok = false;
  }
  if (!ok) return null;
  return { side, source: src as string, ...(v.note !== undefined ? { note: v.note } : {}) };
}

/** Check and normalise the script keys of `sim`; returns the normalised values to merge into `sim`. */
export function checkScripts(
  err: (path: string, msg: string) => void,
  sim: Record<string, unknown>,
  hosts: { client: NsConfig; server: NsConfig } | null,
): { pm_script?: ScriptConfig; scheduler_script?: ScriptConfig } {
  const out: { pm_script?: ScriptConfig; scheduler_script?: ScriptConfig } = {};
  if (sim.pm_script !== undefined) {
    const pm = checkOne(err, sim.pm_script, 'scenario.sim.pm_script');
    if (pm) {
      out.pm_script = pm;
      if (hosts) {
        for (const side of scriptSides(pm.side)) {
          const ns = hosts[side];
          if (!ns || !isDict(ns.mptcp_sysctl) || !isDict(ns.sysctl)) continue;
          if (effectiveMptcpSysctls(ns).path_manager !== 'userspace') {
            err('scenario.sim.pm_script.side', `the ${side} uses the in-kernel path manager: a PM script needs ${side}.mptcp_sysctl.path_manager "userspace" (or pm_type 1)`);
          }
        }
      }
    }
  }
  if (sim.scheduler_script !== undefined) {
    const sc = checkOne(err, sim.scheduler_script, 'scenario.sim.scheduler_script');
    if (sc) {
      out.scheduler_script = sc;
      const named = sim.scheduler;
      for (const side of scriptSides(sc.side)) {
        if (typeof named === 'string' || (isDict(named) && named[side] !== undefined)) {
          err('scenario.sim.scheduler_script.side', `the ${side} also has sim.scheduler: give a host either a named scheduler or a scheduler script`);
          break;
        }
      }
    }
  }
  return out;
}
