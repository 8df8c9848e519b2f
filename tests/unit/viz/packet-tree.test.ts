import { describe, expect, it } from 'vitest';
import { simulate, writeOutputs } from '../../../src/core';
import { ACK, PSH, RST, SYN, blankPacket, ipv4ToInt, type MptcpOptionRecord, type Packet } from '../../../src/core/net/packet';
import type { CaptureRecord } from '../../../src/core/sim/trace';
import { keyToTokenAndIdsn } from '../../../src/core/mptcp/crypto';
import type { MptcpOption } from '../../../src/core/wire/mptcp';
import { PCAPNG_EPB } from '../../../src/core/export/pcapng';
import {
  bitPattern,
  buildPacketTree,
  defaultExpanded,
  findNode,
  flattenVisible,
  frameBytes,
  frameInfo,
  hexRows,
  nodePathAt,
  type TreeNode,
} from '../../../src/viz/packet-tree';
import { inspectorEn } from '../../../src/i18n/features/inspector.en';
import { readBlocks } from '../export/pcapng-reader';
import { scenario } from '../../helpers/scenario';

const SEED = 7;
const CLIENT = ipv4ToInt('10.0.1.1');
const SERVER = ipv4ToInt('10.0.1.2');

function pkt(fields: Partial<Packet>, mptcp: MptcpOption[] | null = null): Packet {
  return {
    ...blankPacket(),
    id: 99,
    src: CLIENT,
    dst: SERVER,
    sport: 40000,
    dport: 5201,
    seq: 1000,
    ack: 2000,
    flags: ACK,
    win: 502,
    hasTs: true,
    tsVal: 111,
    tsEcr: 222,
    ...fields,
    mptcp: mptcp as unknown as MptcpOptionRecord[] | null,
  };
}

function rec(p: Packet): CaptureRecord {
  return { t: 61_411_200, pkt: p, path: 1, side: 'server', dir: 'c2s' };
}

function treeOf(p: Packet, bases: { ownIdsn?: bigint; peerIdsn?: bigint; seqBase?: number; ackBase?: number } = {}) {
  const r = rec(p);
  const bytes = frameBytes(r, SEED);
  const tree = buildPacketTree(bytes, { ...frameInfo(r, 4), ...bases });
  expect(tree.error).toBeNull();
  return tree;
}

/** The MPTCP option node of `kind` (first one). */
function mptcpOption(nodes: TreeNode[], kind: string): TreeNode {
  const opts = findNode(nodes, 'tcp.options')?.node.children ?? [];
  const n = opts.find((o) => o.name.key === 'inspOptMptcp' && o.name.params?.name === kind);
  if (!n) throw new Error(`no ${kind} option in the tree`);
  return n;
}

function child(n: TreeNode, suffix: string): TreeNode {
  const c = n.children.find((k) => k.id === `${n.id}.${suffix}`);
  if (!c) throw new Error(`no ${n.id}.${suffix}; children: ${n.children.map((k) => k.id).join(' ')}`);
  return c;
}

/** The bytes of a node's range as one big-endian number. */
function be(bytes: Uint8Array, n: TreeNode): bigint {
  let v = 0n;
  for (let i = n.start; i < n.end; i++) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

function allNodes(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

/** Every MPTCP option node: kind byte 30 first, length byte = its byte count, subtype nibble. */
function expectOptionHeader(bytes: Uint8Array, opt: TreeNode, subtype: number): void {
  expect(bytes[opt.start]).toBe(30);
  expect(child(opt, 'kind')).toMatchObject({ start: opt.start, end: opt.start + 1 });
  expect(child(opt, 'len')).toMatchObject({ start: opt.start + 1, end: opt.start + 2 });
  expect(bytes[opt.start + 1]).toBe(opt.end - opt.start);
  const st = child(opt, 'subtype');
  expect(st).toMatchObject({ start: opt.start + 2, end: opt.start + 3, mask: 0xf0 });
  expect(bytes[st.start] >> 4).toBe(subtype);
}

describe('buildPacketTree: field → byte ranges, checked against the emitted bytes', () => {
  it('places every field of MP_CAPABLE (third ACK) on its bytes, keys with token and IDSN', () => {
    const senderKey = 0x431f5e9ad6723b9fn;
    const receiverKey = 0xbc4bb849b81a5eeen;
    const p = pkt({}, [{ subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: false, b: false, c: false, h: true }, senderKey, receiverKey }]);
    const { nodes, bytes } = treeOf(p);
    const opt = mptcpOption(nodes, 'MP_CAPABLE');
    expectOptionHeader(bytes, opt, 0);
    expect(opt.end - opt.start).toBe(20);
    const version = child(opt, 'version');
    expect(version).toMatchObject({ start: opt.start + 2, end: opt.start + 3, mask: 0x0f, value: '1' });
    expect(bytes[version.start] & 0x0f).toBe(1);
    const flags = child(opt, 'flags');
    expect(bytes[flags.start]).toBe(0x01);
    expect(child(flags, 'h').value).toEqual({ key: 'inspSet' });
    expect(child(flags, 'a').value).toEqual({ key: 'inspNotSet' });
    const sk = child(opt, 'sendkey');
    expect(sk.end - sk.start).toBe(8);
    expect(be(bytes, sk)).toBe(senderKey);
    expect(sk.value).toBe('0x431f5e9ad6723b9f');
    const rk = child(opt, 'recvkey');
    expect(be(bytes, rk)).toBe(receiverKey);
    const { token, idsn } = keyToTokenAndIdsn(senderKey);
    expect(child(opt, 'sendkey.token')).toMatchObject({ derived: true, value: `0x${token.toString(16).padStart(8, '0')}` });
    expect(child(opt, 'sendkey.idsn')).toMatchObject({ derived: true, value: idsn.toString() });
  });

  it('places the data-level length of MP_CAPABLE on first data (22 bytes + 2 NOPs)', () => {
    const p = pkt({ flags: ACK | PSH, payloadLen: 1424, stream: 0, streamPos: 0 }, [
      { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: false, b: false, c: false, h: true }, senderKey: 1n, receiverKey: 2n, dataLevelLength: 1424 },
    ]);
    const { nodes, bytes } = treeOf(p);
    const opt = mptcpOption(nodes, 'MP_CAPABLE');
    expect(opt.end - opt.start).toBe(22);
    const dll = child(opt, 'dll');
    expect(dll).toMatchObject({ start: opt.start + 20, end: opt.start + 22, value: '1424' });
    expect(Number(be(bytes, dll))).toBe(1424);
    // Linux pads with two NOPs right after the option.
    const opts = findNode(nodes, 'tcp.options')?.node.children ?? [];
    const next = opts[opts.indexOf(opt) + 1];
    expect(next.name.key).toBe('inspOptNop');
    expect(next.start).toBe(opt.end);
    const payload = nodes.find((n) => n.id === 'payload') as TreeNode;
    expect(payload.end - payload.start).toBe(1424);
    expect(payload.end).toBe(bytes.length);
  });

  it('places the fields of each MP_JOIN form: token and nonce, truncated HMAC, 160-bit HMAC', () => {
    const syn = treeOf(pkt({ flags: SYN, mss: 1460, sackOk: true, wscale: 7 }, [
      { subtype: 1, kind: 'MP_JOIN', form: 'syn', backup: true, addressId: 3, receiverToken: 0xdeadbeef, senderNonce: 0x01020304 },
    ]));
    let opt = mptcpOption(syn.nodes, 'MP_JOIN');
    expectOptionHeader(syn.bytes, opt, 1);
    expect(opt.end - opt.start).toBe(12);
    expect(child(opt, 'backup')).toMatchObject({ start: opt.start + 2, mask: 0x01, value: { key: 'inspSet' } });
    expect(syn.bytes[opt.start + 2] & 1).toBe(1);
    expect(Number(be(syn.bytes, child(opt, 'addrid')))).toBe(3);
    expect(be(syn.bytes, child(opt, 'token'))).toBe(0xdeadbeefn);
    expect(be(syn.bytes, child(opt, 'nonce'))).toBe(0x01020304n);

    const synAck = treeOf(pkt({ flags: SYN | ACK, mss: 1460 }, [
      { subtype: 1, kind: 'MP_JOIN', form: 'synAck', backup: false, addressId: 0, senderTruncatedHmac: 0x1122334455667788n, senderNonce: 0xcafef00d },
    ]));
    opt = mptcpOption(synAck.nodes, 'MP_JOIN');
    expect(opt.end - opt.start).toBe(16);
    expect(be(synAck.bytes, child(opt, 'trunchmac'))).toBe(0x1122334455667788n);
    expect(be(synAck.bytes, child(opt, 'nonce'))).toBe(0xcafef00dn);

    const hmac = Uint8Array.from({ length: 20 }, (_, i) => i * 11);
    const ack = treeOf(pkt({}, [{ subtype: 1, kind: 'MP_JOIN', form: 'ack', senderHmac: hmac }]));
    opt = mptcpOption(ack.nodes, 'MP_JOIN');
    expect(opt.end - opt.start).toBe(24);
    const h = child(opt, 'hmac');
    expect(h.end - h.start).toBe(20);
    expect([...ack.bytes.subarray(h.start, h.end)]).toEqual([...hmac]);
  });

  it('places DSS flags, 64-bit Data ACK, DSN, SSN and data-level length; relative values from the IDSNs', () => {
    const ownIdsn = 0x3329528238aedde9n;
    const peerIdsn = 0xd9b8136632fd77ecn;
    const p = pkt({ flags: ACK | PSH, payloadLen: 100, stream: 0, streamPos: 1424 }, [
      { subtype: 2, kind: 'DSS', dataFin: false, dataAck: peerIdsn + 1n, ack64: true, mapping: { dsn: ownIdsn + 1425n, dsn64: true, subflowSeq: 1425, dataLevelLength: 100 } },
    ]);
    const { nodes, bytes } = treeOf(p, { ownIdsn, peerIdsn });
    const opt = mptcpOption(nodes, 'DSS');
    expectOptionHeader(bytes, opt, 2);
    expect(opt.end - opt.start).toBe(4 + 8 + 14);
    const flags = child(opt, 'flags');
    expect(bytes[flags.start]).toBe(0x0f);
    expect(child(flags, 'A').value).toEqual({ key: 'inspSet' });
    expect(child(flags, 'F').value).toEqual({ key: 'inspNotSet' });
    const ack = child(opt, 'ack');
    expect(ack).toMatchObject({ start: opt.start + 4, end: opt.start + 12 });
    expect(be(bytes, ack)).toBe(peerIdsn + 1n);
    expect(child(opt, 'ack.rel')).toMatchObject({ derived: true, value: '1' });
    const dsn = child(opt, 'dsn');
    expect(dsn).toMatchObject({ start: opt.start + 12, end: opt.start + 20 });
    expect(be(bytes, dsn)).toBe(ownIdsn + 1425n);
    expect(child(opt, 'dsn.rel').value).toBe('1425');
    const ssn = child(opt, 'ssn');
    expect(ssn).toMatchObject({ start: opt.start + 20, end: opt.start + 24 });
    expect(Number(be(bytes, ssn))).toBe(1425);
    const dll = child(opt, 'dll');
    expect(dll).toMatchObject({ start: opt.start + 24, end: opt.start + 26, value: '100' });
  });

  it('places a 32-bit Data ACK with DATA_FIN', () => {
    const p = pkt({}, [{ subtype: 2, kind: 'DSS', dataFin: true, dataAck: 0x1_0000_0005n, ack64: false, mapping: { dsn: 0x77n, dsn64: false, subflowSeq: 0, dataLevelLength: 1 } }]);
    const { nodes, bytes } = treeOf(p, { peerIdsn: 0x1_0000_0000n });
    const opt = mptcpOption(nodes, 'DSS');
    const ack = child(opt, 'ack');
    expect(ack.end - ack.start).toBe(4);
    expect(be(bytes, ack)).toBe(5n); // the low 32 bits go out
    expect(child(opt, 'ack.rel').value).toBe('5');
    expect(child(child(opt, 'flags'), 'F').value).toEqual({ key: 'inspSet' });
    expect(child(opt, 'dsn').end - child(opt, 'dsn').start).toBe(4);
  });

  it('places ADD_ADDR address id, IPv4 address, port and truncated HMAC', () => {
    const p = pkt({ src: SERVER, dst: CLIENT, sport: 5201, dport: 40000 }, [
      { subtype: 3, kind: 'ADD_ADDR', echo: false, ipVersion: 4, addressId: 1, address: '10.0.2.2', port: 5202, truncatedHmac: 0xde10d0bb535ff637n },
    ]);
    const { nodes, bytes } = treeOf(p);
    const opt = mptcpOption(nodes, 'ADD_ADDR');
    expectOptionHeader(bytes, opt, 3);
    expect(opt.end - opt.start).toBe(18);
    expect(child(opt, 'echo').value).toEqual({ key: 'inspNotSet' });
    expect(Number(be(bytes, child(opt, 'addrid')))).toBe(1);
    const addr = child(opt, 'addr');
    expect(addr).toMatchObject({ start: opt.start + 4, end: opt.start + 8, value: '10.0.2.2' });
    expect([...bytes.subarray(addr.start, addr.end)]).toEqual([10, 0, 2, 2]);
    expect(Number(be(bytes, child(opt, 'port')))).toBe(5202);
    const hmac = child(opt, 'hmac');
    expect(hmac).toMatchObject({ start: opt.start + 10, end: opt.start + 18 });
    expect(be(bytes, hmac)).toBe(0xde10d0bb535ff637n);
  });

  it('places ADD_ADDR echo (no HMAC), REMOVE_ADDR ids, MP_PRIO, MP_FAIL, MP_FASTCLOSE and MP_TCPRST', () => {
    const echo = treeOf(pkt({}, [{ subtype: 3, kind: 'ADD_ADDR', echo: true, ipVersion: 4, addressId: 2, address: '192.168.7.9' }]));
    const e = mptcpOption(echo.nodes, 'ADD_ADDR');
    expect(e.end - e.start).toBe(8);
    expect(child(e, 'echo').value).toEqual({ key: 'inspSet' });
    expect(e.children.some((c) => c.id.endsWith('.hmac'))).toBe(false);

    const rm = treeOf(pkt({}, [{ subtype: 4, kind: 'REMOVE_ADDR', addressIds: [4, 7] }]));
    const r = mptcpOption(rm.nodes, 'REMOVE_ADDR');
    expect([rm.bytes[child(r, 'addrid0').start], rm.bytes[child(r, 'addrid1').start]]).toEqual([4, 7]);

    const prio = treeOf(pkt({}, [{ subtype: 5, kind: 'MP_PRIO', backup: true }]));
    expect(child(mptcpOption(prio.nodes, 'MP_PRIO'), 'backup').value).toEqual({ key: 'inspSet' });

    const fail = treeOf(pkt({}, [{ subtype: 6, kind: 'MP_FAIL', dsn: 0x0102030405060708n }]));
    const f = mptcpOption(fail.nodes, 'MP_FAIL');
    expect(be(fail.bytes, child(f, 'dsn'))).toBe(0x0102030405060708n);

    const fc = treeOf(pkt({ flags: RST | ACK }, [{ subtype: 7, kind: 'MP_FASTCLOSE', receiverKey: 0xabcdef0123456789n }]));
    expect(be(fc.bytes, child(mptcpOption(fc.nodes, 'MP_FASTCLOSE'), 'recvkey'))).toBe(0xabcdef0123456789n);

    const rst = treeOf(pkt({ flags: RST }, [{ subtype: 8, kind: 'MP_TCPRST', transient: true, reason: 6 }]));
    const t = mptcpOption(rst.nodes, 'MP_TCPRST');
    expect(child(t, 'reason').value).toEqual({ key: 'inspReason6', params: { code: 6 } });
    expect(rst.bytes[child(t, 'reason').start]).toBe(6);
    expect(child(child(t, 'flags'), 't').value).toEqual({ key: 'inspSet' });
  });

  it('places the IPv4 and TCP header fields, with bit fields and verified checksums', () => {
    const p = pkt({ ipId: 0x1234, ttl: 64, flags: SYN, mss: 1460, sackOk: true, wscale: 7 });
    const { nodes, bytes } = treeOf(p, { seqBase: 1000 });
    const ip = findNode(nodes, 'ip')?.node as TreeNode;
    expect(ip).toMatchObject({ start: 14, end: 34 });
    expect(findNode(nodes, 'ip.version')?.node).toMatchObject({ start: 14, end: 15, mask: 0xf0, value: '4' });
    expect(be(bytes, findNode(nodes, 'ip.id')?.node as TreeNode)).toBe(0x1234n);
    expect(findNode(nodes, 'ip.src')?.node.value).toBe('10.0.1.1');
    expect(findNode(nodes, 'ip.checksum')?.node.value).toMatchObject({ key: 'inspChecksumOk' });
    expect(findNode(nodes, 'ip.flags.df')?.node.value).toEqual({ key: 'inspSet' });
    const tcp = findNode(nodes, 'tcp')?.node as TreeNode;
    expect(tcp.start).toBe(34);
    expect(tcp.name).toMatchObject({ key: 'inspTcpNoAck', params: { seq: 0, sport: 40000 } });
    expect(Number(be(bytes, findNode(nodes, 'tcp.srcport')?.node as TreeNode))).toBe(40000);
    expect(be(bytes, findNode(nodes, 'tcp.seq_raw')?.node as TreeNode)).toBe(1000n);
    expect(findNode(nodes, 'tcp.seq')?.node.value).toEqual({ key: 'inspRelValue', params: { value: 0 } });
    expect(findNode(nodes, 'tcp.flags.syn')?.node.value).toEqual({ key: 'inspSet' });
    expect(findNode(nodes, 'tcp.checksum')?.node.value).toMatchObject({ key: 'inspChecksumOk' });
    const mss = findNode(nodes, 'tcp.opt.mss0.mss')?.node as TreeNode;
    expect(Number(be(bytes, mss))).toBe(1460);
  });

  it('tiles the option area with its options and keeps every field inside its parent and the frame', () => {
    const p = pkt({ flags: ACK | PSH, payloadLen: 10, stream: 1, streamPos: 0, sack: [5000, 6000] }, [
      { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 5n, ack64: false, mapping: { dsn: 9n, dsn64: true, subflowSeq: 1, dataLevelLength: 10 } },
    ]);
    const { nodes, bytes } = treeOf(p);
    const area = findNode(nodes, 'tcp.options')?.node as TreeNode;
    let at = area.start;
    for (const o of area.children) {
      expect(o.start).toBe(at);
      at = o.end;
    }
    expect(at).toBe(area.end);
    const check = (list: readonly TreeNode[], parent: { start: number; end: number }): void => {
      for (const n of list) {
        if (!n.derived) {
          expect(n.start).toBeGreaterThanOrEqual(parent.start);
          expect(n.end).toBeLessThanOrEqual(parent.end);
          expect(n.end).toBeGreaterThan(n.start);
        }
        check(n.children, n.derived ? parent : n);
      }
    };
    check(nodes, { start: 0, end: bytes.length });
  });

  it('uses only string keys the inspector strings define', () => {
    const p = pkt({ flags: ACK | PSH, payloadLen: 10, stream: 1, streamPos: 0 }, [
      { subtype: 2, kind: 'DSS', dataFin: true, dataAck: 5n, ack64: false },
    ]);
    const keys = allNodes(treeOf(p).nodes).flatMap((n) => [n.name.key, typeof n.value === 'object' ? n.value.key : null]);
    for (const k of keys) if (k !== null) expect(Object.keys(inspectorEn)).toContain(k);
  });
});

describe('packet tree helpers', () => {
  const p = pkt({ flags: ACK | PSH, payloadLen: 40, stream: 0, streamPos: 0 }, [
    { subtype: 2, kind: 'DSS', dataFin: false, dataAck: 5n, ack64: true, mapping: { dsn: 9n, dsn64: true, subflowSeq: 1, dataLevelLength: 40 } },
  ]);
  const { nodes, bytes } = treeOf(p);

  it('nodePathAt(offset) goes from the protocol header (the frame node is its sibling, as in Wireshark) down to the field holding that byte', () => {
    const dss = mptcpOption(nodes, 'DSS');
    const path = nodePathAt(nodes, dss.start + 14);
    expect(path.map((n) => n.id)).toEqual(['tcp', 'tcp.options', 'tcp.opt.mptcp0', 'tcp.opt.mptcp0.dsn']);
    expect(dss.id).toBe('tcp.opt.mptcp0');
    expect(nodePathAt(nodes, 15).map((n) => n.id)).toEqual(['ip', 'ip.dsfield']);
    expect(nodePathAt(nodes, bytes.length + 5)).toEqual([]);
  });

  it('flattenVisible lists the open part of the tree with levels and sibling positions', () => {
    const closed = flattenVisible(nodes, new Set());
    expect(closed.map((f) => f.node.id)).toEqual(['frame', 'eth', 'ip', 'tcp', 'payload']);
    expect(closed.map((f) => [f.level, f.pos, f.size])).toEqual([
      [1, 1, 5],
      [1, 2, 5],
      [1, 3, 5],
      [1, 4, 5],
      [1, 5, 5],
    ]);
    const open = flattenVisible(nodes, defaultExpanded(nodes));
    const dss = open.find((f) => f.node.name.key === 'inspOptMptcp');
    expect(dss?.level).toBe(3);
    expect(open.some((f) => f.node.id === `${dss?.node.id}.dsn`)).toBe(true);
    expect(open.find((f) => f.node.id === 'tcp.srcport')?.parent).toBe('tcp');
  });

  it('bitPattern draws the bits of a field as Wireshark does', () => {
    const b = Uint8Array.of(0x45, 0x00, 0x40, 0x00, 0x80, 0x18);
    expect(bitPattern(b, 0, 1, 0xf0)).toBe('0100 ....');
    expect(bitPattern(b, 0, 1, 0x0f)).toBe('.... 0101');
    expect(bitPattern(b, 2, 4, 0x4000)).toBe('.1.. .... .... ....');
    expect(bitPattern(b, 4, 6, 0x0010)).toBe('.... .... ...1 ....');
  });

  it('hexRows splits the frame into lines of 16 (or 8) bytes', () => {
    expect(hexRows(40, 16)).toEqual([
      { offset: 0, start: 0, end: 16 },
      { offset: 16, start: 16, end: 32 },
      { offset: 32, start: 32, end: 40 },
    ]);
    expect(hexRows(8, 8)).toHaveLength(1);
  });
});

describe('frameBytes', () => {
  it('gives exactly the frames of capture.pcapng, payload included', () => {
    const raw = {
      name: 'bytes',
      paths: [{ delay_ms: 10, rate_mbit: 10, queue_pkts: 100 }, { delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }],
      client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
      server: { limits: { subflows: 2, add_addr_accepted: 0 } },
      app: { bytes: 30_000 },
    };
    const result = simulate(scenario(raw), { seed: 11, summary: false });
    const pcap = writeOutputs(result)['capture.pcapng'] as Uint8Array;
    const epbs = readBlocks(pcap).filter((b) => b.type === PCAPNG_EPB);
    expect(epbs).toHaveLength(result.trace.captures.length);
    result.trace.captures.forEach((c, i) => {
      const capLen = epbs[i].body.getUint32(20, true);
      const frame = epbs[i].bytes.subarray(28, 28 + capLen);
      expect(frameBytes(c, result.seed)).toEqual(frame);
    });
    // And every frame parses into a tree without error.
    for (const [i, c] of result.trace.captures.entries()) {
      expect(buildPacketTree(frameBytes(c, result.seed), frameInfo(c, i)).error).toBeNull();
    }
  });
});
