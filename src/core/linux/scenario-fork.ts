/**
 * Acting at playback time t forks the run (design.md §3): the scenario gets one more event at t
 * and is simulated again. The run hands the views its scenario normalised (every default filled
 * in, kernel-ref's `run --validate` shape), which the validator does not take back as input, so
 * this file writes it back as a plain kernel-ref-scenario/1 file — the same run, default values
 * left out — and appends the new event. `validateScenario(toRawScenario(s))` gives `s` again
 * (tests/unit/linux/scenario-fork.test.ts checks that on every scenario file of the project).
 */
import type { EventConfig, PathConfig, Scenario, Shape } from '../scenario/types';
import type { Nanos } from '../sim/time';

/** A kernel-ref-scenario/1 event as written in a scenario file. */
export type RawEvent = { at: number; action: string } & Record<string, unknown>;

const SHAPE_DEFAULTS: Shape = { delay_ms: 0, jitter_ms: 0, loss_pct: 0, rate_mbit: null, queue_pkts: 1000, allow_reorder: false };
const SHAPE_KEYS = Object.keys(SHAPE_DEFAULTS) as (keyof Shape)[];

/** The event time for playback time t: seconds, rounded to the microsecond. */
export function eventTime(t: Nanos): number {
  return Math.round(t / 1000) / 1e6;
}

function shapeDiff(s: Shape, base: Shape): Partial<Shape> {
  const out: Partial<Shape> = {};
  for (const k of SHAPE_KEYS) if (s[k] !== base[k]) (out as Record<string, unknown>)[k] = s[k];
  return out;
}

function rawPath(p: PathConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { name: p.name };
  const same = SHAPE_KEYS.every((k) => p.c2s[k] === p.s2c[k]);
  if (same) Object.assign(out, shapeDiff(p.c2s, SHAPE_DEFAULTS));
  else {
    const c2s = shapeDiff(p.c2s, SHAPE_DEFAULTS);
    const s2c = shapeDiff(p.s2c, SHAPE_DEFAULTS);
    if (Object.keys(c2s).length > 0) out.c2s = c2s;
    if (Object.keys(s2c).length > 0) out.s2c = s2c;
  }
  if (p.mtu !== null) out.mtu = p.mtu;
  if (p.client_extra_addrs.length > 0) out.client_extra_addrs = [...p.client_extra_addrs];
  if (p.server_extra_addrs.length > 0) out.server_extra_addrs = [...p.server_extra_addrs];
  if (p.tbf !== null) out.tbf = { ...p.tbf };
  return out;
}

/** Keep the entries whose value is not null. */
function present(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

function rawEvent(ev: EventConfig): RawEvent {
  const base: RawEvent = { at: ev.at, action: ev.action };
  if (ev.note !== undefined) base.note = ev.note;
  switch (ev.action) {
    case 'link_down':
    case 'link_up':
      return { ...base, path: ev.path, side: ev.side };
    case 'shape':
      return { ...base, path: ev.path, dir: ev.dir, ...ev.set };
    case 'shape_reset':
      return { ...base, path: ev.path, dir: ev.dir };
    case 'endpoint_add':
      return { ...base, ns: ev.ns, ...present({ ...ev.endpoint }), flags: [...ev.endpoint.flags] };
    case 'endpoint_del':
      return { ...base, ns: ev.ns, ...present({ id: ev.id, addr: ev.addr, path: ev.path }) };
    case 'endpoint_change':
      return { ...base, ns: ev.ns, ...present({ id: ev.id, addr: ev.addr, path: ev.path }), flags: [...ev.flags] };
    case 'endpoint_flush':
      return { ...base, ns: ev.ns };
    case 'limits':
      return { ...base, ns: ev.ns, ...present({ subflows: ev.subflows, add_addr_accepted: ev.add_addr_accepted }) };
    case 'sysctl':
      return { ...base, ns: ev.ns, key: ev.key, value: ev.value };
    case 'addr_add':
    case 'addr_del':
      return { ...base, ns: ev.ns, path: ev.path, addr: ev.addr };
    case 'cmd':
      return { ...base, ns: ev.ns, argv: [...ev.argv] };
    case 'ss':
      return base;
  }
}

function rawSim(sim: NonNullable<Scenario['sim']>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...sim };
  if (Array.isArray(sim.middleboxes)) {
    out.middleboxes = (sim.middleboxes as Record<string, unknown>[]).map((box) => {
      const b = present({ ...box });
      if (b.action === 'rewrite_payload') {
        delete b.options;
        delete b.on;
      }
      return b;
    });
  }
  return out;
}

/** The normalised scenario written back as a kernel-ref-scenario/1 file (defaults left out). */
export function toRawScenario(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = { schema: s.schema, name: s.name };
  if (s.description !== '') out.description = s.description;
  if (s.notes !== undefined) out.notes = s.notes;
  if (s.sim !== undefined) out.sim = rawSim(s.sim);
  if (s.timeout_s !== 30) out.timeout_s = s.timeout_s;
  if (s.seed !== 1) out.seed = s.seed;
  if (s.ss_interval_s !== 1) out.ss_interval_s = s.ss_interval_s;
  if (!s.static_arp) out.static_arp = false;
  out.paths = s.paths.map(rawPath);
  for (const side of ['client', 'server'] as const) {
    const ns = s[side];
    const o: Record<string, unknown> = {};
    if (ns.limits !== null) o.limits = present({ ...ns.limits });
    if (ns.endpoints.length > 0) o.endpoints = ns.endpoints.map((ep) => ({ ...present({ ...ep }), flags: [...ep.flags] }));
    if (Object.keys(ns.mptcp_sysctl).length > 0) o.mptcp_sysctl = { ...ns.mptcp_sysctl };
    if (Object.keys(ns.sysctl).length > 0) o.sysctl = { ...ns.sysctl };
    if (Object.keys(o).length > 0) out[side] = o;
  }
  const app: Record<string, unknown> = present({ ...s.app });
  const appDefaults: Record<string, unknown> = {
    direction: 'upload', client_proto: 'mptcp', server_proto: 'mptcp', port: 5201,
    server_addr: s.paths[0]?.server_addr, chunk_bytes: 65536, sample_interval_s: 0.1, linger_s: 0.5,
  };
  for (const [k, v] of Object.entries(appDefaults)) if (app[k] === v) delete app[k];
  out.app = app;
  if (s.events.length > 0) out.events = s.events.map(rawEvent);
  if (s.capture.side !== 'server' || s.capture.snaplen !== 128) {
    out.capture = { ...(s.capture.side !== 'server' ? { side: s.capture.side } : {}), ...(s.capture.snaplen !== 128 ? { snaplen: s.capture.snaplen } : {}) };
  }
  if (s.analysis.bin_s !== 0.1) out.analysis = { bin_s: s.analysis.bin_s };
  if (Object.keys(s.expect).length > 0) out.expect = { ...s.expect };
  return out;
}

/** The scenario with more events (the run forks at the first event's time). */
export function withEvent(s: Scenario, ...evs: RawEvent[]): Record<string, unknown> {
  const raw = toRawScenario(s);
  raw.events = [...((raw.events as RawEvent[] | undefined) ?? []), ...evs];
  return raw;
}
