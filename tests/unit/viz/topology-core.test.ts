/**
 * The topology model built in a worker (src/viz/topology-model.ts buildTopologyCore → postMessage
 * → withPackets on the page, as src/ui/capture.worker.ts does for a capture): after a structured
 * clone that transfers its typed arrays, it is the same model the page would build itself.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { buildTopologyCore, buildTopologyModel, topologyTransferables, withPackets } from '../../../src/viz/topology-model';

const KERNEL_REF = join(import.meta.dirname, '../../../../shared/kernel-ref');
const file = join(KERNEL_REF, 'results/b_handover/merged-server.pcapng');

describe('topology core (built off the page)', () => {
  const r = importCapture(new Uint8Array(readFileSync(file)), { fileName: 'merged-server.pcapng' });
  if (!r.ok) throw new Error(r.message);
  const { trace, scenario } = r.value;

  it('a transferred core plus the trace equals the model built on the page', () => {
    const core = buildTopologyCore(trace, scenario);
    const transfer = topologyTransferables(core);
    expect(transfer.length).toBeGreaterThan(core.lanes.length);
    const sent = structuredClone(core, { transfer });
    // transferred, not copied: the sender's arrays are detached
    expect(core.lifeCapture.length).toBe(0);
    const direct = buildTopologyModel(trace, scenario);
    const viaWorker = withPackets(sent, trace, scenario);
    expect(viaWorker.packets.length).toBe(direct.packets.length);
    expect(viaWorker.packets.every((p, i) => p === direct.packets[i])).toBe(true);
    expect(viaWorker.subflows).toEqual(direct.subflows);
    expect(viaWorker.lanes).toEqual(direct.lanes);
    expect(viaWorker.linkChanges).toEqual(direct.linkChanges);
    expect(viaWorker.packets.length).toBeGreaterThan(100);
  });

  it('a core that does not belong to the trace is a located error, not a wrong picture', () => {
    const core = buildTopologyCore(trace, scenario);
    expect(() => withPackets(core, { captures: trace.captures.slice(0, 10) }, scenario)).toThrow(/refers to capture \d+, the trace has 10/);
  });
});
