import { describe, expect, it } from 'vitest';
import { createCubic, cubicRoot, type CubicParams } from '../../../src/core/tcp/congestion/cubic';
import { makeSocket, PathDriver } from './path-driver';

const RTT = 100_000;

/** Slow start (no bottleneck, no HyStart exit) up to `wMax`, then a reduction; returns the driver and the epoch. */
function afterLossAt(wMax: number, rttUs: number, params: Partial<CubicParams> = {}) {
  const cc = createCubic(params);
  const d = new PathDriver(cc, { oneWayDelayUs: rttUs / 2 });
  d.run(60e6, (x) => x.sk.cwnd >= wMax);
  d.reduce();
  d.run(d.nowUs + 1); // the first congestion-avoidance ACK starts the epoch
  const s = cc.inspect!();
  return { cc, d, epochUs: s.epochStartUs as number, kSeconds: s.kSeconds as number };
}

describe('CUBIC window after a loss (bictcp_recalc_ssthresh, bictcp_update)', () => {
  it('sets ssthresh to cwnd·717/1024 and W_max to cwnd, and ends the epoch', () => {
    const cc = createCubic();
    const sk = makeSocket({ cwnd: 100 });
    cc.init(sk, 0);
    expect(cc.ssthresh(sk)).toBe(70);
    expect(cc.inspect!().lastMaxCwnd).toBe(100);
    expect(cc.inspect!().epochActive).toBe(false);
  });

  it('never returns an ssthresh below 2', () => {
    const cc = createCubic();
    const sk = makeSocket({ cwnd: 2 });
    cc.init(sk, 0);
    expect(cc.ssthresh(sk)).toBe(2);
  });

  it('computes K = cbrt((W_max − cwnd)/C) with C = 410/1024 seg/s³', () => {
    const { cc, kSeconds } = afterLossAt(1000, RTT);
    const s = cc.inspect!();
    expect(s.lastMaxCwnd).toBe(1000);
    expect(s.bicOriginPoint).toBe(1000);
    const exact = Math.cbrt(((1000 - 700) * 1024) / 410);
    expect(Math.abs(kSeconds - exact) / exact).toBeLessThan(0.005);
  });

  it('reaches W_max at t = K (within one segment) and holds it around the plateau', () => {
    const { d, epochUs, kSeconds } = afterLossAt(1000, RTT);
    d.run(epochUs + (kSeconds + 1.5) * 1e6);
    const atK = d.cwndAt(epochUs + kSeconds * 1e6);
    expect(Math.abs(atK - 1000)).toBeLessThanOrEqual(1);
    expect(d.cwndAt(epochUs + (kSeconds + 0.5) * 1e6)).toBeLessThanOrEqual(1002);
  });

  it('is concave below W_max (growth per second shrinks) and convex above it (growth rises)', () => {
    const { d, epochUs, kSeconds } = afterLossAt(1000, RTT);
    d.run(epochUs + (kSeconds + 5) * 1e6);
    const at = (s: number) => d.cwndAt(epochUs + s * 1e6);
    const concave = [0, 1, 2, 3, 4, 5, 6].map((s) => at(s + 1) - at(s));
    for (let i = 1; i < concave.length; i++) expect(concave[i]).toBeLessThan(concave[i - 1]);
    const convex = [1, 2, 3, 4].map((s) => at(kSeconds + s + 1) - at(kSeconds + s));
    for (let i = 1; i < convex.length; i++) expect(convex[i]).toBeGreaterThan(convex[i - 1]);
    // The curve itself: W(t) = C(t−K)³ + W_max, the target one delay_min ahead.
    const model = (s: number) => 1000 + (410 / 1024) * (s + RTT / 1e6 - kSeconds) ** 3;
    for (const s of [2, 4, 6]) expect(Math.abs(at(s) - model(s))).toBeLessThan(0.03 * model(s));
  });

  it('fast convergence: a loss below the previous W_max lowers W_max to cwnd·(1+β)/2', () => {
    const { cc, d } = afterLossAt(1000, RTT);
    d.run(d.nowUs + 1e6);
    const c = d.sk.cwnd;
    expect(c).toBeLessThan(1000);
    d.reduce();
    expect(cc.inspect!().lastMaxCwnd).toBe(Math.floor((c * (1024 + 717)) / 2048));

    const slow = afterLossAt(1000, RTT, { fastConvergence: false });
    slow.d.run(slow.d.nowUs + 1e6);
    const c2 = slow.d.sk.cwnd;
    slow.d.reduce();
    expect(slow.cc.inspect!().lastMaxCwnd).toBe(c2);
  });

  it('limits growth to 1.5× per RTT far below the curve (cnt ≥ 2)', () => {
    const cc = createCubic();
    const sk = makeSocket({ cwnd: 100 });
    cc.init(sk, 0);
    cc.pktsAcked(sk, 1, RTT, 0);
    cc.ssthresh(sk); // W_max 100
    // Far below the curve: the target one delay_min ahead is 10 segments, so the cubic rule
    // alone would give cnt = 5 / (10 − 5) = 1, i.e. doubling per RTT.
    sk.cwnd = 5;
    sk.ssthresh = 5;
    cc.congAvoid(sk, 1, 1000);
    expect(cc.inspect!().cnt).toBe(2);
  });

  it('grows at least 5 % per RTT before any loss (cnt ≤ 20 while W_max = 0)', () => {
    const cc = createCubic();
    const sk = makeSocket({ cwnd: 60, ssthresh: 60 });
    cc.init(sk, 0);
    cc.pktsAcked(sk, 1, RTT, 0);
    cc.congAvoid(sk, 1, 1000);
    expect(cc.inspect!().cnt).toBe(20);
  });
});

describe('CUBIC TCP-friendly region', () => {
  it('follows the Reno estimate (≈0.53 segment per RTT) when the RTT is small', () => {
    const rtt = 10_000;
    const on = afterLossAt(40, rtt);
    const off = afterLossAt(40, rtt, { tcpFriendliness: false });
    expect(on.d.sk.cwnd).toBe(28);
    on.d.run(on.epochUs + 1e6);
    off.d.run(off.epochUs + 1e6);
    // 100 RTTs: Reno-friendly growth α = 3(1−β)/(1+β) ≈ 0.53 per RTT → ≈ +53 segments.
    const grown = on.d.sk.cwnd - 28;
    expect(grown).toBeGreaterThan(40);
    expect(grown).toBeLessThan(60);
    // The pure cubic curve is still below W_max = 40 after 1 s of a K ≈ 3.1 s epoch.
    expect(off.d.sk.cwnd).toBeLessThan(40);
    expect(on.d.sk.cwnd).toBeGreaterThan(off.d.sk.cwnd + 30);
  });

  it('stays out of the way at a large RTT, where the cubic curve is faster', () => {
    const on = afterLossAt(1000, RTT);
    const off = afterLossAt(1000, RTT, { tcpFriendliness: false });
    on.d.run(on.epochUs + 3e6);
    off.d.run(off.epochUs + 3e6);
    expect(Math.abs(on.d.sk.cwnd - off.d.sk.cwnd)).toBeLessThanOrEqual(1);
  });
});

describe('CUBIC epoch after idle (cwnd_event CA_EVENT_TX_START)', () => {
  /** An epoch that started at 1 s with W_max 100, cwnd 70, delay_min 100 ms. */
  function inEpoch() {
    const cc = createCubic();
    const sk = makeSocket({ cwnd: 100 });
    cc.init(sk, 0);
    cc.pktsAcked(sk, 1, RTT, 500_000);
    sk.ssthresh = cc.ssthresh(sk);
    sk.cwnd = sk.ssthresh;
    cc.congAvoid(sk, 1, 1_000_000);
    return { cc, sk };
  }

  it('shifts epoch_start forward by the idle time, so the curve resumes where it stopped', () => {
    const { cc, sk } = inEpoch();
    const cntBefore = cc.inspect!().cnt as number;
    expect(cc.inspect!().epochStartUs).toBe(1_000_000);
    sk.lastSendUs = 1_010_000;
    cc.cwndEvent(sk, 'txStart', 3_010_000);
    expect(cc.inspect!().epochStartUs).toBe(3_000_000);
    cc.congAvoid(sk, 1, 3_010_000);
    expect(cc.inspect!().cnt).toBe(cntBefore);
    expect(cntBefore).toBeGreaterThan(20);
  });

  it('without the shift the idle time would count as growth time (cwnd would jump)', () => {
    const { cc, sk } = inEpoch();
    sk.lastSendUs = 1_010_000;
    cc.congAvoid(sk, 1, 3_010_000);
    expect(cc.inspect!().cnt).toBe(2);
  });

  it('never moves epoch_start past now', () => {
    const { cc, sk } = inEpoch();
    sk.lastSendUs = 0; // last send long before the epoch began
    cc.cwndEvent(sk, 'txStart', 1_500_000);
    expect(cc.inspect!().epochStartUs).toBe(1_500_000);
  });

  it('does nothing outside an epoch, and ignores the other events', () => {
    const cc = createCubic();
    const sk = makeSocket();
    cc.init(sk, 0);
    cc.cwndEvent(sk, 'txStart', 5_000_000);
    expect(cc.inspect!().epochActive).toBe(false);
    const e = inEpoch();
    for (const ev of ['cwndRestart', 'completeCwr', 'loss'] as const) e.cc.cwndEvent(e.sk, ev, 9_000_000);
    expect(e.cc.inspect!().epochStartUs).toBe(1_000_000);
  });
});

describe('CUBIC bookkeeping', () => {
  it('ignores delay samples during the first second of an epoch', () => {
    const cc = createCubic();
    const sk = makeSocket({ cwnd: 100 });
    cc.init(sk, 0);
    cc.pktsAcked(sk, 1, 50_000, 100_000);
    sk.ssthresh = cc.ssthresh(sk);
    sk.cwnd = sk.ssthresh;
    cc.congAvoid(sk, 1, 200_000); // epoch starts
    cc.pktsAcked(sk, 1, 30_000, 900_000);
    expect(cc.inspect!().delayMinUs).toBe(50_000);
    cc.pktsAcked(sk, 1, 30_000, 1_300_000);
    expect(cc.inspect!().delayMinUs).toBe(30_000);
  });

  it('ignores ACKs without an RTT sample', () => {
    const cc = createCubic();
    const sk = makeSocket();
    cc.init(sk, 0);
    cc.pktsAcked(sk, 1, -1, 1000);
    expect(cc.inspect!().delayMinUs).toBe(0);
  });

  it('entering Loss (RTO) resets W_max, delay_min and the epoch', () => {
    const { cc, d } = afterLossAt(100, RTT);
    cc.setState(d.sk, 'loss', d.nowUs);
    const s = cc.inspect!();
    expect(s.lastMaxCwnd).toBe(0);
    expect(s.delayMinUs).toBe(0);
    expect(s.epochActive).toBe(false);
  });

  it('other state changes keep the state', () => {
    const { cc, d } = afterLossAt(100, RTT);
    for (const st of ['open', 'disorder', 'cwr', 'recovery'] as const) cc.setState(d.sk, st, d.nowUs);
    expect(cc.inspect!().lastMaxCwnd).toBe(100);
  });

  it('undo restores max(cwnd, prior_cwnd) (tcp_reno_undo_cwnd)', () => {
    const cc = createCubic();
    expect(cc.undoCwnd(makeSocket({ cwnd: 70, priorCwnd: 100 }))).toBe(100);
    expect(cc.undoCwnd(makeSocket({ cwnd: 120, priorCwnd: 100 }))).toBe(120);
  });

  it('cubicRoot is the exact integer cube root', () => {
    for (const a of [0, 1, 7, 8, 26, 27, 1000, 999, 2681735677 * 30, 2 ** 52 + 12345]) {
      const x = cubicRoot(a);
      expect(x ** 3).toBeLessThanOrEqual(a);
      expect((x + 1) ** 3).toBeGreaterThan(a);
    }
  });
});
