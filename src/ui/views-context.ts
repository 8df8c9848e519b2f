/**
 * What every view of a run shares, provided by App.svelte through Svelte context: the clock
 * (playback) and `fork(scenario)`, which re-runs a changed scenario keeping the cursor where it is
 * (an intervention at time t adds an event at t; the run is deterministic, so nothing before t
 * changes).
 */
import { getContext, setContext } from 'svelte';
import type { Playback } from './playback.svelte';

export interface ViewsContext {
  playback: Playback;
  fork(scenario: object): void;
}

const KEY = Symbol('views');

export function provideViews(ctx: ViewsContext): void {
  setContext(KEY, ctx);
}

export function useViews(): ViewsContext {
  const ctx = getContext<ViewsContext | undefined>(KEY);
  if (!ctx) throw new Error('useViews() outside App.svelte');
  return ctx;
}
