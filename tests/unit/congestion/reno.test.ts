import { describe, expect, it } from 'vitest';
import { createReno } from '../../../src/core/tcp/congestion/reno';
import { makeSocket, PathDriver } from './path-driver';

const RTT = 100_000;

/** cwnd sampled just before each round's ACKs arrive (round k's ACKs arrive at k·RTT + ε). */
function cwndPerRound(d: PathDriver, rounds: number, startUs = 0): number[] {
  const out: number[] = [];
  for (let k = 1; k <= rounds; k++) out.push(d.cwndAt(startUs + k * RTT + RTT / 2));
  return out;
}

describe('Reno (tcp_reno_cong_avoid)', () => {
  it('doubles cwnd every RTT in slow start', () => {
    const d = new PathDriver(createReno(), { oneWayDelayUs: RTT / 2 });
    d.run(5 * RTT);
    expect(cwndPerRound(d, 4)).toEqual([20, 40, 80, 160]);
  });

  it('grows by about one segment per RTT in congestion avoidance', () => {
    const sk = makeSocket({ cwnd: 20, ssthresh: 20 });
    const d = new PathDriver(createReno(), { oneWayDelayUs: RTT / 2 }, sk);
    d.run(10 * RTT + RTT / 2);
    const c = cwndPerRound(d, 10);
    expect(c[9] - 20).toBeGreaterThanOrEqual(9);
    expect(c[9] - 20).toBeLessThanOrEqual(11);
    for (let k = 1; k < c.length; k++) expect(c[k] - c[k - 1]).toBeLessThanOrEqual(1);
  });

  it('leaves slow start at ssthresh and spends the leftover ACKs in congestion avoidance', () => {
    const cc = createReno();
    const sk = makeSocket({ cwnd: 9, ssthresh: 10 });
    cc.congAvoid(sk, 4, 0);
    expect(sk.cwnd).toBe(10);
    expect(sk.cwndCnt).toBe(3);
  });

  it('does not grow cwnd when the sender is not cwnd-limited', () => {
    const cc = createReno();
    const sk = makeSocket({ cwnd: 10, isCwndLimited: false });
    cc.congAvoid(sk, 5, 0);
    expect(sk.cwnd).toBe(10);
    sk.ssthresh = 5;
    cc.congAvoid(sk, 50, 0);
    expect(sk.cwnd).toBe(10);
    expect(sk.cwndCnt).toBe(0);
  });

  it('halves cwnd on a congestion event (ssthresh = cwnd / 2)', () => {
    const cc = createReno();
    expect(cc.ssthresh(makeSocket({ cwnd: 100 }))).toBe(50);
    expect(cc.ssthresh(makeSocket({ cwnd: 41 }))).toBe(20);
  });

  it('never sets ssthresh below 2 segments', () => {
    const cc = createReno();
    expect(cc.ssthresh(makeSocket({ cwnd: 3 }))).toBe(2);
    expect(cc.ssthresh(makeSocket({ cwnd: 1 }))).toBe(2);
  });

  it('undo restores max(cwnd, prior_cwnd) (tcp_reno_undo_cwnd)', () => {
    const cc = createReno();
    expect(cc.undoCwnd(makeSocket({ cwnd: 25, priorCwnd: 50 }))).toBe(50);
    expect(cc.undoCwnd(makeSocket({ cwnd: 60, priorCwnd: 50 }))).toBe(60);
  });

  it('halving then regrowing: after a reduction at 80, CA resumes from 40 at +1 per RTT', () => {
    const d = new PathDriver(createReno(), { oneWayDelayUs: RTT / 2 });
    d.run(10 * RTT, (x) => x.sk.cwnd >= 80);
    d.reduce();
    expect(d.sk.cwnd).toBe(40);
    expect(d.sk.ssthresh).toBe(40);
    const t = d.nowUs;
    d.run(t + 6 * RTT);
    // The 80 segments in flight drain first (no growth beyond ~1/RTT), then +1 per RTT.
    expect(d.sk.cwnd).toBeGreaterThanOrEqual(44);
    expect(d.sk.cwnd).toBeLessThanOrEqual(47);
  });
});
