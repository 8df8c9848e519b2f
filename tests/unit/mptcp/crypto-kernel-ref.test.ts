/**
 * MPTCP crypto against the real Linux 6.18 kernel: for every connection, join and ADD_ADDR in
 * ../shared/kernel-ref/results/*\/summary.json, the token, IDSN, MP_JOIN HMACs and ADD_ADDR HMAC
 * computed from the captured keys and nonces equal what the kernel sent (values as tshark printed
 * them: keys, tokens, nonces and truncated HMACs as 0x-hex, the third ACK's HMAC as bare hex,
 * DSNs and Data ACKs in decimal).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAddrHmac, joinAckHmac, joinSynAckHmac, keyToIdsn, keyToToken } from '../../../src/core/mptcp/crypto';
import { KERNEL_REF } from '../../helpers/paths';

type Conn = {
  fallback: boolean;
  subflow_streams: number[];
  client_key?: string;
  client_token?: string;
  client_idsn?: string;
  server_key?: string;
  server_token?: string;
  server_idsn?: string;
};
type HsPacket = { frame: number; dir: 'c2s' | 's2c'; tcp_flags: string; tcp_len: number; mptcp?: Record<string, string> };
type Handshake = { stream: number; kind: string; packets: HsPacket[] };
type Signal = { stream: number; dir: 'c2s' | 's2c'; subtypes: string[] } & Record<string, unknown>;
type Summary = { connections: Conn[]; handshakes: Handshake[]; mptcp_signals: Signal[] };

const RESULTS = join(KERNEL_REF, 'results');
const RUNS = readdirSync(RESULTS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const load = (run: string): Summary => JSON.parse(readFileSync(join(RESULTS, run, 'summary.json'), 'utf8')) as Summary;

const big = (s: string): bigint => BigInt(s);
const num = (s: string): number => Number(BigInt(s));
const bytesHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const connOf = (s: Summary, stream: number): Conn | undefined => s.connections.find((c) => c.subflow_streams.includes(stream));

/** Totals over all runs, so the suite proves it checked something. */
const checked = { keys: 0, joins: 0, addAddr: 0, firstData: 0 };

describe.each(RUNS)('kernel-ref run %s', (run) => {
  const s = load(run);

  it('tokens and IDSNs of both keys of every connection equal the kernel-derived ones', () => {
    for (const c of s.connections) {
      if (c.fallback) {
        expect(c.client_key).toBeUndefined();
        continue;
      }
      for (const side of ['client', 'server'] as const) {
        const key = big(c[`${side}_key`] as string);
        expect(keyToToken(key)).toBe(num(c[`${side}_token`] as string));
        expect(keyToIdsn(key)).toBe(big(c[`${side}_idsn`] as string));
        checked.keys++;
      }
    }
    // tshark's own expectations, printed next to each MP_CAPABLE sender key.
    for (const hs of s.handshakes) {
      for (const p of hs.packets) {
        const m = p.mptcp;
        if (m?.sender_key === undefined || m.tshark_expected_token === undefined) continue;
        expect(keyToToken(big(m.sender_key))).toBe(num(m.tshark_expected_token));
        expect(keyToIdsn(big(m.sender_key))).toBe(big(m.tshark_expected_idsn));
      }
    }
  });

  it('the first data mapping starts at IDSN + 1 and is acked at IDSN + 1 + its length', () => {
    // A Data ACK of `full` may be sent in 32 bits: its low half (RFC 8684 §3.3.2).
    const acks = (a: bigint, full: bigint): boolean => a === full || a === (full & 0xffffffffn);
    for (const hs of s.handshakes) {
      if (hs.kind !== 'MP_CAPABLE') continue;
      const c = connOf(s, hs.stream);
      if (c === undefined || c.fallback) continue;
      const first = hs.packets.find((p) => p.tcp_len > 0 && p.mptcp?.data_level_length !== undefined);
      if (first === undefined) continue;
      const m = first.mptcp as Record<string, string>;
      const idsnSender = big((first.dir === 'c2s' ? c.client_idsn : c.server_idsn) as string);
      const idsnPeer = big((first.dir === 'c2s' ? c.server_idsn : c.client_idsn) as string);
      const len = BigInt(m.data_level_length);
      let facts = 0;
      // MP_CAPABLE maps its data implicitly to IDSN + 1; a DSS states the DSN.
      if (m.dsn !== undefined) {
        expect(big(m.dsn)).toBe(idsnSender + 1n);
        facts++;
      }
      // Nothing received from the peer yet: the sender's own Data ACK is the peer's IDSN + 1.
      if (m.data_ack !== undefined) {
        expect(acks(big(m.data_ack), idsnPeer + 1n)).toBe(true);
        facts++;
      }
      const ack = hs.packets.find((p) => p.frame > first.frame && p.dir !== first.dir && p.mptcp?.data_ack !== undefined);
      if (ack !== undefined) {
        expect(acks(big((ack.mptcp as Record<string, string>).data_ack), idsnSender + 1n + len)).toBe(true);
        facts++;
      }
      expect(facts).toBeGreaterThan(0);
      checked.firstData++;
    }
  });

  it('every MP_JOIN SYN/ACK truncated HMAC and third-ACK HMAC equals the one computed from keys and nonces', () => {
    for (const hs of s.handshakes) {
      if (hs.kind !== 'MP_JOIN') continue;
      const c = connOf(s, hs.stream) as Conn;
      const syn = hs.packets.find((p) => p.tcp_flags === 'SYN');
      const synAck = hs.packets.find((p) => p.tcp_flags === 'SYN,ACK');
      const ack = hs.packets.find((p) => p.mptcp?.sender_hmac !== undefined);
      expect(syn && synAck && ack).toBeTruthy();
      const ms = syn?.mptcp as Record<string, string>;
      const ma = synAck?.mptcp as Record<string, string>;
      // The SYN names the listener by the token of its key (RFC 8684 §3.2).
      const token = num(ms.receiver_token);
      const ck = big(c.client_key as string);
      const sk = big(c.server_key as string);
      const [keyB, keyA] = keyToToken(sk) === token ? [sk, ck] : [ck, sk];
      expect(keyToToken(keyB)).toBe(token);
      const nonceA = num(ms.sender_nonce);
      const nonceB = num(ma.sender_nonce);
      expect(joinSynAckHmac(keyB, keyA, nonceB, nonceA)).toBe(big(ma.sender_truncated_hmac));
      expect(bytesHex(joinAckHmac(keyA, keyB, nonceA, nonceB))).toBe((ack?.mptcp as Record<string, string>).sender_hmac);
      // Swapping the roles gives a different value: the order of keys and nonces matters.
      expect(joinSynAckHmac(keyA, keyB, nonceA, nonceB)).not.toBe(big(ma.sender_truncated_hmac));
      checked.joins++;
    }
  });

  it('every ADD_ADDR truncated HMAC equals HMAC(sender key‖receiver key, id‖IPv4‖port) right 64 bits', () => {
    for (const sig of s.mptcp_signals) {
      if (!sig.subtypes.includes('ADD_ADDR') || sig.truncated_hmac === undefined) continue;
      const c = connOf(s, sig.stream) as Conn;
      const ck = big(c.client_key as string);
      const sk = big(c.server_key as string);
      const [local, remote] = sig.dir === 's2c' ? [sk, ck] : [ck, sk];
      const addr = Uint8Array.from(String(sig.ipv4).split('.').map(Number));
      const port = sig.port === undefined ? 0 : Number(sig.port);
      const want = big(String(sig.truncated_hmac));
      expect(addAddrHmac(local, remote, Number(sig.addr_id), addr, port)).toBe(want);
      // The receiver checks with its own view (remote‖local from its side = the same keys).
      expect(addAddrHmac(remote, local, Number(sig.addr_id), addr, port)).not.toBe(want);
      checked.addAddr++;
    }
  });
});

describe('kernel-ref coverage', () => {
  it('checked the keys of 5 MPTCP connections, 5 joins and at least one ADD_ADDR', () => {
    expect(checked.keys).toBeGreaterThanOrEqual(10);
    expect(checked.joins).toBeGreaterThanOrEqual(5);
    expect(checked.addAddr).toBeGreaterThanOrEqual(1);
    expect(checked.firstData).toBeGreaterThanOrEqual(5);
  });
});
