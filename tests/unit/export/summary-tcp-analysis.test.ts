/**
 * The tshark-like sequence analysis behind retransmitted_payload_bytes and ack_rtt_ms
 * (src/core/export/tcp-seq-analysis.ts): each classification rule on a hand-made exchange.
 * Direction 0 = client→server (data), 1 = server→client (ACKs). Times in ns.
 */
import { describe, expect, it } from 'vitest';
import {
  ConversationAnalysis,
  TA_DUPLICATE_ACK,
  TA_FAST_RETRANSMISSION,
  TA_KEEP_ALIVE,
  TA_OUT_OF_ORDER,
  TA_RETRANSMISSION,
  TA_SPURIOUS_RETRANSMISSION,
  TA_ZERO_WINDOW_PROBE,
} from '../../../src/core/export/tcp-seq-analysis';

const MS = 1_000_000;
const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;

/** A connection after a handshake with a 40 ms first RTT: client ISN 999, server ISN 4999. */
function established(): ConversationAnalysis {
  const c = new ConversationAnalysis();
  c.analyze(0, 0, 999, 0, 0, SYN, 64240, 7);
  c.analyze(1, 0.05 * MS, 4999, 1000, 0, SYN | ACK, 65160, 7);
  c.analyze(0, 40 * MS, 1000, 5000, 0, ACK, 502, -1);
  return c;
}
const data = (c: ConversationAnalysis, tMs: number, seq: number, len = 1000): number => c.analyze(0, tMs * MS, seq, 5000, len, ACK, 502, -1);
const ackOf = (c: ConversationAnalysis, tMs: number, ack: number, win = 500): number => c.analyze(1, tMs * MS, 5000, ack, 0, ACK, win, -1);

describe('tshark sequence analysis', () => {
  it('reports the handshake RTTs as ack_rtt of the SYN/ACK and of the third ACK', () => {
    const c = new ConversationAnalysis();
    c.analyze(0, 0, 999, 0, 0, SYN, 64240, 7);
    c.analyze(1, 0.05 * MS, 4999, 1000, 0, SYN | ACK, 65160, 7);
    expect(c.ackRtt).toBe(0.05 * MS);
    c.analyze(0, 40 * MS, 1000, 5000, 0, ACK, 502, -1);
    expect(c.ackRtt).toBe(40 * MS - 0.05 * MS);
  });

  it('in-order data is neither retransmission nor out-of-order', () => {
    const c = established();
    expect(data(c, 41, 1000)).toBe(0);
    expect(data(c, 42, 2000)).toBe(0);
  });

  it('a segment below the highest sent, long after it (more than the first RTT), is a retransmission', () => {
    const c = established();
    data(c, 41, 1000);
    data(c, 42, 2000);
    expect(data(c, 300, 1000) & TA_RETRANSMISSION).toBeTruthy();
  });

  it('the same segment within the first RTT of the highest is out-of-order, not a retransmission', () => {
    const c = established();
    data(c, 41, 1000);
    data(c, 42, 2000);
    const ta = data(c, 50, 1000);
    expect(ta & TA_OUT_OF_ORDER).toBeTruthy();
    expect(ta & (TA_RETRANSMISSION | TA_FAST_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION)).toBe(0);
  });

  it('a hole filled after two duplicate ACKs, within 20 ms of the last, is a fast retransmission', () => {
    const c = established();
    data(c, 41, 1000);
    data(c, 42, 2000); // lost on its way to the receiver in this story
    data(c, 43, 3000);
    ackOf(c, 43.1, 2000);
    expect(ackOf(c, 44.1, 2000) & TA_DUPLICATE_ACK).toBeTruthy();
    expect(ackOf(c, 45.1, 2000) & TA_DUPLICATE_ACK).toBeTruthy();
    expect(data(c, 50, 2000) & TA_FAST_RETRANSMISSION).toBeTruthy();
  });

  it('duplicate ACKs need an unchanged window: a window change ends the run', () => {
    const c = established();
    data(c, 41, 1000);
    ackOf(c, 41.1, 2000);
    expect(ackOf(c, 42.1, 2000, 500) & TA_DUPLICATE_ACK).toBeTruthy();
    expect(ackOf(c, 43.1, 2000, 600) & TA_DUPLICATE_ACK).toBe(0);
  });

  it('data the peer already acknowledged is a spurious retransmission', () => {
    const c = established();
    data(c, 41, 1000);
    ackOf(c, 41.1, 2000);
    expect(data(c, 500, 1000) & TA_SPURIOUS_RETRANSMISSION).toBeTruthy();
  });

  it('a 1-byte keep-alive at nextseq−1 is not a retransmission', () => {
    const c = established();
    data(c, 41, 1000);
    ackOf(c, 41.1, 2000);
    const ta = data(c, 5000, 1999, 1);
    expect(ta & TA_KEEP_ALIVE).toBeTruthy();
    expect(ta & (TA_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION | TA_OUT_OF_ORDER)).toBe(0);
  });

  it('a 1-byte segment at nextseq into a zero window is a zero-window probe', () => {
    const c = established();
    data(c, 41, 1000);
    ackOf(c, 41.1, 2000, 0);
    expect(data(c, 300, 2000, 1) & TA_ZERO_WINDOW_PROBE).toBeTruthy();
  });

  it('ack_rtt needs an ACK ending exactly at a segment end; a partial ACK gives none', () => {
    const c = established();
    data(c, 41, 1000);
    ackOf(c, 41.5, 1500);
    expect(c.ackRtt).toBe(-1);
    ackOf(c, 42, 2000);
    expect(c.ackRtt).toBe(1 * MS);
  });

  it('ack_rtt of a retransmitted segment counts from the original transmission (the oldest)', () => {
    const c = established();
    data(c, 41, 1000);
    data(c, 300, 1000);
    ackOf(c, 301, 2000);
    expect(c.ackRtt).toBe(260 * MS);
  });

  it('a cumulative ACK measures from the segment it ends at and forgets the earlier ones', () => {
    const c = established();
    data(c, 41, 1000);
    data(c, 42, 2000);
    ackOf(c, 43, 3000);
    expect(c.ackRtt).toBe(1 * MS);
    ackOf(c, 44, 2000); // an old ACK: nothing left to measure
    expect(c.ackRtt).toBe(-1);
  });

  it('a FIN occupies one sequence number: the ACK of FIN+1 measures it', () => {
    const c = established();
    c.analyze(0, 41 * MS, 1000, 5000, 0, FIN | ACK, 502, -1);
    ackOf(c, 41.2, 1001);
    expect(c.ackRtt).toBe(0.2 * MS);
  });

  it('sequence numbers wrapping past 2^32 keep working', () => {
    const c = new ConversationAnalysis();
    const isn = 0xffffff00;
    c.analyze(0, 0, isn, 0, 0, SYN, 64240, 7);
    c.analyze(1, 0.05 * MS, 4999, (isn + 1) >>> 0, 0, SYN | ACK, 65160, 7);
    c.analyze(0, 40 * MS, (isn + 1) >>> 0, 5000, 0, ACK, 502, -1);
    expect(c.analyze(0, 41 * MS, (isn + 1) >>> 0, 5000, 1000, ACK, 502, -1)).toBe(0);
    c.analyze(1, 42 * MS, 5000, (isn + 1001) >>> 0, 0, ACK, 500, -1);
    expect(c.ackRtt).toBe(1 * MS);
    expect(c.analyze(0, 400 * MS, (isn + 1) >>> 0, 5000, 1000, ACK, 502, -1) & TA_SPURIOUS_RETRANSMISSION).toBeTruthy();
  });
});
