/**
 * The large trace arrays a forked run shares with the page's run (issue 5): a run that went on from
 * a paused run has the same past, so its result carries only what comes after the shared elements
 * and the page puts the two together (sim-runner.svelte.ts), as it does for the capture records.
 * Structured cloning the whole `schedDecisions`, `events` and `checkpoints` of a 30 s run into
 * each result cost the page a long task.
 */
import type { Trace } from '../core/sim/trace';
import { prefixThen } from '../core/sim/prefix';

/** How many leading elements of each array the result shares with the page's run. */
export interface SharedCounts {
  events: number;
  schedDecisions: number;
  checkpoints: number;
  pmClient: number;
  pmServer: number;
}

/** Lengths of a trace's shared arrays (a partial result's arrays are the first ones of its final result). */
export function traceLengths(tr: Trace): SharedCounts {
  return {
    events: tr.events.length,
    schedDecisions: tr.schedDecisions.length,
    checkpoints: tr.checkpoints.length,
    pmClient: tr.pmEvents.client.length,
    pmServer: tr.pmEvents.server.length,
  };
}

/** Leading elements of `xs` at or before `at` (ns), at most `max`: the run's past up to a pause at `at`. */
function leading(xs: readonly { t: number }[], at: number, max: number): number {
  const n = Math.min(xs.length, max);
  let i = 0;
  while (i < n && xs[i].t <= at) i++;
  return i;
}

/**
 * What `tr` shares with a run that has the same past up to `at` (ns) and whose arrays are `base`
 * long: the leading elements up to `at`, never more than the base run has (a partial base run may
 * stop among the elements at `at`; both are prefixes of one sequence, so the shorter one is shared).
 */
export function sharedCounts(tr: Trace, at: number, base: SharedCounts): SharedCounts {
  return {
    events: leading(tr.events, at, base.events),
    schedDecisions: leading(tr.schedDecisions, at, base.schedDecisions),
    checkpoints: leading(tr.checkpoints, at, base.checkpoints),
    pmClient: leading(tr.pmEvents.client, at, base.pmClient),
    pmServer: leading(tr.pmEvents.server, at, base.pmServer),
  };
}

/** `tr` without its first `n` elements of each shared array (what the worker sends). */
export function withoutShared(tr: Trace, n: SharedCounts): Trace {
  return {
    ...tr,
    events: tr.events.slice(n.events),
    schedDecisions: tr.schedDecisions.slice(n.schedDecisions),
    checkpoints: tr.checkpoints.slice(n.checkpoints),
    pmEvents: { client: tr.pmEvents.client.slice(n.pmClient), server: tr.pmEvents.server.slice(n.pmServer) },
  };
}

function join<T>(base: readonly T[], count: number, rest: readonly T[], what: string): T[] {
  if (count > base.length) throw new Error(`the result shares ${count} ${what} with the page's run, which has ${base.length}`);
  return prefixThen(base, count, rest);
}

/** The page's side of withoutShared: the first `n` elements from the page's run `base`, then those sent. */
export function spliceShared(base: Trace, sent: Trace, n: SharedCounts): Trace {
  return {
    ...sent,
    events: join(base.events, n.events, sent.events, 'events'),
    schedDecisions: join(base.schedDecisions, n.schedDecisions, sent.schedDecisions, 'scheduler decisions'),
    checkpoints: join(base.checkpoints, n.checkpoints, sent.checkpoints, 'checkpoints'),
    pmEvents: {
      client: join(base.pmEvents.client, n.pmClient, sent.pmEvents.client, 'client PM events'),
      server: join(base.pmEvents.server, n.pmServer, sent.pmEvents.server, 'server PM events'),
    },
  };
}
