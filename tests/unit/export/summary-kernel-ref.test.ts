/**
 * The capture analysis reproduces kernel-ref's own: each real-kernel run in
 * ../shared/kernel-ref/results is read back from its pcapng (the packets tshark dissected), turned
 * into CaptureRecords, and analysed by analyzeCaptures(); the result must equal what kernel-ref
 * wrote into that run's summary.json from tshark 4.0's dissection — stream numbering, kinds,
 * handshakes, option counts, payload/retransmission bytes (tshark's retransmission rules), ack RTTs,
 * series, gaps, connections with keys and tokens.
 *
 * The reader below is test scaffolding: a minimal pcapng (SHB/IDB/EPB, Ethernet, IPv4, TCP options,
 * MPTCP options) parser that builds the MPTCP option records with the field names
 * src/core/export/mptcp-fields.ts documents.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCaptures } from '../../../src/core/export/capture-analysis';
import { appSummary, runChecks } from '../../../src/core/export/summary';
import { blankPacket, type MptcpOptionRecord, type Packet } from '../../../src/core/net/packet';
import type { Scenario } from '../../../src/core/scenario/types';
import type { AppResult, CaptureRecord, Side } from '../../../src/core/sim/trace';

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/kernel-ref/results');

interface Frame {
  tsNs: bigint;
  iface: string;
  data: Uint8Array;
}

function readPcapng(file: string): Frame[] {
  const buf = readFileSync(file);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let le = true;
  const ifaces: { name: string; tsresol: bigint }[] = [];
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
      ifaces.push({ name, tsresol });
    } else if (type === 6) {
      const ifId = dv.getUint32(off + 8, le);
      const ts = (BigInt(dv.getUint32(off + 12, le)) << 32n) | BigInt(dv.getUint32(off + 16, le));
      const cap = dv.getUint32(off + 20, le);
      const res = ifaces[ifId].tsresol;
      frames.push({ tsNs: (ts * 1_000_000_000n) / res, iface: ifaces[ifId].name, data: buf.subarray(off + 28, off + 28 + cap) });
    }
    off += len;
  }
  return frames;
}

const be16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
const be32 = (b: Uint8Array, o: number): number => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
function beN(b: Uint8Array, o: number, n: number): bigint {
  let v = 0n;
  for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(b[o + i]);
  return v;
}

function parseMptcp(b: Uint8Array, o: number, len: number, flags: number): MptcpOptionRecord {
  const subtype = b[o + 2] >> 4;
  const r: Record<string, unknown> = { subtype };
  switch (subtype) {
    case 0:
      r.version = b[o + 2] & 0x0f;
      r.flags = b[o + 3];
      if (len >= 12) r.senderKey = beN(b, o + 4, 8);
      if (len >= 20) r.receiverKey = beN(b, o + 12, 8);
      if (len >= 22) r.dataLevelLength = be16(b, o + 20);
      break;
    case 1:
      r.backup = (b[o + 2] & 1) === 1;
      if (flags & 0x02 && !(flags & 0x10)) {
        r.addressId = b[o + 3];
        r.receiverToken = be32(b, o + 4);
        r.senderNonce = be32(b, o + 8);
      } else if (flags & 0x02) {
        r.addressId = b[o + 3];
        r.senderTruncatedHmac = beN(b, o + 4, 8);
        r.senderNonce = be32(b, o + 12);
      } else {
        r.senderHmac = b.slice(o + 4, o + 24);
      }
      break;
    case 2: {
      const f = b[o + 3];
      r.flags = f;
      let q = o + 4;
      if (f & 0x01) {
        const n = f & 0x02 ? 8 : 4;
        r.dataAck = beN(b, q, n);
        q += n;
      }
      if (f & 0x04) {
        const n = f & 0x08 ? 8 : 4;
        r.dataSeq = beN(b, q, n);
        q += n;
        r.subflowSeq = be32(b, q);
        r.dataLevelLength = be16(b, q + 4);
      }
      r.dataFin = (f & 0x10) !== 0;
      break;
    }
    case 3:
      r.echo = (b[o + 2] & 1) === 1;
      r.addressId = b[o + 3];
      r.addr = `${b[o + 4]}.${b[o + 5]}.${b[o + 6]}.${b[o + 7]}`;
      if (len === 10 || len === 18) r.port = be16(b, o + 8);
      if (len === 16) r.truncatedHmac = beN(b, o + 8, 8);
      if (len === 18) r.truncatedHmac = beN(b, o + 10, 8);
      break;
    case 4:
      r.addressIds = Array.from(b.subarray(o + 3, o + len));
      break;
    case 5:
      r.backup = (b[o + 2] & 1) === 1;
      if (len >= 4) r.addressId = b[o + 3];
      break;
    case 7:
      r.receiverKey = beN(b, o + 4, 8);
      break;
    case 8:
      r.reason = b[o + 3];
      break;
  }
  return r as MptcpOptionRecord;
}

function toPacket(data: Uint8Array, id: number): Packet | null {
  if (be16(data, 12) !== 0x0800) return null;
  const ip = 14;
  const ihl = (data[ip] & 0x0f) * 4;
  if (data[ip + 9] !== 6) return null;
  const total = be16(data, ip + 2);
  const tcp = ip + ihl;
  const doff = (data[tcp + 12] >> 4) * 4;
  const p = blankPacket();
  p.id = id;
  p.ipId = be16(data, ip + 4);
  p.ttl = data[ip + 8];
  p.src = be32(data, ip + 12);
  p.dst = be32(data, ip + 16);
  p.sport = be16(data, tcp);
  p.dport = be16(data, tcp + 2);
  p.seq = be32(data, tcp + 4);
  p.ack = be32(data, tcp + 8);
  p.flags = data[tcp + 13];
  p.win = be16(data, tcp + 14);
  p.payloadLen = total - ihl - doff;
  let o = tcp + 20;
  while (o < tcp + doff) {
    const kind = data[o];
    if (kind === 0) break;
    if (kind === 1) {
      o++;
      continue;
    }
    const len = data[o + 1];
    if (kind === 2) p.mss = be16(data, o + 2);
    else if (kind === 3) p.wscale = data[o + 2];
    else if (kind === 4) p.sackOk = true;
    else if (kind === 8) {
      p.hasTs = true;
      p.tsVal = be32(data, o + 2);
      p.tsEcr = be32(data, o + 6);
    } else if (kind === 30) (p.mptcp ??= []).push(parseMptcp(data, o, len, p.flags));
    o += len;
  }
  return p;
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
      const pkt = toPacket(f.data, ++id);
      if (pkt === null) continue;
      const path = sc.paths.find((p) => p.server_if === f.iface || p.client_if === f.iface)!.id;
      const src = `${pkt.src >>> 24}.${(pkt.src >>> 16) & 255}.${(pkt.src >>> 8) & 255}.${pkt.src & 255}`;
      captures.push({ t: Number(f.tsNs - t0Ns), pkt, path, side, dir: clientAddrs.has(src) ? 'c2s' : 's2c' });
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

const RUNS = ['a_aggregation', 'b_handover', 'c_backup', 'd_signal', 'e_fallback_server_tcp', 'f_prio_blackhole_download'];

describe('capture analysis reproduces kernel-ref on its own captures', () => {
  it('finds the kernel-ref result folders beside the repository', () => {
    expect(existsSync(RESULTS)).toBe(true);
  });

  for (const name of RUNS) {
    it(`${name}: every analysis field equals summary.json`, () => {
      const { summary, captures } = loadRun(name);
      const sc = summary.scenario;
      const primary = analyzeCaptures(sc, captures, sc.capture.side === 'client' ? 'client' : 'server');
      const problems: string[] = [];
      for (const k of ANALYSIS_KEYS) diff(primary[k], summary[k], k, problems);
      if (summary.client_view !== undefined) {
        const cv = analyzeCaptures(sc, captures, 'client');
        for (const k of ANALYSIS_KEYS) diff(cv[k], summary.client_view[k], `client_view.${k}`, problems);
      }
      expect(problems).toEqual([]);
    });

    it(`${name}: app summary and checks equal summary.json`, () => {
      const { summary } = loadRun(name);
      const sc = summary.scenario;
      const app = appSummary(sc, summary.app.client, summary.app.server);
      const problems: string[] = [];
      for (const k of ['bytes_sent', 'bytes_received', 'stream_equal', 'mptcp_used', 'socket_fallback', 'duration_s', 'handshake_s', 'data_duration_s', 'goodput_mbit']) {
        diff((app as unknown as Record<string, unknown>)[k], summary.app[k], `app.${k}`, problems);
      }
      expect(problems).toEqual([]);
      expect(runChecks(sc, summary as never)).toEqual(summary.checks);
    });
  }
});
