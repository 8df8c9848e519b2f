/**
 * Acting at t = 0 is configuring the hosts before the run: `ip mptcp limits`, `ip mptcp endpoint`
 * and `sysctl -w` typed while the cursor is at the very start become the hosts' start configuration
 * (the scenario's `client`/`server` keys), as if typed before the application started — not events
 * racing the first SYN. (On a real machine, an endpoint added while the connection is still in its
 * handshake is not used by it: Linux decides `work_pending` when the connection is created.)
 */
import type { EndpointConfig, EventConfig, NsConfig, Scenario } from '../scenario/types';
import { validateScenario } from '../scenario/index';
import { toRawScenario } from './scenario-fork';

const CONFIG_ACTIONS = new Set(['endpoint_add', 'endpoint_del', 'endpoint_change', 'endpoint_flush', 'limits', 'sysctl']);

/** Does `ev` configure a host at t = 0 (and so belong in the start configuration)? */
export function isStartConfig(ev: EventConfig): boolean {
  return ev.at === 0 && CONFIG_ACTIONS.has(ev.action);
}

function matches(ep: EndpointConfig, sel: { id: number | null; addr: string | null; path: number | null }): boolean {
  if (sel.id !== null) return ep.id === sel.id;
  if (sel.addr !== null) return ep.addr === sel.addr;
  return sel.path !== null && ep.path === sel.path;
}

function apply(cfg: NsConfig, ev: EventConfig): void {
  switch (ev.action) {
    case 'endpoint_add':
      cfg.endpoints.push({ ...ev.endpoint, flags: [...ev.endpoint.flags] });
      break;
    case 'endpoint_del':
      cfg.endpoints = cfg.endpoints.filter((ep) => !matches(ep, ev));
      break;
    case 'endpoint_change':
      for (const ep of cfg.endpoints) {
        if (!matches(ep, ev)) continue;
        for (const f of ev.flags) {
          const base = f.replace(/^no/, '') as 'backup' | 'fullmesh';
          const set = new Set(ep.flags);
          if (f.startsWith('no')) set.delete(base);
          else set.add(base);
          ep.flags = [...set];
        }
      }
      break;
    case 'endpoint_flush':
      cfg.endpoints = [];
      break;
    case 'limits': {
      const old = cfg.limits ?? { subflows: null, add_addr_accepted: null };
      cfg.limits = { subflows: ev.subflows ?? old.subflows, add_addr_accepted: ev.add_addr_accepted ?? old.add_addr_accepted };
      break;
    }
    case 'sysctl':
      cfg.sysctl = { ...cfg.sysctl, [ev.key]: ev.value };
      break;
    default:
      break;
  }
}

/** The scenario with its t = 0 configuration events folded into the hosts' start configuration. */
export function foldStartConfig(sc: Scenario): Scenario {
  if (!sc.events.some(isStartConfig)) return sc;
  const out = structuredClone(sc);
  const keep: EventConfig[] = [];
  for (const ev of out.events) {
    if (isStartConfig(ev) && 'ns' in ev && (ev.ns === 'client' || ev.ns === 'server')) apply(out[ev.ns], ev);
    else keep.push(ev);
  }
  out.events = keep;
  return out;
}

/**
 * A scenario file with its t = 0 configuration events folded (see foldStartConfig); the file as it
 * was when it does not validate (the run will report its errors).
 */
export function foldStartConfigRaw(raw: Record<string, unknown>): Record<string, unknown> {
  const v = validateScenario(raw);
  if (!v.ok || !v.scenario.events.some(isStartConfig)) return raw;
  return toRawScenario(foldStartConfig(v.scenario));
}
