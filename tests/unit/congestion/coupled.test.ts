// Coupled MPTCP congestion control: LIA (RFC 6356), OLIA (Khalili et al. 2012), BALIA (Peng et al.
// 2016). The formulas on hand-built windows, and each algorithm alone behaving like Reno.
import { describe, expect, it } from 'vitest';
import { CoupledGroup, createCongestionControl, isCoupled } from '../../../src/core/tcp/congestion/index';
import { liaAlpha } from '../../../src/core/tcp/congestion/lia';
import { oliaAlpha } from '../../../src/core/tcp/congestion/olia';
import type { CcSocket, CongestionControl } from '../../../src/core/tcp/congestion/types';
import { makeSocket } from './path-driver';

function grouped(id: string, socks: CcSocket[]): CongestionControl[] {
  const g = new CoupledGroup();
  return socks.map((sk) => {
    const cc = createCongestionControl(id);
    if (!isCoupled(cc)) throw new Error(`${id} is not coupled`);
    cc.group = g;
    g.add(sk);
    return cc;
  });
}

/** Segments of window growth from acking `n` segments in congestion avoidance. */
function growth(cc: CongestionControl, sk: CcSocket, n: number): number {
  const before = sk.cwnd;
  for (let i = 0; i < n; i++) cc.congAvoid(sk, 1, 0);
  return sk.cwnd - before;
}

describe('LIA (RFC 6356)', () => {
  it('computes α = total · max(w/rtt²) / (Σ w/rtt)²', () => {
    const a = makeSocket({ cwnd: 10, srttUs: 10 });
    const b = makeSocket({ cwnd: 20, srttUs: 20 });
    // total 30; max(10/100, 20/400) = 0.1; Σ = 1 + 1 = 2 → α = 30 · 0.1 / 4 = 0.75
    expect(liaAlpha([a, b])).toBeCloseTo(0.75, 12);
  });

  it('grows two equal subflows by half of Reno each: the pair takes one TCP share', () => {
    const a = makeSocket({ cwnd: 20, ssthresh: 10, srttUs: 50_000 });
    const b = makeSocket({ cwnd: 20, ssthresh: 10, srttUs: 50_000 });
    const [ca] = grouped('lia', [a, b]);
    // α = 40 · (20/rtt²) / (40/rtt)² = 0.5; increase min(0.5/40, 1/20) = 1/80 per segment
    expect(growth(ca, a, 80)).toBe(1);
  });

  it('alone, it is Reno: +1 segment per cwnd segments acked', () => {
    const a = makeSocket({ cwnd: 20, ssthresh: 10, srttUs: 50_000 });
    const [ca] = grouped('lia', [a]);
    expect(growth(ca, a, 20)).toBe(1);
  });
});

describe('OLIA', () => {
  it('gives α > 0 to the best path that has not the largest window, α < 0 to the largest', () => {
    const small = makeSocket({ cwnd: 10, srttUs: 20_000, deliveredSegs: 1000 });
    const big = makeSocket({ cwnd: 40, srttUs: 80_000, deliveredSegs: 100 });
    expect(oliaAlpha(small, [small, big])).toBeCloseTo(1 / 2, 12);
    expect(oliaAlpha(big, [small, big])).toBeCloseTo(-1 / 2, 12);
  });

  it('is 0 for everyone when the best paths are the largest ones', () => {
    const a = makeSocket({ cwnd: 40, srttUs: 20_000, deliveredSegs: 1000 });
    const b = makeSocket({ cwnd: 10, srttUs: 80_000, deliveredSegs: 100 });
    expect(oliaAlpha(a, [a, b])).toBe(0);
    expect(oliaAlpha(b, [a, b])).toBe(0);
  });
});

describe('BALIA', () => {
  it('decreases a path by w/2 · min(α, 1.5) on loss', () => {
    const fast = makeSocket({ cwnd: 40, srttUs: 10_000 });
    const slow = makeSocket({ cwnd: 40, srttUs: 40_000 });
    const [cf, cs] = grouped('balia', [fast, slow]);
    // x_fast = 4e-3, x_slow = 1e-3: α_fast = 1 → 40 − 20 = 20; α_slow = 4 → 40 − 20·1.5 = 10
    expect(cf.ssthresh(fast)).toBe(20);
    expect(cs.ssthresh(slow)).toBe(10);
  });

  it('grows two equal paths by (x/(rtt·(Σx)²)) · 1 · 1 per segment', () => {
    const a = makeSocket({ cwnd: 20, ssthresh: 10, srttUs: 50_000 });
    const b = makeSocket({ cwnd: 20, ssthresh: 10, srttUs: 50_000 });
    const [ca] = grouped('balia', [a, b]);
    // x = 20/rtt, Σx = 40/rtt → x/(rtt·Σx²) = 20/1600 = 1/80
    expect(growth(ca, a, 80)).toBe(1);
  });
});
