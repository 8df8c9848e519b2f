/**
 * The live side of the state diagrams: which state each lifecycle is in at simulated time t, and
 * its last transitions, read from the trace only (design.md §2: the trace is the one door from the
 * core to the views). The connection's lifecycle comes from `mptcp` events of type `state`, each
 * subflow's (each TCP socket's) from `tcpState` events.
 */
import { bisector } from 'd3-array';
import type { Trace, Side } from '../core/sim/trace';

export interface StateChange {
  /** Simulated time, ns. */
  t: number;
  from: string;
  to: string;
}

export interface Lifecycle {
  side: Side;
  /** The state before the first change (the machine's initial state when the trace starts there). */
  initial: string;
  /** In time order. */
  changes: StateChange[];
}

export interface ConnectionLifecycle extends Lifecycle {
  /** The connection's local token (hex). */
  token: string;
  /** When and why the connection fell back to TCP (RFC 8684 §3.7), in time order. */
  fallbacks: { t: number; reason: string }[];
}

export interface SubflowLifecycle extends Lifecycle {
  /** The simulator's socket number. */
  sock: number;
  /** 1-based position among this side's sockets, in creation order. */
  index: number;
  /** `address:port` of each end when a checkpoint saw the socket, else null. */
  local: string | null;
  remote: string | null;
  /** The path (1-based) of the local address 10.0.K.x, when known. */
  path: number | null;
}

/** Every MPTCP connection of the run, per side, in order of first appearance. */
export function connectionLifecycles(trace: Pick<Trace, 'events'>): ConnectionLifecycle[] {
  const out = new Map<string, ConnectionLifecycle>();
  for (const e of trace.events) {
    if (e.type !== 'mptcp') continue;
    const key = `${e.side}/${e.token}`;
    let c = out.get(key);
    if (!c) {
      c = { side: e.side, token: e.token, initial: 'closed', changes: [], fallbacks: [] };
      out.set(key, c);
    }
    if (e.ev.type === 'state') {
      if (c.changes.length === 0) c.initial = e.ev.from;
      c.changes.push({ t: e.t, from: e.ev.from, to: e.ev.to });
    } else if (e.ev.type === 'fallback') {
      c.fallbacks.push({ t: e.t, reason: e.ev.reason });
    }
  }
  return [...out.values()];
}

const PATH_OF_ADDR = /^10\.0\.(\d+)\.\d+:\d+$/;

/** Every TCP socket (subflow) of the run, per side, in order of creation. */
export function subflowLifecycles(trace: Pick<Trace, 'events' | 'checkpoints'>): SubflowLifecycle[] {
  const out = new Map<string, SubflowLifecycle>();
  const perSide: Record<Side, number> = { client: 0, server: 0 };
  for (const e of trace.events) {
    if (e.type !== 'tcpState') continue;
    let s = out.get(`${e.side}/${e.sock}`);
    if (!s) {
      s = { side: e.side, sock: e.sock, index: ++perSide[e.side], initial: e.from, changes: [], local: null, remote: null, path: null };
      out.set(`${e.side}/${e.sock}`, s);
    }
    s.changes.push({ t: e.t, from: e.from, to: e.to });
  }
  for (const cp of trace.checkpoints) {
    for (const sk of cp.sockets) {
      const s = out.get(`${sk.side}/${sk.sock}`);
      if (!s || s.local !== null) continue;
      s.local = sk.local;
      s.remote = sk.remote;
      const m = PATH_OF_ADDR.exec(sk.local);
      s.path = m ? Number(m[1]) : null;
    }
  }
  return [...out.values()];
}

const byTime = bisector((c: StateChange) => c.t);

/** Index of the last change at or before `t` (−1 when none). */
function lastIndexAt(changes: readonly StateChange[], t: number): number {
  return byTime.right(changes, t) - 1;
}

/** The state at time `t` and since when (null: since the start). */
export function stateAt(lc: Lifecycle, t: number): { state: string; since: number | null } {
  const i = lastIndexAt(lc.changes, t);
  return i < 0 ? { state: lc.initial, since: null } : { state: lc.changes[i].to, since: lc.changes[i].t };
}

/** The last `n` changes at or before `t`, the latest first. */
export function recentChanges(lc: Lifecycle, t: number, n = 3): StateChange[] {
  const i = lastIndexAt(lc.changes, t);
  const out: StateChange[] = [];
  for (let k = i; k >= 0 && out.length < n; k--) out.push(lc.changes[k]);
  return out;
}
