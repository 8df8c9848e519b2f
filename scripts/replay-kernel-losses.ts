/**
 * Simulator vs real kernel under the same losses: replays every stored kernel run's losses
 * (tests/fidelity/kernel-ref/<name>/loss-patterns.json, made by collect-loss-patterns.ts) in the
 * simulator and prints one row per run: receiver's last byte (s after connect()), goodput, retransmissions, SACK
 * recoveries, RTOs and loss probes, kernel next to simulator.
 *
 *   npx tsx scripts/replay-kernel-losses.ts [NAME] [--run SUFFIX]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIDELITY_DIR, loadKernelBaseline, loadScenarioFile } from '../tests/fidelity/kernel-baseline';
import { normaliseScenario } from '../tests/fidelity/normalise';
import { simRunMetrics } from '../tests/fidelity/sim-metrics';
import { sinceConnect } from '../tests/fidelity/kernel-metrics';
import { simulateWithLosses, type LossPatterns } from '../tests/fidelity/loss-replay';

const argv = process.argv.slice(2);
const name = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--run') ?? 'tcp_10m_20ms_1mb_loss1';
const only = argv.includes('--run') ? argv[argv.indexOf('--run') + 1] : null;
const patterns = JSON.parse(readFileSync(join(FIDELITY_DIR, 'kernel-ref', name, 'loss-patterns.json'), 'utf8')) as LossPatterns;
const baseline = loadKernelBaseline(name);
const scenario = normaliseScenario(loadScenarioFile(name));
const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(1)} %`;
const c = (m: Record<string, number>, k: string): number => m[k] ?? 0;
let sumK = 0;
let sumS = 0;
console.log('run | last byte kernel / sim | goodput kernel / sim | retrans | SACK recoveries | RTOs | TLPs (kernel/sim)');
for (const p of patterns.runs) {
  if (only && !p.run.endsWith(only)) continue;
  const k = baseline.runs.find((r) => r.run === p.run)!;
  const s = simRunMetrics(simulateWithLosses(scenario, p));
  const kl = sinceConnect(k, k.times.receiver_last_byte)!;
  const sl = sinceConnect(s, s.times.receiver_last_byte)!;
  sumK += kl;
  sumS += sl;
  const kc = k.counters.sender;
  const sc = s.counters.sender;
  console.log(
    `${p.run.replace(/^.*-/, '')} | ${kl.toFixed(4)} / ${sl.toFixed(4)} (${pct(sl, kl)}) | ${k.goodput_mbit} / ${s.goodput_mbit?.toFixed(3)} | ${k.sender_retrans.segs}/${s.sender_retrans.segs} | ${c(kc, 'TCPSackRecovery')}/${c(sc, 'TCPSackRecovery')} | ${c(kc, 'TCPTimeouts')}/${c(sc, 'TCPTimeouts')} | ${c(kc, 'TCPLossProbes')}/${c(sc, 'TCPLossProbes')}`,
  );
}
console.log(`sum of last-byte times: kernel ${sumK.toFixed(3)} s, sim ${sumS.toFixed(3)} s (${pct(sumS, sumK)})`);
