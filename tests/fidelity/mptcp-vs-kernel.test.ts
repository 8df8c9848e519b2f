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
 * segment coalesced with an skb of the out-of-order queue). Its rule is known — on kernel-ref's
 * links only a segment that fits the room after a full-size frame's linear skb head (198 B) merges
 * (tests/fidelity/skb-tailroom.ts; ofo-merge-replay.test.ts replays the kernel captures through it
 * and gets the kernel's counts) — but which short segments arrive out of order right after a
 * full-size one depends on where the sender cuts, and the simulator's cuts differ from the kernel's
 * in two ways (measured by counting the rule in the simulator, 5 seeds against the stored runs):
 *   - the slow start of path 1 in the two-path uploads: the kernel's outcome depends on the scenario
 *     (all stored runs agree: 40–47 queue drops on path 1 in b_handover, pm_limit_subflows,
 *     pm_checksum, pm_backup_change…, none in d_signal, pm_signal_two, pm_limit_add_addr,
 *     pm_server_signal_port; a_aggregation 7 runs of 8), the simulator's on the seed (seeds 1–3 drop
 *     35–45 packets in every one of them, seeds 4–5 none). HyStart's ACK train ends the kernel's slow
 *     start at cwnd ≈ 60 when the receiver ACKs every segment from the second ACK of a flight on, and
 *     breaks when the window opens one ACK later (the receiver's DRS step on the third or the fourth
 *     segment of the flight; pm_limit_add_addr vs pm_limit_subflows in the kernel captures, seed 4
 *     vs seed 1 in the simulator). After a slow-start loss the sender waits at the receive window's
 *     edge for a while, each edge cutting a short segment: the simulator counts 5–11 OFOMerge in
 *     d_signal seeds 1–3 (0–1 in seeds 4–5) where 7 kernel runs of 8 count 0;
 *   - the window scale: kernel-ref's host has tcp_rmem[2] = 32 MiB (Linux's default since 6.16), so
 *     wscale 10, and a window edge moves in steps of 1024 B: the segment it cuts short is n·1024 mod
 *     1424 B (224, 624, …; 96 for n = 14), rarely under 198 B. The simulator's default 6 MiB
 *     (wscale 7) cuts multiples of 16 B — 96, 64, 32 — which merge. With 32 MiB the counts after a
 *     slow-start loss come to the kernel's (b_handover 3–6, kernel 4–6; pm_checksum 0–3, kernel 1–3;
 *     a_aggregation 1–4, kernel 0–5), but four other rows fail (b_handover MPTCPRetrans 27, kernel
 *     31–51; the longest stall of d_signal, pm_fullmesh and pm_server_signal_download).
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
 *   - SndWndShared in b_handover (kernel 0, 0, 0, 0, 1, 1, 1, 1 in the 8 stored runs; 0, 0, 0, 1, 1,
 *     1, 5, 6 in an earlier batch of 8; the simulator 2.8, mean of 5 seeds): the simulator counts it
 *     where Linux does (mptcp_check_allowed_size); all its counts are MPTCP-level retransmissions at
 *     snd_una on path 2, idle between them, during the handover (3.0–4.0 s), where path 2's last window
 *     (rounded down to the window scale by the receiver's mptcp_set_rwin) falls 16–88 B short of
 *     wnd_end − snd_una, wnd_end being the farthest right edge any DATA_ACK gave. The cause is the
 *     receive window, not the ACKs: the simulated connection is window-limited through the handover
 *     — the receiver's right edge stays put from ≈ 2.2 s to ≈ 4.3 s (window 1.7 MB in seeds 4–5,
 *     3.0 MB in seeds 1–3, at most 3 MiB = half of TCP_RMEM_MAX) while the hole left by path 1 waits
 *     for MPTCP-level retransmissions, so path 2 idles between them — whereas in all 8 kernel runs
 *     path 2's ACKs announce 4.11–4.12 MB at 2.0 s and 5.4–5.8 MB by 4.0 s, growing at an unmoving
 *     DATA_ACK, so path 2 keeps sending new data and the retransmissions never meet a short window.
 *     Two parts of that, both tried (5 seeds, 8 kernel runs): kernel-ref's host has tcp_rmem[2] =
 *     32 MiB (Linux's default since 6.16, commit 572be9bf9d0d; the simulator's default is still
 *     6 MiB) — giving the shared scenarios that sysctl leaves SndWndShared at 2.4 and breaks
 *     b_handover MPTCPRetrans (27, kernel 31–51) and d_signal's longest stall (0.062 s, kernel
 *     0.031–0.035); and growing the msk buffer on out-of-order data (mptcp_rcvbuf_grow called from
 *     mptcp_data_queue_ofo, commit e118cdc34dd1 — in 6.19, perhaps not in 6.18, and taken out again
 *     by 6b329393502e) gives SndWndShared 3.0 and MPTCPRetrans 25. Neither is kept; what the
 *     simulator now does keep is that a scenario's tcp_rmem[2] caps autotuning
 *     (tests/unit/tcp/rmem-max-cap.test.ts), which the shared scenarios do not set.
 *     How the other SndWndShared rows came to pass (a_aggregation: kernel 0 in all 8 runs, main 6;
 *     now 0): a subflow's rcv_ssthresh grew up to window_clamp where Linux's tcp_grow_window stops
 *     at tcp_space(ssk) — the subflows follow the msk's buffer (mptcp_rcv_space_adjust →
 *     tcp_rcvbuf_grow on each ssk) — and ACKs at once while it opens (icsk_ack.quick), so the
 *     simulated shared window jumped when the buffer grew where the kernel's (in the captures) opens
 *     smoothly: c_backup path 1, 0.6–1.55 s: 465 KB → 2.78 MB, one ACK per segment, flat afterwards
 *     with one per two; a_aggregation's two subflows do so from 0.5 s to the end. With that bound
 *     (tests/unit/mptcp/subflow-grow-window.test.ts), every seed was still one trajectory: the TCP
 *     timestamps ticked on whole milliseconds from t = 0, so the receiver's RTT sample
 *     (tcp_rcv_rtt_measure_ts, which times the DRS step) always rounded the same way. The kernel's
 *     millisecond clock has an arbitrary phase, now a seeded one (World.clockPhaseNs,
 *     tests/unit/tcp/clock-phase.test.ts). Together with the send path above they leave c_backup's
 *     RcvWndShared at 490 (kernel 543, 59–617: its 601–617 are the backup subflow catching up after the
 *     handover, its own edge rising 2896 B per segment below the shared one), d_signal's SndWndShared
 *     at 0 (kernel 2.1, 0–3, from DRS steps such as 421 KB → 965 KB at 0.61 s that a smoothly growing
 *     window does not take) and make the one-path uploads overflow their 100-packet queue in slow
 *     start as the kernel's do (mptcp_10m_20ms_4mb: 40 queue drops in 7 of the 8 kernel runs and 7 in
 *     one; the simulator 40 in seeds 1–3 and 7 in seeds 4–5, 7 in every seed before).
 *     What still differs in the slow start (from the ../shared c_backup captures): the kernel sender's
 *     HyStart ACK train breaks where a round opens with a two-segment ACK while the window is flat at
 *     the buffer (79 872, 167 936 B at 125.9 and 171.9 ms), because Linux runs mptcp_rcv_space_adjust
 *     when the app reads, after the segment's ACK decision (TCPHystartDelayCwnd 164 on path 1);
 *   - RcvWndShared: the kernel also counts windows raised by its ALIGN-up rounding to the window
 *     scale (wscale 10 on kernel-ref, whose tcp_rmem[2] is 32 MiB; the simulator uses 7) and by
 *     msk ack_seq lagging a subflow's rcv_nxt while the app holds the socket (the single-path
 *     download's 3–11). In f_prio_blackhole_download (the download's receiver, the client) the 8
 *     stored runs count 1301–1771, mean 1516, all above the one ../shared run's 1230 (an older kernel
 *     build, 6.18.44-fc-v657, the stored runs fc-v669); the simulator counts 1150 (−24 %; 880 before
 *     tcp_grow_window was bounded on subflows).
 */
const VOLUME_REASONS: Record<string, string> = {
  SndWndShared: 'a few per run on the kernel, varying run to run (0–1 in b_handover); the simulator counts more (2.8), at MPTCP-level retransmissions on path 2, idle because the simulated receive window stops growing during the handover where the kernel\'s keeps growing',
  RcvWndShared: 'the kernel also counts windows raised while its msk ack_seq lags a subflow (app holding the socket)',
};

function knownReason(name: string, counter: string): string {
  if (UNMODELLED_COUNTERS.has(counter)) return 'not counted by the simulator (rule known: skb-tailroom.ts; the short segments it needs differ)';
  return `volume counter outside ±30 %: ${VOLUME_REASONS[`${name} ${counter}`] ?? VOLUME_REASONS[counter] ?? 'see knownReason'}`;
}

/** Rows that fail today, per scenario, as "side Counter" of the MPTcpExt rows. */
const KNOWN_ROW_FAILURES: Record<string, string[]> = {
  mptcp_10m_20ms_4mb_download: ['client RcvWndShared'],
  b_handover: ['client SndWndShared', 'server OFOMerge'],
  f_prio_blackhole_download: ['client OFOMerge'],
};

/** Other rows that fail today, by row id, with the reason. */
const KNOWN_OTHER_ROWS: Record<string, Record<string, string>> = {
  // since each subflow grows its own buffer as 6.18 does (mptcp_rcv_space_adjust → tcp_rcvbuf_grow(ssk),
  // "mptcp: fix subflow rcvbuf adjust"), which fixed three PM RcvWndShared rows
  b_handover: {
    'MPTcpExt server · RcvWndShared':
      "seeds 1–3 (≈1900 each, +34 %) run with both windows flat at the simulator's tcp_rmem[2] of 6 MiB from ≈1.5 s, where kernel-ref's host allows 32 MiB; seeds 4–5, whose connection buffer stops growing at 2.8 MB from 0.53 s (no kernel run does), pulled the mean inside ±30 % before",
    'MPTcpExt client · MPTCPRetrans':
      "26.8 (kernel 31–51): in seeds 4–5 (connection buffer stuck at 2.8 MB, which no kernel run shows) the join now keeps opening its own window, so each MPTCP timeout re-sends a shorter head-fragment remainder (9 + 5 segments instead of 14 + 23)",
  },
};

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
