/**
 * What the timeline's scrubber marks: the moments worth jumping to (links going down and up, shape
 * changes, subflows established and closed, fallback, MPTCP signals, retransmission timeouts),
 * read once per trace. Pure; the component turns each kind into a translated label and a shape.
 */
import { bisector } from 'd3-array';
import type { Scenario } from '../core/scenario/types';
import type { Side, Trace } from '../core/sim/trace';
import { MPTCP_SUBTYPE } from '../core/wire/mptcp/types';
import { eventCommand, INTERVENTION_NOTE } from './timeline-scenario';
import { CLS_SIGNAL, ladderFor } from './ladder';

export type MarkKind = 'linkDown' | 'linkUp' | 'shape' | 'config' | 'subflowUp' | 'subflowClosed' | 'fallback' | 'signal' | 'rto';

export const MARK_KINDS: readonly MarkKind[] = ['linkDown', 'linkUp', 'shape', 'config', 'subflowUp', 'subflowClosed', 'fallback', 'signal', 'rto'];

export interface TimelineMark {
  /** ns */
  t: number;
  kind: MarkKind;
  /** Language-neutral detail: a command, a four-tuple, an option name, a reason. */
  detail: string;
  /** Which host it happened on, when that matters. */
  side?: Side;
  /** An event the playground added (an intervention). */
  intervention?: boolean;
}

/** MPTCP options that signal something to the peer (RFC 8684 §3.4–3.6), by subtype. */
const SIGNALS = new Map<number, string>([
  [MPTCP_SUBTYPE.ADD_ADDR, 'ADD_ADDR'],
  [MPTCP_SUBTYPE.REMOVE_ADDR, 'REMOVE_ADDR'],
  [MPTCP_SUBTYPE.MP_PRIO, 'MP_PRIO'],
  [MPTCP_SUBTYPE.MP_FAIL, 'MP_FAIL'],
  [MPTCP_SUBTYPE.MP_FASTCLOSE, 'MP_FASTCLOSE'],
  [MPTCP_SUBTYPE.MP_TCPRST, 'MP_TCPRST'],
]);

/** The MPTCP signal options' names by subtype (undefined: not a signal). */
const SIGNAL_BY_SUBTYPE: (string | undefined)[] = [];
for (const [subtype, name] of SIGNALS) SIGNAL_BY_SUBTYPE[subtype] = name;

/** Every mark of a run, sorted by time (stable: same-time marks keep their trace order). */
export function timelineMarks(trace: Pick<Trace, 'events' | 'captures'>, scenario: Pick<Scenario, 'events' | 'paths'>): TimelineMark[] {
  const marks: TimelineMark[] = [];
  const subflowSeen = new Set<string>();
  const labels = new Map<string, string>();
  const mptcpSockets = new Set<string>();
  for (const e of trace.events) {
    if (e.type === 'mptcp' && e.ev.type === 'subflow') mptcpSockets.add(e.side);
  }
  for (const e of trace.events) {
    switch (e.type) {
      case 'scenarioEvent': {
        // `ss` snapshots and harness-only `cmd`s change nothing in the run
        if (e.action === 'ss' || e.action === 'cmd') break;
        const ev = scenario.events[e.index];
        const intervention = ev?.note === INTERVENTION_NOTE;
        const detail = ev ? eventCommand(ev, scenario) : e.action;
        const kind: MarkKind = e.action === 'link_down' ? 'linkDown' : e.action === 'link_up' ? 'linkUp' : e.action === 'shape' || e.action === 'shape_reset' ? 'shape' : 'config';
        marks.push({ t: e.t, kind, detail, ...(intervention ? { intervention } : {}) });
        break;
      }
      case 'mptcp': {
        const ev = e.ev;
        if (ev.type === 'fallback') marks.push({ t: e.t, kind: 'fallback', detail: ev.reason, side: e.side });
        else if (ev.type === 'subflow') {
          // Both hosts report each subflow; its label is "local → remote", written here client first.
          // 'closed' carries a reason instead, so the label comes from the earlier reports.
          const id = `${e.side}|${e.token}|${ev.subflow}`;
          if (ev.what !== 'closed') labels.set(id, e.side === 'client' ? ev.detail : ev.detail.split(' → ').reverse().join(' → '));
          if (ev.what !== 'established' && ev.what !== 'closed') break;
          const tuple = labels.get(id) ?? id;
          const key = `${ev.what}|${tuple}`;
          if (subflowSeen.has(key)) break;
          subflowSeen.add(key);
          const detail = ev.what === 'closed' ? `${tuple} (${ev.detail})` : tuple;
          marks.push({ t: e.t, kind: ev.what === 'established' ? 'subflowUp' : 'subflowClosed', detail, side: e.side });
        }
        break;
      }
      case 'tcpState':
        // Plain TCP (no MPTCP subflow events from that host): the connection itself is the subflow.
        if (!mptcpSockets.has(e.side) && e.side === 'client' && e.to === 'established') marks.push({ t: e.t, kind: 'subflowUp', detail: `sock ${e.sock}`, side: e.side });
        break;
      case 'recovery':
        if (e.kind === 'rto') marks.push({ t: e.t, kind: 'rto', detail: `sock ${e.sock}`, side: e.side });
        break;
      default:
        break;
    }
  }
  // Signals: each packet once, at its first capture (where it left its host, or where it was seen
  // with one capture side) — the ladder's rows, whose class bits already tell which may carry one.
  // Reading the ladder's typed arrays instead of every record keeps this cheap on the page when a
  // capture of 400 k packets opens (the worker built that model: view-handoff.ts).
  const ladder = ladderFor(trace.captures);
  for (let r = 0; r < ladder.count; r++) {
    if ((ladder.cls[r] & CLS_SIGNAL) === 0) continue;
    const c = trace.captures[ladder.capture[r]];
    for (const o of c.pkt.mptcp ?? []) {
      const name = SIGNAL_BY_SUBTYPE[o.subtype];
      if (name !== undefined) marks.push({ t: c.t, kind: 'signal', detail: name, side: c.dir === 'c2s' ? 'client' : 'server' });
    }
  }
  return marks.map((m, i) => ({ m, i })).sort((a, b) => a.m.t - b.m.t || a.i - b.i).map((x) => x.m);
}

/** How many marks of each kind, in MARK_KINDS order, kinds without marks left out (the legend). */
export function countByKind(marks: readonly TimelineMark[]): { kind: MarkKind; count: number }[] {
  const c = new Map<MarkKind, number>();
  for (const m of marks) c.set(m.kind, (c.get(m.kind) ?? 0) + 1);
  return MARK_KINDS.filter((k) => c.has(k)).map((k) => ({ kind: k, count: c.get(k) ?? 0 }));
}

const byTime = bisector((m: { t: number }) => m.t);

/** Index of the first mark with t > `t` (binary search). */
export function firstMarkAfter(marks: readonly { t: number }[], t: number): number {
  return byTime.right(marks, t);
}

/** The next (dir 1) or previous (dir −1) mark time strictly after/before `t`, or null. */
export function neighbourMark(marks: readonly { t: number }[], t: number, dir: 1 | -1): number | null {
  if (dir === 1) {
    const i = firstMarkAfter(marks, t);
    return i < marks.length ? marks[i].t : null;
  }
  let i = firstMarkAfter(marks, t) - 1;
  while (i >= 0 && marks[i].t >= t) i--;
  return i >= 0 ? marks[i].t : null;
}
