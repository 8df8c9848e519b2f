/**
 * The TCP timestamp clock's phase (World.clockPhaseNs, TcpEnv.clockPhaseNs): Linux's timestamps
 * tick on whole milliseconds of the machine's boot clock (tcp_time_stamp_ts), which starts at an
 * arbitrary point relative to a transfer, so the ms rounding of RTT samples differs run to run.
 */
import { describe, expect, it } from 'vitest';
import { MS } from '../../../src/core/sim/time';
import { executeRun, prepareRun } from '../../../src/core/sim/run';
import { simulate } from '../../../src/core/index';
import { scenario, tcpRaw } from '../../helpers/scenario';
import { normaliseScenario } from '../../fidelity/normalise';

/** kernel-ref's a_aggregation, shorter: an upload over two loss-free paths (20 and 40 ms). */
const aggregation = {
  name: 'aggregation',
  paths: [
    { delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
    { delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
  server: { limits: { subflows: 2, add_addr_accepted: 0 } },
  app: { direction: 'upload', bytes: 2_000_000, congestion_control: 'cubic' },
};

function runWithWorld(raw: Record<string, unknown>, seed: number) {
  const sc = scenario({ ...raw, capture: { side: 'both' } });
  const opts = { seed, captures: true, series: false };
  const { world, app } = prepareRun(sc, opts);
  const trace = executeRun(world, app, sc, opts);
  return { world, trace };
}

describe('the timestamp clock has a seeded sub-millisecond phase, one clock for both hosts', () => {
  it('each seed draws its own phase in [0, 1 ms)', () => {
    const phases = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => prepareRun(scenario(tcpRaw()), { seed, captures: false, series: false }).world.clockPhaseNs);
    for (const p of phases) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(MS);
    }
    expect(new Set(phases).size).toBe(phases.length);
    // the same seed, the same phase (runs stay reproducible)
    expect(prepareRun(scenario(tcpRaw()), { seed: 3, captures: false, series: false }).world.clockPhaseNs).toBe(phases[2]);
  });

  it.each([1, 2, 3])('seed %i: every TSval a host sends is its offset plus the whole ms of (send time + phase), on both hosts', (seed) => {
    const { world, trace } = runWithWorld(tcpRaw({ app: { bytes: 300_000, client_proto: 'tcp', server_proto: 'tcp' } }), seed);
    const phase = world.clockPhaseNs;
    expect(phase).toBeGreaterThan(0);
    for (const [side, dir] of [['client', 'c2s'], ['server', 's2c']] as const) {
      const sent = trace.captures.filter((c) => c.side === side && c.dir === dir && c.pkt.hasTs);
      expect(sent.length).toBeGreaterThan(50);
      const offset = (sent[0].pkt.tsVal - Math.floor((sent[0].t + phase) / MS)) >>> 0;
      for (const c of sent) expect((c.pkt.tsVal - offset) >>> 0, `${side} at ${c.t} ns`).toBe(Math.floor((c.t + phase) / MS));
      // and not without the phase: some packet was sent in the part of a millisecond the phase moves
      expect(sent.some((c) => Math.floor(c.t / MS) !== Math.floor((c.t + phase) / MS))).toBe(true);
    }
  });

  it('a loss-free MPTCP scenario no longer runs the same way for every seed', () => {
    // the receiver's RTT sample (tcp_rcv_rtt_measure_ts, whole ms) times its buffer autotuning, which
    // moves the shared window, and with it every later send decision
    const runs = [1, 2, 3, 4, 5].map((seed) => simulate(normaliseScenario(aggregation), { seed }).summary as unknown as Record<string, unknown>);
    const ends = runs.map((s) => JSON.stringify([(s.app as { duration_s: number }).duration_s, s.kernel_counters, s.option_counts_total]));
    expect(new Set(ends).size).toBeGreaterThan(1);
  });
});
