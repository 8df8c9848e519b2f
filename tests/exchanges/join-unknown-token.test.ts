/**
 * An MP_JOIN SYN naming a token the listener does not know (RFC 8684 §3.2; Linux
 * subflow_check_req): MPJoinNoTokenFound, and the SYN is answered by a RST carrying MP_TCPRST.
 * The real connection, whose token was mangled on the way, lives on over path 1.
 */
import { describe, expect, it } from 'vitest';
import type { Packet } from '../../src/core/net/packet';
import type { MpJoinSynOption } from '../../src/core/wire/mptcp/types';
import { copyPacket, optionOf, runExchange, twoPathUpload } from '../helpers/exchange';

/** Change the token of every MP_JOIN SYN on path 2. */
function wrongToken(p: Packet): Packet {
  if (optionOf(p, 'MP_JOIN')?.form !== 'syn') return p;
  const q = copyPacket(p);
  const o = optionOf(q, 'MP_JOIN') as MpJoinSynOption;
  o.receiverToken = (o.receiverToken ^ 1) >>> 0;
  return q;
}

describe('MP_JOIN with an unknown token', () => {
  const x = runExchange(twoPathUpload(1_000_000), (s) => s.tamper(2, 'c2s', wrongToken));
  const wrong = ((x.app.stacks.server.connections[0].localToken ^ 1) >>> 0).toString(16).padStart(8, '0');
  x.ctx.names.set(x.app.stacks.client.connections[0].subflows[1].localNonce, 'Nc');

  it('answers the SYN with RST,ACK + MP_TCPRST and nothing else on path 2', () => {
    expect(x.lines((c) => c.path === 2)).toEqual([
      `p2 c2s SYN mss=1460 MP_JOIN[12](syn id=1 token=0x${wrong} nonce=Nc)`,
      // reason 1: MPTCP-specific error
      'p2 s2c RST,ACK MP_TCPRST[4](reason=1)',
    ]);
    // the client sent the right token; the box on the path changed it
    expect(x.lines((c) => c.path === 2, 'client')[0]).toBe('p2 c2s SYN mss=1460 MP_JOIN[12](syn id=1 token=Ts nonce=Nc)');
  });

  it('counts MPJoinNoTokenFound on the server and MPRstRx on the client', () => {
    expect(x.mib('server')).toMatchObject({ MPJoinSynRx: 1, MPJoinNoTokenFound: 1 });
    expect(x.mib('server').MPJoinAckRx ?? 0).toBe(0);
    expect(x.mib('client')).toMatchObject({ MPJoinSynTx: 1, MPRstRx: 1 });
    expect(x.mib('client').MPJoinSynAckRx ?? 0).toBe(0);
  });

  it('keeps the connection: the subflow closes, the transfer completes on path 1', () => {
    expect(x.mptcpEvents('client', 'subflow')).toContain('subflow 2 closed');
    expect(x.pmEventTypes('client')).toContain('SF_CLOSED');
    expect(x.pmEventTypes('server')).not.toContain('SF_ESTABLISHED');
    expect(x.trace.status).toBe('ok');
    expect(x.trace.app.client.error).toBeNull();
    expect(x.trace.app.client.sha256_sent).toBe(x.trace.app.server.sha256_received);
    expect(x.caps().filter((c) => c.path === 2 && c.pkt.payloadLen > 0)).toEqual([]);
  });
});
