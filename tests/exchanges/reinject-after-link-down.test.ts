/**
 * Reinjection after a link goes down (kernel.md §6 stale subflows, §13; kernel-ref b_handover):
 * the client's path-1 interface goes down at 1 s in the middle of a two-subflow upload; the PM does
 * not see it, so recovery is by the MPTCP retransmission timer: the subflow is marked stale
 * (SubflowStale) once it makes no progress for stale_loss_cnt timeouts while path 2 does, its
 * unacknowledged data is reinjected on path 2 (MPTCPRetrans, a 'reinject' trace event), and the
 * stream arrives intact over path 2.
 */
import { describe, expect, it } from 'vitest';
import { SEC } from '../../src/core/sim/time';
import { kernelRefSummary, mptcpEventsOf, mptcpEventTime, runExchange, twoPathUpload } from '../helpers/exchange';

describe('reinjection after a link goes down', () => {
  const x = runExchange(twoPathUpload(3_000_000, { events: [{ at: 1, action: 'link_down', side: 'client', path: 1 }] }));

  it('marks subflow 1 stale, then reinjects its data on subflow 2', () => {
    const stale = mptcpEventTime(x.trace, 'client', 'subflow 1 stale');
    expect(stale).toBeGreaterThan(1 * SEC);
    const reinjects = mptcpEventsOf(x.trace, 'client', 'reinject');
    expect(reinjects.map((e) => e.what)).toEqual(['reinject from 1']);
    expect(reinjects[0].t).toBe(stale);
    const ev = x.trace.events.find((e) => e.type === 'mptcp' && e.ev.type === 'reinject');
    expect(ev?.type === 'mptcp' && ev.ev.type === 'reinject' && ev.ev.bytes).toBeGreaterThan(0);
    expect(x.mib('client')).toMatchObject({ SubflowStale: 1 });
    expect(x.mib('client').MPTCPRetrans).toBeGreaterThan(0);
  });

  it('keeps the connection and both subflows open; nothing is reset', () => {
    expect(x.mptcpEvents('client')).not.toContain('subflow 1 closed');
    expect(x.mptcpEvents('client')).not.toContain('subflow 2 closed');
    expect(x.mib('client').MPRstTx ?? 0).toBe(0);
    // the same monitor events as the kernel's b_handover (path 1 down at 2 s): no SF_CLOSED
    const kernel = kernelRefSummary('b_handover').pm_events;
    expect(x.pmEventTypes('client')).toEqual(kernel.client.map((e) => e.type));
    // (same events on the server; their order at close is a reported difference: the kernel sends
    // CLOSED at close(), before LISTENER_CLOSED)
    expect(x.pmEventTypes('server').sort()).toEqual(kernel.server.map((e) => e.type).sort());
  });

  it('delivers the rest of the stream over path 2, intact', () => {
    const down = 1 * SEC;
    const lastOnP1 = Math.max(...x.caps().filter((c) => c.path === 1 && c.dir === 'c2s' && c.pkt.payloadLen > 0).map((c) => c.t));
    // what was in flight on path 1 lands within one path-1 queue after the link went down
    expect(lastOnP1).toBeLessThan(down + 0.2 * SEC);
    const lateOnP2 = x.caps().filter((c) => c.path === 2 && c.dir === 'c2s' && c.pkt.payloadLen > 0 && c.t > 2 * SEC);
    expect(lateOnP2.length).toBeGreaterThan(100);
    const { client, server } = x.trace.app;
    expect(x.trace.status).toBe('ok');
    expect(client.error).toBeNull();
    expect(server.bytes_received).toBe(client.bytes_sent);
    expect(server.stream_in_order).toBe(true);
    expect(client.sha256_sent).not.toBeNull();
    expect(client.sha256_sent).toBe(server.sha256_received);
  });
});
