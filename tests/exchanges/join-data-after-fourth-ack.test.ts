/**
 * A joining subflow sends no data until it is fully established, i.e. until the listener has
 * acknowledged its third ACK (the "4th ACK"; RFC 8684 §3.2, kernel.md §2 and §13). Then data
 * flows on it with its own DSS mappings starting at subflow sequence 1.
 */
import { describe, expect, it } from 'vitest';
import { firstTime, mptcpEventTime, optionOf, runExchange, twoPathUpload } from '../helpers/exchange';
import type { CaptureRecord } from '../../src/core/sim/trace';

describe('join data only after the 4th ACK', () => {
  const x = runExchange(twoPathUpload(1_000_000));
  const isThirdAck = (c: CaptureRecord): boolean => c.path === 2 && c.dir === 'c2s' && optionOf(c.pkt, 'MP_JOIN')?.form === 'ack';
  const isFourthAck = (c: CaptureRecord): boolean => c.path === 2 && c.dir === 's2c' && c.pkt.payloadLen === 0 && optionOf(c.pkt, 'DSS') !== undefined;
  const isJoinData = (c: CaptureRecord): boolean => c.path === 2 && c.dir === 'c2s' && c.pkt.payloadLen > 0;

  it('acknowledges the third ACK at once, before any payload on the join subflow (server view)', () => {
    const caps = x.caps('server');
    const third = firstTime(caps, isThirdAck);
    const fourth = firstTime(caps, isFourthAck);
    const data = firstTime(caps, isJoinData);
    expect(third).toBeGreaterThan(0);
    expect(fourth).toBe(third);
    expect(data).toBeGreaterThan(fourth);
    // path 2 before the first payload: the handshake and the 4th ACK only
    const before = x.lines((c) => c.path === 2 && c.t < data);
    expect(before.map((l) => l.replace(/\(.*$/, ''))).toEqual(['p2 c2s SYN mss=1460 MP_JOIN[12]', 'p2 s2c SYN,ACK mss=1460 MP_JOIN[16]', 'p2 c2s ACK MP_JOIN[24]', 'p2 s2c ACK DSS[12]']);
  });

  it('sends the first join payload only after the 4th ACK reached the client (client view)', () => {
    const caps = x.caps('client');
    const fourthIn = firstTime(caps, isFourthAck);
    const dataOut = firstTime(caps, isJoinData);
    expect(fourthIn).toBeGreaterThan(firstTime(caps, isThirdAck));
    expect(dataOut).toBeGreaterThanOrEqual(fourthIn);
    // the client's subflow 2 becomes fully established exactly when the 4th ACK arrives
    expect(mptcpEventTime(x.trace, 'client', 'subflow 2 fullyEstablished')).toBe(fourthIn);
  });

  it('then carries 1424-byte segments mapped from subflow sequence 1', () => {
    const data = x.lines((c) => c.path === 2 && c.dir === 'c2s' && c.pkt.payloadLen > 0);
    expect(data.length).toBeGreaterThan(10);
    expect(data[0]).toMatch(/^p2 c2s ACK len=1424 DSS\[22\]\(ack32=1 dsn64=\d+ ssn=1 dll=1424\)$/);
    expect(data[1]).toMatch(/^p2 c2s ACK len=1424 DSS\[22\]\(ack32=1 dsn64=\d+ ssn=1425 dll=1424\)$/);
    expect(x.trace.app.client.sha256_sent).toBe(x.trace.app.server.sha256_received);
  });
});
