import { describe, expect, it } from 'vitest';
import { seqAfter, tcpCongAvoidAi, tcpInSlowStart, tcpSlowStart } from '../../../src/core/tcp/congestion/tcp-cong';
import { makeSocket } from './path-driver';

describe('tcp_slow_start', () => {
  it('grows cwnd by the segments acked and returns nothing left over below ssthresh', () => {
    const sk = makeSocket({ cwnd: 10, ssthresh: 100 });
    expect(tcpSlowStart(sk, 3)).toBe(0);
    expect(sk.cwnd).toBe(13);
  });

  it('stops at ssthresh and returns the leftover segments for congestion avoidance', () => {
    const sk = makeSocket({ cwnd: 9, ssthresh: 10 });
    expect(tcpSlowStart(sk, 3)).toBe(2);
    expect(sk.cwnd).toBe(10);
  });

  it('counts a stretch ACK in full (no RFC 3465 L=2 cap, as Linux)', () => {
    const sk = makeSocket({ cwnd: 10, ssthresh: 1000 });
    tcpSlowStart(sk, 8);
    expect(sk.cwnd).toBe(18);
  });

  it('never grows cwnd above snd_cwnd_clamp', () => {
    const sk = makeSocket({ cwnd: 10, ssthresh: 1000, cwndClamp: 12 });
    tcpSlowStart(sk, 5);
    expect(sk.cwnd).toBe(12);
  });

  it('tcp_in_slow_start is cwnd < ssthresh (strict)', () => {
    expect(tcpInSlowStart(makeSocket({ cwnd: 9, ssthresh: 10 }))).toBe(true);
    expect(tcpInSlowStart(makeSocket({ cwnd: 10, ssthresh: 10 }))).toBe(false);
  });
});

describe('tcp_cong_avoid_ai', () => {
  it('adds one segment per w segments acked, keeping the remainder in snd_cwnd_cnt', () => {
    const sk = makeSocket({ cwnd: 20, cwndCnt: 0 });
    for (let i = 0; i < 19; i++) tcpCongAvoidAi(sk, 20, 1);
    expect(sk.cwnd).toBe(20);
    expect(sk.cwndCnt).toBe(19);
    tcpCongAvoidAi(sk, 20, 1);
    expect(sk.cwnd).toBe(21);
    expect(sk.cwndCnt).toBe(0);
  });

  it('adds several segments at once for a large stretch ACK', () => {
    const sk = makeSocket({ cwnd: 10, cwndCnt: 5 });
    tcpCongAvoidAi(sk, 10, 27); // 32 credits → +3, 2 left
    expect(sk.cwnd).toBe(13);
    expect(sk.cwndCnt).toBe(2);
  });

  it('turns credits collected at a larger w into one segment, gently, when w shrinks', () => {
    const sk = makeSocket({ cwnd: 50, cwndCnt: 40 });
    tcpCongAvoidAi(sk, 20, 1);
    expect(sk.cwnd).toBe(51);
    expect(sk.cwndCnt).toBe(1);
  });

  it('respects snd_cwnd_clamp', () => {
    const sk = makeSocket({ cwnd: 10, cwndCnt: 0, cwndClamp: 10 });
    tcpCongAvoidAi(sk, 10, 30);
    expect(sk.cwnd).toBe(10);
  });
});

describe('after() sequence comparison', () => {
  it('compares modulo 2^32 across the wrap', () => {
    expect(seqAfter(5, 0xfffffff0)).toBe(true);
    expect(seqAfter(0xfffffff0, 5)).toBe(false);
    expect(seqAfter(1000, 999)).toBe(true);
    expect(seqAfter(999, 999)).toBe(false);
  });
});
