/**
 * Each subflow's own receive buffer (net/mptcp/protocol.c mptcp_rcv_space_adjust → tcp_rcvbuf_grow(ssk,
 * copied), net/ipv4/tcp_input.c): when the connection's buffer grows, every established subflow grows
 * its sk_rcvbuf by the DRS rule measured from its *own* last rcvq_space.space (TCP_INIT_CWND · advmss
 * from tcp_init_buffer_space for one that never followed), not by copying the connection's. A join
 * that is established while the connection already moves far more than ten segments per RTT therefore
 * gets a much larger buffer at its first step, and tcp_grow_window (room = tcp_space(ssk)) lets its
 * rcv_ssthresh keep opening past the connection's half buffer, while the initial subflow's stops there.
 *
 * What that does to the window the receiver announces (mptcp_set_rwin, net/mptcp/options.c): in the
 * kernel-ref captures of pm_limit_subflows (20 / 30 ms paths, 3 MB upload, 6 runs) the join's own right
 * edge stays above the initial subflow's once both windows grow (≈ 0.7 s to the end), so every ACK of
 * the initial subflow is raised to the shared edge (RcvWndShared) and almost none of the join's:
 * per run 887–911 of the initial subflow's 1120–1147 ACKs, 140–142 of the join's 927–954.
 */
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../../src/core/sim/run';
import { scenario } from '../../helpers/scenario';

type SockView = { rcvSsthreshBytes: number; segsOut: number };
type SubflowView = { id: number; rcvClamp: number; sock: SockView };
type ConnView = { rcvSpaceBytes: number; subflows: SubflowView[] };
type StackView = { connections: ConnView[]; ext: Record<string, number | undefined> };

/** tests/fidelity/scenarios/pm_limit_subflows.json without its third path: one join from path 2. */
const raw = {
  name: 'join-rcvbuf',
  paths: [
    { delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
    { delay_ms: 30, rate_mbit: 10, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 1, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
  server: { limits: { subflows: 2, add_addr_accepted: 0 } },
  app: { direction: 'upload', bytes: 3_000_000, congestion_control: 'cubic' },
};

function start(seed: number) {
  const { world, app } = prepareRun(scenario(raw), { seed, captures: false, series: false });
  app.start();
  const server = () => app.stacks.server as unknown as StackView;
  return { world, server };
}

describe("a subflow's receive buffer follows the connection's by its own DRS space", () => {
  it("the join's buffer outgrows the connection's at its first step; each rcv_ssthresh stays within its own subflow's tcp_space", () => {
    const { world, server } = start(1);
    let joinAboveConn = 0;
    let joinSsthreshAboveConn = 0;
    let checked = 0;
    for (let t = 50e6; t < 1.5e9; t += 10e6) {
      world.engine.runUntil(t);
      const conn = server().connections[0];
      if (!conn || conn.subflows.length < 2) continue;
      for (const sf of conn.subflows) {
        // tcp_grow_window: room = min(window_clamp, tcp_space(ssk)) − rcv_ssthresh (the handshake's 64 KiB may start above)
        expect(sf.sock.rcvSsthreshBytes, `subflow ${sf.id} at ${t / 1e6} ms`).toBeLessThanOrEqual(Math.max(65_535, sf.rcvClamp));
      }
      const join = conn.subflows[1];
      if (join.rcvClamp > conn.rcvSpaceBytes) joinAboveConn++;
      if (join.sock.rcvSsthreshBytes > conn.rcvSpaceBytes) joinSsthreshAboveConn++;
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    // the connection's own buffer had copied ≈ 28 KB → 68 KB per RTT when the join first followed:
    // from 10 segments the join's step is the far larger one
    expect(joinAboveConn).toBeGreaterThan(10);
    expect(joinSsthreshAboveConn).toBeGreaterThan(0);
  });

  // Seeds 1–3 and 7 of this scenario: the connection's buffer jumps to tcp_rmem[2] when a large out-of-order
  // stretch drains (≈ 0.77 s) and both windows keep opening to the end, as all of the kernel's do. (In
  // seeds 4–6 and 8 the connection's DRS stops at 1.7 MB, both subflows reach their own tcp_space and
  // both get raised — a different trajectory, which the kernel runs never show.)
  it("once both windows open, the initial subflow's ACKs are the ones raised to the shared right edge (RcvWndShared), as in the kernel's captures", () => {
    for (const seed of [1, 2]) {
      const { world, server } = start(seed);
      world.engine.runUntil(0.8e9);
      const conn = server().connections[0];
      const [first, join] = conn.subflows;
      const shared0 = server().ext.RcvWndShared ?? 0;
      const acks0 = [first.sock.segsOut, join.sock.segsOut];
      world.engine.runUntil(1.4e9);
      const shared = (server().ext.RcvWndShared ?? 0) - shared0;
      const firstAcks = first.sock.segsOut - acks0[0];
      const joinAcks = join.sock.segsOut - acks0[1];
      expect(firstAcks, `seed ${seed}`).toBeGreaterThan(300);
      expect(joinAcks, `seed ${seed}`).toBeGreaterThan(300);
      // nearly every ACK of the initial subflow raised, nearly none of the join's
      // (before subflows grew their own buffers: neither, the two edges crossing ~ each other)
      expect(shared, `seed ${seed}: raised ACKs, of ${firstAcks} + ${joinAcks}`).toBeGreaterThan(0.9 * firstAcks);
      expect(shared, `seed ${seed}: raised ACKs, of ${firstAcks} + ${joinAcks}`).toBeLessThan(firstAcks + 0.1 * joinAcks);
    }
  });
});
