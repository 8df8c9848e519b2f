/**
 * How the application's writes reach the MPTCP send queue, as Linux 6.18 and kernel-ref's sender do
 * it (net/mptcp/protocol.c mptcp_sendmsg, mptcp_send_limit, mptcp_write_space; kernel-ref's app
 * sock.sendall() of `app.chunk_bytes` at a time), and Minshall's Nagle check on a subflow's last
 * partial segment (net/ipv4/tcp_output.c tcp_nagle_test / tcp_minshall_check).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MptcpConnection } from '../../../src/core/mptcp/connection';
import { MPTCP_DFRAG_DATA } from '../../../src/core/mptcp/dfrag';
import { run } from '../../helpers/scenario';

interface WriteCall {
  t: number;
  n: number;
  more: boolean;
  pushDepth: number;
  sndNxtBefore: number;
  sndNxtAfter: number;
  full: boolean;
}

type ConnInternals = { stack: { engine: { now: number } }; pushDepth: number; sndNxt: number; wmemQueued(): number; sndBuf(): number };

/** Every MptcpConnection.write of a run, with the connection's state around it. */
function recordWrites(raw: Record<string, unknown>): WriteCall[] {
  const calls: WriteCall[] = [];
  const orig = MptcpConnection.prototype.write;
  vi.spyOn(MptcpConnection.prototype, 'write').mockImplementation(function (this: MptcpConnection, n: number, more?: boolean) {
    const c = this as unknown as ConnInternals;
    const before = { t: c.stack.engine.now, pushDepth: c.pushDepth, sndNxtBefore: c.sndNxt };
    orig.call(this, n, more);
    calls.push({ n, more: more ?? false, ...before, sndNxtAfter: c.sndNxt, full: c.wmemQueued() >= c.sndBuf() });
  });
  const tr = run(raw);
  expect(tr.status).toBe('ok');
  return calls;
}

const upload = (bytes: number, chunk: number) => ({
  name: 'send-path',
  paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }],
  app: { bytes, chunk_bytes: chunk, client_proto: 'mptcp', server_proto: 'mptcp', congestion_control: 'cubic' },
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the app's writes: sendall() of chunk_bytes, copied by mptcp_sendmsg in page pieces", () => {
  it('each write is one chunk (the last one the rest), copied in pieces that never cross a page', () => {
    const chunk = 50_000;
    const bytes = 1_000_000;
    const calls = recordWrites(upload(bytes, chunk));
    const writes: number[] = [];
    let cur = 0;
    for (const c of calls) {
      expect(c.n).toBeGreaterThan(0);
      // one piece: at most to the end of the 32 KiB page, whose fragment header takes 40 B
      expect(c.n).toBeLessThanOrEqual(MPTCP_DFRAG_DATA);
      cur += c.n;
      if (!c.more) {
        writes.push(cur);
        cur = 0;
      }
    }
    expect(cur).toBe(0);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(bytes);
    expect(writes.slice(0, -1).every((w) => w === chunk)).toBe(true);
    expect(writes.at(-1)).toBe(bytes % chunk || chunk);
    // pieces of a 50 000-byte write: several per write
    expect(calls.length).toBeGreaterThan(writes.length);
  });

  it('a piece pushes only at the end of its write or when the send buffer is full (wait_for_memory)', () => {
    // SO_SNDBUF 4 MB: the buffer never fills, so a 64 KiB write is copied in two or three pieces
    const raw = upload(1_000_000, 65_536);
    const calls = recordWrites({ ...raw, app: { ...raw.app, sndbuf: 4_000_000 } });
    const inner = calls.filter((c) => c.more && !c.full);
    expect(inner.length).toBeGreaterThan(5);
    for (const c of inner) expect(c.sndNxtAfter, 'nothing mapped in the middle of a write').toBe(c.sndNxtBefore);
    // with the default buffer, writes wait for DATA_ACKs; at a write's end __mptcp_push_pending maps
    // data at once whenever a subflow has room
    vi.restoreAllMocks();
    const waiting = recordWrites(upload(1_000_000, 65_536));
    expect(waiting.some((c) => !c.more && c.sndNxtAfter > c.sndNxtBefore)).toBe(true);
  });

  it('the app writes after the segment whose DATA_ACK freed the buffer is processed (mptcp_write_space wakes it; it runs after the softirq)', () => {
    const calls = recordWrites(upload(2_000_000, 65_536));
    // (the first writes come from connect() returning, at the handshake's end)
    const later = calls.filter((c) => c.t > calls[0].t);
    expect(later.length).toBeGreaterThan(50);
    for (const c of later) expect(c.pushDepth, `write() at ${c.t} ns from inside a segment`).toBe(0);
  });
});

describe("Minshall's check: a subflow's last partial segment waits while an earlier small one is unacknowledged", () => {
  it('the tail of the last write is held until the ACK of the small segment sent before it arrives', () => {
    // a 20 000-byte send buffer over a 14 240-byte initial window, 1000-byte writes: once the
    // subflow has caught up, a write's end leaves a small segment (tp->snd_sml); the last write's
    // tail (30 000 − 29 272 = 728 B) is the subflow's last partial segment while that one is in flight
    const raw = upload(30_000, 1000);
    const tr = run({ ...raw, app: { ...raw.app, sndbuf: 20_000 }, capture: { side: 'client' } });
    expect(tr.status).toBe('ok');
    const data = tr.captures.filter((c) => c.dir === 'c2s' && c.pkt.payloadLen > 0);
    const acks = tr.captures.filter((c) => c.dir === 's2c');
    const base = data[0].pkt.seq;
    const off = (seq: number) => (seq - base) >>> 0;
    const small = data.filter((c) => c.pkt.payloadLen < 1424);
    expect(small.length).toBe(2);
    const [first, last] = small;
    const firstEnd = off(first.pkt.seq) + first.pkt.payloadLen;
    expect(off(last.pkt.seq) + last.pkt.payloadLen).toBe(30_000);
    // the full segment before the tail left one RTT earlier: the tail was written by then
    const prev = data[data.indexOf(last) - 1];
    expect(last.t - prev.t).toBeGreaterThan(30e6);
    // it leaves with the ACK that covers the first small segment (tcp_minshall_check: snd_sml ≤ snd_una)
    const ack = acks.find((c) => off(c.pkt.ack) >= firstEnd && off(c.pkt.ack) < 0x80000000)!;
    expect(ack).toBeDefined();
    expect(last.t).toBe(ack.t);
  });
});
