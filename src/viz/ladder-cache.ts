/**
 * The ladder models already built, per captures array (src/viz/ladder.ts ladderFor), in a module
 * of its own so the page's entry (sim-runner, OpenCapture) can hand over a model built in a worker
 * without loading the ladder's code.
 */
import type { CaptureRecord } from '../core/sim/trace';
import type { LadderModel } from './ladder';

export const ladderCache = new WeakMap<readonly CaptureRecord[], LadderModel>();

/**
 * Give `ladderFor(captures)` a model built elsewhere from the same records in the same order (a
 * capture's worker builds it off the page: src/ui/capture.worker.ts). Rejects a model whose rows do
 * not fit the captures, with the reason.
 */
export function primeLadder(captures: readonly CaptureRecord[], model: LadderModel): void {
  // rows are in capture order, so the last row's first record is the highest index a row starts at
  const last = model.count > 0 ? model.capture[model.count - 1] : -1;
  if (model.count > captures.length || model.capture.length < model.count || last >= captures.length) {
    throw new Error(`ladder model: ${model.count} rows, capture index ${last}, but only ${captures.length} captures`);
  }
  ladderCache.set(captures, model);
}
