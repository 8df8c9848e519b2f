/**
 * The stored MPTCP real-kernel runs (tests/fidelity/kernel-ref/<name>/mptcp-runs.json, written by
 * collect-mptcp-kernel-ref.ts) and the matching measurements of a simulator run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimResult } from '../../src/core/index';
import { FIDELITY_DIR } from './kernel-baseline';
import type { Summary } from './compare-rows';

export interface PayloadLenCount {
  len: number;
  count: number;
}

export type PayloadLenTop = { c2s: PayloadLenCount[]; s2c: PayloadLenCount[] };

/** One real-kernel run: a compact kernel-ref-summary/1 plus the capture's most frequent payload lengths. */
export type KernelMptcpRun = Summary & { run: string; payload_len_top: PayloadLenTop };

export function loadMptcpRuns(name: string): KernelMptcpRun[] {
  const f = JSON.parse(readFileSync(join(FIDELITY_DIR, 'kernel-ref', name, 'mptcp-runs.json'), 'utf8')) as { runs: KernelMptcpRun[] };
  return f.runs;
}

/** The most frequent TCP payload lengths per direction at the server-side capture point, as the collector counts them. */
export function simPayloadLenTop(result: SimResult, n = 5): PayloadLenTop {
  const counts = { c2s: new Map<number, number>(), s2c: new Map<number, number>() };
  for (const c of result.trace.captures) {
    if (c.side !== 'server' || c.pkt.payloadLen <= 0) continue;
    const m = counts[c.dir];
    m.set(c.pkt.payloadLen, (m.get(c.pkt.payloadLen) ?? 0) + 1);
  }
  return { c2s: topLengths(counts.c2s, n), s2c: topLengths(counts.s2c, n) };
}

/** length → count, as the n most frequent lengths (ties: the longer first). */
export function topLengths(m: Map<number, number>, n = 5): PayloadLenCount[] {
  return [...m.entries()]
    .map(([len, count]) => ({ len, count }))
    .sort((a, b) => b.count - a.count || b.len - a.len)
    .slice(0, n);
}
