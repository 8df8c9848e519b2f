import { describe, expect, it } from 'vitest';
import { lingerSeconds, lingerTime, paceU32, tcpPacingRate, updatedAvgPacingRate } from '../../../src/core/sched/pacing-rate';

describe('tcpPacingRate (tcp_update_pacing_rate without fq)', () => {
  it('is 200 % of mss·cwnd/srtt while cwnd < ssthresh/2', () => {
    // 1448 B × 10 / 40 ms = 362 000 B/s, doubled
    expect(tcpPacingRate({ mss: 1448, cwnd: 10, ssthresh: 0x7fffffff, packetsOut: 0, srttUs: 40_000 })).toBe(724_000);
  });

  it('is 120 % from cwnd ≥ ssthresh/2 on', () => {
    expect(tcpPacingRate({ mss: 1448, cwnd: 8, ssthresh: 16, packetsOut: 0, srttUs: 40_000 })).toBe(Math.floor(1448 * 80_000 * 120 * 8 / 320_000));
    expect(tcpPacingRate({ mss: 1448, cwnd: 7, ssthresh: 16, packetsOut: 0, srttUs: 40_000 })).toBe(Math.floor(1448 * 80_000 * 200 * 7 / 320_000));
  });

  it('uses packets_out when it exceeds cwnd', () => {
    expect(tcpPacingRate({ mss: 1000, cwnd: 10, ssthresh: 10, packetsOut: 20, srttUs: 10_000 })).toBe(Math.floor(1000 * 80_000 * 120 * 20 / 80_000));
  });

  it('does not divide before the first RTT sample, and honours sk_max_pacing_rate', () => {
    expect(tcpPacingRate({ mss: 1000, cwnd: 10, ssthresh: 10, packetsOut: 0, srttUs: 0 })).toBe(1000 * 80_000 * 120 * 10);
    expect(tcpPacingRate({ mss: 1448, cwnd: 10, ssthresh: 100, packetsOut: 0, srttUs: 40_000, maxPacingRate: 100_000 })).toBe(100_000);
  });
});

describe('linger time and average pacing arithmetic', () => {
  it('computes (wmem << 32) / pace exactly', () => {
    for (const [w, p] of [
      [1, 3],
      [65_428, 1_234_567],
      [4_194_304, 7],
      [3_000_000, 4_294_967_295],
      [123_456_789, 999_983],
    ]) {
      expect(lingerTime(w, p)).toBe(Number((BigInt(w) << 32n) / BigInt(p)));
    }
    expect(lingerSeconds(lingerTime(1_000_000, 1_000_000))).toBe(1);
  });

  it('answers repeated and interleaved questions as fresh ones (it keeps its last two answers)', () => {
    const asks: [number, number][] = [
      [3_000_000, 6_250_000],
      [1_500_000, 6_000_000],
      [3_000_000, 6_250_000],
      [1_500_000, 6_000_000],
      [1_500_000, 6_250_000],
      [3_000_000, 6_000_000],
      [3_000_000, 6_250_000],
      [2_999_999, 6_250_000],
      [3_000_000, 6_250_000],
    ];
    for (const [w, p] of asks) expect(lingerTime(w, p)).toBe(Number((BigInt(w) << 32n) / BigInt(p)));
  });

  it('is exact on both sides of the one-division shortcut (wmem below 2^20)', () => {
    const paces = [1, 2, 3, 7, 1448, 65_535, 999_983, 12_345_678, 2 ** 31 - 1, 2 ** 31, 4_294_967_291, 4_294_967_295];
    const wmems = [0, 1, 2, 1447, 1448, 65_428, 2 ** 20 - 3, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 1, 3 * 2 ** 20 + 11];
    // a deterministic spread of other values (an LCG), small and large
    let x = 12345;
    for (let i = 0; i < 400; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      wmems.push(x % 2 ** 20);
      paces.push((x % 4_294_967_295) + 1);
    }
    const wrong: { w: number; p: number; got: number; want: number }[] = [];
    for (const w of wmems) {
      for (const p of paces) {
        const want = Number((BigInt(w) << 32n) / BigInt(p));
        const got = lingerTime(w, p);
        if (got !== want) wrong.push({ w, p, got, want });
      }
    }
    expect(wrong).toEqual([]);
    // a fractional wmem is floored first, as before
    expect(lingerTime(1000.7, 3)).toBe(Number((1000n << 32n) / 3n));
  });

  it('reads the average pacing rate as a u32, as Linux does', () => {
    expect(paceU32(1_000_000)).toBe(1_000_000);
    expect(paceU32(2 ** 32 + 5)).toBe(5);
  });

  it('updates the average with u64 integer division, also beyond 2^53', () => {
    expect(updatedAvgPacingRate(1_000_000, 30_000, 2_000_000, 65_428)).toBe(Math.floor((1_000_000 * 30_000 + 2_000_000 * 65_428) / 95_428));
    const big = updatedAvgPacingRate(5_000_000_000, 4_000_000, 6_000_000_000, 65_428);
    expect(big).toBe(Number((5_000_000_000n * 4_000_000n + 6_000_000_000n * 65_428n) / 4_065_428n));
  });
});
