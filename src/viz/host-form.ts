/**
 * The logic of a host's endpoint and limits form (ui/components/TopologyHostForm.svelte), pure: the
 * addresses a new endpoint can take, and the learner's input checked as iproute2 and the kernel
 * check it (mptcp_pm_nl_add_addr_doit, mptcp_pm_nl_set_flags, mptcp_pm_nl_set_limits_doit) before
 * it becomes an `ip mptcp` command at the cursor (a HostIntervention) and forks the run. A refusal
 * names the field it is about and a topology string key, so the form can say where and why in both
 * languages; the run is never forked with a command the kernel would refuse.
 */
import { MPTCP_PM_ADDR_MAX, MPTCP_PM_MAX_ADDR_ID } from '../core/pm/pm-namespace';
import type { PmEndpoint } from '../core/pm/types';
import { parseIpv4 } from '../core/scenario/ipv4';
import type { EndpointFlag, NsName, PathConfig } from '../core/scenario/types';
import type { topologyEn } from '../i18n/features/topology.en';
import type { EndpointChangeFlag, HostIntervention } from './timeline-scenario';

/** A topology string key (src/i18n/features/topology.en.ts). */
export type TopologyKey = keyof typeof topologyEn;

/** The form's fields a problem can be about (`endpoint`: a row of the endpoint table). */
export type HostField = 'where' | 'addr' | 'id' | 'port' | 'flags' | 'subflows' | 'add_addr_accepted' | 'endpoint';

export interface HostProblem {
  field: HostField;
  key: TopologyKey;
  params: Record<string, string | number>;
}

export type HostCheck = { ok: true; iv: HostIntervention } | { ok: false; problem: HostProblem };

/** The flags `ip mptcp endpoint add` takes, in iproute2's order. */
export const ADD_FLAGS: readonly EndpointFlag[] = ['signal', 'subflow', 'backup', 'fullmesh'];

/** Highest value of each limit (MPTCP_PM_ADDR_MAX). */
export const LIMIT_MAX = MPTCP_PM_ADDR_MAX;

/** The value of the address choice "another address" (the address is typed). */
export const OTHER_ADDRESS = 'other';

/** One address a new endpoint can take: a path's address on the host, or one of its extra addresses. */
export interface AddressChoice {
  /** The select's value. */
  value: string;
  path: number;
  pathName: string;
  addr: string;
  dev: string;
  /** An extra address of the path (`client_extra_addrs`), not its main one. */
  extra: boolean;
}

/** The host's addresses, path by path (main address first). */
export function addressChoices(paths: readonly PathConfig[], side: NsName): AddressChoice[] {
  const out: AddressChoice[] = [];
  for (const p of paths) {
    const dev = side === 'client' ? p.client_if : p.server_if;
    const main = side === 'client' ? p.client_addr : p.server_addr;
    out.push({ value: `p${p.id}`, path: p.id, pathName: p.name, addr: main, dev, extra: false });
    for (const a of side === 'client' ? p.client_extra_addrs : p.server_extra_addrs) {
      out.push({ value: `a${a}`, path: p.id, pathName: p.name, addr: a, dev, extra: true });
    }
  }
  return out;
}

/** Text typed in a field, with full-width digits and dots (a Chinese input method) made ASCII. */
function typed(text: string): string {
  return text.normalize('NFKC').trim();
}

/** A whole number typed in a field: null when empty, NaN when it is not a plain whole number. */
export function wholeNumber(text: string): number | null {
  const s = typed(text);
  if (s === '') return null;
  return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
}

function problem(field: HostField, key: TopologyKey, params: Record<string, string | number> = {}): HostCheck {
  return { ok: false, problem: { field, key, params } };
}

export interface EndpointAddInput {
  /** An AddressChoice value, or OTHER_ADDRESS. */
  where: string;
  /** The typed address (where = OTHER_ADDRESS). */
  addr: string;
  /** Text of the id field (empty: the kernel picks one). */
  id: string;
  /** Text of the port field (empty: none). */
  port: string;
  flags: readonly EndpointFlag[];
}

/** Same address, and same port where either endpoint has one (the kernel's addresses_equal use_port). */
function sameAddress(ep: PmEndpoint, addr: string, port: number | null): boolean {
  return ep.addr === addr && (ep.port === null && port === null ? true : ep.port === port);
}

/**
 * `ip mptcp endpoint add` from the form: the field syntax first (address, id 1–255, port), then the
 * kernel's refusals in its order (port without signal-only flags, signal with fullmesh; a full
 * table; an id in use; an address that already has an endpoint, an implicit one being replaced
 * only when no id is given).
 */
export function checkEndpointAdd(input: EndpointAddInput, side: NsName, choices: readonly AddressChoice[], endpoints: readonly PmEndpoint[]): HostCheck {
  let addr: string;
  let choice: AddressChoice | undefined;
  if (input.where === OTHER_ADDRESS) {
    addr = typed(input.addr);
    if (addr === '') return problem('addr', 'topoHostErrAddrEmpty');
    if (parseIpv4(addr) === null) return problem('addr', 'topoHostErrAddr', { addr });
    choice = choices.find((c) => c.addr === addr);
  } else {
    choice = choices.find((c) => c.value === input.where);
    if (choice === undefined) return problem('where', 'topoHostErrWhere');
    addr = choice.addr;
  }
  const id = wholeNumber(input.id);
  if (id !== null && (Number.isNaN(id) || id < 1 || id > MPTCP_PM_MAX_ADDR_ID)) return problem('id', 'topoHostErrId', { min: 1, max: MPTCP_PM_MAX_ADDR_ID });
  const port = wholeNumber(input.port);
  if (port !== null && (Number.isNaN(port) || port < 1 || port > 65535)) return problem('port', 'topoHostErrPort', { min: 1, max: 65535 });
  const flags = ADD_FLAGS.filter((f) => input.flags.includes(f));
  const signal = flags.includes('signal');
  if (port !== null && (!signal || flags.includes('subflow'))) return problem('port', 'topoHostErrPortFlags');
  if (signal && flags.includes('fullmesh')) return problem('flags', 'topoHostErrSignalFullmesh');
  if (endpoints.length >= MPTCP_PM_ADDR_MAX) return problem(input.where === OTHER_ADDRESS ? 'addr' : 'where', 'topoHostErrFull', { max: MPTCP_PM_ADDR_MAX });
  if (id !== null) {
    const holder = endpoints.find((e) => e.id === id);
    if (holder) return problem('id', 'topoHostErrIdUsed', { id, addr: holder.addr });
  }
  const existing = endpoints.find((e) => sameAddress(e, addr, port));
  if (existing && !existing.flags.includes('implicit')) {
    return problem(input.where === OTHER_ADDRESS ? 'addr' : 'where', 'topoHostErrAddrUsed', { addr, id: existing.id });
  }
  if (existing && id !== null) return problem('id', 'topoHostErrImplicitId', { addr, id: existing.id });
  // A path's main address is named by path (the event gets its interface too); others by address.
  const at = choice && !choice.extra ? { path: choice.path } : { addr };
  return {
    ok: true,
    iv: { action: 'endpoint_add', ns: side, ...at, ...(id !== null ? { id } : {}), ...(port !== null ? { port } : {}), flags },
  };
}

/**
 * `ip mptcp endpoint change id N …` turning one flag on or off and keeping the other as it is
 * (iproute2 sends only the flags named, and the kernel sets both backup and fullmesh from them, so
 * both are always named). The kernel refuses fullmesh on a signal or implicit endpoint.
 */
export function checkFlagToggle(ep: PmEndpoint, flag: 'backup' | 'fullmesh', side: NsName): HostCheck {
  const backup = ep.flags.includes('backup') !== (flag === 'backup');
  const fullmesh = ep.flags.includes('fullmesh') !== (flag === 'fullmesh');
  if (fullmesh && (ep.flags.includes('signal') || ep.flags.includes('implicit'))) return problem('endpoint', 'topoHostErrFullmesh', { id: ep.id });
  const flags: EndpointChangeFlag[] = [backup ? 'backup' : 'nobackup', fullmesh ? 'fullmesh' : 'nofullmesh'];
  return { ok: true, iv: { action: 'endpoint_change', ns: side, id: ep.id, flags } };
}

/** `ip mptcp endpoint delete id N`. */
export function endpointDelete(ep: PmEndpoint, side: NsName): HostIntervention {
  return { action: 'endpoint_del', ns: side, id: ep.id };
}

export interface LimitsInput {
  subflows: string;
  add_addr_accepted: string;
}

/** `ip mptcp limits set subflows N add_addr_accepted M`: each a whole number from 0 to 8, and something must change. */
export function checkLimits(input: LimitsInput, current: { subflows: number; addAddrAccepted: number }, side: NsName): HostCheck {
  const values: Record<'subflows' | 'add_addr_accepted', number> = { subflows: 0, add_addr_accepted: 0 };
  for (const field of ['subflows', 'add_addr_accepted'] as const) {
    const v = wholeNumber(input[field]);
    if (v === null || Number.isNaN(v) || v > LIMIT_MAX) return problem(field, 'topoHostErrLimit', { field, max: LIMIT_MAX });
    values[field] = v;
  }
  if (values.subflows === current.subflows && values.add_addr_accepted === current.addAddrAccepted) return problem('subflows', 'topoHostErrNothing');
  return { ok: true, iv: { action: 'limits', ns: side, ...values } };
}
