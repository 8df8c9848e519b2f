/**
 * A subflow's map from subflow sequence numbers to data-level positions (the DSS mappings it sent,
 * RFC 8684 §3.3.1): txPosition finds the mapping holding a sequence number, starting from the one it
 * found last. Whatever order the look-ups come in, the answer must be the one a full search gives.
 */
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../../src/core/sim/run';
import { scenario } from '../../helpers/scenario';

type Mapping = { ssn: number; pos: number; len: number };
type TxView = { tx: Mapping[]; txHead: number; txPosition(sock: unknown, seq: number): { pos: number; end: number } };

function subflow(): TxView {
  const sc = scenario({ name: 'txpos', paths: [{ delay_ms: 5, rate_mbit: 10, queue_pkts: 100 }], app: { bytes: 1000, client_proto: 'mptcp', server_proto: 'mptcp' } });
  const { world, app } = prepareRun(sc, { seed: 1, captures: false, series: false });
  app.start();
  world.engine.runUntil(1e9);
  const sf = (app.stacks.client.connections[0] as unknown as { subflows: TxView[] }).subflows[0];
  expect(sf).toBeDefined();
  return sf;
}

/** The answer of a search over every live mapping. */
function reference(tx: Mapping[], head: number, seq: number): { pos: number; end: number } {
  for (let i = head; i < tx.length; i++) {
    const m = tx[i];
    if (seq >= m.ssn && seq < m.ssn + m.len) return { pos: m.pos + (seq - m.ssn), end: m.ssn + m.len };
  }
  return { pos: -1, end: seq + 1 };
}

describe('txPosition', () => {
  it('answers sequential, backward and out-of-map look-ups like a full search', () => {
    const sf = subflow();
    // 40 contiguous mappings of varying length, data positions interleaved with another subflow's
    const tx: Mapping[] = [];
    let ssn = 1;
    for (let i = 0; i < 40; i++) {
      const len = 1000 + ((i * 377) % 3000);
      tx.push({ ssn, pos: 5000 * i + 17, len });
      ssn += len;
    }
    sf.tx.length = 0;
    sf.tx.push(...tx);
    sf.txHead = 0;
    const end = ssn;
    const seqs: number[] = [];
    for (let s = 1; s < end; s += 700) seqs.push(s); // forward, several per mapping and across them
    seqs.push(1, end - 1, 5000, 4999, 30_000, 2, end, end + 100, 0); // backward jumps, past the end, before the start
    for (let s = end - 1; s > 0; s -= 4321) seqs.push(s); // backward walk
    for (const seq of seqs) expect({ seq, ...sf.txPosition(null, seq) }).toEqual({ seq, ...reference(tx, 0, seq) });
    // mappings acknowledged (head moved on): they are no longer found, even where the last answer was
    sf.txPosition(null, tx[3].ssn);
    sf.txHead = 10;
    for (const seq of [tx[3].ssn, tx[9].ssn + 5, tx[10].ssn, tx[20].ssn + 1]) expect({ seq, ...sf.txPosition(null, seq) }).toEqual({ seq, ...reference(tx, 10, seq) });
  });
});
