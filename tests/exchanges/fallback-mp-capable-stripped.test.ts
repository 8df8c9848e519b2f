/**
 * Fallback when a middlebox strips MP_CAPABLE (RFC 8684 §3.7, kernel.md §3; `sim.middleboxes`):
 * from the SYN, the server sees a plain TCP SYN and answers as TCP, so the client falls back on the
 * SYN/ACK (MPCapableFallbackSYNACK) and the server never has an MPTCP context; from the SYN/ACK,
 * the server has offered MPTCP but the client falls back and sends a plain third ACK, so the server
 * falls back too (MPCapableFallbackACK). Either way the stream runs as TCP, intact.
 */
import { describe, expect, it } from 'vitest';
import { SYN } from '../../src/core/net/packet';
import { onePathUpload, runExchange, type Exchange } from '../helpers/exchange';

function stripped(on: 'syn' | 'synack'): Exchange {
  const box = { path: 1, dir: on === 'syn' ? 'c2s' : 's2c', action: 'strip_options', options: ['MP_CAPABLE'], on };
  return runExchange(onePathUpload(300_000, { sim: { middleboxes: [box] } }));
}

function completesAsTcp(x: Exchange): void {
  const sizes = x.caps().filter((c) => c.dir === 'c2s' && c.pkt.payloadLen > 0).map((c) => c.pkt.payloadLen);
  expect(Math.max(...sizes)).toBe(1448);
  // after the handshake no packet carries an MPTCP option, in either capture
  expect(x.trace.captures.filter((c) => c.pkt.mptcp !== null && !(c.pkt.flags & SYN))).toEqual([]);
  const { client, server } = x.trace.app;
  expect(x.trace.status).toBe('ok');
  expect(client.mptcp_at_start).toBe(false);
  expect(client.sha256_sent).toBe(server.sha256_received);
}

describe('fallback: a middlebox strips MP_CAPABLE', () => {
  it('from the SYN: the server answers as plain TCP, the client falls back on the SYN/ACK', () => {
    const x = stripped('syn');
    expect(x.lines(undefined, 'client').slice(0, 3)).toEqual(['p1 c2s SYN mss=1460 MP_CAPABLE[4](v1 h)', 'p1 s2c SYN,ACK mss=1460', 'p1 c2s ACK']);
    expect(x.lines().slice(0, 3)).toEqual(['p1 c2s SYN mss=1460', 'p1 s2c SYN,ACK mss=1460', 'p1 c2s ACK']);
    expect(x.trace.events.filter((e) => e.type === 'middlebox').map((e) => e.type === 'middlebox' && `${e.dir} ${e.action} ${e.removed.join(',')}`)).toEqual(['c2s strip_options MP_CAPABLE']);
    expect(x.mib('client')).toEqual({ MPCapableSYNTX: 1, MPCapableFallbackSYNACK: 1 });
    expect(x.mib('server')).toEqual({});
    expect(x.mptcpEvents('client')).toContain('fallback SYN/ACK without MP_CAPABLE');
    expect(x.app.stacks.server.connections).toHaveLength(0);
    completesAsTcp(x);
  });

  it('from the SYN/ACK: the client falls back and sends a plain third ACK, then the server falls back', () => {
    const x = stripped('synack');
    expect(x.lines().slice(0, 3)).toEqual(['p1 c2s SYN mss=1460 MP_CAPABLE[4](v1 h)', 'p1 s2c SYN,ACK mss=1460 MP_CAPABLE[12](v1 h key=Ks)', 'p1 c2s ACK']);
    expect(x.lines(undefined, 'client').slice(0, 3)).toEqual(['p1 c2s SYN mss=1460 MP_CAPABLE[4](v1 h)', 'p1 s2c SYN,ACK mss=1460', 'p1 c2s ACK']);
    expect(x.mib('client')).toEqual({ MPCapableSYNTX: 1, MPCapableFallbackSYNACK: 1 });
    expect(x.mib('server')).toEqual({ MPCapableSYNRX: 1, MPCapableFallbackACK: 1 });
    expect(x.mptcpEvents('client')).toContain('fallback SYN/ACK without MP_CAPABLE');
    expect(x.mptcpEvents('server')).toContain('fallback third ACK without MP_CAPABLE');
    expect(x.app.stacks.server.connections.map((c) => c.fallback)).toEqual([true]);
    completesAsTcp(x);
  });
});
