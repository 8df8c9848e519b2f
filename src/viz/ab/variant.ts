/**
 * Variant B of an A/B comparison (issue 6 item 9): A's scenario with one or more knobs changed —
 * the packet scheduler (`sim.scheduler`), the congestion control (`sim.congestion_control`), the
 * in-kernel path manager's limits and one endpoint's flags (`ip mptcp limits` / `ip mptcp endpoint`,
 * RFC 8684 §3.4 / §3.2), or one link parameter (rate, one-way delay or loss of a path, both
 * directions). Pure: A's normalised scenario in, B's kernel-ref-scenario/1 object out (written back
 * with toRawScenario, so the run is A's in every other respect; the seed is A's). B is validated by
 * the worker like any run; this file only refuses changes that cannot apply to A (a path or
 * endpoint that A does not have, a value out of range), each with its location.
 */
import type { EndpointFlag, NsName, Scenario } from '../../core/scenario/types';
import { toRawScenario } from '../../core/linux/scenario-fork';

/** The simulator's schedulers (src/core/sched/index.ts `schedulers`; a unit test keeps them equal). */
export const AB_SCHEDULERS = ['default', 'first', 'bkup', 'rr', 'red', 'burst', 'minrtt', 'blest', 'ecf'] as const;
/** `sim.congestion_control`: the uncoupled Linux ones and the coupled MPTCP ones (RFC 6356, OLIA, BALIA). */
export const AB_CONGESTION = ['cubic', 'reno', 'lia', 'olia', 'balia'] as const;
/** The link parameters the form offers, as kernel-ref shape keys. */
export const AB_LINK_PARAMS = ['rate_mbit', 'delay_ms', 'loss_pct'] as const;
export const AB_ENDPOINT_FLAGS: readonly EndpointFlag[] = ['signal', 'subflow', 'backup', 'fullmesh'];

export type LinkParam = (typeof AB_LINK_PARAMS)[number];

export interface VariantSpec {
  /** Packet scheduler for both hosts; null keeps A's. */
  scheduler: string | null;
  /** Congestion control for both hosts; null keeps A's. */
  congestion: string | null;
  /** Path-manager limits of one host; a null field keeps A's value. */
  limits: { ns: NsName; subflows: number | null; addAddrAccepted: number | null } | null;
  /** The flags of A's endpoint number `index` (0-based, in scenario order) on host `ns`. */
  endpoint: { ns: NsName; index: number; flags: EndpointFlag[] } | null;
  /** One parameter of path `path` (1-based id), set on both directions. */
  link: { path: number; param: LinkParam; value: number } | null;
}

export const NO_VARIANT: VariantSpec = { scheduler: null, congestion: null, limits: null, endpoint: null, link: null };

export interface VariantError {
  /** Where in the form (and the scenario) the problem is, e.g. `link.value`. */
  path: string;
  message: string;
}

export type VariantResult = { ok: true; raw: Record<string, unknown>; changes: string[] } | { ok: false; errors: VariantError[] };

/** Limits of the in-kernel PM (net/mptcp/pm_kernel.c MPTCP_PM_ADDR_MAX = 8 in 6.18). */
const PM_LIMIT_MAX = 8;

function linkRange(param: LinkParam): [number, number] {
  if (param === 'rate_mbit') return [0.001, 100000];
  if (param === 'delay_ms') return [0, 10000];
  return [0, 100];
}

/** B's scenario from A's. `changes` lists what differs, as `key: A → B` lines (for the view's caption). */
export function variantScenario(a: Scenario, spec: VariantSpec): VariantResult {
  const errors: VariantError[] = [];
  const raw = toRawScenario(a);
  raw.seed = a.seed;
  const changes: string[] = [];
  const sim = { ...((raw.sim as Record<string, unknown> | undefined) ?? {}) };

  if (spec.scheduler !== null) {
    if (!(AB_SCHEDULERS as readonly string[]).includes(spec.scheduler)) errors.push({ path: 'scheduler', message: `unknown scheduler '${spec.scheduler}' (known: ${AB_SCHEDULERS.join(', ')})` });
    else {
      changes.push(`sim.scheduler: ${JSON.stringify(sim.scheduler ?? 'default')} → ${JSON.stringify(spec.scheduler)}`);
      sim.scheduler = spec.scheduler;
    }
  }
  if (spec.congestion !== null) {
    if (!(AB_CONGESTION as readonly string[]).includes(spec.congestion)) errors.push({ path: 'congestion', message: `unknown congestion control '${spec.congestion}' (known: ${AB_CONGESTION.join(', ')})` });
    else {
      const before = sim.congestion_control ?? a.app.congestion_control ?? sim.congestion_control_default ?? 'cubic';
      changes.push(`sim.congestion_control: ${JSON.stringify(before)} → ${JSON.stringify(spec.congestion)}`);
      sim.congestion_control = spec.congestion;
    }
  }
  if (spec.limits !== null) {
    const { ns } = spec.limits;
    const cur = a[ns].limits;
    const next = { subflows: cur?.subflows ?? null, add_addr_accepted: cur?.add_addr_accepted ?? null };
    const check = (v: number | null, key: string): boolean => {
      if (v === null) return false;
      if (!Number.isInteger(v) || v < 0 || v > PM_LIMIT_MAX) {
        errors.push({ path: `limits.${key}`, message: `must be an integer in 0..${PM_LIMIT_MAX} (got ${v})` });
        return false;
      }
      return true;
    };
    if (check(spec.limits.subflows, 'subflows')) next.subflows = spec.limits.subflows;
    if (check(spec.limits.addAddrAccepted, 'add_addr_accepted')) next.add_addr_accepted = spec.limits.addAddrAccepted;
    const side = { ...((raw[ns] as Record<string, unknown> | undefined) ?? {}) };
    side.limits = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== null));
    raw[ns] = side;
    changes.push(`${ns}.limits: ${JSON.stringify(cur ?? {})} → ${JSON.stringify(side.limits)}`);
  }
  if (spec.endpoint !== null) {
    const { ns, index, flags } = spec.endpoint;
    const eps = a[ns].endpoints;
    const bad = flags.filter((f) => !AB_ENDPOINT_FLAGS.includes(f));
    if (!Number.isInteger(index) || index < 0 || index >= eps.length) {
      errors.push({ path: 'endpoint.index', message: eps.length === 0 ? `the ${ns} has no endpoint in scenario A` : `no endpoint #${index} on the ${ns} (it has ${eps.length})` });
    } else if (bad.length > 0) {
      errors.push({ path: 'endpoint.flags', message: `unknown flag ${bad.map((f) => `'${f}'`).join(', ')} (known: ${AB_ENDPOINT_FLAGS.join(', ')})` });
    } else if (flags.includes('signal') && flags.includes('fullmesh')) {
      // iproute2 / pm_netlink refuse this combination (RFC 8684 says nothing; Linux: -EINVAL)
      errors.push({ path: 'endpoint.flags', message: "'signal' and 'fullmesh' cannot be combined (Linux refuses it)" });
    } else {
      const side = { ...((raw[ns] as Record<string, unknown>) ?? {}) };
      const list = (side.endpoints as Record<string, unknown>[]).map((e) => ({ ...e }));
      changes.push(`${ns}.endpoints[${index}].flags: ${JSON.stringify(eps[index].flags)} → ${JSON.stringify(flags)}`);
      list[index].flags = [...flags];
      side.endpoints = list;
      raw[ns] = side;
    }
  }
  if (spec.link !== null) {
    const { path, param, value } = spec.link;
    const i = a.paths.findIndex((p) => p.id === path);
    const [lo, hi] = linkRange(param);
    if (i < 0) errors.push({ path: 'link.path', message: `scenario A has no path ${path} (paths: ${a.paths.map((p) => p.id).join(', ')})` });
    else if (!(AB_LINK_PARAMS as readonly string[]).includes(param)) errors.push({ path: 'link.param', message: `unknown link parameter '${param}'` });
    else if (!Number.isFinite(value) || value < lo || value > hi) errors.push({ path: 'link.value', message: `${param} must be in ${lo}..${hi} (got ${value})` });
    else {
      const paths = (raw.paths as Record<string, unknown>[]).map((p) => ({ ...p }));
      const p = paths[i];
      const before = a.paths[i].c2s[param] === a.paths[i].s2c[param] ? JSON.stringify(a.paths[i].c2s[param]) : `${a.paths[i].c2s[param]}/${a.paths[i].s2c[param]}`;
      if (p.c2s !== undefined || p.s2c !== undefined) {
        // directions differ in A: set the parameter in each direction's block
        for (const d of ['c2s', 's2c'] as const) p[d] = { ...((p[d] as Record<string, unknown> | undefined) ?? {}), [param]: value };
      } else p[param] = value;
      paths[i] = p;
      raw.paths = paths;
      changes.push(`paths[${path}].${param}: ${before} → ${value}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (Object.keys(sim).length > 0) raw.sim = sim;
  return { ok: true, raw, changes };
}
