/**
 * DSNs are 64-bit and wrap (RFC 8684 §3.3.1: DSN = IDSN + 1 + position, mod 2^64). The connection
 * skips the mask below the position where its stream would wrap; at and past it the mask applies.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { U64, add64, low32, nearSndUna32, noWrapBelow, offset64 } from '../../../src/core/mptcp/dsn';
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

describe('nearSndUna32 (a 32-bit DATA_ACK of a known position)', () => {
  it('lands where the low 32 bits of IDSN + 1 + at, placed near snd_una, land — for any IDSN, across both wraps', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: U64 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), (idsn1, sndUna, d) => {
        const at = Math.max(0, sndUna + d);
        const viaBits = sndUna + ((low32(add64(idsn1, at)) - ((low32(idsn1) + sndUna) >>> 0)) | 0);
        return nearSndUna32(sndUna, at) === viaBits && viaBits === at;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('DATA_ACK near the wrap of the peer\'s DSN space', () => {
  it('wraps to small values past 2^64 and stays exact below it', () => {
    const sc = scenario({ name: 'wrap', paths: [{ delay_ms: 5, rate_mbit: 10, queue_pkts: 100 }], app: { bytes: 20_000, client_proto: 'mptcp', server_proto: 'mptcp' } });
    const { world, app } = prepareRun(sc, { seed: 1, captures: false, series: false });
    app.start();
    world.engine.runUntil(1e9);
    const conn = app.stacks.server.connections[0] as unknown as { remoteIdsn1: bigint; rcvNxt: number };
    expect(conn).toBeDefined();
    // the client's IDSN + 1 put 10 positions below 2^64
    conn.remoteIdsn1 = U64 - 9n;
    for (const [pos, want] of [[0, U64 - 9n], [9, U64], [10, 0n], [11, 1n], [5000, 4990n]] as const) {
      conn.rcvNxt = pos;
      // the DATA_ACK of the DSS option we would send now
      expect((conn as unknown as MptcpConnection).simDss(false, undefined).dataAck).toBe(want);
    }
  });
});
