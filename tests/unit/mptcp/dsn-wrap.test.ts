/**
 * DSNs are 64-bit and wrap (RFC 8684 §3.3.1: DSN = IDSN + 1 + position, mod 2^64). The connection
 * skips the mask below the position where its stream would wrap; at and past it the mask applies.
 */
import { describe, expect, it } from 'vitest';
import { U64, noWrapBelow } from '../../../src/core/mptcp/dsn';
import type { MptcpConnection } from '../../../src/core/mptcp/connection';
import { prepareRun } from '../../../src/core/sim/run';
import { scenario } from '../../helpers/scenario';

describe('noWrapBelow', () => {
  it('is the room left below 2^64, capped at the largest safe integer', () => {
    expect(noWrapBelow(U64 - 9n)).toBe(10);
    expect(noWrapBelow(U64)).toBe(1);
    expect(noWrapBelow(1n)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('DATA_ACK near the wrap of the peer\'s DSN space', () => {
  it('wraps to small values past 2^64 and stays exact below it', () => {
    const sc = scenario({ name: 'wrap', paths: [{ delay_ms: 5, rate_mbit: 10, queue_pkts: 100 }], app: { bytes: 20_000, client_proto: 'mptcp', server_proto: 'mptcp' } });
    const { world, app } = prepareRun(sc, { seed: 1, captures: false, series: false });
    app.start();
    world.engine.runUntil(1e9);
    const conn = app.stacks.server.connections[0] as unknown as { remoteIdsn1: bigint; remoteNoWrapBelow: number; rcvNxt: number; dataAckValue(): bigint };
    expect(conn).toBeDefined();
    // the client's IDSN + 1 put 10 positions below 2^64
    conn.remoteIdsn1 = U64 - 9n;
    conn.remoteNoWrapBelow = noWrapBelow(conn.remoteIdsn1);
    for (const [pos, want] of [[0, U64 - 9n], [9, U64], [10, 0n], [11, 1n], [5000, 4990n]] as const) {
      conn.rcvNxt = pos;
      expect((conn as unknown as MptcpConnection).dataAckValue()).toBe(want);
    }
  });
});
