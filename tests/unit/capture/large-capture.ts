/**
 * Measurement helper (not a test): `npx tsx tests/unit/capture/large-capture.ts OUT.pcapng [MB]`
 * writes a valid pcapng of about MB megabytes (default 50) by repeating kernel-ref's b_handover
 * capture, each copy one capture-length later with the client ports shifted (distinct connections),
 * then imports it and prints parse time and peak heap as one JSON line.
 */
import { writeFileSync } from 'node:fs';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { sourceFrames, writePcapng, type Frame } from './builders';

export function largeCapture(mb: number): Uint8Array {
  const src = sourceFrames('b_handover', 'merged-server.pcapng', 1e9);
  const span = src[src.length - 1].ts - src[0].ts + 1_000_000_000n;
  const out: Frame[] = [];
  let bytes = 0;
  for (let k = 0; bytes < mb * 1048576; k++) {
    for (const f of src) {
      const d = new Uint8Array(f.data);
      const tcp = 14 + (d[14] & 15) * 4;
      const at = ((d[tcp] << 8) | d[tcp + 1]) === 5201 ? tcp + 2 : tcp;
      const port = (((d[at] << 8) | d[at + 1]) + k * 7) & 0xffff;
      d[at] = port >> 8;
      d[at + 1] = port & 255;
      out.push({ ...f, ts: f.ts + span * BigInt(k), data: d });
      bytes += 32 + d.length;
    }
  }
  return writePcapng([{ linkType: 1, name: 'srv-p1', tsresol: 9 }, { linkType: 1, name: 'srv-p2', tsresol: 9 }], out, true);
}

if (process.argv[1]?.endsWith('large-capture.ts')) {
  const file = largeCapture(Number(process.argv[3] ?? 50));
  writeFileSync(process.argv[2] ?? 'large.pcapng', file);
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const r = importCapture(file, { onProgress: sample });
  const ms = performance.now() - t0;
  sample();
  console.log(JSON.stringify({ file_mb: +(file.length / 1048576).toFixed(1), ok: r.ok, frames: r.ok ? r.value.info.frames : 0, subflows: r.ok ? r.value.summary.subflows.length : 0, parse_ms: Math.round(ms), peak_heap_mb: Math.round(peak / 1048576), max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
