/**
 * Collects real-kernel runs of one scenario (outputs of `../shared/kernel-ref/run SCEN --out DIR`)
 * into the fidelity baseline under tests/fidelity/kernel-ref/<name>/:
 *   - runs.json: the per-run metrics of every run (duration, goodput, handshake, retransmitted
 *     bytes, the per-bin series and the client's tcp_info samples), which the fidelity tests average;
 *   - summary.json: one representative run's summary.json, trimmed (no ss_snapshots, no config).
 *
 *   npx tsx scripts/collect-kernel-ref.ts NAME REPRESENTATIVE_DIR DIR...
 *
 * The representative must be one of the DIRs. Prints one line per run (for the README table).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelRunMetrics, type KernelRunMetrics } from '../tests/fidelity/kernel-metrics';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): void {
  const [name, representative, ...dirs] = argv;
  if (!name || !representative || dirs.length === 0) {
    console.error('usage: collect-kernel-ref.ts NAME REPRESENTATIVE_DIR DIR...');
    process.exit(2);
  }
  if (!dirs.includes(representative)) {
    console.error('the representative run must be one of the DIRs');
    process.exit(2);
  }
  const outDir = join(root, 'tests/fidelity/kernel-ref', name);
  mkdirSync(outDir, { recursive: true });
  const runs: KernelRunMetrics[] = [];
  for (const dir of dirs) {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, any>;
    const m = kernelRunMetrics(summary, basename(dir));
    runs.push(m);
    console.log(JSON.stringify({ run: m.run, seed: m.seed, duration_s: m.duration_s, goodput_mbit: m.goodput_mbit, handshake_s: m.handshake_s, retransmitted_bytes: m.retransmitted_bytes }));
    if (dir === representative) {
      const trimmed = { ...summary };
      delete trimmed.ss_snapshots;
      delete trimmed.config;
      writeFileSync(join(outDir, 'summary.json'), JSON.stringify(trimmed, null, 1) + '\n');
    }
  }
  const kernel = runs[0]?.kernel ?? null;
  writeFileSync(join(outDir, 'runs.json'), JSON.stringify({ scenario: name, kernel, representative: basename(representative), runs }, null, 1) + '\n');
}

main(process.argv.slice(2));
