/**
 * The single-path TCP baseline of a scenario, for the throughput chart: the same application,
 * traffic and first path, as one plain TCP connection (`client_proto`/`server_proto` "tcp"), so
 * the chart can show what MPTCP gained over TCP on the first path alone. A pure transform of the
 * normalised scenario into a kernel-ref-scenario/1 file (scenario-fork.ts writes it back):
 * path 1 only; its link and shape events kept; events about other paths, endpoints, limits and
 * addresses dropped (there is no path manager without MPTCP); no `expect` checks; simulator-only
 * MPTCP keys (scheduler, userspace PM, coupled congestion control, middleboxes of other paths)
 * dropped.
 */
import { toRawScenario, type RawEvent } from '../linux/scenario-fork';
import type { Scenario } from './types';

const COUPLED = new Set(['lia', 'olia', 'balia']);

/** Events that still mean something on a single plain-TCP path 1. */
function keepEvent(ev: RawEvent): boolean {
  switch (ev.action) {
    case 'link_down':
    case 'link_up':
    case 'shape':
    case 'shape_reset':
      return ev.path === 1;
    case 'ss':
    case 'cmd':
      return true;
    case 'sysctl':
      return !String(ev.key).startsWith('net.mptcp.');
    default:
      return false;
  }
}

export function tcpBaselineScenario(s: Scenario): Record<string, unknown> {
  if (s.paths.length === 0) throw new RangeError('scenario.paths: a baseline needs at least one path');
  const raw = toRawScenario(s);
  const paths = raw.paths as unknown[];
  raw.name = `${s.name}-tcp-baseline`;
  raw.paths = [paths[0]];
  for (const side of ['client', 'server'] as const) {
    const ns = raw[side] as Record<string, unknown> | undefined;
    if (!ns) continue;
    delete ns.endpoints;
    delete ns.limits;
    delete ns.mptcp_sysctl;
    if (Object.keys(ns).length === 0) delete raw[side];
  }
  const app = { ...(raw.app as Record<string, unknown>) };
  app.client_proto = 'tcp';
  app.server_proto = 'tcp';
  delete app.server_addr; // defaults to path 1's server address
  raw.app = app;
  const events = ((raw.events as RawEvent[] | undefined) ?? []).filter(keepEvent);
  if (events.length > 0) raw.events = events;
  else delete raw.events;
  delete raw.expect;
  if (raw.sim) {
    const sim = { ...(raw.sim as Record<string, unknown>) };
    delete sim.scheduler;
    delete sim.userspace_pm;
    delete sim.tcp_flows;
    if (typeof sim.congestion_control === 'string' && COUPLED.has(sim.congestion_control)) delete sim.congestion_control;
    if (Array.isArray(sim.middleboxes)) {
      const boxes = (sim.middleboxes as { path?: unknown }[]).filter((b) => b.path === 1 || b.path === undefined);
      if (boxes.length > 0) sim.middleboxes = boxes;
      else delete sim.middleboxes;
    }
    if (Object.keys(sim).length > 0) raw.sim = sim;
    else delete raw.sim;
  }
  return raw;
}
