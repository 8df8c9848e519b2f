import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultScheduler } from '../../../src/core/sched/default';
import type { SchedIdleSubflow, SchedSubflowView, SchedView } from '../../../src/core/sched/types';
import { sf } from './views';

/** One subflow as the connection holds it, and the view the connection would build of it. */
interface Row {
  idle: SchedIdleSubflow;
  view: SchedSubflowView | null;
}

const row = (id: number, o: { isClosed: boolean; tcpCanSend: boolean; joinPending: boolean; stale: boolean; rcvSinceStale: boolean; backup: boolean; peerBackup: boolean; avgPacingRate: number; wmemQueued: number; space: number }): Row => ({
  idle: { ...o, sendSpace: () => o.space },
  view: o.isClosed ? null : sf(id, { ...o, sndbuf: o.wmemQueued + o.space }),
});

const rowArb = fc.record({
  isClosed: fc.oneof(fc.constant(false), fc.constant(false), fc.constant(true)),
  tcpCanSend: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
  joinPending: fc.oneof(fc.constant(false), fc.constant(false), fc.constant(true)),
  stale: fc.oneof(fc.constant(false), fc.constant(false), fc.constant(false), fc.constant(true)),
  rcvSinceStale: fc.boolean(),
  backup: fc.oneof(fc.constant(false), fc.constant(true)),
  peerBackup: fc.oneof(fc.constant(false), fc.constant(false), fc.constant(true)),
  // 0 (not initialised yet), small rates, and multiples of 2^32 (paceU32 = 0)
  avgPacingRate: fc.oneof(fc.constant(0), fc.constant(5_000_000), fc.constant(5_000_000), fc.integer({ min: 1, max: 20_000_000 }), fc.constant(2 ** 32), fc.constant(2 ** 33 + 5)),
  // equal queues make linger ties (the first in list order wins)
  wmemQueued: fc.oneof(fc.constant(0), fc.constant(65_536), fc.integer({ min: 0, max: 4_000_000 })),
  space: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 2_000_000 })),
});

describe('default scheduler: sendIdle (the connection\'s quick check before pickSend)', () => {
  it('answers true only when pickSend would choose no subflow and store nothing (2,000 random connections)', () => {
    let idle = 0;
    let busy = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 0, maxLength: 5 }), (raw) => {
        const rows = raw.map((o, i) => row(i + 1, o));
        const view: SchedView = { subflows: rows.flatMap((r) => (r.view ? [r.view] : [])), wndEnd: 10_000_000, sndNxt: 0, unsentBytes: 1_000_000, lastSendId: null };
        const quick = defaultScheduler.sendIdle!(rows.map((r) => r.idle));
        const d = defaultScheduler.pickSend(view);
        const nothing = d.subflowId === null && d.avgPacingRate.length === 0 && d.recovered.length === 0;
        if (quick) {
          idle++;
          expect(nothing).toBe(true);
        } else busy++;
        // and it misses no idle case it could know: all open subflows fresh and initialised
        const knowable = rows.every((r) => r.idle.isClosed || (!r.idle.stale && (r.idle.joinPending || !r.idle.tcpCanSend || r.idle.avgPacingRate !== 0)));
        if (knowable) expect(quick).toBe(nothing);
      }),
      { numRuns: 2000, seed: 8684 },
    );
    // both answers were exercised
    expect(idle).toBeGreaterThan(100);
    expect(busy).toBeGreaterThan(100);
  });

  it('is idle when the lowest-linger subflow is full although the other has room (the common push)', () => {
    const a = row(1, { isClosed: false, tcpCanSend: true, joinPending: false, stale: false, rcvSinceStale: false, backup: false, peerBackup: false, avgPacingRate: 6_000_000, wmemQueued: 100_000, space: 0 });
    const b = row(2, { isClosed: false, tcpCanSend: true, joinPending: false, stale: false, rcvSinceStale: false, backup: false, peerBackup: false, avgPacingRate: 3_000_000, wmemQueued: 200_000, space: 50_000 });
    expect(defaultScheduler.sendIdle!([a.idle, b.idle])).toBe(true);
    expect(defaultScheduler.pickSend({ subflows: [a.view!, b.view!], wndEnd: 1e7, sndNxt: 0, unsentBytes: 1e6, lastSendId: null }).reason).toBe('noSendSpace');
    // once the fast one has room it sends: not idle
    const a2 = row(1, { isClosed: false, tcpCanSend: true, joinPending: false, stale: false, rcvSinceStale: false, backup: false, peerBackup: false, avgPacingRate: 6_000_000, wmemQueued: 100_000, space: 1 });
    expect(defaultScheduler.sendIdle!([a2.idle, b.idle])).toBe(false);
  });

  it('breaks linger ties as pickSend does: the first in list order, full here', () => {
    const o = { isClosed: false, tcpCanSend: true, joinPending: false, stale: false, rcvSinceStale: false, backup: false, peerBackup: false, avgPacingRate: 5_000_000, wmemQueued: 65_536 };
    const full = row(1, { ...o, space: 0 });
    const room = row(2, { ...o, space: 10_000 });
    expect(defaultScheduler.pickSend({ subflows: [full.view!, room.view!], wndEnd: 1e7, sndNxt: 0, unsentBytes: 1e6, lastSendId: null }).reason).toBe('noSendSpace');
    expect(defaultScheduler.sendIdle!([full.idle, room.idle])).toBe(true);
    expect(defaultScheduler.sendIdle!([room.idle, full.idle])).toBe(false);
  });
});
