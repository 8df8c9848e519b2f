/**
 * The four benchmark workloads of ../shared/ns3-ref (README "Workloads (ns-3)"), plus w3-mptcp (below), written as
 * `kernel-ref-scenario/1` objects so that the same files mean the same network to the simulator and
 * to the real-kernel harness.
 *
 * Matching ns-3 (ns3-bulk.cc, ns-3.37):
 * - `congestion_control: "reno"`: ns3-ref sets `ns3::TcpNewReno` explicitly (ns-3's own default is
 *   Cubic). Linux "reno" is NewReno with SACK, as ns-3's TcpNewReno with SACK on.
 * - MSS 1448 (ns-3 SegmentSize 1448; Linux with timestamps on a 1500-B MTU), initial cwnd 10,
 *   delayed ACKs: those are the defaults of both, nothing to set.
 * - One-way delay on each direction (`delay_ms` applies to both), a 100-packet tail-drop queue per
 *   direction (ns-3: one DropTailQueue of 100 per device, FqCoDel removed).
 * - Buffers: ns-3 uses 4 MiB send/receive buffers. Here no `sndbuf`/`rcvbuf` is set, so Linux-style
 *   autotuning applies (tcp_wmem/tcp_rmem max 4 MiB/6 MiB, above every BDP here; setting SO_SNDBUF
 *   would switch autotuning off).
 * - ns-3 stops apps and the simulator at 60 s; here the client sends for `app.duration_s` and then
 *   closes, so the simulated end is a little later than `duration_s` (the drain and FIN exchange).
 * - w3 (one plain TCP flow per path) has no kernel-ref equivalent: a plain TCP client opens one
 *   connection to the path-1 address. `sim.tcp_flows: "per_path"` is the simulator extension that asks
 *   for one independent TCP connection per path (the kernel harness carries `sim` along and ignores it,
 *   so on the real kernel w3 would run one flow on path 1 only).
 * - w3-mptcp (ours, no ns-3 counterpart): w3's two paths carrying one MPTCP connection with two
 *   subflows instead of two TCP connections — a_aggregation's PM set-up (client 'subflow' endpoint on
 *   path 2, limits subflows 2 on both hosts), reno on each subflow (Linux MPTCP's congestion control
 *   is per subflow and uncoupled), the default scheduler. `npm run bench` prints its wall time over
 *   w3's (WALL_RATIO_TARGETS).
 * - w4: ns-3's RateErrorModel (1 %) sits on the receiver's device, so only data packets are lost and
 *   ACKs are not: c2s loss_pct 1, s2c 0 (the data direction of an upload is c2s). ns-3 drops after
 *   the link; kernel-ref/our link drop on arrival, before the queue (the data is lost either way).
 */

export type WorkloadName = 'w1' | 'w2' | 'w3' | 'w4' | 'w3-mptcp';

export interface BenchWorkload {
  name: WorkloadName;
  description: string;
  /** A kernel-ref-scenario/1 object, as written in a scenario file (defaults not filled in). */
  scenario: Record<string, unknown>;
}

export const WORKLOAD_NAMES: readonly WorkloadName[] = ['w1', 'w2', 'w3', 'w4', 'w3-mptcp'];

/** The workloads ns3-ref knows (the anchors run only these). */
export const NS3_WORKLOADS: readonly WorkloadName[] = ['w1', 'w2', 'w3', 'w4'];

/**
 * Speed targets against another workload of the same run: `workload`'s wall time over `baseline`'s
 * must stay ≤ `target` (issue 3: a two-subflow MPTCP run within 1.5× the same traffic as plain TCP).
 */
export const WALL_RATIO_TARGETS: readonly { workload: WorkloadName; baseline: WorkloadName; target: number }[] = [
  { workload: 'w3-mptcp', baseline: 'w3', target: 1.5 },
];

/** Simulated seconds of each workload (ns3-ref's simTime). */
export const DEFAULT_SIM_S = 60;

function app(simS: number, proto: 'tcp' | 'mptcp' = 'tcp'): Record<string, unknown> {
  return {
    direction: 'upload',
    duration_s: simS,
    client_proto: proto,
    server_proto: proto,
    congestion_control: 'reno',
  };
}

/** Long enough for the transfer phase plus the drain of a full queue and the close. */
function timeoutFor(simS: number): number {
  return Math.min(600, Math.ceil(simS) + 30);
}

export function benchWorkloads(simS: number = DEFAULT_SIM_S): BenchWorkload[] {
  const common = { schema: 'kernel-ref-scenario/1', seed: 1, timeout_s: timeoutFor(simS), ss_interval_s: 0 };
  const w3Paths = [
    { delay_ms: 20, rate_mbit: 50, queue_pkts: 100 },
    { delay_ms: 40, rate_mbit: 50, queue_pkts: 100 },
  ];
  return [
    {
      name: 'w1',
      description: 'ns3-ref w1: 1 path, 10 Mbit/s, 20 ms one-way, queue 100, one plain TCP (reno) upload',
      scenario: {
        ...common,
        name: 'bench_w1',
        description: 'ns3-ref w1: 10 Mbit/s, 20 ms one-way delay each way, 100-packet queue, plain TCP NewReno-like (reno) bulk upload.',
        paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }],
        app: app(simS),
      },
    },
    {
      name: 'w2',
      description: 'ns3-ref w2: as w1 at 100 Mbit/s',
      scenario: {
        ...common,
        name: 'bench_w2',
        description: 'ns3-ref w2: 100 Mbit/s, 20 ms one-way delay each way, 100-packet queue, plain TCP reno bulk upload.',
        paths: [{ delay_ms: 20, rate_mbit: 100, queue_pkts: 100 }],
        app: app(simS),
      },
    },
    {
      name: 'w3',
      description: 'ns3-ref w3: 2 paths, 50 Mbit/s each, 20 and 40 ms one-way, one plain TCP flow per path',
      scenario: {
        ...common,
        name: 'bench_w3',
        description: 'ns3-ref w3: two 50 Mbit/s paths (20 ms and 40 ms one-way), 100-packet queues, one independent plain TCP reno upload per path (sim.tcp_flows = per_path).',
        sim: { tcp_flows: 'per_path' },
        paths: w3Paths,
        app: app(simS),
      },
    },
    {
      name: 'w4',
      description: 'ns3-ref w4: w2 plus 1 % loss on the data direction only',
      scenario: {
        ...common,
        name: 'bench_w4',
        description: 'ns3-ref w4: w2 plus 1 % Bernoulli loss on the data direction (c2s) only, like ns-3\'s receiver-side RateErrorModel; ACKs are not lost.',
        paths: [{ delay_ms: 20, rate_mbit: 100, queue_pkts: 100, c2s: { loss_pct: 1 }, s2c: { loss_pct: 0 } }],
        app: app(simS),
      },
    },
    {
      name: 'w3-mptcp',
      description: "w3's two paths with one two-subflow MPTCP upload (client 'subflow' endpoint on path 2) instead of two TCP flows",
      scenario: {
        ...common,
        name: 'bench_w3_mptcp',
        description:
          "w3's two 50 Mbit/s paths (20 ms and 40 ms one-way, 100-packet queues) carrying one MPTCP reno upload: the client's 'subflow' endpoint on path 2 and limits subflows 2 on both hosts make the in-kernel PM open a second subflow, as in kernel-ref's a_aggregation.",
        paths: w3Paths,
        client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
        server: { limits: { subflows: 2, add_addr_accepted: 0 } },
        app: app(simS, 'mptcp'),
      },
    },
  ];
}
