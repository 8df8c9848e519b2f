/**
 * MPTCP in the simulator against the real Linux kernel (6.18, per-socket cubic), read from stored
 * kernel-ref results (no root needed here):
 *
 *   - single-path MPTCP scenarios (tests/fidelity/scenarios/mptcp_*.json: 10 Mbit/s, 20 ms, 1 MB and
 *     4 MB, upload and download) and e_fallback_server_tcp, each run 3–8 times on the kernel
 *     (tests/fidelity/kernel-ref/<name>/, see its README): same handshake packets in the same order
 *     (TCP flags, MSS, MPTCP subtypes, version, flags, lengths), the same full-size payload (1424 B
 *     with MPTCP, 1448 B after fallback), the same MPTcpExt counters moved (handshake counters by
 *     the same amounts), goodput and duration within ±10 % (mean of SIM_SEEDS simulator seeds vs the
 *     mean of the kernel runs), and the `npm run compare` rows;
 *   - the six shared scenarios (../shared/kernel-ref/scenarios/<name>.json), each run 8 times on the
 *     kernel (tests/fidelity/kernel-ref/<name>/mptcp-runs.json, see kernel-ref/MPTCP.md;
 *     e_fallback_server_tcp's file also holds its 3 single-path runs), through the `npm run compare`
 *     rows against SHARED_SEEDS simulator seeds, exactly as `npm run compare -- SCEN --kernel-dir …
 *     (every run) --runs SHARED_SEEDS` judges them: exact rows must show, in every simulator run, a
 *     value some kernel run showed; numeric rows compare the simulator mean with the kernel mean
 *     (and pass inside the kernel runs' min–max), printing which pass.
 *
 * Rows that fail today because of a known simulator gap are listed in KNOWN_ROW_FAILURES with the
 * reason; every other row must pass. A listed row that passes is reported (remove it from the list).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, type SimResult } from '../../src/core/index';
import { KERNEL_REF } from '../helpers/paths';
import { compareRuns, formatRows, handshakeKeys, mptcpExt, VOLUME_COUNTERS, type CompareRow, type Summary } from './compare-rows';
import { loadKernelBaseline, loadScenarioFile } from './kernel-baseline';
import { stats, type KernelRunMetrics } from './kernel-metrics';
import { loadMptcpRuns, simPayloadLenTop, type KernelMptcpRun, type PayloadLenTop } from './mptcp-baseline';
import { normaliseScenario } from './normalise';
import { simRunMetrics } from './sim-metrics';

const SIM_SEEDS = 10;
/**
 * Simulator seeds per shared scenario: one run's volume counters and stall swing from run to run on
 * the kernel (f_prio_blackhole_download's 8 stored runs: server MPTCPRetrans 45–62, client
 * RcvWndShared 1301–1771, longest stall 0.300–0.356 s), so the rows compare the mean of several
 * simulator seeds with the mean of the stored kernel runs.
 */
const SHARED_SEEDS = 5;
const TOLERANCE = 0.1;

const SINGLE_PATH = ['mptcp_10m_20ms_1mb', 'mptcp_10m_20ms_4mb', 'mptcp_10m_20ms_1mb_download', 'mptcp_10m_20ms_4mb_download', 'e_fallback_server_tcp'] as const;
const SHARED = ['a_aggregation', 'b_handover', 'c_backup', 'd_signal', 'e_fallback_server_tcp', 'f_prio_blackhole_download'] as const;

/**
 * MPTcpExt counters the simulator does not count: OFOMerge (protocol.c mptcp_data_queue_ofo: a
 * segment coalesced with the OFO queue's tail skb). Its rule is known — on kernel-ref's links only a
 * segment that fits the 198 B left after a full-size frame's linear skb head merges
 * (tests/fidelity/skb-tailroom.ts; ofo-merge-replay.test.ts replays the kernel captures through
 * it and gets the kernel's counts) — but which short segments exist is decided by where the
 * sender cuts its runs: applying the rule in the simulator gives a 4, b_handover 4, d_signal 4,
 * f_prio 2 per run. The kernel's 8 stored runs: a_aggregation 3.4 (0–5), b_handover 5.3 (4–6),
 * d_signal 0.25 (0 in 7 runs, 2 in one), f_prio 3.5 (1–7) (the one ../shared run each: 3, 6, 0, 1),
 * so it would create OFOMerge where the kernel mostly has none (d_signal). The simulator counting
 * none passes a_aggregation only because one kernel run of 8 had 0 (inside the runs' min–max) and
 * d_signal because 7 had 0.
 *
 * Where the kernel's short segments end (a_aggregation's 84 and b_handover's 99 in the ../shared
 * captures, checked against the receiver's DATA_ACK + window): before ≈ 0.9 s at a window edge the
 * receiver announced (mptcp_check_allowed_size); then at page-fragment ends, k · 32728 while data
 * always waits at the MPTCP level; from ≈ 1.1–1.3 s at the app's 64 KiB write ends too, with the page
 * ends drifting 40 B per page — the sender catches up with the app at every write, so each next
 * write carves a new fragment header (mptcp_carve_data_frag) in the page. The kernel's merges are
 * of these: a_aggregation one window edge (96 B) and two drifted page ends (120, 24 B);
 * b_handover three drifted page ends (144, 24, 104 B) and three write ends (32 B = 65536 mod 1424,
 * a write that began a fresh skb); f_prio one 16 B segment. The simulator's app instead writes
 * whatever the send buffer frees at each DATA_ACK, so its short segments end at arbitrary points
 * (sndUna + sndbuf) and at undrifted page ends. Branch ofo-sender-model (not merged) models
 * mptcp_sendmsg's pieces and carving, sendall() of app.chunk_bytes, the app running after the
 * DATA_ACK's segment is processed, Minshall's Nagle check on a subflow's last partial segment, and
 * counts OFOMerge by this rule: OFOMerge a_aggregation 3 and f_prio 1.2, b_handover 3 and d_signal 3
 * (32 B tails of 64 KiB writes arriving out of order — the ../shared d_signal run never cut at a write
 * end: its app stayed one fragment ahead of the subflows); b_handover MPTCPRetrans 56 → 38,
 * a_aggregation and c_backup SndWndShared passing, b_handover DuplicateData 331, its longest stall
 * 0.379 s and d_signal SndWndShared 1. Judged then against the one ../shared run, re-judged here
 * (arithmetic on those numbers, the branch not re-run) against the 8 stored runs' means: OFOMerge
 * a_aggregation, f_prio pass, b_handover (kernel 5.3) and d_signal (0.25) fail; MPTCPRetrans 38
 * (kernel 40.3) passes; DuplicateData 331 (kernel 522, 489–534) fails; the stall 0.379 s (kernel
 * 0.520, 0.411–0.636 s; the ../shared run 0.638) and d_signal SndWndShared 1 (kernel 2.1, 0–3) now
 * pass. How much the MPTCP socket's buffer holds beyond its subflows' decides most of it (its
 * sk_sndbuf is the sum of theirs in truesize while it charges payload): 1.1 × their sum gives
 * MPTCPRetrans 31 (−23 % of 40.3), stall and DuplicateData within tolerance, but OFOMerge d_signal 4
 * and f_prio 0.4 fail (a_aggregation's 2 passes inside 0–5), and b_handover RcvWndShared is +31 %
 * (of 1422 then; kernel mean now 1425, 1419–1429).
 */
const UNMODELLED_COUNTERS = new Set(['OFOMerge']);
/**
 * Counted by the simulator only in part: RcvWndShared moves when a subflow's window edge — rounded up
 * to its window scale as __tcp_select_window does — falls behind the one announced before, not for
 * the few times the kernel's msk ack_seq lags a subflow's rcv_nxt while the app holds the socket
 * (the kernel's 3–11 in a single-path download).
 */
const PARTLY_MODELLED_COUNTERS = new Set(['RcvWndShared']);

/**
 * Volume counters still outside ±30 % in some runs, and why:
 *   - SndWndShared: a handful per run that varies from run to run on the kernel (b_handover: 0, 0,
 *     0, 0, 1, 1, 1, 1 in the 8 stored runs, 0, 0, 0, 1, 1, 1, 5, 6 in an earlier batch of 8;
 *     d_signal 0–3, c_backup and f_prio 2–3); the simulator counts it where Linux does
 *     (mptcp_check_allowed_size), a few times more often when a subflow's last window is older
 *     (b_handover: 10, mean of 5 seeds). In a_aggregation (sim 6, kernel 0 in all 8 runs) that is
 *     because a subflow's rcv_ssthresh grows here up to window_clamp, while Linux's tcp_grow_window
 *     stops at tcp_space(ssk) — the subflows follow the msk's buffer (mptcp_rcv_space_adjust →
 *     tcp_rcvbuf_grow on each ssk) — so the simulated shared window jumps when the buffer grows where the kernel's (in the captures) opens smoothly;
 *     bounding it (and ACKing at once while it opens, as tcp_grow_window's icsk_ack.quick does)
 *     fixes a_aggregation but moves c_backup's RcvWndShared (616 → 134) and d_signal's
 *     SndWndShared (3 → 0) (the reverted commit "tcp_grow_window on MPTCP subflows: …" in git
 *     history; judged against the one ../shared run; against the 8 stored runs both values lie
 *     inside the kernel's min–max — c_backup 59–617, one run at 59 and seven at 601–617; d_signal
 *     0–3 — so those rows would pass). Why the kernel ACKs every segment there, from the ../shared
 *     captures: while a subflow's rcv_ssthresh is below tcp_space(ssk) its advertised window grows
 *     by 2·advmss per segment (c_backup path 1, 0.6–1.55 s: 465 KB → 2.78 MB, one ACK per segment;
 *     flat afterwards, one per two); a_aggregation's two subflows do so from 0.5 s to the end.
 *     c_backup's 616 RcvWndShared (the ../shared run; 601–617 in 7 of the 8 stored runs) are the
 *     backup subflow catching up after the handover: its own edge (rcv_ssthresh from ~64 KB, +2896
 *     per segment) stays below the shared one (the 2.8 MB window, −1424 per segment) for (2.8 MB − 64
 *     KB) / (2896 + 1424) ≈ 630 ACKs. The simulator has the same catch-up but a 608 KB window (127
 *     ACKs): its DRS buffer stops at 1.2 MB because its sender fills the 100-packet queue later
 *     (receiver RTT at 0.35 s: 76 ms here, 136 ms in kernel-ref mptcp_10m_20ms_4mb), so copied-per-RTT
 *     and the buffer grow less. The kernel's window (tcp_rmem[2] 32 MiB) is also larger; d_signal's 3
 *     SndWndShared (the ../shared run; 0–3 in the stored runs) come from DRS steps (its window
 *     jumps 421 KB → 965 KB at 0.61 s) that a smoothly growing window does not have.
 *     What breaks the kernel sender's HyStart ACK train (its rounds rebuilt from the receiver
 *     capture, c_backup path 1: slow start, cwnd = 10 + segments ACKed, a round starting at the first
 *     ACK beyond snd_nxt at the previous start): the rounds at 125.9 and 171.9 ms open with a
 *     two-segment ACK while the window is flat at the buffer (79 872, 167 936 B), so the train
 *     breaks 2.4 ms in and path 1 leaves slow start by delay (TCPHystartDelayCwnd 164). The bigger
 *     buffer shows first on the ACK of the second or third segment of the round (128.3, 180.4 ms) —
 *     Linux runs mptcp_rcv_space_adjust when the app reads, after the segment's ACK decision.
 *     Applying the simulator's DRS step after that decision changes none of these rows (with or
 *     without the bound above) but moves b_handover's DuplicateData 462 → 340: the simulated run is
 *     one trajectory whatever the seed (b_handover RcvWndShared 1791 and d_signal SndWndShared 3 in
 *     10 of 10 seeds, a_aggregation SndWndShared 6 in 5 of 5), because its TCP timestamps tick on whole
 *     milliseconds from t = 0, so the receiver's RTT sample (tcp_rcv_rtt_measure_ts, which times
 *     the DRS step) always rounds the same way; the kernel's millisecond clock has an arbitrary phase.
 *     With a random sub-millisecond phase and the bound, HyStart exits as the kernel's does (one
 *     subflow by train at cwnd 70–78, one by delay at 164; kernel 75–115 and 164) and a_aggregation
 *     and c_backup pass every row but OFOMerge, but b_handover's server RcvWndShared (+35 %; kernel
 *     1419–1429 in all 8 stored runs, so it still fails) and d_signal's SndWndShared (0: failed
 *     against the ../shared run's 3, inside the stored runs' 0–3) did not: the kernel's DRS jumps need
 *     rcv_ssthresh far above the connection's window (d_signal: 400 KB → 893 KB on both subflows at
 *     one step), which the bound forbids;
 *   - MPTCPRetrans in b_handover: how many of the five MPTCP timeouts before path 1 is given up find
 *     path 2 idle, and how long the head fragment's lost part is, depends on how the app's writes cut
 *     the send queue (the 8 stored kernel runs: 31–51 segments, mean 40.3; an earlier batch 20–44,
 *     mean 36; the simulator 56 per seed; 38 with branch ofo-sender-model's send queue, whose
 *     fragments end where the app's copies stopped);
 *   - RcvWndShared: the kernel also counts windows raised by its ALIGN-up rounding to the window
 *     scale (wscale 10 on kernel-ref, whose tcp_rmem[2] is 32 MiB; the simulator uses 7) and by
 *     msk ack_seq lagging a subflow's rcv_nxt while the app holds the socket. In
 *     f_prio_blackhole_download (the download's receiver, the client) it is kernel spread: the one
 *     ../shared run counted 1230 and the simulator's 880 passed against it (−28 %), but the 8 stored
 *     runs count 1301–1771, mean 1516, all above that run (made by an older kernel build,
 *     6.18.44-fc-v657, the stored runs by fc-v669; whether the build or chance put it below them
 *     is not known), so the simulator is −42 % off their mean.
 */
const VOLUME_REASONS: Record<string, string> = {
  SndWndShared: 'a few per run on the kernel, varying run to run (0–1 in b_handover, 0 in a_aggregation); the simulator counts more (10, 6)',
  MPTCPRetrans: 'which timeouts find path 2 idle depends on how the app writes cut the send queue (kernel 31–51)',
  RcvWndShared: 'the kernel also counts windows raised while its msk ack_seq lags a subflow (app holding the socket)',
  'f_prio_blackhole_download RcvWndShared':
    'kernel spread: passed against the one ../shared run (1230, an older kernel build), the 8 stored runs count 1301–1771 (mean 1516); the simulator counts fewer (880)',
};

function knownReason(name: string, counter: string): string {
  if (UNMODELLED_COUNTERS.has(counter)) return 'not counted by the simulator (rule known: skb-tailroom.ts; the short segments it needs differ)';
  return `volume counter outside ±30 %: ${VOLUME_REASONS[`${name} ${counter}`] ?? VOLUME_REASONS[counter] ?? 'see knownReason'}`;
}

/** Rows that fail today, per scenario, as "side Counter" of the MPTcpExt rows. */
const KNOWN_ROW_FAILURES: Record<string, string[]> = {
  mptcp_10m_20ms_4mb_download: ['client RcvWndShared'],
  a_aggregation: ['client SndWndShared'],
  b_handover: ['client MPTCPRetrans', 'client SndWndShared', 'server OFOMerge'],
  f_prio_blackhole_download: ['client OFOMerge', 'client RcvWndShared'],
};

/** Other rows that fail today, by row id, with the reason. */
const KNOWN_OTHER_ROWS: Record<string, Record<string, string>> = {};

function knownFailures(name: string): Record<string, string> {
  return {
    ...Object.fromEntries(
      (KNOWN_ROW_FAILURES[name] ?? []).map((k) => {
        const [side, counter] = k.split(' ');
        return [`MPTcpExt ${side} · ${counter}`, knownReason(name, counter)];
      }),
    ),
    ...(KNOWN_OTHER_ROWS[name] ?? {}),
  };
}

const rowId = (r: CompareRow) => `${r.group} · ${r.name}`;

/** The kernel runs' values of an MPTcpExt row ("MPTcpExt client · SndWndShared"), sorted, or null for another row. */
function kernelValues(r: CompareRow, kernel: readonly Summary[]): number[] | null {
  const side = /^MPTcpExt (client|server)$/.exec(r.group)?.[1] as 'client' | 'server' | undefined;
  if (!side) return null;
  return kernel.map((k) => mptcpExt(k, side)[r.name] ?? 0).sort((a, b) => a - b);
}

/**
 * Every row passes except the known failures; prints the table's verdicts. A failing row shows the
 * kernel mean with the kernel runs' min–max (compare-rows' "mean (min–max)"), and an MPTcpExt row
 * every kernel run's value.
 */
function checkRows(name: string, rows: CompareRow[], kernel: readonly Summary[]): void {
  const known = knownFailures(name);
  const failing = rows.filter((r) => r.verdict !== 'pass');
  const unexpected = failing.filter((r) => !(rowId(r) in known));
  const nowPassing = Object.keys(known).filter((id) => !failing.some((r) => rowId(r) === id));
  const lines = [`${name}: ${rows.length - failing.length}/${rows.length} compare rows pass (${kernel.length} kernel runs)`];
  for (const r of failing) {
    const values = kernelValues(r, kernel);
    const runs = values ? ` [kernel runs: ${values.join(', ')}]` : '';
    lines.push(`  FAIL ${rowId(r)}: kernel ${r.kernel}${runs}, sim ${r.sim} (${r.rule})${rowId(r) in known ? ` — known: ${known[rowId(r)]}` : ' — UNEXPECTED'}`);
  }
  for (const id of nowPassing) lines.push(`  note: ${id} is listed as a known failure but passes now: remove it from KNOWN_ROW_FAILURES`);
  console.log(lines.join('\n'));
  expect(unexpected, `${name}: rows that fail and are not known failures:\n${formatRows(unexpected)}`).toEqual([]);
}

interface SimRun {
  result: SimResult;
  summary: Summary;
  metrics: KernelRunMetrics;
  payload: PayloadLenTop;
}

function runSim(scenarioRaw: unknown, seed: number): SimRun {
  const result = simulate(normaliseScenario(scenarioRaw), { seed });
  expect(result.trace.status, `seed ${seed}: the simulated transfer finished`).toBe('ok');
  return { result, summary: result.summary as unknown as Summary, metrics: simRunMetrics(result), payload: simPayloadLenTop(result) };
}

function relErr(sim: number, kernel: number): number {
  return (sim - kernel) / kernel;
}

const isVolume = (name: string) => VOLUME_COUNTERS.has(name);

describe.each(SINGLE_PATH)('%s: the simulator behaves like the real kernel', (name) => {
  const kernel: KernelMptcpRun[] = loadMptcpRuns(name);
  const baseline = loadKernelBaseline(name);
  const scenario = loadScenarioFile(name);
  const dataDir = kernel[0].data_direction as 'c2s' | 's2c';
  let sims: SimRun[] | undefined;
  const simRuns = () => (sims ??= Array.from({ length: SIM_SEEDS }, (_, i) => runSim(scenario, i + 1)));

  it('sends the same handshake packets in the same order: TCP flags, MSS, MPTCP subtypes, version, flags and lengths', () => {
    const want = handshakeKeys(kernel[0]);
    for (const k of kernel) expect(handshakeKeys(k), `kernel run ${k.run} agrees with ${kernel[0].run}`).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
    for (const s of simRuns()) expect(handshakeKeys(s.summary), `sim seed ${s.result.seed}`).toEqual(want);
  });

  it('carries the same full-size payload per segment (1424 B with MPTCP, 1448 B after fallback)', () => {
    const fullSize = kernel[0].payload_len_top[dataDir][0].len;
    const mptcp = kernel[0].app.mptcp_used?.client === true;
    expect(fullSize, 'the kernel full-size payload').toBe(mptcp ? 1424 : 1448);
    for (const k of kernel) expect(k.payload_len_top[dataDir][0].len, `kernel run ${k.run}`).toBe(fullSize);
    for (const s of simRuns()) {
      const top = s.payload[dataDir];
      expect(top[0]?.len, `sim seed ${s.result.seed}: the most frequent payload length`).toBe(fullSize);
      expect(Math.max(...top.map((t) => t.len)), `sim seed ${s.result.seed}: no segment larger than the full size`).toBe(fullSize);
    }
  });

  it('moves the same MPTcpExt counters, handshake counters by the same amounts', () => {
    for (const side of ['client', 'server'] as const) {
      const kc = kernel.map((k) => mptcpExt(k, side));
      // counters that count events of the handshake/path management: same names and values in every kernel run
      const exactNames = [...new Set(kc.flatMap((c) => Object.keys(c)))].filter((n) => !isVolume(n)).sort();
      for (const c of kc) expect(Object.keys(c).filter((n) => !isVolume(n)).sort(), `${side}: every kernel run moves the same event counters`).toEqual(exactNames);
      const want = Object.fromEntries(exactNames.map((n) => [n, kc[0][n]]));
      // traffic-volume counters: those every kernel run moved, and those some kernel run moved
      const always = [...new Set(kc.flatMap((c) => Object.keys(c)))].filter((n) => isVolume(n) && kc.every((c) => n in c));
      const ever = new Set(kc.flatMap((c) => Object.keys(c)));
      for (const s of simRuns()) {
        const sc = mptcpExt(s.summary, side);
        const seed = s.result.seed;
        expect(Object.fromEntries(Object.entries(sc).filter(([n]) => !isVolume(n))), `sim seed ${seed} ${side}: event counters (names and values)`).toEqual(want);
        for (const n of always) if (!UNMODELLED_COUNTERS.has(n) && !PARTLY_MODELLED_COUNTERS.has(n)) expect(sc[n] ?? 0, `sim seed ${seed} ${side}: ${n} moves as in every kernel run`).toBeGreaterThan(0);
        for (const n of Object.keys(sc)) expect(ever.has(n), `sim seed ${seed} ${side}: ${n} moved, but in no kernel run`).toBe(true);
      }
    }
  });

  it.each(['goodput_mbit', 'duration_s'] as const)('%s: the mean over simulator seeds is within 10 % of the kernel mean', (metric) => {
    const k = stats(baseline.runs.map((r) => r[metric]));
    const s = stats(simRuns().map((r) => r.metrics[metric]));
    expect(s.n).toBe(SIM_SEEDS);
    const msg = `${name} ${metric}: sim mean ${s.mean.toFixed(4)} (${s.min}–${s.max}, ${s.n} seeds) vs kernel mean ${k.mean.toFixed(4)} (${k.min}–${k.max}, ${k.n} runs): ${(relErr(s.mean, k.mean) * 100).toFixed(1)} %`;
    console.log(msg);
    expect(Math.abs(relErr(s.mean, k.mean)), msg).toBeLessThanOrEqual(TOLERANCE);
  });

  it('passes the compare rows (npm run compare) against all kernel runs', () => {
    checkRows(
      name,
      compareRuns(
        kernel,
        simRuns().map((s) => s.summary),
      ),
      kernel,
    );
  });
});

/** Kernel runs stored per shared scenario (tests/fidelity/kernel-ref/<name>/mptcp-runs.json; see kernel-ref/MPTCP.md). */
const SHARED_KERNEL_RUNS = 8;

describe.each(SHARED)('shared scenario %s through the compare rows', (name) => {
  const scenarioFile = join(KERNEL_REF, 'scenarios', `${name}.json`);
  const kernel: KernelMptcpRun[] = loadMptcpRuns(name);

  it.skipIf(!existsSync(scenarioFile))('every row passes against the mean of all stored kernel runs, except the known simulator gaps', () => {
    expect(kernel.length, `${name}: stored kernel runs`).toBeGreaterThanOrEqual(SHARED_KERNEL_RUNS);
    const raw = JSON.parse(readFileSync(scenarioFile, 'utf8')) as Record<string, unknown>;
    // seeds seed, seed + 1, … as `npm run compare -- SCEN --kernel-dir … --runs SHARED_SEEDS`
    const first = (raw.seed as number | undefined) ?? 1;
    const sims = Array.from({ length: SHARED_SEEDS }, (_, i) => runSim(raw, first + i).summary);
    checkRows(name, compareRuns(kernel, sims), kernel);
  });
});
