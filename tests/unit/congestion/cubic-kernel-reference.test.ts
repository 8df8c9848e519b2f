/**
 * CUBIC + HyStart against a real Linux 6.18 run: kernel-ref scenario e_fallback_server_tcp
 * (../shared/kernel-ref/results/e_fallback_server_tcp): a 1 MB upload over 10 Mbit/s, 20 ms each
 * way, 100-packet tail-drop queue, plain TCP (MPTCP fallback), congestion_control "cubic".
 *
 * Kernel facts from that run:
 * - client_result.json samples (tcp_info, every 100 ms from the first send): cwnd 34 at +0.1 s,
 *   ssthresh 59 / cwnd 61 at +0.2 s, then cwnd 65, 69, 73, 77, 81, 85, 90; no loss, no retransmission.
 * - TcpExt counters: TCPHystartTrainDetect 1, TCPHystartTrainCwnd 59 (the ACK-train detector fired).
 * - The receiver's ACKs (server-side capture, path1-srv-p1.pcapng), as cumulative segment counts:
 *   one ACK per segment up to 22, then every 2nd to 32, every segment to 56, every 2nd to 72,
 *   every segment to 139, then every 2nd segment. Which HyStart round the train detector fires in
 *   depends on this pattern (a run of ACKs ≤ 2 ms apart must last (delay_min + 1 ms)/2 ≈ 21 ms):
 *   so the driver replays it.
 */
import { describe, expect, it } from 'vitest';
import { createCubic } from '../../../src/core/tcp/congestion/cubic';
import { TCP_INFINITE_SSTHRESH } from '../../../src/core/tcp/congestion/types';
import { PathDriver } from './path-driver';

/** [first, last, step] runs of the cumulative segment counts the kernel receiver ACKed. */
const KERNEL_ACK_RUNS: [number, number, number][] = [
  [1, 22, 1],
  [24, 32, 2],
  [33, 56, 1],
  [58, 72, 2],
  [73, 139, 1],
  [141, 689, 2],
];
/** tcp_info cwnd every 100 ms after the first data segment (client_result.json). */
const KERNEL_CWND_EVERY_100MS = [34, 61, 65, 69, 73, 77, 81, 85, 90];

function kernelAckPlan(): number[] {
  const plan: number[] = [];
  for (const [a, b, step] of KERNEL_ACK_RUNS) for (let n = a; n <= b; n += step) plan.push(n);
  return plan;
}

function runKernelScenario() {
  const cc = createCubic();
  const d = new PathDriver(cc, {
    rateBps: 10e6,
    oneWayDelayUs: 20_000,
    queuePkts: 100,
    frameBytes: 1514,
    ackAt: kernelAckPlan(),
    ackEvery: 1,
    totalSegs: Math.ceil(1_000_000 / 1448),
    initialSrttUs: 40_565, // the handshake's RTT sample in the kernel run
  });
  d.run(2e6);
  return { cc, d };
}

describe('CUBIC + HyStart reproduce the Linux 6.18 reference run (10 Mbit/s, 40 ms, 100-packet queue)', () => {
  it('HyStart leaves slow start by ACK train at cwnd ≈ 59, before any loss', () => {
    const { cc, d } = runKernelScenario();
    const exit = d.acks.find((a) => a.ssthresh !== TCP_INFINITE_SSTHRESH);
    expect(exit).toBeDefined();
    expect(exit!.ssthresh).toBeGreaterThanOrEqual(40);
    expect(exit!.ssthresh).toBeLessThanOrEqual(80);
    expect(Math.abs(exit!.ssthresh - 59)).toBeLessThanOrEqual(3);
    expect(cc.counters!.TCPHystartTrainDetect).toBe(1);
    expect(cc.counters!.TCPHystartDelayDetect).toBe(0);
    expect(d.drops).toBe(0);
    expect(d.una).toBe(691); // the whole megabyte delivered without a drop
  });

  it('follows the kernel’s cwnd samples every 100 ms within 3 segments', () => {
    const { d } = runKernelScenario();
    const ours = KERNEL_CWND_EVERY_100MS.map((_, k) => d.cwndAt((k + 1) * 100_000));
    for (let k = 0; k < ours.length; k++) expect(Math.abs(ours[k] - KERNEL_CWND_EVERY_100MS[k])).toBeLessThanOrEqual(3);
  });
});
