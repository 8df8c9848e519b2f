/**
 * Interventions: acting at the cursor time t (take a link down, change its rate…) is adding one
 * event at t to the scenario and running it again (design.md §3: the run is a pure function of
 * scenario + seed, so the new run is identical up to t and forks after it).
 *
 * The run hands the views the *normalised* scenario (every default filled in), which the validator
 * does not take back as input; core/linux/scenario-fork.ts writes it back as a kernel-ref-scenario/1
 * file (shared with the console, which forks the same way). The event's `at` is exactly t (not
 * rounded), so the re-run is the same run up to the cursor, packet for packet.
 */
import type { EndpointFlag, EventConfig, NsName, Scenario, Shape } from '../core/scenario/types';
import { withEvent, type RawEvent } from '../core/linux/scenario-fork';

/** `note` of the events the playground added, so the timeline can list (and undo) them. */
export const INTERVENTION_NOTE = 'playground intervention';

/** The flags `ip mptcp endpoint change` takes (kernel-ref `endpoint_change`). */
export type EndpointChangeFlag = 'backup' | 'nobackup' | 'fullmesh' | 'nofullmesh';

/**
 * An `ip mptcp` command on one host (`ns`), written as the kernel-ref event of the same name: an
 * endpoint added (on a path, or at an address), deleted or changed by id, or new limits.
 */
export type HostIntervention =
  | { action: 'endpoint_add'; ns: NsName; path?: number; addr?: string; id?: number; port?: number; flags: EndpointFlag[] }
  | { action: 'endpoint_del'; ns: NsName; id: number }
  | { action: 'endpoint_change'; ns: NsName; id: number; flags: EndpointChangeFlag[] }
  | { action: 'limits'; ns: NsName; subflows?: number; add_addr_accepted?: number };

/** What a view can do at time t. `side` is the interface taken down/up (kernel-ref `link_down`). */
export type Intervention =
  | { action: 'link_down' | 'link_up'; path: number; side: 'client' | 'server' | 'both' }
  | { action: 'shape'; path: number; dir: 'c2s' | 's2c' | 'both'; set: Partial<Pick<Shape, 'rate_mbit' | 'delay_ms' | 'loss_pct'>> }
  | HostIntervention;

type Raw = Record<string, unknown>;

/** Seconds for an event at `tNs` (exact: fromSeconds(toAt(t)) === t for any t a run can reach). */
export function nsToAt(tNs: number): number {
  return tNs / 1e9;
}

/** The latest time an event may have (kernel-ref: `at` ≤ 600 s). */
export const MAX_EVENT_AT_NS = 600e9;

/** The scenario input with `iv` added at time `tNs` (marked with INTERVENTION_NOTE). */
export function withIntervention(sc: Scenario, iv: Intervention, tNs: number): Raw {
  const at = nsToAt(Math.max(0, Math.min(MAX_EVENT_AT_NS, Math.round(tNs))));
  let ev: RawEvent;
  if (iv.action === 'shape') ev = { at, action: 'shape', path: iv.path, dir: iv.dir, note: INTERVENTION_NOTE, ...iv.set };
  else if (iv.action === 'link_down' || iv.action === 'link_up') ev = { at, action: iv.action, path: iv.path, side: iv.side, note: INTERVENTION_NOTE };
  // host commands: their fields are the event's keys (flags copied, the intervention stays untouched)
  else ev = { at, ...iv, ...('flags' in iv ? { flags: [...iv.flags] } : {}), note: INTERVENTION_NOTE };
  // After every event at the same time: the validator's stable sort keeps the file order.
  return withEvent(sc, ev);
}

/** The events the playground added to `sc`, in time order. */
export function interventionsOf(sc: Scenario): EventConfig[] {
  return sc.events.filter((e) => e.note === INTERVENTION_NOTE);
}

/** One event as a short language-neutral command, as kernel-ref would run it (for lists and tooltips). */
export function eventCommand(ev: EventConfig, sc: Pick<Scenario, 'paths'>): string {
  switch (ev.action) {
    case 'link_down':
    case 'link_up': {
      const p = sc.paths[ev.path - 1];
      const devs = ev.side === 'both' ? [p?.client_if, p?.server_if] : [ev.side === 'client' ? p?.client_if : p?.server_if];
      return devs.map((d) => `ip link set dev ${d ?? `p${ev.path}`} ${ev.action === 'link_up' ? 'up' : 'down'}`).join('; ');
    }
    case 'shape': {
      const parts = Object.entries(ev.set).map(([k, v]) => `${k}=${String(v)}`);
      return `shape p${ev.path} ${ev.dir} ${parts.join(' ')}`;
    }
    case 'shape_reset':
      return `shape_reset p${ev.path} ${ev.dir}`;
    case 'endpoint_add':
    case 'endpoint_del':
    case 'endpoint_change':
    case 'endpoint_flush':
    case 'limits':
      // iproute2's way of running a command in a namespace
      return hostCommand(ev, sc).replace(/^ip /, `ip -n ${ev.ns} `);
    case 'sysctl':
      return `ip netns exec ${ev.ns} ${hostCommand(ev, sc)}`;
    default:
      return ev.action;
  }
}

/** A path's address on one host, for commands that name an endpoint by path. */
function pathAddr(sc: Pick<Scenario, 'paths'> | undefined, ns: NsName, path: number | null): string | null {
  const p = path === null ? undefined : sc?.paths.find((x) => x.id === path);
  return p === undefined ? (path === null ? null : `p${path}`) : ns === 'client' ? p.client_addr : p.server_addr;
}

/**
 * A host's control event as the command run on that host (`ip mptcp endpoint add 10.0.2.1 dev
 * cli-p2 id 3 subflow`, `ip mptcp limits set subflows 2`, `sysctl -w net.mptcp.…=…`); other events
 * give their action. Language-neutral: the same in every UI language.
 */
export function hostCommand(ev: EventConfig, sc?: Pick<Scenario, 'paths'>): string {
  const words: (string | number | null)[] = [];
  switch (ev.action) {
    case 'endpoint_add': {
      const ep = ev.endpoint;
      words.push('ip mptcp endpoint add', ep.addr ?? pathAddr(sc, ev.ns, ep.path));
      if (ep.dev !== null) words.push('dev', ep.dev);
      if (ep.id !== null) words.push('id', ep.id);
      if (ep.port !== null) words.push('port', ep.port);
      words.push(...ep.flags);
      break;
    }
    case 'endpoint_del':
    case 'endpoint_change':
      words.push(`ip mptcp endpoint ${ev.action === 'endpoint_del' ? 'delete' : 'change'}`);
      if (ev.id !== null) words.push('id', ev.id);
      if (ev.addr !== null || ev.id === null) words.push(ev.addr ?? pathAddr(sc, ev.ns, ev.path));
      if (ev.action === 'endpoint_change') words.push(...ev.flags);
      break;
    case 'endpoint_flush':
      words.push('ip mptcp endpoint flush');
      break;
    case 'limits':
      words.push('ip mptcp limits set');
      if (ev.subflows !== null) words.push('subflows', ev.subflows);
      if (ev.add_addr_accepted !== null) words.push('add_addr_accepted', ev.add_addr_accepted);
      break;
    case 'sysctl':
      words.push(`sysctl -w ${ev.key}=${String(ev.value)}`);
      break;
    default:
      words.push(ev.action);
  }
  return words.filter((w) => w !== null).join(' ');
}
