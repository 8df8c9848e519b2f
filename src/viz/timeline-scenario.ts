/**
 * Interventions: acting at the cursor time t (take a link down, change its rate…) is adding one
 * event at t to the scenario and running it again (design.md §3: the run is a pure function of
 * scenario + seed, so the new run is identical up to t and forks after it).
 *
 * The run hands the views the *normalised* scenario (every default filled in), which the validator
 * does not take back as input; core/linux/scenario-fork.ts writes it back as a kernel-ref-scenario/1
 * file (shared with the console, which forks the same way). The event's `at` is exactly t (not
 * rounded), so the re-run is the same run up to the cursor, packet for packet.
 */
import type { EventConfig, Scenario, Shape } from '../core/scenario/types';
import { withEvent, type RawEvent } from '../core/linux/scenario-fork';

/** `note` of the events the playground added, so the timeline can list (and undo) them. */
export const INTERVENTION_NOTE = 'playground intervention';

/** What a view can do at time t. `side` is the interface taken down/up (kernel-ref `link_down`). */
export type Intervention =
  | { action: 'link_down' | 'link_up'; path: number; side: 'client' | 'server' | 'both' }
  | { action: 'shape'; path: number; dir: 'c2s' | 's2c' | 'both'; set: Partial<Pick<Shape, 'rate_mbit' | 'delay_ms' | 'loss_pct'>> };

type Raw = Record<string, unknown>;

/** Seconds for an event at `tNs` (exact: fromSeconds(toAt(t)) === t for any t a run can reach). */
export function nsToAt(tNs: number): number {
  return tNs / 1e9;
}

/** The latest time an event may have (kernel-ref: `at` ≤ 600 s). */
export const MAX_EVENT_AT_NS = 600e9;

/** The scenario input with `iv` added at time `tNs` (marked with INTERVENTION_NOTE). */
export function withIntervention(sc: Scenario, iv: Intervention, tNs: number): Raw {
  const at = nsToAt(Math.max(0, Math.min(MAX_EVENT_AT_NS, Math.round(tNs))));
  const ev: RawEvent =
    iv.action === 'shape'
      ? { at, action: 'shape', path: iv.path, dir: iv.dir, note: INTERVENTION_NOTE, ...iv.set }
      : { at, action: iv.action, path: iv.path, side: iv.side, note: INTERVENTION_NOTE };
  // After every event at the same time: the validator's stable sort keeps the file order.
  return withEvent(sc, ev);
}

/** The events the playground added to `sc`, in time order. */
export function interventionsOf(sc: Scenario): EventConfig[] {
  return sc.events.filter((e) => e.note === INTERVENTION_NOTE);
}

/** One event as a short language-neutral command, as kernel-ref would run it (for lists and tooltips). */
export function eventCommand(ev: EventConfig, sc: Pick<Scenario, 'paths'>): string {
  switch (ev.action) {
    case 'link_down':
    case 'link_up': {
      const p = sc.paths[ev.path - 1];
      const devs = ev.side === 'both' ? [p?.client_if, p?.server_if] : [ev.side === 'client' ? p?.client_if : p?.server_if];
      return devs.map((d) => `ip link set dev ${d ?? `p${ev.path}`} ${ev.action === 'link_up' ? 'up' : 'down'}`).join('; ');
    }
    case 'shape': {
      const parts = Object.entries(ev.set).map(([k, v]) => `${k}=${String(v)}`);
      return `shape p${ev.path} ${ev.dir} ${parts.join(' ')}`;
    }
    case 'shape_reset':
      return `shape_reset p${ev.path} ${ev.dir}`;
    default:
      return ev.action;
  }
}
