/**
 * "script": a packet scheduler written by the user in JavaScript (scenario `sim.scheduler_script`),
 * in the spirit of the kernel's BPF schedulers (mptcp_sched_ops, net/mptcp/sched.c): the script's
 * `pickSend(view)` chooses the subflow for the next burst of new data, and its optional
 * `pickRetrans(view)` the one that re-sends the head of the MPTCP retransmit queue (else Linux's
 * choice, as the BPF examples keep the kernel's get_retrans).
 *
 * The view is plain, frozen data: `t` (seconds), `subflows[]` with every field of SchedSubflowView
 * plus `usable` (Linux's mptcp_subflow_active) and `cwndRoom` (bytes of congestion-window space),
 * and the connection's `wndEnd`, `sndNxt`, `unsentBytes`, `lastSendId`, `token`. The answer is a
 * subflow id, null (send nothing now), or `{ subflow, reason }` with a free-form reason the views
 * show as "why this subflow?". Anything else — an unknown id, a subflow that cannot send, a wrong
 * type, no answer at all — stops the run with a located error (ScriptError).
 */
import type { Nanos } from '../sim/time';
import { callScript, showValue } from '../script/call';
import { ScriptError } from '../script/script-error';
import type { CompiledScript, ScriptSpec } from '../script/types';
import { burstOf, linuxRetrans, memoryFree, usableSubflows } from './common';
import { inactiveReason } from './default';
import type { SchedDecision, SchedSubflowView, SchedView, Scheduler } from './types';

/** Functions a scheduler script may define (pickSend is required). */
export const SCHEDULER_SCRIPT_EXPORTS = ['pickSend', 'pickRetrans'] as const;
/** Longest reason string kept. */
export const MAX_REASON_LENGTH = 200;

/** The plain-data view handed to the script. */
export function scriptView(view: SchedView, t: Nanos, token: number): Record<string, unknown> {
  const c = usableSubflows(view);
  const usable = new Set(c.usable.map((u) => u.sf.id));
  return {
    t: t / 1e9,
    token,
    wndEnd: view.wndEnd,
    sndNxt: view.sndNxt,
    unsentBytes: view.unsentBytes,
    lastSendId: view.lastSendId,
    subflows: view.subflows.map((s) => ({ ...s, sndbuf: Number.isFinite(s.sndbuf) ? s.sndbuf : null, usable: usable.has(s.id), cwndRoom: s.cwnd * s.mss - s.wmemQueued })),
  };
}

/** Why subflow `sf` cannot take data now, in words. */
function notUsableWhy(sf: SchedSubflowView): string {
  if (sf.stale && !sf.rcvSinceStale) return 'it is stale';
  const r = inactiveReason(sf);
  return r === 'joinPending' ? 'its join is not fully established yet' : r === 'notEstablished' ? 'its TCP state is not ESTABLISHED' : 'it is not active';
}

/** Check a pickSend/pickRetrans answer: the chosen id (or null) and the reason, or a message saying what is wrong. */
export function readAnswer(v: unknown, view: SchedView, usableIds: ReadonlySet<number>): { id: number | null; note: string } | { error: string } {
  let id: unknown = v;
  let note = '';
  if (v === undefined) return { error: 'returned nothing: return a subflow id, null (send nothing now), or { subflow, reason }' };
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== 'subflow' && k !== 'reason');
    if (extra.length > 0) return { error: `returned ${showValue(v)}: unknown key "${extra[0]}" (expected { subflow, reason })` };
    if (!('subflow' in o)) return { error: `returned ${showValue(v)}: "subflow" is missing (a subflow id or null)` };
    id = o.subflow;
    if (o.reason !== undefined) {
      if (typeof o.reason !== 'string') return { error: `returned ${showValue(v)}: "reason" must be a string` };
      if (o.reason.length > MAX_REASON_LENGTH) return { error: `returned a reason of ${o.reason.length} characters (at most ${MAX_REASON_LENGTH})` };
      note = o.reason;
    }
  }
  if (id === null) return { id: null, note };
  if (typeof id !== 'number' || !Number.isInteger(id)) return { error: `returned ${showValue(v)}: expected a subflow id (an integer), null, or { subflow, reason }` };
  const sf = view.subflows.find((s) => s.id === id);
  if (!sf) return { error: `returned subflow ${id}, which does not exist (subflows: ${view.subflows.map((s) => s.id).join(', ') || 'none'})` };
  if (!usableIds.has(id)) return { error: `returned subflow ${id}, which cannot send now: ${notUsableWhy(sf)} (choose one whose "usable" is true, or null)` };
  return { id, note };
}

/** A Scheduler that asks the compiled script; `now` is the engine's clock, `token` the connection's. */
export function createScriptScheduler(script: CompiledScript, spec: ScriptSpec, now: () => Nanos, token: () => number): Scheduler {
  function pick(kind: 'pickSend' | 'pickRetrans', view: SchedView): SchedDecision {
    const c = usableSubflows(view);
    const t = now();
    const answer = callScript(script, spec, t, kind, kind, [scriptView(view, t, token())]);
    const r = readAnswer(answer, view, new Set(c.usable.map((u) => u.sf.id)));
    if ('error' in r) throw new ScriptError(spec.path, `${kind} ${r.error}`, t, kind);
    for (const u of c.usable) if (u.sf.id !== r.id) u.cand.skipped = 'notChosen';
    const chosen = c.usable.find((u) => u.sf.id === r.id) ?? null;
    const base = { candidates: c.candidates, avgPacingRate: [], recovered: c.recovered, timerIval: null, note: r.note };
    if (chosen === null) return { subflowId: null, burst: 0, reason: 'script', ...base };
    if (kind === 'pickSend' && !memoryFree(chosen.sf)) return { subflowId: null, burst: 0, reason: 'noSendSpace', ...base };
    return { subflowId: chosen.sf.id, burst: kind === 'pickSend' ? burstOf(view) : 0, reason: 'script', ...base };
  }
  return {
    id: 'script',
    titleKey: 'sched.script.title',
    describe: (d) => ({ key: d.reason === 'script' ? 'sched.script.why' : `sched.default.why.${d.reason}`, params: { id: d.subflowId ?? '', burst: d.burst, reason: d.note ?? '' } }),
    pickSend: (view) => pick('pickSend', view),
    pickRetrans: (view) => (script.defined.has('pickRetrans') ? pick('pickRetrans', view) : linuxRetrans(view)),
  };
}

