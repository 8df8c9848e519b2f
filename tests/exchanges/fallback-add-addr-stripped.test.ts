/**
 * The server's ADD_ADDR goes out in a pure ACK before its application's first write (the PM worker
 * that the third ACK schedules runs before accept() returns; every kernel-ref run of
 * pm_server_signal_download shows it). A middlebox that strips that ADD_ADDR leaves the client an
 * in-sequence segment without any MPTCP option before it is fully established, so the client falls
 * back (check_fully_established, MPCapableDataFallback) and reads the subflow as plain TCP. The
 * server then gets its data acknowledged without DATA_ACKs and falls back as well (RFC 8684 §3.7)
 * instead of reinjecting data into what is now a plain byte stream: the download arrives intact.
 */
import { describe, expect, it } from 'vitest';
import { runExchange } from '../helpers/exchange';

const scenario = (): Record<string, unknown> => ({
  name: 'add_addr_stripped_download',
  seed: 1,
  timeout_s: 30,
  paths: [
    { name: 'p1', c2s: { delay_ms: 0, rate_mbit: 1, queue_pkts: 2 }, s2c: { delay_ms: 0, queue_pkts: 2 } },
    { name: 'p2', c2s: { delay_ms: 0, queue_pkts: 2 }, s2c: { delay_ms: 0, rate_mbit: 1, queue_pkts: 2 } },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 1 }, endpoints: [], sysctl: { 'net.ipv4.tcp_sack': 0 } },
  server: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1 }] },
  events: [],
  app: { bytes: 50_000, direction: 'download', congestion_control: 'cubic' },
  sim: { middleboxes: [{ path: 1, dir: 's2c', action: 'strip_options', options: ['ADD_ADDR'], on: 'any' }] },
});

describe('a middlebox strips the server\'s ADD_ADDR from the fourth packet', () => {
  const x = runExchange(scenario());

  it('the ADD_ADDR leaves before the first data (and is stripped on the way)', () => {
    const s2c = x.lines().filter((l) => l.startsWith('p1 s2c'));
    expect(s2c[1]).toMatch(/^p1 s2c ACK ADD_ADDR/);
    expect(x.trace.events.filter((e) => e.type === 'middlebox').length).toBeGreaterThanOrEqual(1);
  });

  it('the client falls back on the option-less ACK, the server when its data is acknowledged without DATA_ACK', () => {
    expect(x.mib('client')).toMatchObject({ MPCapableDataFallback: 1 });
    expect(x.mptcpEvents('client')).toContain('fallback segment without DSS before fully established');
    expect(x.mptcpEvents('server')).toContain('fallback data acknowledged without DATA_ACK');
    expect(x.app.stacks.server.connections.map((c) => c.fallback)).toEqual([true]);
  });

  it('the application gets exactly the sent stream, once', () => {
    const { client, server } = x.trace.app;
    expect(x.trace.status).toBe('ok');
    expect(client.bytes_received).toBe(50_000);
    expect(client.stream_in_order).toBe(true);
    expect(client.sha256_received).toBe(server.sha256_sent);
  });
});
