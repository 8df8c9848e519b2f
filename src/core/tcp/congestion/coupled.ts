/**
 * Coupled congestion control for MPTCP subflows (the out-of-tree multipath-tcp.org kernel's
 * choice; upstream Linux couples nothing, kernel.md §7). A connection puts its subflows' sockets in
 * one `CoupledGroup`; each subflow's controller reads the whole group when it grows its window, so
 * the connection takes no more than one TCP's share at a shared bottleneck and moves traffic to
 * less congested paths.
 *
 * Windows are in segments and RTTs in µs; every formula below is a ratio in which units cancel.
 * Slow start, the loss reaction's use of ssthresh and the undo are Reno's; only the increase per
 * acknowledged segment in congestion avoidance (and BALIA's decrease) are coupled. A controller
 * alone in its group (or in no group) increases like Reno: 1/cwnd per segment.
 */
import { renoUndoCwnd, tcpInSlowStart, tcpSlowStart } from './tcp-cong';
import type { CaEvent, CaState, CcSocket, CongestionControl } from './types';

/** The subflows of one MPTCP connection, as their controllers see each other. */
export class CoupledGroup {
  readonly members: CcSocket[] = [];

  add(sk: CcSocket): void {
    if (!this.members.includes(sk)) this.members.push(sk);
  }

  remove(sk: CcSocket): void {
    const i = this.members.indexOf(sk);
    if (i >= 0) this.members.splice(i, 1);
  }

  /** Members with an RTT estimate (the formulas need one). */
  withRtt(): CcSocket[] {
    return this.members.filter((m) => m.srttUs > 0 && m.cwnd > 0);
  }
}

/** A controller that can join a connection's group. */
export interface CoupledControl extends CongestionControl {
  group: CoupledGroup | null;
  /** The algorithm's α at the last coupled increase (NaN until one). */
  readonly alpha: number;
}

export function isCoupled(cc: CongestionControl): cc is CoupledControl {
  return 'group' in cc;
}

export abstract class CoupledBase implements CoupledControl {
  abstract readonly id: string;
  group: CoupledGroup | null = null;
  /** Fractional window growth not yet applied (segments). */
  protected frac = 0;
  /** The algorithm's α at the last coupled increase (NaN until one; for the charts' series). */
  alpha = Number.NaN;

  /** The window increase, in segments, per segment acknowledged on `sk` in congestion avoidance. */
  protected abstract increasePerSegment(sk: CcSocket, peers: CcSocket[]): number;

  protected peers(sk: CcSocket): CcSocket[] {
    const g = this.group?.withRtt() ?? [];
    return g.includes(sk) && g.length > 1 ? g : [];
  }

  init(_sk: CcSocket, _nowUs: number): void {
    this.frac = 0;
  }

  ssthresh(sk: CcSocket): number {
    return Math.max(sk.cwnd >>> 1, 2);
  }

  congAvoid(sk: CcSocket, acked: number, _nowUs: number): void {
    if (!sk.isCwndLimited) return;
    if (tcpInSlowStart(sk)) {
      acked = tcpSlowStart(sk, acked);
      if (acked === 0) return;
    }
    const peers = this.peers(sk);
    if (peers.length === 0) this.alpha = Number.NaN;
    const inc = peers.length > 0 ? this.increasePerSegment(sk, peers) : 1 / sk.cwnd;
    // (the epsilon keeps n increments of exactly 1/n from losing the last one to rounding)
    this.frac += acked * Math.max(inc, 0);
    if (this.frac >= 1 - 1e-9) {
      const whole = Math.floor(this.frac + 1e-9);
      this.frac -= whole;
      sk.cwnd = Math.min(sk.cwnd + whole, sk.cwndClamp);
    }
  }

  pktsAcked(_sk: CcSocket, _acked: number, _rttUs: number, _nowUs: number): void {}

  setState(_sk: CcSocket, _state: CaState, _nowUs: number): void {}

  cwndEvent(_sk: CcSocket, _ev: CaEvent, _nowUs: number): void {}

  undoCwnd(sk: CcSocket): number {
    return renoUndoCwnd(sk);
  }

  inspect(): Readonly<Record<string, number | boolean>> {
    return { frac: this.frac, coupled: (this.group?.members.length ?? 0) > 1, alpha: this.alpha };
  }
}
