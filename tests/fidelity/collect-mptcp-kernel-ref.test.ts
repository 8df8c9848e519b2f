/**
 * The MPTCP kernel-run collector's file format and --append rule (collect-mptcp-kernel-ref.ts), and
 * the stored shared-scenario files it wrote: 8 or more runs each, unique names, one run per line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRunNames, runsFileText } from './collect-mptcp-kernel-ref';
import { FIDELITY_DIR } from './kernel-baseline';

describe('collect-mptcp-kernel-ref', () => {
  it('writes compact JSON with one run per line that reads back unchanged', () => {
    const runs = [
      { run: 'r1', app: { duration_s: 1.04, goodput_mbit: 8.85 }, subflows: [{ kind: 'MP_CAPABLE' }] },
      { run: 'r2', app: { duration_s: 1.05, goodput_mbit: 8.83 }, subflows: [] },
    ];
    const text = runsFileText('e_fallback_server_tcp', runs);
    expect(JSON.parse(text)).toEqual({ scenario: 'e_fallback_server_tcp', runs });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[1].replace(/,$/, ''))).toEqual(runs[0]);
    expect(JSON.parse(lines[2])).toEqual(runs[1]);
  });

  it('names appended runs by their directory and refuses a name already stored or given twice', () => {
    const stored = [{ run: 'kr-e-s1' }, { run: 'r1' }];
    expect(newRunNames(stored, ['/tmp/x/r2', '/tmp/x/r3/'])).toEqual(['r2', 'r3']);
    expect(() => newRunNames(stored, ['/tmp/y/r1'])).toThrow(/run name r1 \(from \/tmp\/y\/r1\) is already stored/);
    expect(() => newRunNames([], ['/a/r4', '/b/r4'])).toThrow(/run name r4 .* given twice/);
  });

  it.each(['a_aggregation', 'b_handover', 'c_backup', 'd_signal', 'e_fallback_server_tcp', 'f_prio_blackhole_download'])(
    'the stored %s runs: at least 8, unique names, one per line, all ok',
    (name) => {
      const text = readFileSync(join(FIDELITY_DIR, 'kernel-ref', name, 'mptcp-runs.json'), 'utf8');
      const f = JSON.parse(text) as { scenario: string; runs: { run: string; result: { status: string }; app: { stream_equal: boolean } }[] };
      expect(f.scenario).toBe(name);
      expect(f.runs.length).toBeGreaterThanOrEqual(8);
      expect(new Set(f.runs.map((r) => r.run)).size).toBe(f.runs.length);
      expect(text).toBe(runsFileText(name, f.runs));
      for (const r of f.runs) expect([r.run, r.result.status, r.app.stream_equal]).toEqual([r.run, 'ok', true]);
    },
  );
});
