/**
 * 10,000 mutated or truncated captures (from a small real kernel-ref slice, pcapng and pcap):
 * the importer never throws, never fails internally (no "could not be analysed"), ends in bounded
 * time per file, and answers either a view (possibly partial, with located problems) or a clear
 * message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { sourceFrames, writePcap, writePcapng } from './builders';

const SRC = sourceFrames('d_signal', 'merged-server.pcapng', 12);
const SEEDS = [
  writePcapng([{ linkType: 1, name: 'srv-p1', tsresol: 9 }, { linkType: 1, name: 'srv-p2' }], SRC, true),
  writePcapng([{ linkType: 1, name: 'srv-p1' }, { linkType: 1, name: 'srv-p2', tsresol: 0x8a }], SRC, false),
  writePcap(SRC, { little: true, nano: true, linkType: 1 }),
  writePcap(SRC, { little: false, nano: false, linkType: 1 }),
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('del' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('len' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 0xffffffff }) }),
);

function mutate(src: Uint8Array, ms: { kind: string; at: number; v?: number; n?: number }[]): Uint8Array {
  let b = src.slice();
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'set') for (let i = 0; i < (m.n ?? 1) && at + i < b.length; i++) b[at + i] = (m.v ?? 0) ^ (i * 37);
    else if (m.kind === 'cut') b = b.slice(0, at);
    else if (m.kind === 'del') {
      const rest = b.subarray(Math.min(b.length, at + (m.n ?? 1)));
      const nb = new Uint8Array(at + rest.length);
      nb.set(b.subarray(0, at));
      nb.set(rest, at);
      b = nb;
    }
    else if (at + 4 <= b.length) new DataView(b.buffer).setUint32(at & ~3, m.v ?? 0, true);
  }
  return b;
}

describe('fuzz: mutated and truncated captures', () => {
  it('10,000 inputs: never a throw, an internal failure or a hang', () => {
    let views = 0;
    let refused = 0;
    let worstMs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (si, ms) => {
        const bytes = mutate(SEEDS[si], ms);
        const t0 = performance.now();
        const r = importCapture(bytes, { fileName: 'fuzz.pcapng' });
        worstMs = Math.max(worstMs, performance.now() - t0);
        // Plain checks (expect() per run costs more than the import itself).
        if (r.ok) {
          views++;
          if (r.value.summary.packets_analysed !== r.value.info.tcpPackets) return false;
          if (r.value.info.errors.some((e) => !(e.offset >= 0) || e.message.length < 10)) return false;
        } else {
          refused++;
          if (r.message.length < 10 || /could not be analysed/.test(r.message)) return false;
        }
        return true;
      }),
      { numRuns: 10_000, seed: 8684 },
    );
    expect(views).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(100);
    expect(worstMs).toBeLessThan(1000);
  });
});
