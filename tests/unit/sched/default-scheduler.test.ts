import { describe, expect, it } from 'vitest';
import { TCP_RTO_MIN_NS, defaultScheduler } from '../../../src/core/sched/default';
import { getScheduler, schedulers } from '../../../src/core/sched/index';
import type { SchedSubflowView, SchedView } from '../../../src/core/sched/types';
import { sf } from './views';
import { MS } from '../../../src/core/sim/time';


const view = (subflows: SchedSubflowView[], wndEnd = 10_000_000, sndNxt = 0): SchedView => ({ subflows, wndEnd, sndNxt, unsentBytes: 1_000_000, lastSendId: null });
/** div_u64((u64)wmem << 32, pace), computed with BigInt. */
const linger = (wmem: number, pace: number) => Number((BigInt(wmem) << 32n) / BigInt(pace));

describe('default scheduler: send (mptcp_subflow_get_send)', () => {
  it('picks the subflow with the lowest linger time = queued bytes / average pacing rate', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { wmemQueued: 20_000 }), sf(2, { wmemQueued: 10_000 })]));
    expect(d).toMatchObject({ subflowId: 2, reason: 'lowestLinger' });
    expect(d.candidates).toEqual([
      { id: 1, backup: false, lingerTime: linger(20_000, 1_000_000), skipped: 'higherLinger' },
      { id: 2, backup: false, lingerTime: linger(10_000, 1_000_000) },
    ]);
  });

  it('weighs the queue by the average pacing rate: a faster subflow with more queued can still win', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { wmemQueued: 20_000, avgPacingRate: 4_000_000 }), sf(2, { wmemQueued: 10_000 })]));
    expect(d.subflowId).toBe(1);
  });

  it('breaks ties by list order', () => {
    expect(defaultScheduler.pickSend(view([sf(3), sf(1), sf(2)])).subflowId).toBe(3);
  });

  it('uses a backup subflow only when no non-backup subflow is active', () => {
    const both = defaultScheduler.pickSend(view([sf(1, { backup: true }), sf(2, { wmemQueued: 500_000 })]));
    expect(both).toMatchObject({ subflowId: 2, reason: 'lowestLinger' });
    expect(both.candidates[0].skipped).toBe('backupUnused');

    const primaryDown = defaultScheduler.pickSend(view([sf(1, { backup: true }), sf(2, { tcpCanSend: false })]));
    expect(primaryDown).toMatchObject({ subflowId: 1, reason: 'backupOnly' });
    expect(primaryDown.candidates[1].skipped).toBe('notEstablished');
  });

  it('counts the peer’s backup flag (MP_JOIN B bit / MP_PRIO) as backup too', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { peerBackup: true }), sf(2, { wmemQueued: 500_000 })]));
    expect(d.subflowId).toBe(2);
    expect(d.candidates[0].backup).toBe(true);
  });

  it('sends nothing when the only active non-backup subflow has no pacing rate, even with a backup available', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { backup: true }), sf(2, { avgPacingRate: 0, pacingRate: 0 })]));
    expect(d).toMatchObject({ subflowId: null, reason: 'noActive' });
    expect(d.candidates[1].skipped).toBe('noPacingRate');
  });

  it('skips stale subflows until something arrives on them, then reports the recovery', () => {
    const stale = defaultScheduler.pickSend(view([sf(1, { stale: true }), sf(2, { wmemQueued: 100_000 })]));
    expect(stale.subflowId).toBe(2);
    expect(stale.candidates[0].skipped).toBe('stale');
    expect(stale.recovered).toEqual([]);

    const back = defaultScheduler.pickSend(view([sf(1, { stale: true, rcvSinceStale: true }), sf(2, { wmemQueued: 100_000 })]));
    expect(back.subflowId).toBe(1);
    expect(back.recovered).toEqual([1]);
  });

  it('skips joins that are not fully established yet', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { wmemQueued: 100_000 }), sf(2, { joinPending: true })]));
    expect(d.subflowId).toBe(1);
    expect(d.candidates[1].skipped).toBe('joinPending');
  });

  it('returns nothing when the chosen subflow has no free send memory', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { wmemQueued: 50_000, sndbuf: 50_000 }), sf(2, { wmemQueued: 60_000, avgPacingRate: 1_000 })]));
    expect(d).toMatchObject({ subflowId: null, reason: 'noSendSpace', burst: 0 });
  });

  it('returns nothing with no subflow active', () => {
    expect(defaultScheduler.pickSend(view([sf(1, { tcpCanSend: false })]))).toMatchObject({ subflowId: null, reason: 'noActive' });
  });

  it('gives a burst of min(65428, wnd_end − snd_nxt)', () => {
    expect(defaultScheduler.pickSend(view([sf(1)], 1_000_000, 0)).burst).toBe(65428);
    expect(defaultScheduler.pickSend(view([sf(1)], 501_000, 500_000)).burst).toBe(1000);
    expect(defaultScheduler.pickSend(view([sf(1)], 500_000, 500_000))).toMatchObject({ subflowId: 1, burst: 0, avgPacingRate: [] });
  });

  it('moves the chosen subflow’s average pacing rate: (avg·wmem + pacing·burst) / (burst + wmem)', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { wmemQueued: 30_000, avgPacingRate: 1_000_000, pacingRate: 2_000_000 })]));
    expect(d.avgPacingRate).toEqual([{ id: 1, value: Math.floor((1_000_000 * 30_000 + 2_000_000 * 65_428) / (65_428 + 30_000)) }]);
  });

  it('initialises an unset average from the socket pacing rate before using it', () => {
    const d = defaultScheduler.pickSend(view([sf(1, { avgPacingRate: 0, pacingRate: 3_000_000, wmemQueued: 10_000 }), sf(2, { avgPacingRate: 0, pacingRate: 500_000, wmemQueued: 10_000 })]));
    expect(d.subflowId).toBe(1);
    expect(d.candidates[0].lingerTime).toBe(linger(10_000, 3_000_000));
    const expected1 = Math.floor((3_000_000 * 10_000 + 3_000_000 * 65_428) / (65_428 + 10_000));
    expect(d.avgPacingRate).toEqual([
      { id: 1, value: expected1 },
      { id: 2, value: 500_000 },
    ]);
  });

  it('sets the MPTCP RTX interval to the longest pending subflow timer, TCP_RTO_MIN if none', () => {
    expect(defaultScheduler.pickSend(view([sf(1)])).timerIval).toBe(TCP_RTO_MIN_NS);
    const d = defaultScheduler.pickSend(view([sf(1, { rtxTimerRemaining: 300 * MS }), sf(2, { rtxTimerRemaining: 500 * MS, staleCount: 1 }), sf(3, { rtxTimerRemaining: 400 * MS })]));
    expect(d.timerIval).toBe(400 * MS);
  });

  it('explains a decision with an i18n key', () => {
    const d = defaultScheduler.pickSend(view([sf(4)]));
    expect(defaultScheduler.describe(d)).toEqual({ key: 'sched.default.why.lowestLinger', params: { id: 4, burst: 65428, lingerMs: 0 } });
  });
});

describe('default scheduler: retransmission (mptcp_subflow_get_retrans)', () => {
  it('picks the first active non-backup subflow with nothing outstanding', () => {
    const d = defaultScheduler.pickRetrans(view([sf(1, { queuesEmpty: false }), sf(2, { backup: true }), sf(3), sf(4)]));
    expect(d).toMatchObject({ subflowId: 3, reason: 'firstIdle' });
    expect(d.candidates.map((c) => c.skipped)).toEqual(['queuesBusy', 'backupUnused', undefined, 'laterIdle']);
  });

  it('does not skip stale subflows (it checks only TCP state and join completion)', () => {
    expect(defaultScheduler.pickRetrans(view([sf(1, { stale: true })])).subflowId).toBe(1);
  });

  it('uses an idle backup only if no subflow with outstanding data made progress (min stale_count > 1)', () => {
    const progressing = defaultScheduler.pickRetrans(view([sf(1, { queuesEmpty: false, staleCount: 1 }), sf(2, { backup: true })]));
    expect(progressing).toMatchObject({ subflowId: null, reason: 'noActive' });
    expect(progressing.candidates[1].skipped).toBe('backupWithProgress');

    const stuck = defaultScheduler.pickRetrans(view([sf(1, { queuesEmpty: false, staleCount: 2 }), sf(2, { backup: true })]));
    expect(stuck).toMatchObject({ subflowId: 2, reason: 'backupNoProgress' });

    const onlyBackup = defaultScheduler.pickRetrans(view([sf(1, { tcpCanSend: false }), sf(2, { backup: true })]));
    expect(onlyBackup.subflowId).toBe(2);
  });

  it('returns nothing when every active subflow is busy', () => {
    expect(defaultScheduler.pickRetrans(view([sf(1, { queuesEmpty: false }), sf(2, { queuesEmpty: false })]))).toMatchObject({ subflowId: null, timerIval: null });
  });
});

describe('scheduler registry', () => {
  it('registers "default" under its net.mptcp.scheduler name', () => {
    expect(getScheduler('default')).toBe(defaultScheduler);
    expect(Object.keys(schedulers)[0]).toBe('default');
  });

  it('throws for an unknown scheduler', () => {
    expect(() => getScheduler('lowest-latency')).toThrow(/unknown scheduler "lowest-latency"/);
  });
});
