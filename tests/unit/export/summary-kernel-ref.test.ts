/**
 * The capture analysis reproduces kernel-ref's own: each real-kernel run in
 * ../shared/kernel-ref/results is read back from its pcapng (the packets tshark dissected), parsed by
 * the wire layer with the MPTCP codec installed (installMptcpWire(): the option records are the
 * codec's, as in a simulated run), turned into CaptureRecords, and analysed by analyzeCaptures();
 * the result must equal what kernel-ref wrote into that run's summary.json from tshark 4.0's
 * dissection — stream numbering, kinds, handshakes, option counts, payload/retransmission bytes
 * (tshark's retransmission rules), ack RTTs, series, gaps, connections with keys and tokens.
 *
 * The MPTCP part (connections, subflow kinds / keys / joins / option counts / MP_PRIO, handshakes,
 * signals, option totals) is also compared on its own, with a count of the values compared.
 * Every run folder and every pcapng in it is read: the merged capture kernel-ref analysed, and the
 * per-interface captures it was merged from (they must hold exactly its frames).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCaptures, type CaptureAnalysis } from '../../../src/core/export/capture-analysis';
import { appSummary, runChecks } from '../../../src/core/export/summary';
import { intToIpv4, type Packet } from '../../../src/core/net/packet';
import type { Scenario } from '../../../src/core/scenario/types';
import type { AppResult, CaptureRecord, Side } from '../../../src/core/sim/trace';
import { parseIpv4Tcp } from '../../../src/core/wire/ipv4-tcp';
import { asMptcpOptions, installMptcpWire } from '../../../src/core/wire/mptcp';
import { registerMptcpWire } from '../../../src/core/wire/tcp-options';
import { KERNEL_REF } from '../../helpers/paths';

const RESULTS = join(KERNEL_REF, 'results');
const RUNS = existsSync(RESULTS)
  ? readdirSync(RESULTS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(RESULTS, d.name, 'summary.json')))
      .map((d) => d.name)
      .sort()
  : [];

beforeAll(() => installMptcpWire());
afterAll(() => registerMptcpWire(null));

interface Frame {
  tsNs: bigint;
  iface: string;
  linkType: number;
  data: Uint8Array;
}

/** The Enhanced Packet Blocks of a pcapng file with their interface name, link type and time in ns. */
function readPcapng(file: string): Frame[] {
  const buf = readFileSync(file);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let le = true;
  const ifaces: { name: string; linkType: number; tsresol: bigint }[] = [];
  const frames: Frame[] = [];
  let off = 0;
  while (off + 12 <= buf.length) {
    let type = dv.getUint32(off, le);
    if (type === 0x0a0d0d0a) {
      le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      type = 0x0a0d0d0a;
      ifaces.length = 0;
    }
    const len = dv.getUint32(off + 4, le);
    if (type === 1) {
      let o = off + 16;
      let name = '';
      let tsresol = 1_000_000n;
      while (o + 4 <= off + len - 4) {
        const code = dv.getUint16(o, le);
        const olen = dv.getUint16(o + 2, le);
        if (code === 0) break;
        if (code === 2) name = buf.subarray(o + 4, o + 4 + olen).toString('utf8').replace(/\0+$/, '');
        if (code === 9) {
          const v = buf[o + 4];
          tsresol = v & 0x80 ? 2n ** BigInt(v & 0x7f) : 10n ** BigInt(v);
        }
        o += 4 + ((olen + 3) & ~3);
      }
      ifaces.push({ name, linkType: dv.getUint16(off + 8, le), tsresol });
    } else if (type === 6) {
      const ifc = ifaces[dv.getUint32(off + 8, le)];
      const ts = (BigInt(dv.getUint32(off + 12, le)) << 32n) | BigInt(dv.getUint32(off + 16, le));
      const cap = dv.getUint32(off + 20, le);
      frames.push({ tsNs: (ts * 1_000_000_000n) / ifc.tsresol, iface: ifc.name, linkType: ifc.linkType, data: buf.subarray(off + 28, off + 28 + cap) });
    }
    off += len;
  }
  return frames;
}

/** The frame parsed by the wire layer (MPTCP codec installed); throws on a frame it rejects. */
function toPacket(f: Frame, id: number): Packet {
  const r = parseIpv4Tcp(f.data, f.linkType);
  if (!r.ok) throw new Error(`frame ${id} on ${f.iface}: ${r.error.code} ${r.error.message}`);
  return { ...r.value.packet, id };
}

interface KrSummary {
  t0_epoch: number;
  scenario: Scenario;
  app: Record<string, unknown> & { client: AppResult; server: AppResult };
  client_view?: Record<string, unknown>;
  checks: unknown[];
  [k: string]: unknown;
}

function loadRun(name: string): { summary: KrSummary; captures: CaptureRecord[] } {
  const dir = join(RESULTS, name);
  const raw = readFileSync(join(dir, 'summary.json'), 'utf8');
  const summary = JSON.parse(raw) as KrSummary;
  // t0 exactly as written (the JSON's shortest decimal of Python's float), in ns.
  const t0Text = /"t0_epoch":\s*([0-9.]+)/.exec(raw)![1];
  const [ip, fp = ''] = t0Text.split('.');
  const t0Ns = BigInt(ip) * 1_000_000_000n + BigInt((fp + '000000000').slice(0, 9));
  const sc = summary.scenario;
  const clientAddrs = new Set(sc.paths.flatMap((p) => [p.client_addr, ...p.client_extra_addrs]));
  const captures: CaptureRecord[] = [];
  let id = 0;
  for (const side of ['server', 'client'] as Side[]) {
    const file = join(dir, `merged-${side}.pcapng`);
    if (!existsSync(file)) continue;
    for (const f of readPcapng(file)) {
      const pkt = toPacket(f, ++id);
      const path = sc.paths.find((p) => p.server_if === f.iface || p.client_if === f.iface)!.id;
      captures.push({ t: Number(f.tsNs - t0Ns), pkt, path, side, dir: clientAddrs.has(intToIpv4(pkt.src)) ? 'c2s' : 's2c' });
    }
  }
  return { summary, captures };
}

const ANALYSIS_KEYS = [
  'view',
  'data_direction',
  'bin_s',
  'paths',
  'connections',
  'subflows',
  'option_counts_total',
  'handshakes',
  'mptcp_signals',
  'data_gaps_top',
  'total_series_bytes',
  'packets_analysed',
] as const;

/** Paths where `actual` differs from `expected`; times may differ by 1 µs (kernel-ref subtracted epoch floats). */
function diff(actual: unknown, expected: unknown, path: string, out: string[]): void {
  if (out.length > 20) return;
  if (typeof expected === 'number' && typeof actual === 'number') {
    const isTime = /(_t|\.t|start_t|end_t|gap_s)$/.test(path) || /_t\.(c2s|s2c)$/.test(path);
    if (actual === expected || (isTime && Math.abs(actual - expected) <= 1.000001e-6)) return;
    out.push(`${path}: ${actual} != ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: length ${Array.isArray(actual) ? actual.length : typeof actual} != ${expected.length}`);
      return;
    }
    expected.forEach((e, i) => diff(actual[i], e, `${path}[${i}]`, out));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      out.push(`${path}: ${JSON.stringify(actual)} != object`);
      return;
    }
    const ak = Object.keys(actual as object);
    const ek = Object.keys(expected as object);
    if (ak.join() !== ek.join()) out.push(`${path}: keys [${ak}] != [${ek}]`);
    for (const k of ek) diff((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
}

/** The MPTCP part of one analysis, as kernel-ref's summary names it. */
function mptcpPart(a: Pick<CaptureAnalysis, 'connections' | 'subflows' | 'handshakes' | 'mptcp_signals' | 'option_counts_total'>): Record<string, unknown> {
  return {
    connections: a.connections,
    subflows: a.subflows.map((sf) => ({
      stream: sf.stream,
      kind: sf.kind,
      mptcp_negotiated: sf.mptcp_negotiated,
      tshark_mptcp_stream: sf.tshark_mptcp_stream,
      join: sf.join,
      keys: sf.keys,
      option_counts: sf.option_counts,
      data_fin_t: sf.data_fin_t,
      mp_prio: sf.mp_prio,
      connection: sf.connection,
    })),
    handshakes: a.handshakes,
    mptcp_signals: a.mptcp_signals,
    option_counts_total: a.option_counts_total,
  };
}

/** Leaf values (strings, numbers, booleans, nulls) under `v`. */
function leaves(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + leaves(x), 0);
  if (v !== null && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + leaves(x), 0);
  return 1;
}

/** The views kernel-ref analysed in a run: the primary one, and the client's when it captured both sides. */
function views(summary: KrSummary): { side: Side; expected: Record<string, unknown>; prefix: string }[] {
  const out = [{ side: (summary.scenario.capture.side === 'client' ? 'client' : 'server') as Side, expected: summary as Record<string, unknown>, prefix: '' }];
  if (summary.client_view !== undefined) out.push({ side: 'client', expected: summary.client_view, prefix: 'client_view.' });
  return out;
}

const frameKey = (f: Frame): string => `${f.iface} ${f.tsNs} ${Buffer.from(f.data).toString('base64')}`;

describe('capture analysis reproduces kernel-ref on its own captures', () => {
  it('finds the kernel-ref result folders beside the repository', () => {
    expect(existsSync(RESULTS)).toBe(true);
    expect(RUNS.length).toBeGreaterThan(0);
  });

  describe.each(RUNS)('%s', (name) => {
    const dir = join(RESULTS, name);
    const loaded = (() => {
      let cache: ReturnType<typeof loadRun> | null = null;
      return () => (cache ??= loadRun(name));
    })();

    it('reads the merged captures with the MPTCP codec: every MPTCP option decodes into a known record', () => {
      const { captures } = loaded();
      let options = 0;
      for (const c of captures) {
        for (const o of asMptcpOptions(c.pkt.mptcp ?? [])) {
          expect(o.kind, `packet ${c.pkt.id}`).not.toBe('UNKNOWN');
          expect(o.kind, `packet ${c.pkt.id}`).toBeDefined();
          options++;
        }
      }
      expect(options).toBeGreaterThan(0);
    });

    it('each per-interface capture holds exactly the merged capture\'s frames on that interface', () => {
      const files = readdirSync(dir).filter((f) => f.endsWith('.pcapng'));
      for (const side of ['server', 'client']) {
        const merged = `merged-${side}.pcapng`;
        if (!files.includes(merged)) continue;
        const want = readPcapng(join(dir, merged)).map(frameKey).sort();
        const parts = files.filter((f) => f !== merged && !f.startsWith('merged-') && f.includes(side === 'server' ? '-srv-' : '-cli-'));
        expect(parts.length).toBeGreaterThan(0);
        const got: string[] = [];
        for (const f of parts) {
          readPcapng(join(dir, f)).forEach((fr, i) => {
            toPacket(fr, i + 1);
            got.push(frameKey(fr));
          });
        }
        expect(got.sort()).toEqual(want);
      }
    });

    it('MPTCP fields (connections, subflow kinds/keys/joins/option counts/MP_PRIO, handshakes, signals, option totals) equal summary.json', () => {
      const { summary, captures } = loaded();
      const problems: string[] = [];
      let compared = 0;
      for (const v of views(summary)) {
        const want = mptcpPart(v.expected as unknown as CaptureAnalysis);
        diff(mptcpPart(analyzeCaptures(summary.scenario, captures, v.side)), want, `${v.prefix}mptcp`, problems);
        compared += leaves(want);
      }
      expect(problems).toEqual([]);
      expect(compared).toBeGreaterThan(50);
      MPTCP_COMPARED.set(name, compared);
    });

    it('every analysis field equals summary.json', () => {
      const { summary, captures } = loaded();
      const problems: string[] = [];
      for (const v of views(summary)) {
        const a = analyzeCaptures(summary.scenario, captures, v.side);
        for (const k of ANALYSIS_KEYS) diff(a[k], v.expected[k], `${v.prefix}${k}`, problems);
      }
      expect(problems).toEqual([]);
    });

    it('app summary and checks equal summary.json', () => {
      const { summary } = loaded();
      const sc = summary.scenario;
      const app = appSummary(sc, summary.app.client, summary.app.server);
      const problems: string[] = [];
      for (const k of ['bytes_sent', 'bytes_received', 'stream_equal', 'mptcp_used', 'socket_fallback', 'duration_s', 'handshake_s', 'data_duration_s', 'goodput_mbit']) {
        diff((app as unknown as Record<string, unknown>)[k], summary.app[k], `app.${k}`, problems);
      }
      expect(problems).toEqual([]);
      expect(runChecks(sc, summary as never)).toEqual(summary.checks);
    });
  });
});

/** MPTCP values compared per run, printed once at the end (the report's numbers). */
const MPTCP_COMPARED = new Map<string, number>();
afterAll(() => {
  if (MPTCP_COMPARED.size > 0) console.info(`MPTCP values compared with summary.json: ${[...MPTCP_COMPARED].map(([r, n]) => `${r} ${n}`).join(', ')}`);
});
