/**
 * The hot-path shortcuts keep their answers: a DSS record's length is still its raw bytes' when it
 * carries them (the DSS fast path in mptcpOptionLength), and the default scheduler's decisions that
 * store nothing share one frozen empty list, while those that store something get their own.
 */
import { describe, expect, it } from 'vitest';
import { defaultScheduler } from '../../../src/core/sched/default';
import type { SchedSubflowView, SchedView } from '../../../src/core/sched/types';
import { dssLen, mptcpOptionLength, mptcpOptionWireLength } from '../../../src/core/wire/mptcp/index';
import type { DssOption } from '../../../src/core/wire/mptcp/types';

function sf(id: number, over: Partial<SchedSubflowView> = {}): SchedSubflowView {
  return {
    id, tcpCanSend: true, joinPending: false, stale: false, rcvSinceStale: false, backup: false, peerBackup: false,
    wmemQueued: 0, sndbuf: 100_000, pacingRate: 1_000_000, avgPacingRate: 1_000_000, queuesEmpty: true, staleCount: 0,
    rtxTimerRemaining: 0, srttUs: 10_000, rttvarUs: 1_000, cwnd: 10, mss: 1448, ...over,
  };
}
const view = (subflows: SchedSubflowView[], wndEnd = 0): SchedView => ({ subflows, wndEnd, sndNxt: 0, unsentBytes: 10_000, lastSendId: null });

describe('DSS option length fast path', () => {
  it('computes a DSS record from its fields, and honours raw bytes on one', () => {
    const rec: DssOption = { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 5n, ack64: true, mapping: { dsn: 9n, dsn64: true, subflowSeq: 1, dataLevelLength: 1424 } };
    expect(mptcpOptionLength(rec)).toBe(dssLen(rec));
    expect(mptcpOptionLength(rec)).toBe(4 + 8 + 14);
    expect(mptcpOptionWireLength(rec)).toBe(28);
    const raw = new Uint8Array([30, 6, 0x20, 0x01, 0, 0]);
    expect(mptcpOptionLength({ ...rec, raw } as unknown as DssOption)).toBe(6);
  });
});

describe('default scheduler decision lists', () => {
  it('shares a frozen empty list when nothing is stored, and allocates when something is', () => {
    // both subflows full: nothing to store
    const full = defaultScheduler.pickSend(view([sf(1, { wmemQueued: 200_000 }), sf(2, { wmemQueued: 200_000 })], 100_000));
    expect(full.subflowId).toBeNull();
    expect(full.avgPacingRate).toEqual([]);
    expect(full.recovered).toEqual([]);
    expect(Object.isFrozen(full.avgPacingRate)).toBe(true);
    expect(() => (full.recovered as number[]).push(1)).toThrow();
    // a send with a fresh subflow (avg 0) and a recovered stale one: both lists filled, not shared
    const a = defaultScheduler.pickSend(view([sf(1, { avgPacingRate: 0 }), sf(2, { stale: true, rcvSinceStale: true })], 100_000));
    expect(a.subflowId).toBe(1);
    expect(a.recovered).toEqual([2]);
    expect(a.avgPacingRate.map((x) => x.id)).toEqual([1]);
    expect(Object.isFrozen(a.avgPacingRate)).toBe(false);
    const b = defaultScheduler.pickSend(view([sf(1, { avgPacingRate: 0 }), sf(2)], 100_000));
    expect(b.avgPacingRate).not.toBe(a.avgPacingRate);
    // retransmission decisions store nothing either
    const r = defaultScheduler.pickRetrans(view([sf(1), sf(2)]));
    expect(r.subflowId).toBe(1);
    expect(Object.isFrozen(r.recovered)).toBe(true);
  });
});
