/**
 * Round-trip time estimation and the retransmission timeout, as Linux computes them
 * (tcp_rtt_estimator / tcp_set_rto in net/ipv4/tcp_input.c), which refines RFC 6298:
 *  - the first sample sets SRTT = R and the deviation to R/2 (RFC 6298 §2.2);
 *  - later samples: SRTT += (R − SRTT)/8, and the mean deviation moves by 1/4 of the error, but a
 *    sample *below* SRTT moves it by only 1/32 (Linux damps RTT decreases, so a falling RTT does not
 *    inflate the RTO);
 *  - RTTVAR is the largest deviation seen over the last round trip and never below the minimum RTO
 *    (200 ms, TCP_RTO_MIN), decaying by 1/4 per round trip toward the current deviation;
 *  - RTO = SRTT + RTTVAR, between 200 ms and 120 s (TCP_RTO_MAX), rounded up to the jiffy
 *    (HZ = 250 on the reference kernel: 4 ms, as tcp_info's rto of 244000 µs for a 40.6 ms RTT shows).
 * All values are integer microseconds, as in Linux.
 */

export const TCP_RTO_MIN_US = 200_000;
export const TCP_RTO_MAX_US = 120_000_000;
export const TCP_TIMEOUT_INIT_US = 1_000_000; // RFC 6298 §2.1: RTO <- 1 s before any sample
export const JIFFY_US = 4_000;
/** TCP_TIMEOUT_MIN_US (include/net/tcp.h): slack added to the loss-probe and RACK reordering timeouts. */
export const TCP_TIMEOUT_MIN_US = 2_000;

export class RttEstimator {
  /** Smoothed RTT (µs), 0 before the first sample. */
  srttUs = 0;
  /** Mean deviation ×4 (µs), Linux's mdev_us scaling: RTO = SRTT + max(mdev·4, RTO_MIN). */
  mdevUs = 0;
  /** Largest deviation in the current round trip (µs). */
  mdevMaxUs = 0;
  /** RTTVAR as used for the RTO (µs). */
  rttvarUs = 0;
  /** Minimum RTT seen (µs), 0 before the first sample. */
  minRttUs = 0;
  /** Latest sample (µs). */
  latestUs = 0;
  /** Retransmission timeout before backoff (µs). */
  rtoUs = TCP_TIMEOUT_INIT_US;
  /** The round trip in which mdevMax is collected ends when snd_una passes this sequence number. */
  private rttSeq = 0;

  /** Feed one RTT sample `mUs` (µs). `sndUna` / `sndNxt` are relative sequence numbers. */
  sample(mUs: number, sndUna: number, sndNxt: number): void {
    let m = mUs > 0 ? mUs : 1;
    this.latestUs = m;
    if (this.minRttUs === 0 || m < this.minRttUs) this.minRttUs = m;
    if (this.srttUs !== 0) {
      const err = m - this.srttUs;
      this.srttUs += err / 8;
      if (err < 0) {
        m = -err - this.mdevUs / 4;
        if (m > 0) m /= 8;
      } else {
        m = err - this.mdevUs / 4;
      }
      this.mdevUs += m;
      if (this.mdevUs > this.mdevMaxUs) {
        this.mdevMaxUs = this.mdevUs;
        if (this.mdevMaxUs > this.rttvarUs) this.rttvarUs = this.mdevMaxUs;
      }
      if (sndUna > this.rttSeq) {
        if (this.mdevMaxUs < this.rttvarUs) this.rttvarUs -= (this.rttvarUs - this.mdevMaxUs) / 4;
        this.rttSeq = sndNxt;
        this.mdevMaxUs = TCP_RTO_MIN_US;
      }
    } else {
      this.srttUs = m;
      this.mdevUs = m * 2;
      this.rttvarUs = Math.max(this.mdevUs, TCP_RTO_MIN_US);
      this.mdevMaxUs = this.rttvarUs;
      this.rttSeq = sndNxt;
    }
    if (this.srttUs < 1) this.srttUs = 1;
    let rto = this.srttUs + this.rttvarUs;
    if (rto > TCP_RTO_MAX_US) rto = TCP_RTO_MAX_US;
    this.rtoUs = Math.ceil(rto / JIFFY_US) * JIFFY_US;
  }

  /** RTTVAR as tcp_info reports it (tcpi_rttvar = mdev_us >> 2; mdevUs is kept ×4 like Linux's mdev_us). */
  get reportedRttvarUs(): number {
    return Math.round(this.mdevUs / 4);
  }
}
