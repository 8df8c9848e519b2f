/**
 * DuplicateData and OFOQueue count segments (kernel.md §12 MPTcpExt): Linux moves each skb of a
 * subflow to the connection on its own (__mptcp_move_skbs_from_subflow) — an MPTCP subflow's skbs
 * never coalesce, their DSS mappings differ (mptcp_skb_can_collapse) — so when a subflow's lost
 * segment is retransmitted, the run it held out of order reaches the connection segment by segment:
 * __mptcp_move_skb counts DuplicateData for each one wholly below ack_seq, mptcp_data_queue_ofo
 * OFOQueue for each one beyond it (OFOQueueTail for each after the last one queued), and
 * __mptcp_ofo_queue DuplicateData for each queued one that ack_seq passed. kernel-ref's
 * pm_endpoint_del: the deleted endpoint's subflow keeps delivering its queue until the server
 * resets it while the whole MPTCP retransmit queue is reinjected on path 1
 * (__mptcp_retransmit_pending_data), whose losses make runs of already-received data arrive
 * together: 360–426 DuplicateData in 8 kernel runs.
 *
 * The oracle here rebuilds, from the server's capture alone, what the server's stack does: each
 * subflow's TCP reassembly (in-order segments, then the held run one segment at a time once the
 * hole is filled; nothing after the server closed that subflow) feeding the connection's receive
 * side one skb per segment (in order, out of order, the out-of-order queue drained).
 */
import { describe, expect, it } from 'vitest';
import { FIN, SYN } from '../../src/core/net/packet';
import { optionOf, runExchange, twoPathUpload, type Exchange } from '../helpers/exchange';

interface Counts {
  dups: number;
  ofoQueue: number;
  ofoTail: number;
  /** Runs a subflow delivered at once with more than one old segment / more than one out of order. */
  dupRuns: number;
  ofoRuns: number;
}

function fromCapture(x: Exchange): Counts {
  const idsn = x.ctx.idsn.client;
  if (idsn === undefined) throw new Error('no client IDSN');
  type Seg = { seq: number; len: number; pos: number };
  type Sf = { isn: number; rcvNxt: number; held: Seg[]; closed: boolean; map: { pos: number; ssn: number } | null };
  const subflows = new Map<string, Sf>();
  const c: Counts = { dups: 0, ofoQueue: 0, ofoTail: 0, dupRuns: 0, ofoRuns: 0 };
  let ackSeq = 0;
  const ofo: [number, number][] = [];
  const toConnection = (pos: number, len: number): void => {
    const end = pos + len;
    if (end <= ackSeq) {
      // __mptcp_move_skb: old data
      c.dups++;
      return;
    }
    if (pos <= ackSeq) {
      ackSeq = end;
      // __mptcp_ofo_queue: queued skbs now wholly old are dropped
      ofo.sort((a, b) => a[0] - b[0]);
      while (ofo.length > 0 && ofo[0][0] <= ackSeq) {
        const [, e] = ofo.shift()!;
        if (e <= ackSeq) c.dups++;
        else ackSeq = e;
      }
      return;
    }
    // mptcp_data_queue_ofo: OFOQueue for each skb; OFOQueueTail when it goes after the last one queued
    c.ofoQueue++;
    if (ofo.length > 0 && pos >= Math.max(...ofo.map(([, b]) => b))) c.ofoTail++;
    // "all the bits are present" (inside what is queued): dropped
    let at = pos;
    for (const [a, b] of ofo.filter(([a, b]) => b > pos && a < end).sort((p, q) => p[0] - q[0])) if (a <= at) at = Math.max(at, b);
    if (at >= end) c.dups++;
    else ofo.push([pos, end]);
  };
  for (const cap of x.caps('server')) {
    const p = cap.pkt;
    const key = cap.dir === 'c2s' ? `${cap.path}:${p.sport}` : `${cap.path}:${p.dport}`;
    if (p.flags & SYN) {
      if (cap.dir === 'c2s') subflows.set(key, { isn: p.seq, rcvNxt: 1, held: [], closed: false, map: null });
      continue;
    }
    const sf = subflows.get(key);
    if (!sf) continue;
    if (cap.dir === 's2c') {
      // the server shut this subflow down (REMOVE_ADDR): data arriving later is answered by a reset
      if (p.flags & FIN) sf.closed = true;
      continue;
    }
    if (p.payloadLen === 0 || sf.closed) continue;
    const seq = (p.seq - sf.isn) >>> 0;
    const dss = optionOf(p, 'DSS');
    if (dss?.mapping !== undefined) sf.map = { pos: Number((dss.mapping.dsn - idsn - 1n) & ((1n << 64n) - 1n)), ssn: dss.mapping.subflowSeq };
    // the MP_CAPABLE data segment's implicit mapping: DSN IDSN + 1 ↔ subflow sequence 1
    const pos = sf.map === null ? seq - 1 : sf.map.pos + (seq - sf.map.ssn);
    if (seq + p.payloadLen <= sf.rcvNxt) continue; // old at the TCP level: the subflow drops it
    if (seq > sf.rcvNxt) {
      if (!sf.held.some((h) => h.seq === seq)) sf.held.push({ seq, len: p.payloadLen, pos });
      continue;
    }
    const skip = sf.rcvNxt - seq;
    toConnection(pos + skip, p.payloadLen - skip);
    sf.rcvNxt = seq + p.payloadLen;
    // the run held out of order, one skb at a time
    sf.held.sort((a, b) => a.seq - b.seq);
    const dupsBefore = c.dups;
    const ofoBefore = c.ofoQueue;
    while (sf.held.length > 0 && sf.held[0].seq <= sf.rcvNxt) {
      const h = sf.held.shift()!;
      if (h.seq + h.len <= sf.rcvNxt) continue;
      const k = sf.rcvNxt - h.seq;
      toConnection(h.pos + k, h.len - k);
      sf.rcvNxt = h.seq + h.len;
    }
    if (c.dups - dupsBefore > 1) c.dupRuns++;
    if (c.ofoQueue - ofoBefore > 1) c.ofoRuns++;
  }
  return c;
}

function report(name: string, x: Exchange, c: Counts): Record<string, number> {
  const mib = x.mib('server');
  console.log(
    `${name}: DuplicateData ${mib.DuplicateData ?? 0} (capture ${c.dups}), OFOQueue ${mib.OFOQueue} (${c.ofoQueue}), OFOQueueTail ${mib.OFOQueueTail} (${c.ofoTail}); runs: ${c.dupRuns} old, ${c.ofoRuns} out of order`,
  );
  return mib;
}

describe('DuplicateData and OFOQueue: one per segment, also in a run a subflow delivers at once', () => {
  it('an endpoint deleted mid-run (runs of old segments): as the capture shows', () => {
    const x = runExchange(twoPathUpload(3_000_000, { events: [{ at: 1, action: 'endpoint_del', ns: 'client', path: 2 }] }));
    const c = fromCapture(x);
    const mib = report('endpoint_del', x, c);
    // the case this is about happens here: runs of old segments delivered at once
    expect(c.dupRuns).toBeGreaterThan(0);
    // the simulator keeps a run as one byte range and counts the old segments of a run that
    // straddles rcv_nxt (or what is queued) by size: at most one off per run (counting each run
    // once instead leaves about a hundred out)
    expect(Math.abs(mib.DuplicateData - c.dups)).toBeLessThanOrEqual(c.dupRuns);
    expect(mib.OFOQueue).toBe(c.ofoQueue);
  });

  it('losses on the faster path (runs out of order at the connection): as the capture shows', () => {
    // path 1 (the faster) loses segments in slow start; its runs wait for path 2's data
    const x = runExchange(
      twoPathUpload(3_000_000, {
        paths: [
          { delay_ms: 10, rate_mbit: 10, queue_pkts: 30 },
          { delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
        ],
      }),
    );
    const c = fromCapture(x);
    const mib = report('faster path lossy', x, c);
    expect(c.ofoRuns).toBeGreaterThan(0);
    expect(mib.OFOQueue).toBe(c.ofoQueue);
    expect(Math.abs(mib.OFOQueueTail - c.ofoTail)).toBeLessThanOrEqual(c.ofoRuns);
    expect(Math.abs((mib.DuplicateData ?? 0) - c.dups)).toBeLessThanOrEqual(c.dupRuns + c.ofoRuns);
  });
});
