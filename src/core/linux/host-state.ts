/**
 * A host's Linux control state at playback time t, rebuilt from the scenario and the trace (the
 * trace keeps no copy of it): the `ip mptcp` endpoint table and limits, and the `net.mptcp.*`
 * values. It is the scenario's start configuration, then every control event with `at` ≤ t on
 * that host, applied in order as the simulator applied them, plus the `implicit` endpoints the
 * kernel adds by itself when a subflow starts from an address that has no endpoint (seen in the
 * trace as an SF_ESTABLISHED event with a non-zero local id; kernel-ref's d_signal ends with
 * `10.0.2.1 id 1 rawflags 10` that way).
 */
import { PmNamespace } from '../pm/pm-namespace';
import type { EndpointFlagName } from '../pm/types';
import { effectiveMptcpSysctls, type MptcpSysctls } from '../scenario/mptcp-sysctls';
import type { EndpointConfig, EventConfig, NsName, Scenario } from '../scenario/types';
import { fromSeconds, type Nanos } from '../sim/time';
import type { PmEventRecord } from '../sim/trace';
import type { HostView } from './ip-mptcp';

export interface HostState {
  ns: PmNamespace;
  sysctls: MptcpSysctls;
  /** `net.*` keys written so far (start configuration, then `sysctl` events), as sysctl shows them. */
  otherSysctls: Record<string, number | string>;
}

/** Interfaces (ifindex order: lo = 1, then path K's interface = K + 1) and addresses of a host. */
export function hostView(scenario: Scenario, side: NsName): HostView {
  const ifaces = ['lo', ...scenario.paths.map((p) => (side === 'client' ? p.client_if : p.server_if))];
  const addrs = scenario.paths.flatMap((p) => (side === 'client' ? [p.client_addr, ...p.client_extra_addrs] : [p.server_addr, ...p.server_extra_addrs]));
  return { ifaces, addrs };
}

function endpointRequest(ep: EndpointConfig): { addr: string; id?: number; port: number | null; dev: string | null; flags: EndpointFlagName[] } {
  return { addr: ep.addr ?? '', ...(ep.id !== null ? { id: ep.id } : {}), port: ep.port, dev: ep.dev, flags: [...ep.flags] };
}

/** The address of a path on one side (events may name an endpoint by path). */
function pathAddress(scenario: Scenario, side: NsName, path: number | null): string | undefined {
  const p = path === null ? undefined : scenario.paths.find((x) => x.id === path);
  return p === undefined ? undefined : side === 'client' ? p.client_addr : p.server_addr;
}

/** Apply one control event to the state (what the simulator's world does when it fires). */
function apply(scenario: Scenario, side: NsName, st: HostState, writes: Record<string, number | string>, ev: EventConfig): void {
  const ns = st.ns;
  switch (ev.action) {
    case 'endpoint_add':
      ns.add(endpointRequest(ev.endpoint));
      break;
    case 'endpoint_del': {
      const addr = ev.addr ?? pathAddress(scenario, side, ev.path);
      const id = ev.id ?? (addr !== undefined ? (ns.lookup(addr)?.id ?? 0) : 0);
      ns.del(id, addr);
      break;
    }
    case 'endpoint_change': {
      const addr = ev.addr ?? pathAddress(scenario, side, ev.path);
      ns.change(ev.id !== null ? { id: ev.id } : { addr: addr ?? '' }, ev.flags as unknown as EndpointFlagName[]);
      break;
    }
    case 'endpoint_flush':
      ns.flush();
      break;
    case 'limits':
      ns.setLimits({
        ...(ev.subflows !== null ? { subflows: ev.subflows } : {}),
        ...(ev.add_addr_accepted !== null ? { addAddrAccepted: ev.add_addr_accepted } : {}),
      });
      break;
    case 'sysctl':
      writes[ev.key] = ev.value;
      break;
    default:
      break;
  }
}

/**
 * The state of `side` at time t (ns): control events with `at` ≤ t count, and so do the implicit
 * endpoints of subflows established by then. `pmEvents` is the trace's list for that side.
 */
export function hostStateAt(scenario: Scenario, pmEvents: readonly PmEventRecord[], side: NsName, t: Nanos): HostState {
  const cfg = scenario[side];
  const ns = new PmNamespace();
  if (cfg.limits) {
    ns.setLimits({
      ...(cfg.limits.subflows !== null ? { subflows: cfg.limits.subflows } : {}),
      ...(cfg.limits.add_addr_accepted !== null ? { addAddrAccepted: cfg.limits.add_addr_accepted } : {}),
    });
  }
  for (const ep of cfg.endpoints) ns.add(endpointRequest(ep));
  const st: HostState = { ns, sysctls: effectiveMptcpSysctls(cfg), otherSysctls: {} };
  const writes: Record<string, number | string> = {};
  const controls = scenario.events
    .filter((ev) => 'ns' in ev && ev.ns === side && fromSeconds(ev.at) <= t)
    .map((ev) => ({ t: fromSeconds(ev.at), ev }));
  const joins = pmEvents.filter((e) => e.t <= t && e.type === 'SF_ESTABLISHED' && e.attrs.locid !== undefined && e.attrs.locid !== '0');
  let j = 0;
  for (const c of controls) {
    for (; j < joins.length && joins[j].t < c.t; j++) ns.localIdFor(joins[j].attrs.saddr4 ?? joins[j].attrs.saddr6 ?? '');
    apply(scenario, side, st, writes, c.ev as EventConfig);
  }
  for (; j < joins.length; j++) ns.localIdFor(joins[j].attrs.saddr4 ?? joins[j].attrs.saddr6 ?? '');
  st.sysctls = effectiveMptcpSysctls({ mptcp_sysctl: cfg.mptcp_sysctl, sysctl: { ...cfg.sysctl, ...writes } });
  for (const [k, v] of Object.entries({ ...cfg.sysctl, ...writes })) if (!k.startsWith('net.mptcp.')) st.otherSysctls[k] = v;
  return st;
}
