/**
 * Every capture kernel-ref stored imports, and what the real kernel's summary.json says about its
 * subflows — count, kinds, 4-tuples, tokens, per-subflow payload bytes, the signal list — is what
 * the importer finds in the packets. Two sets of results are checked the same way:
 * - the shared ones, ../shared/kernel-ref/results/<scenario>/;
 * - our own, tests/fidelity/kernel-ref/own/<scenario>/ (scenario.json + summary.json + captures,
 *   made with kernel-ref here; how: that folder's README.md).
 * merged-server.pcapng / merged-client.pcapng go through `npm run analyze` (cli/analyze.ts, with
 * kernel-ref's t0_epoch) and the summary.json it writes is compared with the kernel's summary
 * (merged-client with its client_view); each per-path file is imported directly and compared with
 * that path's subflows and signals.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { main as analyze } from '../../../cli/analyze';
import { KERNEL_REF, REPO_ROOT } from '../../helpers/paths';

type Obj = Record<string, any>;

const SHARED_RESULTS = join(KERNEL_REF, 'results');
export const OWN_RESULTS = join(REPO_ROOT, 'tests/fidelity/kernel-ref/own');

function resultDirs(root: string): string[] {
  return existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'summary.json'))).map((d) => join(root, d)) : [];
}
const shared = resultDirs(SHARED_RESULTS);
const own = resultDirs(OWN_RESULTS);

function t0Ns(epoch: number): bigint {
  const [i, f = ''] = String(epoch).split('.');
  return BigInt(i) * 1_000_000_000n + BigInt(f.padEnd(9, '0').slice(0, 9));
}

/** The merged capture through the CLI: its summary.json and its one-line report. */
async function analyzeFile(path: string, ref: Obj): Promise<{ s: Obj; line: Obj }> {
  const out = mkdtempSync(join(tmpdir(), 'kref-analyze-'));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await analyze([path, '--out', out, '--t0-epoch', String(ref.t0_epoch)], { stdout: (x) => stdout.push(x), stderr: (x) => stderr.push(x) });
  expect(stderr).toEqual([]);
  expect(code).toBe(0);
  return { s: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), line: JSON.parse(stdout[0]) };
}

const sfRow = (sf: Obj): unknown => ({
  kind: sf.kind,
  client: sf.client,
  server: sf.server,
  path: sf.path,
  initiator: sf.initiator,
  payload: sf.payload_bytes,
  retrans: sf.retransmitted_payload_bytes,
  receiver_token: sf.join?.receiver_token ?? null,
  connection: sf.connection,
});
const tokens = (c: Obj): unknown => ({ client: [c.client_key, c.client_token, c.client_idsn], server: [c.server_key, c.server_token, c.server_idsn], fallback: c.fallback });
/** Signal times agree to the µs (t0_epoch is a float in summary.json, so ±1 µs). */
function expectSignals(ours: Obj[], ref: Obj[], strip: string[]): void {
  const norm = (s: Obj): Obj => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 't' && !strip.includes(k)));
  expect(ours.map(norm)).toEqual(ref.map(norm));
  ours.forEach((s, i) => expect(Math.abs(s.t - ref[i].t)).toBeLessThanOrEqual(2e-6));
}

function checkResults(dirs: string[]): void {
  for (const dir of dirs) {
    const name = dir.split('/').slice(-2).join('/');
    const ref: Obj = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const files = readdirSync(dir).filter((f) => f.endsWith('.pcapng'));
    it(`${name}: has a merged capture`, () => {
      expect(files.some((f) => f.startsWith('merged-'))).toBe(true);
    });
    for (const file of files) {
      it(`${name}/${file}`, async () => {
        const merged = /^merged-(server|client)/.exec(file);
        if (merged !== null) {
          const view: Obj = merged[1] === 'client' ? ref.client_view : ref;
          const { s, line } = await analyzeFile(join(dir, file), ref);
          expect(line).toMatchObject({ status: 'ok', problems: 0, subflows: view.subflows.length, connections: view.connections.length });
          expect(s.view).toBe(merged[1]);
          expect(s.packets_analysed).toBe(view.packets_analysed);
          expect(s.subflows.map(sfRow)).toEqual(view.subflows.map(sfRow));
          expect(s.connections.map(tokens)).toEqual(view.connections.map(tokens));
          expect(s.option_counts_total).toEqual(view.option_counts_total);
          expectSignals(s.mptcp_signals, view.mptcp_signals, []);
          // A path's own addresses, where the capture shows them: with a join to the server's
          // address on path 1 running over path 2 (weak host model), the path-2 link's server
          // address 10.0.2.2 is never on the wire, so that case is left out.
          for (const rp of view.paths as Obj[]) {
            const seen = new Set(view.subflows.filter((sf: Obj) => sf.path === rp.id).map((sf: Obj) => sf.four_tuple.server_ip));
            if (!seen.has(rp.server_addr)) continue;
            const ours = s.paths.find((q: Obj) => q.id === rp.id);
            expect({ c: ours.client_addr, s: ours.server_addr, cx: ours.client_extra_addrs, sx: ours.server_extra_addrs }).toEqual({ c: rp.client_addr, s: rp.server_addr, cx: rp.client_extra_addrs, sx: rp.server_extra_addrs });
          }
          // every SYN / MP_CAPABLE / MP_JOIN packet and its reply, field by field (keys, nonces,
          // HMACs, flags such as checksum_required), at the same µs
          const hs = (h: Obj[]): unknown => h.map((x) => ({ ...x, packets: x.packets.map((q: Obj) => ({ ...q, t: undefined })) }));
          expect(hs(s.handshakes)).toEqual(hs(view.handshakes));
          s.handshakes.forEach((h: Obj, i: number) => h.packets.forEach((q: Obj, j: number) => expect(Math.abs(q.t - view.handshakes[i].packets[j].t)).toBeLessThanOrEqual(2e-6)));
          return;
        }
        // pathK-srv-pK.pcapng / pathK-cli-pK.pcapng: that path's subflows, renumbered.
        const r = importCapture(readFileSync(join(dir, file)), { fileName: file, t0EpochNs: t0Ns(ref.t0_epoch) });
        if (!r.ok) throw new Error(`${name}/${file}: ${r.message}`);
        expect(r.value.info.errors).toEqual([]);
        const s = r.value.summary as unknown as Obj;
        const m = /^path(\d+)-(srv|cli)/.exec(file)!;
        const k = Number(m[1]);
        const view: Obj = m[2] === 'cli' ? ref.client_view : ref;
        const mine = view.subflows.filter((sf: Obj) => sf.path === k);
        const row = (sf: Obj): unknown => ({ ...(sfRow(sf) as Obj), connection: undefined, path: undefined });
        expect(s.subflows.map(row)).toEqual(mine.map(row));
        expect(s.subflows.every((sf: Obj) => sf.path === k)).toBe(true);
        const streams = new Set(mine.map((sf: Obj) => sf.stream));
        expectSignals(s.mptcp_signals, view.mptcp_signals.filter((g: Obj) => streams.has(g.stream)), ['frame', 'stream']);
        // The MP_CAPABLE subflow's file gives the keys, hence the tokens, of the connection.
        if (mine.some((sf: Obj) => sf.kind === 'MP_CAPABLE')) expect(s.connections.map(tokens)).toEqual(view.connections.map(tokens));
      });
    }
  }
}

describe.runIf(shared.length > 0)('shared kernel-ref captures import like the kernel summarised them', () => {
  it('finds the six stored scenarios', () => {
    expect(shared.length).toBeGreaterThanOrEqual(6);
  });
  checkResults(shared);
});

describe('our own kernel-ref captures import like the kernel summarised them', () => {
  it('finds the five scenarios stored in the repository', () => {
    expect(own.map((d) => d.split('/').pop()).sort()).toEqual(['checksum_download', 'endpoint_del', 'fullmesh_2x2', 'prio_toggle', 'signal_port']);
  });
  it('each is small, and its summary is that of its own scenario.json', () => {
    for (const dir of own) {
      const ref: Obj = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      const sc: Obj = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
      expect(ref.scenario_name).toBe(sc.name);
      expect(ref.result.status).toBe('ok');
      expect(ref.app.stream_equal).toBe(true);
      const bytes = readdirSync(dir).reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
      expect(bytes).toBeLessThan(2 * 1024 * 1024);
    }
  });
  checkResults(own);
});
