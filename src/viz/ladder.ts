/**
 * The ladder diagram's model (Wireshark's Flow Graph, one row per packet): pure functions over the
 * trace's capture records, no DOM, no Svelte.
 *
 * - `buildLadder(captures)` groups packets into subflows (one lane each, in order of first
 *   appearance), merges the two capture records of a packet seen on both sides (capture.side
 *   'both': the sender's record gives the send time, the receiver's the arrival time), classifies
 *   every packet for the filters, and remembers what relative numbering needs (each direction's
 *   ISN, each connection's IDSNs from its MP_CAPABLE keys). Row labels are computed lazily, for the
 *   visible rows only (ladder-label.ts), so tens of thousands of packets cost a few typed arrays.
 * - `filterRows`, `rowAtOrBefore`, `visibleWindow`, `laneLayout`: filtering, cursor lookup,
 *   virtualisation (render only the rows in view) and lane geometry.
 */
import type { CaptureRecord } from '../core/sim/trace';
import { ACK, FIN, RST, SYN, intToIpv4 } from '../core/net/packet';
import { endpointText, type AddressNames } from '../core/net/address-text';
import { keyToTokenAndIdsn } from '../core/mptcp/crypto';
import { MPTCP_SUBTYPE } from '../core/wire/mptcp/types';
import { ladderCache, lazyRowIndex } from './ladder-cache';
import { lowerBound } from './chart/search';

export { primeLadder } from './ladder-cache';

/** Row classes (bit flags) the filters select on. */
export const CLS_HANDSHAKE = 1;
export const CLS_SIGNAL = 2;
export const CLS_DATA = 4;

/** The ladder's filters: every packet, the handshakes (SYN, MP_CAPABLE, MP_JOIN), or the signals. */
export type LadderFilter = 'all' | 'handshakes' | 'signals';
export const LADDER_FILTERS: readonly LadderFilter[] = ['all', 'handshakes', 'signals'];

/**
 * MPTCP subtypes the "signals" filter shows: kernel-ref's `mptcp_signals` (ADD_ADDR, REMOVE_ADDR,
 * MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST). DATA_FIN and TCP FIN/RST count as signals too: they
 * end a connection or a subflow.
 */
const SIGNAL_SUBTYPE_MASK =
  (1 << MPTCP_SUBTYPE.ADD_ADDR) |
  (1 << MPTCP_SUBTYPE.REMOVE_ADDR) |
  (1 << MPTCP_SUBTYPE.MP_PRIO) |
  (1 << MPTCP_SUBTYPE.MP_FAIL) |
  (1 << MPTCP_SUBTYPE.MP_FASTCLOSE) |
  (1 << MPTCP_SUBTYPE.MP_TCPRST);

export type SubflowKind = 'MP_CAPABLE' | 'MP_JOIN' | 'TCP';

/** One TCP connection (a subflow of an MPTCP connection, or plain TCP): one lane of the ladder. */
export interface LadderSubflow {
  /** 0-based lane index, in order of first appearance. */
  index: number;
  /** 1-based path index of its first packet (the scenario's `paths[path - 1]`). */
  path: number;
  /**
   * `address:port` of the client (the side whose c2s packets it sends) and of the server, as the
   * packets hold them (an IPv6 capture's placeholders: a view names them with `subflowEndpoints`).
   */
  client: string;
  server: string;
  /** The same as numbers: the packets' 32-bit addresses and the ports. */
  clientAddr: number;
  clientPort: number;
  serverAddr: number;
  serverPort: number;
  /** How it was opened, from its first SYN; null when the capture missed the SYN. */
  kind: SubflowKind | null;
  /** Index into `LadderModel.conns`, or -1 (plain TCP, or a join whose token matched nothing). */
  conn: number;
}

/** What relative DSNs need: the IDSN of each direction's sender (c2s = the client's key). */
export interface LadderConnection {
  c2sIdsn: bigint | null;
  s2cIdsn: bigint | null;
  /** The 32-bit tokens of the client's and the server's keys, when known. */
  clientToken: number | null;
  serverToken: number | null;
}

export interface LadderModel {
  subflows: LadderSubflow[];
  conns: LadderConnection[];
  /** Number of rows (distinct packets), in capture-time order. */
  count: number;
  /** Packet id of each row. */
  id: Float64Array;
  /** Time of the row (ns): its first capture (the send time when the sender's side was captured too). */
  t: Float64Array;
  /** Time of the packet's other capture (ns), or -1 when only one side captured it. */
  tOther: Float64Array;
  /** Index into the captures of the row's first record, and of its other record (-1 if none). */
  capture: Int32Array;
  captureOther: Int32Array;
  /** Lane (subflow index) of each row. */
  subflow: Int32Array;
  /** 0 = client → server, 1 = server → client. */
  dir: Uint8Array;
  /** CLS_* bits. */
  cls: Uint8Array;
  /** Per subflow: ISN of the c2s direction (client's SYN) and of s2c (server's SYN/ACK); -1 when not seen. */
  isnC2s: Float64Array;
  isnS2c: Float64Array;
  /** Packet id → row. */
  rowOfId: Map<number, number>;
  /** Which hosts the records were captured on: bit 1 the client, bit 2 the server (SIDE_CLIENT | SIDE_SERVER). */
  sides: number;
}

export const SIDE_CLIENT = 1;
export const SIDE_SERVER = 2;

const endpoint = (ip: number, port: number): string => `${intToIpv4(ip)}:${port}`;

/** A lane's client and server `address:port` as a view shows them: an IPv6 capture's real addresses (RFC 5952, in brackets). */
export function subflowEndpoints(sf: LadderSubflow, names: AddressNames | undefined): { client: string; server: string } {
  return { client: endpointText(sf.clientAddr, sf.clientPort, names), server: endpointText(sf.serverAddr, sf.serverPort, names) };
}

type Opt = { subtype: number; kind?: unknown } & Record<string, unknown>;

/** Build the ladder model of a run's captures (which are in time order, as the trace records them). */
export function buildLadder(captures: readonly CaptureRecord[]): LadderModel {
  return buildLadderState(captures).model;
}

/**
 * A built model and what `resumeLadder` needs to go on from a prefix of its records: the index of
 * the first record captured on the client and on the server (-1: none).
 */
export interface LadderBuild {
  model: LadderModel;
  firstSide: readonly [number, number];
}

export function buildLadderState(captures: readonly CaptureRecord[]): LadderBuild {
  const w = new LadderWork(captures.length);
  w.scan(captures, 0);
  return w.done();
}

/**
 * The model of `captures` whose first `k` records are those `prev` was built from (a forked run
 * shares its past with the run it went on from, issue 5): the rows that start before k are copied
 * (their other record dropped when it is at k or later), the lanes and connections replayed from
 * the rows that made them (each lane's first row, the handshakes), and only records k… are read.
 * Equal to buildLadder(captures).
 */
export function resumeLadder(prev: LadderBuild, captures: readonly CaptureRecord[], k: number): LadderBuild {
  const pm = prev.model;
  if (k <= 0 || k > captures.length) return buildLadderState(captures);
  // rows are in order of their first record: the kept ones are a prefix
  const m = lowerBound(pm.capture, k, 0, pm.count);
  const w = new LadderWork(captures.length);
  w.id.set(pm.id.subarray(0, m));
  w.t.set(pm.t.subarray(0, m));
  w.capture.set(pm.capture.subarray(0, m));
  w.subflow.set(pm.subflow.subarray(0, m));
  w.dir.set(pm.dir.subarray(0, m));
  w.cls.set(pm.cls.subarray(0, m));
  for (let r = 0; r < m; r++) {
    const other = pm.captureOther[r];
    if (other >= 0 && other < k) {
      w.captureOther[r] = other;
      w.tOther[r] = pm.tOther[r];
    }
    w.rowOf.set(pm.id[r], r);
  }
  w.count = m;
  w.firstSide = [prev.firstSide[0] < k ? prev.firstSide[0] : -1, prev.firstSide[1] < k ? prev.firstSide[1] : -1];
  for (let r = 0; r < m; r++) {
    const lane = pm.subflow[r];
    if (lane < w.subflows.length && (pm.cls[r] & CLS_HANDSHAKE) === 0) continue;
    const ci = pm.capture[r];
    const rec = captures[ci];
    if (rec.pkt.id !== pm.id[r] || w.rowFacts(rec).lane !== lane) return buildLadderState(captures); // not the records it was built from
  }
  w.scan(captures, k);
  return w.done();
}

/** The build in progress: rows (capacity: one per record), lanes, connections. */
class LadderWork {
  readonly id: Float64Array;
  readonly t: Float64Array;
  readonly tOther: Float64Array;
  readonly capture: Int32Array;
  readonly captureOther: Int32Array;
  readonly subflow: Int32Array;
  readonly dir: Uint8Array;
  readonly cls: Uint8Array;
  readonly rowOf = new RowOfId();
  readonly subflows: LadderSubflow[] = [];
  // lane by the client's and the server's address·65536 + port (numbers: no key text per packet)
  readonly #laneOf = new Map<number, Map<number, number>>();
  #lastSrc = -1;
  #lastSport = -1;
  #lastDst = -1;
  #lastDport = -1;
  #lastC2s = false;
  #lastLane = -1;
  readonly isnC2s: number[] = [];
  readonly isnS2c: number[] = [];
  readonly conns: LadderConnection[] = [];
  readonly #connOfToken = new Map<number, number>();
  count = 0;
  firstSide: [number, number] = [-1, -1];

  constructor(n: number) {
    this.id = new Float64Array(n);
    this.t = new Float64Array(n);
    this.tOther = new Float64Array(n).fill(-1);
    this.capture = new Int32Array(n);
    this.captureOther = new Int32Array(n).fill(-1);
    this.subflow = new Int32Array(n);
    this.dir = new Uint8Array(n);
    this.cls = new Uint8Array(n);
  }

  /** Records from..end: a new row per packet, the other record of a packet seen on both sides merged into its row. */
  scan(captures: readonly CaptureRecord[], from: number): void {
    const { rowOf, captureOther, tOther, firstSide } = this;
    for (let ci = from; ci < captures.length; ci++) {
      const rec = captures[ci];
      const p = rec.pkt;
      const side = rec.side === 'server' ? 1 : 0;
      if (firstSide[side] < 0) firstSide[side] = ci;
      const seen = rowOf.get(p.id);
      if (seen !== undefined) {
        // The same packet at the other capture point (capture.side 'both').
        if (captureOther[seen] === -1) {
          captureOther[seen] = ci;
          tOther[seen] = rec.t;
        }
        continue;
      }
      const { lane, cls } = this.rowFacts(rec);
      const r = this.count++;
      rowOf.set(p.id, r);
      this.id[r] = p.id;
      this.t[r] = rec.t;
      this.capture[r] = ci;
      this.subflow[r] = lane;
      this.dir[r] = rec.dir === 'c2s' ? 0 : 1;
      this.cls[r] = cls;
    }
  }

  /** A packet's first record: its lane (made on its first packet), its classes, and what it tells of the lane's ISNs, kind and connection. */
  rowFacts(rec: CaptureRecord): { lane: number; cls: number } {
    const p = rec.pkt;
    const c2s = rec.dir === 'c2s';
    let lane: number | undefined;
    // the same packet direction as the last one: the same lane (a sender's burst, its peer's ACKs)
    if (p.src === this.#lastSrc && p.sport === this.#lastSport && p.dst === this.#lastDst && p.dport === this.#lastDport && c2s === this.#lastC2s) lane = this.#lastLane;
    else {
      const ck = c2s ? p.src * 65536 + p.sport : p.dst * 65536 + p.dport;
      const sk = c2s ? p.dst * 65536 + p.dport : p.src * 65536 + p.sport;
      let inner = this.#laneOf.get(ck);
      if (!inner) this.#laneOf.set(ck, (inner = new Map()));
      lane = inner.get(sk);
      if (lane === undefined) {
        lane = this.subflows.length;
        inner.set(sk, lane);
        this.subflows.push({
          index: lane,
          path: rec.path,
          client: c2s ? endpoint(p.src, p.sport) : endpoint(p.dst, p.dport),
          server: c2s ? endpoint(p.dst, p.dport) : endpoint(p.src, p.sport),
          clientAddr: c2s ? p.src : p.dst,
          clientPort: c2s ? p.sport : p.dport,
          serverAddr: c2s ? p.dst : p.src,
          serverPort: c2s ? p.dport : p.sport,
          kind: null,
          conn: -1,
        });
        this.isnC2s.push(-1);
        this.isnS2c.push(-1);
      }
      this.#lastSrc = p.src;
      this.#lastSport = p.sport;
      this.#lastDst = p.dst;
      this.#lastDport = p.dport;
      this.#lastC2s = c2s;
      this.#lastLane = lane;
    }
    const sf = this.subflows[lane];
    const opts = (p.mptcp ?? []) as readonly Opt[];
    let c = p.payloadLen > 0 ? CLS_DATA : 0;
    if ((p.flags & SYN) !== 0) {
      c |= CLS_HANDSHAKE;
      if (c2s) this.isnC2s[lane] = p.seq;
      else this.isnS2c[lane] = p.seq;
    }
    if ((p.flags & (FIN | RST)) !== 0) c |= CLS_SIGNAL;
    for (const o of opts) {
      const st = o.subtype;
      if (st === MPTCP_SUBTYPE.MP_CAPABLE || st === MPTCP_SUBTYPE.MP_JOIN) c |= CLS_HANDSHAKE;
      if (st < 31 && (SIGNAL_SUBTYPE_MASK & (1 << st)) !== 0) c |= CLS_SIGNAL;
      if (st === MPTCP_SUBTYPE.DSS && o.dataFin === true) c |= CLS_SIGNAL;
      noteConnection(o, p.flags, c2s, sf, this.conns, this.#connOfToken);
    }
    if (sf.kind === null && (p.flags & SYN) !== 0 && (p.flags & ACK) === 0) {
      sf.kind = opts.some((o) => o.subtype === MPTCP_SUBTYPE.MP_CAPABLE)
        ? 'MP_CAPABLE'
        : opts.some((o) => o.subtype === MPTCP_SUBTYPE.MP_JOIN)
          ? 'MP_JOIN'
          : 'TCP';
    }
    return { lane, cls: c };
  }

  done(): LadderBuild {
    const count = this.count;
    const model: Omit<LadderModel, 'rowOfId'> = {
      subflows: this.subflows,
      conns: this.conns,
      count,
      id: this.id.subarray(0, count),
      t: this.t.subarray(0, count),
      tOther: this.tOther.subarray(0, count),
      capture: this.capture.subarray(0, count),
      captureOther: this.captureOther.subarray(0, count),
      subflow: this.subflow.subarray(0, count),
      dir: this.dir.subarray(0, count),
      cls: this.cls.subarray(0, count),
      isnC2s: Float64Array.from(this.isnC2s),
      isnS2c: Float64Array.from(this.isnS2c),
      sides: (this.firstSide[0] >= 0 ? SIDE_CLIENT : 0) | (this.firstSide[1] >= 0 ? SIDE_SERVER : 0),
    };
    // the id → row Map only when something asks (a selection): the worker posts the model without it
    return { model: lazyRowIndex(model), firstSide: [this.firstSide[0], this.firstSide[1]] };
  }
}

/**
 * Packet id → row while building: packet ids are small integers (the world's counter), so a typed
 * array indexed by id (grown as needed) instead of a Map of every packet; any other id in a Map.
 */
class RowOfId {
  #rows = new Int32Array(1024).fill(-1);
  #other = new Map<number, number>();

  get(id: number): number | undefined {
    if (Number.isInteger(id) && id >= 0 && id < this.#rows.length) {
      const r = this.#rows[id];
      return r < 0 ? undefined : r;
    }
    return this.#other.get(id);
  }

  set(id: number, row: number): void {
    if (!Number.isInteger(id) || id < 0 || id > 2 ** 26) {
      this.#other.set(id, row);
      return;
    }
    if (id >= this.#rows.length) {
      const grown = new Int32Array(Math.max(id + 1, 2 * this.#rows.length)).fill(-1);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    this.#rows[id] = row;
  }
}

/**
 * Connection bookkeeping from the handshake options: MP_CAPABLE's SYN/ACK carries the server's key,
 * its third ACK (and first data) the client's key and the server's echoed; MP_JOIN's SYN names the
 * connection by the token of the receiver's key (RFC 8684 §3.1, §3.2).
 */
function noteConnection(
  o: Opt,
  flags: number,
  c2s: boolean,
  sf: LadderSubflow,
  conns: LadderConnection[],
  connOfToken: Map<number, number>,
): void {
  if (o.subtype === MPTCP_SUBTYPE.MP_CAPABLE) {
    if (sf.conn === -1) {
      sf.conn = conns.length;
      conns.push({ c2sIdsn: null, s2cIdsn: null, clientToken: null, serverToken: null });
    }
    const conn = conns[sf.conn];
    const sender = typeof o.senderKey === 'bigint' ? o.senderKey : null;
    const receiver = typeof o.receiverKey === 'bigint' ? o.receiverKey : null;
    // The sender's key belongs to the side sending this packet; the receiver's key to its peer.
    const learn = (key: bigint | null, clientSide: boolean): void => {
      if (key === null) return;
      if (clientSide ? conn.c2sIdsn !== null : conn.s2cIdsn !== null) return;
      const { token, idsn } = keyToTokenAndIdsn(key);
      if (clientSide) {
        conn.c2sIdsn = idsn;
        conn.clientToken = token;
      } else {
        conn.s2cIdsn = idsn;
        conn.serverToken = token;
      }
      connOfToken.set(token, sf.conn);
    };
    learn(sender, c2s);
    learn(receiver, !c2s);
  } else if (o.subtype === MPTCP_SUBTYPE.MP_JOIN && (flags & SYN) !== 0 && (flags & ACK) === 0 && sf.conn === -1) {
    const token = o.receiverToken;
    if (typeof token === 'number') sf.conn = connOfToken.get(token) ?? -1;
  }
}

/**
 * `buildLadder(captures)`, computed once per captures array (a run's trace is immutable), so every
 * view that needs the model (ladder, inspector) shares one; a model built in a worker comes in
 * through primeLadder (ladder-cache.ts).
 */
export function ladderFor(captures: readonly CaptureRecord[]): LadderModel {
  let model = ladderCache.get(captures);
  if (!model) {
    model = buildLadder(captures);
    ladderCache.set(captures, model);
  }
  return model;
}

/** The rows `filter` keeps, in order (row indices into the model). */
export function filterRows(model: LadderModel, filter: LadderFilter): Int32Array {
  const n = model.count;
  if (filter === 'all') {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const want = filter === 'handshakes' ? CLS_HANDSHAKE : CLS_SIGNAL;
  let k = 0;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) if ((model.cls[i] & want) !== 0) out[k++] = i;
  return out.slice(0, k);
}

/**
 * The position in `rows` (filtered row indices, in time order) of the last row whose time is ≤ `t`,
 * or -1 when every row is later. Binary search: called on every frame while playing.
 */
export function rowAtOrBefore(model: LadderModel, rows: Int32Array, t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.t[rows[mid]] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The position in `rows` of the row `row` (a model row index), or -1 when the filter hides it. */
export function positionOfRow(rows: Int32Array, row: number): number {
  // rows is sorted ascending: binary search.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && rows[lo] === row ? lo : -1;
}

/** The slice of a virtual list to render: positions [start, end) of `count` rows of `rowHeight` px. */
export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

/**
 * The scrollTop that shows position `pos` of a virtual list, or null when it is already fully in
 * view. `align` 'center' puts it mid-viewport (the playback cursor), 'nearest' scrolls the least.
 */
export function scrollToShow(
  pos: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  align: 'center' | 'nearest' = 'nearest',
): number | null {
  const top = pos * rowHeight;
  const bottom = top + rowHeight;
  if (top >= scrollTop && bottom <= scrollTop + viewportHeight) return null;
  if (align === 'center') return Math.max(0, Math.round(top - (viewportHeight - rowHeight) / 2));
  return top < scrollTop ? top : Math.max(0, bottom - viewportHeight);
}

/** x positions (px) of one lane: the client's vertical line and the server's. */
export interface Lane {
  x: number;
  width: number;
  client: number;
  server: number;
}

/** Split `width` px into one lane per subflow, each with the client line left and the server line right. */
export function laneLayout(width: number, subflowCount: number, pad = 8): Lane[] {
  const n = Math.max(1, subflowCount);
  const w = width / n;
  const p = Math.min(pad, w / 4);
  const lanes: Lane[] = [];
  for (let i = 0; i < subflowCount; i++) {
    const x = i * w;
    lanes.push({ x, width: w, client: x + p, server: x + w - p });
  }
  return lanes;
}

/** The arrow of a row in its lane: from the sender's line to the receiver's, `head` px arrowhead. */
export function arrowPath(lane: Lane, dir: 0 | 1, y: number, head = 6): { line: string; head: string } {
  const from = dir === 0 ? lane.client : lane.server;
  const to = dir === 0 ? lane.server : lane.client;
  const s = dir === 0 ? 1 : -1;
  const tip = to - s * 1;
  const base = tip - s * head;
  return {
    line: `M${from},${y}H${base}`,
    head: `M${tip},${y}L${base},${y - head / 2}L${base},${y + head / 2}Z`,
  };
}
