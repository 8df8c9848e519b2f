/**
 * The topology's per-trace model and per-frame queries (src/viz/topology-model.ts,
 * topology-frame.ts), checked against real runs: every packet's wire time, the queue length
 * against the simulator's own checkpoints, drops against the link counters, and the visible-packet
 * search against a brute-force scan.
 */
import { describe, expect, it } from 'vitest';
import { simulate, validateScenario } from '../../../src/core';
import type { Scenario } from '../../../src/core/scenario/types';
import {
  buildTopologyCore,
  buildTopologyModel,
  buildTopologyState,
  resumeTopologyCore,
  dropCountsAt,
  laneIndex,
  linkStateAt,
  packetsOnWire,
  queueAt,
  recentDrops,
  shapeAt,
  subflowsAt,
} from '../../../src/viz/topology-model';
import { ACK, blankPacket } from '../../../src/core/net/packet';
import { topologyFrame } from '../../../src/viz/topology-frame';
import { topologyLayout } from '../../../src/viz/topology-layout';

function valid(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

// Two paths, a small queue (tail drops), random loss, and path 1 down from 0.3 s to 0.5 s.
const BUSY = {
  name: 'busy',
  paths: [
    { name: 'wifi', delay_ms: 10, rate_mbit: 10, queue_pkts: 20, loss_pct: 1 },
    { name: 'lte', delay_ms: 30, rate_mbit: 5, queue_pkts: 20 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2, add_addr_accepted: 0 } },
  app: { bytes: 600_000, congestion_control: 'cubic' },
  events: [
    { at: 0.3, action: 'link_down', path: 1, side: 'server' },
    { at: 0.5, action: 'link_up', path: 1, side: 'server' },
    { at: 0.4, action: 'shape', path: 2, dir: 'c2s', delay_ms: 60 },
  ],
};
const sc = valid(BUSY);
const run = simulate(sc, { seed: 2, summary: false, viewCaptures: true });
const model = buildTopologyModel(run.trace, sc);

describe('buildTopologyModel', () => {
  it('has one lane per path and direction, each sorted by wire start', () => {
    expect(model.lanes.map((l) => [l.path, l.dir])).toEqual([
      [1, 'c2s'],
      [1, 's2c'],
      [2, 'c2s'],
      [2, 's2c'],
    ]);
    for (const l of model.lanes) {
      for (let i = 1; i < l.wireStart.length; i++) expect(l.wireStart[i]).toBeGreaterThanOrEqual(l.wireStart[i - 1]);
    }
    expect(model.lanes[laneIndex(2, 's2c')].dir).toBe('s2c');
  });

  it('finds the two subflows by four-tuple, in order of appearance', () => {
    expect(model.subflows.map((s) => [s.index, s.path])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(model.subflows[0].client).toMatch(/^10\.0\.1\.1:\d+$/);
    expect(model.subflows[1].server).toBe('10.0.1.2:5201');
    expect(subflowsAt(model, 0)).toHaveLength(1);
    expect(subflowsAt(model, run.trace.end)).toHaveLength(2);
  });

  it('puts every packet that entered a link on its lane, on the wire for exactly the link delay', () => {
    const onLanes = model.lanes.reduce((n, l) => n + l.wireStart.length, 0);
    const lostBeforeWire = model.lanes.reduce((n, l) => n + dropCountsAt(l, Infinity).loss + dropCountsAt(l, Infinity).queue, 0);
    expect(onLanes + lostBeforeWire).toBe(model.packets.length);
    const lane2 = model.lanes[laneIndex(2, 'c2s')];
    for (let i = 0; i < lane2.wireStart.length; i++) {
      const d = lane2.wireEnd[i] - lane2.wireStart[i];
      // 30 ms before the change at 0.4 s, 60 ms for packets sent after it
      expect([30e6, 60e6]).toContain(d);
    }
  });

  it('counts the drops of each lane like the link counters (loss, queue full, interface down)', () => {
    for (const l of model.lanes) {
      const st = run.trace.links[l.path - 1][l.dir];
      expect(dropCountsAt(l, Infinity)).toEqual({ loss: st.drop_loss, queue: st.drop_queue, down: st.drop_down });
    }
    const total = model.lanes.reduce((n, l) => n + l.dropT.length, 0);
    expect(total).toBeGreaterThan(0);
    expect(run.trace.links[0].c2s.drop_down).toBeGreaterThan(0); // path 1's server end was down
  });

  it('rebuilds each queue length exactly as the simulator’s checkpoints saw it', () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const cp of run.trace.checkpoints) {
      for (const q of cp.links) {
        for (const dir of ['c2s', 's2c'] as const) {
          expect(queueAt(model.lanes[laneIndex(q.path, dir)], cp.t)).toBe(q[dir]);
          compared++;
          if (q[dir] > 0) nonEmpty++;
        }
      }
    }
    expect(compared).toBeGreaterThan(8);
    expect(nonEmpty).toBeGreaterThan(0);
  });

  it('knows each link’s state and shape at any time', () => {
    expect(linkStateAt(model, 1, 299_999_999)).toEqual({ client: true, server: true });
    expect(linkStateAt(model, 1, 300_000_000)).toEqual({ client: true, server: false });
    expect(linkStateAt(model, 1, 500_000_000)).toEqual({ client: true, server: true });
    expect(shapeAt(model, 2, 'c2s', 399_999_999).delay_ms).toBe(30);
    expect(shapeAt(model, 2, 'c2s', 400_000_000).delay_ms).toBe(60);
    expect(shapeAt(model, 2, 's2c', 400_000_000).delay_ms).toBe(30);
  });

  it('estimates the missing end when only one host was captured', () => {
    const serverOnly = simulate(sc, { seed: 2, summary: false });
    const m = buildTopologyModel(serverOnly.trace, sc);
    // s2c leaves the server (captured): the estimated arrival is the real one where it met no queue,
    // and earlier for the few ACKs that left right behind another (the estimate assumes none)
    const exact = model.lanes[laneIndex(2, 's2c')];
    const est = m.lanes[laneIndex(2, 's2c')];
    expect(est.wireEnd.length).toBe(exact.wireEnd.length);
    let exactEnds = 0;
    for (let i = 0; i < est.wireEnd.length; i++) {
      if (est.wireEnd[i] === exact.wireEnd[i]) exactEnds++;
      else expect(est.wireEnd[i]).toBeLessThan(exact.wireEnd[i]);
    }
    expect(exactEnds / exact.wireEnd.length).toBeGreaterThan(0.95);
    // c2s arrives at the server (captured): the send time is estimated from the shape at arrival,
    // so only the packets around the delay change at 0.4 s are off
    const c2s = m.lanes[laneIndex(2, 'c2s')];
    const real = model.lanes[laneIndex(2, 'c2s')];
    expect(c2s.wireEnd.length).toBe(real.wireEnd.length);
    let same = 0;
    for (let i = 0; i < c2s.wireStart.length; i++) if (c2s.wireStart[i] === real.wireStart[i]) same++;
    expect(same / real.wireStart.length).toBeGreaterThan(0.85);
    // drops still count, even of packets no capture saw
    for (const l of m.lanes) {
      const st = serverOnly.trace.links[l.path - 1][l.dir];
      expect(dropCountsAt(l, Infinity)).toEqual({ loss: st.drop_loss, queue: st.drop_queue, down: st.drop_down });
    }
  });
});

describe('lanes out of capture order', () => {
  it('sorts a lane whose estimated wire starts go back in time (only the receiver captured, delay 10 → 100 ms) and keeps each packet\'s values together', () => {
    // one path, c2s packets captured arriving at the server every ms from 150 to 250 ms; from 100 ms
    // the delay is 100 ms: a packet arriving after ~200 ms was sent after the change and started
    // 100 ms before arriving, one arriving before it started 10 ms before: wire starts go back
    const shaped = valid({
      name: 'reorder',
      paths: [{ name: 'p1', delay_ms: 10, rate_mbit: 100, queue_pkts: 100 }],
      app: { bytes: 1000 },
      events: [{ at: 0.1, action: 'shape', path: 1, dir: 'c2s', delay_ms: 100 }],
    });
    const stats = { rx_pkts: 0, rx_bytes: 0, tx_pkts: 0, tx_bytes: 0, drop_loss: 0, drop_queue: 0, drop_down: 0, max_queue_pkts: 0, drops: [] };
    const captures = Array.from({ length: 101 }, (_, i) => ({
      t: 150e6 + i * 1e6,
      pkt: { ...blankPacket(), id: i + 1, src: 0x0a000101, dst: 0x0a000102, sport: 40000 + (i % 2), dport: 80, flags: ACK, payloadLen: 100, frameBytes: 200 },
      path: 1,
      side: 'server' as const,
      dir: 'c2s' as const,
    }));
    const m = buildTopologyModel({ captures, links: [{ path: 1, c2s: stats, s2c: stats }], events: [], end: 300e6 }, shaped);
    const lane = m.lanes[laneIndex(1, 'c2s')];
    expect(lane.wireStart.length).toBe(101);
    let reordered = 0;
    for (let i = 0; i < lane.wireStart.length; i++) {
      if (i > 0) {
        expect(lane.wireStart[i]).toBeGreaterThanOrEqual(lane.wireStart[i - 1]);
        if (lane.pkt[i] < lane.pkt[i - 1]) reordered++;
      }
      // the i-th wire phase is one packet's: it ends at that packet's arrival, in its subflow
      const k = lane.pkt[i];
      expect(lane.wireEnd[i]).toBe(captures[k].t);
      expect(lane.sf[i]).toBe(k % 2);
    }
    // the lane did need sorting
    expect(reordered).toBeGreaterThan(0);
  });
});

describe('queries at time t', () => {
  it('packetsOnWire returns exactly the packets a full scan finds', () => {
    for (const l of model.lanes) {
      for (let t = 0; t < run.trace.end; t += 37_000_000) {
        const fast = packetsOnWire(l, t).map((m) => m.i);
        const slow: number[] = [];
        for (let i = 0; i < l.wireStart.length; i++) if (l.wireStart[i] <= t && l.wireEnd[i] > t) slow.push(i);
        expect(fast).toEqual(slow);
        for (const m of packetsOnWire(l, t)) {
          expect(m.f).toBeGreaterThanOrEqual(0);
          expect(m.f).toBeLessThan(1);
        }
      }
    }
  });

  it('thins the marks evenly beyond the limit', () => {
    const l = model.lanes[laneIndex(1, 'c2s')];
    let t = 0;
    let best = 0;
    for (let x = 0; x < run.trace.end; x += 5e6) {
      const n = packetsOnWire(l, x).length;
      if (n > best) [best, t] = [n, x];
    }
    expect(best).toBeGreaterThan(3);
    expect(packetsOnWire(l, t, 3)).toHaveLength(3);
  });

  it('recentDrops keeps the drops of the last window only', () => {
    const l = model.lanes.find((x) => x.dropT.length > 0)!;
    const t = l.dropT[0];
    expect(recentDrops(l, t, 1)).toContain(0);
    expect(recentDrops(l, t - 1, 1e9)).not.toContain(0);
    expect(recentDrops(l, t + 2, 1)).not.toContain(0);
  });

});

describe('topologyFrame', () => {
  const layout = topologyLayout(800, 2);
  it('places each mark on its lane’s wire and reports per-lane state', () => {
    for (const t of [50e6, 350e6, 700e6]) {
      const f = topologyFrame(model, layout, t, { dropWindow: 50e6, maxMarksPerLane: 1000 });
      expect(f.lanes).toHaveLength(4);
      expect(f.inFlight).toBe(f.marks.length);
      for (const m of f.marks) {
        expect(m.x).toBeGreaterThanOrEqual(layout.x0);
        expect(m.x).toBeLessThanOrEqual(layout.x1);
        expect(layout.paths.flatMap((p) => [p.lanes.c2s.y, p.lanes.s2c.y])).toContain(m.y);
      }
      expect(new Set(f.marks.map((m) => m.key)).size).toBe(f.marks.length);
    }
    const down = topologyFrame(model, layout, 350e6, { dropWindow: 50e6, maxMarksPerLane: 1000 });
    expect(down.paths[0]).toEqual({ path: 1, clientUp: true, serverUp: false });
    expect(down.lanes[0].down && down.lanes[1].down).toBe(true);
    expect(down.lanes[2].down).toBe(false);
  });

  it('caps the marks per lane, and works with thousands of packets in flight', () => {
    const big = valid({ name: 'fat', paths: [{ delay_ms: 100, rate_mbit: 500, queue_pkts: 2000 }], app: { bytes: 20_000_000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' } });
    const r = simulate(big, { seed: 1, summary: false, viewCaptures: true });
    const m = buildTopologyModel(r.trace, big);
    const lay = topologyLayout(1280, 1);
    let maxFlight = 0;
    const started = performance.now();
    let frames = 0;
    for (let t = 0; t < r.trace.end; t += r.trace.end / 300) {
      const f = topologyFrame(m, lay, t, { dropWindow: 1e8, maxMarksPerLane: 250 });
      maxFlight = Math.max(maxFlight, f.inFlight);
      expect(f.marks.length).toBeLessThanOrEqual(500);
      frames++;
    }
    const perFrameMs = (performance.now() - started) / frames;
    expect(maxFlight).toBeGreaterThan(1000);
    expect(perFrameMs).toBeLessThan(8);
  });
});

describe('resumeTopologyCore (a forked run: the lives of the shared past copied, only the new records read)', () => {
  const forkedSc = valid({ ...BUSY, events: [...BUSY.events, { at: 0.2, action: 'link_down', path: 2, side: 'client' }] });

  for (const viewCaptures of [true, false]) {
    it(`equals the full build of the fork at cuts across sends, arrivals and the end of the shared past (${viewCaptures ? 'both hosts' : 'server'} captured)`, () => {
      const base = simulate(sc, { seed: 2, summary: false, viewCaptures }).trace;
      const forked = simulate(forkedSc, { seed: 2, summary: false, viewCaptures }).trace;
      const shared = forked.captures.findIndex((c) => c.t >= 0.2e9);
      expect(shared).toBeGreaterThan(100);
      expect(forked.captures.slice(0, shared).every((c, i) => c.pkt.id === base.captures[i].pkt.id && c.t === base.captures[i].t)).toBe(true);
      const prev = buildTopologyState(base, sc);
      const full = buildTopologyCore(forked, forkedSc);
      for (const k of [1, 2, 7, 50, shared >> 1, shared - 1, shared]) {
        expect(resumeTopologyCore(prev.lives, forked, forkedSc, k).core, `cut at ${k}`).toEqual(full);
        // a run with only the shared records: sends and arrivals recorded later are undone
        const only = { ...base, captures: base.captures.slice(0, k) };
        expect(resumeTopologyCore(prev.lives, only, sc, k).core, `only ${k} records`).toEqual(buildTopologyCore(only, sc));
      }
      // partial then final: the final result goes on from the partial one's lives
      const half = forked.captures.length >> 1;
      const partial = resumeTopologyCore(prev.lives, { ...forked, captures: forked.captures.slice(0, half) }, forkedSc, shared);
      expect(resumeTopologyCore(partial.lives, forked, forkedSc, half).core).toEqual(full);
    });
  }

  it('builds afresh when the records are not the ones it was made from', () => {
    const base = simulate(sc, { seed: 2, summary: false }).trace;
    const other = simulate(sc, { seed: 3, summary: false }).trace;
    const prev = buildTopologyState(base, sc);
    expect(resumeTopologyCore(prev.lives, other, sc, 500).core).toEqual(buildTopologyCore(other, sc));
  });
});
