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
import { addressNames, endpointText, type AddressNames, type HasAddressNames } from '../core/net/address-text';
import type { EventConfig, Scenario, Shape } from '../core/scenario/types';
import type { CaptureRecord, Dir, Side, Trace } from '../core/sim/trace';
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

/**
 * The model without its packet objects: plain data and typed arrays only, so the worker that
 * produced the trace can build it and send it to the page cheaply (typed arrays are transferred).
 * `lifeCapture[i]` is the index in `trace.captures` of the capture that first saw packet `i`.
 */
export type TopologyCore = Omit<TopologyModel, 'packets' | 'scenario'> & { lifeCapture: Int32Array };

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

const DIR_CODE: Record<Dir, number> = { c2s: 0, s2c: 1 };

function subflowKeys(p: Packet, dir: Dir): [number, number] {
  const c = dir === 'c2s' ? p.src * 65536 + p.sport : p.dst * 65536 + p.dport;
  const s = dir === 'c2s' ? p.dst * 65536 + p.dport : p.src * 65536 + p.sport;
  return [c, s];
}

function keyToText(k: number, names: AddressNames | undefined): string {
  return endpointText(Math.floor(k / 65536), k % 65536, names);
}

/** Indices 0..n−1 ordered by `key` (ties by index), or null when already in order, as wire starts nearly always are (no sort, no index array). */
function orderBy(key: ArrayLike<number>, n: number): Int32Array | null {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (key[i] < key[i - 1]) sorted = false;
  if (sorted) return null;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => key[a] - key[b] || a - b);
}

type NumArray = Float64Array | Int32Array | Uint8Array;

/** The first n values of `src` in `order` (orderBy's; null: as they are), without a callback per value. */
function permute<T extends NumArray>(src: T, order: Int32Array | null, n: number): T {
  if (order === null) return src.slice(0, n) as T;
  const out = src.slice(0, n) as T;
  for (let i = 0; i < n; i++) out[i] = src[order[i]];
  return out;
}

/**
 * The queue length as a step function from each queued frame's entry and exit times: departures
 * before arrivals at the same instant. Entries and exits are each in time order on a FIFO, so this
 * merges them; it sorts only when they are not.
 */
function queueSteps(qIn: Float64Array, qOut: Float64Array): { queueT: Float64Array; queueN: Int32Array } {
  const n = qIn.length;
  const queueT = new Float64Array(2 * n);
  const queueN = new Int32Array(2 * n);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = qIn[i] >= qIn[i - 1] && qOut[i] >= qOut[i - 1];
  if (!sorted) {
    const t = [...qIn, ...qOut];
    const d = t.map((_, i) => (i < n ? 1 : -1));
    const order = t.map((_, i) => i).sort((a, b) => t[a] - t[b] || d[a] - d[b]);
    let q = 0;
    order.forEach((j, i) => {
      q += d[j];
      queueT[i] = t[j];
      queueN[i] = q;
    });
    return { queueT, queueN };
  }
  let i = 0;
  let o = 0;
  let q = 0;
  for (let k = 0; k < 2 * n; k++) {
    if (o < n && (i >= n || qOut[o] <= qIn[i])) {
      queueT[k] = qOut[o++];
      q--;
    } else {
      queueT[k] = qIn[i++];
      q++;
    }
    queueN[k] = q;
  }
  return { queueT, queueN };
}

/** Build the model of a run. O(packets · log packets), once per trace; no object per packet. */
export function buildTopologyModel(trace: Pick<Trace, 'captures' | 'links' | 'events' | 'end'> & HasAddressNames, scenario: Scenario): TopologyModel {
  return withPackets(buildTopologyCore(trace, scenario), trace, scenario);
}

/** A core (built here or in a worker) with the trace's packet objects attached. O(packets), no search. */
export function withPackets(core: TopologyCore, trace: Pick<Trace, 'captures'>, scenario: Scenario): TopologyModel {
  const caps = trace.captures;
  const n = core.lifeCapture.length;
  const packets: Packet[] = new Array<Packet>(n);
  for (let i = 0; i < n; i++) {
    const c = caps[core.lifeCapture[i]];
    if (!c) throw new Error(`topology model: packet ${i} refers to capture ${core.lifeCapture[i]}, the trace has ${caps.length}`);
    packets[i] = c.pkt;
  }
  const { lifeCapture: _, ...rest } = core;
  return { ...rest, packets, scenario };
}

/** The typed arrays of a core, to pass as the transfer list of postMessage. */
export function topologyTransferables(core: TopologyCore): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>([core.lifeCapture.buffer as ArrayBuffer]);
  for (const l of core.lanes) {
    for (const a of [l.wireStart, l.wireEnd, l.sf, l.diesAtEnd, l.pkt, l.queueT, l.queueN, l.dropT, l.dropReason, l.dropSf, l.dropCum]) out.add(a.buffer as ArrayBuffer);
  }
  return [...out];
}

/** The model's data without packet objects (see TopologyCore). */
export function buildTopologyCore(trace: Pick<Trace, 'captures' | 'links' | 'events' | 'end'> & HasAddressNames, scenario: Scenario): TopologyCore {
  return buildTopologyState(trace, scenario).core;
}

type TopologyTrace = Pick<Trace, 'captures' | 'links' | 'events' | 'end'> & HasAddressNames;

/** A core and the packet lives it was made from (what resumeTopologyCore goes on from). */
export function buildTopologyState(trace: TopologyTrace, scenario: Scenario): { core: TopologyCore; lives: TopologyLives } {
  const S = newLives(trace.captures.length);
  scanLives(S, trace.captures, 0, addressNames(trace));
  return { core: coreFromLives(S, trace, scenario), lives: S };
}

/**
 * The core of `trace` whose first `k` records are those `prev` was made from (a forked run shares
 * its past with the run it went on from, issue 5): the lives that start before k are copied (a
 * send or arrival recorded at k or later undone), the subflows first seen before k kept, and only
 * records k… are read; the lanes are then made from the lives (typed arrays only). Equal to
 * buildTopologyCore(trace, scenario); built afresh when prev cannot be cut exactly at k.
 */
export function resumeTopologyCore(prev: TopologyLives, trace: TopologyTrace, scenario: Scenario, k: number): { core: TopologyCore; lives: TopologyLives } {
  const captures = trace.captures;
  if (!prev.exact || k <= 0 || k > captures.length) return buildTopologyState(trace, scenario);
  const m = bisectLeft(prev.lifeCapture, k, 0, prev.n);
  const S = newLives(captures.length);
  for (const f of ['path', 'dir', 'sf', 'send', 'arrive', 'frameBytes', 'lifeCapture', 'lifeId', 'sendCap', 'arriveCap'] as const) {
    (S[f] as NumArray).set((prev[f] as NumArray).subarray(0, m));
  }
  for (let li = 0; li < m; li++) {
    if (S.sendCap[li] >= k) {
      S.send[li] = Number.NaN;
      S.sendCap[li] = -1;
    }
    if (S.arriveCap[li] >= k) {
      S.arrive[li] = Number.NaN;
      S.arriveCap[li] = -1;
    }
  }
  // not the records it was made from
  if (m > 0 && captures[S.lifeCapture[m - 1]].pkt.id !== S.lifeId[m - 1]) return buildTopologyState(trace, scenario);
  S.lifeOfId = prev.lifeOfId.slice();
  for (let li = m; li < prev.n; li++) if (prev.lifeId[li] >= 0) S.lifeOfId[prev.lifeId[li]] = -1;
  S.n = m;
  for (let i = 0; i < prev.subflows.length && prev.sfFirstCap[i] < k; i++) {
    const [ck, sk] = prev.sfKeys[i];
    let inner = S.sfIndex.get(ck);
    if (!inner) S.sfIndex.set(ck, (inner = new Map()));
    inner.set(sk, i);
    S.subflows.push(prev.subflows[i]);
    S.sfFirstCap.push(prev.sfFirstCap[i]);
    S.sfKeys.push(prev.sfKeys[i]);
  }
  scanLives(S, captures, k, addressNames(trace));
  return { core: coreFromLives(S, trace, scenario), lives: S };
}

/**
 * Packet lives (topology's pass over the captures), as parallel arrays with room for one per
 * record; with each life's packet id and the records that set its send and arrival times, so a
 * fork can undo the records after the past it shares (resumeTopologyCore).
 */
export interface TopologyLives {
  /** Lives so far. */
  n: number;
  path: Int32Array;
  dir: Uint8Array;
  sf: Int32Array;
  send: Float64Array;
  arrive: Float64Array;
  frameBytes: Int32Array;
  lifeCapture: Int32Array;
  lifeId: Float64Array;
  sendCap: Int32Array;
  arriveCap: Int32Array;
  lifeOfId: Int32Array;
  subflows: SubflowInfo[];
  sfIndex: Map<number, Map<number, number>>;
  sfFirstCap: number[];
  sfKeys: [number, number][];
  /** False once a record cannot be undone exactly (a packet's second record on the same side, an id that is not a small integer): a resume then builds afresh. */
  exact: boolean;
}

function newLives(n: number): TopologyLives {
  return {
    n: 0,
    path: new Int32Array(n),
    dir: new Uint8Array(n),
    sf: new Int32Array(n),
    send: new Float64Array(n).fill(Number.NaN),
    arrive: new Float64Array(n).fill(Number.NaN),
    frameBytes: new Int32Array(n),
    lifeCapture: new Int32Array(n),
    lifeId: new Float64Array(n),
    sendCap: new Int32Array(n).fill(-1),
    arriveCap: new Int32Array(n).fill(-1),
    lifeOfId: new Int32Array(1024).fill(-1),
    subflows: [],
    sfIndex: new Map(),
    sfFirstCap: [],
    sfKeys: [],
    exact: true,
  };
}

/**
 * Subflows and packet lives from captures from… (sender side: send time; receiver side: arrival).
 * Packet ids are small integers (the world's counter): a typed array maps an id to its life. One
 * pass over the packet objects (the cost is reading them from memory): what the lanes need later
 * (frame length) is copied out here, so the per-lane pass reads typed arrays only.
 */
function scanLives(S: TopologyLives, captures: readonly CaptureRecord[], from: number, names: AddressNames | undefined): void {
  const { path, dir, sf: sfOf, send, arrive, frameBytes, lifeCapture, lifeId, sendCap, arriveCap, subflows, sfIndex } = S;
  let lifeOfId = S.lifeOfId;
  let nLives = S.n;
  let lastC = Number.NaN;
  let lastS = Number.NaN;
  let lastSf = -1;
  for (let ci = from; ci < captures.length; ci++) {
    const c = captures[ci];
    const id = c.pkt.id;
    if (id >= lifeOfId.length) {
      const grown = new Int32Array(Math.max(id + 1, 2 * lifeOfId.length)).fill(-1);
      grown.set(lifeOfId);
      lifeOfId = grown;
    }
    if (!Number.isInteger(id)) S.exact = false;
    let li = id >= 0 ? lifeOfId[id] : -1;
    if (li < 0) {
      const [ck, sk] = subflowKeys(c.pkt, c.dir);
      let sf: number;
      if (ck === lastC && sk === lastS) sf = lastSf;
      else {
        let inner = sfIndex.get(ck);
        if (!inner) sfIndex.set(ck, (inner = new Map()));
        let known = inner.get(sk);
        if (known === undefined) {
          known = subflows.length;
          inner.set(sk, known);
          subflows.push({ index: known, client: keyToText(ck, names), server: keyToText(sk, names), path: c.path, firstT: c.t });
          S.sfFirstCap.push(ci);
          S.sfKeys.push([ck, sk]);
        }
        sf = known;
        lastC = ck;
        lastS = sk;
        lastSf = sf;
      }
      li = nLives++;
      frameBytes[li] = c.pkt.frameBytes;
      lifeCapture[li] = ci;
      lifeId[li] = id;
      if (id >= 0) lifeOfId[id] = li;
      path[li] = c.path;
      dir[li] = DIR_CODE[c.dir];
      sfOf[li] = sf;
    }
    const atSender = (c.side === 'client') === (c.dir === 'c2s');
    if (atSender) {
      if (sendCap[li] >= 0) S.exact = false;
      send[li] = c.t;
      sendCap[li] = ci;
    } else {
      if (arriveCap[li] >= 0) S.exact = false;
      arrive[li] = c.t;
      arriveCap[li] = ci;
    }
  }
  S.lifeOfId = lifeOfId;
  S.n = nLives;
}

/** The lanes (per path and direction: wire phases, queue, drops) from the lives. */
function coreFromLives(lifeState: TopologyLives, trace: TopologyTrace, scenario: Scenario): TopologyCore {
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
  const shaped = shapeEvents.some((evs) => evs.length > 0);

  const captures = trace.captures;
  const S = lifeState;
  const nLives = S.n;
  const { lifeOfId, frameBytes, lifeCapture, subflows } = S;
  const L = { path: S.path, dir: S.dir, sf: S.sf, send: S.send, arrive: S.arrive, drop: new Float64Array(nLives).fill(Number.NaN), reason: new Int8Array(nLives).fill(-1) };
  // lives per lane, in capture order
  const laneOf = new Int32Array(nLives);
  const laneCount = new Int32Array(nPaths * 2);
  for (let i = 0; i < nLives; i++) {
    const k = L.path[i];
    laneOf[i] = k >= 1 && k <= nPaths ? (k - 1) * 2 + L.dir[i] : -1;
    if (laneOf[i] >= 0) laneCount[laneOf[i]]++;
  }
  const laneLives = Array.from(laneCount, (n) => new Int32Array(n));
  const fillAt = new Int32Array(nPaths * 2);
  for (let i = 0; i < nLives; i++) if (laneOf[i] >= 0) laneLives[laneOf[i]][fillAt[laneOf[i]]++] = i;

  const lanes: Lane[] = [];
  for (let k = 1; k <= nPaths; k++) {
    for (const dir of ['c2s', 's2c'] as const) {
      const st = trace.links[k - 1]?.[dir];
      const mine = laneLives[(k - 1) * 2 + DIR_CODE[dir]];
      // Drops, from the link's own records (a packet lost before any capture still counts, its subflow unknown: −1).
      const drops = st?.drops ?? [];
      const nd = drops.length;
      const dT = new Float64Array(nd);
      const dR = new Uint8Array(nd);
      const dS = new Int32Array(nd);
      for (let j = 0; j < nd; j++) {
        const d = drops[j];
        const li = d.pktId >= 0 && d.pktId < lifeOfId.length ? lifeOfId[d.pktId] : -1;
        const here = li >= 0 && L.path[li] === k && L.dir[li] === DIR_CODE[dir];
        if (here) {
          L.drop[li] = d.t;
          L.reason[li] = REASON_CODE[d.reason];
        }
        dT[j] = d.t;
        dR[j] = REASON_CODE[d.reason];
        dS[j] = li >= 0 ? L.sf[li] : -1;
      }
      // wire phase of every packet that entered the link
      const n = mine.length;
      const ws = new Float64Array(n);
      const we = new Float64Array(n);
      const sfs = new Int32Array(n);
      const dies = new Uint8Array(n);
      const idx = new Int32Array(n);
      const qIn = new Float64Array(n);
      const qOut = new Float64Array(n);
      let nq = 0;
      const base = scenario.paths[k - 1][dir];
      let m = 0;
      for (let j = 0; j < n; j++) {
        const li = mine[j];
        const reason = L.reason[li];
        if (reason === REASON_CODE.loss || reason === REASON_CODE.queue) continue;
        const len = frameBytes[li] > 0 ? frameBytes[li] : frameLength(captures[lifeCapture[li]].pkt);
        let send = L.send[li];
        let end = reason === REASON_CODE.down ? L.drop[li] : L.arrive[li];
        const atSend = Number.isNaN(send) ? null : shaped ? shapeAt(partial, k, dir, send) : base;
        if (Number.isNaN(send)) {
          // only the receiver's capture: estimate from the shape at arrival
          const sh = shaped ? shapeAt(partial, k, dir, end) : base;
          send = end - Math.round(sh.delay_ms * 1e6) - serialisationNs(len, sh);
        }
        const sh = atSend ?? (shaped ? shapeAt(partial, k, dir, send) : base);
        const delay = Math.round(sh.delay_ms * 1e6);
        if (Number.isNaN(end)) end = send + serialisationNs(len, sh) + delay; // still in flight at the end, or not captured
        const start = Math.min(end, Math.max(send, end - delay));
        ws[m] = start;
        we[m] = end;
        sfs[m] = L.sf[li];
        dies[m] = reason === REASON_CODE.down ? 1 : 0;
        idx[m] = li;
        m++;
        if (start > send) {
          qIn[nq] = send;
          qOut[nq] = start;
          nq++;
        }
      }
      const order = orderBy(ws, m);
      let maxWire = 0;
      for (let i = 0; i < m; i++) maxWire = Math.max(maxWire, we[i] - ws[i]);
      const { queueT, queueN } = queueSteps(qIn.subarray(0, nq), qOut.subarray(0, nq));
      const dOrder = orderBy(dT, nd);
      const dropCum = new Int32Array(nd * 3);
      for (let i = 0; i < nd; i++) {
        const j = dOrder ? dOrder[i] : i;
        for (let r = 0; r < 3; r++) dropCum[3 * i + r] = (i > 0 ? dropCum[3 * (i - 1) + r] : 0) + (dR[j] === r ? 1 : 0);
      }
      lanes.push({
        path: k,
        dir,
        wireStart: permute(ws, order, m),
        wireEnd: permute(we, order, m),
        sf: permute(sfs, order, m),
        diesAtEnd: permute(dies, order, m),
        pkt: permute(idx, order, m),
        maxWire,
        queueT,
        queueN,
        dropT: permute(dT, dOrder, nd),
        dropReason: permute(dR, dOrder, nd),
        dropSf: permute(dS, dOrder, nd),
        dropCum,
      });
    }
  }
  return { lanes, subflows, linkChanges, shapeEvents, lifeCapture: lifeCapture.slice(0, nLives) };
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
