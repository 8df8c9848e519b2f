/**
 * DSNs are 64-bit and wrap (RFC 8684 §3.3.1: DSN = IDSN + 1 + position, mod 2^64). The connection
 * skips the mask below the position where its stream would wrap; at and past it the mask applies.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DsnCursor, U64, add64, noWrapBelow, offset64 } from '../../../src/core/mptcp/dsn';
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

describe('add64 / offset64 (DSN arithmetic mod 2^64)', () => {
  it('wraps a sum past 2^64 and gives the position of a DSN that wrapped', () => {
    expect(add64(U64, 1)).toBe(0n);
    expect(add64(U64 - 1n, 5)).toBe(3n);
    expect(add64(U64, U64)).toBe(U64 - 1n);
    expect(add64(7n, 0)).toBe(7n);
    // a DSN that wrapped (3) lies 5 positions after IDSN + 1 = 2^64 − 2
    expect(offset64(3n, U64 - 1n)).toBe(5);
    expect(offset64(0n, U64)).toBe(1);
    expect(offset64(U64, U64)).toBe(0);
    expect(offset64(U64, 0n)).toBe(Number(U64));
  });
  it('is exact up to 2^53, on both sides of the wrap', () => {
    const big = 2 ** 53 - 1;
    for (const base of [0n, 1n << 63n, U64 - 2n, U64 - BigInt(big) + 5n]) {
      for (const pos of [0, 1, 1448, 2 ** 32 + 7, 2 ** 52 + 3, big - 1, big]) {
        const dsn = add64(base, pos);
        expect(dsn).toBe((base + BigInt(pos)) % (1n << 64n));
        expect(offset64(dsn, base)).toBe(pos);
      }
    }
  });
});

describe('DsnCursor (a subflow\'s segment DSNs, DATA_ACK values)', () => {
  it('gives add64(idsn1, pos) for any sequence of positions: forward steps, repeats, jumps back, across the wrap', () => {
    const idsn = fc.oneof(fc.bigInt({ min: 0n, max: U64 }), fc.constantFrom(U64, U64 - 5000n, 1n));
    const moves = fc.array(fc.oneof(fc.constant(1424), fc.constant(2848), fc.integer({ min: -20000, max: 20000 })), { maxLength: 60 });
    fc.assert(
      fc.property(idsn, fc.nat(100000), moves, (idsn1, start, steps) => {
        const c = new DsnCursor(idsn1, noWrapBelow(idsn1));
        let pos = start;
        for (const d of [0, ...steps]) {
          pos = Math.max(0, pos + d);
          if (c.at(pos) !== add64(idsn1, pos)) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('steps across the wrap with the mask (IDSN + 1 = 2^64 − 2000)', () => {
    const idsn1 = U64 - 1999n;
    const c = new DsnCursor(idsn1, noWrapBelow(idsn1));
    expect(c.at(0)).toBe(idsn1);
    expect(c.at(1424)).toBe(idsn1 + 1424n);
    expect(c.at(2848)).toBe(848n);
    expect(c.at(4272)).toBe(2272n);
  });
});

describe('DATA_ACK near the wrap of the peer\'s DSN space', () => {
  it('wraps to small values past 2^64 and stays exact below it', () => {
    const sc = scenario({ name: 'wrap', paths: [{ delay_ms: 5, rate_mbit: 10, queue_pkts: 100 }], app: { bytes: 20_000, client_proto: 'mptcp', server_proto: 'mptcp' } });
    const { world, app } = prepareRun(sc, { seed: 1, captures: false, series: false });
    app.start();
    world.engine.runUntil(1e9);
    const conn = app.stacks.server.connections[0] as unknown as { remoteIdsn1: bigint; remoteNoWrapBelow: number; rcvNxt: number; dataAckCursor: DsnCursor | null; dataAckValue(): bigint };
    expect(conn).toBeDefined();
    // the client's IDSN + 1 put 10 positions below 2^64 (and the DATA_ACK cursor with it, as setRemoteKey does)
    conn.remoteIdsn1 = U64 - 9n;
    conn.remoteNoWrapBelow = noWrapBelow(conn.remoteIdsn1);
    conn.dataAckCursor = new DsnCursor(conn.remoteIdsn1, conn.remoteNoWrapBelow);
    for (const [pos, want] of [[0, U64 - 9n], [9, U64], [10, 0n], [11, 1n], [5000, 4990n]] as const) {
      conn.rcvNxt = pos;
      expect((conn as unknown as MptcpConnection).dataAckValue()).toBe(want);
    }
  });
});
