import { describe, expect, it } from 'vitest';
import { ACK, SYN, FIN, PSH } from '../../../src/core/net/packet';
import { dirPackets, intact, run, tcpRaw } from '../../helpers/scenario';

describe('TCP three-way handshake, as Linux sends it', () => {
  const tr = run(tcpRaw({ app: { bytes: 100_000, client_proto: 'tcp', server_proto: 'tcp' } }));
  const c2s = dirPackets(tr, 'c2s');
  const s2c = dirPackets(tr, 's2c');

  it('the SYN offers MSS 1460, SACK-permitted, timestamps and window scale 7 with a 64240-byte window', () => {
    const syn = c2s[0].pkt;
    expect(syn.flags).toBe(SYN);
    expect(syn.mss).toBe(1460);
    expect(syn.sackOk).toBe(true);
    expect(syn.hasTs).toBe(true);
    expect(syn.tsEcr).toBe(0);
    expect(syn.wscale).toBe(7);
    expect(syn.win).toBe(64240);
  });

  it('the SYN/ACK acknowledges ISN+1, echoes the timestamp and offers 65160 = 45 × 1448', () => {
    const sa = s2c[0].pkt;
    const syn = c2s[0].pkt;
    expect(sa.flags).toBe(SYN | ACK);
    expect(sa.ack).toBe((syn.seq + 1) >>> 0);
    expect(sa.tsEcr).toBe(syn.tsVal);
    expect(sa.win).toBe(65160);
    expect(sa.wscale).toBe(7);
  });

  it('the SYN reaches the server one one-way delay after connect(), and connect() returns after one RTT', () => {
    expect(c2s[0].t / 1e9).toBeCloseTo(0.02 + 78 * 8 / 10e6, 4); // 20 ms + serialisation of a 78-byte frame
    expect(tr.app.client.t_connected).toBeGreaterThan(0.04);
    expect(tr.app.client.t_connected).toBeLessThan(0.041);
  });

  it('the third ACK is followed by an initial window of 10 full-sized (1448-byte) segments', () => {
    const third = c2s[1].pkt;
    expect(third.flags).toBe(ACK);
    expect(third.payloadLen).toBe(0);
    const data = c2s.slice(2, 12).map((c) => c.pkt);
    expect(data.every((p) => p.payloadLen === 1448)).toBe(true);
    // the 11th segment waits for the first ACK: about one RTT later
    expect(c2s[12].pkt.payloadLen).toBe(1448);
    expect(c2s[12].t - c2s[11].t).toBeGreaterThan(30e6);
  });

  it('segments carry timestamps and a scaled window; the stream arrives exactly', () => {
    const p = c2s[5].pkt;
    expect(p.hasTs).toBe(true);
    expect(p.win).toBeLessThan(65535);
    expect(intact(tr)).toBe(true);
  });

  it('the transfer ends with FIN from each side and the last data segment carries PSH', () => {
    const fins = tr.captures.filter((c) => c.pkt.flags & FIN);
    expect(fins.map((c) => c.dir)).toEqual(['c2s', 's2c']);
    const lastData = c2s.filter((c) => c.pkt.payloadLen > 0).at(-1)!.pkt;
    expect(lastData.flags & PSH).toBe(PSH);
  });

  it('the subflow state machine walks the RFC 9293 states on both sides', () => {
    const states = (side: string) => tr.events.filter((e) => e.type === 'tcpState' && e.side === side).map((e) => (e as { to: string }).to);
    expect(states('client')).toEqual(['synSent', 'established', 'finWait1', 'finWait2', 'timeWait']);
    expect(states('server')).toEqual(['synReceived', 'established', 'closeWait', 'lastAck', 'closed']);
  });
});

describe('counters', () => {
  it('CUBIC HyStart exits are counted in TcpExt with their Linux names', () => {
    const tr = run(tcpRaw({ app: { bytes: 1_000_000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' } }));
    const ext = tr.counters.client.TcpExt;
    const exits = (ext.TCPHystartTrainDetect ?? 0) + (ext.TCPHystartDelayDetect ?? 0);
    expect(exits).toBe(1);
  });
});
