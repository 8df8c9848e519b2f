/**
 * `net.mptcp.enabled = 0` on the client (kernel.md §9, kernel-ref README "Other things checked"):
 * socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP) fails with ENOPROTOOPT, the application opens a TCP
 * socket instead, and no MPTCP option ever goes on the wire.
 */
import { describe, expect, it } from 'vitest';
import { onePathUpload, runExchange } from '../helpers/exchange';

describe('fallback: net.mptcp.enabled=0 on the client', () => {
  const x = runExchange(onePathUpload(200_000, { client: { mptcp_sysctl: { enabled: 0 } } }));

  it('makes socket() fail with ENOPROTOOPT and the app use a TCP socket', () => {
    const { client } = x.trace.app;
    expect(client.proto_requested).toBe('mptcp');
    expect(client.socket_error).toBe('ENOPROTOOPT');
    expect(client.proto_socket).toBe('tcp');
    expect(client.mptcp_at_start).toBe(false);
    expect(client.error).toBeNull();
  });

  it('puts no MPTCP option on any packet, in either capture', () => {
    expect(x.lines().slice(0, 5)).toEqual(['p1 c2s SYN mss=1460', 'p1 s2c SYN,ACK mss=1460', 'p1 c2s ACK', 'p1 c2s ACK len=1448', 'p1 s2c ACK']);
    expect(x.trace.captures.filter((c) => c.pkt.mptcp !== null)).toEqual([]);
  });

  it('creates no MPTCP connection, moves no MPTCP counter and sends no connection event', () => {
    expect(x.app.stacks.client.connections).toHaveLength(0);
    expect(x.app.stacks.server.connections).toHaveLength(0);
    expect(x.mib('client')).toEqual({});
    expect(x.mib('server')).toEqual({});
    expect(x.trace.events.filter((e) => e.type === 'mptcp')).toEqual([]);
    expect(x.pmEventTypes('client')).toEqual([]);
    // the server's MPTCP listener exists, but a plain SYN creates no MPTCP context there
    expect(x.pmEventTypes('server')).toEqual(['LISTENER_CREATED', 'LISTENER_CLOSED']);
  });

  it('transfers the stream as plain TCP in 1448-byte segments', () => {
    const sizes = x.caps().filter((c) => c.dir === 'c2s' && c.pkt.payloadLen > 0).map((c) => c.pkt.payloadLen);
    expect(Math.max(...sizes)).toBe(1448);
    expect(x.trace.app.client.sha256_sent).toBe(x.trace.app.server.sha256_received);
  });
});
