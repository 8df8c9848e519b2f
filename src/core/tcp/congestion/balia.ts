/**
 * BALIA, the Balanced Linked Adaptation algorithm (Peng, Walid, Hwang, Low, "Multipath TCP:
 * Analysis, Design, and Implementation", IEEE/ACM ToN 2016): with x_k = w_k / rtt_k and
 * α_r = max_k x_k / x_r, per segment acknowledged on path r
 *   w_r += x_r / (rtt_r · (Σ_k x_k)²) · (1 + α_r)/2 · (4 + α_r)/5,
 * and on a loss  w_r −= (w_r / 2) · min(α_r, 1.5).
 */
import { CoupledBase } from './coupled';
import type { CcSocket, CongestionAlgorithm, CongestionControl } from './types';

function alphaOf(sk: CcSocket, members: readonly CcSocket[]): number {
  const x = (m: CcSocket): number => m.cwnd / m.srttUs;
  return Math.max(...members.map(x)) / x(sk);
}

class Balia extends CoupledBase {
  readonly id = 'balia';

  protected override increasePerSegment(sk: CcSocket, peers: CcSocket[]): number {
    let sum = 0;
    for (const m of peers) sum += m.cwnd / m.srttUs;
    const a = alphaOf(sk, peers);
    this.alpha = a;
    const x = sk.cwnd / sk.srttUs;
    return (x / (sk.srttUs * sum * sum)) * ((1 + a) / 2) * ((4 + a) / 5);
  }

  override ssthresh(sk: CcSocket): number {
    const peers = this.peers(sk);
    if (peers.length === 0) return super.ssthresh(sk);
    const a = alphaOf(sk, peers);
    return Math.max(Math.round(sk.cwnd - (sk.cwnd / 2) * Math.min(a, 1.5)), 2);
  }
}

export function createBalia(): CongestionControl {
  return new Balia();
}

export const balia: CongestionAlgorithm = { id: 'balia', titleKey: 'congestion.balia.title', create: createBalia };
