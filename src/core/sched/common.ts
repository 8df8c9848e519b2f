/**
 * What the simple schedulers share: Linux's notion of a usable subflow (mptcp_subflow_active:
 * established, past its 4th ACK, not stale unless something arrived since) with the reason a
 * candidate is not, the burst the default scheduler allows, and a retransmission choice that
 * reuses Linux's (the BPF examples keep the kernel's get_retrans).
 */
import { defaultScheduler, inactiveReason } from './default';
import { MPTCP_SEND_BURST_SIZE } from './pacing-rate';
import type { SchedCandidate, SchedDecision, SchedReason, SchedSubflowView, SchedView } from './types';

export interface Usable {
  sf: SchedSubflowView;
  cand: SchedCandidate;
  backup: boolean;
}

/** Candidates for every subflow, and the usable ones in list order; `recovered` lists stale subflows seen active again. */
export function usableSubflows(view: SchedView): { candidates: SchedCandidate[]; usable: Usable[]; recovered: number[] } {
  const candidates: SchedCandidate[] = [];
  const usable: Usable[] = [];
  const recovered: number[] = [];
  for (const sf of view.subflows) {
    const backup = sf.backup || sf.peerBackup;
    const cand: SchedCandidate = { id: sf.id, backup, lingerTime: null };
    candidates.push(cand);
    if (sf.stale) {
      if (!sf.rcvSinceStale) {
        cand.skipped = 'stale';
        continue;
      }
      recovered.push(sf.id);
    }
    const inactive = inactiveReason(sf);
    if (inactive) cand.skipped = inactive;
    else usable.push({ sf, cand, backup });
  }
  return { candidates, usable, recovered };
}

/** min(MPTCP_SEND_BURST_SIZE, wnd_end − snd_nxt), as the default scheduler. */
export function burstOf(view: SchedView): number {
  return Math.min(MPTCP_SEND_BURST_SIZE, Math.max(0, view.wndEnd - view.sndNxt));
}

/** Bytes the subflow may still queue within its congestion window. */
export function cwndRoom(sf: SchedSubflowView): number {
  return sf.cwnd * sf.mss - sf.wmemQueued;
}

/** Subflow send buffer not full (sk_stream_memory_free). */
export function memoryFree(sf: SchedSubflowView): boolean {
  return sf.wmemQueued < sf.sndbuf;
}

/** A send decision for `chosen` (or nothing), marking the other usable candidates with `others`. */
export function decide(
  view: SchedView,
  c: { candidates: SchedCandidate[]; usable: Usable[]; recovered: number[] },
  chosen: Usable | null,
  reason: SchedReason,
  others: SchedCandidate['skipped'],
): SchedDecision {
  for (const u of c.usable) if (u !== chosen && !u.cand.skipped) u.cand.skipped = others;
  if (chosen === null) return { subflowId: null, burst: 0, reason: reason === 'waiting' ? 'waiting' : 'noActive', candidates: c.candidates, avgPacingRate: [], recovered: c.recovered, timerIval: null };
  if (!memoryFree(chosen.sf)) return { subflowId: null, burst: 0, reason: 'noSendSpace', candidates: c.candidates, avgPacingRate: [], recovered: c.recovered, timerIval: null };
  return { subflowId: chosen.sf.id, burst: burstOf(view), reason, candidates: c.candidates, avgPacingRate: [], recovered: c.recovered, timerIval: null };
}

/** Linux's retransmission choice (mptcp_subflow_get_retrans), shared by the simple schedulers. */
export const linuxRetrans = (view: SchedView): SchedDecision => defaultScheduler.pickRetrans(view);

/** The "why" line of a decision: `sched.<id>.why.<reason>` with the chosen subflow and burst. */
export function describeWith(id: string) {
  return (d: SchedDecision): { key: string; params: Record<string, string | number> } => ({
    key: `sched.${id}.why.${d.reason}`,
    params: { id: d.subflowId ?? '', burst: d.burst },
  });
}

/**
 * BLEST and ECF start alike: among the non-backup usable subflows (all, if none), the fastest
 * (lowest smoothed RTT) `fast`; if it has window room, `slow` is null; otherwise `slow` is the
 * fastest other subflow with room (null if none), and the full ones are marked `cwndFull`.
 */
export function fastAndSlow(c: { usable: Usable[] }): { fast: Usable; slow: Usable | null; fastHasRoom: boolean } | null {
  const primary = c.usable.filter((u) => !u.backup);
  const list = primary.length > 0 ? primary : c.usable;
  if (list.length === 0) return null;
  const fast = list.reduce((a, b) => (b.sf.srttUs < a.sf.srttUs ? b : a));
  if (cwndRoom(fast.sf) > 0) return { fast, slow: null, fastHasRoom: true };
  fast.cand.skipped = 'cwndFull';
  let slow: Usable | null = null;
  for (const u of list) {
    if (u === fast) continue;
    if (cwndRoom(u.sf) <= 0) u.cand.skipped = 'cwndFull';
    else if (slow === null || u.sf.srttUs < slow.sf.srttUs) slow = u;
  }
  return { fast, slow, fastHasRoom: false };
}
