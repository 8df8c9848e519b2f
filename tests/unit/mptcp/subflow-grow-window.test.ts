/**
 * tcp_grow_window on an MPTCP subflow (net/ipv4/tcp_input.c): rcv_ssthresh opens by two segments
 * per segment received up to min(window_clamp, tcp_space(ssk)) — a subflow's receive buffer follows
 * the connection's (mptcp_rcv_space_adjust grows every ssk's sk_rcvbuf when the msk's grows, by
 * tcp_rcvbuf_grow from the subflow's own DRS space: subflow-rcvbuf.test.ts) — and while
 * it opens the subflow ACKs at once (`icsk_ack.quick |= 1`), one ACK per segment, as the kernel-ref
 * captures show (c_backup path 1, 0.6–1.55 s: one ACK per segment while the window grows).
 */
import { describe, expect, it } from 'vitest';
import { executeRun, prepareRun } from '../../../src/core/sim/run';
import { scenario } from '../../helpers/scenario';

type SockView = { rcvSsthreshBytes: number };
type ConnView = { subflows: { rcvClamp: number; sock: SockView }[] };

const raw = {
  name: 'grow-window',
  paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }],
  app: { bytes: 3_000_000, client_proto: 'mptcp', server_proto: 'mptcp', congestion_control: 'cubic' },
  capture: { side: 'server' },
};

describe('tcp_grow_window on an MPTCP subflow', () => {
  it("the receiving subflow's rcv_ssthresh never opens past half its buffer (tcp_space)", () => {
    const sc = scenario(raw);
    const opts = { seed: 1, captures: false, series: false };
    const { world, app } = prepareRun(sc, opts);
    app.start();
    let checked = 0;
    let first = -1;
    for (let t = 50e6; t < 2.5e9; t += 10e6) {
      world.engine.runUntil(t);
      const conn = app.stacks.server.connections[0] as unknown as ConnView | undefined;
      const sf = conn?.subflows[0];
      const sock = sf?.sock;
      if (!sf || !sock) continue;
      if (first < 0) first = sock.rcvSsthreshBytes;
      // (the handshake's window may start above it; it only grows by the rule)
      expect(sock.rcvSsthreshBytes, `at ${t / 1e6} ms`).toBeLessThanOrEqual(Math.max(first, sf.rcvClamp));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('while the advertised window opens, the receiver ACKs every data segment; once it is flat, mostly every second one', () => {
    const sc = scenario(raw);
    const opts = { seed: 1, captures: true, series: false };
    const { world, app } = prepareRun(sc, opts);
    const tr = executeRun(world, app, sc, opts);
    expect(tr.status).toBe('ok');
    // the server's capture: data arriving (c2s) and the ACKs it sends (s2c), in time order
    let segsSinceAck = 0;
    let lastWin = -1;
    let growing = 0;
    let flat = 0;
    const perAckGrowing: number[] = [];
    const perAckFlat: number[] = [];
    for (const c of tr.captures) {
      if (c.dir === 'c2s') {
        if (c.pkt.payloadLen > 0) segsSinceAck++;
        continue;
      }
      if (c.pkt.payloadLen > 0 || segsSinceAck === 0) continue;
      const win = c.pkt.win;
      if (lastWin >= 0) {
        if (win > lastWin) {
          growing++;
          perAckGrowing.push(segsSinceAck);
        } else {
          flat++;
          perAckFlat.push(segsSinceAck);
        }
      }
      lastWin = win;
      segsSinceAck = 0;
    }
    expect(growing).toBeGreaterThan(50);
    expect(flat).toBeGreaterThan(50);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // quick ACKs while it grows (without them: 2 segments per ACK)
    expect(mean(perAckGrowing)).toBeLessThan(1.1);
    // mostly delayed ACKs (one per two full segments) once rcv_ssthresh reached tcp_space; some ACKs
    // leave a flat window for other reasons (a quick ACK after out-of-order data, the app's read)
    expect(mean(perAckFlat)).toBeGreaterThan(1.3);
  });
});

/**
 * A subflow that joins late (pm_limits_raised: the endpoint is added at 1.2 s): Linux gives the new
 * subflow the window_clamp of its own buffer (tcp_init_buffer_space: tcp_rmem[1]), and
 * mptcp_rcv_space_adjust raises it only when the connection's buffer grows again — so the join's
 * rcv_ssthresh does not open and, after its first 16 quick ACKs, its receiver ACKs every second
 * segment (the kernel-ref runs of pm_limits_raised: 13 ACKs for 20 segments, then 10 for 20, on
 * path 2). With per-segment ACKs the sender's HyStart ACK-train test would end slow start early.
 */
describe('window_clamp of a subflow that joins after the connection buffer grew', () => {
  const late = {
    name: 'late-join',
    paths: [
      { delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
      { delay_ms: 30, rate_mbit: 10, queue_pkts: 100 },
    ],
    client: { limits: { subflows: 1, add_addr_accepted: 0 } },
    server: { limits: { subflows: 1, add_addr_accepted: 0 } },
    app: { bytes: 3_000_000, direction: 'upload', congestion_control: 'cubic' },
    events: [{ at: 1.0, action: 'endpoint_add', ns: 'client', path: 2, flags: ['subflow'], id: 1 }],
    capture: { side: 'server' },
  };
  type Sf = { rcvClamp: number; kind: string };
  type Conn = { rcvSpaceBytes: number; subflowRcvSpace: number; subflows: Sf[] };

  it("starts at its own buffer's clamp, below the connection's, and follows the connection's growth", () => {
    const sc = scenario(late);
    const opts = { seed: 1, captures: false, series: false };
    const { world, app } = prepareRun(sc, opts);
    app.start();
    let sawJoin = false;
    let sawFollow = false;
    let lastSpace = -1;
    for (let t = 50e6; t < 2.5e9; t += 5e6) {
      world.engine.runUntil(t);
      const conn = app.stacks.server.connections[0] as unknown as Conn | undefined;
      if (!conn) continue;
      const join = conn.subflows.find((s) => s.kind === 'join');
      if (join && !sawJoin) {
        sawJoin = true;
        // the connection's buffer has grown far beyond tcp_rmem[1] in the first second
        expect(conn.rcvSpaceBytes).toBeGreaterThan(4 * conn.subflowRcvSpace);
        expect(join.rcvClamp).toBe(conn.subflowRcvSpace);
      }
      // every growth of the connection's buffer sets every subflow's clamp to its half
      if (lastSpace >= 0 && conn.rcvSpaceBytes > lastSpace) {
        for (const s of conn.subflows) expect(s.rcvClamp).toBe(conn.rcvSpaceBytes);
        sawFollow = true;
      }
      for (const s of conn.subflows) expect(s.rcvClamp).toBeLessThanOrEqual(conn.rcvSpaceBytes);
      lastSpace = conn.rcvSpaceBytes;
    }
    expect(sawJoin).toBe(true);
    expect(sawFollow, "the connection grew its buffer while a subflow was open").toBe(true);
  });

  it("the late join's receiver ACKs every second segment once its 16 quick ACKs are used", () => {
    const sc = scenario(late);
    const opts = { seed: 1, captures: true, series: false };
    const { world, app } = prepareRun(sc, opts);
    const tr = executeRun(world, app, sc, opts);
    expect(tr.status).toBe('ok');
    let segs = 0;
    let acks = 0;
    let seen = 0;
    for (const c of tr.captures) {
      if (c.path !== 2) continue;
      if (c.dir === 'c2s') {
        if (c.pkt.payloadLen > 0) {
          seen++;
          if (seen > 20 && seen <= 80) segs++;
        }
        continue;
      }
      if (c.pkt.payloadLen === 0 && seen > 20 && seen <= 80) acks++;
    }
    expect(segs).toBe(60);
    // one ACK per two segments (per segment without the clamp: 60)
    console.log(`late join: ${acks} ACKs for segments 21–80`);
    expect(acks).toBeLessThan(40);
  });
});
