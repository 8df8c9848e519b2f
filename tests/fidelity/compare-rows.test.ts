/**
 * The `npm run compare` rows and command line, without root: the rows judge stored kernel runs
 * (tests/fidelity/kernel-ref/*\/mptcp-runs.json, ../shared/kernel-ref/results) and the command reuses
 * a stored result with --kernel-dir.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, parseCompareArgs } from '../../scripts/compare';
import { KERNEL_REF } from '../helpers/paths';
import { allRowsPass, compareRuns, formatRows, type CompareRow, type Summary } from './compare-rows';
import { FIDELITY_DIR } from './kernel-baseline';
import { loadMptcpRuns } from './mptcp-baseline';

const clone = <T>(x: T): T => structuredClone(x);
const row = (rows: CompareRow[], id: string) => rows.find((r) => `${r.group} · ${r.name}` === id);

describe('compare rows', () => {
  const runs = loadMptcpRuns('mptcp_10m_20ms_1mb');

  it('a kernel run set compared with itself passes every row', () => {
    const rows = compareRuns(runs, runs);
    expect(rows.filter((r) => r.verdict !== 'pass')).toEqual([]);
    expect(allRowsPass(rows)).toBe(true);
    expect(rows.map((r) => r.group)).toEqual(expect.arrayContaining(['run', 'subflows', 'handshake', 'options', 'signals', 'MPTcpExt client', 'MPTcpExt server', 'macro']));
  });

  it('a changed handshake flag, address, signal or event counter fails its row', () => {
    const sim: Summary = clone(runs[0]);
    sim.handshakes[0].packets[0].mptcp.flags = '0x81';
    sim.subflows[0].four_tuple.server_ip = '10.0.2.2';
    sim.mptcp_signals = [{ stream: 0, dir: 's2c', subtypes: ['ADD_ADDR'], addr_id: '1', ipv4: '10.0.2.2', echo: '0' }];
    sim.kernel_counters.client.MPTcpExt.MPCapableSYNTX = 2;
    const rows = compareRuns(runs, [sim]);
    for (const id of ['handshake · #0 packets', 'subflows · #0 4-tuple', 'signals · ADD_ADDR', 'MPTcpExt client · MPCapableSYNTX']) expect(row(rows, id)?.verdict, id).toBe('FAIL');
    expect(row(rows, 'signals · ADD_ADDR echo')?.verdict).toBe('pass');
    expect(allRowsPass(rows)).toBe(false);
  });

  it('numeric rows: ±20 % on duration, ±20 points on byte share, volume counters within the kernel runs’ spread', () => {
    const slow: Summary = clone(runs[1]);
    slow.app.duration_s = runs.reduce((a, r) => a + r.app.duration_s, 0) / runs.length * 1.25;
    expect(row(compareRuns(runs, [slow]), 'macro · duration_s')?.verdict).toBe('FAIL');
    slow.app.duration_s *= 0.9;
    expect(row(compareRuns(runs, [slow]), 'macro · duration_s')?.verdict).toBe('pass');
    // RcvWndShared moved 0..15 in the kernel runs: 0 and 15 pass, 40 does not
    const k = clone(runs[0]);
    for (const v of [0, 15, 40]) {
      k.kernel_counters.server.MPTcpExt.RcvWndShared = v;
      expect(row(compareRuns(runs, [k]), 'MPTcpExt server · RcvWndShared')?.verdict, `RcvWndShared ${v}`).toBe(v === 40 ? 'FAIL' : 'pass');
    }
  });

  it('pairs subflows by 4-tuple with the first kernel run, not by which SYN came first', () => {
    // fullmesh 2x1 on the real kernel: the two joins to the announced address race over two loaded paths
    const fm = loadMptcpRuns('join_fullmesh_test_2x1');
    const sim: Summary = clone(fm[0]);
    const [a, b] = [sim.subflows[3], sim.subflows[4]];
    [a.first_syn_t, b.first_syn_t] = [b.first_syn_t, a.first_syn_t];
    [a.stream, b.stream] = [b.stream, a.stream];
    for (const h of sim.handshakes) if (h.stream === a.stream || h.stream === b.stream) h.stream = h.stream === a.stream ? b.stream : a.stream;
    const rows = compareRuns(fm, [sim]).filter((r) => r.group === 'subflows' || r.group === 'handshake');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.verdict !== 'pass')).toEqual([]);
    // a subflow that is really different still fails its row
    sim.subflows[4].four_tuple.client_ip = '10.0.4.1';
    expect(compareRuns(fm, [sim]).filter((r) => r.group === 'subflows' && r.name.endsWith('4-tuple') && r.verdict === 'FAIL')).toHaveLength(1);
  });

  it('prints a table with one verdict per row and a total', () => {
    const text = formatRows(compareRuns(runs, runs));
    expect(text).toMatch(/^row +kernel +sim +rule +verdict/);
    expect(text).toMatch(/\d+\/\d+ rows pass$/);
  });
});

describe('npm run compare (scripts/compare.ts)', () => {
  const out = mkdtempSync(join(tmpdir(), 'compare-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const errs: string[] = [];
    const code = await main(argv, { out: (s) => lines.push(s), err: (s) => errs.push(s) });
    return { code, out: lines.join('\n'), err: errs.join('\n') };
  };

  it('parses its options and rejects bad ones', () => {
    expect(parseCompareArgs(['s.json', '--kernel-dir', 'a', '--kernel-dir=b', '--runs', '3', '--seed', '7', '--json'], {})).toMatchObject({ scenario: 's.json', kernelDirs: ['a', 'b'], runs: 3, seed: 7, json: true });
    expect(parseCompareArgs(['--help'], {})).toBeNull();
    expect(() => parseCompareArgs(['s.json', '--runs', '0'], {})).toThrow(/--runs must be an integer in 1\.\.20/);
    expect(() => parseCompareArgs(['s.json', '--bogus'], {})).toThrow(/unknown option --bogus/);
    expect(() => parseCompareArgs([], {})).toThrow(/no scenario file/);
  });

  it('exits 2 with a clear message for a missing scenario, a bad scenario or a missing kernel result', async () => {
    let r = await run(['/nonexistent/scenario.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('scenario file not found: /nonexistent/scenario.json');
    r = await run([join(FIDELITY_DIR, 'kernel-ref', 'README.md')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario error in/);
    r = await run([join(FIDELITY_DIR, 'scenarios', 'mptcp_10m_20ms_1mb.json'), '--kernel-dir', join(out, 'none')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no kernel-ref result in .*none/);
  });

  it('exits 4 saying the kernel side cannot run here when kernel-ref is missing', async () => {
    const r = await run([join(FIDELITY_DIR, 'scenarios', 'mptcp_10m_20ms_1mb.json'), '--kernel-ref', join(out, 'no-such-run')]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/the kernel side cannot run here: .*--kernel-dir/s);
  });

  it.skipIf(!existsSync(join(KERNEL_REF, 'results', 'e_fallback_server_tcp', 'summary.json')))('compares a stored kernel result with the simulator and exits 0 when every row passes', async () => {
    const r = await run([join(KERNEL_REF, 'scenarios', 'e_fallback_server_tcp.json'), '--kernel-dir', join(KERNEL_REF, 'results', 'e_fallback_server_tcp'), '--out', join(out, 'e'), '--json']);
    const parsed = JSON.parse(r.out) as { pass: boolean; rows: CompareRow[] };
    expect(parsed.rows.filter((x) => x.verdict !== 'pass')).toEqual([]);
    expect(r.code).toBe(0);
  });
});
