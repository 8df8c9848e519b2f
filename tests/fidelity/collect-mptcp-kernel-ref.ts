/**
 * Collects the MPTCP part of real-kernel runs of one scenario (outputs of
 * `../shared/kernel-ref/run SCEN --out DIR`) into tests/fidelity/kernel-ref/<name>/mptcp-runs.json:
 * one compact kernel-ref-summary/1 per run with what the comparison rows (compare-rows.ts) and
 * mptcp-vs-kernel.test.ts read — result, app (without the sampler series), subflows (without
 * series), connections, option counts, handshakes, signals, data gaps, PM events, the MPTcpExt
 * counters of both sides, the link drops — plus `payload_len_top`: the most frequent TCP payload
 * lengths per direction in the server-side capture (tshark over merged-server.pcapng), which the
 * summary does not carry. The file is compact JSON with one run per line.
 *
 *   npx tsx tests/fidelity/collect-mptcp-kernel-ref.ts [--append] NAME DIR...
 *
 * `--append` keeps the runs already stored in mptcp-runs.json and adds DIR... after them (a run is
 * named by its directory's basename; a name already stored is refused), so a scenario whose first
 * runs' outputs are gone can gain more runs.
 *
 * runs.json and the representative summary.json come from scripts/collect-kernel-ref.ts as for the
 * plain-TCP baselines (see kernel-ref/README.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIDELITY_DIR } from './kernel-baseline';
import { topLengths, type PayloadLenTop } from './mptcp-baseline';

/** The most frequent payload lengths per direction, from tshark over the merged server capture. */
function payloadLenTop(dir: string, clientAddrs: Set<string>): PayloadLenTop {
  const r = spawnSync('tshark', ['-r', join(dir, 'merged-server.pcapng'), '-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'ip.src', '-e', 'tcp.len'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tshark failed on ${dir}: ${r.stderr}`);
  const counts = { c2s: new Map<number, number>(), s2c: new Map<number, number>() };
  for (const line of r.stdout.split('\n')) {
    const [src, len] = line.split('\t');
    if (!src || !len) continue;
    const m = clientAddrs.has(src) ? counts.c2s : counts.s2c;
    m.set(Number(len), (m.get(Number(len)) ?? 0) + 1);
  }
  return { c2s: topLengths(counts.c2s), s2c: topLengths(counts.s2c) };
}

export function compactSummary(s: Record<string, any>, run: string): Record<string, any> {
  const app = { ...s.app };
  delete app.client;
  delete app.server;
  const drops: Record<string, unknown> = {};
  for (const [id, p] of Object.entries((s.wire?.paths ?? {}) as Record<string, any>)) {
    drops[id] = { c2s: { loss: p.c2s?.drop_loss ?? 0, queue: p.c2s?.drop_queue ?? 0 }, s2c: { loss: p.s2c?.drop_loss ?? 0, queue: p.s2c?.drop_queue ?? 0 } };
  }
  return {
    schema: s.schema,
    run,
    seed: s.scenario?.seed ?? null,
    scenario_name: s.scenario_name,
    environment: { kernel: s.environment?.kernel ?? null, tshark: s.environment?.tshark ?? null },
    result: s.result,
    app,
    data_direction: s.data_direction,
    bin_s: s.bin_s,
    subflows: (s.subflows ?? []).map((sf: Record<string, unknown>) => {
      const c = { ...sf };
      delete c.series_bytes;
      return c;
    }),
    connections: s.connections,
    option_counts_total: s.option_counts_total,
    handshakes: s.handshakes,
    mptcp_signals: s.mptcp_signals,
    data_gaps_top: s.data_gaps_top,
    pm_events: s.pm_events,
    kernel_counters: {
      client: { MPTcpExt: s.kernel_counters?.client?.MPTcpExt ?? {} },
      server: { MPTcpExt: s.kernel_counters?.server?.MPTcpExt ?? {} },
    },
    link_drops: drops,
  };
}

/** The names of the runs from `dirs` (their basenames); throws when one is already stored or given twice. */
export function newRunNames(stored: readonly { run: string }[], dirs: readonly string[]): string[] {
  const names = new Set(stored.map((r) => r.run));
  return dirs.map((dir) => {
    const name = basename(dir);
    if (names.has(name)) throw new Error(`run name ${name} (from ${dir}) is already stored or given twice`);
    names.add(name);
    return name;
  });
}

/** mptcp-runs.json's text: compact, one run per line — small in the repository, and a run appended later is one new line. */
export function runsFileText(scenario: string, runs: readonly Record<string, unknown>[]): string {
  return `{"scenario":${JSON.stringify(scenario)},"runs":[\n${runs.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

function main(argv: string[]): void {
  const append = argv[0] === '--append';
  const [name, ...dirs] = append ? argv.slice(1) : argv;
  if (!name || dirs.length === 0) {
    console.error('usage: collect-mptcp-kernel-ref.ts [--append] NAME DIR...');
    process.exit(2);
  }
  const out = join(FIDELITY_DIR, 'kernel-ref', name);
  const file = join(out, 'mptcp-runs.json');
  if (append && !existsSync(file)) {
    console.error(`--append: ${file} does not exist`);
    process.exit(2);
  }
  const stored = append ? (JSON.parse(readFileSync(file, 'utf8')) as { runs: { run: string }[] }).runs : [];
  try {
    newRunNames(stored, dirs);
  } catch (e) {
    console.error(`${(e as Error).message} (${file})`);
    process.exit(2);
  }
  const runs = dirs.map((dir) => {
    const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, any>;
    const clientAddrs = new Set<string>((s.paths ?? []).flatMap((p: any) => [p.client_addr, ...(p.client_extra_addrs ?? [])]));
    const c = compactSummary(s, basename(dir));
    c.payload_len_top = payloadLenTop(dir, clientAddrs);
    console.log(JSON.stringify({ run: c.run, duration_s: c.app.duration_s, goodput_mbit: c.app.goodput_mbit, mptcp: c.kernel_counters, payload_len_top: c.payload_len_top }));
    return c;
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(file, runsFileText(name, [...stored, ...runs]));
}

if (process.argv[1] && basename(process.argv[1]).startsWith('collect-mptcp-kernel-ref')) main(process.argv.slice(2));
