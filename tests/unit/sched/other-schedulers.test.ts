// The schedulers beyond Linux's default, pinned on hand-built situations: the BPF examples
// (first, bkup, rr, red, burst) and minRTT, BLEST, ECF from the literature.
import { describe, expect, it } from 'vitest';
import { getScheduler, schedulers } from '../../../src/core/sched/index';
import { defaultScheduler } from '../../../src/core/sched/default';
import type { SchedSubflowView, SchedView } from '../../../src/core/sched/types';
import { sf } from './views';


const view = (subflows: SchedSubflowView[], o: Partial<SchedView> = {}): SchedView => ({
  subflows,
  wndEnd: 1_000_000,
  sndNxt: 0,
  unsentBytes: 500_000,
  lastSendId: null,
  ...o,
});

describe('registry', () => {
  it('has Linux default, the BPF examples and the literature schedulers', () => {
    expect(Object.keys(schedulers)).toEqual(['default', 'first', 'bkup', 'rr', 'red', 'burst', 'minrtt', 'blest', 'ecf']);
    for (const [id, s] of Object.entries(schedulers)) expect(s.id).toBe(id);
    expect(() => getScheduler('nope')).toThrow(/unknown scheduler "nope"/);
  });
});

describe('first and bkup', () => {
  it('first takes the first usable subflow, skipping ones not established or joining', () => {
    const d = getScheduler('first').pickSend(view([sf(1, { tcpCanSend: false }), sf(2, { joinPending: true }), sf(3), sf(4)]));
    expect(d).toMatchObject({ subflowId: 3, reason: 'firstActive' });
    expect(d.candidates.map((c) => c.skipped)).toEqual(['notEstablished', 'joinPending', undefined, 'notFirst']);
  });
  it('bkup skips backup subflows while a non-backup one is usable', () => {
    expect(getScheduler('bkup').pickSend(view([sf(1, { backup: true }), sf(2)]))).toMatchObject({ subflowId: 2, reason: 'firstActive' });
    expect(getScheduler('bkup').pickSend(view([sf(1, { peerBackup: true }), sf(2, { tcpCanSend: false })]))).toMatchObject({ subflowId: 1, reason: 'backupOnly' });
  });
  it('sends nothing when the chosen subflow has no send memory', () => {
    expect(getScheduler('first').pickSend(view([sf(1, { wmemQueued: 100, sndbuf: 100 }), sf(2)]))).toMatchObject({ subflowId: null, reason: 'noSendSpace' });
  });
});

describe('rr', () => {
  it('takes the next usable subflow after the last one, wrapping around', () => {
    const rr = getScheduler('rr');
    const subs = [sf(1), sf(2), sf(3, { tcpCanSend: false })];
    expect(rr.pickSend(view(subs))).toMatchObject({ subflowId: 1, reason: 'roundRobin' });
    expect(rr.pickSend(view(subs, { lastSendId: 1 })).subflowId).toBe(2);
    expect(rr.pickSend(view(subs, { lastSendId: 2 })).subflowId).toBe(1);
  });
});

describe('red', () => {
  it('puts the burst on every usable subflow with memory', () => {
    const d = getScheduler('red').pickSend(view([sf(1), sf(2, { wmemQueued: 5, sndbuf: 5 }), sf(3)]));
    expect(d).toMatchObject({ subflowId: 1, reason: 'allSubflows', redundant: [3] });
  });
});

describe('burst', () => {
  it('decides exactly as the default scheduler', () => {
    const v = view([sf(1, { wmemQueued: 20_000 }), sf(2, { wmemQueued: 10_000 })]);
    const { reason, subflowId, burst } = getScheduler('burst').pickSend(v);
    expect({ reason, subflowId, burst }).toEqual((({ reason: r, subflowId: s, burst: b }) => ({ reason: r, subflowId: s, burst: b }))(defaultScheduler.pickSend(v)));
  });
});

describe('minrtt', () => {
  it('takes the lowest-RTT subflow with window room, else the next', () => {
    const m = getScheduler('minrtt');
    expect(m.pickSend(view([sf(1, { srttUs: 80_000 }), sf(2, { srttUs: 20_000 })]))).toMatchObject({ subflowId: 2, reason: 'lowestRtt' });
    const full = m.pickSend(view([sf(1, { srttUs: 80_000 }), sf(2, { srttUs: 20_000, wmemQueued: 10_000 })]));
    expect(full).toMatchObject({ subflowId: 1 });
    expect(full.candidates.find((c) => c.id === 2)?.skipped).toBe('cwndFull');
    expect(m.pickSend(view([sf(1, { wmemQueued: 10_000 })]))).toMatchObject({ subflowId: null, reason: 'noActive' });
  });
});

describe('blest', () => {
  const fastFull = sf(1, { srttUs: 20_000, cwnd: 10, mss: 1000, wmemQueued: 10_000 });
  it('uses the fast subflow while it has room', () => {
    expect(getScheduler('blest').pickSend(view([sf(1, { srttUs: 20_000 }), sf(2, { srttUs: 200_000 })]))).toMatchObject({ subflowId: 1, reason: 'lowestRtt' });
  });
  it('waits for the fast subflow when the slow one would block the window', () => {
    // X = 1000 · (10 + (10 − 1)/2) · 10 = 145 000 > 100 000 − 10 000: wait
    const d = getScheduler('blest').pickSend(view([fastFull, sf(2, { srttUs: 200_000 })], { wndEnd: 100_000 }));
    expect(d).toMatchObject({ subflowId: null, reason: 'waiting' });
    expect(d.candidates.find((c) => c.id === 2)?.skipped).toBe('waitForFast');
  });
  it('uses the slow subflow when the window has room for both', () => {
    expect(getScheduler('blest').pickSend(view([fastFull, sf(2, { srttUs: 200_000 })], { wndEnd: 1_000_000 }))).toMatchObject({ subflowId: 2, reason: 'fastWouldBlock' });
  });
});

describe('ecf', () => {
  const fastFull = sf(1, { srttUs: 20_000, rttvarUs: 1_000, cwnd: 10, mss: 1000, wmemQueued: 10_000 });
  it('waits for the fast subflow when it would finish k bytes sooner', () => {
    // k = 5 000: n = 1.5, 1.5 · 20 ms < 200 ms + δ, and (5000/10000) · 200 ms ≥ 2 · 20 ms + δ
    const d = getScheduler('ecf').pickSend(view([fastFull, sf(2, { srttUs: 200_000, rttvarUs: 1_000 })], { unsentBytes: 5_000 }));
    expect(d).toMatchObject({ subflowId: null, reason: 'waiting' });
  });
  it('sends on the slow subflow when the backlog is large', () => {
    // k = 2 000 000: n = 201, 201 · 20 ms > 1.25 · 201 ms
    const d = getScheduler('ecf').pickSend(view([fastFull, sf(2, { srttUs: 200_000, rttvarUs: 1_000 })], { unsentBytes: 2_000_000 }));
    expect(d).toMatchObject({ subflowId: 2, reason: 'fastWouldBlock' });
  });
});
