/**
 * MPTCP option records (`Packet.mptcp`) → the tshark 4.0 field values kernel-ref's summary is built
 * from (`tcp.options.mptcp.*`, printed as tshark prints them: decimal numbers, `0x..` flag bytes,
 * `1`/`0` flag bits; kernel-ref then hexifies keys, tokens, nonces and truncated HMACs).
 *
 * The records are the wire codec's (src/core/wire/mptcp/types.ts), read by `kind`; what tshark
 * reports per subtype follows its MPTCP dissector, checked field by field against tshark 4.0 in
 * tests/unit/export/mptcp-fields-tshark.test.ts:
 * - MP_CAPABLE: version, the flags byte, A (checksum required) and H (HMAC-SHA256) bits, keys,
 *   data-level length; with a sender key, the token and IDSN tshark derives from it
 * - MP_JOIN: SYN and SYN/ACK forms: the option's third byte as flags (subtype and B), B, address
 *   id, token or truncated HMAC, nonce; ACK form: the 160-bit HMAC only
 * - DSS: the flags byte, the Data ACK and DSN as sent (low 32 bits when sent in 4 bytes), the
 *   data-level length, the DATA_FIN bit
 * - ADD_ADDR: E, address id, IPv4 address, port, truncated HMAC
 * - REMOVE_ADDR: each address id and their count;  MP_PRIO: the third byte as flags, B
 * - MP_FAIL: the DSN;  MP_FASTCLOSE: the receiver's key;  MP_TCPRST: the third byte as flags
 *   (subtype and U V W T), the reason as a `0x..` byte
 * Other kind-30 options (UNKNOWN records, or `{subtype, raw}` without a codec) report nothing.
 */
import type { MptcpOptionRecord } from '../net/packet';
import { keyToTokenAndIdsn } from '../mptcp/crypto';
import { SUBTYPE_NAMES } from '../wire/mptcp/codec-util';
import {
  asMptcpOptions,
  dssFlags,
  mpCapableFlagsByte,
  MPJ_FLAG_B,
  MP_PRIO_FLAG_B,
  MP_TCPRST_FLAG_T,
  MPTCP_SUBTYPE,
  type DssOption,
} from '../wire/mptcp';

export const MP_CAPABLE = MPTCP_SUBTYPE.MP_CAPABLE;
export const MP_JOIN = MPTCP_SUBTYPE.MP_JOIN;
export const DSS = MPTCP_SUBTYPE.DSS;
export const ADD_ADDR = MPTCP_SUBTYPE.ADD_ADDR;
export const REMOVE_ADDR = MPTCP_SUBTYPE.REMOVE_ADDR;
export const MP_PRIO = MPTCP_SUBTYPE.MP_PRIO;
export const MP_FAIL = MPTCP_SUBTYPE.MP_FAIL;
export const MP_FASTCLOSE = MPTCP_SUBTYPE.MP_FASTCLOSE;
export const MP_TCPRST = MPTCP_SUBTYPE.MP_TCPRST;

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
  for (const o of asMptcpOptions(opts)) if (o.kind === 'DSS' && o.dataFin) return true;
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

const bit = (b: boolean): string => (b ? '1' : '0');
const flagByte = (v: number): string => '0x' + (v & 0xff).toString(16).padStart(2, '0');
const u64 = (v: bigint): string => BigInt.asUintN(64, v).toString();
/** A 64-bit sequence number as sent: all of it in 8 bytes, its low 32 bits in 4. */
const sent = (v: bigint, wide: boolean): string => BigInt.asUintN(wide ? 64 : 32, v).toString();

/** Token and IDSN of a key (RFC 8684 §3.1: SHA-256 of the key; token = top 32 bits, IDSN = low 64). */
export function keyToTokenIdsn(key: bigint): { token: bigint; idsn: bigint } {
  const { token, idsn } = keyToTokenAndIdsn(BigInt.asUintN(64, key));
  return { token: BigInt(token), idsn };
}

function hmacHex(v: Uint8Array): string {
  let s = '';
  for (const x of v) s += x.toString(16).padStart(2, '0');
  return s;
}

function put(row: TsharkRow, f: TsharkField, v: string): void {
  const prev = row[f];
  row[f] = prev === undefined ? v : `${prev},${v}`;
}

/** The option's third byte (subtype, flag bits), which tshark prints as flags for MP_JOIN, MP_PRIO and MP_TCPRST. */
const subtypeByte = (subtype: number, lowNibble: number): string => flagByte((subtype << 4) | (lowNibble & 0xf));

function putDss(row: TsharkRow, o: DssOption): void {
  put(row, 'mflags', flagByte(dssFlags(o)));
  if (o.dataAck !== undefined) put(row, 'dack', sent(o.dataAck, o.ack64 === true));
  const m = o.mapping;
  if (m !== undefined) {
    put(row, 'dsn', sent(m.dsn, m.dsn64));
    put(row, 'dll', String(m.dataLevelLength));
  }
  put(row, 'dfin', bit(o.dataFin));
}

/**
 * The tshark fields of one packet's MPTCP options, values of repeated fields joined with "," in
 * option order (tshark `-E occurrence=a -E aggregator=,`).
 */
export function tsharkRow(opts: readonly MptcpOptionRecord[]): TsharkRow {
  const row: TsharkRow = {};
  for (const o of asMptcpOptions(opts)) {
    switch (o.kind) {
      case 'MP_CAPABLE': {
        put(row, 'ver', String(o.version));
        put(row, 'mflags', flagByte(mpCapableFlagsByte(o.flags)));
        put(row, 'csumreq', bit(o.flags.a));
        put(row, 'sha256', bit(o.flags.h));
        if (o.senderKey !== undefined) put(row, 'sendkey', u64(o.senderKey));
        if (o.receiverKey !== undefined) put(row, 'recvkey', u64(o.receiverKey));
        if (o.dataLevelLength !== undefined) put(row, 'dll', String(o.dataLevelLength));
        if (o.senderKey !== undefined) {
          const { token, idsn } = keyToTokenIdsn(o.senderKey);
          put(row, 'exp_token', token.toString());
          put(row, 'exp_idsn', idsn.toString());
        }
        break;
      }
      case 'MP_JOIN':
        if (o.form === 'ack') {
          put(row, 'sendhmac', hmacHex(o.senderHmac));
          break;
        }
        put(row, 'mflags', subtypeByte(o.subtype, o.backup ? MPJ_FLAG_B : 0));
        put(row, 'backup', bit(o.backup));
        put(row, 'addrid', String(o.addressId));
        if (o.form === 'syn') put(row, 'recvtok', String(o.receiverToken >>> 0));
        else put(row, 'sendtrunchmac', u64(o.senderTruncatedHmac));
        put(row, 'sendrand', String(o.senderNonce >>> 0));
        break;
      case 'DSS':
        putDss(row, o);
        break;
      case 'ADD_ADDR':
        put(row, 'echo', bit(o.echo));
        put(row, 'addrid', String(o.addressId));
        if (o.ipVersion === 4) put(row, 'ipv4', o.address);
        if (o.port !== undefined) put(row, 'port', String(o.port));
        if (o.truncatedHmac !== undefined) put(row, 'addaddrhmac', u64(o.truncatedHmac));
        break;
      case 'REMOVE_ADDR':
        for (const id of o.addressIds) put(row, 'addrid', String(id));
        put(row, 'rm_count', String(o.addressIds.length));
        break;
      case 'MP_PRIO':
        put(row, 'mflags', subtypeByte(o.subtype, o.backup ? MP_PRIO_FLAG_B : 0));
        put(row, 'backup', bit(o.backup));
        break;
      case 'MP_FAIL':
        put(row, 'dsn', u64(o.dsn));
        break;
      case 'MP_FASTCLOSE':
        put(row, 'recvkey', u64(o.receiverKey));
        break;
      case 'MP_TCPRST':
        // U V W from `flags`, T from `transient`, as the codec emits them; tshark prints the reason in hex.
        put(row, 'mflags', subtypeByte(o.subtype, ((o.flags ?? 0) & 0xe) | (o.transient ? MP_TCPRST_FLAG_T : 0)));
        put(row, 'rst_reason', flagByte(o.reason));
        break;
      case 'UNKNOWN':
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
