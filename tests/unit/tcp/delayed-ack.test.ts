import { describe, expect, it } from 'vitest';
import { dirPackets, run, tcpRaw } from '../../helpers/scenario';

describe('delayed ACKs as Linux sends them (tcp_send_delayed_ack, tcp_fin)', () => {
  it("a FIN arriving with nothing else unacknowledged is ACKed by the delayed-ACK timer (ping-pong mode), not at once", () => {
    // 200 kB: the last data segment (with the FIN) arrives after the previous one was ACKed; the
    // receiving app closes at its next sampler tick, later than the delayed-ACK timer fires
    const tr = run(tcpRaw({ app: { bytes: 200_000, client_proto: 'tcp', server_proto: 'tcp' } }));
    const fin = dirPackets(tr, 'c2s').find((c) => c.pkt.flags & 1)!;
    const prevAck = dirPackets(tr, 's2c').filter((c) => c.t < fin.t).pop()!;
    expect(prevAck.pkt.ack).toBe(fin.pkt.seq); // everything before the FIN segment was ACKed
    const [ack, serverFin] = dirPackets(tr, 's2c').filter((c) => c.t >= fin.t);
    expect(ack.pkt.flags & 1).toBe(0);
    expect(ack.pkt.ack).toBe((fin.pkt.seq + fin.pkt.payloadLen + 1) >>> 0);
    // TCP_ATO_MIN = 40 ms, counted in 4-ms jiffies from the jiffy of the arrival
    const delayMs = (ack.t - fin.t) / 1e6;
    expect(delayMs).toBeGreaterThan(36);
    expect(delayMs).toBeLessThanOrEqual(40);
    expect(serverFin.pkt.flags & 1).toBe(1);
    expect(tr.counters.server.TcpExt.DelayedACKs).toBeGreaterThanOrEqual(1);
  });
});
