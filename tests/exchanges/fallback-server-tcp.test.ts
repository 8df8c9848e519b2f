/**
 * Fallback when the server listens with a plain TCP socket (RFC 8684 §3.7; kernel.md §3;
 * kernel-ref e_fallback_server_tcp): the SYN carries MP_CAPABLE, the SYN/ACK and everything after
 * carry no MPTCP option, the client counts MPCapableFallbackSYNACK and the transfer runs as TCP in
 * 1448-byte segments; the client's path-2 `subflow` endpoint is never used.
 */
import { describe, expect, it } from 'vitest';
import { kernelPacketLine, kernelRefScenario, kernelRefSummary, kernelStyleLine, runExchange } from '../helpers/exchange';

describe('fallback: the server listens plain TCP', () => {
  const x = runExchange(kernelRefScenario('e_fallback_server_tcp'));
  const kernel = kernelRefSummary('e_fallback_server_tcp');

  it('offers MP_CAPABLE on the SYN only', () => {
    expect(x.lines().slice(0, 5)).toEqual(['p1 c2s SYN mss=1460 MP_CAPABLE[4](v1 h)', 'p1 s2c SYN,ACK mss=1460', 'p1 c2s ACK', 'p1 c2s ACK len=1448', 'p1 s2c ACK']);
    expect(x.caps().filter((c) => c.pkt.mptcp !== null)).toHaveLength(1);
    expect(x.caps('client').filter((c) => c.pkt.mptcp !== null)).toHaveLength(1);
  });

  it('sends the same handshake packets as the kernel', () => {
    const hs = kernel.handshakes[0];
    const ours = x.caps().filter((c) => c.path === hs.path).slice(0, hs.packets.length);
    expect(ours.map(kernelStyleLine)).toEqual(hs.packets.map((p) => kernelPacketLine(hs.path, p)));
  });

  it('counts MPCapableFallbackSYNACK on the client and nothing on the server, as the kernel does', () => {
    expect(x.mib('client')).toEqual(kernel.kernel_counters.client.MPTcpExt);
    expect(x.mib('server')).toEqual(kernel.kernel_counters.server.MPTcpExt);
    expect(x.mib('client')).toEqual({ MPCapableSYNTX: 1, MPCapableFallbackSYNACK: 1 });
  });

  it('records the fallback and its reason in the trace', () => {
    expect(x.mptcpEvents('client')).toEqual(['state closed→synSent', 'fallback SYN/ACK without MP_CAPABLE', 'state synSent→fallback', 'subflow 1 established']);
    expect(x.app.stacks.client.connections[0].fallback).toBe(true);
    expect(x.app.stacks.server.connections).toHaveLength(0);
  });

  it('completes as TCP: 1448-byte segments, one path, the stream intact', () => {
    const data = x.caps().filter((c) => c.dir === 'c2s' && c.pkt.payloadLen > 0);
    expect(Math.max(...data.map((c) => c.pkt.payloadLen))).toBe(1448);
    expect(data.filter((c) => c.pkt.payloadLen !== 1448)).toHaveLength(1);
    expect(x.caps().filter((c) => c.path === 2)).toEqual([]);
    const { client, server } = x.trace.app;
    expect(client.proto_socket).toBe('mptcp');
    expect(server.proto_socket).toBe('tcp');
    expect(client.mptcp_at_start).toBe(false);
    expect(server.bytes_received).toBe(1_000_000);
    expect(client.sha256_sent).toBe(server.sha256_received);
    // as long as kernel-ref's run (1.04 s) within ±10 %
    expect(client.t_done).not.toBeNull();
    const k = kernel.app.duration_s;
    expect(Math.abs((client.t_done ?? 0) - k) / k).toBeLessThan(0.1);
  });
});
