import { describe, expect, it } from 'vitest';
import { dirPackets, intact, run, tcpRaw } from '../../helpers/scenario';

/**
 * net.ipv4.tcp_rmem[2] caps receive-buffer autotuning, not only the window scale: Linux's
 * tcp_rcv_space_adjust / tcp_rcvbuf_grow and MPTCP's mptcp_rcv_space_adjust grow sk_rcvbuf up to
 * sysctl_tcp_rmem[2] at most, and the window is half the buffer here (tcp_adv_win_scale = 1). A
 * scenario that sets a small tcp_rmem[2] on the receiver gets a window that stops there; the default
 * (6 MiB) lets the same transfer's window grow past it.
 */
const SMALL = 262144; // 256 KiB: window at most 128 KiB, wscale 3 (ilog2(262144) − 15)

/** The largest receive window (bytes) the server (the upload's receiver) announced after its SYN/ACK. */
function maxServerWindow(proto: 'tcp' | 'mptcp', rmem?: string): number {
  const sysctl = rmem === undefined ? {} : { 'net.ipv4.tcp_rmem': rmem };
  const tr = run(tcpRaw({ client: { sysctl }, server: { sysctl }, app: { bytes: 3_000_000, client_proto: proto, server_proto: proto, congestion_control: 'cubic' } }));
  expect(intact(tr), `${proto} ${rmem ?? 'default'}: the transfer arrived intact`).toBe(true);
  const pkts = dirPackets(tr, 's2c');
  const wscale = pkts[0].pkt.wscale ?? 0;
  return Math.max(...pkts.slice(1).map((c) => c.pkt.win << wscale));
}

describe('net.ipv4.tcp_rmem[2] caps receive autotuning (tcp_rcv_space_adjust, mptcp_rcv_space_adjust)', () => {
  it.each(['tcp', 'mptcp'] as const)('%s: a 256 KiB tcp_rmem[2] keeps the window at 128 KiB; the default lets it grow past', (proto) => {
    const capped = maxServerWindow(proto, `4096 131072 ${SMALL}`);
    expect(capped).toBeLessThanOrEqual(SMALL / 2);
    expect(capped).toBeGreaterThan(SMALL / 4);
    expect(maxServerWindow(proto)).toBeGreaterThan(SMALL / 2);
  });
});
