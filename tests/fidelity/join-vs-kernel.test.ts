/**
 * A sample of Linux's own path-manager selftest, mptcp_join.sh, on the real kernel and in the simulator.
 * The 30 cases of JOIN_SAMPLE (tests/fidelity/join-scenarios.ts: subflows, signals, limits on either side,
 * removals, additions during the run, backup, fullmesh) are kernel-ref scenarios translated from the ported
 * cases (tests/unit/pm/mptcp-join-cases.ts); each was run twice on the real kernel (6.18.44):
 *
 *   npx tsx tests/fidelity/join-scenarios.ts          # writes tests/fidelity/scenarios/join_*.json
 *   ../shared/kernel-ref/run SCEN-with-seed-K.json --out /tmp/s7/jruns/NAME/kernel-seedK --quiet   # K = 1, 2
 *   npx tsx tests/fidelity/collect-mptcp-kernel-ref.ts NAME /tmp/s7/jruns/NAME/kernel-seed1 /tmp/s7/jruns/NAME/kernel-seed2
 *
 * giving tests/fidelity/kernel-ref/NAME/mptcp-runs.json. For each case:
 *   - the selftest's own checks (chk_join_nr, chk_add_nr, chk_rm_nr, chk_prio_nr … with its numbers) hold on
 *     every kernel run — the sample is checked on the real kernel — and on two simulator seeds;
 *   - the structural `npm run compare` rows (pm-rows.ts: subflows, 4-tuples, ids, backup bits, handshakes,
 *     option counts, signals, every MPTcpExt event counter of both sides, `ip mptcp monitor` events) of the
 *     simulator equal the kernel's. Subflows are paired by 4-tuple, as compareRuns does for every scenario:
 *     joins one PM decision opens together race each other over different, loaded paths (fullmesh 2x1: the
 *     kernel's two SYNs arrive 2–5 ms apart, in the order the paths' queues allow). Each side's monitor
 *     events are compared as a set, not in order: events caused by packets crossing on two paths ('signal
 *     addresses': the join's SYN/ACK and the next ADD_ADDR leave the server 0.1 ms apart) have no order to
 *     reproduce, and `ip mptcp monitor` itself stamps events several ms late. (pm-vs-kernel.test.ts
 *     compares the events' order on its 15 scenarios, where nothing races.)
 * Traffic volume is not judged here (tests/fidelity/pm-vs-kernel.test.ts does, on longer transfers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/index';
import { formatRows, mptcpExt, type Summary } from './compare-rows';
import { JOIN_SAMPLE, kernelScenario, sampleCase, scenarioName } from './join-scenarios';
import { FIDELITY_DIR, loadScenarioFile } from './kernel-baseline';
import { loadMptcpRuns } from './mptcp-baseline';
import { normaliseScenario } from './normalise';
import { isStructuralRow, pmEventKey, rowsFor } from './pm-rows';
import { selftestChecks } from '../unit/pm/mptcp-join-cases';

const SIM_SEEDS = [1, 2];

const counterOf = (s: Summary) => (side: 'client' | 'server', name: string) => mptcpExt(s, side)[name] ?? 0;

const byKey =
  <T,>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The summary with each side's monitor events as a set, in one canonical order (see the file's comment). */
function canonical(s: Summary): Summary {
  const pm = s.pm_events as Record<'client' | 'server', Record<string, string>[]>;
  const ev = (side: 'client' | 'server') => [...(pm?.[side] ?? [])].sort(byKey(pmEventKey));
  return { ...s, pm_events: { client: ev('client'), server: ev('server') } } as Summary;
}

describe.each(JOIN_SAMPLE.map((n) => [n] as const))('mptcp_join.sh "%s" on the real kernel and in the simulator', (caseName) => {
  const c = sampleCase(caseName);
  const name = scenarioName(caseName);
  const kernel = loadMptcpRuns(name) as unknown as Summary[];
  let sims: Summary[] | undefined;
  const simRuns = () =>
    (sims ??= SIM_SEEDS.map((seed) => {
      const r = simulate(normaliseScenario(loadScenarioFile(name)), { seed });
      expect(r.trace.status, `seed ${seed}`).toBe('ok');
      return r.summary as unknown as Summary;
    }));

  it('the stored scenario is the translation of the case', () => {
    const stored = JSON.parse(readFileSync(join(FIDELITY_DIR, 'scenarios', `${name}.json`), 'utf8'));
    expect(stored).toEqual(kernelScenario(c));
  });

  it("the selftest's checks hold on every kernel run", () => {
    expect(kernel.length).toBe(2);
    for (const k of kernel) {
      expect((k.result as { status: string }).status).toBe('ok');
      const bad = selftestChecks(c, counterOf(k)).filter((x) => !x.ok);
      expect(bad, `kernel run ${String(k.run)}`).toEqual([]);
    }
  });

  it("the selftest's checks hold on the simulator", () => {
    for (const [i, s] of simRuns().entries()) {
      const bad = selftestChecks(c, counterOf(s)).filter((x) => !x.ok);
      expect(bad, `seed ${SIM_SEEDS[i]}`).toEqual([]);
    }
  });

  it('structural rows match the kernel exactly', () => {
    const rows = rowsFor(kernel.map(canonical), simRuns().map(canonical)).filter(isStructuralRow);
    expect(rows.map((r) => r.group)).toEqual(expect.arrayContaining(['subflows', 'handshake', 'MPTcpExt client', 'MPTcpExt server', 'pm events']));
    const failing = rows.filter((r) => r.verdict !== 'pass');
    expect(failing, `${name}:\n${formatRows(failing)}`).toEqual([]);
  });
});
