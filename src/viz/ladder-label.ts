/**
 * The text of a ladder row, in protocol notation (Wireshark's Info column, packetdrill's option
 * names): TCP flags, relative sequence numbers, and every MPTCP option decoded. Protocol names and
 * field abbreviations (SYN, Seq=, MP_CAPABLE, DATA_ACK …) stay untranslated in every language.
 *
 * Numbers are relative where the capture lets us know the base (Wireshark's default): TCP Seq/Ack
 * to the subflow's ISN, DSNs and Data ACKs to the IDSN derived from the MP_CAPABLE keys (RFC 8684
 * §3.1: IDSN = least-significant 64 bits of SHA-256(key)). Otherwise the raw value is shown.
 */
import type { Packet } from '../core/net/packet';
import { ACK, CWR, ECE, FIN, PSH, RST, SYN, URG } from '../core/net/packet';
import { mpTcpRstReasonName } from '../core/wire/mptcp/types';
import type { LadderModel } from './ladder';

/** TCP flag names in Wireshark's order. */
const FLAG_NAMES: [number, string][] = [
  [FIN, 'FIN'],
  [SYN, 'SYN'],
  [RST, 'RST'],
  [PSH, 'PSH'],
  [ACK, 'ACK'],
  [URG, 'URG'],
  [ECE, 'ECE'],
  [CWR, 'CWR'],
];

/** `SYN, ACK` (Wireshark's order: FIN, SYN, RST, PSH, ACK, URG, ECE, CWR); empty for no flag. */
export function tcpFlagsText(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if ((flags & bit) !== 0) names.push(name);
  return names.join(', ');
}

const hex = (v: number | bigint, digits: number): string => `0x${v.toString(16).padStart(digits, '0')}`;

function hexBytes(b: Uint8Array, max: number): string {
  let s = '';
  for (let i = 0; i < Math.min(b.length, max); i++) s += b[i].toString(16).padStart(2, '0');
  return b.length > max ? `${s}…` : s;
}

/** `v - base` modulo 2^bits, as a decimal string (relative sequence numbers). */
function rel(v: bigint, base: bigint | null, bits: 32 | 64): string {
  if (base === null) return v.toString();
  return BigInt.asUintN(bits, v - base).toString();
}

type Opt = { subtype: number; kind?: unknown } & Record<string, unknown>;

/** What relative numbering knows for one row. */
export interface LabelContext {
  /** ISN of the row's own direction and of the other one (-1 = unknown). */
  seqBase: number;
  ackBase: number;
  /** IDSN of the row's sender (for DSNs) and of its peer (for Data ACKs). */
  ownIdsn: bigint | null;
  peerIdsn: bigint | null;
}

/** The relative-numbering context of model row `row`. */
export function labelContext(model: LadderModel, row: number): LabelContext {
  const sf = model.subflows[model.subflow[row]];
  const c2s = model.dir[row] === 0;
  const conn = sf.conn >= 0 ? model.conns[sf.conn] : null;
  return {
    seqBase: c2s ? model.isnC2s[sf.index] : model.isnS2c[sf.index],
    ackBase: c2s ? model.isnS2c[sf.index] : model.isnC2s[sf.index],
    ownIdsn: conn ? (c2s ? conn.c2sIdsn : conn.s2cIdsn) : null,
    peerIdsn: conn ? (c2s ? conn.s2cIdsn : conn.c2sIdsn) : null,
  };
}

/** One decoded MPTCP option, short: `DSS ack=1 dsn=1 ssn=1 len=1424`. */
export function mptcpOptionText(o: Opt, ctx: LabelContext): string {
  switch (o.kind) {
    case 'MP_CAPABLE': {
      const f = o.flags as Record<string, boolean | undefined> | undefined;
      const letters = f ? (['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const).filter((k) => f[k] === true).map((k) => k.toUpperCase()) : [];
      let s = `MP_CAPABLE v${String(o.version)}`;
      if (letters.length > 0) s += ` [${letters.join('')}]`;
      if (typeof o.senderKey === 'bigint') s += ` key=${hex(o.senderKey, 16)}`;
      if (typeof o.receiverKey === 'bigint') s += ` peer-key=${hex(o.receiverKey, 16)}`;
      if (typeof o.dataLevelLength === 'number') s += ` len=${o.dataLevelLength}`;
      if (typeof o.checksum === 'number') s += ` csum=${hex(o.checksum, 4)}`;
      return s;
    }
    case 'MP_JOIN': {
      if (o.form === 'syn') {
        return `MP_JOIN token=${hex(o.receiverToken as number, 8)} nonce=${hex(o.senderNonce as number, 8)} id=${String(o.addressId)}${o.backup === true ? ' backup' : ''}`;
      }
      if (o.form === 'synAck') {
        return `MP_JOIN hmac=${hex(o.senderTruncatedHmac as bigint, 16)} nonce=${hex(o.senderNonce as number, 8)} id=${String(o.addressId)}${o.backup === true ? ' backup' : ''}`;
      }
      return `MP_JOIN hmac=${o.senderHmac instanceof Uint8Array ? hexBytes(o.senderHmac, 8) : '?'}`;
    }
    case 'DSS': {
      const parts = ['DSS'];
      if (typeof o.dataAck === 'bigint') parts.push(`DATA_ACK=${rel(o.dataAck, ctx.peerIdsn, o.ack64 === true ? 64 : 32)}`);
      const m = o.mapping as { dsn: bigint; dsn64: boolean; subflowSeq: number; dataLevelLength: number; checksum?: number } | undefined;
      if (m) {
        parts.push(`dsn=${rel(m.dsn, ctx.ownIdsn, m.dsn64 ? 64 : 32)}`, `ssn=${m.subflowSeq}`, `len=${m.dataLevelLength}`);
        if (m.dataLevelLength === 0) parts.push('(infinite)');
        if (m.checksum !== undefined) parts.push(`csum=${hex(m.checksum, 4)}`);
      }
      if (o.dataFin === true) parts.push('DATA_FIN');
      return parts.join(' ');
    }
    case 'ADD_ADDR': {
      const addr = o.ipVersion === 6 ? `[${String(o.address)}]` : String(o.address);
      let s = `ADD_ADDR${o.echo === true ? ' echo' : ''} id=${String(o.addressId)} ${addr}${typeof o.port === 'number' ? `:${o.port}` : ''}`;
      if (typeof o.truncatedHmac === 'bigint') s += ` hmac=${hex(o.truncatedHmac, 16)}`;
      return s;
    }
    case 'REMOVE_ADDR':
      return `REMOVE_ADDR id=${Array.isArray(o.addressIds) ? o.addressIds.join(',') : '?'}`;
    case 'MP_PRIO':
      return `MP_PRIO ${o.backup === true ? 'backup' : 'regular'}`;
    case 'MP_FAIL':
      return `MP_FAIL dsn=${rel(o.dsn as bigint, ctx.ownIdsn, 64)}`;
    case 'MP_FASTCLOSE':
      return `MP_FASTCLOSE key=${hex(o.receiverKey as bigint, 16)}`;
    case 'MP_TCPRST': {
      const code = o.reason as number;
      return `MP_TCPRST reason=${mpTcpRstReasonName(code) ?? 'unassigned'} (${code})${o.transient === true ? ' T' : ''}`;
    }
    default:
      return `MPTCP subtype=${o.subtype}`;
  }
}

/** A row's label, split for styling: flags, TCP numbers, MPTCP options. */
export interface RowLabel {
  flags: string;
  tcp: string;
  mptcp: string[];
}

/** The label of packet `p` (Wireshark-like Info text plus decoded MPTCP options). */
export function packetLabel(p: Packet, ctx: LabelContext): RowLabel {
  const seq = ctx.seqBase >= 0 ? (p.seq - ctx.seqBase) >>> 0 : p.seq;
  const parts = [`Seq=${seq}`];
  if ((p.flags & ACK) !== 0) parts.push(`Ack=${ctx.ackBase >= 0 ? (p.ack - ctx.ackBase) >>> 0 : p.ack}`);
  parts.push(`Win=${p.win}`, `Len=${p.payloadLen}`);
  if (p.mss > 0) parts.push(`MSS=${p.mss}`);
  if (p.sackOk) parts.push('SACK_PERM');
  if (p.wscale >= 0) parts.push(`WS=${2 ** p.wscale}`);
  if (p.sack !== null && p.sack.length >= 2) {
    for (let i = 0; i + 1 < p.sack.length; i += 2) {
      const l = ctx.ackBase >= 0 ? (p.sack[i] - ctx.ackBase) >>> 0 : p.sack[i];
      const r = ctx.ackBase >= 0 ? (p.sack[i + 1] - ctx.ackBase) >>> 0 : p.sack[i + 1];
      parts.push(`SLE=${l} SRE=${r}`);
    }
  }
  const opts = (p.mptcp ?? []) as readonly Opt[];
  return { flags: tcpFlagsText(p.flags), tcp: parts.join(' '), mptcp: opts.map((o) => mptcpOptionText(o, ctx)) };
}

/** The whole label as one line: `[SYN, ACK] Seq=0 Ack=1 … · MP_CAPABLE v1 [H] key=…`. */
export function labelText(l: RowLabel): string {
  const head = `${l.flags ? `[${l.flags}] ` : ''}${l.tcp}`;
  return l.mptcp.length > 0 ? `${head} · ${l.mptcp.join(' · ')}` : head;
}
