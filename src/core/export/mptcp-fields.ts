/**
 * MPTCP option records (`Packet.mptcp`) → the tshark 4.0 field values kernel-ref's summary is built
 * from (`tcp.options.mptcp.*`, printed as tshark prints them: decimal numbers, `0x..` flag bytes,
 * `1`/`0` flag bits; kernel-ref then hexifies keys, tokens, nonces and truncated HMACs).
 *
 * The records come from src/core/wire/mptcp. This module reads them by these field names (RFC 8684
 * vocabulary in camelCase); a missing field is simply not reported, never invented:
 * - every option: `subtype` (RFC 8684 §3 / IANA: 0 MP_CAPABLE … 8 MP_TCPRST)
 * - MP_CAPABLE (§3.1): `version`, `flags` (the A..H byte), `senderKey`, `receiverKey` (bigint),
 *   `dataLevelLength`
 * - MP_JOIN (§3.2): `backup`, `addressId`, `receiverToken`, `senderNonce` (or `senderRandom`),
 *   `senderTruncatedHmac` (bigint), `senderHmac` (Uint8Array or hex string)
 * - DSS (§3.3): `flags` (the F m M a A byte; else derived from the fields present), `dataAck`,
 *   `dataSeq`, `subflowSeq`, `dataLevelLength`, `dataFin`, `dataAck8`/`dataSeq8` (8-byte forms)
 * - ADD_ADDR (§3.4.1): `echo`, `addressId`, `addr` (dotted quad or uint32), `port`, `truncatedHmac`
 * - REMOVE_ADDR (§3.4.2): `addressIds` (number[])
 * - MP_PRIO (§3.3.8): `backup`, `addressId`
 * - MP_FASTCLOSE (§3.5): `receiverKey`;  MP_TCPRST (§3.6): `reason`
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { MptcpOptionRecord } from '../net/packet';
import { intToIpv4 } from '../net/packet';
import { SUBTYPE_NAMES } from '../wire/mptcp/codec-util';

export const MP_CAPABLE = 0;
export const MP_JOIN = 1;
export const DSS = 2;
export const ADD_ADDR = 3;
export const REMOVE_ADDR = 4;
export const MP_PRIO = 5;
export const MP_FAIL = 6;
export const MP_FASTCLOSE = 7;
export const MP_TCPRST = 8;

/** kernel-ref's SUBTYPE_NAMES, in subtype order (the wire layer's list). */
export { SUBTYPE_NAMES };
export type SubtypeName = (typeof SUBTYPE_NAMES)[number];

export function subtypeName(subtype: number): string {
  return SUBTYPE_NAMES[subtype] ?? `subtype${subtype}`;
}

/** Subtypes kernel-ref lists in `mptcp_signals`. */
export const SIGNAL_SUBTYPES: readonly number[] = [ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST];
/** The same as a bit mask (bit i = subtype i). */
export const SIGNAL_MASK = SIGNAL_SUBTYPES.reduce((m, s) => m | (1 << s), 0);

/** A DSS option with the DATA_FIN flag (tshark `tcp.options.mptcp.datafin.flag` = 1), without building a row. */
export function hasDataFin(opts: readonly MptcpOptionRecord[]): boolean {
  for (const o of opts) {
    if (o.subtype !== DSS) continue;
    const r = o as Record<string, unknown>;
    if (r.dataFin === true || (typeof r.flags === 'number' && (r.flags & 0x10) !== 0)) return true;
  }
  return false;
}

/** kernel-ref's tshark short names (TSHARK_FIELDS) that the summary reads from MPTCP options. */
export type TsharkField =
  | 'ver'
  | 'mflags'
  | 'sendkey'
  | 'recvkey'
  | 'recvtok'
  | 'sendrand'
  | 'sendtrunchmac'
  | 'sendhmac'
  | 'addrid'
  | 'backup'
  | 'echo'
  | 'ipv4'
  | 'port'
  | 'addaddrhmac'
  | 'rm_count'
  | 'dsn'
  | 'dack'
  | 'dll'
  | 'dfin'
  | 'csumreq'
  | 'sha256'
  | 'rst_reason'
  | 'exp_token'
  | 'exp_idsn';
export type TsharkRow = Partial<Record<TsharkField, string>>;

const SYN = 0x02;
const ACK = 0x10;

function int(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
  return null;
}
const bit = (b: boolean): string => (b ? '1' : '0');
const flagByte = (v: number): string => '0x' + (v & 0xff).toString(16).padStart(2, '0');

/** Token and IDSN of a key (RFC 8684 §3.1: SHA-256 of the key; token = top 32 bits, IDSN = low 64). */
export function keyToTokenIdsn(key: bigint): { token: bigint; idsn: bigint } {
  const b = new Uint8Array(8);
  let k = BigInt.asUintN(64, key);
  for (let i = 7; i >= 0; i--) {
    b[i] = Number(k & 0xffn);
    k >>= 8n;
  }
  const d = sha256(b);
  let token = 0n;
  for (let i = 0; i < 4; i++) token = (token << 8n) | BigInt(d[i]);
  let idsn = 0n;
  for (let i = 24; i < 32; i++) idsn = (idsn << 8n) | BigInt(d[i]);
  return { token, idsn };
}

function hmacHex(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) {
    let s = '';
    for (const x of v) s += x.toString(16).padStart(2, '0');
    return s;
  }
  return null;
}

function put(row: TsharkRow, f: TsharkField, v: string | null): void {
  if (v === null) return;
  const prev = row[f];
  row[f] = prev === undefined ? v : `${prev},${v}`;
}

/**
 * The tshark fields of one packet's MPTCP options, values of repeated fields joined with "," in
 * option order (tshark `-E occurrence=a -E aggregator=,`). `tcpFlags` decides the MP_JOIN form.
 */
export function tsharkRow(opts: readonly MptcpOptionRecord[], tcpFlags: number): TsharkRow {
  const row: TsharkRow = {};
  for (const o of opts) {
    const r = o as Record<string, unknown>;
    switch (o.subtype) {
      case MP_CAPABLE: {
        if (typeof r.version === 'number') put(row, 'ver', String(r.version));
        if (typeof r.flags === 'number') {
          put(row, 'mflags', flagByte(r.flags));
          put(row, 'csumreq', bit((r.flags & 0x80) !== 0));
          put(row, 'sha256', bit((r.flags & 0x01) !== 0));
        }
        const sk = int(r.senderKey);
        const rk = int(r.receiverKey);
        if (sk !== null) put(row, 'sendkey', BigInt.asUintN(64, sk).toString());
        if (rk !== null) put(row, 'recvkey', BigInt.asUintN(64, rk).toString());
        if (typeof r.dataLevelLength === 'number') put(row, 'dll', String(r.dataLevelLength));
        if (sk !== null) {
          const { token, idsn } = keyToTokenIdsn(sk);
          put(row, 'exp_token', token.toString());
          put(row, 'exp_idsn', idsn.toString());
        }
        break;
      }
      case MP_JOIN: {
        const b = r.backup === true;
        if (tcpFlags & SYN) {
          put(row, 'mflags', flagByte(0x10 | (b ? 1 : 0)));
          put(row, 'backup', bit(b));
          if (typeof r.addressId === 'number') put(row, 'addrid', String(r.addressId));
          if (!(tcpFlags & ACK)) {
            const tok = int(r.receiverToken);
            if (tok !== null) put(row, 'recvtok', tok.toString());
          } else {
            const h = int(r.senderTruncatedHmac);
            if (h !== null) put(row, 'sendtrunchmac', BigInt.asUintN(64, h).toString());
          }
          const nonce = int(r.senderNonce ?? r.senderRandom);
          if (nonce !== null) put(row, 'sendrand', nonce.toString());
        } else {
          put(row, 'sendhmac', hmacHex(r.senderHmac));
        }
        break;
      }
      case DSS: {
        const dack = int(r.dataAck);
        const dsn = int(r.dataSeq);
        const fin = r.dataFin === true || (typeof r.flags === 'number' && (r.flags & 0x10) !== 0);
        let flags: number;
        if (typeof r.flags === 'number') flags = r.flags;
        else
          flags =
            (fin ? 0x10 : 0) |
            (dsn !== null && r.dataSeq8 === true ? 0x08 : 0) |
            (dsn !== null ? 0x04 : 0) |
            (dack !== null && r.dataAck8 === true ? 0x02 : 0) |
            (dack !== null ? 0x01 : 0);
        put(row, 'mflags', flagByte(flags));
        if (dack !== null) put(row, 'dack', dack.toString());
        if (dsn !== null) put(row, 'dsn', dsn.toString());
        if (typeof r.dataLevelLength === 'number') put(row, 'dll', String(r.dataLevelLength));
        put(row, 'dfin', bit(fin));
        break;
      }
      case ADD_ADDR: {
        const echo = r.echo === true;
        put(row, 'echo', bit(echo));
        if (typeof r.addressId === 'number') put(row, 'addrid', String(r.addressId));
        if (typeof r.addr === 'string') put(row, 'ipv4', r.addr);
        else if (typeof r.addr === 'number') put(row, 'ipv4', intToIpv4(r.addr));
        if (typeof r.port === 'number') put(row, 'port', String(r.port));
        const h = int(r.truncatedHmac);
        if (h !== null) put(row, 'addaddrhmac', BigInt.asUintN(64, h).toString());
        break;
      }
      case REMOVE_ADDR: {
        const ids = Array.isArray(r.addressIds) ? (r.addressIds as unknown[]).filter((x) => typeof x === 'number') : [];
        for (const id of ids) put(row, 'addrid', String(id));
        put(row, 'rm_count', String(ids.length));
        break;
      }
      case MP_PRIO: {
        const b = r.backup === true;
        put(row, 'mflags', flagByte(0x50 | (b ? 1 : 0)));
        put(row, 'backup', bit(b));
        if (typeof r.addressId === 'number') put(row, 'addrid', String(r.addressId));
        break;
      }
      case MP_FASTCLOSE: {
        const rk = int(r.receiverKey);
        if (rk !== null) put(row, 'recvkey', BigInt.asUintN(64, rk).toString());
        break;
      }
      case MP_TCPRST: {
        if (typeof r.reason === 'number') put(row, 'rst_reason', String(r.reason));
        break;
      }
      default:
        break;
    }
  }
  return row;
}

/** kernel-ref's HEX_WIDTH: fields printed as 0x-padded hex instead of tshark's decimal. */
const HEX_WIDTH: Record<string, number> = {
  sender_key: 16,
  receiver_key: 16,
  receiver_token: 8,
  sender_nonce: 8,
  sender_truncated_hmac: 16,
  tshark_expected_token: 8,
  tshark_expected_idsn: 16,
  truncated_hmac: 16,
};

/** kernel-ref's `hexify(name, val)`: each comma-separated decimal → 0x-padded hex for HEX_WIDTH names. */
export function hexify(name: string, val: string): string {
  const w = HEX_WIDTH[name];
  if (w === undefined) return val;
  return val
    .split(',')
    .map((v) => {
      if (!/^\d+$/.test(v)) return v;
      return '0x' + BigInt(v).toString(16).padStart(w, '0');
    })
    .join(',');
}

/** kernel-ref's HS_FIELDS: handshake `mptcp` dict name → tshark short name, in output order. */
export const HS_FIELDS: readonly [string, TsharkField][] = [
  ['version', 'ver'],
  ['flags', 'mflags'],
  ['sender_key', 'sendkey'],
  ['receiver_key', 'recvkey'],
  ['receiver_token', 'recvtok'],
  ['sender_nonce', 'sendrand'],
  ['sender_truncated_hmac', 'sendtrunchmac'],
  ['sender_hmac', 'sendhmac'],
  ['addr_id', 'addrid'],
  ['backup', 'backup'],
  ['data_level_length', 'dll'],
  ['checksum_required', 'csumreq'],
  ['hmac_sha256', 'sha256'],
  ['dsn', 'dsn'],
  ['data_ack', 'dack'],
  ['tshark_expected_token', 'exp_token'],
  ['tshark_expected_idsn', 'exp_idsn'],
];

/** kernel-ref's SIG_FIELDS: `mptcp_signals[]` extra keys, in output order. */
export const SIG_FIELDS: readonly [string, TsharkField][] = [
  ['addr_id', 'addrid'],
  ['ipv4', 'ipv4'],
  ['port', 'port'],
  ['echo', 'echo'],
  ['truncated_hmac', 'addaddrhmac'],
  ['backup', 'backup'],
  ['rm_count', 'rm_count'],
  ['rst_reason', 'rst_reason'],
  ['receiver_key', 'recvkey'],
  ['flags', 'mflags'],
];

/** `{name: hexify(name, row[f])}` for the fields present (kernel-ref: `if r.get(f)`). */
export function pickFields(row: TsharkRow, fields: readonly [string, TsharkField][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, f] of fields) {
    const v = row[f];
    if (v) out[name] = hexify(name, v);
  }
  return out;
}
