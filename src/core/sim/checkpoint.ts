/**
 * Checkpoints: periodic snapshots of the world taken while a run goes (every `analysis.bin_s`),
 * stored in the trace. A view seeking to time t reads the last checkpoint at or before t and the
 * events after it, instead of replaying the whole run; acting "in the past" recomputes the run,
 * which is identical up to the intervention because the simulation is deterministic.
 */
import type { BulkTransfer } from '../app/bulk-app';
import type { Checkpoint, Trace } from './trace';
import type { Mib, World } from './world';
import type { Nanos } from './time';

export function takeCheckpoint(world: World, app: BulkTransfer, now: Nanos): Checkpoint {
  const links = world.links.map((l) => ({
    path: l.path,
    c2s: l.c2s.queueLength(now),
    s2c: l.s2c.queueLength(now),
    c2sUp: l.c2s.farEndUp,
    s2cUp: l.s2c.farEndUp,
  }));
  const sockets: Checkpoint['sockets'] = [];
  for (const ep of [app.client, app.server]) {
    for (const s of ep.sockets) sockets.push({ side: ep.result.role, sock: s.id, tcpState: s.state, ...s.sample() });
  }
  const c = app.client.result;
  const sv = app.server.result;
  return {
    t: now,
    links,
    sockets,
    counters: { client: copyCounters(world.mib.client), server: copyCounters(world.mib.server) },
    app: { client: { sent: c.bytes_sent, received: c.bytes_received }, server: { sent: sv.bytes_sent, received: sv.bytes_received } },
  };
}

/**
 * A copy of one host's counter groups, keys in their order. Plain loops: a checkpoint is taken
 * every bin, and entries/fromEntries/spread allocated a few arrays per group each time.
 */
function copyCounters(m: Mib): Record<string, Record<string, number>> {
  const groups = m as unknown as Record<string, Record<string, number>>;
  const out: Record<string, Record<string, number>> = {};
  for (const g in groups) {
    const v = groups[g];
    const o: Record<string, number> = {};
    for (const k in v) o[k] = v[k];
    out[g] = o;
  }
  return out;
}

/** The last checkpoint at or before `t` (binary search), or null before the first one. */
export function checkpointAt(trace: Pick<Trace, 'checkpoints'>, t: Nanos): Checkpoint | null {
  const cps = trace.checkpoints;
  let lo = 0;
  let hi = cps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cps[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? cps[lo - 1] : null;
}
