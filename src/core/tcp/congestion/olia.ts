/**
 * OLIA, the Opportunistic Linked-Increases Algorithm (Khalili, Gast, Popovic, Le Boudec,
 * "MPTCP is not Pareto-optimal: performance issues and a possible solution", ACM CoNEXT 2012 /
 * IEEE/ACM ToN 2013): per segment acknowledged on path r,
 *   w_r += (w_r / rtt_r²) / (Σ_p w_p / rtt_p)² + α_r / w_r,
 * with M the paths of largest window, B the paths of largest ℓ_p² / rtt_p (ℓ_p = the larger of
 * the bytes delivered between the last two losses and since the last one), and
 *   α_r = 1 / (|P| · |B∖M|) for r in B∖M;  −1 / (|P| · |M|) for r in M when B∖M ≠ ∅;  0 otherwise.
 * The decrease on loss is w_r / 2.
 */
import { CoupledBase } from './coupled';
import type { CaState, CcSocket, CongestionAlgorithm, CongestionControl } from './types';

/** Segments delivered between the last two losses and since the last one, per socket. */
const interLoss = new WeakMap<CcSocket, { prev: number; since: number; mark: number }>();

function ell(sk: CcSocket): number {
  const s = interLoss.get(sk);
  if (!s) return sk.deliveredSegs;
  return Math.max(s.prev, sk.deliveredSegs - s.mark);
}

/** OLIA's α_r for `sk` among `members` (RFC-style sets B, M). */
export function oliaAlpha(sk: CcSocket, members: readonly CcSocket[]): number {
  const maxW = Math.max(...members.map((m) => m.cwnd));
  const M = members.filter((m) => m.cwnd === maxW);
  const score = (m: CcSocket): number => (ell(m) * ell(m)) / m.srttUs;
  const best = Math.max(...members.map(score));
  const B = members.filter((m) => score(m) === best);
  const bNotM = B.filter((m) => !M.includes(m));
  const n = members.length;
  if (bNotM.includes(sk)) return 1 / (n * bNotM.length);
  if (M.includes(sk) && bNotM.length > 0) return -1 / (n * M.length);
  return 0;
}

class Olia extends CoupledBase {
  readonly id = 'olia';

  protected override increasePerSegment(sk: CcSocket, peers: CcSocket[]): number {
    let sum = 0;
    for (const m of peers) sum += m.cwnd / m.srttUs;
    this.alpha = oliaAlpha(sk, peers);
    return sk.cwnd / (sk.srttUs * sk.srttUs) / (sum * sum) + this.alpha / sk.cwnd;
  }

  override setState(sk: CcSocket, state: CaState, _nowUs: number): void {
    if (state !== 'recovery' && state !== 'loss') return;
    // a loss: the segments delivered since the previous one become ℓ's "between the last two losses"
    const s = interLoss.get(sk);
    const since = sk.deliveredSegs - (s?.mark ?? 0);
    interLoss.set(sk, { prev: since, since: 0, mark: sk.deliveredSegs });
  }
}

export function createOlia(): CongestionControl {
  return new Olia();
}

export const olia: CongestionAlgorithm = { id: 'olia', titleKey: 'congestion.olia.title', create: createOlia };
