/**
 * One scheduler decision as the trace keeps it (trace.schedDecisions, SchedDecisionRecord): what
 * the scheduler saw of every subflow and what it chose, for the views' "why this subflow?". Built
 * only for decisions that hand data to a subflow, so the hot path pays for it only when data moves
 * and only when decisions are recorded.
 */
import type { Nanos } from '../sim/time';
import type { SchedDecisionRecord, Side } from '../sim/trace';
import type { SchedDecision, SchedSubflowView } from '../sched/types';

export interface DecisionContext {
  t: Nanos;
  side: Side;
  /** Local token, hex. */
  token: string;
  scheduler: string;
  kind: 'send' | 'retrans';
  /** DSN of the first byte the decision hands to the chosen subflow. */
  dsn: bigint;
  /** Bytes it handed over (≤ the decision's burst: the data written, the subflow's buffer room). */
  len: number;
}

/**
 * The record of `d`, taken against the view it was computed from (`views`, in the order the
 * scheduler saw them). Candidates are matched to views by subflow id, so a scheduler may list them
 * in any order.
 */
export function schedDecisionRecord(ctx: DecisionContext, d: SchedDecision, views: readonly SchedSubflowView[]): SchedDecisionRecord {
  const candidates: SchedDecisionRecord['candidates'] = [];
  for (const c of d.candidates) {
    let v: SchedSubflowView | undefined;
    for (let i = 0; i < views.length; i++) {
      if (views[i].id === c.id) {
        v = views[i];
        break;
      }
    }
    candidates.push({
      id: c.id,
      srttUs: v?.srttUs ?? 0,
      cwnd: v?.cwnd ?? 0,
      cwndRoom: v ? v.cwnd * v.mss - v.wmemQueued : 0,
      backup: c.backup,
      stale: v?.stale ?? false,
      skipped: c.skipped ?? null,
      lingerTime: c.lingerTime,
    });
  }
  const rec: SchedDecisionRecord = {
    t: ctx.t,
    side: ctx.side,
    token: ctx.token,
    scheduler: ctx.scheduler,
    kind: ctx.kind,
    chosen: d.subflowId,
    reason: d.reason,
    dsn: ctx.dsn,
    burst: ctx.kind === 'send' ? d.burst : ctx.len,
    len: ctx.len,
    candidates,
  };
  if (d.redundant !== undefined && d.redundant.length > 0) rec.redundant = [...d.redundant];
  return rec;
}
