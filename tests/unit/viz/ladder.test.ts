import { describe, expect, it, vi } from 'vitest';
import { simulate } from '../../../src/core';
import type { CaptureRecord } from '../../../src/core/sim/trace';
import { ACK, FIN, SYN, blankPacket } from '../../../src/core/net/packet';
import { keyToIdsn } from '../../../src/core/mptcp/crypto';
import {
  arrowPath,
  buildLadder,
  buildLadderState,
  resumeLadder,
  type LadderBuild,
  CLS_HANDSHAKE,
  CLS_SIGNAL,
  filterRows,
  ladderFor,
  laneLayout,
  positionOfRow,
  rowAtOrBefore,
  scrollToShow,
  visibleWindow,
} from '../../../src/viz/ladder';
import { withoutRowIndex } from '../../../src/viz/ladder-cache';
import { labelContext, labelText, packetLabel, tcpFlagsText } from '../../../src/viz/ladder-label';
import { scenario } from '../../helpers/scenario';

/** Two paths, the client's `subflow` endpoint on path 2, and a signalled address on the server's path 2. */
const RAW = {
  name: 'ladder-test',
  paths: [
    { name: 'wifi', delay_ms: 10, rate_mbit: 10, queue_pkts: 100 },
    { name: 'lte', delay_ms: 30, rate_mbit: 10, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 1 } },
  server: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1 }] },
  app: { bytes: 60_000 },
};

function runCaptures(side: 'server' | 'both'): CaptureRecord[] {
  return simulate(scenario({ ...RAW, capture: { side } }), { summary: false }).trace.captures;
}

describe('buildLadder', () => {
  const captures = runCaptures('server');
  const model = buildLadder(captures);

  it('gives one lane per subflow, in order of first appearance, with how each was opened', () => {
    expect(model.subflows.map((s) => s.kind)).toEqual(['MP_CAPABLE', 'MP_JOIN']);
    expect(model.subflows.map((s) => s.path)).toEqual([1, 2]);
    expect(model.subflows[0].client).toMatch(/^10\.0\.1\.1:\d+$/);
    expect(model.subflows[0].server).toMatch(/^10\.0\.1\.2:\d+$/);
    // The join is tied to the connection by the token of the server's key.
    expect(model.subflows[1].conn).toBe(model.subflows[0].conn);
    expect(model.subflows[0].conn).toBe(0);
  });

  it('has one row per captured packet, in capture-time order', () => {
    expect(model.count).toBe(captures.length);
    for (let i = 1; i < model.count; i++) expect(model.t[i]).toBeGreaterThanOrEqual(model.t[i - 1]);
    for (let i = 0; i < model.count; i++) expect(captures[model.capture[i]].pkt.id).toBe(model.id[i]);
  });

  it('learns each direction IDSN from the MP_CAPABLE keys (RFC 8684 §3.1)', () => {
    const third = captures.find((c) => c.dir === 'c2s' && c.pkt.mptcp?.some((o) => o.subtype === 0 && typeof o.senderKey === 'bigint'));
    const clientKey = third?.pkt.mptcp?.find((o) => o.subtype === 0)?.senderKey as bigint;
    const serverKey = third?.pkt.mptcp?.find((o) => o.subtype === 0)?.receiverKey as bigint;
    expect(model.conns[0].c2sIdsn).toBe(keyToIdsn(clientKey));
    expect(model.conns[0].s2cIdsn).toBe(keyToIdsn(serverKey));
  });

  it('classifies SYNs, MP_CAPABLE and MP_JOIN as handshakes and ADD_ADDR, DATA_FIN and FIN as signals', () => {
    for (let i = 0; i < model.count; i++) {
      const p = captures[model.capture[i]].pkt;
      const opts = p.mptcp ?? [];
      const hs = (p.flags & SYN) !== 0 || opts.some((o) => o.subtype === 0 || o.subtype === 1);
      const sig = (p.flags & FIN) !== 0 || opts.some((o) => o.subtype === 3 || (o.subtype === 2 && o.dataFin === true));
      expect((model.cls[i] & CLS_HANDSHAKE) !== 0).toBe(hs);
      expect((model.cls[i] & CLS_SIGNAL) !== 0).toBe(sig);
    }
    const handshakes = filterRows(model, 'handshakes');
    const signals = filterRows(model, 'signals');
    // SYN, SYN/ACK, third ACK (and first data with MP_CAPABLE) + MP_JOIN SYN, SYN/ACK, ACK.
    expect(handshakes.length).toBeGreaterThanOrEqual(6);
    expect(signals.length).toBeGreaterThanOrEqual(2);
    expect([...signals].some((r) => captures[model.capture[r]].pkt.mptcp?.some((o) => o.subtype === 3))).toBe(true);
    expect(filterRows(model, 'all').length).toBe(model.count);
  });

  it('labels rows with flags, relative numbers and decoded MPTCP options', () => {
    const label = (r: number): string => labelText(packetLabel(captures[model.capture[r]].pkt, labelContext(model, r)));
    expect(label(0)).toMatch(/^\[SYN\] Seq=0 Win=\d+ Len=0 MSS=1460 SACK_PERM WS=\d+ · MP_CAPABLE v1 \[H\]$/);
    expect(label(1)).toMatch(/^\[SYN, ACK\] Seq=0 Ack=1 .* · MP_CAPABLE v1 \[H\] key=0x[0-9a-f]{16}$/);
    expect(label(2)).toMatch(/^\[ACK\] Seq=1 Ack=1 .* · MP_CAPABLE v1 \[H\] key=0x[0-9a-f]{16} peer-key=0x[0-9a-f]{16}$/);
    // The first mapping after MP_CAPABLE's implicit one starts right after the first data segment.
    const firstDss = [...Array(model.count).keys()].find((r) =>
      captures[model.capture[r]].pkt.mptcp?.some((o) => o.subtype === 2 && o.mapping !== undefined),
    ) as number;
    expect(label(firstDss)).toMatch(/DSS DATA_ACK=1 dsn=\d+ ssn=\d+ len=\d+$/);
    const join = [...Array(model.count).keys()].find((r) => captures[model.capture[r]].pkt.mptcp?.some((o) => o.subtype === 1)) as number;
    expect(label(join)).toMatch(/^\[SYN\] .* · MP_JOIN token=0x[0-9a-f]{8} nonce=0x[0-9a-f]{8} id=\d+$/);
    const add = [...Array(model.count).keys()].find((r) => captures[model.capture[r]].pkt.mptcp?.some((o) => o.subtype === 3)) as number;
    expect(label(add)).toContain('ADD_ADDR id=1 10.0.2.2 hmac=0x');
  });

  it('counts DSNs from 1 like Wireshark relative numbers: dsn − IDSN of the sender', () => {
    let checked = 0;
    for (let r = 0; r < model.count; r++) {
      const p = captures[model.capture[r]].pkt;
      const dss = p.mptcp?.find((o) => o.subtype === 2 && o.mapping !== undefined);
      if (!dss || model.dir[r] !== 0) continue;
      const l = packetLabel(p, labelContext(model, r)).mptcp.find((s) => s.startsWith('DSS')) as string;
      const dsn = Number(/dsn=(\d+)/.exec(l)?.[1]);
      const ssn = Number(/ssn=(\d+)/.exec(l)?.[1]);
      // One subflow's mapping: DSN and SSN both start at 1 on the initial subflow.
      if (model.subflow[r] === 0 && checked === 0) expect(dsn).toBe(ssn);
      expect(dsn).toBeGreaterThan(0);
      expect(dsn).toBeLessThanOrEqual(RAW.app.bytes + 1);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('merges the two records of a packet captured on both sides into one row with its transit time', () => {
    const both = runCaptures('both');
    const m = buildLadder(both);
    const ids = new Set(both.map((c) => c.pkt.id));
    expect(m.count).toBe(ids.size);
    let paired = 0;
    for (let r = 0; r < m.count; r++) {
      if (m.captureOther[r] < 0) continue;
      paired++;
      const first = both[m.capture[r]];
      const other = both[m.captureOther[r]];
      expect(other.pkt.id).toBe(first.pkt.id);
      expect(first.side).not.toBe(other.side);
      // The row's time is the sender's capture; the other record is the arrival, ≥ 10 ms later.
      expect(first.side === 'client').toBe(first.dir === 'c2s');
      expect(m.tOther[r] - m.t[r]).toBeGreaterThanOrEqual(10e6);
    }
    expect(paired).toBe(m.count);
  });

  it('is computed once per captures array (ladderFor)', () => {
    expect(ladderFor(captures)).toBe(ladderFor(captures));
  });
});

describe('ladder geometry and cursor', () => {
  function synthetic(n: number): CaptureRecord[] {
    const out: CaptureRecord[] = [];
    for (let i = 0; i < n; i++) {
      const pkt = { ...blankPacket(), id: i + 1, src: 0x0a000101, dst: 0x0a000102, sport: 40000 + (i % 4), dport: 5201, flags: ACK, payloadLen: 1000 };
      out.push({ t: i * 1000, pkt, path: 1 + (i % 4), side: 'server', dir: 'c2s' });
    }
    return out;
  }

  it('handles tens of thousands of packets and renders only a window of them', () => {
    const model = buildLadder(synthetic(60_000));
    expect(model.count).toBe(60_000);
    expect(model.subflows).toHaveLength(4);
    const rows = filterRows(model, 'all');
    const w = visibleWindow(1_000_000, 420, 28, rows.length);
    expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(420 / 28) + 1 + 12);
    expect(w.start).toBe(Math.floor(1_000_000 / 28) - 6);
    expect(visibleWindow(0, 420, 28, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleWindow(1e9, 420, 28, 10).end).toBe(10);
  });

  it('rowAtOrBefore(t) finds the last packet at or before the cursor', () => {
    const model = buildLadder(synthetic(100));
    const rows = filterRows(model, 'all');
    expect(rowAtOrBefore(model, rows, -1)).toBe(-1);
    expect(rowAtOrBefore(model, rows, 0)).toBe(0);
    expect(rowAtOrBefore(model, rows, 5500)).toBe(5);
    expect(rowAtOrBefore(model, rows, 1e12)).toBe(99);
    expect(positionOfRow(rows, 42)).toBe(42);
    expect(positionOfRow(Int32Array.of(1, 5, 9), 5)).toBe(1);
    expect(positionOfRow(Int32Array.of(1, 5, 9), 4)).toBe(-1);
  });

  it('scrollToShow leaves a visible row alone and centres or nudges a hidden one', () => {
    expect(scrollToShow(3, 0, 280, 28)).toBeNull();
    expect(scrollToShow(100, 0, 280, 28, 'nearest')).toBe(101 * 28 - 280);
    expect(scrollToShow(100, 0, 280, 28, 'center')).toBe(Math.round(100 * 28 - (280 - 28) / 2));
    expect(scrollToShow(2, 2800, 280, 28, 'nearest')).toBe(56);
  });

  it('lays out one lane per subflow with the client line left of the server line', () => {
    const lanes = laneLayout(300, 3, 10);
    expect(lanes.map((l) => l.x)).toEqual([0, 100, 200]);
    for (const l of lanes) {
      expect(l.client).toBeLessThan(l.server);
      expect(l.client).toBeGreaterThanOrEqual(l.x);
      expect(l.server).toBeLessThanOrEqual(l.x + l.width);
    }
    const c2s = arrowPath(lanes[1], 0, 14);
    expect(c2s.line).toBe('M110,14H183');
    const s2c = arrowPath(lanes[1], 1, 14);
    expect(s2c.line).toBe('M190,14H117');
  });

  it('names TCP flags in Wireshark order', () => {
    expect(tcpFlagsText(SYN | ACK)).toBe('SYN, ACK');
    expect(tcpFlagsText(FIN | ACK | 0x08)).toBe('FIN, PSH, ACK');
    expect(tcpFlagsText(0)).toBe('');
  });
});

describe('buildLadder bookkeeping (numeric lane keys, id → row array)', () => {
  const rec = (t: number, id: number, src: number, sport: number, dst: number, dport: number, dir: 'c2s' | 's2c', side: 'client' | 'server' = 'server'): CaptureRecord => ({
    t,
    pkt: { ...blankPacket(), id, src, dst, sport, dport, flags: ACK, payloadLen: 100 },
    path: 1,
    side,
    dir,
  });
  const A = 0x0a000101;
  const B = 0x0a000102;

  it('keeps the lane of a packet by its direction, not only its four numbers (the last-lane shortcut checks dir)', () => {
    // the same addresses and ports once as the client's packet, once as the server's: two connections
    const m = buildLadder([rec(1, 1, A, 1000, B, 80, 'c2s'), rec(2, 2, A, 1000, B, 80, 's2c'), rec(3, 3, A, 1000, B, 80, 'c2s'), rec(4, 4, B, 80, A, 1000, 's2c')]);
    expect(Array.from(m.subflow)).toEqual([0, 1, 0, 0]);
    expect(m.subflows.map((s) => `${s.client} ${s.server}`)).toEqual(['10.0.1.1:1000 10.0.1.2:80', '10.0.1.2:80 10.0.1.1:1000']);
  });

  it('merges the two records of a packet whatever its id (negative, fractional, huge: kept aside from the id array)', () => {
    const ids = [5, -3, 2.5, 2 ** 40, 70_000];
    const caps: CaptureRecord[] = [];
    ids.forEach((id, i) => {
      caps.push(rec(10 * i, id, A, 1000, B, 80, 'c2s', 'client'));
      caps.push(rec(10 * i + 5, id, A, 1000, B, 80, 'c2s', 'server'));
    });
    const m = buildLadder(caps);
    expect(m.count).toBe(ids.length);
    expect(Array.from(m.id)).toEqual(ids);
    expect(Array.from(m.captureOther)).toEqual(ids.map((_, i) => 2 * i + 1));
    expect(ids.map((id) => m.rowOfId.get(id))).toEqual([0, 1, 2, 3, 4]);
    expect(m.rowOfId.get(6)).toBeUndefined();
  });

  it('builds the id → row Map only when asked, and withoutRowIndex never builds it', () => {
    const caps = Array.from({ length: 500 }, (_, i) => rec(i, i + 1, A, 1000, B, 80, 'c2s'));
    const m = buildLadder(caps);
    const sets = vi.spyOn(Map.prototype, 'set');
    let posting: number;
    let asking: number;
    let posted: ReturnType<typeof withoutRowIndex>;
    try {
      // counted around the calls only (the test runner's own Maps are not ours)
      let before = sets.mock.calls.length;
      posted = withoutRowIndex(m);
      posting = sets.mock.calls.length - before;
      before = sets.mock.calls.length;
      m.rowOfId.get(42);
      asking = sets.mock.calls.length - before;
    } finally {
      sets.mockRestore();
    }
    expect(posting).toBe(0);
    expect(asking).toBeGreaterThanOrEqual(500);
    expect(posted.rowOfId.size).toBe(0);
    expect(posted.count).toBe(500);
    expect(m.rowOfId.get(42)).toBe(41);
  });
});

describe('resumeLadder (a forked run: the rows of the shared past copied, only the new records read)', () => {
  const plain = (b: LadderBuild) => ({ ...b.model, rowOfId: new Map(b.model.rowOfId) });
  // path 1's client interface goes down at 0.2 s: the same records as the run without it until then
  const base = simulate(scenario({ ...RAW, capture: { side: 'both' } }), { summary: false }).trace.captures;
  const forked = simulate(scenario({ ...RAW, capture: { side: 'both' }, events: [{ at: 0.2, action: 'link_down', path: 1, side: 'client' }] }), {
    summary: false,
  }).trace.captures;
  const shared = forked.findIndex((c) => c.t >= 0.2e9);

  it('equals the full build of the fork, for cuts across handshakes, merged pairs and the end of the shared past', () => {
    expect(shared).toBeGreaterThan(100);
    expect(forked.slice(0, shared).every((c, i) => c.pkt.id === base[i].pkt.id && c.t === base[i].t)).toBe(true);
    const prev = buildLadderState(base);
    const full = plain(buildLadderState(forked));
    // a cut between the two records of a packet seen on both sides must drop the later one from the copied row
    const split = Array.from({ length: shared }, (_, k) => k).filter((k) => {
      const r = prev.model.rowOfId.get(base[k].pkt.id)!;
      return prev.model.capture[r] < k && prev.model.captureOther[r] >= k;
    });
    expect(split.length).toBeGreaterThan(0);
    for (const k of [1, 3, 5, 8, 13, 40, split[0], split[split.length >> 1], shared - 1, shared]) {
      expect(plain(resumeLadder(prev, forked, k)), `cut at ${k}`).toEqual(full);
      // a run that has no more records than the shared ones: the copied rows lose their later other record
      expect(plain(resumeLadder(prev, base.slice(0, k), k)), `only the ${k} shared records`).toEqual(plain(buildLadderState(base.slice(0, k))));
    }
  });

  it('goes on from a partial result (its records a prefix of the final ones)', () => {
    const half = forked.length >> 1;
    const partial = buildLadderState(forked.slice(0, half));
    expect(plain(resumeLadder(partial, forked, half))).toEqual(plain(buildLadderState(forked)));
  });

  it('builds from scratch when the records are not the ones it was built from', () => {
    const other = runCaptures('server');
    const prev = buildLadderState(base);
    expect(plain(resumeLadder(prev, other, 50))).toEqual(plain(buildLadderState(other)));
  });
});
