/**
 * The window-growth helpers every Linux controller shares: net/ipv4/tcp_cong.c
 * (`tcp_slow_start`, `tcp_cong_avoid_ai`) and include/net/tcp.h (`tcp_in_slow_start`, `after`).
 * Written from the kernel's documented behaviour (Linux 6.18); no kernel code is copied.
 */
import type { CcSocket } from './types';

/** include/net/tcp.h tcp_in_slow_start(): cwnd below ssthresh (strictly, since Linux 4.3). */
export function tcpInSlowStart(sk: CcSocket): boolean {
  return sk.cwnd < sk.ssthresh;
}

/**
 * tcp_slow_start(): cwnd grows by one segment per segment acknowledged, but not beyond ssthresh;
 * returns the acknowledged segments left over once ssthresh is reached, which the caller spends in
 * congestion avoidance. Linux counts whole segments (a stretch ACK of N segments grows cwnd by N:
 * no RFC 3465 L=2 cap), and clamps the result at snd_cwnd_clamp.
 */
export function tcpSlowStart(sk: CcSocket, acked: number): number {
  const cwnd = Math.min(sk.cwnd + acked, sk.ssthresh);
  const leftover = acked - (cwnd - sk.cwnd);
  sk.cwnd = Math.min(cwnd, sk.cwndClamp);
  return leftover;
}

/**
 * tcp_cong_avoid_ai(): additive increase of one segment per `w` segments acknowledged
 * (cwnd += 1/w per segment, counted in snd_cwnd_cnt). Credits collected while w was larger are
 * first turned into one segment "gently"; several segments may be added at once for a stretch ACK.
 */
export function tcpCongAvoidAi(sk: CcSocket, w: number, acked: number): void {
  if (sk.cwndCnt >= w) {
    sk.cwndCnt = 0;
    sk.cwnd += 1;
  }
  sk.cwndCnt += acked;
  if (sk.cwndCnt >= w) {
    const delta = Math.floor(sk.cwndCnt / w);
    sk.cwndCnt -= delta * w;
    sk.cwnd += delta;
  }
  sk.cwnd = Math.min(sk.cwnd, sk.cwndClamp);
}

/** include/net/tcp.h after(seq2, seq1): seq2 is later than seq1, modulo 2^32. */
export function seqAfter(seq2: number, seq1: number): boolean {
  return ((seq1 - seq2) | 0) < 0;
}

/** tcp_reno_undo_cwnd(): on undo, cwnd returns to at least its value before the reduction. */
export function renoUndoCwnd(sk: CcSocket): number {
  return Math.max(sk.cwnd, sk.priorCwnd);
}
