// `npm run sim`: exit codes (0 ok, 1 failed check, 2 bad input, 4 simulator failure), every scenario
// error with its JSON path on stderr, one JSON line on stdout, never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CoreApi } from '../../../cli/sim';
import { KERNEL_REF, REPO_ROOT } from '../../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const GOOD = readFileSync(join(KERNEL_REF, 'scenarios/a_aggregation.json'), 'utf8');

async function run(argv: string[], loadCore?: () => Promise<CoreApi>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s), loadCore });
  const all = [...stdout, ...stderr].join('\n');
  expect(all).not.toMatch(/^\s+at /m); // no stack trace, ever
  return { code, stdout, stderr };
}

function fakeCore(result: unknown, calls: unknown[] = []): () => Promise<CoreApi> {
  return async () => ({
    simulate: (scenario, opts) => {
      calls.push({ scenario, opts });
      return result;
    },
    writeOutputs: (r, outDir) => {
      calls.push({ write: outDir });
      return { 'summary.json': JSON.stringify((r as { summary: unknown }).summary), 'capture.pcapng': new Uint8Array([1, 2]) };
    },
  });
}

const okSummary = { app: { stream_equal: true, duration_s: 2.5 }, subflows: [{}, {}], checks: [] };

describe('bad input exits 2', () => {
  it('prints usage errors', async () => {
    const r = await run(['--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toBe("error: unknown option '--nope'");
    expect(r.stdout).toEqual([]);
  });

  it('reports a missing scenario file', async () => {
    const r = await run([join(dir, 'missing.json'), '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`error: scenario file not found: ${join(dir, 'missing.json')}`]);
  });

  it('reports a directory instead of a file', async () => {
    const r = await run([dir, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`error: scenario file is a directory: ${dir}`]);
  });

  it('reports a file that cannot be read', async () => {
    const p = join(file('plain.json', GOOD), 'inner.json'); // a "directory" that is a file: ENOTDIR
    const r = await run([p, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/^error: scenario file cannot be read: .*inner\.json: ENOTDIR/);
  });

  it('reports malformed JSON with line and column', async () => {
    const p = file('broken.json', '{\n  "name": "x",\n}\n');
    const r = await run([p, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toBe(`scenario error in ${p}:`);
    expect(r.stderr[1]).toMatch(/^ {2}scenario: not valid JSON at line 3 column 1: /);
  });

  it('rejects invalid UTF-8', async () => {
    const p = join(dir, 'latin1.json');
    writeFileSync(p, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    const r = await run([p, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/not valid UTF-8/);
  });

  it('prints every validation error with its JSON path', async () => {
    const sc = JSON.parse(GOOD);
    sc.bogus = 1;
    sc.paths[0].c2s = { loss_pct: 101 };
    sc.events = [{ at: 1, action: 'explode' }];
    const p = file('invalid.json', JSON.stringify(sc));
    const r = await run([p, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr.slice(1).map((l) => l.trim().split(':')[0])).toEqual([
      'scenario.bogus',
      'scenario.paths[0].c2s.loss_pct',
      'scenario.events[0].action',
    ]);
  });

  it('reports features the simulator rejects (located errors thrown by simulate) as bad input', async () => {
    const p = file('good1.json', GOOD);
    const r = await run([p, '--out', join(dir, 'o')], async () => ({
      simulate: () => {
        throw Object.assign(new Error('unsupported'), { errors: [{ path: 'scenario.paths[0].tbf', message: 'not modelled yet' }] });
      },
      writeOutputs: () => undefined,
    }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('  scenario.paths[0].tbf: not modelled yet');
  });
});

describe('runs', () => {
  it('simulates with the scenario seed or --seed, writes the outputs, prints one JSON line', async () => {
    const p = file('good2.json', GOOD);
    const out = join(dir, 'out-ok');
    const calls: any[] = [];
    const r = await run([p, '--out', out, '--seed', '42', '--quiet'], fakeCore({ summary: okSummary, checks: [] }, calls));
    expect(r.code).toBe(0);
    expect(calls[0].opts.seed).toBe(42);
    expect(calls[0].scenario.name).toBe('a_aggregation');
    expect(r.stderr).toEqual([]);
    expect(r.stdout).toHaveLength(1);
    expect(JSON.parse(r.stdout[0])).toEqual({
      status: 'ok',
      exit_code: 0,
      summary: join(out, 'summary.json'),
      subflows: 2,
      stream_equal: true,
      duration_s: 2.5,
    });
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(okSummary);
    expect(existsSync(join(out, 'capture.pcapng'))).toBe(true);
  });

  it('exits 1 when an expect check fails', async () => {
    const p = file('good3.json', GOOD);
    const checks = [{ check: 'min_subflows', pass: false, detail: '1 < 2' }];
    const r = await run([p, '--out', join(dir, 'out-fail')], fakeCore({ summary: okSummary, checks }));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout[0])).toMatchObject({ status: 'check_failed', exit_code: 1 });
    expect(r.stderr).toContain('check FAIL min_subflows: 1 < 2');
  });

  it("uses the summary's own result when it has one (e.g. a timeout, exit 3)", async () => {
    const p = file('good4.json', GOOD);
    const summary = { ...okSummary, result: { status: 'timeout', exit_code: 3 } };
    const r = await run([p, '--out', join(dir, 'out-to'), '--quiet'], fakeCore({ summary, checks: [] }));
    expect(r.code).toBe(3);
  });

  it('lists ignored harness-only keys on stderr unless --quiet, and passes them to simulate', async () => {
    const sc = JSON.parse(GOOD);
    sc.static_arp = false;
    const p = file('good5.json', JSON.stringify(sc));
    const calls: any[] = [];
    const r = await run([p, '--out', join(dir, 'out-ign')], fakeCore({ summary: okSummary, checks: [] }, calls));
    expect(r.stderr.some((l) => l.startsWith('ignored: scenario.static_arp: '))).toBe(true);
    expect(calls[0].opts.ignored).toEqual([expect.stringMatching(/^scenario\.static_arp: /)]);
  });

  it('exits 4 without a stack trace when the simulator throws or is missing', async () => {
    const p = file('good6.json', GOOD);
    const crash = await run([p, '--out', join(dir, 'o')], async () => ({
      simulate: () => {
        throw new TypeError('x is undefined');
      },
      writeOutputs: () => undefined,
    }));
    expect(crash.code).toBe(4);
    expect(crash.stderr).toContain('error: the simulation failed: x is undefined');
    const missing = await run([p, '--out', join(dir, 'o')], async () => {
      throw new Error('no such module');
    });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('error: the simulator is not available: no such module');
  });
});

describe('as a process (npx tsx cli/sim.ts)', () => {
  it('exits 2 with messages and no stack trace for a missing file and for an invalid scenario', () => {
    const missing = spawnSync('npx', ['tsx', 'cli/sim.ts', join(dir, 'nope.json'), '--out', join(dir, 'o')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error: scenario file not found');
    expect(missing.stderr).not.toMatch(/^\s+at /m);
    expect(missing.stdout).toBe('');

    const p = file('bad-proc.json', '{"paths": [{}], "app": {"bytes": 1}, "zz": 1}');
    const invalid = spawnSync('npx', ['tsx', 'cli/sim.ts', p, '--out', join(dir, 'o')], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^ {2}scenario\.zz: unknown key \(allowed: /m);
    expect(invalid.stderr).not.toMatch(/^\s+at /m);
  });
});
