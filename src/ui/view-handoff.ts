/**
 * Handing a large trace from a worker to the page without freezing it (bench/ui/capture-open.ts,
 * bench/ui/run.ts --only intervene): the worker that made the trace also builds the views' heaviest
 * models (topology, ladder: typed arrays, transferred rather than copied), and sends the packet
 * records in chunks, a new one only when the page took an earlier one, so deserialising each is a
 * short task of its own and the page paints between them. Used by capture.worker.ts and sim.worker.ts.
 */
import type { Scenario } from '../core/scenario/types';
import type { CaptureRecord, Trace } from '../core/sim/trace';
import { buildTopologyState, resumeTopologyCore, topologyTransferables, type TopologyCore, type TopologyLives } from '../viz/topology-model';
import { buildLadderState, resumeLadder, type LadderBuild, type LadderModel } from '../viz/ladder';
import { withoutRowIndex } from '../viz/ladder-cache';

/** Records per chunk: a few ms of deserialisation on the page each. */
export const RECORD_CHUNK = 2048;

/** What the worker built for the views, and how long it took (ms). */
export interface ViewModels {
  topology: TopologyCore;
  ladder: LadderModel;
  deriveMs: number;
}

/**
 * What a worker keeps of a run's models to build those of a run that shares its first records
 * (a fork: resumeLadder, resumeTopologyCore), instead of reading every record again.
 */
export interface ViewState {
  ladder: LadderBuild;
  lives: TopologyLives;
}

export interface ViewModelOptions {
  /** The models of a run whose first `shared` records are this trace's: only the records after them are read. */
  from?: { state: ViewState; shared: number };
  /** Return the state to go on from later (the posted ladder is then a copy: the kept one is not transferred). */
  keep?: boolean;
}

export function buildViewModels(
  trace: Pick<Trace, 'captures' | 'links' | 'events' | 'end' | 'addressNames'>,
  scenario: Scenario,
  opts: ViewModelOptions = {},
): ViewModels & { state?: ViewState } {
  const t0 = performance.now();
  const from = opts.from;
  const topo = from ? resumeTopologyCore(from.state.lives, trace, scenario, from.shared) : buildTopologyState(trace, scenario);
  const built = from ? resumeLadder(from.state.ladder, trace.captures, from.shared) : buildLadderState(trace.captures);
  // posted without its id → row map: the page rebuilds it when first needed (ladder-cache.ts)
  const ladder = opts.keep ? rowlessCopy(built.model) : withoutRowIndex(built.model);
  return { topology: topo.core, ladder, deriveMs: performance.now() - t0, ...(opts.keep ? { state: { ladder: built, lives: topo.lives } } : {}) };
}

/** The model as posted (without its id → row map, ladder-cache.ts withoutRowIndex) with its own copies of the row arrays, so transferring them leaves the original intact. */
function rowlessCopy(m: LadderModel): LadderModel {
  return {
    subflows: m.subflows,
    conns: m.conns,
    count: m.count,
    sides: m.sides,
    id: m.id.slice(),
    t: m.t.slice(),
    tOther: m.tOther.slice(),
    capture: m.capture.slice(),
    captureOther: m.captureOther.slice(),
    subflow: m.subflow.slice(),
    dir: m.dir.slice(),
    cls: m.cls.slice(),
    isnC2s: m.isnC2s.slice(),
    isnS2c: m.isnS2c.slice(),
    rowOfId: new Map(),
  };
}

/** The buffers of the models' typed arrays: postMessage's transfer list. */
export function viewModelTransferables(m: ViewModels): ArrayBuffer[] {
  const l = m.ladder;
  const ladder = [l.id, l.t, l.tOther, l.capture, l.captureOther, l.subflow, l.dir, l.cls, l.isnC2s, l.isnS2c].map((a) => a.buffer as ArrayBuffer);
  return [...new Set([...topologyTransferables(m.topology), ...ladder])];
}

/**
 * Chunks on their way to the page at once. 1: the page paints between two chunks (2 saved little
 * time and gave more long tasks, bench/ui/capture-open.ts on a busy 2-core machine).
 */
export const CHUNKS_IN_FLIGHT = 1;

/** Worker side: the page's `more` messages, one per chunk it took. */
export class MoreGate {
  #credits = 0;
  #waiting: (() => void) | null = null;

  /** The page took a chunk. */
  release(): void {
    const go = this.#waiting;
    this.#waiting = null;
    if (go) go();
    else this.#credits++;
  }

  /** Resolves once the page has taken one more chunk. */
  async take(): Promise<void> {
    if (this.#credits > 0) {
      this.#credits--;
      return;
    }
    await new Promise<void>((resolve) => (this.#waiting = resolve));
  }
}

/** Worker side: post `records` chunks of `all`, at most CHUNKS_IN_FLIGHT not yet taken by the page; resolves when it took them all. */
export async function sendRecords(all: readonly CaptureRecord[], gate: MoreGate, post: (records: CaptureRecord[], total: number) => void): Promise<void> {
  let inFlight = 0;
  for (let i = 0; i < all.length; i += RECORD_CHUNK) {
    if (inFlight >= CHUNKS_IN_FLIGHT) {
      await gate.take();
      inFlight--;
    }
    post(all.slice(i, i + RECORD_CHUNK), all.length);
    inFlight++;
  }
  for (; inFlight > 0; inFlight--) await gate.take();
}
