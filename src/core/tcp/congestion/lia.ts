/**
 * LIA, the Linked Increases Algorithm (RFC 6356 §3): per segment acknowledged on subflow i,
 *   cwnd_i += min(α / cwnd_total, 1 / cwnd_i),
 *   α = cwnd_total · max_k(cwnd_k / rtt_k²) / (Σ_k cwnd_k / rtt_k)².
 * The decrease on loss is TCP's: cwnd_i / 2.
 */
import { CoupledBase } from './coupled';
import type { CcSocket, CongestionAlgorithm, CongestionControl } from './types';

/** RFC 6356 α for a set of subflows. */
export function liaAlpha(members: readonly CcSocket[]): number {
  let total = 0;
  let best = 0;
  let sum = 0;
  for (const m of members) {
    total += m.cwnd;
    best = Math.max(best, m.cwnd / (m.srttUs * m.srttUs));
    sum += m.cwnd / m.srttUs;
  }
  return (total * best) / (sum * sum);
}

class Lia extends CoupledBase {
  readonly id = 'lia';

  protected override increasePerSegment(sk: CcSocket, peers: CcSocket[]): number {
    const total = peers.reduce((a, m) => a + m.cwnd, 0);
    this.alpha = liaAlpha(peers);
    return Math.min(this.alpha / total, 1 / sk.cwnd);
  }
}

export function createLia(): CongestionControl {
  return new Lia();
}

export const lia: CongestionAlgorithm = { id: 'lia', titleKey: 'congestion.lia.title', create: createLia };
