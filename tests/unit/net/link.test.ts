import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/sim/engine';
import { Rng } from '../../../src/core/sim/rng';
import { LinkDirection } from '../../../src/core/net/link';
import { blankPacket, type Packet } from '../../../src/core/net/packet';
import type { Shape } from '../../../src/core/scenario/types';
import { MS } from '../../../src/core/sim/time';
import { intact, run, tcpRaw } from '../../helpers/scenario';

const shape = (s: Partial<Shape>): Shape => ({ delay_ms: 0, jitter_ms: 0, loss_pct: 0, rate_mbit: null, queue_pkts: 1000, allow_reorder: false, ...s });

/** A link fed by hand: frames of `len` bytes (frame length = payloadLen here). */
function rig(s: Partial<Shape>, seed = 1) {
  const engine = new Engine();
  const arrivals: { t: number; id: number }[] = [];
  const link = new LinkDirection('t', engine, new Rng(seed), shape(s), { deliver: (p: Packet, t: number) => arrivals.push({ t, id: p.id }) }, (p) => p.payloadLen);
  let id = 0;
  const send = (len: number, at: number) =>
    engine.at(at, { fire: () => { const p = blankPacket(); p.id = ++id; p.payloadLen = len; link.send(p, engine.now); } }, null);
  return { engine, link, arrivals, send };
}

describe('virtual link (kernel-ref link emulator semantics)', () => {
  it('serialises a 1514-byte frame in 1.2112 ms at 10 Mbit/s and adds the one-way delay', () => {
    const r = rig({ rate_mbit: 10, delay_ms: 20 });
    r.send(1514, 0);
    r.engine.runUntil(1e9);
    expect(r.arrivals[0].t).toBe(1_211_200 + 20 * MS);
  });

  it('queues back-to-back frames behind each other (FIFO at line rate)', () => {
    const r = rig({ rate_mbit: 10 });
    for (let i = 0; i < 5; i++) r.send(1514, 0);
    r.engine.runUntil(1e9);
    expect(r.arrivals.map((a) => a.t)).toEqual([1, 2, 3, 4, 5].map((k) => k * 1_211_200));
  });

  it('tail-drops beyond queue_pkts frames, counting the one being serialised', () => {
    const r = rig({ rate_mbit: 1, queue_pkts: 3 });
    for (let i = 0; i < 6; i++) r.send(1000, 0);
    r.engine.runUntil(1e9);
    expect(r.arrivals.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(r.link.stats.drop_queue).toBe(3);
    expect(r.link.stats.max_queue_pkts).toBe(3);
  });

  it('drops a fraction loss_pct of frames (Bernoulli), reproducibly for a seed', () => {
    const count = (seed: number) => {
      const r = rig({ loss_pct: 5 }, seed);
      for (let i = 0; i < 20000; i++) r.send(100, i * 1000);
      r.engine.runUntil(1e12);
      return r.link.stats.drop_loss;
    };
    const a = count(7);
    expect(a / 20000).toBeGreaterThan(0.045);
    expect(a / 20000).toBeLessThan(0.055);
    expect(count(7)).toBe(a);
    expect(count(8)).not.toBe(a);
  });

  it('loss_pct 100 is a blackhole', () => {
    const r = rig({ loss_pct: 100 });
    for (let i = 0; i < 50; i++) r.send(100, i);
    r.engine.runUntil(1e9);
    expect(r.arrivals.length).toBe(0);
  });

  it('jitter never reorders frames unless allow_reorder, and stays within ±jitter', () => {
    const order = (allow: boolean) => {
      const r = rig({ delay_ms: 10, jitter_ms: 5, allow_reorder: allow }, 3);
      for (let i = 0; i < 2000; i++) r.send(100, i * 100_000);
      r.engine.runUntil(1e12);
      return r.arrivals;
    };
    const kept = order(false);
    for (let i = 1; i < kept.length; i++) expect(kept[i].t).toBeGreaterThanOrEqual(kept[i - 1].t);
    expect(kept.map((a) => a.id)).toEqual(kept.map((a) => a.id).sort((x, y) => x - y));
    const free = order(true);
    const ids = free.map((a) => a.id);
    expect(ids).not.toEqual([...ids].sort((x, y) => x - y));
    free.forEach((a) => {
      const sent = (a.id - 1) * 100_000;
      expect(a.t - sent).toBeGreaterThanOrEqual(5 * MS);
      expect(a.t - sent).toBeLessThanOrEqual(15 * MS);
    });
  });

  it('a frame arriving at a downed interface is lost', () => {
    const r = rig({ delay_ms: 10 });
    r.send(100, 0);
    r.engine.at(5 * MS, { fire: () => (r.link.farEndUp = false) }, null);
    r.engine.runUntil(1e9);
    expect(r.arrivals.length).toBe(0);
    expect(r.link.stats.drop_down).toBe(1);
  });

  it('a shape change applies to frames admitted after it, and shape_reset restores the scenario values', () => {
    const r = rig({ delay_ms: 10 });
    r.send(100, 0);
    r.engine.at(1 * MS, { fire: () => r.link.setShape({ delay_ms: 50 }) }, null);
    r.send(100, 2 * MS);
    r.engine.at(3 * MS, { fire: () => r.link.resetShape() }, null);
    r.send(100, 4 * MS);
    r.engine.runUntil(1e9);
    expect(r.arrivals.map((a) => a.t)).toEqual([10 * MS, 52 * MS, 52 * MS]); // the third may not pass the second
  });
});

describe('links measured end to end through TCP', () => {
  it('goodput approaches the line rate less header overhead (10 Mbit/s → ≈9.5 Mbit/s of payload)', () => {
    const tr = run(tcpRaw({ app: { bytes: 4_000_000, client_proto: 'tcp', server_proto: 'tcp' } }));
    const s = tr.app.server;
    const gp = (s.bytes_received * 8) / (s.t_last_byte! - tr.app.client.t_connected!) / 1e6;
    expect(gp).toBeGreaterThan(9.0);
    expect(gp).toBeLessThan(10 * 1448 / 1514);
    expect(intact(tr)).toBe(true);
  });

  it('the handshake RTT equals twice the one-way delay plus serialisation', () => {
    const tr = run(tcpRaw({ paths: [{ delay_ms: 35, rate_mbit: 100 }] }));
    expect(tr.app.client.t_connected).toBeCloseTo(0.07, 3);
  });

  it('the loss rate seen by the data direction matches loss_pct', () => {
    const tr = run(tcpRaw({ paths: [{ delay_ms: 5, rate_mbit: 100, loss_pct: 2 }], app: { bytes: 8_000_000, client_proto: 'tcp', server_proto: 'tcp' } }));
    const st = tr.links[0].c2s;
    expect(st.drop_loss / st.rx_pkts).toBeGreaterThan(0.015);
    expect(st.drop_loss / st.rx_pkts).toBeLessThan(0.025);
    expect(intact(tr)).toBe(true);
  });
});
