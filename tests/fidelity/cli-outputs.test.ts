/**
 * `npm run sim` end to end with the real core: determinism of the outputs, and Wireshark's view of
 * the capture (acceptance of the foundation issue).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/sim';
import { REPO_ROOT } from '../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'sim-out-'));
const LOSSY = join(REPO_ROOT, 'tests/fidelity/scenarios/tcp_10m_20ms_1mb_loss1.json');

async function sim(scenario: string, out: string, extra: string[] = []) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main([scenario, '--out', out, '--quiet', ...extra], { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) });
  return { code, stdout, stderr, summary: code === 0 ? JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) : null, capture: code === 0 ? readFileSync(join(out, 'capture.pcapng')) : null };
}

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`tshark is needed for this test (CI installs it: apt-get install -y tshark): ${r.error.message}`);
  return r.stdout;
}

describe('npm run sim: determinism', () => {
  it('the same scenario and seed give a byte-identical capture and the same summary apart from wall time', async () => {
    const a = await sim(LOSSY, join(dir, 'a'));
    const b = await sim(LOSSY, join(dir, 'b'));
    expect(a.code).toBe(0);
    expect(Buffer.compare(a.capture!, b.capture!)).toBe(0);
    delete a.summary.result.wall_time_s;
    delete b.summary.result.wall_time_s;
    expect(a.summary).toEqual(b.summary);
  });

  it('another seed with loss gives another run', async () => {
    const a = await sim(LOSSY, join(dir, 'c'));
    const b = await sim(LOSSY, join(dir, 'd'), ['--seed', '2']);
    expect(Buffer.compare(a.capture!, b.capture!)).not.toBe(0);
    expect(a.summary.subflows[0].retransmitted_payload_bytes).not.toEqual(b.summary.subflows[0].retransmitted_payload_bytes);
  });

  it('a feature the simulator does not model is refused with its JSON path (exit 2), never run silently', async () => {
    const raw = JSON.parse(readFileSync(LOSSY, 'utf8'));
    raw.paths[0].tbf = { rate_mbit: 5 };
    const p = join(dir, 'tbf.json');
    writeFileSync(p, JSON.stringify(raw));
    const r = await sim(p, join(dir, 'e'));
    expect(r.code).toBe(2);
    expect(r.stderr.join('\n')).toContain('scenario.paths[0].tbf: tbf shaping is not modelled yet');
  });
});

describe('npm run sim: Wireshark agrees with the capture', () => {
  it('no malformed packets, every IPv4 and TCP checksum good, and the same retransmission count as the summary', async () => {
    const out = join(dir, 'w');
    const r = await sim(LOSSY, out);
    expect(r.code).toBe(0);
    const file = join(out, 'capture.pcapng');
    const frames = tshark(['-r', file, '-T', 'fields', '-e', 'frame.number']).trim().split('\n').length;
    expect(frames).toBe(r.summary.packets_analysed);
    const bad = tshark(['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-Y', 'tcp.checksum.status != 1 || ip.checksum.status != 1 || _ws.malformed']).trim();
    expect(bad).toBe('');
    const rtx = tshark(['-r', file, '-Y', 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission', '-T', 'fields', '-e', 'tcp.len'])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
    expect(rtx.length).toBeGreaterThan(0);
    expect(rtx.reduce((x, y) => x + y, 0)).toBe(r.summary.subflows[0].retransmitted_payload_bytes.c2s);
  });
});
