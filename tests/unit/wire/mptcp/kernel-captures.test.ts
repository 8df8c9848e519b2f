/**
 * The real Linux 6.18 packets of the kernel-ref runs (../shared/kernel-ref/results/*\/merged-*.pcapng):
 * with the MPTCP codec installed, every TCP packet parses, its options re-emit byte for byte (so
 * the NOP padding is Linux's), every MPTCP option passes the context checks of the segment it rode
 * on, and the decoded fields equal what tshark's MPTCP dissector wrote into summary.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Packet } from '../../../../src/core/net/packet';
import { parseIpv4Tcp } from '../../../../src/core/wire/ipv4-tcp';
import { ipv4Offset } from '../../../../src/core/wire/link';
import { emitTcpOptions, registerMptcpWire, tcpOptionsLength } from '../../../../src/core/wire/tcp-options';
import { asMptcpOptions, installMptcpWire, parseMptcpOption, type MptcpOption } from '../../../../src/core/wire/mptcp';
import { KERNEL_REF } from '../../../helpers/paths';
import { readPcapngFrames, toHex, type CapturedFrame } from './helpers';

const RESULTS = join(KERNEL_REF, 'results');
const RUNS = readdirSync(RESULTS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

beforeAll(() => installMptcpWire());
afterAll(() => registerMptcpWire(null));

type Decoded = { frame: CapturedFrame; packet: Packet; area: Uint8Array };

function optionArea(f: CapturedFrame): Uint8Array {
  const at = ipv4Offset(f.data, f.linkType);
  if (!at.ok) throw new Error(at.error.message);
  const tcpOff = at.value + (f.data[at.value] & 0xf) * 4;
  return f.data.subarray(tcpOff + 20, tcpOff + (f.data[tcpOff + 12] >> 4) * 4);
}

function decodeCapture(path: string): Decoded[] {
  const out: Decoded[] = [];
  for (const f of readPcapngFrames(path)) {
    const r = parseIpv4Tcp(f.data, f.linkType);
    if (!r.ok) throw new Error(`frame ${f.frame} of ${path}: ${r.error.code} ${r.error.message}`);
    out.push({ frame: f, packet: r.value.packet, area: optionArea(f) });
  }
  return out;
}

const hex64 = (v: bigint): string => '0x' + v.toString(16).padStart(16, '0');
const hex32 = (v: number): string => '0x' + v.toString(16).padStart(8, '0');
const bit = (b: boolean): string => (b ? '1' : '0');

/** The tshark-named fields (kernel-ref's summary names and formats) of one packet's options. */
function tsharkFields(opts: readonly MptcpOption[]): Record<string, string> {
  const row: Record<string, string[]> = {};
  const put = (k: string, v: string): void => {
    (row[k] ??= []).push(v);
  };
  for (const o of opts) {
    switch (o.kind) {
      case 'MP_CAPABLE':
        put('version', String(o.version));
        put('checksum_required', bit(o.flags.a));
        put('hmac_sha256', bit(o.flags.h));
        if (o.senderKey !== undefined) put('sender_key', hex64(o.senderKey));
        if (o.receiverKey !== undefined) put('receiver_key', hex64(o.receiverKey));
        if (o.dataLevelLength !== undefined) put('data_level_length', String(o.dataLevelLength));
        break;
      case 'MP_JOIN':
        if (o.form === 'ack') put('sender_hmac', toHex(o.senderHmac));
        else {
          put('addr_id', String(o.addressId));
          put('backup', bit(o.backup));
          put('sender_nonce', hex32(o.senderNonce));
          if (o.form === 'syn') put('receiver_token', hex32(o.receiverToken));
          else put('sender_truncated_hmac', hex64(o.senderTruncatedHmac));
        }
        break;
      case 'DSS':
        if (o.dataAck !== undefined) put('data_ack', o.dataAck.toString());
        if (o.mapping !== undefined) {
          put('dsn', o.mapping.dsn.toString());
          put('data_level_length', String(o.mapping.dataLevelLength));
        }
        break;
      case 'ADD_ADDR':
        put('addr_id', String(o.addressId));
        put('ipv4', o.address);
        put('echo', bit(o.echo));
        if (o.truncatedHmac !== undefined) put('truncated_hmac', hex64(o.truncatedHmac));
        break;
      case 'MP_PRIO':
        put('backup', bit(o.backup));
        break;
      default:
        break;
    }
  }
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) flat[k] = v.join(',');
  return flat;
}

/** Compares the fields both sides have; returns how many were compared. */
function compareFields(got: Record<string, string>, want: Record<string, unknown>, where: string): number {
  let n = 0;
  for (const [k, v] of Object.entries(want)) {
    if (!(k in got)) continue;
    expect(`${where} ${k}=${got[k]}`).toBe(`${where} ${k}=${String(v)}`);
    n++;
  }
  return n;
}

describe.each(RUNS)('kernel-ref run %s', (run) => {
  const dir = join(RESULTS, run);
  const files = readdirSync(dir)
    .filter((f) => /^merged-.*\.pcapng$/.test(f))
    .sort();

  it('has merged captures to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: every TCP option area re-emits byte for byte, MPTCP options valid in context', (file) => {
    const decoded = decodeCapture(join(dir, file));
    expect(decoded.length).toBeGreaterThan(0);
    let withMptcp = 0;
    const kinds = new Set<string>();
    for (const d of decoded) {
      const p = d.packet;
      const out = new Uint8Array(tcpOptionsLength(p));
      emitTcpOptions(p, out, 0);
      expect(`frame ${d.frame.frame}: ${toHex(out)}`).toBe(`frame ${d.frame.frame}: ${toHex(d.area)}`);
      if (p.mptcp === null) continue;
      withMptcp++;
      // Walk the area again and parse each kind-30 option with the segment as context.
      const a = d.area;
      for (let i = 0; i < a.length; ) {
        if (a[i] === 1) {
          i++;
          continue;
        }
        if (a[i] === 0) break;
        if (a[i] === 30) {
          const r = parseMptcpOption(a, i, a[i + 1], { tcpFlags: p.flags, payloadLen: p.payloadLen });
          expect(r.ok ? 'ok' : `frame ${d.frame.frame}: ${r.error.code} ${r.error.message}`).toBe('ok');
          if (r.ok) kinds.add(r.value.kind);
        }
        i += a[i + 1];
      }
    }
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { connections: { fallback: boolean }[] };
    const mptcpRun = summary.connections.some((c) => !c.fallback);
    if (mptcpRun) {
      expect(withMptcp).toBeGreaterThan(100);
      for (const k of ['MP_CAPABLE', 'MP_JOIN', 'DSS']) expect(kinds).toContain(k);
    } else {
      // The fallback run: only the client's MP_CAPABLE SYN carries MPTCP.
      expect([...kinds]).toEqual(['MP_CAPABLE']);
    }
  });

  it("decoded MPTCP fields equal tshark's in summary.json (handshakes and signals)", () => {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      view: string;
      connections: { fallback: boolean }[];
      handshakes: { packets: { frame: number; mptcp?: Record<string, string> }[] }[];
      mptcp_signals: ({ frame: number } & Record<string, unknown>)[];
    };
    const decoded = decodeCapture(join(dir, `merged-${summary.view}.pcapng`));
    let compared = 0;
    const check = (frame: number, want: Record<string, unknown>): void => {
      const d = decoded[frame - 1];
      expect(d.frame.frame).toBe(frame);
      const got = tsharkFields(asMptcpOptions(d.packet.mptcp ?? []));
      compared += compareFields(got, want, `frame ${frame}`);
    };
    for (const hs of summary.handshakes) for (const pk of hs.packets) if (pk.mptcp !== undefined) check(pk.frame, pk.mptcp);
    for (const s of summary.mptcp_signals) check(s.frame, s);
    // A fallback run has one MPTCP packet (the SYN: version and two flags); MPTCP runs 20 or more.
    expect(compared).toBeGreaterThanOrEqual(summary.connections.some((c) => !c.fallback) ? 20 : 3);
  });
});

describe('what the captures show about option sizes', () => {
  it('full-size MPTCP data segments carry 1424 bytes behind 12 bytes of timestamps and a 24-byte DSS', () => {
    const decoded = decodeCapture(join(RESULTS, 'a_aggregation', 'merged-server.pcapng'));
    const data = decoded.filter((d) => d.packet.payloadLen === 1424 && d.packet.mptcp !== null);
    expect(data.length).toBeGreaterThan(1000);
    for (const d of data.slice(0, 200)) {
      expect(d.area.length).toBe(36);
      const opts = asMptcpOptions(d.packet.mptcp ?? []);
      expect(opts.length).toBe(1);
    }
    expect(decoded.some((d) => d.packet.payloadLen > 1424 && d.packet.mptcp !== null)).toBe(false);
  });
});
