import { describe, expect, it } from 'vitest';
import { dirPackets, intact, runDropping, run, tcpRaw } from '../../helpers/scenario';

const raw = (over: Record<string, unknown> = {}) => tcpRaw({ app: { bytes: 400_000, client_proto: 'tcp', server_proto: 'tcp' }, ...over });

describe('loss recovery with SACK (RFC 2018, RACK-TLP RFC 8985, PRR RFC 6937)', () => {
  it('a single lost segment is repaired by one fast retransmission, without a timeout', () => {
    const tr = runDropping(raw(), (_p, n) => n === 60);
    const tcpExt = tr.counters.client.TcpExt;
    expect(tcpExt.TCPSackRecovery).toBe(1);
    expect(tcpExt.TCPTimeouts ?? 0).toBe(0);
    expect(tr.counters.client.Tcp.RetransSegs).toBe(1);
    expect(intact(tr)).toBe(true);
  });

  it('duplicate ACKs after the hole carry SACK blocks covering the data beyond it', () => {
    let lostSeq = -1;
    const tr = runDropping(raw(), (p, n) => {
      if (n === 60) lostSeq = p.seq;
      return n === 60;
    });
    const withSack = dirPackets(tr, 's2c').filter((c) => c.pkt.sack !== null);
    expect(withSack.length).toBeGreaterThan(0);
    const first = withSack[0].pkt;
    expect(first.ack).toBe(lostSeq);
    expect(first.sack![0]).toBe((lostSeq + 1448) >>> 0);
  });

  it('the receiver counts out-of-order segments while the hole is open', () => {
    const tr = runDropping(raw(), (_p, n) => n === 60);
    expect(tr.counters.server.TcpExt.TCPOFOQueue).toBeGreaterThan(0);
  });

  it('fast recovery sets ssthresh to about 0.7 × cwnd (CUBIC β) and cwnd never collapses to 1', () => {
    const tr = runDropping(raw(), (_p, n) => n === 100);
    const rec = tr.events.find((e) => e.type === 'recovery' && e.side === 'client' && e.kind === 'fast')!;
    expect(rec).toBeDefined();
    const s = tr.series.find((x) => x.side === 'client')!;
    const i = s.t.findIndex((t) => t >= rec.t);
    const cwndBefore = s.cwnd[i - 1];
    const ss = s.ssthresh[i];
    expect(ss).toBeGreaterThanOrEqual(Math.floor(cwndBefore * 0.65));
    expect(ss).toBeLessThanOrEqual(Math.ceil(cwndBefore * 0.75));
    expect(Math.min(...s.cwnd.slice(i))).toBeGreaterThan(1);
  });

  it('losing the last segment is repaired by a tail loss probe, not an RTO', () => {
    const total = Math.ceil(400_000 / 1448);
    const tr = runDropping(raw(), (_p, n) => n === total);
    expect(tr.counters.client.TcpExt.TCPLossProbes).toBeGreaterThanOrEqual(1);
    expect(tr.counters.client.TcpExt.TCPTimeouts ?? 0).toBe(0);
    expect(intact(tr)).toBe(true);
  });

  it('a retransmission lost again is detected by RACK (or the RTO) and the stream still completes', () => {
    let seen = 0;
    const tr = runDropping(raw(), (p, n) => {
      if (n === 60) return true;
      if (n === 0) return false;
      // drop the first retransmission of that segment too
      if (p.payloadLen > 0 && n > 60 && p.streamPos === 59 * 1448 && seen++ === 0) return true;
      return false;
    });
    expect(tr.counters.client.Tcp.RetransSegs).toBeGreaterThanOrEqual(2);
    expect(intact(tr)).toBe(true);
  });
});

describe('loss recovery details as Linux 6.18 has them', () => {
  const total = Math.ceil(400_000 / 1448);

  it('a tail segment lost during recovery is marked lost by RACK once the later-sent retransmission is acknowledged, without an RTO', () => {
    // segment total−8 is lost, then the last one: the retransmission of the first goes out after
    // the last one was sent, so its ACK proves the last one lost (RACK orders by send time)
    const tr = runDropping(raw(), (_p, n) => n === total - 8 || n === total);
    const tcpExt = tr.counters.client.TcpExt;
    expect(tcpExt.TCPTimeouts ?? 0).toBe(0);
    expect(tcpExt.TCPLossProbes ?? 0).toBe(0);
    expect(tcpExt.TCPSackRecovery).toBe(1);
    expect(tr.counters.client.Tcp.RetransSegs).toBe(2);
    expect(intact(tr)).toBe(true);
  });

  it('a SACK block ending at an out-of-order FIN covers the FIN, so the FIN segment counts as SACKed', () => {
    const tr = runDropping(raw(), (_p, n) => n === total - 1);
    const fin = dirPackets(tr, 'c2s').find((c) => c.pkt.flags & 1)!;
    const sack = dirPackets(tr, 's2c').find((c) => c.t >= fin.t && c.pkt.sack !== null)!.pkt.sack!;
    expect(sack[1]).toBe((fin.pkt.seq + fin.pkt.payloadLen + 1) >>> 0);
    // RACK then repairs the hole (no loss probe, no RTO)
    expect(tr.counters.client.TcpExt.TCPLossProbes ?? 0).toBe(0);
    expect(tr.counters.client.TcpExt.TCPTimeouts ?? 0).toBe(0);
    expect(tr.counters.client.Tcp.RetransSegs).toBe(1);
  });

  it('TCPFastRetrans counts retransmitted segments, not recoveries', () => {
    const tr = runDropping(raw(), (_p, n) => n === 150 || n === 153 || n === 156);
    expect(tr.counters.client.TcpExt.TCPSackRecovery).toBe(1);
    expect(tr.counters.client.TcpExt.TCPFastRetrans).toBe(3);
    expect(tr.counters.client.Tcp.RetransSegs).toBe(3);
  });
});

describe('retransmission timeout (RFC 6298, Linux backoff)', () => {
  it('a dead path triggers RTOs whose intervals double, and the transfer resumes when it comes back', () => {
    const tr = run(
      raw({
        events: [
          { at: 0.3, action: 'link_down', path: 1 },
          { at: 2.5, action: 'link_up', path: 1 },
        ],
      }),
    );
    expect(tr.counters.client.TcpExt.TCPTimeouts).toBeGreaterThanOrEqual(3);
    const rtos = tr.events.filter((e) => e.type === 'recovery' && e.side === 'client' && e.kind === 'rto').map((e) => e.t / 1e9);
    const gaps = rtos.slice(1).map((t, i) => t - rtos[i]);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i] / gaps[i - 1]).toBeCloseTo(2, 1);
    expect(intact(tr)).toBe(true);
    expect(tr.app.client.t_done).toBeGreaterThan(2.5);
  });

  it('a lost SYN is retransmitted after the initial 1 s RTO', () => {
    const tr = runDropping(raw(), (p) => p.flags === 0x02 && p.id === 1);
    const syns = tr.captures.filter((c) => c.dir === 'c2s' && c.pkt.flags === 0x02);
    expect(syns.length).toBe(1); // the first never arrived
    expect(syns[0].t / 1e9).toBeCloseTo(1.02, 2);
    expect(intact(tr)).toBe(true);
  });
});

describe('NewReno loss recovery when SACK is off (RFC 6582)', () => {
  const noSack = { client: { sysctl: { 'net.ipv4.tcp_sack': 0 } }, server: { sysctl: { 'net.ipv4.tcp_sack': 0 } } };

  it('no SACK option is negotiated and three duplicate ACKs start recovery', () => {
    const tr = runDropping(raw(noSack), (_p, n) => n === 60);
    expect(tr.captures[0].pkt.sackOk).toBe(false);
    expect(tr.captures.every((c) => c.pkt.sack === null)).toBe(true);
    expect(tr.counters.client.TcpExt.TCPRenoRecovery).toBe(1);
    expect(tr.counters.client.TcpExt.TCPTimeouts ?? 0).toBe(0);
    expect(intact(tr)).toBe(true);
  });

  it('two losses in one window are repaired by partial ACKs within one recovery', () => {
    const tr = runDropping(raw(noSack), (_p, n) => n === 60 || n === 64);
    expect(tr.counters.client.TcpExt.TCPRenoRecovery).toBe(1);
    expect(tr.counters.client.Tcp.RetransSegs).toBe(2);
    expect(intact(tr)).toBe(true);
  });
});
