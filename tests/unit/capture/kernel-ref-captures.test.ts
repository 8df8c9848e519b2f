/**
 * Every capture kernel-ref stored (../shared/kernel-ref/results/<scenario>/*.pcapng) imports, and
 * what the real kernel's summary.json says about its subflows — count, kinds, 4-tuples, tokens,
 * per-subflow payload bytes, the signal list — is what the importer finds in the packets:
 * merged-server.pcapng against the summary, merged-client.pcapng against its client_view, and each
 * per-path file against that path's subflows and signals.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture, type CaptureImport } from '../../../src/core/capture/capture-trace';
import { KERNEL_REF } from '../../helpers/paths';

type Obj = Record<string, any>;

const RESULTS = join(KERNEL_REF, 'results');
const dirs = existsSync(RESULTS) ? readdirSync(RESULTS).filter((d) => existsSync(join(RESULTS, d, 'summary.json'))) : [];

function t0Ns(epoch: number): bigint {
  const [i, f = ''] = String(epoch).split('.');
  return BigInt(i) * 1_000_000_000n + BigInt(f.padEnd(9, '0').slice(0, 9));
}

function load(dir: string, file: string, ref: Obj): CaptureImport {
  const r = importCapture(readFileSync(join(RESULTS, dir, file)), { fileName: file, t0EpochNs: t0Ns(ref.t0_epoch) });
  if (!r.ok) throw new Error(`${dir}/${file}: ${r.message}`);
  expect(r.value.info.errors).toEqual([]);
  return r.value;
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

describe.runIf(dirs.length > 0)('kernel-ref captures import like the kernel summarised them', () => {
  it('finds the six stored scenarios', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(6);
  });
  for (const dir of dirs) {
    const ref: Obj = JSON.parse(readFileSync(join(RESULTS, dir, 'summary.json'), 'utf8'));
    const files = readdirSync(join(RESULTS, dir)).filter((f) => f.endsWith('.pcapng'));
    for (const file of files) {
      it(`${dir}/${file}`, () => {
        const imp = load(dir, file, ref);
        const s = imp.summary as unknown as Obj;
        const merged = /^merged-(server|client)/.exec(file);
        if (merged !== null) {
          const view: Obj = merged[1] === 'client' ? ref.client_view : ref;
          expect(imp.info.side).toBe(merged[1]);
          expect(s.packets_analysed).toBe(view.packets_analysed);
          expect(s.subflows.map(sfRow)).toEqual(view.subflows.map(sfRow));
          expect(s.connections.map(tokens)).toEqual(view.connections.map(tokens));
          expect(s.option_counts_total).toEqual(view.option_counts_total);
          expectSignals(s.mptcp_signals, view.mptcp_signals, []);
          return;
        }
        // pathK-srv-pK.pcapng / pathK-cli-pK.pcapng: that path's subflows, renumbered.
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
});
