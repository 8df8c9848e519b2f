/**
 * Which packets the real kernel runs of a loss scenario lost, so that the simulator can replay
 * exactly those losses (tests/fidelity/tcp-loss-replay.test.ts): reads kernel-ref output folders
 * (wire_stats.json and the server-side capture merged-server.pcapng, dissected with tshark) and
 * writes tests/fidelity/kernel-ref/<name>/loss-patterns.json.
 *
 *   npx tsx scripts/collect-loss-patterns.ts NAME DIR...
 *
 * Plain TCP, one path, an upload with the default server-side capture. Per run:
 *   - data_drops: [relative sequence number, transmission] — the emulator dropped that transmission
 *     (0 = the original) of the data segment starting there. The capture is taken after the link,
 *     so a lost segment never shows; it is found as a hole: its first arrival comes after data
 *     above it. Drops beyond the holes are inferred: a short frame is the last data segment (it
 *     carries the FIN; no data follows to show the hole), and a full frame is taken as a lost
 *     retransmission of the hole repaired latest after the receiver first reported it. Inferred
 *     drops are listed in `inferred`.
 *   - ack_drops: [acknowledgment number, occurrence] — the server sent the occurrence-th pure ACK
 *     with that number (0 = the first) and the emulator dropped it. The capture sees these before
 *     the link; each drop is matched to the last ACK the server sent at or before the drop time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunLossPattern } from '../tests/fidelity/loss-replay';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Pkt {
  t: number;
  c2s: boolean;
  seq: number;
  len: number;
  ack: number;
  flags: number;
  /** SACK blocks [left, right] */
  sack: [number, number][];
}

function packets(pcap: string, serverPort: number): Pkt[] {
  const r = spawnSync(
    'tshark',
    ['-r', pcap, '-o', 'tcp.relative_sequence_numbers:TRUE', '-T', 'fields', '-E', 'separator=|', '-e', 'frame.time_epoch', '-e', 'tcp.dstport', '-e', 'tcp.seq', '-e', 'tcp.len', '-e', 'tcp.ack', '-e', 'tcp.flags', '-e', 'tcp.options.sack_le', '-e', 'tcp.options.sack_re'],
    { encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  if (r.error) throw new Error(`tshark is needed: ${r.error.message}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const f = line.split('|');
      const lefts = f[6] ? f[6].split(',').map(Number) : [];
      const rights = f[7] ? f[7].split(',').map(Number) : [];
      const sack = lefts.map((l, i): [number, number] => [l, rights[i]]).sort((a, b) => a[0] - b[0]);
      return { t: Number(f[0]), c2s: Number(f[1]) === serverPort, seq: Number(f[2]), len: Number(f[3]), ack: Number(f[4] || 0), flags: parseInt(f[5], 16), sack };
    });
}

export function lossPattern(dir: string): RunLossPattern {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, any>;
  const wire = JSON.parse(readFileSync(join(dir, 'wire_stats.json'), 'utf8')) as Record<string, any>;
  const port = Number(summary.scenario?.app?.port ?? 5201);
  const pk = packets(join(dir, 'merged-server.pcapng'), port);
  const inferred: string[] = [];
  // holes: data whose first arrival comes after data above it; when the receiver first reported it
  const seen = new Set<number>();
  const holes: number[] = [];
  const firstArrival = new Map<number, number>();
  let maxEnd = 0;
  let lastSeq = 0;
  for (const p of pk) {
    if (!p.c2s || p.len === 0) continue;
    if (p.seq < maxEnd && !seen.has(p.seq)) holes.push(p.seq);
    if (!seen.has(p.seq)) firstArrival.set(p.seq, p.t);
    seen.add(p.seq);
    maxEnd = Math.max(maxEnd, p.seq + p.len);
    lastSeq = Math.max(lastSeq, p.seq);
  }
  // when the receiver first reported each hole: the first ACK whose SACK blocks leave a gap there
  const reported = new Map<number, number>();
  for (const p of pk) {
    if (p.c2s || p.sack.length === 0) continue;
    let edge = p.ack;
    for (const [l, r] of p.sack) {
      if (l > edge && !reported.has(edge)) reported.set(edge, p.t);
      edge = Math.max(edge, r);
    }
  }
  const data: [number, number][] = holes.map((h) => [h, 0]);
  const drops = ((wire.paths?.['1']?.c2s?.drops ?? []) as [number, string, number][]).filter((d) => d[1] === 'loss');
  let extra = drops.length - holes.length;
  for (const d of drops) {
    if (extra <= 0) break;
    if (d[2] < 1514 && !holes.includes(lastSeq)) {
      data.push([lastSeq, 0]);
      inferred.push(`${lastSeq}#0: the last data segment (a ${d[2]}-byte frame)`);
      extra--;
    }
  }
  const byWait = holes
    .map((h) => ({ h, wait: (firstArrival.get(h) ?? 0) - (reported.get(h) ?? firstArrival.get(h) ?? 0) }))
    .sort((a, b) => b.wait - a.wait);
  for (let i = 0; i < extra && i < byWait.length; i++) {
    data.push([byWait[i].h, 1]);
    inferred.push(`${byWait[i].h}#1: a lost retransmission (repaired ${(byWait[i].wait * 1000).toFixed(1)} ms after the first report)`);
  }
  const s2c = pk.filter((p) => !p.c2s);
  const acks: [number, number][] = [];
  for (const [t, why] of (wire.paths?.['1']?.s2c?.drops ?? []) as [number, string][]) {
    if (why !== 'loss') continue;
    let i = -1;
    for (let j = 0; j < s2c.length && s2c[j].t <= t + 0.0002; j++) i = j;
    if (i < 0) continue;
    const a = s2c[i];
    const occ = s2c.slice(0, i).filter((q) => q.ack === a.ack && q.len === 0 && q.flags === a.flags).length;
    acks.push([a.ack, occ]);
  }
  return { run: basename(dir), seed: Number(summary.scenario?.seed ?? NaN), data_drops: data.sort((a, b) => a[0] - b[0] || a[1] - b[1]), ack_drops: acks, inferred };
}

function main(argv: string[]): void {
  const [name, ...dirs] = argv;
  if (!name || dirs.length === 0) {
    console.error('usage: collect-loss-patterns.ts NAME DIR...');
    process.exit(2);
  }
  const runs = dirs.map((d) => lossPattern(d));
  for (const r of runs) console.log(JSON.stringify(r));
  const outDir = join(root, 'tests/fidelity/kernel-ref', name);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'loss-patterns.json'), JSON.stringify({ scenario: name, runs }, null, 1) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
