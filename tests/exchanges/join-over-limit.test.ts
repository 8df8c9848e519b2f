/**
 * A join beyond the listener's `subflows` limit (mptcp_join.sh "single subflow, limited by server":
 * chk_join_nr 1 1 0 with one rejected join). Linux answers the MP_JOIN SYN whatever the limits
 * (subflow_check_req checks the token and builds the SYN/ACK's HMAC) and asks the path manager only when
 * the third ACK arrives (subflow_syn_recv_sock → mptcp_can_accept_new_subflow): the join is then
 * refused — MPJoinRejected, no MPJoinAckRx, no SF_CLOSED (the child was never attached) — and reset with
 * MP_TCPRST reason 3 (administratively prohibited). The joiner has counted its MPJoinSynAckRx by then; still
 * waiting for its fourth ACK, it takes the RST as a segment without DATA_ACK (check_fully_established) and
 * resets the subflow itself — RST,ACK with MP_TCPRST reason 0, MPRstTx, and no MPRstRx. The real kernel
 * does exactly this (tests/fidelity/join-vs-kernel.test.ts); the transfer completes on subflow 1.
 */
import { describe, expect, it } from 'vitest';
import { runExchange, twoPathUpload } from '../helpers/exchange';

describe('a join over the server’s subflows limit', () => {
  const x = runExchange(twoPathUpload(1_000_000, { server: { limits: { subflows: 0, add_addr_accepted: 0 } } }));

  it('is answered with a SYN/ACK and reset at its third ACK with MP_TCPRST reason 3; the joiner resets too', () => {
    const p2 = x.lines((c) => c.path === 2);
    expect(p2.slice(0, 3).map((l) => l.replace(/\(.*$/, ''))).toEqual(['p2 c2s SYN mss=1460 MP_JOIN[12]', 'p2 s2c SYN,ACK mss=1460 MP_JOIN[16]', 'p2 c2s ACK MP_JOIN[24]']);
    // the request socket's reset (tcp_v4_send_reset): a bare RST
    expect(p2[3]).toBe('p2 s2c RST MP_TCPRST[4](reason=3)');
    expect(p2[4]).toBe('p2 c2s RST,ACK MP_TCPRST[4](reason=0)');
    expect(p2).toHaveLength(5);
    expect(x.caps().filter((c) => c.path === 2 && c.pkt.payloadLen > 0)).toEqual([]);
  });

  it('counts as the selftest reads it: join 1 1 0, one rejected', () => {
    expect(x.mib('server')).toMatchObject({ MPJoinSynRx: 1, MPJoinRejected: 1 });
    expect(x.mib('server').MPJoinAckRx ?? 0).toBe(0);
    expect(x.mib('server').MPJoinAckHMacFailure ?? 0).toBe(0);
    expect(x.mib('client')).toMatchObject({ MPJoinSynTx: 1, MPJoinSynAckRx: 1, MPRstTx: 1 });
    expect(x.mib('client').MPRstRx ?? 0).toBe(0);
    expect(x.pmEventTypes('server')).toEqual(['LISTENER_CREATED', 'CREATED', 'ESTABLISHED', 'CLOSED', 'LISTENER_CLOSED']);
  });

  it('leaves the connection to finish on subflow 1', () => {
    const { client, server } = x.trace.app;
    expect(x.trace.status).toBe('ok');
    expect(server.bytes_received).toBe(client.bytes_sent);
    expect(client.sha256_sent).toBe(server.sha256_received);
  });
});
