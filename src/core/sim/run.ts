/**
 * Run one scenario to its end and return the trace: build the world, start the applications at
 * t0 = 0, and run the engine until both applications are done (plus `app.linger_s`, as kernel-ref
 * lingers), until `timeout_s` (kernel-ref's bound on the transfer phase), or until `untilS`.
 */
import type { Scenario } from '../scenario/types';
import { BulkTransfer } from '../app/bulk-app';
import { World } from './world';
import { fromSeconds, type Nanos } from './time';
import type { EventHandler } from './event-queue';
import type { Trace } from './trace';
import { streamDigests } from './digest';
import { takeCheckpoint } from './checkpoint';
import type { Checkpoint } from './trace';
import type { ScriptRuntime } from '../script/types';

export interface RunOptions {
  seed: number;
  captures: boolean;
  series: boolean;
  untilS?: number;
  /** Compute SHA-256 digests of the streams up to this many bytes (0 = never). Default 64 MiB. */
  digestLimit?: number;
  /** Capture on both hosts whatever `capture.side` says (SimOptions.viewCaptures). */
  viewCaptures?: boolean;
  /** The sandbox for the scenario's scripts (SimOptions.scripts). */
  scripts?: ScriptRuntime;
}

/** Build the world and the applications of a scenario, ready to run (tests use this to reach inside). */
export function prepareRun(scenario: Scenario, opts: RunOptions): { world: World; app: BulkTransfer } {
  const world = new World(scenario, { seed: opts.seed, captures: opts.captures, series: opts.series, viewCaptures: opts.viewCaptures });
  const app = new BulkTransfer(world, scenario, opts.seed, opts.scripts);
  return { world, app };
}

export function runScenario(scenario: Scenario, opts: RunOptions): Trace {
  const { world, app } = prepareRun(scenario, opts);
  return executeRun(world, app, scenario, opts);
}

/** Start the apps, run to the end, and assemble the trace. */
export function executeRun(world: World, app: BulkTransfer, scenario: Scenario, opts: RunOptions): Trace {
  return new RunSession(world, app, opts).finish();
}

/** The checkpoint timer (a class, not a closure: a paused run keeps no hidden reference to its world). */
class CheckpointTick implements EventHandler<null> {
  constructor(
    private readonly world: World,
    private readonly app: BulkTransfer,
    private readonly every: Nanos,
    readonly out: Checkpoint[],
  ) {}

  fire(_a: null, now: Nanos): void {
    this.out.push(takeCheckpoint(this.world, this.app, now));
    this.world.engine.at(now + this.every, this, null);
  }
}

/**
 * One run that can stop and go on: `advance(t)` runs the engine to simulated time t and pauses
 * there; `finish()` runs to the end and assembles the trace. Running in several `advance` steps
 * gives the same trace as one go (the engine only jumps `now` forward between events). A paused
 * session can take another version of its scenario that differs only after now (sim/fork.ts).
 */
export class RunSession {
  readonly checkpoints: Checkpoint[] = [];
  /** The end: timeout_s, or untilS when earlier. */
  readonly until: Nanos;
  #finished = false;

  constructor(
    readonly world: World,
    readonly app: BulkTransfer,
    readonly opts: RunOptions,
  ) {
    const scenario = world.scenario;
    app.start();
    const tick = new CheckpointTick(world, app, fromSeconds(scenario.analysis.bin_s), this.checkpoints);
    world.engine.at(0, tick, null);
    const timeout = fromSeconds(scenario.timeout_s);
    this.until = opts.untilS !== undefined ? Math.min(fromSeconds(opts.untilS), timeout) : timeout;
  }

  static start(scenario: Scenario, opts: RunOptions): RunSession {
    const { world, app } = prepareRun(scenario, opts);
    return new RunSession(world, app, opts);
  }

  /** Simulated time the run is paused at (ns). */
  get now(): Nanos {
    return this.world.engine.now;
  }

  /** True when nothing is left to run (the apps ended the run, or `until` is reached). */
  get ended(): boolean {
    return this.world.engine.isStopped || this.world.engine.now >= this.until;
  }

  /** Run every event up to min(t, until) and pause. */
  advance(t: Nanos): void {
    if (this.#finished) throw new Error('RunSession: the run is already finished');
    this.world.engine.runUntil(Math.min(t, this.until));
  }

  /** Run to the end and assemble the trace (once). */
  finish(): Trace {
    this.advance(this.until);
    this.#finished = true;
    return assembleTrace(this.world, this.app, this.world.scenario, this.opts, this.checkpoints, false);
  }

  /**
   * The trace so far, as a run stopped here by `untilS` would give it (status 'until', no stream
   * digests), without changing the run: copies of everything that still grows or changes, so the
   * run can go on (a progressive result, sim/fork.ts LiveRun). Its records are a prefix of the final trace's.
   */
  snapshot(): Trace {
    if (this.#finished) throw new Error('RunSession: the run is already finished');
    return assembleTrace(this.world, this.app, this.world.scenario, this.opts, this.checkpoints, true);
  }
}

function assembleTrace(world: World, app: BulkTransfer, scenario: Scenario, opts: RunOptions, checkpoints: Checkpoint[], partial: boolean): Trace {
  const timeout = fromSeconds(scenario.timeout_s);
  const status: Trace['status'] = partial ? 'until' : app.allDone ? 'ok' : opts.untilS !== undefined && fromSeconds(opts.untilS) < timeout ? 'until' : 'timeout';
  const copy = <T>(x: T): T => (partial ? structuredClone(x) : x);
  const client = copy(app.client.result);
  const server = copy(app.server.result);
  const mib = copy(world.mib);
  for (const [ep, res] of [[app.client, client], [app.server, server]] as const) {
    for (const s of ep.flows) if (!s.streamInOrder) res.stream_in_order = false;
  }
  // counters kept by the congestion controllers (e.g. CUBIC's TCPHystart*) join the host's TcpExt
  for (const [ep, side] of [[app.client, 'client'], [app.server, 'server']] as const) {
    const tcpExt = mib[side].TcpExt;
    for (const s of ep.sockets) {
      const c = s.cc.counters;
      if (!c) continue;
      for (const [k, v] of Object.entries(c)) if (v !== 0) tcpExt[k] = (tcpExt[k] ?? 0) + v;
    }
  }
  const limit = partial ? 0 : (opts.digestLimit ?? 64 * 1024 * 1024);
  const upload = scenario.app.direction === 'upload';
  const snd = upload ? client : server;
  const rcv = upload ? server : client;
  // One flow: its stream's digest. Several flows (sim.tcp_flows): no single byte stream, no digest.
  const stream = app.singleStream;
  if (stream !== null && limit > 0) {
    // The receiver checked that every byte it delivered came from the position it was sent from,
    // so its stream is the sent stream's prefix of the received length: one pass hashes both.
    const wantSent = snd.bytes_sent <= limit;
    const wantRcv = rcv.bytes_received <= limit && rcv.stream_in_order;
    const [sent, received] = streamDigests(opts.seed, stream, [wantSent ? snd.bytes_sent : 0, wantRcv ? rcv.bytes_received : 0]);
    if (wantSent) snd.sha256_sent = sent;
    if (wantRcv) rcv.sha256_received = received;
  }
  const list = <T>(xs: T[]): T[] => (partial ? xs.slice() : xs);
  return {
    seed: opts.seed,
    end: world.engine.now,
    captures: list(world.captures),
    events: list(world.events),
    links: world.links.map((l) => ({ path: l.path, c2s: copy(l.c2s.stats), s2c: copy(l.s2c.stats) })),
    app: { client, server },
    series: copy(world.series),
    checkpoints: list(checkpoints),
    engineEvents: world.engine.events,
    packetsCreated: world.packetsCreated,
    dataPacketsDelivered: world.dataPacketsDelivered,
    status,
    pmEvents: partial ? { client: world.pmEvents.client.slice(), server: world.pmEvents.server.slice() } : world.pmEvents,
    schedDecisions: list(world.schedDecisions),
    counters: {
      client: { ...mib.client },
      server: { ...mib.server },
    },
  };
}
