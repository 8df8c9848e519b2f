/**
 * Invariant (design.md §7): the receiving application gets the sent byte stream exactly — complete,
 * in order, once — under any loss / jitter / reordering / queue / link-outage schedule that leaves
 * the path usable in the end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intact, run } from '../helpers/scenario';

const shapeArb = fc.record({
  delay_ms: fc.integer({ min: 0, max: 80 }),
  jitter_ms: fc.integer({ min: 0, max: 20 }),
  loss_pct: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 15, noNaN: true })),
  rate_mbit: fc.oneof(fc.constant(null), fc.double({ min: 0.5, max: 200, noNaN: true })),
  queue_pkts: fc.integer({ min: 2, max: 300 }),
  allow_reorder: fc.boolean(),
});

const eventsArb = fc.array(
  fc.oneof(
    fc.record({ at: fc.double({ min: 0, max: 3, noNaN: true }), dur: fc.double({ min: 0.01, max: 2, noNaN: true }), kind: fc.constant('outage' as const), side: fc.constantFrom('client', 'server', 'both') }),
    fc.record({ at: fc.double({ min: 0, max: 3, noNaN: true }), dur: fc.double({ min: 0.01, max: 2, noNaN: true }), kind: fc.constant('blackhole' as const), side: fc.constant('both') }),
  ),
  { maxLength: 3 },
);

describe('property: TCP delivers exactly the sent stream', () => {
  it('under random loss, jitter, reordering, queues, outages and blackholes', () => {
    fc.assert(
      fc.property(
        shapeArb,
        shapeArb,
        eventsArb,
        fc.integer({ min: 1, max: 400_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('cubic', 'reno'),
        fc.boolean(),
        fc.constantFrom('upload', 'download'),
        (c2s, s2c, evs, bytes, seed, cc, sack, direction) => {
          const events: Record<string, unknown>[] = [];
          for (const e of evs) {
            if (e.kind === 'outage') {
              events.push({ at: e.at, action: 'link_down', path: 1, side: e.side }, { at: e.at + e.dur, action: 'link_up', path: 1, side: e.side });
            } else {
              events.push({ at: e.at, action: 'shape', path: 1, loss_pct: 100 }, { at: e.at + e.dur, action: 'shape_reset', path: 1 });
            }
          }
          const sysctl = sack ? {} : { 'net.ipv4.tcp_sack': 0 };
          const tr = run(
            {
              name: 'prop',
              seed,
              timeout_s: 600,
              paths: [{ c2s, s2c }],
              client: { sysctl },
              server: { sysctl },
              events,
              app: { bytes, direction, client_proto: 'tcp', server_proto: 'tcp', congestion_control: cc },
            },
            seed,
          );
          const { client, server } = tr.app;
          const [snd, rcv] = direction === 'upload' ? [client, server] : [server, client];
          expect(tr.status).toBe('ok');
          expect(rcv.bytes_received).toBe(bytes);
          expect(snd.bytes_sent).toBe(bytes);
          expect(rcv.stream_in_order).toBe(true);
          expect(rcv.sha256_received).toBe(snd.sha256_sent);
          if (direction === 'upload') expect(intact(tr)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 120), seed: Number(process.env.FC_SEED ?? 20261124) },
    );
  });
});
