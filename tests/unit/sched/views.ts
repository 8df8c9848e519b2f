/** Hand-built scheduler views for the scheduler tests: every field at an unremarkable value unless given. */
import type { SchedSubflowView } from '../../../src/core/sched/types';

export function sf(id: number, o: Partial<SchedSubflowView> = {}): SchedSubflowView {
  return {
    id,
    tcpCanSend: true,
    joinPending: false,
    stale: false,
    rcvSinceStale: false,
    backup: false,
    peerBackup: false,
    wmemQueued: 0,
    sndbuf: 4_000_000,
    pacingRate: 1_000_000,
    avgPacingRate: 1_000_000,
    queuesEmpty: true,
    staleCount: 0,
    rtxTimerRemaining: 0,
    srttUs: 40_000,
    rttvarUs: 5_000,
    cwnd: 10,
    mss: 1000,
    ...o,
  };
}
