import { describe, expect, it } from 'vitest';
import { RangeSet, dataRecords, tupleOf } from '../../../../src/viz/expert/subflows';
import { mbitPerS, niceBin, stackTops, throughputModel } from '../../../../src/viz/expert/throughput';
import { pointAt, reorderModel } from '../../../../src/viz/expert/reorder';
import { INFINITE_SSTHRESH, windowsModel } from '../../../../src/viz/expert/windows';
import { inspectorRows, laneLabels, rowAtTime, segmentLabel } from '../../../../src/viz/expert/sched-inspector';
import { pmEventGroup, pmTimeline } from '../../../../src/viz/expert/pm-timeline';
import { schedGeometry } from '../../../../src/viz/expert/geometry';
import type { TraceEvent } from '../../../../src/core/sim/trace';
import { MPTCP_SUBTYPE } from '../../../../src/core/wire/mptcp/types';
import { TUPLE, UPLOAD, decision, seg, series, trace } from './fixtures';

describe('RangeSet', () => {
  it('counts only bytes not seen before, merging overlapping and touching ranges', () => {
    const s = new RangeSet();
    expect(s.add(0, 100)).toBe(100);
    expect(s.add(200, 300)).toBe(100);
    expect(s.add(50, 150)).toBe(50);
    expect(s.add(0, 300)).toBe(50);
    expect(s.add(10, 20)).toBe(0);
    expect([s.lo, s.hi, s.covered]).toEqual([[0], [300], 300]);
    expect(s.add(500, 400)).toBe(0);
  });

  it('tracks the in-order prefix from 0', () => {
    const s = new RangeSet();
    s.add(100, 200);
    expect(s.contiguousFrom(0)).toBe(0);
    s.add(0, 100);
    expect(s.contiguousFrom(0)).toBe(200);
  });
});

describe('throughputModel', () => {
  it('gives each subflow only new data-level bytes, so the stack equals the aggregate', () => {
    const captures = [
      seg(10, 0, 0, 1000),
      seg(20, 1, 1000, 1000),
      seg(120, 1, 0, 1000), // reinjection of bytes subflow 0 already delivered: no goodput
      seg(130, 0, 2000, 500),
      seg(140, 0, 2000, 500, 'client'), // the sender's copy: not the receiver's capture point
    ];
    const m = throughputModel(trace({ captures, end: 300e6 }), UPLOAD, 100e6);
    expect(m.bins).toBe(3);
    expect(m.layers.map((l) => l.label)).toEqual(TUPLE);
    expect([...m.layers[0].bytes]).toEqual([1000, 500, 0]);
    expect([...m.layers[1].bytes]).toEqual([1000, 0, 0]);
    expect([...m.aggregate]).toEqual([2000, 500, 0]);
    const tops = stackTops(m);
    expect([...tops[tops.length - 1]]).toEqual([...m.aggregate]);
    expect(mbitPerS(2000, 100e6)).toBeCloseTo(0.16);
  });

  it('falls back to the sender capture when the receiver was not tapped, and rejects a bad bin', () => {
    const t = trace({ captures: [seg(10, 0, 0, 1000, 'client')] });
    expect(dataRecords(t, UPLOAD)).toHaveLength(1);
    expect(() => throughputModel(t, UPLOAD, 0)).toThrow(/bin must be > 0/);
  });

  it('chooses round bin widths', () => {
    expect(niceBin(60e9)).toBe(200e6);
    expect(niceBin(1e9)).toBe(5e6);
    expect(niceBin(1e6)).toBe(1e6);
  });
});

describe('reorderModel', () => {
  it('holds out-of-order bytes above a hole and reports the stall until it fills', () => {
    const captures = [
      seg(0, 0, 0, 1000),
      seg(10, 1, 2000, 1000), // hole [1000, 2000)
      seg(20, 1, 3000, 1000),
      seg(400, 0, 1000, 1000), // fills the hole: everything in order
      seg(410, 0, 4000, 1000),
    ];
    const m = reorderModel(trace({ captures }), UPLOAD, 100e6);
    expect([...m.inOrder]).toEqual([1000, 1000, 1000, 4000, 5000]);
    expect([...m.ofo]).toEqual([0, 1000, 2000, 0, 0]);
    expect(m.maxOfo).toBe(2000);
    expect(m.stalls).toEqual([{ start: 0, end: 400e6, ofoAtEnd: 2000 }]);
    expect(pointAt(m, 15e6)).toBe(1);
    expect(pointAt(m, -1)).toBe(-1);
    expect(reorderModel(trace({ captures }), UPLOAD, 500e6).stalls).toEqual([]);
    expect(() => reorderModel(trace({ captures }), UPLOAD, 0)).toThrow(/minimum stall/);
  });
});

describe('windowsModel', () => {
  it('labels sockets, hides infinite ssthresh, sums flight over subflows and reads the receive window', () => {
    const t = trace({
      series: [series('client', 1, [[0, 10, 0], [10, 12, 5], [30, 14, 7]], [NaN, 0.5, 0.6]), series('client', 3, [[10, 10, 3], [20, 11, 4]]), series('server', 2, [[0, 10, 0]])],
      checkpoints: [{ t: 0, links: [], sockets: [{ side: 'client', sock: 1, tcpState: 'ESTABLISHED', local: '10.0.1.1:40000', remote: '10.0.1.2:5201', snd_mss: 1000 } as never], app: { client: { sent: 0, received: 0 }, server: { sent: 0, received: 0 } }, counters: { client: {}, server: {} } }],
    });
    t.app.client.samples = [{ t: 0.1, app_bytes: 0, sf: [{ snd_wnd: 64000 } as never, { snd_wnd: 65000 } as never] }];
    const m = windowsModel(t, 'client');
    expect(m.sockets.map((s) => s.label)).toEqual(['10.0.1.1:40000 → 10.0.1.2:5201', 'socket 3']);
    expect(m.sockets[0].ssthresh).toEqual([null, null, null]);
    expect(INFINITE_SSTHRESH).toBe(0x7fffffff);
    // socket 1 (mss 1000) and socket 3 (mss 1448 by default): 10 ms 5000 + 3·1448, 20 ms 5000 + 4·1448, 30 ms 7000 + 4·1448
    expect([...m.flight.t]).toEqual([0, 10e6, 20e6, 30e6]);
    expect([...m.flight.bytes]).toEqual([0, 5000 + 3 * 1448, 5000 + 4 * 1448, 7000 + 4 * 1448]);
    expect([...m.rwnd.t, ...m.rwnd.bytes]).toEqual([100e6, 65000]);
    expect(m.coupled).toBe(true);
    expect(windowsModel(trace({ series: [series('client', 1, [[0, 10, 0]])] }), 'client').coupled).toBe(false);
  });
});

describe('inspectorRows', () => {
  const dss = (dsn: bigint) => [{ subtype: MPTCP_SUBTYPE.DSS, kind: 'DSS', mapping: { dsn, dsn64: true, subflowSeq: 1, dataLevelLength: 1000 } }];
  const base = 5_000_000_000n;
  const ev = (sf: number, detail: string): TraceEvent => ({ t: 0, type: 'mptcp', side: 'client', token: 'abcd0001', ev: { type: 'subflow', subflow: sf, what: 'established', detail } });
  const captures = [
    seg(1, 0, 0, 1000, 'client', { mptcp: dss(base) }),
    seg(2, 1, 1000, 1000, 'client', { mptcp: dss(base + 1000n) }),
    seg(30, 1, 1000, 1000, 'server'),
    seg(50, 0, 1000, 1000, 'client', { mptcp: dss(base + 1000n) }), // reinjected on subflow 1
  ];
  const t = trace({
    captures,
    events: [ev(1, TUPLE[0]), ev(2, TUPLE[1])],
    schedDecisions: [decision(1, 1, base), decision(2, 2, base + 1000n), decision(45, 1, base + 1000n, { kind: 'retrans', reason: 'firstIdle' }), decision(60, 2, base + 99_999n)],
  });
  const rows = inspectorRows(t);

  it('names subflows by their 4-tuple and ties each decision to the segment that carried its DSN', () => {
    expect(rows.map((r) => r.chosenLabel)).toEqual([TUPLE[0], TUPLE[1], TUPLE[0], TUPLE[1]]);
    expect(rows.map((r) => r.segment)).toEqual([0, 1, 3, null]);
    expect(rows.map((r) => r.pos)).toEqual([0, 1000, 1000, null]);
    for (const r of rows.slice(0, 3)) expect(segmentLabel(t, r)).toBe(r.chosenLabel);
    expect(rows[0].candidates.map((c) => [c.label, c.skipped])).toEqual([[TUPLE[0], null], [TUPLE[1], 'higherLinger']]);
    expect(rowAtTime(rows, 46e6)).toBe(2);
    expect(rowAtTime(rows, 0)).toBe(-1);
  });

  it('draws a dot per decision on the chosen lane, reinjections apart, the selected one marked', () => {
    const g = schedGeometry(rows, TUPLE, { x0: 0, x1: 100e6 }, 1000, 2);
    const by = Object.fromEntries(g.marks.map((m) => [m.cls, m.kind === 'dots' ? m.xy : []]));
    expect(by['send-0']).toEqual([1e6, 0]);
    expect(by['send-1']).toEqual([2e6, 1, 60e6, 1]);
    expect(by.retrans).toEqual([45e6, 0]);
    expect(by.selected).toEqual([45e6, 0]);
    // lanes are named by the endpoint that tells the subflows apart (here the client's)
    expect(g.yCategories).toEqual([[0, '10.0.1.1:40000'], [1, '10.0.2.1:40001']]);
  });

  it('names lanes by the endpoint that differs', () => {
    // a download: the server sends every subflow from one address, the client's ends differ
    expect(laneLabels(['10.0.1.2:5201 → 10.0.1.1:40000', '10.0.1.2:5201 → 10.0.2.1:40001'])).toEqual(['10.0.1.1:40000', '10.0.2.1:40001']);
    expect(laneLabels(TUPLE)).toEqual(['10.0.1.1:40000', '10.0.2.1:40001']);
    // neither end alone tells them apart: the whole 4-tuple
    const same = ['10.0.1.1:1 → 10.0.1.2:5', '10.0.1.1:1 → 10.0.2.2:5', '10.0.2.1:1 → 10.0.2.2:5'];
    expect(laneLabels(same)).toEqual(same);
    expect(laneLabels(['7'])).toEqual(['7']);
  });
});

describe('pmTimeline', () => {
  it('merges both hosts in time order with their attributes and groups', () => {
    const t = trace({
      pmEvents: {
        client: [{ t: 5, type: 'CREATED', attrs: { token: 'a1', remid: '0' } }, { t: 20, type: 'SF_ESTABLISHED', attrs: { token: 'a1' } }],
        server: [{ t: 0, type: 'LISTENER_CREATED', attrs: {} }, { t: 20, type: 'ANNOUNCED', attrs: { token: 'b2', rem_id: '1' } }],
      },
    });
    expect(pmTimeline(t).map((e) => [e.t, e.side, e.type, e.group, e.detail])).toEqual([
      [0, 'server', 'LISTENER_CREATED', 'listener', ''],
      [5, 'client', 'CREATED', 'connection', 'token=a1 remid=0'],
      [20, 'client', 'SF_ESTABLISHED', 'subflow', 'token=a1'],
      [20, 'server', 'ANNOUNCED', 'address', 'token=b2 rem_id=1'],
    ]);
    expect(pmEventGroup('REMOVED')).toBe('address');
    expect(tupleOf(seg(0, 1, 0, 1).pkt)).toBe(TUPLE[1]);
  });
});
