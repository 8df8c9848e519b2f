/**
 * mptcp-fields.ts against tshark 4.0 itself: packets carrying every MPTCP option form the codec
 * knows are written to a pcapng (with the codec installed, so the bytes are the wire codec's), read
 * back by tshark with kernel-ref's field list (TSHARK_FIELDS), and each packet's tshark values must
 * equal `tsharkRow()` of its option records — field for field, including the ones kernel-ref's
 * captures never exercise (REMOVE_ADDR, MP_FAIL, MP_FASTCLOSE, MP_TCPRST, ports, checksums, 32-bit
 * sequence numbers). tshark is a required test dependency, as in pcapng-tshark.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subtypeName, tsharkRow, type TsharkField } from '../../../src/core/export/mptcp-fields';
import { capturesToPcapng } from '../../../src/core/export/pcapng';
import { ACK, ipv4ToInt, RST, SYN, type Packet } from '../../../src/core/net/packet';
import type { CaptureRecord } from '../../../src/core/sim/trace';
import { installMptcpWire, type MptcpOption } from '../../../src/core/wire/mptcp';
import { registerMptcpWire } from '../../../src/core/wire/tcp-options';
import { pkt } from '../wire/packets';
import { addAddr, dss, joinAck, joinSyn, joinSynAck, mpCapable } from './mptcp-records';

/** kernel-ref's TSHARK_FIELDS for MPTCP options: short name → tshark field. */
const FIELDS: Record<TsharkField | 'sub', string> = {
  sub: 'tcp.options.mptcp.subtype',
  ver: 'tcp.options.mptcp.version',
  mflags: 'tcp.options.mptcp.flags',
  sendkey: 'tcp.options.mptcp.sendkey',
  recvkey: 'tcp.options.mptcp.recvkey',
  recvtok: 'tcp.options.mptcp.recvtok',
  sendrand: 'tcp.options.mptcp.sendrand',
  sendtrunchmac: 'tcp.options.mptcp.sendtrunchmac',
  sendhmac: 'tcp.options.mptcp.sendhmac',
  addrid: 'tcp.options.mptcp.addrid',
  backup: 'tcp.options.mptcp.backup.flag',
  echo: 'tcp.options.mptcp.echo',
  ipv4: 'tcp.options.mptcp.ipv4',
  port: 'tcp.options.mptcp.port',
  addaddrhmac: 'tcp.options.mptcp.addaddrtrunchmac',
  rm_count: 'mptcp.rm_addr.count',
  dsn: 'tcp.options.mptcp.rawdataseqno',
  dack: 'tcp.options.mptcp.rawdataack',
  dll: 'tcp.options.mptcp.datalvllen',
  dfin: 'tcp.options.mptcp.datafin.flag',
  csumreq: 'tcp.options.mptcp.checksumreq.flags',
  sha256: 'tcp.options.mptcp.sha256.flag',
  rst_reason: 'tcp.options.mptcp.rst_reason',
  exp_token: 'mptcp.expected_token',
  exp_idsn: 'mptcp.expected_idsn',
};
const NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

const CLI = ipv4ToInt('10.0.1.1');
const SRV = ipv4ToInt('10.0.1.2');
const CLI2 = ipv4ToInt('10.0.2.1');
const KEY_C = 0x03481ca4196e666en;
const KEY_S = 0x94222d0bd6be3a13n;

type Seg = [label: string, dir: 'c2s' | 's2c', fields: Partial<Packet>, opts: MptcpOption[]];

/** A connection and a join, then one packet per remaining option form. */
function segments(): Seg[] {
  const ack = (label: string, dir: 'c2s' | 's2c', opts: MptcpOption[], extra: Partial<Packet> = {}): Seg => [label, dir, { flags: ACK, ...extra }, opts];
  return [
    ['MP_CAPABLE SYN', 'c2s', { flags: SYN, mss: 1460 }, [mpCapable()]],
    ['MP_CAPABLE SYN/ACK', 's2c', { flags: SYN | ACK, mss: 1460 }, [mpCapable({ senderKey: KEY_S })]],
    ack('MP_CAPABLE third ACK', 'c2s', [mpCapable({ senderKey: KEY_C, receiverKey: KEY_S })]),
    ack('MP_CAPABLE with data', 'c2s', [mpCapable({ senderKey: KEY_C, receiverKey: KEY_S, dataLevelLength: 100 })], { payloadLen: 100, stream: 0 }),
    ack('MP_CAPABLE with data and checksum, flag A', 'c2s', [mpCapable({ flags: { a: true, b: false, c: true, h: true }, senderKey: KEY_C, receiverKey: KEY_S, dataLevelLength: 100, checksum: 0xbeef })], { payloadLen: 100, stream: 0 }),
    ack('DSS 64-bit Data ACK', 's2c', [dss({ dataAck: 0xe5bba1675730b036n, ack64: true })]),
    ack('DSS 32-bit Data ACK of a 64-bit value', 's2c', [dss({ dataAck: 0xe5bba1675730b036n })]),
    ack('DSS mapping, 64-bit DSN', 'c2s', [dss({ dataAck: 5n, mapping: { dsn: 0x0261a5d4_9c7ab557n, dsn64: true, subflowSeq: 1, dataLevelLength: 1424 } })], { payloadLen: 1424, stream: 0 }),
    ack('DSS mapping, 32-bit DSN and checksum', 'c2s', [dss({ mapping: { dsn: 0x1_0000_0007n, dsn64: false, subflowSeq: 101, dataLevelLength: 10, checksum: 0x1234 } })], { payloadLen: 10, stream: 0 }),
    ack('DSS DATA_FIN', 'c2s', [dss({ dataFin: true, dataAck: 9n, ack64: true, mapping: { dsn: 1000n, dsn64: true, subflowSeq: 0, dataLevelLength: 1 } })]),
    ack('ADD_ADDR with HMAC', 's2c', [addAddr({ addressId: 1, address: '10.0.2.2', truncatedHmac: 0xdfca348cf89675a6n })]),
    ack('ADD_ADDR with port and HMAC', 's2c', [addAddr({ addressId: 2, address: '10.0.3.2', port: 5202, truncatedHmac: 7n })]),
    ack('ADD_ADDR echo', 'c2s', [addAddr({ echo: true, addressId: 1, address: '10.0.2.2' })]),
    ack('ADD_ADDR echo with port', 'c2s', [addAddr({ echo: true, addressId: 2, address: '10.0.3.2', port: 5202 })]),
    ack('ADD_ADDR IPv6', 's2c', [addAddr({ ipVersion: 6, addressId: 3, address: '2001:db8::2', truncatedHmac: 9n })]),
    ack('REMOVE_ADDR one id', 's2c', [{ subtype: 4, kind: 'REMOVE_ADDR', addressIds: [1] }]),
    ack('REMOVE_ADDR three ids', 's2c', [{ subtype: 4, kind: 'REMOVE_ADDR', addressIds: [1, 7, 200] }]),
    ack('MP_PRIO backup', 'c2s', [{ subtype: 5, kind: 'MP_PRIO', backup: true }]),
    ack('DSS then MP_PRIO non-backup', 'c2s', [dss({ dataAck: 5n, ack64: true }), { subtype: 5, kind: 'MP_PRIO', backup: false }]),
    ack('DSS then MP_FAIL', 'c2s', [dss({ dataAck: 5n }), { subtype: 6, kind: 'MP_FAIL', dsn: 0xfedcba9876543210n }]),
    ack('MP_FASTCLOSE', 'c2s', [{ subtype: 7, kind: 'MP_FASTCLOSE', receiverKey: KEY_S }]),
    ['MP_TCPRST', 'c2s', { flags: RST | ACK }, [{ subtype: 8, kind: 'MP_TCPRST', transient: false, reason: 0 }]],
    ['MP_TCPRST transient, reason 5, U V W set', 'c2s', { flags: RST | ACK }, [{ subtype: 8, kind: 'MP_TCPRST', transient: true, flags: 0x0e, reason: 5 }]],
    ['MP_JOIN SYN, backup', 'c2s', { flags: SYN, mss: 1460, src: CLI2, sport: 41000 }, [joinSyn({ backup: true, addressId: 1, receiverToken: 0xb32b37db, senderNonce: 0x426d31be })]],
    ['MP_JOIN SYN/ACK', 's2c', { flags: SYN | ACK, mss: 1460, dst: CLI2, dport: 41000 }, [joinSynAck({ addressId: 0, senderTruncatedHmac: 0x0a9a3b35035e815fn, senderNonce: 0x2bbe155d })]],
    ['MP_JOIN ACK', 'c2s', { flags: ACK, src: CLI2, sport: 41000 }, [joinAck(Uint8Array.from({ length: 20 }, (_, i) => i * 13))]],
  ];
}

function captures(): CaptureRecord[] {
  return segments().map(([, dir, f, opts], i) => {
    const base = dir === 'c2s' ? { src: CLI, dst: SRV, sport: 40000, dport: 5201 } : { src: SRV, dst: CLI, sport: 5201, dport: 40000 };
    const p = pkt({ ...base, seq: 1000 + i, ack: 2000, win: 500, ...f, id: i + 1, mptcp: opts });
    return { t: 1_000_000 * (i + 1), pkt: p, path: 1, side: 'server', dir };
  });
}

/** tshark run as kernel-ref's `tshark_fields()` runs it (same preferences, same aggregation). */
function tshark(file: string): Record<string, string>[] {
  const args = [
    '-r', file, '-n',
    '-o', 'tcp.analyze_sequence_numbers:TRUE', '-o', 'tcp.relative_sequence_numbers:TRUE',
    '-o', 'mptcp.analyze_mptcp:TRUE', '-o', 'mptcp.relative_sequence_numbers:FALSE',
    '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,', '-E', 'quote=n',
    ...NAMES.flatMap((n) => ['-e', FIELDS[n]]),
  ]; // prettier-ignore
  const r = spawnSync('tshark', args, { encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw new Error(`tshark could not run (this test needs it, as CI has it: apt-get install tshark): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`tshark exited ${r.status}: ${r.stderr}`);
  return r.stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const cols = line.split('\t');
      return Object.fromEntries(NAMES.map((n, i) => [n, cols[i] ?? '']));
    });
}

const dir = mkdtempSync(join(tmpdir(), 'mptcp-fields-tshark-'));
beforeAll(() => installMptcpWire());
afterAll(() => {
  registerMptcpWire(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('tsharkRow prints what tshark 4.0 prints for each MPTCP option', () => {
  const segs = segments();
  let rows: Record<string, string>[] = [];
  beforeAll(() => {
    const caps = captures();
    const file = join(dir, 'mptcp.pcapng');
    writeFileSync(file, capturesToPcapng(caps, (s) => 0x5eed + s, 1_795_537_414_000_000_000n));
    rows = tshark(file);
    expect(rows).toHaveLength(caps.length);
  });

  it.each(segs.map(([label], i) => [label, i] as const))('%s', (_label, i) => {
    const opts = segs[i][3];
    const ours: Record<string, string> = { sub: opts.map((o) => String(o.subtype)).join(',') };
    const row = tsharkRow(opts);
    for (const n of NAMES) if (n !== 'sub') ours[n] = row[n] ?? '';
    expect(ours).toEqual(rows[i]);
    expect(opts.map((o) => subtypeName(o.subtype))).toEqual(opts.map((o) => o.kind));
  });
});
