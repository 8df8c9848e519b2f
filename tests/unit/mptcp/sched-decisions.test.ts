/**
 * trace.schedDecisions: every packet-scheduler decision that hands data to a subflow is recorded
 * (t, side, token, scheduler, chosen subflow, reason, DSN and bytes, and what each candidate looked
 * like); decisions that send nothing are not.
 *
 * The invariant tested: a data segment leaving the sender (client-side capture) goes on the
 * subflow the scheduler chose for its bytes. Linux's burst semantics make the mapping slightly
 * different from "[dsn, dsn + burst)": msk->snd_burst is a budget, and the push stops earlier when
 * the data written or the subflow's send buffer runs out, so the next decision starts inside the
 * previous one's burst. What a decision actually handed over is [dsn, dsn + len) (len ≤ burst);
 * those ranges tile the stream, and each first transmission of a segment lies inside the range of
 * a decision made no later than it, for the segment's subflow. TCP-level retransmissions keep their
 * subflow's mapping, so they are left out; after a reinjection the same bytes have a second
 * decision (on the other subflow).
 */
import { describe, expect, it } from 'vitest';
import { keyToIdsn } from '../../../src/core/mptcp/crypto';
import { MPTCP_DFRAG_DATA } from '../../../src/core/mptcp/dfrag';
import type { CaptureRecord, SchedDecisionRecord, Trace } from '../../../src/core/sim/trace';
import type { MptcpOption } from '../../../src/core/wire/mptcp/types';
import { runExchange, twoPathUpload } from '../../helpers/exchange';
import { scenario } from '../../helpers/scenario';
import { runScenario } from '../../../src/core/sim/run';

const SEND_REASONS = new Set(['lowestLinger', 'backupOnly']);

/** Subflow id of each client 4-tuple, from the trace's 'established' events (label `a:p → a:p`). */
function subflowOfTuple(tr: Trace): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of tr.events) if (e.type === 'mptcp' && e.side === 'client' && e.ev.type === 'subflow' && e.ev.what === 'established') m.set(e.ev.detail, e.ev.subflow);
  return m;
}

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** First transmissions of client data segments at the client's capture, with their DSN and subflow. */
function sentSegments(tr: Trace): { t: number; dsn: bigint; len: number; subflow: number }[] {
  const tuples = subflowOfTuple(tr);
  const seen = new Set<string>();
  let idsn1: bigint | null = null;
  const out: { t: number; dsn: bigint; len: number; subflow: number }[] = [];
  for (const c of tr.captures as CaptureRecord[]) {
    const p = c.pkt;
    if (c.side !== 'client' || c.dir !== 'c2s' || p.mptcp === null) continue;
    const opts = p.mptcp as unknown as MptcpOption[];
    for (const o of opts) if (o.kind === 'MP_CAPABLE' && o.senderKey !== undefined && idsn1 === null) idsn1 = (keyToIdsn(o.senderKey) + 1n) & ((1n << 64n) - 1n);
    if (p.payloadLen === 0) continue;
    const label = `${ipv4(p.src)}:${p.sport} → ${ipv4(p.dst)}:${p.dport}`;
    const key = `${label}#${p.seq}`;
    if (seen.has(key)) continue; // a TCP retransmission: same subflow, same mapping
    seen.add(key);
    const subflow = tuples.get(label);
    if (subflow === undefined) throw new Error(`no subflow for ${label}`);
    let dsn: bigint | null = null;
    for (const o of opts) {
      if (o.kind === 'DSS' && o.mapping !== undefined) dsn = o.mapping.dsn;
      // the first data segment's implicit mapping: DSN = IDSN + 1 (RFC 8684 §3.1)
      if (o.kind === 'MP_CAPABLE' && o.dataLevelLength !== undefined) dsn = idsn1;
    }
    if (dsn === null) throw new Error(`data segment without a mapping at t=${c.t}`);
    out.push({ t: c.t, dsn, len: p.payloadLen, subflow });
  }
  return out;
}

/** The latest decision no later than `t` that handed the byte at `dsn` to `subflow`. */
function decisionFor(decisions: SchedDecisionRecord[], t: number, dsn: bigint, subflow: number): SchedDecisionRecord | undefined {
  let found: SchedDecisionRecord | undefined;
  for (const d of decisions) {
    if (d.t > t) break;
    if (d.dsn === null || d.len === undefined) continue;
    const onIt = d.chosen === subflow || (d.redundant ?? []).includes(subflow);
    if (onIt && d.dsn <= dsn && dsn < d.dsn + BigInt(d.len)) found = d;
  }
  return found;
}

/**
 * Both ends of the segment were handed to its subflow by decisions made before it left (a
 * segment may span two successive decisions for the same subflow: Linux extends the tail mapping,
 * and a segment is cut by the MSS, not by decisions).
 */
function expectCovered(decisions: SchedDecisionRecord[], s: { t: number; dsn: bigint; len: number; subflow: number }): void {
  const where = `segment DSN ${s.dsn} (+${s.len}) on subflow ${s.subflow} at ${s.t}`;
  expect(decisionFor(decisions, s.t, s.dsn, s.subflow), where).toBeDefined();
  expect(decisionFor(decisions, s.t, s.dsn + BigInt(s.len - 1), s.subflow), where).toBeDefined();
}

describe('scheduler decisions in the trace', () => {
  const x = runExchange(twoPathUpload(2_000_000));
  const decisions = x.trace.schedDecisions;

  it('records the sending decisions of the client, with reason, token and every candidate', () => {
    expect(decisions.length).toBeGreaterThan(20);
    const token = x.app.stacks.client.connections[0].localToken.toString(16).padStart(8, '0');
    const chosen = new Set<number>();
    for (const d of decisions) {
      expect(d).toMatchObject({ side: 'client', token, scheduler: 'default', kind: 'send' });
      expect(SEND_REASONS.has(d.reason)).toBe(true);
      expect(d.chosen).not.toBeNull();
      chosen.add(d.chosen as number);
      expect(d.len).toBeGreaterThan(0);
      // __subflow_push_pending hands over whole send-queue fragments and checks the burst after
      // each: a decision ends within one fragment past its burst
      expect(d.len).toBeLessThan(d.burst + MPTCP_DFRAG_DATA);
      // the chosen candidate was not skipped; with two usable subflows the other says why not
      const mine = d.candidates.find((c) => c.id === d.chosen);
      expect(mine?.skipped).toBeNull();
      expect(mine?.srttUs).toBeGreaterThan(0);
      for (const c of d.candidates) if (c.id !== d.chosen) expect(c.skipped).not.toBeNull();
    }
    // both subflows carried data
    expect([...chosen].sort()).toEqual([1, 2]);
    expect(decisions.some((d) => d.candidates.length === 2)).toBe(true);
    // decisions are in time order
    for (let i = 1; i < decisions.length; i++) expect(decisions[i].t).toBeGreaterThanOrEqual(decisions[i - 1].t);
  });

  it('tiles the data stream: each decision starts where the previous one ended', () => {
    let next = decisions[0].dsn as bigint;
    let total = 0;
    for (const d of decisions) {
      expect(d.dsn).toBe(next);
      next = (d.dsn as bigint) + BigInt(d.len as number);
      total += d.len as number;
    }
    expect(total).toBe(x.trace.app.client.bytes_sent);
  });

  it('sends every data segment on the subflow the decision covering its bytes chose', () => {
    const segs = sentSegments(x.trace);
    expect(segs.length).toBeGreaterThan(1000);
    expect(new Set(segs.map((s) => s.subflow)).size).toBe(2);
    for (const s of segs) expectCovered(decisions, s);
  });

  it('is kept with the captures: a run without captures (the benchmarks) records none', () => {
    const sc = scenario(twoPathUpload(300_000));
    expect(runScenario(sc, { seed: sc.seed, captures: true, series: false }).schedDecisions.length).toBeGreaterThan(0);
    const bare = runScenario(sc, { seed: sc.seed, captures: false, series: false });
    expect(bare.schedDecisions).toEqual([]);
    expect(bare.app.server.bytes_received).toBe(300_000);
  });
});

describe('scheduler decisions around a reinjection', () => {
  // path 1 goes down mid-transfer (as tests/exchanges/reinject-after-link-down): subflow 1 goes
  // stale and the MPTCP retransmit queue is reinjected; the same bytes then have a second
  // decision, on subflow 2
  const x = runExchange(twoPathUpload(3_000_000, { events: [{ at: 1, action: 'link_down', side: 'client', path: 1 }] }));
  const decisions = x.trace.schedDecisions;

  it('maps every first transmission to a decision for its subflow, also for reinjected bytes', () => {
    const reinject = x.trace.events.find((e) => e.type === 'mptcp' && e.side === 'client' && e.ev.type === 'reinject');
    expect(reinject).toBeDefined();
    const t = (reinject as { t: number }).t;
    // after the reinjection, decisions hand out bytes below the highest DSN already sent
    const maxBefore = decisions.filter((d) => d.t < t).reduce((m, d) => ((d.dsn as bigint) + BigInt(d.len as number) > m ? (d.dsn as bigint) + BigInt(d.len as number) : m), 0n);
    const again = decisions.filter((d) => d.t >= t && (d.dsn as bigint) < maxBefore);
    expect(again.length).toBeGreaterThan(0);
    for (const d of again) expect(d.chosen).toBe(2);
    for (const s of sentSegments(x.trace)) expectCovered(decisions, s);
  });

  it('records head retransmissions by the MPTCP timer as kind "retrans" with their candidates', () => {
    const retrans = decisions.filter((d) => d.kind === 'retrans');
    expect(retrans.length).toBeGreaterThan(0);
    for (const d of retrans) {
      expect(['firstIdle', 'backupNoProgress']).toContain(d.reason);
      expect(d.len).toBeGreaterThan(0);
      expect(d.candidates.length).toBeGreaterThan(0);
    }
    expect(x.mib('client').MPTCPRetrans ?? 0).toBe(retrans.reduce((n, d) => n + Math.ceil((d.len as number) / 1424), 0));
  });
});
