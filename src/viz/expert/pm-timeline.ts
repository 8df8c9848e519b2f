/**
 * Path-manager event timeline (issue 6 item 8): every `ip mptcp monitor` event of both hosts
 * (trace.pmEvents, kernel-ref pm_events), one lane per host, grouped by what it concerns —
 * the connection (CREATED, ESTABLISHED, CLOSED), a subflow (SF_*), an address (ANNOUNCED, REMOVED)
 * or the listener — with the event's attributes in `ip mptcp monitor`'s own `key=value` order.
 */
import type { Side, Trace } from '../../core/sim/trace';

export type PmEventGroup = 'connection' | 'subflow' | 'address' | 'listener';

export interface PmTimelineEvent {
  t: number;
  side: Side;
  type: string;
  group: PmEventGroup;
  /** `token=… remid=…` as `ip mptcp monitor` prints the attributes. */
  detail: string;
}

export function pmEventGroup(type: string): PmEventGroup {
  if (type.startsWith('SF_')) return 'subflow';
  if (type.startsWith('LISTENER_')) return 'listener';
  if (type === 'ANNOUNCED' || type === 'REMOVED') return 'address';
  return 'connection';
}

/** Both hosts' events in time order (client first at equal times, then in record order). */
export function pmTimeline(trace: Trace): PmTimelineEvent[] {
  const out: PmTimelineEvent[] = [];
  for (const side of ['client', 'server'] as const) {
    for (const e of trace.pmEvents[side]) {
      out.push({
        t: e.t,
        side,
        type: e.type,
        group: pmEventGroup(e.type),
        detail: Object.entries(e.attrs)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
      });
    }
  }
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.t - b.e.t || a.i - b.i).map((x) => x.e);
}
