/**
 * A middlebox on path 2 strips MP_JOIN (RFC 8684 §3.2, kernel.md §3; `sim.middleboxes`): the
 * listener sees a plain TCP SYN and answers without MP_JOIN, so the joiner's subflow fails; the
 * connection lives on over path 1.
 *
 * Not asserted here (a reported engine bug): that the joiner resets the subflow on the wire with
 * RST + MP_TCPRST (Linux subflow_finish_connect: SYN/ACK without MP_JOIN → reset, EMPTCP).
 */
import { describe, expect, it } from 'vitest';
import { RST, SYN } from '../../src/core/net/packet';
import { runExchange, twoPathUpload } from '../helpers/exchange';

describe('MP_JOIN stripped by a middlebox', () => {
  const x = runExchange(twoPathUpload(1_000_000, { sim: { middleboxes: [{ path: 2, action: 'strip_options', options: ['MP_JOIN'] }] } }));
  x.ctx.names.set(x.app.stacks.client.connections[0].subflows[1].localNonce, 'Nc');

  it('sends the join SYN with MP_JOIN; the listener gets it and answers without', () => {
    expect(x.lines((c) => c.path === 2, 'client').slice(0, 2)).toEqual(['p2 c2s SYN mss=1460 MP_JOIN[12](syn id=1 token=Ts nonce=Nc)', 'p2 s2c SYN,ACK mss=1460']);
    expect(x.lines((c) => c.path === 2).slice(0, 2)).toEqual(['p2 c2s SYN mss=1460', 'p2 s2c SYN,ACK mss=1460']);
    expect(x.trace.events.filter((e) => e.type === 'middlebox').map((e) => e.type === 'middlebox' && `p${e.path} ${e.dir} ${e.removed.join(',')}`)).toEqual(['p2 c2s MP_JOIN']);
  });

  it('fails the subflow: no third ACK, no data on path 2, no join counted as done', () => {
    expect(x.caps().filter((c) => c.path === 2 && c.dir === 'c2s' && !(c.pkt.flags & (SYN | RST)))).toEqual([]);
    expect(x.mptcpEvents('client', 'subflow')).toContain('subflow 2 closed');
    expect(x.mptcpEvents('client', 'subflow')).not.toContain('subflow 2 established');
    expect(x.mib('client')).toMatchObject({ MPJoinSynTx: 1 });
    expect(x.mib('client').MPJoinSynAckRx ?? 0).toBe(0);
    // the listener never saw an MP_JOIN
    expect(x.mib('server').MPJoinSynRx ?? 0).toBe(0);
    expect(x.pmEventTypes('client')).not.toContain('SF_ESTABLISHED');
    expect(x.pmEventTypes('server')).not.toContain('SF_ESTABLISHED');
  });

  it('keeps the MPTCP connection: the stream completes over path 1', () => {
    expect(x.app.stacks.client.connections[0].fallback).toBe(false);
    expect(x.mptcpEvents('client', 'fallback')).toEqual([]);
    const { client, server } = x.trace.app;
    expect(x.trace.status).toBe('ok');
    expect(client.mptcp_at_start).toBe(true);
    expect(client.sha256_sent).toBe(server.sha256_received);
    expect(x.caps().filter((c) => c.path === 1 && c.dir === 'c2s' && c.pkt.payloadLen > 0).every((c) => c.pkt.payloadLen <= 1424)).toBe(true);
  });
});
