/**
 * The chunked hand-off of a trace's records from a worker to the page (src/ui/view-handoff.ts):
 * a bounded number of chunks the page has not taken yet (its `more` answers), all records in order; and the view
 * models' transfer list names each buffer once.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureRecord } from '../../../src/core/sim/trace';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { buildViewModels, CHUNKS_IN_FLIGHT, MoreGate, RECORD_CHUNK, sendRecords, viewModelTransferables } from '../../../src/ui/view-handoff';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('view hand-off', () => {
  it('keeps at most CHUNKS_IN_FLIGHT chunks the page has not taken, and ends when it took them all', async () => {
    const all = Array.from({ length: 3 * RECORD_CHUNK + 5 }, (_, i) => ({ t: i }) as unknown as CaptureRecord);
    const gate = new MoreGate();
    const got: CaptureRecord[][] = [];
    let done = false;
    const sending = sendRecords(all, gate, (records, total) => {
      expect(total).toBe(all.length);
      got.push(records);
    }).then(() => (done = true));
    await tick();
    expect(got.length).toBe(CHUNKS_IN_FLIGHT);
    // each `more` lets exactly one further chunk go
    for (let n = CHUNKS_IN_FLIGHT + 1; n <= 4; n++) {
      gate.release();
      await tick();
      expect(got.length).toBe(n);
    }
    expect(got.map((c) => c.length)).toEqual([RECORD_CHUNK, RECORD_CHUNK, RECORD_CHUNK, 5]);
    for (let k = 1; k < CHUNKS_IN_FLIGHT; k++) gate.release();
    await tick();
    expect(done).toBe(false); // the last chunk is taken too before the result goes
    gate.release();
    await sending;
    expect(got.flat()).toEqual(all);
  });

  it('a `more` that comes before the worker waits is not lost', async () => {
    const gate = new MoreGate();
    gate.release();
    await gate.take(); // resolves at once: the credit was kept
    let taken = false;
    void gate.take().then(() => (taken = true));
    await tick();
    expect(taken).toBe(false);
    gate.release();
    await tick();
    expect(taken).toBe(true);
  });

  it('transfers every typed array of the models, each buffer once', () => {
    const file = join(import.meta.dirname, '../../../../shared/kernel-ref/results/b_handover/merged-server.pcapng');
    const r = importCapture(new Uint8Array(readFileSync(file)), { fileName: 'merged-server.pcapng' });
    if (!r.ok) throw new Error(r.message);
    const m = buildViewModels(r.value.trace, r.value.scenario);
    const list = viewModelTransferables(m);
    expect(new Set(list).size).toBe(list.length);
    const sent = structuredClone(m, { transfer: list });
    expect(m.ladder.id.length).toBe(0); // detached: moved, not copied
    expect(sent.ladder.count).toBeGreaterThan(100);
    expect(sent.topology.lifeCapture.length).toBe(sent.ladder.count);
  });
});
