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
import { simulate } from '../../../src/core';
import type { LadderModel } from '../../../src/viz/ladder';
import { scenario } from '../../helpers/scenario';
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

describe('view models of a fork from the kept state of the run it forked from', () => {
  const RAW = {
    name: 'handoff-fork',
    paths: [
      { name: 'wifi', delay_ms: 10, rate_mbit: 10, queue_pkts: 50 },
      { name: 'lte', delay_ms: 30, rate_mbit: 5, queue_pkts: 50 },
    ],
    client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'] }] },
    server: { limits: { subflows: 2, add_addr_accepted: 0 } },
    app: { bytes: 300_000 },
  };
  const plainLadder = (m: LadderModel) => ({ ...m, rowOfId: new Map() });

  it('posts models whose transfer leaves the kept state intact, and a fork built from that state equals one built from scratch (also partial → final)', () => {
    const base = simulate(scenario(RAW), { summary: false, viewCaptures: true });
    const kept = buildViewModels(base.trace, base.scenario, { keep: true });
    expect(kept.state).toBeDefined();
    // posting detaches the posted arrays, not the kept ones
    structuredClone({ topology: kept.topology, ladder: kept.ladder }, { transfer: viewModelTransferables(kept) });
    expect(kept.ladder.id.length).toBe(0);
    expect(kept.state!.ladder.model.id.length).toBeGreaterThan(100);
    for (const at of [0.1, 0.25]) {
      const sc = scenario({ ...RAW, events: [{ at, action: 'link_down', path: 1, side: 'client' }] });
      const fork = simulate(sc, { summary: false, viewCaptures: true });
      const shared = fork.trace.captures.findIndex((c) => c.t >= at * 1e9);
      const fresh = buildViewModels(fork.trace, fork.scenario);
      const half = { ...fork.trace, captures: fork.trace.captures.slice(0, (shared + fork.trace.captures.length) >> 1) };
      const partial = buildViewModels(half, fork.scenario, { from: { state: kept.state!, shared }, keep: true });
      expect(partial.topology).toEqual(buildViewModels(half, fork.scenario).topology);
      const final = buildViewModels(fork.trace, fork.scenario, { from: { state: partial.state!, shared: half.captures.length }, keep: true });
      expect(final.topology).toEqual(fresh.topology);
      expect(plainLadder(final.ladder)).toEqual(plainLadder(fresh.ladder));
    }
  });
});
