/**
 * Replay a real kernel run's losses in the simulator: instead of drawing Bernoulli losses, the link
 * drops exactly the segments and ACKs the kernel-ref emulator dropped in that run (as
 * scripts/collect-loss-patterns.ts read them from its capture into loss-patterns.json). Seeds of
 * the two loss generators cannot be paired, but the same losses can: then a kernel run and a
 * simulator run are directly comparable, loss event by loss event.
 *
 * A data drop names the kernel segment's first byte and which transmission of it was lost
 * (0 = the original); the simulator loses that transmission of its own segment holding that byte
 * (the segments line up unless the kernel sent a short one, e.g. at a write boundary while the
 * sender was send-buffer limited). ACK drops are matched by acknowledgment number and occurrence.
 * So the replay follows the connection even where the simulator's timing differs slightly.
 * Plain TCP upload on path 1 only.
 */
import { executeRun, prepareRun } from '../../src/core/sim/run';
import { buildSummary } from '../../src/core/export/summary';
import type { Scenario, SimResult } from '../../src/core/index';
import type { Packet } from '../../src/core/net/packet';
import { SYN } from '../../src/core/net/packet';

export interface RunLossPattern {
  run: string;
  seed: number | null;
  /** [relative sequence number, transmission (0 = original)] of each dropped data segment. */
  data_drops: [number, number][];
  /** [acknowledgment number, occurrence (0 = first)] of each dropped pure ACK. */
  ack_drops: [number, number][];
  inferred: string[];
}

export interface LossPatterns {
  scenario: string;
  runs: RunLossPattern[];
}

/** A link direction's loss draw, replaced by one that answers "drop" for the chosen packet. */
function overrideLossDraw(link: object, dropIt: (p: Packet) => boolean): void {
  const l = link as unknown as { send(p: Packet, now: number): void; rng: { next(): number } };
  let drop = false;
  const send = l.send.bind(link);
  // the link draws rng.next() < loss_pct/100 once per arriving frame (and nothing else without jitter)
  l.rng = { next: () => (drop ? 0 : 1) };
  l.send = (p: Packet, now: number) => {
    drop = dropIt(p);
    send(p, now);
  };
}

const rel = (x: number, isn: number): number => (x - isn + 2 ** 32) % 2 ** 32;

/** Run `scenario` (one path, no jitter) with the losses of `pattern` instead of random ones. */
export function simulateWithLosses(scenario: Scenario, pattern: RunLossPattern, seed = 1): SimResult {
  const sc: Scenario = structuredClone(scenario);
  const path = sc.paths[0];
  if (sc.paths.length !== 1 || path.c2s.jitter_ms !== 0 || path.s2c.jitter_ms !== 0) throw new Error('loss replay needs one path without jitter');
  // any loss rate > 0 makes the link consult its loss draw for every frame; the draw decides
  path.c2s.loss_pct = 50;
  path.s2c.loss_pct = 50;
  const { world, app } = prepareRun(sc, { seed, captures: true, series: true });
  const link = world.links[0];
  const ackDrops = new Set(pattern.ack_drops.map(([a, n]) => `${a}#${n}`));
  let isn: number | null = null;
  const sent = new Map<number, number>();
  const acked = new Map<number, number>();
  overrideLossDraw(link.c2s, (p) => {
    if (p.flags & SYN) isn = p.seq;
    if (isn === null || p.payloadLen <= 0) return false;
    const s = rel(p.seq, isn);
    const n = sent.get(s) ?? 0;
    sent.set(s, n + 1);
    return pattern.data_drops.some(([first, k]) => k === n && first >= s && first < s + p.payloadLen);
  });
  overrideLossDraw(link.s2c, (p) => {
    if (isn === null || p.payloadLen > 0 || (p.flags & 0x17) !== 0x10) return false; // pure ACKs only
    const a = rel(p.ack, isn);
    const n = acked.get(a) ?? 0;
    acked.set(a, n + 1);
    return ackDrops.has(`${a}#${n}`);
  });
  const trace = executeRun(world, app, sc, { seed, captures: true, series: true });
  const summary = buildSummary(sc, trace, { ignored: [], wallTimeS: null });
  return { scenario: sc, seed, trace, summary, checks: summary.checks };
}
