import { describe, expect, it } from 'vitest';
import { dirPackets, run, tcpRaw } from '../../helpers/scenario';

/**
 * Linux's receiver ACKs every segment while receive-buffer autotuning opens its window and every
 * second segment while the window is flat; on a 10 Mbit/s path those per-segment ACKs are what
 * CUBIC's HyStart ack-train test sees. The real kernel (tests/fidelity/kernel-ref, 1 MB, 20 ms):
 * TCPHystartTrainDetect 1 at cwnd 59, about 404 ACKs for 691 data segments.
 */
describe('receive-buffer autotuning and the ACKs it causes', () => {
  const tr = run(tcpRaw({ app: { bytes: 1_000_000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' } }));

  it('HyStart leaves slow start on the ACK train near the kernel cwnd of 59', () => {
    const ext = tr.counters.client.TcpExt;
    expect(ext.TCPHystartTrainDetect).toBe(1);
    expect(ext.TCPHystartTrainCwnd).toBeGreaterThanOrEqual(53);
    expect(ext.TCPHystartTrainCwnd).toBeLessThanOrEqual(65);
  });

  it('the receiver sends between one ACK per segment and one per two (kernel: 404 for 691)', () => {
    const data = dirPackets(tr, 'c2s').filter((c) => c.pkt.payloadLen > 0).length;
    const acks = dirPackets(tr, 's2c').filter((c) => c.pkt.payloadLen === 0).length;
    expect(acks / data).toBeGreaterThan(0.52);
    expect(acks / data).toBeLessThan(0.7);
  });

  it('the advertised window grows past the initial 64 KiB as the transfer speeds up', () => {
    const wins = dirPackets(tr, 's2c').map((c) => c.pkt.win << 7);
    expect(Math.max(...wins)).toBeGreaterThan(2 * 65535);
  });
});
