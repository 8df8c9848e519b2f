import { describe, expect, it } from 'vitest';
import { createCubic, HYSTART_ACK_TRAIN, HYSTART_DELAY } from '../../../src/core/tcp/congestion/cubic';
import { TCP_INFINITE_SSTHRESH } from '../../../src/core/tcp/congestion/types';
import { makeSocket, PathDriver } from './path-driver';
import { driveFlights } from './slow-start-rounds';

const BASE = 40_000; // min RTT, µs: delay threshold = clamp(40 ms / 8, 4 ms, 16 ms) = 5 ms

describe('HyStart delay detection (hystart_detect & HYSTART_DELAY)', () => {
  // ACKs 3 ms apart: never an ACK train (hystart_ack_delta_us = 2 ms).
  const spacingUs = 3000;

  it('exits slow start (ssthresh = cwnd) when a round’s RTT rises above minRTT + threshold', () => {
    const cc = createCubic();
    const sk = makeSocket();
    const r = driveFlights(cc, sk, {
      spacingUs,
      flights: 6,
      rttUs: (f) => (f >= 3 ? BASE + 6000 : BASE),
      stopOnExit: true,
    });
    expect(r.exit).not.toBeNull();
    // Flight 3 starts at cwnd 80; the test needs HYSTART_MIN_SAMPLES = 8 samples first, so it
    // fires on the 9th ACK of the round, at cwnd 88.
    expect(r.exit).toMatchObject({ flight: 3, i: 8, ssthresh: 88 });
    expect(sk.ssthresh).toBe(88);
    expect(cc.counters).toEqual({
      TCPHystartTrainDetect: 0,
      TCPHystartTrainCwnd: 0,
      TCPHystartDelayDetect: 1,
      TCPHystartDelayCwnd: 88,
    });
  });

  it('stays in slow start while RTT samples are flat', () => {
    const cc = createCubic();
    const sk = makeSocket();
    const r = driveFlights(cc, sk, { spacingUs, flights: 7, rttUs: () => BASE });
    expect(r.exit).toBeNull();
    expect(sk.ssthresh).toBe(TCP_INFINITE_SSTHRESH);
    expect(sk.cwnd).toBe(10 * 2 ** 7);
    expect(cc.counters!.TCPHystartDelayDetect).toBe(0);
  });

  it('stays in slow start when the RTT rise is below the threshold', () => {
    const sk = makeSocket();
    const r = driveFlights(createCubic(), sk, { spacingUs, flights: 6, rttUs: (f) => (f >= 3 ? BASE + 4900 : BASE) });
    expect(r.exit).toBeNull();
  });

  it('clamps the threshold to 4 ms for short paths and 16 ms for long ones', () => {
    const exitsWith = (base: number, rise: number) =>
      driveFlights(createCubic(), makeSocket(), { spacingUs, flights: 5, rttUs: (f) => (f >= 3 ? base + rise : base) }).exit !== null;
    // 10 ms / 8 = 1.25 ms → 4 ms
    expect(exitsWith(10_000, 3900)).toBe(false);
    expect(exitsWith(10_000, 4100)).toBe(true);
    // 200 ms / 8 = 25 ms → 16 ms
    expect(exitsWith(200_000, 15_900)).toBe(false);
    expect(exitsWith(200_000, 16_100)).toBe(true);
  });

  it('uses the minimum of the round’s samples: late high samples after 8 low ones do not count', () => {
    const r = driveFlights(createCubic(), makeSocket(), {
      spacingUs,
      flights: 6,
      rttUs: (f, i) => (f >= 3 && i >= 8 ? BASE + 10_000 : BASE),
    });
    expect(r.exit).toBeNull();
  });

  it('does not test below hystart_low_window = 16 segments', () => {
    // An application-limited sender (not cwnd-limited): cwnd stays at 10, rounds of 10 ACKs.
    const rttUs = (f: number) => (f >= 2 ? BASE + 10_000 : BASE);
    const r = driveFlights(createCubic(), makeSocket({ isCwndLimited: false }), { spacingUs, flights: 6, rttUs });
    expect(r.exit).toBeNull();
    // The same rounds are tested once the low window is 10.
    const low = driveFlights(createCubic({ hystartLowWindow: 10 }), makeSocket({ isCwndLimited: false }), {
      spacingUs,
      flights: 6,
      rttUs,
    });
    expect(low.exit).toMatchObject({ flight: 2, i: 8, ssthresh: 10 });
  });

  it('is off when hystart = 0', () => {
    const r = driveFlights(createCubic({ hystart: false }), makeSocket(), {
      spacingUs,
      flights: 6,
      rttUs: (f) => (f >= 3 ? BASE + 10_000 : BASE),
    });
    expect(r.exit).toBeNull();
  });
});

describe('HyStart ACK-train detection (hystart_detect & HYSTART_ACK_TRAIN)', () => {
  it('exits once a round’s closely spaced ACKs span more than (delay_min + ack_delay)/2', () => {
    const cc = createCubic({ hystartDetect: HYSTART_ACK_TRAIN });
    const sk = makeSocket();
    // ACKs 1 ms apart (≤ 2 ms): one train per round. Threshold = (40 ms + 1 ms ack_delay) / 2.
    const r = driveFlights(cc, sk, { spacingUs: 1000, flights: 6, rttUs: () => BASE, stopOnExit: true });
    // Flight 1 (20 ACKs) lasts 19 ms < 20.5 ms; flight 2 (40 ACKs) crosses 20.5 ms on its 22nd ACK.
    expect(r.exit).toMatchObject({ flight: 2, i: 21, ssthresh: 40 + 21 });
    expect(cc.counters!.TCPHystartTrainDetect).toBe(1);
    expect(cc.counters!.TCPHystartTrainCwnd).toBe(61);
  });

  it('does not fire when ACKs are more than hystart_ack_delta_us = 2 ms apart', () => {
    const cc = createCubic({ hystartDetect: HYSTART_ACK_TRAIN });
    const r = driveFlights(cc, makeSocket(), { spacingUs: 2100, flights: 6, rttUs: () => BASE });
    expect(r.exit).toBeNull();
  });

  it('waits for a full delay_min + ack_delay when the socket is paced', () => {
    const r = driveFlights(createCubic({ hystartDetect: HYSTART_ACK_TRAIN, paced: true }), makeSocket(), {
      spacingUs: 1000,
      flights: 6,
      rttUs: () => BASE,
      stopOnExit: true,
    });
    // Flight 2 (40 ACKs, 39 ms) stays within 41 ms; flight 3 passes it on its 43rd ACK (42 ms).
    expect(r.exit).toMatchObject({ flight: 3, i: 42 });
  });

  it('leaves the RTT-delay test to the other detector (train only: no exit on rising RTT)', () => {
    const r = driveFlights(createCubic({ hystartDetect: HYSTART_ACK_TRAIN }), makeSocket(), {
      spacingUs: 3000,
      flights: 6,
      rttUs: (f) => (f >= 3 ? BASE + 10_000 : BASE),
    });
    expect(r.exit).toBeNull();
    const d = driveFlights(createCubic({ hystartDetect: HYSTART_DELAY }), makeSocket(), {
      spacingUs: 1000,
      flights: 6,
      rttUs: () => BASE,
    });
    expect(d.exit).toBeNull();
  });
});

describe('HyStart rounds', () => {
  it('ends a round when snd_una passes the snd_nxt recorded at its start', () => {
    const cc = createCubic();
    const sk = makeSocket();
    driveFlights(cc, sk, { spacingUs: 3000, flights: 2, rttUs: () => BASE });
    const s = cc.inspect!();
    // The last reset happened at the first ACK of flight 1 (ACK 11): end_seq = 30 segments sent.
    expect(s.hystartEndSeq).toBe(30 * sk.mss);
    expect(s.hystartRoundStartUs).toBe(2 * BASE);
  });

  it('tracks rounds across the 2^32 sequence wrap', () => {
    const cc = createCubic();
    const isn = 0xffffffff - 5 * 1448;
    const sk = makeSocket({ sndUna: isn, sndNxtSeq: isn });
    const r = driveFlights(cc, sk, { spacingUs: 3000, flights: 5, rttUs: (f) => (f >= 3 ? BASE + 6000 : BASE), stopOnExit: true });
    expect(r.exit).toMatchObject({ flight: 3, i: 8, ssthresh: 88 });
  });

  it('fires once: back in slow start after an undo, a further RTT rise does not exit again', () => {
    const cc = createCubic();
    const sk = makeSocket();
    const r = driveFlights(cc, sk, { spacingUs: 3000, flights: 6, rttUs: (f) => (f >= 3 ? BASE + 6000 : BASE), stopOnExit: true });
    expect(cc.counters!.TCPHystartDelayDetect).toBe(1);
    // tcp_undo_cwnd_reduction() restores the prior (infinite) ssthresh: slow start again.
    sk.ssthresh = TCP_INFINITE_SSTHRESH;
    // (CUBIC ignores RTT samples during the first second of the epoch that began at the exit.)
    let t = r.endUs + 1_100_000;
    for (let i = 0; i < 40; i++) {
      t += 3000;
      sk.sndUna = (sk.sndUna + sk.mss) >>> 0;
      cc.pktsAcked(sk, 1, BASE + 20_000, t);
    }
    expect(sk.ssthresh).toBe(TCP_INFINITE_SSTHRESH);
    expect(cc.counters!.TCPHystartDelayDetect).toBe(1);
  });

  it('is re-armed by an RTO (set_state Loss)', () => {
    const cc = createCubic();
    const sk = makeSocket();
    driveFlights(cc, sk, { spacingUs: 3000, flights: 4, rttUs: (f) => (f >= 3 ? BASE + 6000 : BASE) });
    expect(cc.inspect!().hystartFound).toBe(true);
    cc.setState(sk, 'loss', 5e6);
    expect(cc.inspect!().hystartFound).toBe(false);
    expect(cc.inspect!().hystartEndSeq).toBe(sk.sndNxtSeq);
  });
});

describe('HyStart on a bottleneck path', () => {
  it('leaves slow start on queueing delay before the 100-packet queue overflows (delay detector)', () => {
    const cc = createCubic({ hystartDetect: HYSTART_DELAY });
    const d = new PathDriver(cc, { rateBps: 10e6, oneWayDelayUs: 20_000, queuePkts: 100, ackEvery: 2 });
    d.run(3e6, (x) => x.sk.ssthresh !== TCP_INFINITE_SSTHRESH);
    expect(d.drops).toBe(0);
    expect(cc.counters!.TCPHystartDelayDetect).toBe(1);
    expect(d.sk.ssthresh).toBeLessThan(134); // BDP 34 + queue 100
    // CUBIC then probes slowly; the queue overflows only much later.
    const exitUs = d.nowUs;
    d.run(exitUs + 3e6);
    expect(d.firstDropUs - exitUs).toBeGreaterThan(500_000);
  });

  it('without HyStart the same path overflows the queue in slow start', () => {
    const d = new PathDriver(createCubic({ hystart: false }), { rateBps: 10e6, oneWayDelayUs: 20_000, queuePkts: 100, ackEvery: 2 });
    d.run(3e6);
    expect(d.drops).toBeGreaterThan(0);
    expect(d.sk.ssthresh).toBe(TCP_INFINITE_SSTHRESH);
  });
});
