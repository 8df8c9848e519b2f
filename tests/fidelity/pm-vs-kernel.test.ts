/**
 * The in-kernel path manager in the simulator against the real Linux kernel (6.18.44, per-socket
 * cubic), read from stored kernel-ref results (no root needed here). Fifteen scenarios
 * (tests/fidelity/scenarios/pm_*.json): fullmesh, several signal endpoints, both limits reached, a
 * 'limits' event, endpoints added and deleted mid-run, ADD_ADDR retransmission (the ADD_ADDR lost, and
 * its echo lost), DSS checksums, a download spread by the server's signal endpoint, signal endpoints
 * with a port on either side (the client's makes the *server* open the subflow), the backup flag set
 * at run time, three paths.
 *
 * How the stored results were made (every run `status: ok`, `stream_equal`): runs 1–2 (pm_add_addr_echo_lost:
 * 1–3) on 2026-11-24, 20:2x UTC,
 *
 *   npm run compare -- tests/fidelity/scenarios/NAME.json --runs 2 --out /tmp/pmcmp/NAME
 *   npx tsx scripts/collect-kernel-ref.ts NAME /tmp/pmcmp/NAME/kernel-seed1 /tmp/pmcmp/NAME/kernel-seed*
 *   npx tsx tests/fidelity/collect-mptcp-kernel-ref.ts NAME /tmp/pmcmp/NAME/kernel-seed*
 *
 * and runs up to seed 8 on 2026-11-25, 08:18–08:26 UTC (kernel 6.18.44, one run at a time on a quiet machine,
 * round robin over the scenarios; the link emulator's scheduling lateness p99 ≤ 0.34 ms in all 89 runs):
 *
 *   ../shared/kernel-ref/run SCEN-with-seed-K.json --out /tmp/s7/kruns/NAME/kernel-seedK --quiet
 *   npx tsx tests/fidelity/collect-mptcp-kernel-ref.ts --append NAME /tmp/s7/kruns/NAME/kernel-seed{3..8}
 *
 * giving tests/fidelity/kernel-ref/NAME/{mptcp-runs.json (every run, compact, read here), runs.json, summary.json
 * (the seed-1 run without ss snapshots and config)}.
 *
 * For each scenario five simulator runs (seeds 1–5, as `--runs 5`) are judged by the `npm run compare` rows
 * (compare-rows.ts) against the 8 kernel runs:
 *   - the structural rows, exact for every seed: status, MPTCP use, subflow count, kinds, 4-tuples, address ids
 *     and backup bits, handshake packets, non-DSS option counts, signals (ADD_ADDR, echo,
 *     REMOVE_ADDR, MP_PRIO, MP_TCPRST), the MPTcpExt event counters of both sides — plus one row
 *     compare-rows does not have: the `ip mptcp monitor` event sequence of each side;
 *   - byte share per subflow (±20 points), completion time and goodput (±20 %);
 *   - the traffic-volume rows: DSS count, OFO/window/duplicate counters (±30 %) and the longest stall (±30 %),
 *     the simulator's mean against the kernel runs' mean (or inside their min–max, compare-rows' rule).
 * A row that fails today is listed in KNOWN with the reason; every other row must pass. A listed row
 * that passes is reported (remove it from KNOWN). The file takes ≈7 s.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/index';
import { formatRows, signalsOf, type CompareRow, type Summary } from './compare-rows';
import { loadScenarioFile } from './kernel-baseline';
import { loadMptcpRuns, type KernelMptcpRun } from './mptcp-baseline';
import { normaliseScenario } from './normalise';
import { isMacroRow, isStructuralRow, isVolumeRow, rowId, rowsFor } from './pm-rows';

const SCENARIOS = [
  'pm_fullmesh',
  'pm_signal_two',
  'pm_limit_subflows',
  'pm_limit_add_addr',
  'pm_limits_raised',
  'pm_endpoint_add',
  'pm_endpoint_del',
  'pm_add_addr_lost',
  'pm_add_addr_echo_lost',
  'pm_checksum',
  'pm_server_signal_download',
  'pm_server_signal_port',
  'pm_client_signal_port',
  'pm_backup_change',
  'pm_three_paths',
] as const;
type Name = (typeof SCENARIOS)[number];

/**
 * Simulator runs per scenario, seeds seed … seed + 4 (as `npm run compare --runs 5`); exact rows must hold
 * for each, the other rows compare their mean with the mean of the 8 stored kernel runs.
 */
const SIM_RUNS = 5;

/**
 * What each scenario is there to show, checked on the stored kernel runs themselves (so a re-collection
 * that missed the point, e.g. an echo that was not lost, is caught): subflows, ADD_ADDR / echo /
 * REMOVE_ADDR / MP_PRIO signals seen at the server-side capture, and the MPTcpExt counters that tell it.
 */
const COVERS: Record<Name, { subflows: number; addAddr?: number; echo?: number; rmAddr?: number; mpPrio?: number; counters?: Record<string, number> }> = {
  // id-0 endpoint + one fullmesh endpoint: 1 join at full establishment + one per endpoint to the announced address
  pm_fullmesh: { subflows: 4, addAddr: 1, echo: 1, counters: { 'client MPJoinSynTx': 3 } },
  pm_signal_two: { subflows: 3, addAddr: 2, echo: 2, counters: { 'client AddAddr': 2 } },
  // two subflow endpoints, limits subflows 1: one join
  pm_limit_subflows: { subflows: 2, counters: { 'client MPJoinSynTx': 1 } },
  // two announcements, add_addr_accepted 1: both echoed, one joined
  pm_limit_add_addr: { subflows: 2, addAddr: 2, echo: 2, counters: { 'client MPJoinSynTx': 1, 'client EchoAddTx': 2 } },
  // limits 0 → 1 starts nothing; the endpoint added later makes the PM join (from the first endpoint)
  pm_limits_raised: { subflows: 2, counters: { 'client MPJoinSynTx': 1 } },
  pm_endpoint_add: { subflows: 2, counters: { 'client MPJoinSynTx': 1 } },
  pm_endpoint_del: { subflows: 2, rmAddr: 1, counters: { 'client RmAddrTx': 1, 'client RmSubflow': 1, 'server RmAddr': 1 } },
  // the first ADD_ADDR lost on the wire: retransmitted, the client sees only the second
  pm_add_addr_lost: { subflows: 2, addAddr: 2, echo: 1, counters: { 'server AddAddrTx': 2, 'client AddAddr': 1 } },
  // the first echo lost on the wire: retransmitted ADD_ADDR, received twice, echoed twice (one echo captured)
  pm_add_addr_echo_lost: { subflows: 2, addAddr: 2, echo: 1, counters: { 'server AddAddrTx': 2, 'client AddAddr': 2, 'client EchoAddTx': 2 } },
  pm_checksum: { subflows: 2 },
  pm_server_signal_download: { subflows: 2, addAddr: 1, echo: 1 },
  pm_server_signal_port: { subflows: 2, addAddr: 1, echo: 1, counters: { 'client PortAdd': 1, 'server PortAdd': 1, 'server MPJoinPortSynRx': 1 } },
  pm_client_signal_port: { subflows: 2, addAddr: 1, echo: 1, counters: { 'server PortAdd': 1, 'server MPJoinSynTx': 1, 'client MPJoinPortSynRx': 1 } },
  pm_backup_change: { subflows: 2, mpPrio: 1, counters: { 'client MPPrioTx': 1, 'server MPPrioRx': 1 } },
  pm_three_paths: { subflows: 3, counters: { 'client MPJoinSynTx': 2 } },
};

/**
 * OFOMerge: a short segment coalesced into the last skb of the MPTCP out-of-order queue, which depends on skb
 * geometry (tests/fidelity/skb-tailroom.ts; the rule replays the kernel captures exactly).
 */
const OFO_MERGE =
  "not counted by the simulator yet: counted by Linux's rule (branch ofo7) it comes out too high in most PM scenarios (pm_fullmesh 32 vs 5.1, pm_signal_two 17 vs 2.3; 7 rows that pass with 0 would fail), because the simulator cuts its short segments elsewhere — its path-1 slow start overflows the queue by seed where the kernel's does by scenario, and its window scale is 7 (tcp_rmem[2] 6 MiB) where kernel-ref's hosts use 10 (32 MiB), so window edges cut 32–96 B tails that fit the room after a full frame";

/** Rows that fail today, with the reason. */
const KNOWN: Partial<Record<Name, Record<string, string>>> = {
  pm_fullmesh: {
    'MPTcpExt server · OFOMerge': OFO_MERGE,
    'MPTcpExt client · SndWndShared': "kernel 0 in all 8 runs, the simulator 2 in seed 2 (0.4): there its connection sits window-limited with almost nothing in flight until the receiver's right edge jumps 499 KB at once (0.553 s, a DRS step of mptcp_rcv_space_adjust), and the first pushes go to the two fullmesh joins, whose last windows (ACKs 1–16 ms older) are 15–60 KB short of wnd_end − snd_nxt; the kernel's edge moves in steps of at most ≈ 200 KB here and never leaves a join that stale — the receive window's growth, as for d_signal's SndWndShared in mptcp-vs-kernel.test.ts",
  },
  pm_endpoint_del: {
    'MPTcpExt server · OFOMerge': OFO_MERGE,
    'MPTcpExt client · SndWndShared': "kernel 3–5, the simulator 0 in seeds 1–3 and 2 in seeds 4–5 (at the reinjection, 1.0 s). Rebuilt from the server's ACKs, the kernel's fall at 1.165–1.18 s (1.11–1.12 s in run 5), ≈ 25 ms after the server resets the closed subflow, when the DATA_ACK overtakes the reinjection (__mptcp_retransmit_pending_data) so mptcp_sendmsg_frag pushes at snd_una: the receiver's window then pauses at its buffer (1.805 → 1.787 MB while the DATA_ACK moves on, a DRS step not yet taken) and subflow 1's last window, rounded down to the 1024-byte scale by mptcp_set_rwin, is 100–900 B short of wnd_end − snd_una. The simulated window (≈ 290 KB smaller then) keeps opening two segments per segment, so its pushes at snd_una (1.200, 1.228 s in seed 1) find none short — the receive window's growth in DRS steps, as for d_signal's SndWndShared in mptcp-vs-kernel.test.ts",
  },
  pm_add_addr_echo_lost: {
    'MPTcpExt client · OFOMerge': OFO_MERGE,
  },
  pm_checksum: {
    'MPTcpExt server · OFOMerge': OFO_MERGE,
  },
  pm_client_signal_port: {
    'MPTcpExt server · OFOMerge': OFO_MERGE,
  },
  pm_backup_change: {
    'MPTcpExt server · OFOMerge': OFO_MERGE,
  },
  pm_three_paths: {
    'MPTcpExt server · OFOMerge': OFO_MERGE,
  },
};


/** Asserts that `rows` pass except the known failures; prints the failures (known or not) and stale entries. */
function checkRows(name: Name, what: string, rows: CompareRow[]): void {
  const known = KNOWN[name] ?? {};
  const failing = rows.filter((r) => r.verdict !== 'pass');
  const unexpected = failing.filter((r) => !(rowId(r) in known));
  const nowPassing = rows.filter((r) => r.verdict === 'pass' && rowId(r) in known);
  const lines = [`${name} ${what}: ${rows.length - failing.length}/${rows.length} pass`];
  for (const r of failing) lines.push(`  FAIL ${rowId(r)}: kernel ${r.kernel} | sim ${r.sim} (${r.rule})${rowId(r) in known ? ' — known' : ' — UNEXPECTED'}`);
  for (const r of nowPassing) lines.push(`  note: ${rowId(r)} is listed in KNOWN but passes now: remove it`);
  console.log(lines.join('\n'));
  expect(unexpected, `${name}: ${what} that fail and are not in KNOWN:\n${formatRows(unexpected)}`).toEqual([]);
}

describe('the KNOWN list names only rows that exist', () => {
  it('every entry is a scenario of this file with a reason', () => {
    for (const [name, rows] of Object.entries(KNOWN)) {
      expect(SCENARIOS as readonly string[]).toContain(name);
      for (const [id, reason] of Object.entries(rows ?? {})) {
        expect(id).toMatch(/ · /);
        expect(reason.length, id).toBeGreaterThan(20);
      }
    }
  });
});

describe.each(SCENARIOS)('%s: the simulated path manager against the real kernel', (name) => {
  const kernel: KernelMptcpRun[] = loadMptcpRuns(name);
  const scenario = loadScenarioFile(name);
  let rows: CompareRow[] | undefined;
  let sims: Summary[] = [];
  const allRows = () => {
    if (!rows) {
      const first = (scenario.seed as number | undefined) ?? 1;
      sims = Array.from({ length: SIM_RUNS }, (_, i) => {
        const result = simulate(normaliseScenario(scenario), { seed: first + i });
        expect(result.trace.status, `seed ${first + i}: the simulated transfer finished`).toBe('ok');
        return result.summary as unknown as Summary;
      });
      rows = rowsFor(kernel, sims);
    }
    return rows;
  };

  it('the stored kernel runs show what the scenario is for', () => {
    const want = COVERS[name];
    expect(kernel.length).toBe(8);
    for (const k of kernel) {
      const at = `kernel run ${k.run}`;
      expect(k.result?.status, at).toBe('ok');
      expect(k.app?.stream_equal, at).toBe(true);
      expect(k.subflows.length, `${at}: subflows`).toBe(want.subflows);
      expect(signalsOf(k, 'ADD_ADDR').length, `${at}: ADD_ADDR`).toBe(want.addAddr ?? 0);
      expect(signalsOf(k, 'ADD_ADDR echo').length, `${at}: ADD_ADDR echo`).toBe(want.echo ?? 0);
      expect(signalsOf(k, 'REMOVE_ADDR').length, `${at}: REMOVE_ADDR`).toBe(want.rmAddr ?? 0);
      expect(signalsOf(k, 'MP_PRIO').length, `${at}: MP_PRIO`).toBe(want.mpPrio ?? 0);
      for (const [key, v] of Object.entries(want.counters ?? {})) {
        const [side, counter] = key.split(' ');
        expect(k.kernel_counters[side].MPTcpExt[counter] ?? 0, `${at}: ${key}`).toBe(v);
      }
    }
  });

  it('structural rows (subflows, 4-tuples, ids, handshakes, options, signals, event counters, monitor events) match exactly', () => {
    const structural = allRows().filter(isStructuralRow);
    expect(structural.map((r) => r.group)).toEqual(expect.arrayContaining(['run', 'subflows', 'handshake', 'signals', 'MPTcpExt client', 'MPTcpExt server', 'pm events']));
    checkRows(name, 'structural rows', structural);
    for (const id of Object.keys(KNOWN[name] ?? {})) expect(allRows().some((r) => rowId(r) === id), `KNOWN entry '${id}' is a row of ${name}`).toBe(true);
  });

  it('byte share per subflow (±20 points), completion time and goodput (±20 %)', () => {
    const macro = allRows().filter(isMacroRow);
    expect(macro.length).toBe(2 + kernel[0].subflows.length);
    checkRows(name, 'byte share / time rows', macro);
  });

  it('traffic-volume rows: DSS count and OFO/window/duplicate counters (±30 %), longest stall (±30 %)', () => {
    const volume = allRows().filter(isVolumeRow);
    expect(volume.some((r) => r.group === 'options' && r.name === 'DSS')).toBe(true);
    expect(volume.some((r) => rowId(r) === 'macro · longest stall (s)')).toBe(true);
    checkRows(name, 'traffic-volume rows', volume);
  });

  it("the sender's MPTCP_INFO at its EOF: local_addr_used exact, the last_* times as the kernel's", () => {
    allRows();
    type Info = Record<string, number>;
    const infoOf = (s: Summary): Info => (s.app as { sender_mptcp_info_end: Info }).sender_mptcp_info_end;
    const k = kernel.map(infoOf);
    const mean = (key: string) => k.reduce((a, i) => a + i[key], 0) / k.length;
    const lines: string[] = [];
    for (const sim of sims.map(infoOf)) {
      lines.push(['local_addr_used', 'last_data_sent', 'last_data_recv', 'last_ack_recv'].map((f) => `${f} kernel ${k.map((i) => i[f]).join('/')} sim ${sim[f]}`).join('; '));
      // pm->local_addr_used: the client's subflow endpoints in use (the id-0 one never counts)
      expect(sim.local_addr_used, 'local_addr_used').toBe(k[0].local_addr_used);
      for (const i of k) expect(i.local_addr_used).toBe(k[0].local_addr_used);
      // the DATA_FIN that ended the stream carried a DATA_ACK (ack_update_msk): within two jiffies
      expect(sim.last_ack_recv, 'last_ack_recv').toBeLessThanOrEqual(8);
      // last push of new data → EOF: the last data's delivery, the receiver's close at its sampler's
      // next tick (0–100 ms) and the DATA_FIN's trip; the kernel's own runs differ by up to 170 ms
      expect(Math.abs(sim.last_data_sent - mean('last_data_sent')), 'last_data_sent (ms)').toBeLessThanOrEqual(200);
      // the sender received no data since its msk was initialised: its age at EOF. The kernel's client
      // socket is created 0.1–0.25 s before connect() (kernel-ref's app sleeps until t0), the
      // simulator's at connect(): within ±30 %
      expect(Math.abs(sim.last_data_recv / mean('last_data_recv') - 1), 'last_data_recv').toBeLessThanOrEqual(0.3);
    }
    console.log(`${name} sender MPTCP_INFO at EOF: ${lines.join(' || ')}`);
  });
});
