import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core/index';
import { rcvWscaleFor } from '../../../src/core/tcp/tcp-socket';
import { KERNEL_REF } from '../../helpers/paths';
import { dirPackets, run, tcpRaw } from '../../helpers/scenario';
import { normaliseScenario } from '../../fidelity/normalise';

/**
 * tcp_select_initial_window's window scale and tcp_cwnd_restart (slow start after idle), as Linux
 * 6.18 does them. Kernel facts: kernel-ref's host has tcp_rmem[2] = 32 MiB, so its SYNs offer
 * wscale 10; in f_prio_blackhole_download the backup subflow, idle for ≈1.2 s with cwnd 124–128,
 * restarts with cwnd 10 when the MPTCP retransmission timer first reinjects onto it (all 4 live runs).
 */
describe('window scale from net.ipv4.tcp_rmem[2]', () => {
  it('ilog2(max(tcp_rmem[2], rmem_max)) − 15: 6 MiB → 7, 32 MiB → 10, never below rmem_max’s 2', () => {
    expect(rcvWscaleFor(6 * 1024 * 1024)).toBe(7);
    expect(rcvWscaleFor(32 * 1024 * 1024)).toBe(10);
    expect(rcvWscaleFor(4096)).toBe(2);
    expect(rcvWscaleFor(2 ** 31)).toBe(14);
  });

  it('a scenario with tcp_rmem "4096 131072 33554432" offers wscale 10 in the SYN and the SYN/ACK', () => {
    const sysctl = { 'net.ipv4.tcp_rmem': '4096 131072 33554432' };
    const tr = run(tcpRaw({ client: { sysctl }, server: { sysctl }, app: { bytes: 100_000, client_proto: 'tcp', server_proto: 'tcp' } }));
    expect(dirPackets(tr, 'c2s')[0].pkt.wscale).toBe(10);
    expect(dirPackets(tr, 's2c')[0].pkt.wscale).toBe(10);
  });
});

describe('slow start after idle (tcp_slow_start_after_idle, tcp_cwnd_restart)', () => {
  const raw = JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', 'f_prio_blackhole_download.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  /** The server's backup subflow (path 2) cwnd in its 100 ms tcp_info samples between 2.3 and 2.8 s. */
  const backupCwnd = (idleRestart: number): number[] => {
    const sc = structuredClone(raw);
    sc.server.sysctl = { 'net.ipv4.tcp_slow_start_after_idle': idleRestart };
    const s = simulate(normaliseScenario(sc), { seed: 7 }).summary as unknown as { app: { server: { samples: { t: number; sf: { snd_cwnd: number }[] }[] } } };
    return s.app.server.samples.filter((x) => x.t > 2.3 && x.t < 2.8).map((x) => x.sf[1]?.snd_cwnd ?? -1);
  };

  it('the idle backup subflow restarts from a small cwnd when the reinjection reaches it (kernel: 124–128 → 10)', () => {
    const cw = backupCwnd(1);
    expect(cw[0]).toBeGreaterThanOrEqual(100); // before: the cwnd it had when MP_PRIO parked it
    expect(Math.min(...cw)).toBeLessThanOrEqual(16); // halved once per RTO of idle time, not below 10
    expect(Math.min(...cw)).toBeGreaterThanOrEqual(10);
  });

  it('with net.ipv4.tcp_slow_start_after_idle=0 the cwnd survives the idle period', () => {
    const cw = backupCwnd(0);
    expect(Math.min(...cw)).toBeGreaterThanOrEqual(100);
  });
});
