/**
 * TCP Reno / NewReno window control as Linux implements it (net/ipv4/tcp_cong.c, `tcp_reno`,
 * Linux 6.18). Reference: Jacobson, SIGCOMM '88; RFC 5681 §3.1.
 *
 * - cong_avoid (`tcp_reno_cong_avoid`): nothing unless the socket is cwnd-limited (RFC 7661 /
 *   Linux `tcp_is_cwnd_limited`); in slow start (cwnd < ssthresh) cwnd += segments acked, capped at
 *   ssthresh; the leftover segments go to congestion avoidance, where cwnd grows by one segment per
 *   cwnd segments acknowledged (`tcp_cong_avoid_ai(tp, cwnd, acked)`: ≈ +1 segment per RTT).
 *   Linux counts segments, not bytes: its "Appropriate Byte Counting" is per whole segment and does
 *   not cap a stretch ACK at L = 2 (RFC 3465 §2.3).
 * - ssthresh (`tcp_reno_ssthresh`): max(cwnd / 2, 2) (RFC 5681 eq. 4 uses FlightSize; Linux uses
 *   cwnd).
 * - undo_cwnd (`tcp_reno_undo_cwnd`): max(cwnd, prior_cwnd), prior_cwnd being cwnd when the
 *   reduction began (since Linux 4.13; older kernels used max(cwnd, 2·ssthresh)).
 * - no pkts_acked, set_state or cwnd_event hooks.
 */
import { renoUndoCwnd, tcpCongAvoidAi, tcpInSlowStart, tcpSlowStart } from './tcp-cong';
import type { CaEvent, CaState, CcSocket, CongestionAlgorithm, CongestionControl } from './types';

class Reno implements CongestionControl {
  readonly id = 'reno';

  init(_sk: CcSocket, _nowUs: number): void {}

  ssthresh(sk: CcSocket): number {
    return Math.max(sk.cwnd >>> 1, 2);
  }

  congAvoid(sk: CcSocket, acked: number, _nowUs: number): void {
    if (!sk.isCwndLimited) return;
    if (tcpInSlowStart(sk)) {
      acked = tcpSlowStart(sk, acked);
      if (acked === 0) return;
    }
    tcpCongAvoidAi(sk, sk.cwnd, acked);
  }

  pktsAcked(_sk: CcSocket, _acked: number, _rttUs: number, _nowUs: number): void {}

  setState(_sk: CcSocket, _state: CaState, _nowUs: number): void {}

  cwndEvent(_sk: CcSocket, _ev: CaEvent, _nowUs: number): void {}

  undoCwnd(sk: CcSocket): number {
    return renoUndoCwnd(sk);
  }
}

/** A fresh Reno controller (it keeps no state, but each socket gets its own object). */
export function createReno(): CongestionControl {
  return new Reno();
}

export const reno: CongestionAlgorithm = {
  id: 'reno',
  titleKey: 'congestion.reno.title',
  create: createReno,
};
