/**
 * The timeline's marks (src/viz/timeline-marks.ts) and the scrubber's geometry
 * (src/viz/timeline-layout.ts), read from real runs.
 */
import { describe, expect, it } from 'vitest';
import { simulate, validateScenario } from '../../../src/core';
import type { Scenario } from '../../../src/core/scenario/types';
import { blankPacket } from '../../../src/core/net/packet';
import type { CaptureRecord, TraceEvent } from '../../../src/core/sim/trace';
import { DEFAULT_SCENARIO } from '../../../src/ui/default-scenario';
import { countByKind, firstMarkAfter, neighbourMark, timelineMarks, type TimelineMark } from '../../../src/viz/timeline-marks';
import { MARK_STYLES, markSymbol, mergeMarks, scrubberGeometry } from '../../../src/viz/timeline-layout';
import { withIntervention } from '../../../src/viz/timeline-scenario';

function valid(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

const handover = valid({
  ...DEFAULT_SCENARIO,
  events: [
    { at: 0.3, action: 'link_down', path: 1 },
    { at: 0.6, action: 'link_up', path: 1 },
    { at: 0.2, action: 'shape', path: 2, rate_mbit: 20 },
    { at: 0.4, action: 'ss' },
  ],
});

describe('timelineMarks(trace, scenario)', () => {
  const sc = valid(withIntervention(handover, { action: 'shape', path: 1, dir: 'both', set: { delay_ms: 5 } }, 700_000_000));
  const run = simulate(sc, { seed: 1, summary: false, viewCaptures: true });
  const marks = timelineMarks(run.trace, sc);

  it('marks each scenario event at its time, with its command, and flags interventions', () => {
    const scen = marks.filter((m) => m.kind === 'linkDown' || m.kind === 'linkUp' || m.kind === 'shape');
    expect(scen.map((m) => [m.t, m.kind, m.detail, m.intervention === true])).toEqual([
      [200_000_000, 'shape', 'shape p2 both rate_mbit=20', false],
      [300_000_000, 'linkDown', 'ip link set dev cli-p1 down', false],
      [600_000_000, 'linkUp', 'ip link set dev cli-p1 up', false],
      [700_000_000, 'shape', 'shape p1 both delay_ms=5', true],
    ]);
  });

  it('marks each subflow established once (both hosts report it), client four-tuple first', () => {
    const up = marks.filter((m) => m.kind === 'subflowUp');
    expect(up).toHaveLength(2);
    expect(up[0].detail).toMatch(/^10\.0\.1\.1:\d+ → 10\.0\.1\.2:5201$/);
    expect(up[1].detail).toMatch(/^10\.0\.2\.1:\d+ → 10\.0\.1\.2:5201$/);
  });

  it('leaves out what changes nothing in the run (ss snapshots)', () => {
    expect(marks.filter((m) => m.t === 400_000_000 && m.kind === 'config')).toEqual([]);
  });

  it('is sorted by time', () => {
    for (let i = 1; i < marks.length; i++) expect(marks[i].t).toBeGreaterThanOrEqual(marks[i - 1].t);
  });

  it('marks a plain TCP connection as one subflow, fallback events, RTOs and MPTCP signals', () => {
    const pkt = { ...blankPacket(), id: 7, mptcp: [{ subtype: 3, kind: 'ADD_ADDR' }] };
    const captures: CaptureRecord[] = [
      { t: 5, pkt, path: 1, side: 'server', dir: 's2c' },
      { t: 9, pkt, path: 1, side: 'client', dir: 's2c' },
    ];
    const events: TraceEvent[] = [
      { t: 1, type: 'tcpState', side: 'client', sock: 1, from: 'synSent', to: 'established' },
      { t: 2, type: 'mptcp', side: 'server', token: 'ab', ev: { type: 'fallback', reason: 'no MP_CAPABLE in SYN/ACK' } },
      { t: 3, type: 'recovery', side: 'client', sock: 1, kind: 'rto' },
      { t: 4, type: 'recovery', side: 'client', sock: 1, kind: 'fast' },
    ];
    const m = timelineMarks({ events, captures }, { events: [], paths: [] });
    expect(m.map((x) => [x.t, x.kind, x.detail])).toEqual([
      [1, 'subflowUp', 'sock 1'],
      [2, 'fallback', 'no MP_CAPABLE in SYN/ACK'],
      [3, 'rto', 'sock 1'],
      [5, 'signal', 'ADD_ADDR'],
    ]);
  });

  it('labels a closed subflow with its four-tuple and reason', () => {
    const events: TraceEvent[] = [
      { t: 1, type: 'mptcp', side: 'server', token: 'ab', ev: { type: 'subflow', subflow: 2, what: 'established', detail: '10.0.1.2:5201 → 10.0.2.1:4000' } },
      { t: 2, type: 'mptcp', side: 'server', token: 'ab', ev: { type: 'subflow', subflow: 2, what: 'closed', detail: 'reset' } },
    ];
    const m = timelineMarks({ events, captures: [] }, { events: [], paths: [] });
    expect(m.map((x) => x.detail)).toEqual(['10.0.2.1:4000 → 10.0.1.2:5201', '10.0.2.1:4000 → 10.0.1.2:5201 (reset)']);
  });
});

describe('countByKind', () => {
  it('counts marks per kind in legend order, leaving out absent kinds', () => {
    const ms: TimelineMark[] = [
      { t: 1, kind: 'rto', detail: '' },
      { t: 2, kind: 'linkDown', detail: '' },
      { t: 3, kind: 'rto', detail: '' },
    ];
    expect(countByKind(ms)).toEqual([
      { kind: 'linkDown', count: 1 },
      { kind: 'rto', count: 2 },
    ]);
  });
});

describe('neighbourMark / firstMarkAfter', () => {
  const marks = [{ t: 10 }, { t: 20 }, { t: 20 }, { t: 30 }];
  it('finds the next and previous mark strictly after/before t', () => {
    expect(firstMarkAfter(marks, 20)).toBe(3);
    expect(neighbourMark(marks, 20, 1)).toBe(30);
    expect(neighbourMark(marks, 20, -1)).toBe(10);
    expect(neighbourMark(marks, 5, -1)).toBeNull();
    expect(neighbourMark(marks, 30, 1)).toBeNull();
    expect(neighbourMark(marks, 0, 1)).toBe(10);
  });
});

describe('scrubber geometry', () => {
  it('maps the whole run onto the width, with axis ticks inside it', () => {
    const g = scrubberGeometry(500, 2e9);
    expect(g.x(0)).toBe(10);
    expect(g.x(2e9)).toBe(490);
    expect(g.ticks.length).toBeGreaterThanOrEqual(3);
    for (const tk of g.ticks) expect(tk.x).toBeGreaterThanOrEqual(10);
    expect(scrubberGeometry(50, 0).width).toBe(200);
  });

  it('merges marks of one kind closer than a few pixels and counts them', () => {
    const g = scrubberGeometry(500, 1e9);
    const ms: TimelineMark[] = [
      { t: 0, kind: 'rto', detail: 'a' },
      { t: 1e6, kind: 'rto', detail: 'b' },
      { t: 1e6, kind: 'linkDown', detail: 'c' },
      { t: 5e8, kind: 'rto', detail: 'd' },
    ];
    const merged = mergeMarks(ms, g.x);
    expect(merged.map((m) => [m.kind, m.count, m.first.detail])).toEqual([
      ['rto', 2, 'a'],
      ['linkDown', 1, 'c'],
      ['rto', 1, 'd'],
    ]);
  });

  it('gives every kind a symbol; kinds sharing a row differ by shape or rotation', () => {
    const seen = new Set<string>();
    for (const [kind, st] of Object.entries(MARK_STYLES)) {
      expect(markSymbol(kind as TimelineMark['kind'], 60)).toMatch(/^M/);
      const key = `${st.row}|${markSymbol(kind as TimelineMark['kind'], 60)}|${st.rotate}|${st.hollow}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});
