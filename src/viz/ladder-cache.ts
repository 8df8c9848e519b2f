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
  if (model.count > 0 && model.rowOfId.size === 0) lazyRowIndex(model);
  ladderCache.set(captures, model);
}

/**
 * The model as a worker posts it: without its packet id → row map. Deserialising a Map of 400 k
 * entries (a 50 MB capture) takes the page a long task of its own, and the map is only needed once
 * something is selected; primeLadder rebuilds it from `id` on first use. (An empty map with rows is
 * never a built model's: every row's id is in it.)
 */
export function withoutRowIndex(model: LadderModel): LadderModel {
  return { ...model, rowOfId: new Map() };
}

function lazyRowIndex(model: LadderModel): void {
  let built: Map<number, number> | null = null;
  Object.defineProperty(model, 'rowOfId', {
    configurable: true,
    enumerable: true,
    get(): Map<number, number> {
      if (!built) {
        built = new Map();
        for (let r = 0; r < model.count; r++) built.set(model.id[r], r);
      }
      return built;
    },
  });
}
