/**
 * The pacing rate the default scheduler reads, and the fixed-point arithmetic it does with it.
 *
 * `tcpPacingRate` is Linux `tcp_update_pacing_rate` (net/ipv4/tcp_input.c) without the fq qdisc:
 * rate = mss · max(cwnd, packets_out) / srtt, scaled by net.ipv4.tcp_pacing_ss_ratio (200 %) while
 * cwnd < ssthresh/2 and by tcp_pacing_ca_ratio (120 %) otherwise, capped by sk_max_pacing_rate.
 * Linux keeps srtt_us in units of 1/8 µs and divides once; we do the same integer steps.
 */

/** net.ipv4.tcp_pacing_ss_ratio default. */
export const TCP_PACING_SS_RATIO = 200;
/** net.ipv4.tcp_pacing_ca_ratio default. */
export const TCP_PACING_CA_RATIO = 120;
/** MPTCP_SEND_BURST_SIZE = 65536 − 20 (TCP header) − 40 (options) − 40 (IPv6) − 8 (frag header). */
export const MPTCP_SEND_BURST_SIZE = 65428;

const TWO16 = 65536;
const TWO32 = 4294967296;
const TWO20 = 1048576;

export interface PacingInput {
  /** mss_cache, bytes. */
  mss: number;
  /** snd_cwnd, segments. */
  cwnd: number;
  /** snd_ssthresh, segments. */
  ssthresh: number;
  /** packets_out. */
  packetsOut: number;
  /** Smoothed RTT in µs (Linux srtt_us >> 3); 0 before the first sample. */
  srttUs: number;
  /** sk_max_pacing_rate, bytes/s (SO_MAX_PACING_RATE); default unlimited. */
  maxPacingRate?: number;
}

/** sk_pacing_rate in bytes/s, as tcp_update_pacing_rate sets it. */
export function tcpPacingRate(p: PacingInput): number {
  const ratio = p.cwnd < Math.floor(p.ssthresh / 2) ? TCP_PACING_SS_RATIO : TCP_PACING_CA_RATIO;
  // rate = mss * ((USEC_PER_SEC / 100) << 3) * ratio * max(cwnd, packets_out) / srtt_us(×8)
  let rate = p.mss * ((1_000_000 / 100) * 8) * ratio * Math.max(p.cwnd, p.packetsOut);
  const srtt8 = Math.round(p.srttUs * 8);
  if (srtt8 > 0) rate = Math.floor(rate / srtt8);
  return Math.min(rate, p.maxPacingRate ?? Infinity);
}

/** Linux reads avg_pacing_rate into a u32 (`u32 pace`) for the linger division. */
export function paceU32(rate: number): number {
  return rate < TWO32 ? Math.floor(rate) : Math.floor(rate) % TWO32;
}

/**
 * div_u64((u64)wmem << 32, pace), exactly, by long division in 16-bit steps (no precision lost while
 * the result stays below 2^53, i.e. while wmem/pace < 2^21 s).
 */
export function lingerTime(wmem: number, pace: number): number {
  const w = Math.floor(wmem);
  // the scheduler asks on nearly every ACK, for every subflow, and mostly for a (wmem, pace) it asked
  // before (only the acknowledged subflow's wmem moved): the last two answers are kept
  if (w === memoW0 && pace === memoP0) return memoQ0;
  if (w === memoW1 && pace === memoP1) return memoQ1;
  const q = lingerDiv(w, pace);
  memoW1 = memoW0;
  memoP1 = memoP0;
  memoQ1 = memoQ0;
  memoW0 = w;
  memoP0 = pace;
  memoQ0 = q;
  return q;
}

let memoW0 = -1;
let memoP0 = -1;
let memoQ0 = 0;
let memoW1 = -1;
let memoP1 = -1;
let memoQ1 = 0;

function lingerDiv(w: number, pace: number): number {
  // below 1 MiB, w·2^32 < 2^52 and, with a u32 pace, every product floorDiv forms stays below 2^53:
  // one exact division (the scheduler asks this on nearly every ACK)
  if (w < TWO20) return floorDiv(w * TWO32, pace);
  const q0 = floorDiv(w, pace);
  let r = w - q0 * pace;
  const q1 = floorDiv(r * TWO16, pace);
  r = r * TWO16 - q1 * pace;
  const q2 = floorDiv(r * TWO16, pace);
  return q0 * TWO32 + q1 * TWO16 + q2;
}

/** floor(a / b) for non-negative integers, corrected for the rounding of the float quotient. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  const r = a - q * b;
  if (r < 0) q--;
  else if (r >= b) q++;
  return q;
}

/** Linger time in seconds, for display. */
export function lingerSeconds(linger: number): number {
  return linger / TWO32;
}

/**
 * The scheduler's running average after a pick (mptcp_subflow_get_send):
 * avg = (avg · wmem + pacing · burst) / (burst + wmem), integer division on u64.
 */
export function updatedAvgPacingRate(avg: number, wmem: number, pacing: number, burst: number): number {
  const num = avg * wmem + pacing * burst;
  const den = burst + wmem;
  if (num <= Number.MAX_SAFE_INTEGER) return Math.floor(num / den);
  const big = BigInt(Math.floor(avg)) * BigInt(Math.floor(wmem)) + BigInt(Math.floor(pacing)) * BigInt(Math.floor(burst));
  return Number(big / BigInt(den));
}
