/** Undo/redo of interventions (src/viz/timeline-history.ts): a stack of scenario versions. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/core/scenario/types';
import { canRedo, canUndo, EMPTY_HISTORY, historyMove, historyPush, historySync } from '../../../src/viz/timeline-history';

const v = (name: string): Scenario => ({ name }) as unknown as Scenario;

describe('scenario history', () => {
  it('starts from the first run and cannot undo it', () => {
    const h = historySync(EMPTY_HISTORY, v('a'));
    expect(h.versions.map((s) => s.name)).toEqual(['a']);
    expect(canUndo(h)).toBe(false);
    expect(canRedo(h)).toBe(false);
    expect(canUndo(EMPTY_HISTORY)).toBe(false);
    expect(canRedo(EMPTY_HISTORY)).toBe(false);
  });

  it('pushes interventions, undoes and redoes them', () => {
    let h = historySync(EMPTY_HISTORY, v('a'));
    h = historyPush(h, v('b'));
    h = historyPush(h, v('c'));
    expect(h.index).toBe(2);
    h = historyMove(h, -1);
    expect(h.versions[h.index].name).toBe('b');
    expect(canRedo(h)).toBe(true);
    h = historyMove(h, -1);
    expect(historyMove(h, -1)).toBe(h);
    h = historyMove(h, 1);
    expect(h.versions[h.index].name).toBe('b');
  });

  it('a new intervention after an undo drops the redo branch', () => {
    let h = historyPush(historySync(EMPTY_HISTORY, v('a')), v('b'));
    h = historyMove(h, -1);
    h = historyPush(h, v('x'));
    expect(h.versions.map((s) => s.name)).toEqual(['a', 'x']);
    expect(canRedo(h)).toBe(false);
  });

  it('a run of a known version keeps the history; an unknown one (edited scenario) starts over', () => {
    let h = historyPush(historySync(EMPTY_HISTORY, v('a')), v('b'));
    expect(historySync(h, v('b'))).toBe(h);
    h = historySync(h, v('a'));
    expect(h.index).toBe(0);
    expect(h.versions).toHaveLength(2);
    h = historySync(h, v('edited'));
    expect(h.versions.map((s) => s.name)).toEqual(['edited']);
    expect(h.index).toBe(0);
  });
});
