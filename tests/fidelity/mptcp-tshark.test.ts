/**
 * Wireshark's MPTCP analysis agrees with a simulated two-subflow capture (MPTCP engine issue):
 * with `mptcp.analyze_mptcp`, `mptcp.analyze_mappings` and `mptcp.intersubflows_retransmission`
 * on, tshark puts both subflows in one `mptcp.stream`, its `mptcp.expected_token` equals every
 * MP_JOIN's token, it reports no malformed packet and no error-level expert info, and its mapping
 * warnings are no more frequent than in the real kernel's capture of the same scenario
 * (kernel-ref a_aggregation, `tshark -q -z expert` on both).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, writeOutputs } from '../../src/core/index';
import { KERNEL_REF } from '../helpers/paths';
import { validateScenario } from '../../src/core/scenario/validate';

// the payload is pseudo-random bytes: Wireshark's Thrift heuristic sometimes takes a segment that
// starts with the right bytes for a (then malformed) Thrift message, which says nothing about MPTCP
const MPTCP_PREFS = ['-o', 'mptcp.analyze_mptcp:TRUE', '-o', 'mptcp.analyze_mappings:TRUE', '-o', 'mptcp.intersubflows_retransmission:TRUE', '--disable-heuristic', 'thrift_tcp'];

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`tshark is needed for this test (CI installs it: apt-get install -y tshark): ${r.error.message}`);
  return r.stdout;
}

/** Expert infos of one severity section of `tshark -q -z expert`: summary → frequency. */
function expert(file: string, section: 'Errors' | 'Warns'): Map<string, number> {
  const out = tshark(['-r', file, ...MPTCP_PREFS, '-q', '-z', 'expert']);
  const m = new Map<string, number>();
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${section} (`));
  if (start < 0) return m;
  for (const l of lines.slice(start + 3)) {
    if (l.trim() === '' || /^[A-Z][a-z]+ \(/.test(l)) break;
    const f = /^\s*(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(l);
    if (f) m.set(f[2].trim(), (m.get(f[2].trim()) ?? 0) + Number(f[1]));
  }
  return m;
}

const scenarioFile = join(KERNEL_REF, 'scenarios', 'a_aggregation.json');
const kernelCapture = join(KERNEL_REF, 'results', 'a_aggregation', 'merged-server.pcapng');

describe.runIf(existsSync(kernelCapture))('Wireshark MPTCP analysis of a two-subflow run (a_aggregation)', () => {
  const v = validateScenario(JSON.parse(readFileSync(scenarioFile, 'utf8')));
  if (!v.ok) throw new Error(`a_aggregation does not validate: ${JSON.stringify(v.errors)}`);
  const sc = v.scenario;
  const result = simulate(sc, { seed: sc.seed });
  const file = join(mkdtempSync(join(tmpdir(), 'mptcp-tshark-')), 'capture.pcapng');
  writeFileSync(file, writeOutputs(result)['capture.pcapng']);

  it('puts both subflows in one MPTCP stream', () => {
    const rows = tshark(['-r', file, ...MPTCP_PREFS, '-Y', 'tcp', '-T', 'fields', '-e', 'tcp.stream', '-e', 'mptcp.stream']).trim().split('\n');
    const tcpStreams = new Set(rows.map((r) => r.split('\t')[0]));
    expect(tcpStreams.size).toBe(2);
    // (tshark starts the MPTCP stream at the server's MP_CAPABLE SYN/ACK: the first SYN has none, in the kernel's capture too)
    const mptcpStreams = new Set(rows.map((r) => r.split('\t')[1]).filter((x) => x !== ''));
    expect([...mptcpStreams]).toEqual(['0']);
    expect(rows.filter((r) => r.split('\t')[1] === '').length).toBe(1);
  });

  it("gives every MP_JOIN the token tshark expects for the connection it joins", () => {
    // expected tokens: computed by tshark from the keys in the MP_CAPABLE exchange of mptcp.stream 0
    const expected = new Set(
      tshark(['-r', file, ...MPTCP_PREFS, '-Y', 'mptcp.expected_token && mptcp.stream == 0', '-T', 'fields', '-e', 'mptcp.expected_token']).trim().split('\n'),
    );
    const joins = tshark(['-r', file, ...MPTCP_PREFS, '-Y', 'tcp.options.mptcp.recvtok', '-T', 'fields', '-e', 'tcp.options.mptcp.recvtok', '-e', 'mptcp.stream']).trim().split('\n');
    expect(joins.length).toBeGreaterThan(0);
    const serverToken = (result.summary?.connections?.[0] as { server_token?: string } | undefined)?.server_token;
    expect(serverToken).toMatch(/^0x[0-9a-f]{8}$/);
    for (const j of joins) {
      const [recvtok, stream] = j.split('\t');
      expect(expected.has(recvtok), `MP_JOIN token ${recvtok} among tshark's expected tokens ${[...expected].join(', ')}`).toBe(true);
      expect(stream).toBe('0');
      expect(Number(recvtok)).toBe(Number(serverToken));
    }
  });

  it('reports no malformed packet and no error-level expert info', () => {
    expect(tshark(['-r', file, ...MPTCP_PREFS, '-Y', '_ws.malformed || _ws.expert.severity == error']).trim()).toBe('');
    expect([...expert(file, 'Errors').entries()]).toEqual([]);
  });

  it("has no more mapping warnings than the real kernel's capture of the same scenario", () => {
    const ours = expert(file, 'Warns');
    const kernel = expert(kernelCapture, 'Warns');
    const mapping = (m: Map<string, number>): [string, number][] => [...m.entries()].filter(([k]) => /mapping|DSS|data sequence/i.test(k));
    const kernelMap = new Map(mapping(kernel));
    for (const [k, n] of mapping(ours)) expect(n, `"${k}": ours ${n}, kernel ${kernelMap.get(k) ?? 0}`).toBeLessThanOrEqual(kernelMap.get(k) ?? 0);
  });
});
