/**
 * MP_TCPRST after an endpoint in use is deleted (kernel.md §4 "Deleting an endpoint", §13): at 1 s
 * the client deletes its path-2 `subflow` endpoint; it sends REMOVE_ADDR with the endpoint's id and
 * closes its subflow with a FIN (RmAddrTx, RmSubflow). The server, on REMOVE_ADDR (RmAddr, REMOVED
 * event), shuts its side down the same way (pm.c mptcp_pm_rm_addr_or_subflow: mptcp_subflow_shutdown
 * + mptcp_close_ssk, i.e. tcp_close: FIN). The client's data still in flight on path 2 then reaches a
 * socket closed for reading: TCPAbortOnData, and tcp_v4_send_reset answers it with a RST carrying
 * MP_TCPRST reason 0 (mptcp_reset_option: the segment's zeroed MPTCP extension), counted by no
 * MPRstTx — as kernel-ref's pm_endpoint_del shows (RST s2c, reason 0x00, server TCPAbortOnData 1,
 * MPRstTx 0, client MPRstRx 1). The MPTCP retransmit queue is reinjected and the transfer completes.
 */
import { describe, expect, it } from 'vitest';
import { FIN, RST } from '../../src/core/net/packet';
import { SEC } from '../../src/core/sim/time';
import { expectBareResetsAfter, mptcpEventTime, optionOf, runExchange, twoPathUpload } from '../helpers/exchange';

describe('endpoint deleted mid-run: REMOVE_ADDR, then MP_TCPRST from the peer', () => {
  const x = runExchange(twoPathUpload(3_000_000, { events: [{ at: 1, action: 'endpoint_del', ns: 'client', path: 2 }] }));

  it('sends REMOVE_ADDR for id 1 on the remaining subflow, on a pure ACK with a DSS', () => {
    const rm = x.lines((c) => optionOf(c.pkt, 'REMOVE_ADDR') !== undefined, 'client');
    expect(rm).toEqual(['p1 c2s ACK DSS[8](ack32=1) REMOVE_ADDR[4](ids=1)']);
    expect(x.caps('client').find((c) => optionOf(c.pkt, 'REMOVE_ADDR') !== undefined)?.t).toBe(1 * SEC);
  });

  it('makes the server close its side of the path-2 subflow with a FIN when REMOVE_ADDR arrives, then answer the next data with a RST carrying MP_TCPRST reason 0', () => {
    const rmAtServer = x.caps('server').find((c) => optionOf(c.pkt, 'REMOVE_ADDR') !== undefined);
    expect(rmAtServer).toBeDefined();
    const p2Out = x.caps('server').filter((c) => c.dir === 's2c' && c.path === 2 && c.t >= (rmAtServer?.t ?? 0));
    // the FIN goes out in the same instant
    expect(p2Out[0].t).toBe(rmAtServer?.t);
    expect(p2Out[0].pkt.flags & FIN).toBeTruthy();
    const serverRst = x.caps('server').filter((c) => c.dir === 's2c' && c.pkt.flags & RST);
    expect(serverRst.length).toBeGreaterThanOrEqual(1);
    expect(serverRst[0].path).toBe(2);
    expect(serverRst[0].t).toBeGreaterThan(rmAtServer?.t ?? Infinity);
    // the segment it answers: client data on path 2 that arrived just before, whose ACK number it takes as its sequence number
    const answered = x.caps('server').filter((c) => c.dir === 'c2s' && c.path === 2 && c.t === serverRst[0].t && c.pkt.payloadLen > 0);
    expect(answered).toHaveLength(1);
    expect(serverRst[0].pkt.seq).toBe(answered[0].pkt.ack);
    expect(x.lines((c) => c === serverRst[0])[0]).toBe('p2 s2c RST MP_TCPRST[4](reason=0)');
    expect(x.trace.pmEvents.server.find((e) => e.type === 'REMOVED')?.attrs).toMatchObject({ remid: '1' });
    // SF_CLOSED when the subflow is shut down (mptcp_close_ssk), not when its socket goes
    const sfClosed = x.trace.pmEvents.server.find((e) => e.type === 'SF_CLOSED');
    expect(sfClosed?.attrs).toMatchObject({ remid: '1', daddr4: '10.0.2.1' });
    expect(sfClosed?.t).toBe(rmAtServer?.t);
    expect(x.trace.counters.server.TcpExt?.TCPAbortOnData).toBe(1);
  });

  it('answers every later segment on path 2 with a bare RST: the reset socket is gone (tcp_done), tcp_v4_send_reset finds none', () => {
    const serverRst = x.caps('server').filter((c) => c.dir === 's2c' && c.pkt.flags & RST);
    const later = x.caps('server').filter((c) => c.dir === 'c2s' && c.path === 2 && c.t > serverRst[0].t && !(c.pkt.flags & RST));
    // kernel-ref pm_endpoint_del: 46-48 RSTs, one per segment the client still had queued on path 2
    expect(later.length).toBeGreaterThan(5);
    expect(expectBareResetsAfter(x, 'server', 's2c', serverRst[0])).toBe(later.length);
  });

  it('counts RmAddrTx and RmSubflow on the client, RmAddr on the server', () => {
    expect(x.mib('client')).toMatchObject({ RmAddrTx: 1, RmSubflow: 1, MPRstRx: 1 });
    expect(x.mib('client').MPRstTx ?? 0).toBe(0);
    expect(x.mib('server')).toMatchObject({ RmAddr: 1 });
    // the reset answering the data is stateless (tcp_v4_send_reset): no MPRstTx
    expect(x.mib('server').MPRstTx ?? 0).toBe(0);
  });

  it('closes the subflow on both sides, reinjects its data on path 1 and completes the transfer', () => {
    // the client's subflow ends when the server's MP_TCPRST reaches it
    const rstAtClient = x.caps('client').find((c) => c.dir === 's2c' && c.path === 2 && c.pkt.flags & RST);
    expect(mptcpEventTime(x.trace, 'client', 'subflow 2 closed')).toBe(rstAtClient?.t);
    expect(x.mptcpEvents('client')).toContain('reinject from 2');
    expect(x.mptcpEvents('server')).toContain('subflow 2 closed');
    expect(x.trace.pmEvents.client.find((e) => e.type === 'SF_CLOSED')?.attrs).toMatchObject({ locid: '1', saddr4: '10.0.2.1' });
    // after the deletion reached the server, it answers whatever still arrives on path 2 (data the
    // client had queued before its FIN) only with resets
    const late = x.caps('server').filter((c) => c.path === 2 && c.dir === 's2c' && c.t > 1.2 * SEC);
    expect(late.every((c) => c.pkt.flags & RST)).toBe(true);
    const { client, server } = x.trace.app;
    expect(x.trace.status).toBe('ok');
    expect(server.bytes_received).toBe(client.bytes_sent);
    expect(client.sha256_sent).toBe(server.sha256_received);
  });
});
