/** Test helpers: build validated scenarios and run them, optionally dropping chosen packets. */
import { validateScenario } from '../../src/core/scenario/validate';
import type { Scenario } from '../../src/core/scenario/types';
import type { Packet } from '../../src/core/net/packet';
import type { CaptureRecord, Trace } from '../../src/core/sim/trace';
import { executeRun, prepareRun, runScenario } from '../../src/core/sim/run';

/** A plain-TCP scenario (raw kernel-ref-scenario/1 JSON) with overrides merged at the top level. */
export function tcpRaw(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test',
    paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }],
    app: { bytes: 200_000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' },
    ...over,
  };
}

export function scenario(raw: Record<string, unknown>): Scenario {
  const r = validateScenario(raw);
  if (!r.ok) throw new Error(`test scenario invalid: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

export function run(raw: Record<string, unknown>, seed?: number): Trace {
  const sc = scenario(raw);
  return runScenario(sc, { seed: seed ?? sc.seed, captures: true, series: true });
}

/**
 * Run with a packet filter on one link direction: `drop(pkt, n)` is called for every frame entering
 * the c2s (or s2c) link of path 1 with its 1-based index among data segments (payload > 0), or 0 for
 * other segments; returning true loses the frame, like a loss on that link.
 */
export function runDropping(
  raw: Record<string, unknown>,
  drop: (pkt: Packet, dataIndex: number) => boolean,
  dir: 'c2s' | 's2c' = 'c2s',
): Trace {
  const sc = scenario(raw);
  const opts = { seed: sc.seed, captures: true, series: true };
  const { world, app } = prepareRun(sc, opts);
  const link = world.links[0][dir];
  const send = link.send.bind(link);
  let n = 0;
  link.send = (pkt: Packet, now: number) => {
    const idx = pkt.payloadLen > 0 ? ++n : 0;
    if (drop(pkt, idx)) {
      link.stats.drop_loss++;
      return;
    }
    send(pkt, now);
  };
  return executeRun(world, app, sc, opts);
}

/** The captured packets in one direction (server-side capture by default). */
export function dirPackets(tr: Trace, dir: 'c2s' | 's2c'): CaptureRecord[] {
  return tr.captures.filter((c) => c.dir === dir);
}

export function intact(tr: Trace): boolean {
  const { client, server } = tr.app;
  return (
    client.bytes_sent > 0 &&
    client.bytes_sent === server.bytes_received &&
    server.stream_in_order &&
    client.sha256_sent !== null &&
    client.sha256_sent === server.sha256_received
  );
}
