/**
 * `npm run analyze -- CAPTURE --out DIR`: writes DIR/summary.json with the capture's fields equal
 * to kernel-ref's for the same capture (t0 given as kernel-ref's t0_epoch), exit 0; usage errors,
 * a missing file and a file that is not a capture exit 2 with a one-line reason, no stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/analyze';
import { KERNEL_REF } from '../../helpers/paths';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

describe('npm run analyze', () => {
  it('writes summary.json whose capture fields equal kernel-ref’s', async () => {
    const dir = join(KERNEL_REF, 'results/f_prio_blackhole_download');
    const ref = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const out = mkdtempSync(join(tmpdir(), 'analyze-'));
    const r = await run([join(dir, 'merged-server.pcapng'), '--out', out, '--t0-epoch', String(ref.t0_epoch)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0])).toMatchObject({ status: 'ok', format: 'pcapng', frames: 8344, connections: 1, subflows: 2, problems: 0 });
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.schema).toBe('kernel-ref-summary/1');
    for (const k of ['connections', 'option_counts_total', 'packets_analysed', 'data_direction']) expect(s[k]).toEqual(ref[k]);
    // times: ±1 µs (t0_epoch is a float in summary.json)
    type Hs = { packets: { t: number }[] };
    const hs = (h: Hs[]): unknown => h.map((x) => ({ ...x, packets: x.packets.map((q) => ({ ...q, t: undefined })) }));
    expect(hs(s.handshakes)).toEqual(hs(ref.handshakes));
    s.handshakes.forEach((h: Hs, i: number) => h.packets.forEach((q, j) => expect(Math.abs(q.t - ref.handshakes[i].packets[j].t)).toBeLessThanOrEqual(2e-6)));
    const sf = (x: Record<string, unknown>): unknown => ({ ...x, ack_rtt_ms: undefined, data_fin_t: undefined, first_payload_t: undefined, last_payload_t: undefined, fin_t: undefined, first_syn_t: undefined, synack_t: undefined, mp_prio: undefined });
    expect(s.subflows.map(sf)).toEqual(ref.subflows.map(sf));
    expect(s.mptcp_signals.map((g: { t: number }) => ({ ...g, t: undefined }))).toEqual(ref.mptcp_signals.map((g: { t: number }) => ({ ...g, t: undefined })));
    // what a capture cannot tell is null or empty, never invented
    expect(s.wire.paths).toEqual({});
    expect(s.paths[0].shaping).toEqual({ c2s: null, s2c: null, tbf: null });
    expect(s.app.sha256_sent).toBeNull();
    expect(s.app.duration_s).toBeUndefined();
    expect(s.kernel_counters.client.MPTcpExt).toEqual({});
  });

  it('bad input: exit 2 with the reason', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'analyze-'));
    const junk = join(tmp, 'junk.pcap');
    writeFileSync(junk, 'definitely not a capture');
    const cases: [string[], RegExp][] = [
      [[], /no capture file given/],
      [[junk], /--out DIR is required/],
      [[junk, '--out', tmp, '--side', 'middle'], /--side must be client or server/],
      [[join(tmp, 'missing.pcap'), '--out', tmp], /capture file not found/],
      [[junk, '--out', tmp], /not a pcap or pcapng capture: the file starts with 0x64656669/],
    ];
    for (const [argv, msg] of cases) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err.join('\n')).toMatch(msg);
      expect(r.err.join('\n')).not.toMatch(/\n\s+at /);
    }
  });
});
