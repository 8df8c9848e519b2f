/**
 * The topology view's data, computed once per trace so drawing a frame never walks all packets:
 * per lane (path × direction) the packets on the wire as sorted typed arrays (when each leaves the
 * queue, when it arrives or dies at the far end), the queue length as a step function, the drops,
 * and per path the link state over time. Queries at time t are binary searches.
 *
 * A packet's life on a lane (src/core/net/link.ts): it enters the link when its host sends it
 * (captured on the sending host), waits in the FIFO while earlier frames serialise, is serialised,
 * then propagates for `delay_ms` and arrives (captured on the receiving host). The view draws the
 * queue as a fill level and moves each packet along the wire during [arrival − delay, arrival].
 * When only one host's capture is in the trace, the other end is estimated from the link's shape.
 */
import type { Packet } from '../core/net/packet';
import { intToIpv4 } from '../core/net/packet';
import type { EventConfig, Scenario, Shape } from '../core/scenario/types';
import type { Dir, Side, Trace } from '../core/sim/trace';
import { bisectLeft, bisectRight } from 'd3-array';
import { frameLength } from '../core/wire/index';
import { installMptcpWire } from '../core/wire/mptcp/index';

export type DropReason = 'loss' | 'queue' | 'down';
export const DROP_REASONS: readonly DropReason[] = ['loss', 'queue', 'down'];
const REASON_CODE: Record<DropReason, number> = { loss: 0, queue: 1, down: 2 };

/** A subflow: one TCP connection, by its four-tuple, numbered in order of first appearance (0-based). */
export interface SubflowInfo {
  index: number;
  client: string;
  server: string;
  /** Path of its first packet (1-based). */
  path: number;
  /** When its first packet was sent (ns). */
  firstT: number;
}

/** One direction of one path. Arrays are parallel and sorted by `wireStart`. */
export interface Lane {
  path: number;
  dir: Dir;
  /** When the packet leaves the queue and starts propagating (ns). */
  wireStart: Float64Array;
  /** When it arrives, or dies at a downed far end (ns). */
  wireEnd: Float64Array;
  /** Subflow index of each packet. */
  sf: Int32Array;
  /** 1 if the packet dies at the far end (interface down), else 0. */
  diesAtEnd: Uint8Array;
  /** Index into `TopologyModel.packets`. */
  pkt: Int32Array;
  /** Longest wire time on this lane (bounds the search window). */
  maxWire: number;
  /** Queue length step function: after time queueT[i] the queue holds queueN[i] frames. */
  queueT: Float64Array;
  queueN: Int32Array;
  /** Drops, sorted by time. */
  dropT: Float64Array;
  dropReason: Uint8Array;
  dropSf: Int32Array;
  /** Drops so far per reason: dropCum[3·i + reason] counts drops 0..i. */
  dropCum: Int32Array;
}

export interface LinkStateChange {
  t: number;
  side: Side | 'both';
  up: boolean;
}

export interface TopologyModel {
  lanes: Lane[];
  subflows: SubflowInfo[];
  /** Every packet the lanes refer to. */
  packets: Packet[];
  /** Per path (index path − 1): link up/down changes in time order. */
  linkChanges: LinkStateChange[][];
  /** Per path: shape-changing events in time order. */
  shapeEvents: EventConfig[][];
  scenario: Scenario;
}

/** Lane of (path, dir) in `model.lanes`. */
export function laneIndex(path: number, dir: Dir): number {
  return (path - 1) * 2 + (dir === 'c2s' ? 0 : 1);
}

/** Serialisation time of `bytes` at `shape.rate_mbit` (0 when unlimited), ns. */
function serialisationNs(bytes: number, shape: Shape): number {
  return shape.rate_mbit ? Math.round((bytes * 8000) / shape.rate_mbit) : 0;
}

/** The shape of (path, dir) at time t: the scenario's, changed by `shape`/`shape_reset` events at ≤ t. */
export function shapeAt(model: Pick<TopologyModel, 'scenario' | 'shapeEvents'>, path: number, dir: Dir, t: number): Shape {
  const base = model.scenario.paths[path - 1][dir];
  let s: Shape = base;
  for (const ev of model.shapeEvents[path - 1] ?? []) {
    if (Math.round(ev.at * 1e9) > t) break;
    if (ev.action === 'shape' && (ev.dir === dir || ev.dir === 'both')) s = { ...s, ...ev.set };
    else if (ev.action === 'shape_reset' && (ev.dir === dir || ev.dir === 'both')) s = base;
  }
  return s;
}

/** Is each end of path `path` up at time t? */
export function linkStateAt(model: Pick<TopologyModel, 'linkChanges'>, path: number, t: number): { client: boolean; server: boolean } {
  const st = { client: true, server: true };
  for (const c of model.linkChanges[path - 1] ?? []) {
    if (c.t > t) break;
    if (c.side === 'client' || c.side === 'both') st.client = c.up;
    if (c.side === 'server' || c.side === 'both') st.server = c.up;
  }
  return st;
}

interface PacketLife {
  idx: number;
  path: number;
  dir: Dir;
  sf: number;
  send: number;
  arrive: number;
  drop: number;
  reason: number;
}

function subflowKeys(p: Packet, dir: Dir): [number, number] {
  const c = dir === 'c2s' ? p.src * 65536 + p.sport : p.dst * 65536 + p.dport;
  const s = dir === 'c2s' ? p.dst * 65536 + p.dport : p.src * 65536 + p.sport;
  return [c, s];
}

function keyToText(k: number): string {
  return `${intToIpv4(Math.floor(k / 65536))}:${k % 65536}`;
}

function sortBy(order: number[], key: Float64Array | number[]): number[] {
  return order.sort((a, b) => key[a] - key[b] || a - b);
}

/** Build the model of a run. O(packets · log packets), once per trace. */
export function buildTopologyModel(trace: Pick<Trace, 'captures' | 'links' | 'events' | 'end'>, scenario: Scenario): TopologyModel {
  installMptcpWire(); // frame lengths need the MPTCP option codec (the page has its own module instance)
  const nPaths = scenario.paths.length;
  const shapeEvents: EventConfig[][] = scenario.paths.map(() => []);
  for (const ev of scenario.events) {
    if ((ev.action === 'shape' || ev.action === 'shape_reset') && ev.path >= 1 && ev.path <= nPaths) shapeEvents[ev.path - 1].push(ev);
  }
  const linkChanges: LinkStateChange[][] = scenario.paths.map(() => []);
  for (const e of trace.events) {
    if (e.type === 'linkState' && e.path >= 1 && e.path <= nPaths) linkChanges[e.path - 1].push({ t: e.t, side: e.side, up: e.up });
  }
  const partial = { scenario, shapeEvents };

  // Subflows and packet lives, from the captures (sender side: send time; receiver side: arrival).
  const subflows: SubflowInfo[] = [];
  const sfIndex = new Map<number, Map<number, number>>();
  const packets: Packet[] = [];
  const lives: PacketLife[] = [];
  const byId = new Map<number, PacketLife>();
  for (const c of trace.captures) {
    let life = byId.get(c.pkt.id);
    if (!life) {
      const [ck, sk] = subflowKeys(c.pkt, c.dir);
      let inner = sfIndex.get(ck);
      if (!inner) sfIndex.set(ck, (inner = new Map()));
      let sf = inner.get(sk);
      if (sf === undefined) {
        sf = subflows.length;
        inner.set(sk, sf);
        subflows.push({ index: sf, client: keyToText(ck), server: keyToText(sk), path: c.path, firstT: c.t });
      }
      life = { idx: packets.length, path: c.path, dir: c.dir, sf, send: Number.NaN, arrive: Number.NaN, drop: Number.NaN, reason: -1 };
      packets.push(c.pkt);
      lives.push(life);
      byId.set(c.pkt.id, life);
    }
    const atSender = (c.side === 'client') === (c.dir === 'c2s');
    if (atSender) life.send = c.t;
    else life.arrive = c.t;
  }

  const lanes: Lane[] = [];
  for (let k = 1; k <= nPaths; k++) {
    for (const dir of ['c2s', 's2c'] as const) {
      const st = trace.links[k - 1]?.[dir];
      const laneLives: PacketLife[] = [];
      for (const l of lives) if (l.path === k && l.dir === dir) laneLives.push(l);
      // Drops, from the link's own records (a packet lost before any capture still counts, its subflow unknown: −1).
      const dT: number[] = [];
      const dR: number[] = [];
      const dS: number[] = [];
      for (const d of st?.drops ?? []) {
        const l = byId.get(d.pktId);
        if (l && l.path === k && l.dir === dir) {
          l.drop = d.t;
          l.reason = REASON_CODE[d.reason];
        }
        dT.push(d.t);
        dR.push(REASON_CODE[d.reason]);
        dS.push(l ? l.sf : -1);
      }
      // wire phase of every packet that entered the link
      const ws: number[] = [];
      const we: number[] = [];
      const sfs: number[] = [];
      const dies: number[] = [];
      const idx: number[] = [];
      const qT: number[] = [];
      const qD: number[] = [];
      for (const l of laneLives) {
        if (l.reason === REASON_CODE.loss || l.reason === REASON_CODE.queue) continue;
        const len = frameLength(packets[l.idx]);
        const atSend = Number.isNaN(l.send) ? null : shapeAt(partial, k, dir, l.send);
        let end = l.reason === REASON_CODE.down ? l.drop : l.arrive;
        let send = l.send;
        if (Number.isNaN(send)) {
          // only the receiver's capture: estimate from the shape at arrival
          const sh = shapeAt(partial, k, dir, end);
          send = end - Math.round(sh.delay_ms * 1e6) - serialisationNs(len, sh);
        }
        const sh = atSend ?? shapeAt(partial, k, dir, send);
        const delay = Math.round(sh.delay_ms * 1e6);
        if (Number.isNaN(end)) end = send + serialisationNs(len, sh) + delay; // still in flight at the end, or not captured
        const start = Math.min(end, Math.max(send, end - delay));
        ws.push(start);
        we.push(end);
        sfs.push(l.sf);
        dies.push(l.reason === REASON_CODE.down ? 1 : 0);
        idx.push(l.idx);
        if (start > send) {
          qT.push(send, start);
          qD.push(1, -1);
        }
      }
      const order = sortBy(ws.map((_, i) => i), ws);
      let maxWire = 0;
      for (let i = 0; i < ws.length; i++) maxWire = Math.max(maxWire, we[i] - ws[i]);
      // queue: departures before arrivals at the same instant
      const qOrder = qT.map((_, i) => i).sort((a, b) => qT[a] - qT[b] || qD[a] - qD[b]);
      const queueT = new Float64Array(qOrder.length);
      const queueN = new Int32Array(qOrder.length);
      let n = 0;
      qOrder.forEach((j, i) => {
        n += qD[j];
        queueT[i] = qT[j];
        queueN[i] = n;
      });
      const dOrder = sortBy(dT.map((_, i) => i), dT);
      const dropCum = new Int32Array(dOrder.length * 3);
      dOrder.forEach((j, i) => {
        for (let r = 0; r < 3; r++) dropCum[3 * i + r] = (i > 0 ? dropCum[3 * (i - 1) + r] : 0) + (dR[j] === r ? 1 : 0);
      });
      lanes.push({
        path: k,
        dir,
        wireStart: Float64Array.from(order, (i) => ws[i]),
        wireEnd: Float64Array.from(order, (i) => we[i]),
        sf: Int32Array.from(order, (i) => sfs[i]),
        diesAtEnd: Uint8Array.from(order, (i) => dies[i]),
        pkt: Int32Array.from(order, (i) => idx[i]),
        maxWire,
        queueT,
        queueN,
        dropT: Float64Array.from(dOrder, (i) => dT[i]),
        dropReason: Uint8Array.from(dOrder, (i) => dR[i]),
        dropSf: Int32Array.from(dOrder, (i) => dS[i]),
        dropCum,
      });
    }
  }
  return { lanes, subflows, packets, linkChanges, shapeEvents, scenario };
}

/** Frames in the lane's queue at time t. */
export function queueAt(lane: Lane, t: number): number {
  const i = bisectRight(lane.queueT, t);
  return i > 0 ? lane.queueN[i - 1] : 0;
}

/** A packet on the wire at time t: `i` its index in the lane, `f` how far along (0 = just left the queue, 1 = arrived). */
export interface WireMark {
  i: number;
  f: number;
}

/**
 * The packets on the lane's wire at time t (wireStart ≤ t < wireEnd), at most `max` of them (evenly
 * thinned beyond that). Cost: the packets that started within the last `maxWire`, never the whole lane.
 */
export function packetsOnWire(lane: Lane, t: number, max = Infinity): WireMark[] {
  const from = bisectLeft(lane.wireStart, t - lane.maxWire);
  const to = bisectRight(lane.wireStart, t);
  const out: WireMark[] = [];
  for (let i = from; i < to; i++) {
    const s = lane.wireStart[i];
    const e = lane.wireEnd[i];
    if (e <= t) continue;
    out.push({ i, f: e > s ? (t - s) / (e - s) : 1 });
  }
  if (out.length <= max) return out;
  const step = out.length / max;
  const thin: WireMark[] = [];
  for (let k = 0; k < max; k++) thin.push(out[Math.floor(k * step)]);
  return thin;
}

/** Drops on the lane in (t − window, t], as indices into the lane's drop arrays. */
export function recentDrops(lane: Lane, t: number, window: number): number[] {
  const from = bisectRight(lane.dropT, t - window);
  const to = bisectRight(lane.dropT, t);
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Drops on the lane up to t, per reason. */
export function dropCountsAt(lane: Lane, t: number): Record<DropReason, number> {
  const n = bisectRight(lane.dropT, t);
  if (n === 0) return { loss: 0, queue: 0, down: 0 };
  const c = lane.dropCum;
  return { loss: c[3 * (n - 1)], queue: c[3 * (n - 1) + 1], down: c[3 * (n - 1) + 2] };
}

/** Subflows that have sent a packet by time t. */
export function subflowsAt(model: Pick<TopologyModel, 'subflows'>, t: number): SubflowInfo[] {
  return model.subflows.filter((s) => s.firstT <= t);
}
