/**
 * Invariant (design.md §7, issue 3 "Property test"): a two-path MPTCP connection hands the receiving
 * application exactly the sent byte stream — complete, in order, once — under random loss, jitter
 * with reordering, queue sizes, shape changes, link-down/up and blackhole schedules and middlebox
 * schedules that always leave one path alive.
 *
 * "One path alive": the disruptions that kill a path for a while (link down on either side, 100 %
 * loss in one direction) are laid out one after another on the timeline, never overlapping across
 * the two paths, and each ends — except possibly the last, which may take one path down for good:
 * - path 2 (the join path) for good: path 1 stays alive, so the transfer must complete;
 * - path 1 (the MP_CAPABLE path) for good: the connection can only survive on a path-2 subflow that
 *   exists before the failure (the in-kernel PM joins only after full establishment, and nothing
 *   else could carry the first handshake). So delivery is required only when the client's path-2
 *   subflow was established (`ip mptcp monitor` SF_ESTABLISHED) before the failure and no middlebox
 *   sits on path 2 (or when the run completed anyway); otherwise only safety is checked: what
 *   arrived is an in-order prefix of what was sent, never more. The test counts both kinds of runs.
 * Shape changes (delay, jitter, reordering, rate, queue, loss ≤ 8 %) happen on either path at any
 * time. Middleboxes (`sim.middleboxes`) break MPTCP, never TCP: on path 1 they strip MP_CAPABLE
 * from the handshake (fallback to TCP, RFC 8684 §3.7) or ADD_ADDR (no join); on path 2 they strip
 * MP_JOIN, DSS or all MPTCP options, or rewrite payload (only with checksum_enabled, which detects
 * it) — path 1 then carries the stream, so with path-2 boxes a path-1 failure always ends.
 *
 * Three variants: the client's 'subflow' endpoint on path 2 (limits subflows 2) for an upload and for
 * a download, and the server's 'signal' endpoint on path 2 (client add_addr_accepted 1) in either
 * direction.
 *
 * Reproduce a failure: the error message carries the fast-check seed/path and the scenario JSON; save
 * the JSON and run `npm run sim -- FILE.json --out DIR`, or set FC_SEED / MPTCP_PROPERTY_RUNS (total runs).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run } from '../helpers/scenario';

type PathNo = 1 | 2;
type Variant = 'subflow-upload' | 'subflow-download' | 'signal';

const SEED = Number(process.env.FC_SEED ?? 20261125);
/** Total generated runs over the three variants (≥ 1,000 in CI, issue 3). */
const TOTAL_RUNS = Number(process.env.MPTCP_PROPERTY_RUNS ?? 1050);
/** Per variant: fast-check stops after this (a failure) so that vitest reports its counterexample. */
const TIME_LIMIT_MS = 100_000;
const RUNS: Record<Variant, number> = {
  'subflow-upload': Math.ceil(TOTAL_RUNS * 0.35),
  'subflow-download': Math.ceil(TOTAL_RUNS * 0.35),
  signal: Math.ceil(TOTAL_RUNS * 0.3),
};

// ---- generators -------------------------------------------------------------------------------

const lossArb = fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 8, noNaN: true }));

const shapeArb = fc.record({
  delay_ms: fc.integer({ min: 0, max: 60 }),
  jitter_ms: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 15 })),
  loss_pct: lossArb,
  rate_mbit: fc.oneof(fc.constant(null), fc.double({ min: 1, max: 100, noNaN: true })),
  queue_pkts: fc.integer({ min: 2, max: 200 }),
  allow_reorder: fc.boolean(),
});

const pathArb = fc.record({ c2s: shapeArb, s2c: shapeArb });

/** A change that leaves the path usable (loss ≤ 8 %): any subset of the shape keys, at least one. */
const shapeChangeArb = fc.record({
  at: fc.double({ min: 0, max: 4, noNaN: true }),
  path: fc.constantFrom<PathNo>(1, 2),
  dir: fc.constantFrom('c2s', 's2c', 'both'),
  reset: fc.boolean(),
  set: fc
    .record(
      {
        delay_ms: fc.integer({ min: 0, max: 80 }),
        jitter_ms: fc.integer({ min: 0, max: 20 }),
        loss_pct: lossArb,
        rate_mbit: fc.double({ min: 1, max: 100, noNaN: true }),
        queue_pkts: fc.integer({ min: 2, max: 200 }),
        allow_reorder: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .filter((s) => Object.keys(s).length > 0),
});

/** A disruption that kills one path for a while: link down (one side or both) or a one-way blackhole. */
const disruptionArb = fc.record({
  path: fc.constantFrom<PathNo>(1, 2),
  gap: fc.double({ min: 0, max: 1.5, noNaN: true }),
  dur: fc.double({ min: 0.01, max: 2.5, noNaN: true }),
  kind: fc.constantFrom('link_down', 'blackhole'),
  side: fc.constantFrom('client', 'server', 'both'),
  dir: fc.constantFrom('c2s', 's2c', 'both'),
});

/**
 * Middleboxes that break MPTCP on one path and so count as that path's disruption (boxes on path 1
 * only act on handshake/ACK segments or ADD_ADDR, so path 1 still carries the stream as TCP or MPTCP).
 */
const middleboxArb = fc.oneof(
  // path 1: handshake stripping → fallback to TCP (RFC 8684 §3.7); ADD_ADDR stripping → no join.
  fc.record({ path: fc.constant(1), dir: fc.constant('c2s'), action: fc.constant('strip_options'), options: fc.constant(['MP_CAPABLE']), on: fc.constant('syn') }),
  fc.record({ path: fc.constant(1), dir: fc.constant('s2c'), action: fc.constant('strip_options'), options: fc.constant(['MP_CAPABLE']), on: fc.constant('synack') }),
  fc.record({ path: fc.constant(1), dir: fc.constantFrom('c2s', 's2c', 'both'), action: fc.constant('strip_options'), options: fc.constant(['ADD_ADDR']), on: fc.constant('any') }),
  // path 2: the join stripped on some segment kind, all MPTCP options stripped for a window, or DSS
  // stripped from data for a window.
  fc.record({
    path: fc.constant(2),
    dir: fc.constantFrom('c2s', 's2c', 'both'),
    action: fc.constant('strip_options'),
    options: fc.constant(['MP_JOIN']),
    on: fc.constantFrom('syn', 'synack', 'ack', 'any'),
  }),
  fc.record({
    path: fc.constant(2),
    dir: fc.constantFrom('c2s', 's2c', 'both'),
    action: fc.constant('strip_options'),
    options: fc.constantFrom(['ALL'], ['DSS']),
    on: fc.constantFrom('data', 'ack', 'any'),
    from_s: fc.double({ min: 0, max: 2, noNaN: true }),
    len_s: fc.double({ min: 0.01, max: 2, noNaN: true }),
  }),
  // path 2: an ALG rewriting payload for a window; only generated with checksum_enabled (below).
  fc.record({
    path: fc.constant(2),
    dir: fc.constantFrom('c2s', 's2c', 'both'),
    action: fc.constant('rewrite_payload'),
    from_s: fc.double({ min: 0, max: 2, noNaN: true }),
    len_s: fc.double({ min: 0.01, max: 1, noNaN: true }),
  }),
);

interface Case {
  scenario: Record<string, unknown>;
  /** When path 1 goes down for good (seconds), or null. */
  path1DeadAt: number | null;
  /** Whether any middlebox sits on path 2. */
  path2Boxes: boolean;
  direction: 'upload' | 'download';
}

function caseArb(variant: Variant): fc.Arbitrary<Case> {
  return fc
    .record({
      p1: pathArb,
      p2: pathArb,
      disruptions: fc.array(disruptionArb, { maxLength: 4 }),
      // The last disruption may be for good; a path-1 one comes ≥ 1 s after the others so that the
      // join usually exists by then (when it does not, only safety is checked, see above).
      final: fc.option(
        fc.record({
          path: fc.constantFrom<PathNo>(1, 2),
          gap: fc.double({ min: 1, max: 4, noNaN: true }),
          kind: fc.constantFrom('link_down', 'blackhole'),
          side: fc.constantFrom('client', 'server', 'both'),
          dir: fc.constantFrom('c2s', 's2c', 'both'),
        }),
        { freq: 3 },
      ),
      shapes: fc.array(shapeChangeArb, { maxLength: 3 }),
      boxes: fc.array(middleboxArb, { maxLength: 2 }),
      bytes: fc.integer({ min: 50_000, max: 300_000 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      cc: fc.constantFrom('cubic', 'reno'),
      sack: fc.boolean(),
      checksum: fc.boolean(),
      direction: variant === 'subflow-upload' ? fc.constant<'upload'>('upload') : variant === 'subflow-download' ? fc.constant<'download'>('download') : fc.constantFrom<'upload' | 'download'>('upload', 'download'),
    })
    .map((g) => build(variant, g));
}

// ---- scenario -----------------------------------------------------------------------------------

function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function killEvents(d: { path: PathNo; kind: string; side: string; dir: string }, at: number, end: number | null): Record<string, unknown>[] {
  if (d.kind === 'link_down') {
    const evs: Record<string, unknown>[] = [{ at: r3(at), action: 'link_down', path: d.path, side: d.side }];
    if (end !== null) evs.push({ at: r3(end), action: 'link_up', path: d.path, side: d.side });
    return evs;
  }
  const evs: Record<string, unknown>[] = [{ at: r3(at), action: 'shape', path: d.path, dir: d.dir, loss_pct: 100 }];
  if (end !== null) evs.push({ at: r3(end), action: 'shape_reset', path: d.path, dir: d.dir });
  return evs;
}

function build(
  variant: Variant,
  g: {
    p1: { c2s: Record<string, unknown>; s2c: Record<string, unknown> };
    p2: { c2s: Record<string, unknown>; s2c: Record<string, unknown> };
    disruptions: { path: PathNo; gap: number; dur: number; kind: string; side: string; dir: string }[];
    final: { path: PathNo; gap: number; kind: string; side: string; dir: string } | null;
    shapes: { at: number; path: PathNo; dir: string; reset: boolean; set: Record<string, unknown> }[];
    boxes: Record<string, unknown>[];
    bytes: number;
    seed: number;
    cc: string;
    sack: boolean;
    checksum: boolean;
    direction: 'upload' | 'download';
  },
): Case {
  const events: Record<string, unknown>[] = [];
  // Shape changes that keep a path usable; a "reset" one goes back to the path's configured shape.
  // They go first so that, at equal times, a disruption's own shape event is applied after them.
  for (const s of g.shapes) {
    events.push(s.reset ? { at: r3(s.at), action: 'shape_reset', path: s.path, dir: s.dir } : { at: r3(s.at), action: 'shape', path: s.path, dir: s.dir, ...s.set });
  }
  // Path-killing disruptions, one after another (never two paths at once).
  let t = 0;
  for (const d of g.disruptions) {
    const at = t + d.gap;
    const end = at + d.dur;
    events.push(...killEvents(d, at, end));
    t = end + 0.001;
  }
  const boxes: Record<string, unknown>[] = [];
  for (const b of g.boxes) {
    if (b.action === 'rewrite_payload' && !g.checksum) continue; // undetectable without the DSS checksum
    const { len_s, from_s, ...box } = b as { len_s?: number; from_s?: number };
    if (from_s !== undefined) Object.assign(box, { from_s: r3(from_s), until_s: r3(from_s + (len_s ?? 1)) });
    boxes.push(box);
  }
  const path2Boxes = boxes.some((b) => b.path === 2);
  let path1DeadAt: number | null = null;
  if (g.final) {
    const at = t + g.final.gap;
    // A shape change after the final blackhole would revive the path: keep shape events before it.
    const permanent = g.final.path === 2 || !path2Boxes;
    events.push(...killEvents(g.final, at, permanent ? null : at + 1));
    if (permanent && g.final.path === 1) path1DeadAt = r3(at);
    if (permanent && g.final.kind === 'blackhole') {
      // later shape events on the dead path would end the blackhole: drop them (the path stays dead)
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i];
        if (e.path === g.final.path && (e.action === 'shape' || e.action === 'shape_reset') && (e.at as number) >= r3(at) && e.loss_pct !== 100) events.splice(i, 1);
      }
    }
  }
  events.sort((a, b) => (a.at as number) - (b.at as number));

  const mptcpSysctl = g.checksum ? { checksum_enabled: 1 } : {};
  const sysctl = g.sack ? {} : { 'net.ipv4.tcp_sack': 0 };
  const signal = variant === 'signal';
  const scenario: Record<string, unknown> = {
    name: `prop_mptcp_${variant}`,
    seed: g.seed,
    // every passing run so far ended within 17 simulated s (p99 9 s); a stuck one stops at 120 s
    timeout_s: 120,
    paths: [
      { name: 'p1', c2s: g.p1.c2s, s2c: g.p1.s2c },
      { name: 'p2', c2s: g.p2.c2s, s2c: g.p2.s2c },
    ],
    client: {
      limits: { subflows: 2, add_addr_accepted: signal ? 1 : 0 },
      endpoints: signal ? [] : [{ path: 2, flags: ['subflow'], id: 1 }],
      mptcp_sysctl: mptcpSysctl,
      sysctl,
    },
    server: {
      limits: { subflows: 2, add_addr_accepted: 0 },
      endpoints: signal ? [{ path: 2, flags: ['signal'], id: 1 }] : [],
      mptcp_sysctl: mptcpSysctl,
      sysctl,
    },
    events,
    app: { bytes: g.bytes, direction: g.direction, client_proto: 'mptcp', server_proto: 'mptcp', congestion_control: g.cc },
  };
  if (boxes.length > 0) scenario.sim = { middleboxes: boxes };
  return { scenario, path1DeadAt, path2Boxes, direction: g.direction };
}

// ---- property -----------------------------------------------------------------------------------

const stats = { runs: 0, full: 0, safetyOnly: 0, withBoxes: 0, path1Dead: 0, ms: 0 };

/** The client's path-2 subflow (not the initial one) was established before `t` seconds. */
function joinedBefore(tr: ReturnType<typeof run>, t: number): boolean {
  return tr.pmEvents.client.some((e) => e.type === 'SF_ESTABLISHED' && e.t / 1e9 < t && e.attrs.saddr4 === '10.0.2.1');
}

function check(c: Case): void {
  const t0 = performance.now();
  const tr = run(c.scenario);
  stats.ms += performance.now() - t0;
  stats.runs++;
  if (c.path2Boxes) stats.withBoxes++;
  if (c.path1DeadAt !== null) stats.path1Dead++;
  const { client, server } = tr.app;
  const [snd, rcv] = c.direction === 'upload' ? [client, server] : [server, client];
  const bytes = (c.scenario.app as { bytes: number }).bytes;
  // Safety, always: never a wrong, reordered or duplicated byte, never more than was sent.
  expect(rcv.stream_in_order, 'stream_in_order').toBe(true);
  expect(rcv.bytes_received, 'bytes_received ≤ bytes sent').toBeLessThanOrEqual(snd.bytes_sent);
  // Delivery is required when a path stays usable — and whenever the run says it completed.
  const live = c.path1DeadAt === null || (!c.path2Boxes && joinedBefore(tr, c.path1DeadAt)) || tr.status === 'ok';
  if (!live) {
    stats.safetyOnly++;
    return;
  }
  stats.full++;
  expect(tr.status, 'status').toBe('ok');
  expect(snd.bytes_sent, 'bytes_sent').toBe(bytes);
  expect(rcv.bytes_received, 'bytes_received').toBe(bytes);
  expect(snd.sha256_sent, 'sha256_sent').not.toBeNull();
  expect(rcv.sha256_received, 'sha256_received = sha256_sent').toBe(snd.sha256_sent);
}

function property(variant: Variant): void {
  fc.assert(
    fc.property(caseArb(variant), (c) => {
      try {
        check(c);
      } catch (e) {
        throw new Error(`${(e as Error).message}\nscenario JSON (run with its own seed): ${JSON.stringify(c.scenario)}`, { cause: e });
      }
    }),
    // a stuck run costs seconds: stop (as a failure) rather than let vitest time the test out
    { numRuns: RUNS[variant], seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true },
  );
}

describe('property: MPTCP over two paths delivers exactly the sent stream', () => {
  afterAll(() => {
    // One line for the record: how many runs (shrinking included), how many fully checked (delivery), how long.
    console.log(
      `mptcp-stream-intact: seed ${SEED}, ${stats.runs} runs (${stats.full} delivery-checked, ${stats.safetyOnly} safety-only), ` +
        `${stats.withBoxes} with path-2 middleboxes, ${stats.path1Dead} with path 1 down for good, ${(stats.ms / 1000).toFixed(1)} s simulating`,
    );
  });

  const timeout = TIME_LIMIT_MS + 30_000;
  it("client 'subflow' endpoint on path 2, upload", () => property('subflow-upload'), timeout);
  it("client 'subflow' endpoint on path 2, download", () => property('subflow-download'), timeout);
  it("server 'signal' endpoint on path 2, upload or download", () => property('signal'), timeout);
});
