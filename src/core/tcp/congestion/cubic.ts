/**
 * CUBIC with HyStart, as Linux 6.18 runs it (net/ipv4/tcp_cubic.c, module version 2.3).
 * References: Ha, Rhee, Xu, "CUBIC: A New TCP-Friendly High-Speed TCP Variant", ACM SIGOPS OSR
 * 2008; RFC 9438 (CUBIC); Ha, Rhee, "Taming the Elephants: New TCP Slow Start" (HyStart), 2011.
 * Written from the kernel's behaviour (facts only); no kernel code is copied.
 *
 * Kernel facts this file reproduces (defaults = the module parameters of the reference kernel,
 * /sys/module/tcp_cubic/parameters on Linux 6.18):
 * - beta = 717/1024 (≈ 0.7, BICTCP_BETA_SCALE 1024): ssthresh = max(cwnd·717/1024, 2).
 * - C = bic_scale 41 → cube_rtt_scale = 410 and cube_factor = 2^40 / 410, i.e. C = 0.4 seg/s³,
 *   with time in units of 1/1024 s (BICTCP_HZ = 10):
 *   K = cbrt(cube_factor · (W_max − cwnd_epoch)),  target = origin ± 410·|t − K|³ / 2^40.
 *   Time t = jiffies since the epoch start + delay_min (the target one min-RTT ahead).
 * - Fast convergence: a loss below the previous W_max sets W_max = cwnd·(1024+717)/2048.
 * - Epoch: starts at the first congestion-avoidance ACK after a reduction (epoch_start = 0 on every
 *   ssthresh()); W_max ≤ cwnd → K = 0 and origin = cwnd; before any loss (W_max = 0) the increase
 *   is at least 5 % per RTT (cnt ≤ 20).
 * - ca->cnt is recomputed at most once per jiffy, and skipped while cwnd is unchanged for up to
 *   HZ/32 jiffies. Jiffies here are simulated: HZ = 250 as CONFIG_HZ of the reference kernel.
 * - TCP friendliness: a Reno estimate tcp_cwnd grows by one segment per cwnd·beta_scale/8 segments
 *   acked, beta_scale = 8·(1024+717)/3/(1024−717) = 15 (integer), i.e. α ≈ 0.53 per RTT; when it
 *   is ahead of cwnd, cnt ≤ cwnd / (tcp_cwnd − cwnd).
 * - cnt ≥ 2: cwnd grows at most 1.5× per RTT in congestion avoidance.
 * - No delayed-ACK ratio: the old `delayed_ack` / ACK_RATIO_SHIFT estimate is absent from the 6.x
 *   source; bictcp_update() counts segments acked (stretch ACKs included) in ack_cnt instead.
 * - 'txStart' after idle (cwnd_event CA_EVENT_TX_START): epoch_start moves forward by the idle time
 *   (now − lsndtime, in jiffies) but never past now, so the curve resumes where it stopped.
 * - set_state(Loss) (RTO) resets everything, HyStart included; undo_cwnd = tcp_reno_undo_cwnd.
 * - delay_min (min RTT seen by CUBIC) ignores samples during the first second (HZ jiffies) of an
 *   epoch ("discard delay samples right after fast recovery").
 *
 * HyStart (hystart = 1, hystart_detect = 3 = ACK train | delay), in slow start only, while not yet
 * found:
 * - Rounds: a round ends when snd_una passes end_seq, the snd_nxt recorded at the round start;
 *   the reset (round_start = last_ack = now, end_seq = snd_nxt, curr_rtt = ∞, sample_cnt = 0) runs
 *   for any cwnd (fix "incorrect HyStart round start detection", 2025), detection only when
 *   cwnd ≥ hystart_low_window = 16.
 * - ACK train: an ACK within hystart_ack_delta_us = 2000 µs of the previous train ACK extends the
 *   train; if the train has lasted more than (delay_min + ack_delay)/2 since the round start,
 *   ssthresh = cwnd. ack_delay = min(1 ms, 4·gso_max_size / pacing_rate), pacing_rate as
 *   tcp_update_pacing_rate() (200 % of cwnd·mss/srtt in slow start), gso_max_size = 65536. The /2
 *   applies because the socket is not paced (sk_pacing_status NONE: no fq qdisc, as in kernel-ref).
 * - Delay: the round's minimum RTT over its first HYSTART_MIN_SAMPLES = 8 samples; from the 9th
 *   sample on, if it exceeds delay_min + clamp(delay_min/8, 4 ms, 16 ms), ssthresh = cwnd.
 * - Each exit moves the TcpExt counters TCPHystartTrainDetect/…TrainCwnd or
 *   TCPHystartDelayDetect/…DelayCwnd.
 *
 * Cube root: Linux approximates cbrt with a 64-entry table and one Newton–Raphson step (average
 * error ≈ 0.2 % per the kernel's comment). This file computes the exact integer cube root
 * floor(cbrt(a)) instead, so K can differ from the kernel's by a fraction of a percent.
 * All other arithmetic is the kernel's integer arithmetic (u32 where it matters), done on JS
 * numbers, exact below 2^53.
 */
import { renoUndoCwnd, seqAfter, tcpCongAvoidAi, tcpInSlowStart, tcpSlowStart } from './tcp-cong';
import type { CaEvent, CaState, CcSocket, CongestionAlgorithm, CongestionControl } from './types';

/** BICTCP_BETA_SCALE: beta is in 1/1024. */
export const BICTCP_BETA_SCALE = 1024;
/** BICTCP_HZ: the cubic curve's time unit is 2^-10 s. */
const BICTCP_HZ = 10;
/** HYSTART_ACK_TRAIN / HYSTART_DELAY: bits of hystart_detect. */
export const HYSTART_ACK_TRAIN = 0x1;
export const HYSTART_DELAY = 0x2;
/** HYSTART_MIN_SAMPLES: RTT samples per round before the delay test applies. */
export const HYSTART_MIN_SAMPLES = 8;
/** HYSTART_DELAY_MIN / MAX: bounds of the delay threshold, µs. */
export const HYSTART_DELAY_MIN_US = 4000;
export const HYSTART_DELAY_MAX_US = 16000;
/** GSO_LEGACY_MAX_SIZE: sk_gso_max_size of an IPv4 socket on a default device (hystart_ack_delay). */
const GSO_MAX_SIZE = 65536;
/** ~0U: curr_rtt before the first sample of a round. */
const U32_MAX = 0xffffffff;

/** The tcp_cubic module parameters (/sys/module/tcp_cubic/parameters), Linux defaults. */
export interface CubicParams {
  fastConvergence: boolean;
  /** beta, in 1/1024 (717 ≈ 0.7). */
  beta: number;
  /** initial_ssthresh: applied at init only when HyStart is off (0 = leave ssthresh infinite). */
  initialSsthresh: number;
  /** bic_scale, in 1/1024 (41 → C = 0.4). */
  bicScale: number;
  tcpFriendliness: boolean;
  hystart: boolean;
  /** hystart_detect: HYSTART_ACK_TRAIN | HYSTART_DELAY. */
  hystartDetect: number;
  hystartLowWindow: number;
  hystartAckDeltaUs: number;
  /** CONFIG_HZ of the emulated kernel (jiffy = 1/hz s); 250 on the reference kernel. */
  hz: number;
  /** sk_pacing_status != SK_PACING_NONE (fq qdisc or internal pacing): no halving of the ACK-train threshold. */
  paced: boolean;
}

export const CUBIC_DEFAULTS: Readonly<CubicParams> = Object.freeze({
  fastConvergence: true,
  beta: 717,
  initialSsthresh: 0,
  bicScale: 41,
  tcpFriendliness: true,
  hystart: true,
  hystartDetect: HYSTART_ACK_TRAIN | HYSTART_DELAY,
  hystartLowWindow: 16,
  hystartAckDeltaUs: 2000,
  hz: 250,
  paced: false,
});

/** TcpExt counters moved by HyStart (nstat names). */
export type CubicCounters = {
  TCPHystartTrainDetect: number;
  TCPHystartTrainCwnd: number;
  TCPHystartDelayDetect: number;
  TCPHystartDelayCwnd: number;
};

/** Exact floor(cbrt(a)) for a non-negative integer a < 2^53 (Linux: cubic_root(), approximate). */
export function cubicRoot(a: number): number {
  if (a <= 0) return 0;
  let x = Math.round(Math.cbrt(a));
  while (x * x * x > a) x--;
  while ((x + 1) * (x + 1) * (x + 1) <= a) x++;
  return x;
}

class Cubic implements CongestionControl {
  readonly id = 'cubic';
  readonly counters: CubicCounters = {
    TCPHystartTrainDetect: 0,
    TCPHystartTrainCwnd: 0,
    TCPHystartDelayDetect: 0,
    TCPHystartDelayCwnd: 0,
  };

  private readonly p: CubicParams;
  private readonly betaScale: number;
  private readonly cubeRttScale: number;
  private readonly cubeFactor: number;

  // struct bictcp (times in jiffies unless named *Us)
  private cnt = 0;
  private lastMaxCwnd = 0;
  private lastCwnd = 0;
  private lastTime = 0;
  private bicOriginPoint = 0;
  private bicK = 0;
  private delayMin = 0;
  private epochStart = 0;
  private ackCnt = 0;
  private tcpCwnd = 0;
  private sampleCnt = 0;
  private found = false;
  private roundStartUs = 0;
  private endSeq = 0;
  private lastAckUs = 0;
  private currRtt = U32_MAX;

  constructor(params: CubicParams) {
    this.p = params;
    this.betaScale = Math.floor(
      Math.floor((8 * (BICTCP_BETA_SCALE + params.beta)) / 3) / (BICTCP_BETA_SCALE - params.beta),
    );
    this.cubeRttScale = params.bicScale * 10;
    this.cubeFactor = Math.floor(2 ** (10 + 3 * BICTCP_HZ) / (params.bicScale * 10));
  }

  /**
   * tcp_jiffies32 at `nowUs`. Offset by one so that a real epoch never starts at jiffy 0, which
   * Linux uses as "no epoch" (epoch_start == 0).
   */
  private jiffies(nowUs: number): number {
    return Math.floor((Math.floor(nowUs) * this.p.hz) / 1e6) + 1;
  }

  /** usecs_to_jiffies(): rounds up. */
  private usecsToJiffies(us: number): number {
    return Math.ceil((us * this.p.hz) / 1e6);
  }

  /** bictcp_reset(): everything but the HyStart round state. */
  private reset(): void {
    this.cnt = 0;
    this.lastMaxCwnd = 0;
    this.lastCwnd = 0;
    this.lastTime = 0;
    this.bicOriginPoint = 0;
    this.bicK = 0;
    this.delayMin = 0;
    this.epochStart = 0;
    this.ackCnt = 0;
    this.tcpCwnd = 0;
    this.found = false;
  }

  /** bictcp_hystart_reset(): a new HyStart round starts now and ends when snd_nxt is acked. */
  private hystartReset(sk: CcSocket, nowUs: number): void {
    this.roundStartUs = this.lastAckUs = Math.floor(nowUs);
    this.endSeq = sk.sndNxtSeq;
    this.currRtt = U32_MAX;
    this.sampleCnt = 0;
  }

  init(sk: CcSocket, nowUs: number): void {
    this.reset();
    if (this.p.hystart) this.hystartReset(sk, nowUs);
    if (!this.p.hystart && this.p.initialSsthresh) sk.ssthresh = this.p.initialSsthresh;
  }

  ssthresh(sk: CcSocket): number {
    this.epochStart = 0; // end of epoch
    if (sk.cwnd < this.lastMaxCwnd && this.p.fastConvergence) {
      this.lastMaxCwnd = Math.floor((sk.cwnd * (BICTCP_BETA_SCALE + this.p.beta)) / (2 * BICTCP_BETA_SCALE));
    } else {
      this.lastMaxCwnd = sk.cwnd;
    }
    return Math.max(Math.floor((sk.cwnd * this.p.beta) / BICTCP_BETA_SCALE), 2);
  }

  congAvoid(sk: CcSocket, acked: number, nowUs: number): void {
    if (!sk.isCwndLimited) return;
    if (tcpInSlowStart(sk)) {
      acked = tcpSlowStart(sk, acked);
      if (acked === 0) return;
    }
    this.update(sk.cwnd, acked, nowUs);
    tcpCongAvoidAi(sk, this.cnt, acked);
  }

  /** bictcp_update(): sets cnt, the number of segments acked per one-segment cwnd increase. */
  private update(cwnd: number, acked: number, nowUs: number): void {
    this.ackCnt += acked;
    const now = this.jiffies(nowUs);

    if (this.lastCwnd === cwnd && now - this.lastTime <= Math.floor(this.p.hz / 32)) return;

    // At most one recomputation of the cubic target per jiffy (every reduction zeroes epoch_start).
    if (!(this.epochStart !== 0 && now === this.lastTime)) {
      this.lastCwnd = cwnd;
      this.lastTime = now;

      if (this.epochStart === 0) {
        this.epochStart = now;
        this.ackCnt = acked;
        this.tcpCwnd = cwnd;
        if (this.lastMaxCwnd <= cwnd) {
          this.bicK = 0;
          this.bicOriginPoint = cwnd;
        } else {
          this.bicK = cubicRoot(this.cubeFactor * (this.lastMaxCwnd - cwnd));
          this.bicOriginPoint = this.lastMaxCwnd;
        }
      }

      // t: time since the epoch start plus delay_min, in 1/1024 s.
      const tJiffies = now - this.epochStart + this.usecsToJiffies(this.delayMin);
      const t = Math.floor((tJiffies * 2 ** BICTCP_HZ) / this.p.hz);
      const offs = t < this.bicK ? this.bicK - t : t - this.bicK;
      const delta = Math.floor((this.cubeRttScale * offs * offs * offs) / 2 ** (10 + 3 * BICTCP_HZ));
      const bicTarget = t < this.bicK ? (this.bicOriginPoint - delta) >>> 0 : this.bicOriginPoint + delta;

      this.cnt = bicTarget > cwnd ? Math.floor(cwnd / (bicTarget - cwnd)) : 100 * cwnd;
      // Before the first loss the available bandwidth is unknown: at least 5 % per RTT.
      if (this.lastMaxCwnd === 0 && this.cnt > 20) this.cnt = 20;
    }

    if (this.p.tcpFriendliness) {
      const d = (cwnd * this.betaScale) >>> 3;
      if (d > 0 && this.ackCnt > d) {
        const steps = Math.ceil(this.ackCnt / d) - 1;
        this.ackCnt -= steps * d;
        this.tcpCwnd += steps;
      }
      if (this.tcpCwnd > cwnd) {
        const maxCnt = Math.floor(cwnd / (this.tcpCwnd - cwnd));
        if (this.cnt > maxCnt) this.cnt = maxCnt;
      }
    }

    if (this.cnt < 2) this.cnt = 2;
  }

  pktsAcked(sk: CcSocket, _acked: number, rttUs: number, nowUs: number): void {
    if (rttUs < 0) return;
    if (this.epochStart !== 0 && this.jiffies(nowUs) - this.epochStart < this.p.hz) return;

    let delay = Math.floor(rttUs);
    if (delay === 0) delay = 1;
    if (this.delayMin === 0 || this.delayMin > delay) this.delayMin = delay;

    if (!this.found && tcpInSlowStart(sk) && this.p.hystart) this.hystartUpdate(sk, delay, nowUs);
  }

  /** hystart_ack_delay(): allowance for TSO/GRO batching, from the pacing rate, capped at 1 ms. */
  private hystartAckDelayUs(sk: CcSocket): number {
    if (sk.srttUs <= 0) return 0; // no srtt: pacing rate left huge by tcp_update_pacing_rate()
    const ratio = sk.cwnd < sk.ssthresh / 2 ? 200 : 120; // tcp_pacing_ss_ratio / tcp_pacing_ca_ratio
    const rate = (sk.mss * 10000 * ratio * Math.max(sk.cwnd, sk.packetsOut)) / sk.srttUs; // bytes/s
    if (rate <= 0) return 0;
    return Math.min(1000, Math.floor((GSO_MAX_SIZE * 4 * 1e6) / rate));
  }

  /** hystart_update(): round tracking, then ACK-train and delay detection of the slow-start exit. */
  private hystartUpdate(sk: CcSocket, delay: number, nowUs: number): void {
    if (seqAfter(sk.sndUna, this.endSeq)) this.hystartReset(sk, nowUs);
    if (sk.cwnd < this.p.hystartLowWindow) return;

    if (this.p.hystartDetect & HYSTART_ACK_TRAIN) {
      const now = Math.floor(nowUs);
      if (now - this.lastAckUs <= this.p.hystartAckDeltaUs) {
        this.lastAckUs = now;
        let threshold = this.delayMin + this.hystartAckDelayUs(sk);
        if (!this.p.paced) threshold = Math.floor(threshold / 2);
        if (now - this.roundStartUs > threshold) {
          this.found = true;
          this.counters.TCPHystartTrainDetect += 1;
          this.counters.TCPHystartTrainCwnd += sk.cwnd;
          sk.ssthresh = sk.cwnd;
        }
      }
    }

    if (this.p.hystartDetect & HYSTART_DELAY) {
      if (this.currRtt > delay) this.currRtt = delay;
      if (this.sampleCnt < HYSTART_MIN_SAMPLES) {
        this.sampleCnt++;
      } else {
        const thresh = Math.min(Math.max(this.delayMin >>> 3, HYSTART_DELAY_MIN_US), HYSTART_DELAY_MAX_US);
        if (this.currRtt > this.delayMin + thresh) {
          this.found = true;
          this.counters.TCPHystartDelayDetect += 1;
          this.counters.TCPHystartDelayCwnd += sk.cwnd;
          sk.ssthresh = sk.cwnd;
        }
      }
    }
  }

  setState(sk: CcSocket, state: CaState, nowUs: number): void {
    if (state === 'loss') {
      this.reset();
      this.hystartReset(sk, nowUs);
    }
  }

  cwndEvent(sk: CcSocket, ev: CaEvent, nowUs: number): void {
    if (ev !== 'txStart') return;
    const now = this.jiffies(nowUs);
    const idle = now - this.jiffies(sk.lastSendUs);
    // Application-limited (idle) for a while: shift the epoch so cwnd stays on the cubic curve.
    if (this.epochStart !== 0 && idle > 0) {
      this.epochStart += idle;
      if (this.epochStart > now) this.epochStart = now;
    }
  }

  undoCwnd(sk: CcSocket): number {
    return renoUndoCwnd(sk);
  }

  inspect(): Readonly<Record<string, number | boolean>> {
    return {
      cnt: this.cnt,
      lastMaxCwnd: this.lastMaxCwnd,
      bicOriginPoint: this.bicOriginPoint,
      bicK: this.bicK,
      kSeconds: this.bicK / 2 ** BICTCP_HZ,
      delayMinUs: this.delayMin,
      epochActive: this.epochStart !== 0,
      epochStartUs: this.epochStart === 0 ? -1 : ((this.epochStart - 1) * 1e6) / this.p.hz,
      ackCnt: this.ackCnt,
      tcpCwnd: this.tcpCwnd,
      hystartFound: this.found,
      hystartRoundStartUs: this.roundStartUs,
      hystartEndSeq: this.endSeq,
      hystartCurrRttUs: this.currRtt,
      hystartSampleCnt: this.sampleCnt,
    };
  }
}

/** A CUBIC controller; `params` overrides the Linux module-parameter defaults. */
export function createCubic(params: Partial<CubicParams> = {}): CongestionControl {
  return new Cubic({ ...CUBIC_DEFAULTS, ...params });
}

export const cubic: CongestionAlgorithm = {
  id: 'cubic',
  titleKey: 'congestion.cubic.title',
  create: () => createCubic(),
};
