/**
 * MP_FASTCLOSE, MPTCP's reset (RFC 8684 §3.5; kernel.md §8): the client aborts the connection in
 * the middle of a two-subflow upload; every subflow sends a RST carrying MP_FASTCLOSE with the
 * server's key, then MP_TCPRST (MPFastcloseTx, MPRstTx per RST); the server checks the key
 * (MPFastcloseRx) and closes the connection at once.
 */
import { describe, expect, it } from 'vitest';
import { RST } from '../../src/core/net/packet';
import { MS } from '../../src/core/sim/time';
import { expectBareResetsAfter, mptcpEventTime, runExchange, twoPathUpload } from '../helpers/exchange';

const T = 500 * MS;

describe('MP_FASTCLOSE', () => {
  // the applications never finish (nobody closes them), so bound the run
  const x = runExchange(twoPathUpload(2_000_000, { timeout_s: 2 }), (s) => {
    s.at(T, (now) => s.conn('client')?.fastclose(now));
  });

  it('sends RST + MP_FASTCLOSE(Ks) + MP_TCPRST on every subflow, then only bare RSTs to what still arrives', () => {
    const atT = x.lines((c) => c.dir === 'c2s' && c.t === T, 'client');
    expect(atT.map((l) => l.replace(/reason=\d+/, 'reason=R')).sort()).toEqual([
      'p1 c2s RST,ACK MP_FASTCLOSE[12](key=Ks) MP_TCPRST[4](reason=R)',
      'p2 c2s RST,ACK MP_FASTCLOSE[12](key=Ks) MP_TCPRST[4](reason=R)',
    ]);
    // the reset subflows are gone (tcp_done): each segment of the server still arriving gets a bare
    // RST (tcp_v4_send_reset for no socket), and the client sends nothing else
    const first = x.caps('client').find((c) => c.dir === 'c2s' && c.t === T);
    if (!first) throw new Error('no RST at T');
    const bare = expectBareResetsAfter(x, 'client', 'c2s', first);
    expect(x.caps('client').filter((c) => c.dir === 'c2s' && c.t > T)).toHaveLength(bare);
  });

  it('counts MPFastcloseTx and MPRstTx per RST on the client, MPFastcloseRx on the server', () => {
    expect(x.mib('client')).toMatchObject({ MPFastcloseTx: 2, MPRstTx: 2 });
    expect(x.mib('server')).toMatchObject({ MPFastcloseRx: 1 });
    expect(x.mib('server').MPRstRx ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('closes both connections: the client at once, the server when the first RST arrives', () => {
    const firstRstAtServer = x.caps('server').find((c) => c.dir === 'c2s' && c.pkt.flags & RST);
    expect(firstRstAtServer).toBeDefined();
    expect(x.mptcpEvents('client', 'state').at(-1)).toBe('state established.fullyEstablished→closed');
    expect(x.mptcpEvents('server', 'state').at(-1)).toBe('state established.fullyEstablished→closed');
    expect(mptcpEventTime(x.trace, 'client', 'state established.fullyEstablished→closed')).toBe(T);
    expect(mptcpEventTime(x.trace, 'server', 'state established.fullyEstablished→closed')).toBe(firstRstAtServer?.t);
    expect(x.app.stacks.client.connections.map((c) => c.state)).toEqual(['closed']);
    expect(x.app.stacks.server.connections.map((c) => c.state)).toEqual(['closed']);
    expect(x.pmEventTypes('client').at(-1)).toBe('CLOSED');
    // the server app's recv() fails with ECONNRESET; it closes the socket (CLOSED), then its listener
    expect(x.pmEventTypes('server').slice(-2)).toEqual(['CLOSED', 'LISTENER_CLOSED']);
    expect(x.trace.app.server.error).toMatch(/ConnectionResetError/);
    // every subflow on both sides ends closed
    for (const side of ['client', 'server'] as const) {
      expect(x.app.stacks[side].connections[0].subflows.map((sf) => sf.sock.state)).toEqual(['closed', 'closed']);
    }
  });

  it('ignores an MP_FASTCLOSE that does not carry the receiver key', () => {
    const y = runExchange(twoPathUpload(2_000_000, { timeout_s: 2 }), (s) => {
      s.at(T, (now) => {
        const c = s.conn('client');
        if (c === null) return;
        // the client gets the server's key wrong: the server must not accept the fast close
        c.remoteKey ^= 1n;
        c.fastclose(now);
      });
    });
    expect(y.mib('client')).toMatchObject({ MPFastcloseTx: 2 });
    expect(y.mib('server').MPFastcloseRx ?? 0).toBe(0);
  });
});
