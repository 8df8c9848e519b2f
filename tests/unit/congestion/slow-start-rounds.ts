/**
 * Test-only driver with full control over HyStart's inputs: the sender starts with its initial
 * window in flight; each in-flight segment is ACKed individually, ACKs of one flight spaced
 * `spacingUs` apart, each carrying the RTT sample `rttUs(flight, i)`; every ACK releases new
 * segments up to cwnd (Linux order: pktsAcked, congAvoid, transmit), which form the next flight,
 * whose ACKs start one RTT after the first ACK of the current flight (or right after its last ACK
 * when the flight is longer than an RTT). snd_una/snd_nxt advance in bytes so that the controller's
 * own round tracking (end_seq) sees them exactly like a socket's.
 */
import type { CcSocket, CongestionControl } from '../../../src/core/tcp/congestion/types';

export interface RoundsOptions {
  spacingUs: number;
  /** RTT sample of ACK i (0-based) of flight f (0 = the initial window). */
  rttUs: (flight: number, i: number) => number;
  flights: number;
  startUs?: number;
  /** Stop at the first ACK after which ssthresh is no longer infinite (slow start ended). */
  stopOnExit?: boolean;
}

export interface RoundsResult {
  /** Time and cwnd of the ACK at which ssthresh was first set (HyStart exit), or null. */
  exit: { tUs: number; flight: number; i: number; ssthresh: number } | null;
  endUs: number;
}

export function driveFlights(cc: CongestionControl, sk: CcSocket, o: RoundsOptions): RoundsResult {
  const start = o.startUs ?? 0;
  const initialSsthresh = sk.ssthresh;
  cc.init(sk, start);
  // initial window
  let flight = sk.cwnd;
  sk.packetsOut = flight;
  sk.sndNxtSeq = (sk.sndNxtSeq + flight * sk.mss) >>> 0;
  sk.lastSendUs = start;
  let firstAck = start + o.rttUs(0, 0);
  let exit: RoundsResult['exit'] = null;
  let now = start;
  for (let f = 0; f < o.flights; f++) {
    let next = 0;
    for (let i = 0; i < flight; i++) {
      const rtt = o.rttUs(f, i);
      now = firstAck + i * o.spacingUs;
      sk.sndUna = (sk.sndUna + sk.mss) >>> 0;
      sk.packetsOut -= 1;
      sk.deliveredSegs += 1;
      sk.srttUs = sk.srttUs === 0 ? rtt : sk.srttUs + (rtt - sk.srttUs) / 8;
      sk.minRttUs = sk.minRttUs === 0 ? rtt : Math.min(sk.minRttUs, rtt);
      cc.pktsAcked(sk, 1, rtt, now);
      cc.congAvoid(sk, 1, now);
      const send = Math.max(0, sk.cwnd - sk.packetsOut);
      sk.packetsOut += send;
      sk.sndNxtSeq = (sk.sndNxtSeq + send * sk.mss) >>> 0;
      if (send > 0) sk.lastSendUs = now;
      next += send;
      if (exit === null && sk.ssthresh !== initialSsthresh) {
        exit = { tUs: now, flight: f, i, ssthresh: sk.ssthresh };
        if (o.stopOnExit) return { exit, endUs: now };
      }
    }
    firstAck = Math.max(firstAck + o.rttUs(f + 1, 0), now + o.spacingUs);
    flight = next;
    if (flight === 0) break;
  }
  return { exit, endUs: now };
}
