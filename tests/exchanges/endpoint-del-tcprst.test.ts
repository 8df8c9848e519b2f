/**
 * MP_TCPRST after an endpoint in use is deleted (kernel.md §4 "Deleting an endpoint", §13): at 1 s
 * the client deletes its path-2 `subflow` endpoint; it sends REMOVE_ADDR with the endpoint's id and
 * closes its subflow with a FIN (RmAddrTx, RmSubflow); the server, on REMOVE_ADDR (RmAddr, REMOVED
 * event), resets its side of that subflow with MP_TCPRST, which reaches the client's closing
 * subflow (MPRstRx 1, as kernel-ref saw). The MPTCP retransmit queue is reinjected and the transfer
 * completes.
 */
import { describe, expect, it } from 'vitest';
import { RST } from '../../src/core/net/packet';
import { SEC } from '../../src/core/sim/time';
import { mptcpEventTime, optionOf, runExchange, twoPathUpload } from '../helpers/exchange';

describe('endpoint deleted mid-run: REMOVE_ADDR, then MP_TCPRST from the peer', () => {
  const x = runExchange(twoPathUpload(3_000_000, { events: [{ at: 1, action: 'endpoint_del', ns: 'client', path: 2 }] }));

  it('sends REMOVE_ADDR for id 1 on the remaining subflow, on a pure ACK with a DSS', () => {
    const rm = x.lines((c) => optionOf(c.pkt, 'REMOVE_ADDR') !== undefined, 'client');
    expect(rm).toEqual(['p1 c2s ACK DSS[8](ack32=1) REMOVE_ADDR[4](ids=1)']);
    expect(x.caps('client').find((c) => optionOf(c.pkt, 'REMOVE_ADDR') !== undefined)?.t).toBe(1 * SEC);
  });

  it("makes the server reset its side of the path-2 subflow with MP_TCPRST when REMOVE_ADDR arrives", () => {
    const rmAtServer = x.caps('server').find((c) => optionOf(c.pkt, 'REMOVE_ADDR') !== undefined);
    const serverRst = x.caps('server').filter((c) => c.dir === 's2c' && c.pkt.flags & RST);
    expect(serverRst).toHaveLength(1);
    expect(serverRst[0].path).toBe(2);
    expect(serverRst[0].t).toBe(rmAtServer?.t);
    expect(x.lines((c) => c === serverRst[0])[0]).toMatch(/^p2 s2c RST,ACK MP_TCPRST\[4\]\(reason=\d\)$/);
    expect(x.trace.pmEvents.server.find((e) => e.type === 'REMOVED')?.attrs).toMatchObject({ remid: '1' });
    expect(x.trace.pmEvents.server.find((e) => e.type === 'SF_CLOSED')?.attrs).toMatchObject({ remid: '1', daddr4: '10.0.2.1' });
  });

  it('counts RmAddrTx and RmSubflow on the client, RmAddr on the server', () => {
    expect(x.mib('client')).toMatchObject({ RmAddrTx: 1, RmSubflow: 1, MPRstRx: 1 });
    expect(x.mib('client').MPRstTx ?? 0).toBe(0);
    expect(x.mib('server')).toMatchObject({ RmAddr: 1 });
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
