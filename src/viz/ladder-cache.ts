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
  // the rest without reading rowOfId (destructuring would: a lazy one built just to be dropped)
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(model)) if (k !== 'rowOfId') out[k] = model[k as keyof LadderModel];
  return { ...(out as Omit<LadderModel, 'rowOfId'>), rowOfId: new Map() };
}

/** Give `model` a packet id → row map built from `id` on first use (rows are distinct packets: the first row of an id is its only one). */
export function lazyRowIndex(model: Omit<LadderModel, 'rowOfId'> & { rowOfId?: Map<number, number> }): LadderModel {
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
  return model as LadderModel;
}
