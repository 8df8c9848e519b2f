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
import { prefixThen } from './prefix';
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
  /** Where the run should pause (ns); it advances towards it in slices (ForkPool.aim moves it later). */
  target: Nanos;
  readonly dropped: Dropped = { captures: 0, schedDecisions: 0 };
  /**
   * False once the run took a scenario other than its source's (ForkPool.aim): records after that
   * are not in `source`, so it keeps them from then on (the dropped ones are still shared).
   */
  #drops = true;

  constructor(
    readonly session: RunSession,
    public scenario: Scenario,
    readonly base: string,
    /** A finished trace that shares this run's past: the dropped records come from it. */
    public source: Pick<Trace, 'captures' | 'schedDecisions'>,
    target: Nanos,
  ) {
    this.target = target;
  }

  /** A run with no source trace (started for ForkPool.aim): it keeps all its records. */
  static keeping(session: RunSession, sc: Scenario, base: string, target: Nanos): PausedRun {
    const r = new PausedRun(session, sc, base, { captures: [], schedDecisions: [] }, target);
    r.#drops = false;
    return r;
  }

  get now(): Nanos {
    return this.session.now;
  }

  /** The past (≤ now) of this run is the past of a run of `sc`. */
  sharesPastWith(sc: Scenario, base: string): boolean {
    return base === this.base && firstEventDifference(this.scenario.events, sc.events) > this.now;
  }

  /** Go on as a run of `sc` (which shares this run's past), keeping its own records from now on. */
  retake(sc: Scenario): void {
    if (firstEventDifference(this.scenario.events, sc.events) === Infinity) return;
    this.session.world.replaceScenario(sc);
    this.scenario = sc;
    this.#drops = false;
  }

  /** Advance at most `slice` ns towards the target, dropping the records already in `source`. */
  step(slice: Nanos): void {
    this.session.advance(Math.min(this.target, this.session.now + slice));
    if (!this.#drops) return;
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

  /** Take `sc` (which shares this run's past): the run goes on as a run of `sc` (LiveRun). */
  goOnAs(sc: Scenario): LiveRun {
    this.session.world.replaceScenario(sc);
    return new LiveRun(this.session, this.source, this.dropped);
  }

  /** Take `sc` (which shares this run's past) and run it to its end: the trace a fresh run of `sc` gives. */
  finishAs(sc: Scenario): Trace {
    return this.goOnAs(sc).finish();
  }
}

/**
 * A run going on (issue 5's progressive result): `advance` it in steps, take a `snapshot` (the
 * trace so far, a prefix of the final one), then `finish`. Its first records may be a source
 * trace's (the part a paused run dropped).
 */
export class LiveRun {
  constructor(
    readonly session: RunSession,
    readonly source: Pick<Trace, 'captures' | 'schedDecisions'> = { captures: [], schedDecisions: [] },
    readonly dropped: Readonly<Dropped> = { captures: 0, schedDecisions: 0 },
  ) {}

  get now(): Nanos {
    return this.session.now;
  }

  get ended(): boolean {
    return this.session.ended;
  }

  advance(t: Nanos): void {
    this.session.advance(t);
  }

  #join(tr: Pick<Trace, 'captures' | 'schedDecisions'>): Pick<Trace, 'captures' | 'schedDecisions'> {
    return {
      captures: prefixThen(this.source.captures, this.dropped.captures, tr.captures),
      schedDecisions: prefixThen(this.source.schedDecisions, this.dropped.schedDecisions, tr.schedDecisions),
    };
  }

  /** The trace up to now (RunSession.snapshot), with the shared records in front. */
  snapshot(): Trace {
    const tr = this.session.snapshot();
    return { ...tr, ...this.#join(tr) };
  }

  /** Run to the end: the trace a fresh run gives. */
  finish(): Trace {
    const tr = this.session.finish();
    return { ...tr, ...this.#join(tr) };
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
  /** The run ForkPool.aim moved to pause just before the cursor: advanced first. */
  #aimed: PausedRun | null = null;

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
    const aimed = this.#aimed !== null && !this.#aimed.ready && this.#runs.includes(this.#aimed) ? this.#aimed : null;
    const next = aimed ?? this.#runs.find((r) => !r.ready);
    if (next === undefined) return false;
    next.step(slice);
    return true;
  }

  /**
   * The cursor rests at `t` on a run of `sc` (the likely time of the next intervention): make a
   * paused run stop just before it, so a fork there simulates (almost) nothing before t. It takes
   * the latest run at or before t that shares `sc`'s past (it goes on as a run of `sc`), or starts
   * one. Work (`work`) then advances it before the others. False when `sc` cannot fork.
   */
  aim(sc: Scenario, seed: number, t: Nanos): boolean {
    const opts = this.#opts;
    if (opts === null || opts.seed !== seed || hasScripts(sc) || !(t > 0)) return false;
    const base = scenarioBase(sc);
    let best: PausedRun | null = null;
    for (const r of this.#runs) if (r.now <= t && r.sharesPastWith(sc, base) && (best === null || r.now > best.now)) best = r;
    if (best === null) {
      best = PausedRun.keeping(RunSession.start(sc, opts), sc, base, t);
      this.#runs.push(best);
    }
    best.retake(sc);
    best.target = t;
    this.#aimed = best;
    this.#runs.sort((a, b) => a.target - b.target);
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

  /** Start `sc`: from a paused run that shares its past when there is one, else from the start (run it with LiveRun). */
  begin(sc: Scenario, opts: RunOptions): { live: LiveRun; resumedAt: Nanos; sharedCaptures: number } {
    const p = this.take(sc, opts);
    if (p === null) return { live: new LiveRun(RunSession.start(sc, opts)), resumedAt: 0, sharedCaptures: 0 };
    return { live: p.goOnAs(sc), resumedAt: p.now, sharedCaptures: p.dropped.captures };
  }

  /** Run `sc`: from a paused run that shares its past when there is one, else from the start. */
  run(sc: Scenario, opts: RunOptions): ForkedRun {
    const { live, resumedAt, sharedCaptures } = this.begin(sc, opts);
    return { trace: live.finish(), resumedAt, sharedCaptures };
  }
}
