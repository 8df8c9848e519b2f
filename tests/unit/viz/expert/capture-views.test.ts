/**
 * The expert charts on real captures (../shared/kernel-ref/results/<scenario>/*.pcapng, imported
 * by src/core/capture): the throughput stack sums to the bytes the real kernel's summary says the
 * application moved (a reinjected byte once), per subflow where nothing was sent twice; the reorder
 * queue ends with every byte in order, and every pause of at least 100 ms in the kernel summary's
 * data_gaps_top (of the capture point the file was taken at) lies in a head-of-line stall the view
 * finds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../../src/core/capture/capture-trace';
import { throughputModel } from '../../../../src/viz/expert/throughput';
import { reorderModel } from '../../../../src/viz/expert/reorder';
import { KERNEL_REF } from '../../../helpers/paths';

type Obj = Record<string, any>;

function t0Ns(epoch: number): bigint {
  const [i, f = ''] = String(epoch).split('.');
  return BigInt(i) * 1_000_000_000n + BigInt(f.padEnd(9, '0').slice(0, 9));
}

function load(dir: string, file: string) {
  const ref = JSON.parse(readFileSync(join(KERNEL_REF, 'results', dir, 'summary.json'), 'utf8')) as Obj;
  // t = 0 at the client's connect(), as in the kernel's summary
  const r = importCapture(readFileSync(join(KERNEL_REF, 'results', dir, file)), { fileName: file, t0EpochNs: t0Ns(ref.t0_epoch) });
  if (!r.ok) throw new Error(`${dir}/${file}: ${r.message}`);
  return { ...r.value, ref };
}

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0);

describe.each([
  ['a_aggregation', 'merged-server.pcapng', 'upload'],
  ['b_handover', 'merged-server.pcapng', 'upload'],
  ['c_backup', 'merged-server.pcapng', 'upload'],
  ['e_fallback_server_tcp', 'merged-server.pcapng', 'upload'],
  ['f_prio_blackhole_download', 'merged-client.pcapng', 'download'],
] as const)('%s/%s', (dir, file, direction) => {
  const { trace, scenario, summary, ref } = load(dir, file);
  const moved = direction === 'upload' ? ref.app.server.bytes_received : ref.app.client.bytes_received;

  it('throughput: the stack sums to the bytes the application moved', () => {
    expect(scenario.app.direction).toBe(direction);
    expect(moved).toBeGreaterThan(900_000);
    const m = throughputModel(trace, scenario, 100e6);
    expect(sum(m.aggregate)).toBe(moved);
    expect(sum(m.layers.map((l) => sum(l.bytes)))).toBe(moved);
    // the importer's summary counts the same application bytes as the kernel's
    expect(direction === 'upload' ? summary.app.client.bytes_sent : summary.app.server.bytes_sent).toBe(moved);
  });

  it('reorder: every byte in order at the end; each long pause of data_gaps_top inside a stall', () => {
    const m = reorderModel(trace, scenario, 100e6);
    expect(m.inOrder[m.inOrder.length - 1]).toBe(moved);
    // the kernel's summary of the capture point this file was taken at (client_view: the client's)
    const gaps = (file.includes('client') ? ref.client_view.data_gaps_top : ref.data_gaps_top) as Obj[];
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps.filter((x) => x.gap_s >= 0.1)) {
      const a = Math.round(g.start_t * 1e9);
      const b = Math.round(g.end_t * 1e9);
      expect(
        m.stalls.some((s) => s.start <= a + 1e6 && s.end >= b - 1e6),
        `gap ${g.start_t}–${g.end_t} s`,
      ).toBe(true);
    }
  });
});

describe('a_aggregation: per subflow', () => {
  it('each subflow’s layer is its payload in the kernel summary (nothing was reinjected)', () => {
    const { trace, scenario, ref } = load('a_aggregation', 'merged-server.pcapng');
    const m = throughputModel(trace, scenario, 100e6);
    expect(m.layers.map((l) => sum(l.bytes))).toEqual((ref.subflows as Obj[]).map((sf) => sf.payload_bytes.c2s));
  });
});
