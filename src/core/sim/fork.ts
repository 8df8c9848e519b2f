/**
 * Forking the timeline without recomputing its past (issue 5: "an intervention re-renders in under
 * 300 ms for a 30 s scenario"; design.md §3: the timeline is a pure function of scenario + seed +
 * interventions).
 *
 * An intervention at t adds an event at t; the run is deterministic, so everything before t is the
 * same as in the run on screen. Instead of copying the simulator's state (its objects hold closures
 * over their world, which a copy would leave pointing at the old one), a pool keeps *paused runs*:
 * real runs of the same scenario, stopped at a few times p (RunSession.advance). A new version of the
 * scenario whose differences are all later than p takes such a run, re-queues its scenario events
 * (World.replaceScenario) and runs on from p. That is the same sequence of engine events as a run
 * from t = 0 (the tests compare whole traces), so the result is exact by construction.
 *
 * The paused runs do not keep the part of the trace already known (the captures and scheduler
 * decisions up to p, the bulk of the memory): they drop it as they go and take it back from the
 * trace of the run they were started for when they finish.
 */
import type { EventConfig, Scenario } from '../scenario/types';
import { RunSession, type RunOptions } from './run';
import type { Nanos } from './time';
import { fromSeconds } from './time';
import type { Trace } from './trace';

/** JSON with bigints spelled out (scenario objects may hold them). */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

/**
 * A scenario with user scripts (sim.pm_script, sim.scheduler_script) is always run from the start:
 * its sandbox and the script's own state live outside the simulator's objects.
 */
export function hasScripts(sc: Scenario): boolean {
  return (sc.sim?.pm_script ?? null) !== null || (sc.sim?.scheduler_script ?? null) !== null;
}

/** Everything about a scenario but its events: two versions must agree on it to share a past. */
export function scenarioBase(sc: Scenario): string {
  return stableJson({ ...sc, events: null });
}

/**
 * The earliest time (ns) at which two event lists differ: events are compared by index (the trace
 * names a scenario event by its index), so an event inserted before others shifts them and the
 * difference starts at the first index that changed. Infinity when they are the same.
 */
export function firstEventDifference(a: readonly EventConfig[], b: readonly EventConfig[]): Nanos {
  const n = Math.max(a.length, b.length);
  let first = Infinity;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && stableJson(x) === stableJson(y)) continue;
    // the validator sorts events by time: every later index is at least this late
    const at = Math.min(x ? fromSeconds(x.at) : Infinity, y ? fromSeconds(y.at) : Infinity);
    first = Math.min(first, at);
  }
  return first;
}

/** The trace arrays a paused run drops as it goes (append-only: records are never changed after they are pushed). */
interface Dropped {
  captures: number;
  schedDecisions: number;
}

/** A run paused at `session.now`, started for `scenario` (the version it is running). */
export class PausedRun {
  /** Where the run should pause (ns); it advances towards it in slices. */
  readonly target: Nanos;
  readonly dropped: Dropped = { captures: 0, schedDecisions: 0 };

  constructor(
    readonly session: RunSession,
    readonly scenario: Scenario,
    readonly base: string,
    /** A finished trace that shares this run's past: the dropped records come from it. */
    public source: Trace,
    target: Nanos,
  ) {
    this.target = target;
  }

  get now(): Nanos {
    return this.session.now;
  }

  /** The past (≤ now) of this run is the past of a run of `sc`. */
  sharesPastWith(sc: Scenario, base: string): boolean {
    return base === this.base && firstEventDifference(this.scenario.events, sc.events) > this.now;
  }

  /** Advance at most `slice` ns towards the target, dropping the records already in `source`. */
  step(slice: Nanos): void {
    this.session.advance(Math.min(this.target, this.session.now + slice));
    const w = this.session.world;
    // the source run recorded exactly these records up to now: keep counts, not copies
    this.dropped.captures += w.captures.length;
    this.dropped.schedDecisions += w.schedDecisions.length;
    w.captures.length = 0;
    w.schedDecisions.length = 0;
  }

  get ready(): boolean {
    return this.session.now >= this.target || this.session.ended;
  }

  /** Take `sc` (which shares this run's past) and run it to its end: the trace a fresh run of `sc` gives. */
  finishAs(sc: Scenario): Trace {
    this.session.world.replaceScenario(sc);
    const tr = this.session.finish();
    const keep = <T>(prefix: T[], count: number, rest: T[]): T[] => {
      const out = prefix.slice(0, count);
      for (const r of rest) out.push(r);
      return out;
    };
    return {
      ...tr,
      captures: keep(this.source.captures, this.dropped.captures, tr.captures),
      schedDecisions: keep(this.source.schedDecisions, this.dropped.schedDecisions, tr.schedDecisions),
    };
  }
}

/** What `ForkPool.run` did: `resumedAt` is the time (ns) the run went on from (0: from the start); `sharedCaptures` records are the source run's. */
export interface ForkedRun {
  trace: Trace;
  resumedAt: Nanos;
  sharedCaptures: number;
}

export interface ForkPoolOptions {
  /** Paused runs kept per run (at end × k / (count + 1)). */
  count: number;
}

/**
 * Paused runs of the current scenario, ready to take an intervention. `plan` after each finished
 * run; `work` in idle time advances them (a slice at a time, so the caller stays responsive); `run`
 * computes a scenario from the best paused run that shares its past, or from the start.
 */
export class ForkPool {
  #runs: PausedRun[] = [];
  #opts: RunOptions | null = null;

  constructor(readonly options: ForkPoolOptions = { count: 4 }) {}

  get paused(): readonly PausedRun[] {
    return this.#runs;
  }

  /** The options the pool's runs use must be the request's (seed, captures, views…). */
  #sameOpts(opts: RunOptions): boolean {
    const a = this.#opts;
    return a !== null && a.seed === opts.seed && a.captures === opts.captures && a.series === opts.series && a.untilS === opts.untilS && a.digestLimit === opts.digestLimit && a.viewCaptures === opts.viewCaptures;
  }

  /** Forget every paused run. */
  clear(): void {
    this.#runs = [];
    this.#opts = null;
  }

  /**
   * `trace` is the finished run of `sc`: keep the paused runs that share its past, and add runs to
   * pause at end × k / (count + 1) where none is near.
   */
  plan(sc: Scenario, opts: RunOptions, trace: Trace): void {
    if (hasScripts(sc)) return this.clear();
    const base = scenarioBase(sc);
    if (!this.#sameOpts(opts)) this.#runs = [];
    this.#opts = opts;
    this.#runs = this.#runs.filter((r) => r.sharesPastWith(sc, base));
    // the kept runs share their past with this run: take the dropped records from it (older traces can go)
    for (const r of this.#runs) r.source = trace;
    const n = this.options.count;
    const gap = trace.end / (n + 1);
    for (let k = 1; k <= n; k++) {
      const target = Math.round((trace.end * k) / (n + 1));
      if (this.#runs.some((r) => Math.abs(r.target - target) < gap / 2)) continue;
      this.#runs.push(new PausedRun(RunSession.start(sc, opts), sc, base, trace, target));
    }
    this.#runs.sort((a, b) => a.target - b.target);
  }

  /**
   * Advance by `slice` ns the paused run with the earliest target not reached yet (so an early pause
   * is there soon, rather than all late). Returns false when all are where they should be.
   */
  work(slice: Nanos): boolean {
    const next = this.#runs.find((r) => !r.ready);
    if (next === undefined) return false;
    next.step(slice);
    return true;
  }

  /** The latest paused run whose past `sc` shares (taken out of the pool), or null. */
  take(sc: Scenario, opts: RunOptions): PausedRun | null {
    if (hasScripts(sc) || !this.#sameOpts(opts)) return null;
    const base = scenarioBase(sc);
    let best: PausedRun | null = null;
    for (const r of this.#runs) if (r.now > 0 && r.sharesPastWith(sc, base) && (best === null || r.now > best.now)) best = r;
    if (best) this.#runs = this.#runs.filter((r) => r !== best);
    return best;
  }

  /** Run `sc`: from a paused run that shares its past when there is one, else from the start. */
  run(sc: Scenario, opts: RunOptions): ForkedRun {
    const p = this.take(sc, opts);
    if (p === null) return { trace: RunSession.start(sc, opts).finish(), resumedAt: 0, sharedCaptures: 0 };
    const resumedAt = p.now;
    const sharedCaptures = p.dropped.captures;
    return { trace: p.finishAs(sc), resumedAt, sharedCaptures };
  }
}
