/**
 * The ladder's model built off the page (src/ui/capture.worker.ts builds it next to the capture's
 * records, src/viz/ladder.ts primeLadder hands it to ladderFor): after a structured clone it is the
 * model the page would build, and one that does not fit the records is refused.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { buildLadder, ladderFor, primeLadder } from '../../../src/viz/ladder';
import { withoutRowIndex } from '../../../src/viz/ladder-cache';

const file = join(import.meta.dirname, '../../../../shared/kernel-ref/results/b_handover/merged-server.pcapng');

describe('primeLadder', () => {
  const r = importCapture(new Uint8Array(readFileSync(file)), { fileName: 'merged-server.pcapng' });
  if (!r.ok) throw new Error(r.message);
  const captures = r.value.trace.captures;

  it('ladderFor returns the primed (cloned) model, equal to the one built on the page', () => {
    const sent = structuredClone(buildLadder(captures));
    // the page's copy of the records is another array (it arrives in chunks)
    const onPage = structuredClone(captures);
    primeLadder(onPage, sent);
    expect(ladderFor(onPage)).toBe(sent);
    expect(sent).toEqual(buildLadder(onPage));
    expect(sent.count).toBeGreaterThan(100);
  });

  it('posted without its id → row map (as view-handoff.ts sends it), the page rebuilds the same map on first use', () => {
    const built = buildLadder(captures);
    const sent = structuredClone(withoutRowIndex(built));
    expect(sent.rowOfId.size).toBe(0);
    const onPage = structuredClone(captures);
    primeLadder(onPage, sent);
    const model = ladderFor(onPage);
    expect(model.rowOfId.size).toBe(built.rowOfId.size);
    expect([...model.rowOfId]).toEqual([...built.rowOfId]);
    // built once, then the same map
    expect(model.rowOfId).toBe(model.rowOfId);
  });

  it('a model of other records is refused with the reason', () => {
    const model = buildLadder(captures);
    const fewer = captures.slice(0, 5);
    expect(() => primeLadder(fewer, model)).toThrow(/ladder model: \d+ rows, capture index \d+, but only 5 captures/);
    expect(ladderFor(fewer).count).toBeLessThanOrEqual(5);
  });
});
