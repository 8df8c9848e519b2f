/**
 * SimOptions.viewCaptures: the page's worker taps both hosts so the views see each packet leave one
 * host and reach the other, while summary.json and capture.pcapng stay exactly those of the
 * scenario's `capture.side`.
 */
import { describe, expect, it } from 'vitest';
import { scenarioCaptures, simulate, writeOutputs } from '../../../src/core';
import { scenario } from '../../helpers/scenario';

const raw = {
  name: 'two-paths',
  paths: [
    { delay_ms: 10, rate_mbit: 10, queue_pkts: 20, loss_pct: 1 },
    { delay_ms: 30, rate_mbit: 5, queue_pkts: 20 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
  server: { limits: { subflows: 2, add_addr_accepted: 0 } },
  app: { bytes: 150_000, congestion_control: 'cubic' },
  events: [{ at: 0.2, action: 'link_down', path: 1 }],
};

const stripWallTime = (text: string | Uint8Array | undefined): unknown => {
  const s = JSON.parse(String(text)) as { result?: { wall_time_s?: unknown } };
  if (s.result) delete s.result.wall_time_s;
  return s;
};

describe('viewCaptures', () => {
  for (const side of ['server', 'client', 'both'] as const) {
    it(`taps both hosts but leaves summary.json and capture.pcapng unchanged (capture.side ${side})`, () => {
      const sc = scenario({ ...raw, capture: { side } });
      const plain = simulate(sc, { seed: 3 });
      const views = simulate(sc, { seed: 3, viewCaptures: true });
      const sides = new Set(views.trace.captures.map((c) => c.side));
      expect([...sides].sort()).toEqual(['client', 'server']);
      expect(scenarioCaptures(sc, views.trace.captures).map((c) => [c.t, c.side, c.pkt.id])).toEqual(plain.trace.captures.map((c) => [c.t, c.side, c.pkt.id]));
      const a = writeOutputs(plain);
      const b = writeOutputs(views);
      expect(stripWallTime(b['summary.json'])).toEqual(stripWallTime(a['summary.json']));
      expect(Buffer.from(b['capture.pcapng'] as Uint8Array).equals(Buffer.from(a['capture.pcapng'] as Uint8Array))).toBe(true);
    });
  }

  it('does not change the run itself (same events, same end, same app results)', () => {
    const sc = scenario(raw);
    const plain = simulate(sc, { seed: 9, summary: false });
    const views = simulate(sc, { seed: 9, summary: false, viewCaptures: true });
    expect(views.trace.end).toBe(plain.trace.end);
    expect(JSON.stringify(views.trace.events)).toBe(JSON.stringify(plain.trace.events));
    expect(views.trace.app).toEqual(plain.trace.app);
    expect(views.trace.captures.length).toBeGreaterThan(plain.trace.captures.length);
  });
});
