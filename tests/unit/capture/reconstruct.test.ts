/**
 * Lifecycles and reinjections reconstructed from real captures (capture-events.ts, dsn-ranges.ts):
 * the fallback capture falls back, the blackhole capture shows the server re-sending path 1's data
 * on path 2 while path 1 is a blackhole, and DSN ranges count only bytes mapped again elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { DsnRanges } from '../../../src/core/capture/dsn-ranges';
import type { TraceEvent } from '../../../src/core/sim/trace';
import { KERNEL_REF } from '../../helpers/paths';

function events(dir: string): TraceEvent[] {
  const r = importCapture(readFileSync(join(KERNEL_REF, 'results', dir, 'merged-server.pcapng')));
  if (!r.ok) throw new Error(r.message);
  return r.value.trace.events;
}

describe('reconstructed events', () => {
  it('server without MPTCP: the connection falls back at the SYN/ACK on both hosts', () => {
    const fb = events('e_fallback_server_tcp').filter((e) => e.type === 'mptcp' && e.ev.type === 'fallback');
    expect(fb.map((e) => e.type === 'mptcp' && e.side)).toEqual(['client', 'server']);
    expect(fb[0].type === 'mptcp' && fb[0].ev.type === 'fallback' && fb[0].ev.reason).toMatch(/SYN\/ACK carries no MP_CAPABLE/);
  });

  it('blackhole on path 1 at 2–4 s (f_prio_blackhole_download): the server re-sends path 1 data on path 2 meanwhile', () => {
    const rj = events('f_prio_blackhole_download').flatMap((e) => (e.type === 'mptcp' && e.ev.type === 'reinject' ? [{ t: e.t / 1e9, side: e.side, ...e.ev }] : []));
    expect(new Set(rj.map((x) => x.side))).toEqual(new Set(['server']));
    const fromPath1 = rj.filter((x) => x.from === 1);
    expect(fromPath1.length).toBeGreaterThan(10);
    // t = 0 is the first packet (the SYN, ~20 ms after connect()); the blackhole is 2.0–4.0 s after connect()
    for (const x of fromPath1) expect(x.t > 2 && x.t < 4.1).toBe(true);
    expect(rj.every((x) => x.t > 2)).toBe(true);
  });

  it('a plain run has no reinjection and both subflows close', () => {
    const ev = events('a_aggregation');
    expect(ev.some((e) => e.type === 'mptcp' && e.ev.type === 'reinject')).toBe(false);
    const closed = ev.filter((e) => e.type === 'tcpState' && (e.to === 'closed' || e.to === 'timeWait' || e.to === 'lastAck'));
    expect(closed.length).toBeGreaterThanOrEqual(4);
  });
});

describe('DsnRanges', () => {
  it('counts only bytes first mapped on another subflow', () => {
    const m = new DsnRanges();
    expect(m.map(1000, 100, 1)).toBeNull();
    expect(m.map(1100, 100, 1)).toBeNull();
    expect(m.map(1000, 100, 1)).toBeNull(); // a retransmission on the same subflow
    expect(m.map(1050, 100, 2)).toEqual({ bytes: 100, from: 1 });
    expect(m.map(1150, 100, 2)).toEqual({ bytes: 50, from: 1 }); // 1150–1200 was subflow 1's, 1200–1250 new
    expect(m.map(1200, 50, 1)).toEqual({ bytes: 50, from: 2 });
    expect(m.map(900, 50, 2)).toBeNull(); // below everything: new
    expect(m.map(1300, 0, 2)).toBeNull();
  });
});
