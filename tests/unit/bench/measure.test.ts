import { describe, expect, it } from 'vitest';
import { dataPacketsDelivered, peakFromTraceGc } from '../../../bench/measure';
import type { Trace } from '../../../src/core/index';

describe('peakFromTraceGc', () => {
  it('returns the largest heap-used-before-GC figure of V8 --trace-gc lines', () => {
    const text = [
      'BENCH_RUN_START',
      '[11588:0x3047bcb0]       20 ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, 1.58 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
      '[11588:0x3047bcb0]     1201 ms: Mark-Compact 57.2 (80.1) -> 31.0 (60.3) MB, 12.1 / 0.0 ms  (+ 3.2 ms in 40 steps since start of marking, biggest step 0.4 ms, walltime since start of marking 30 ms) (average mu = 0.9, current mu = 0.8) allocation failure; scavenge might not succeed',
      '[11588:0x3047bcb0]     1300 ms: Mark-Compact (reduce) 44.5 (61.0) -> 20.2 (40.0) MB, 8.0 / 0.0 ms  (average mu = 0.9) memory reducer',
      '{"name":"w1"}',
    ].join('\n');
    expect(peakFromTraceGc(text)).toBe(57.2);
  });

  it('returns null when no GC happened', () => {
    expect(peakFromTraceGc('BENCH_RUN_START\nBENCH_RUN_END\n')).toBeNull();
  });
});

describe('dataPacketsDelivered', () => {
  const link = (tx: number) => ({ rx_pkts: tx, rx_bytes: 0, tx_pkts: tx, tx_bytes: 0, drop_loss: 0, drop_queue: 0, drop_down: 0, max_queue_pkts: 0, drops: [] });
  const trace = (extra: Partial<Trace>) =>
    ({ links: [{ path: 1, c2s: link(1003), s2c: link(500) }, { path: 2, c2s: link(2003), s2c: link(900) }], ...extra }) as unknown as Trace;

  it("uses the trace's count of data segments that reached the receiver (ns-3 rxDataPackets)", () => {
    expect(dataPacketsDelivered(trace({ dataPacketsDelivered: 3000 }), 'c2s')).toBe(3000);
  });

  it('falls back to the frames the data-direction links delivered, summed over paths', () => {
    expect(dataPacketsDelivered(trace({ dataPacketsDelivered: undefined }), 'c2s')).toBe(3006);
    expect(dataPacketsDelivered(trace({ dataPacketsDelivered: undefined }), 's2c')).toBe(1400);
  });
});
