/**
 * `npm run analyze -- CAPTURE --out DIR [--side client|server] [--t0-epoch SECONDS] [--quiet]`:
 * an mptcptrace for MPTCP v1. Reads a .pcap / .pcapng (src/core/capture/), writes
 * DIR/summary.json (`kernel-ref-summary/1`, the same writer as `npm run sim`) with every field a
 * capture can tell — connections and subflows grouped by token, keys/tokens/IDSNs, handshakes,
 * option counts, signals, payload bytes, retransmissions, gaps — and null or empty where a capture
 * cannot tell (see src/core/capture/capture-trace.ts), and prints one JSON line.
 *
 * Exit codes as `npm run sim`: 0 ok (also with located problems in the file: they are printed and
 * listed, the view is partial) · 2 bad usage, unreadable file, too large, or no TCP packet in it ·
 * 4 internal failure. Never prints a stack trace.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve, basename } from 'node:path';
import { importCapture } from '../src/core/capture/capture-trace';
import { toJson } from '../src/core/export/json';
import type { Side } from '../src/core/sim/trace';
import { errorMessage, isEntryPoint } from './common';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 4;
/** Files beyond this are refused (the page's limit is 200 MB). */
export const CLI_MAX_CAPTURE_BYTES = 1024 * 1024 * 1024;

export const USAGE = 'usage: npm run analyze -- CAPTURE.pcap[ng] --out DIR [--side client|server] [--t0-epoch SECONDS] [--quiet]';

interface Args {
  capture: string;
  out: string;
  side?: Side;
  t0EpochNs?: bigint;
  quiet: boolean;
}

/** Seconds since the epoch with up to 9 decimals → exact ns. */
function secondsToNs(s: string): bigint | null {
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (m === null) return null;
  return BigInt(m[1]) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

export function parseAnalyzeArgs(argv: readonly string[]): { kind: 'help' } | { kind: 'error'; message: string } | { kind: 'ok'; args: Args } {
  let capture: string | undefined;
  let out: string | undefined;
  let side: Side | undefined;
  let t0EpochNs: bigint | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | null => (i + 1 < argv.length ? argv[++i] : null);
    if (a === '-h' || a === '--help') return { kind: 'help' };
    if (a === '--quiet') quiet = true;
    else if (a === '--out') {
      const v = value();
      if (v === null) return { kind: 'error', message: '--out needs a directory' };
      out = v;
    } else if (a === '--side') {
      const v = value();
      if (v !== 'client' && v !== 'server') return { kind: 'error', message: `--side must be client or server, not ${v ?? 'nothing'}` };
      side = v;
    } else if (a === '--t0-epoch') {
      const v = value();
      const ns = v === null ? null : secondsToNs(v);
      if (ns === null) return { kind: 'error', message: `--t0-epoch needs seconds since the epoch (e.g. 1795530385.0953546), not ${v ?? 'nothing'}` };
      t0EpochNs = ns;
    } else if (a.startsWith('-')) return { kind: 'error', message: `unknown option ${a}` };
    else if (capture === undefined) capture = a;
    else return { kind: 'error', message: `one capture file only (got ${capture} and ${a})` };
  }
  if (capture === undefined) return { kind: 'error', message: 'no capture file given' };
  if (out === undefined) return { kind: 'error', message: '--out DIR is required' };
  return { kind: 'ok', args: { capture, out, side, t0EpochNs, quiet } };
}

export async function main(argv: readonly string[], io: { stdout?: (s: string) => void; stderr?: (s: string) => void } = {}): Promise<number> {
  const out = io.stdout ?? ((s: string) => process.stdout.write(s + '\n'));
  const err = io.stderr ?? ((s: string) => process.stderr.write(s + '\n'));
  try {
    const p = parseAnalyzeArgs(argv);
    if (p.kind === 'help') {
      out(USAGE);
      return EXIT_OK;
    }
    if (p.kind === 'error') {
      err(`error: ${p.message}`);
      err(USAGE);
      return EXIT_BAD_INPUT;
    }
    const a = p.args;
    let bytes: Uint8Array;
    try {
      const st = await stat(a.capture);
      if (st.isDirectory()) {
        err(`error: capture file is a directory: ${a.capture}`);
        return EXIT_BAD_INPUT;
      }
      if (st.size > CLI_MAX_CAPTURE_BYTES) {
        err(`error: ${a.capture} is ${st.size} bytes; the limit is ${CLI_MAX_CAPTURE_BYTES} bytes (1 GB)`);
        return EXIT_BAD_INPUT;
      }
      bytes = await readFile(a.capture);
    } catch (e) {
      const code = (e as { code?: string }).code;
      err(`error: ${code === 'ENOENT' ? 'capture file not found' : 'capture file cannot be read'}: ${a.capture}${code === 'ENOENT' ? '' : `: ${errorMessage(e)}`}`);
      return EXIT_BAD_INPUT;
    }
    const t0 = performance.now();
    const r = importCapture(bytes, { fileName: basename(a.capture), side: a.side, t0EpochNs: a.t0EpochNs, maxBytes: CLI_MAX_CAPTURE_BYTES });
    if (!r.ok) {
      err(`error: ${a.capture}: ${r.message}`);
      for (const e of r.errors.slice(0, 20)) err(`  byte ${e.offset}${e.block ? `, block/record ${e.block}` : ''}: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    const { summary, info } = r.value;
    summary.result.wall_time_s = Math.round((performance.now() - t0) / 10) / 100;
    for (const e of info.errors.slice(0, 20)) if (!a.quiet) err(`problem: byte ${e.offset}, block/record ${e.block}: ${e.message}`);
    if (info.errors.length > 20 && !a.quiet) err(`… and ${info.errors.length - 20} more problems`);
    const dir = resolve(a.out);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'summary.json'), toJson(summary, 1) + '\n');
    } catch (e) {
      err(`error: cannot write ${join(dir, 'summary.json')}: ${errorMessage(e)}`);
      return EXIT_INTERNAL;
    }
    out(
      JSON.stringify({
        status: info.errors.length > 0 ? 'partial' : 'ok',
        summary: join(dir, 'summary.json'),
        format: info.format,
        frames: info.frames,
        tcp_packets: info.tcpPackets,
        connections: summary.connections.length,
        subflows: summary.subflows.length,
        problems: info.errors.length,
      }),
    );
    return EXIT_OK;
  } catch (e) {
    err(`error: ${errorMessage(e)}`);
    return EXIT_INTERNAL;
  }
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${errorMessage(e)}\n`);
      process.exit(EXIT_INTERNAL);
    },
  );
}
