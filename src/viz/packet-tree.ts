/**
 * The packet inspector's model (Wireshark's packet details + bytes panes), pure functions:
 *
 * - `frameBytes(record, runSeed)`: the Ethernet frame of a capture record, made by the same
 *   wire/ emitter and the same payload seeds as capture.pcapng (export/pcapng.ts), so the
 *   inspector shows exactly the bytes Wireshark would.
 * - `buildPacketTree(bytes, info)`: those bytes as an expandable tree of fields, each with the byte
 *   range [start, end) it occupies (and a bit mask for bit fields), Wireshark-like names (i18n keys,
 *   see src/i18n/features/inspector.en.ts) and values. Header values come from wire/'s parsers
 *   (`parseIpv4Tcp`, and `parseMptcpOption` with the segment as context for every MPTCP option).
 * - `flattenVisible`, `nodePathAt`, `bitPattern`, `hexRows`: what the tree view (keyboard
 *   navigation) and the hex view (byte ↔ field highlighting) need.
 *
 * Where the fields sit: the fixed headers from wire/'s field offsets (IPV4_FIELD, TCP_FIELD); the
 * TCP options by walking the option area, reading each option's kind and length byte (RFC 9293
 * §3.2), so the layout follows the bytes, whatever their order; the fields inside an MPTCP option
 * from RFC 8684's figures (§3.1 – §3.7). This walk reads bytes outside wire/ for *layout only*:
 * every decoded value comes from wire/.
 */
import type { CaptureRecord } from '../core/sim/trace';
import { ETH_HEADER_LEN } from '../core/net/packet';
import { ipText, type AddressNames } from '../core/net/address-text';
import { streamSeed } from '../core/net/payload';
import { captureInterfaceName } from '../core/export/pcapng';
import { keyToTokenAndIdsn } from '../core/mptcp/crypto';
import { emitEthernet, parseIpv4Tcp, IPV4_FIELD, TCP_FIELD, LINKTYPE_ETHERNET } from '../core/wire';
import {
  installMptcpWire,
  parseMptcpOption,
  DSS_FLAG_ACK,
  DSS_FLAG_ACK64,
  DSS_FLAG_DATA_FIN,
  DSS_FLAG_DSN64,
  DSS_FLAG_MAP,
  MPC_FLAG_A,
  MPC_FLAG_B,
  MPC_FLAG_C,
  MPC_FLAG_H,
  MPJ_FLAG_B,
  MP_PRIO_FLAG_B,
  ADD_ADDR_FLAG_E,
  MP_TCPRST_FLAG_T,
  type MptcpOption,
} from '../core/wire/mptcp';
import { SUBTYPE_NAMES } from '../core/wire/mptcp/codec-util';
import type { inspectorEn } from '../i18n/features/inspector.en';

/** An inspector string key (src/i18n/features/inspector.en.ts). */
export type InspectorKey = keyof typeof inspectorEn;

/** A translatable text: a key and its `{placeholders}`. */
export interface Msg {
  key: InspectorKey;
  params?: Record<string, string | number>;
}

export interface TreeNode {
  /** Stable id (`ip.src`, `tcp.opt.3.dsn`): the same field of two packets has the same id. */
  id: string;
  name: Msg;
  /** The value as text (numbers, addresses, protocol names: the same in every language) or a Msg. */
  value?: string | Msg;
  /** Byte range [start, end) of the frame the field occupies; start === end for derived fields. */
  start: number;
  end: number;
  /** For bit fields: which bits of the bytes [start, end) (big-endian) the field is. */
  mask?: number;
  /** Not in the bytes: computed (Wireshark shows these in [brackets]). */
  derived?: boolean;
  /** Shown as a problem (bad checksum, malformed option). */
  warn?: boolean;
  children: TreeNode[];
}

/** What a capture record tells besides its bytes, and what relative numbering needs. */
export interface FrameInfo {
  /** 1-based frame number in capture.pcapng (the capture's index + 1). */
  number: number;
  /** Capture time, ns since connect(). */
  t: number;
  /** Interface name (`srv-p1`). */
  iface: string;
  direction: 'inbound' | 'outbound';
  /** The simulator's packet id. */
  packetId: number;
  /** An imported capture's IPv6 addresses, which the packet holds as placeholders (Trace.addressNames). */
  names?: AddressNames;
  /** ISN of this packet's direction and of its peer's (relative Seq/Ack); omit or -1 if unknown. */
  seqBase?: number;
  ackBase?: number;
  /** IDSN of the sender (relative DSNs) and of its peer (relative Data ACKs); null if unknown. */
  ownIdsn?: bigint | null;
  peerIdsn?: bigint | null;
}

export interface PacketTree {
  bytes: Uint8Array;
  nodes: TreeNode[];
  /** The wire error when the bytes do not parse (then `nodes` holds what could be shown). */
  error: string | null;
}

// The simulation runs in a worker, which plugs the MPTCP codec into its own copy of wire/; the
// page's copy needs it too, before anything here (or any view) sizes or emits an MPTCP packet.
// Idempotent, so whoever else installs it does no harm.
installMptcpWire();

/**
 * The Ethernet frame of `rec` exactly as capture.pcapng holds it: wire/'s emitter, payload bytes
 * from stream seed `streamSeed(runSeed, stream)` (src/core/index.ts writeOutputs does the same).
 */
export function frameBytes(rec: CaptureRecord, runSeed: number): Uint8Array {
  return emitEthernet(rec.pkt, (stream) => streamSeed(runSeed, stream));
}

/** The FrameInfo of capture `index` of a run (without relative-numbering bases). */
export function frameInfo(rec: CaptureRecord, index: number): FrameInfo {
  return {
    number: index + 1,
    t: rec.t,
    iface: captureInterfaceName(rec.side, rec.path),
    direction: (rec.side === 'server') === (rec.dir === 'c2s') ? 'inbound' : 'outbound',
    packetId: rec.pkt.id,
  };
}

const hex = (v: number | bigint, digits: number): string => `0x${v.toString(16).padStart(digits, '0')}`;
const m = (key: InspectorKey, params?: Record<string, string | number>): Msg => (params ? { key, params } : { key });
const setOrNot = (on: boolean): Msg => m(on ? 'inspSet' : 'inspNotSet');

function node(
  id: string,
  name: Msg,
  start: number,
  end: number,
  value?: string | Msg,
  extra?: Partial<Pick<TreeNode, 'mask' | 'derived' | 'warn' | 'children'>>,
): TreeNode {
  const n: TreeNode = { id, name, start, end, children: extra?.children ?? [] };
  if (value !== undefined) n.value = value;
  if (extra?.mask !== undefined) n.mask = extra.mask;
  if (extra?.derived) n.derived = true;
  if (extra?.warn) n.warn = true;
  return n;
}

/** A 16-bit checksum at `start`, marked as a problem when it does not verify. */
const checksumNode = (id: string, name: InspectorKey, start: number, value: number, ok: boolean): TreeNode =>
  node(id, m(name), start, start + 2, m(ok ? 'inspChecksumOk' : 'inspChecksumBad', { value: hex(value, 4) }), { warn: !ok });

const derived = (id: string, name: Msg, value: string | Msg): TreeNode => node(id, name, 0, 0, value, { derived: true });

function macText(b: Uint8Array, off: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(b[off + i].toString(16).padStart(2, '0'));
  return parts.join(':');
}

function bytesHex(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}

/** Seconds with nanosecond digits, as Wireshark's relative time: `0.061411200`. */
export function secondsText(ns: number): string {
  const s = Math.floor(ns / 1e9);
  return `${s}.${String(Math.round(ns - s * 1e9)).padStart(9, '0')}`;
}

const TCP_FLAG_NAMES: [number, string][] = [
  [0x01, 'FIN'],
  [0x02, 'SYN'],
  [0x04, 'RST'],
  [0x08, 'PSH'],
  [0x10, 'ACK'],
  [0x20, 'URG'],
  [0x40, 'ECE'],
  [0x80, 'CWR'],
];

/** Build the field tree of an Ethernet/IPv4/TCP frame. Never throws: bad bytes give `error`. */
export function buildPacketTree(bytes: Uint8Array, info: FrameInfo): PacketTree {
  const nodes: TreeNode[] = [];
  nodes.push(
    node('frame', m('inspFrame', { n: info.number, len: bytes.length }), 0, bytes.length, undefined, {
      children: [
        derived('frame.time', m('inspCaptureTime'), m('inspSecondsValue', { s: secondsText(info.t) })),
        derived('frame.iface', m('inspInterface'), info.iface),
        derived('frame.dir', m('inspDirection'), m(info.direction === 'inbound' ? 'inspInbound' : 'inspOutbound')),
        derived('frame.len', m('inspFrameLength'), m('inspBytesValue', { n: bytes.length })),
        derived('frame.id', m('inspPacketId'), String(info.packetId)),
      ],
    }),
  );
  const parsed = parseIpv4Tcp(bytes, LINKTYPE_ETHERNET);
  if (!parsed.ok) return { bytes, nodes, error: `${parsed.error.code} at byte ${parsed.error.offset}: ${parsed.error.message}` };
  const p = parsed.value.packet;

  // Ethernet II (the frame's first 14 bytes).
  nodes.push(
    node('eth', m('inspEth', { src: macText(bytes, 6), dst: macText(bytes, 0) }), 0, ETH_HEADER_LEN, undefined, {
      children: [
        node('eth.dst', m('inspEthDst'), 0, 6, macText(bytes, 0)),
        node('eth.src', m('inspEthSrc'), 6, 12, macText(bytes, 6)),
        node('eth.type', m('inspEthType'), 12, 14, 'IPv4 (0x0800)'),
      ],
    }),
  );

  // IPv4 (RFC 791 §3.1).
  const ip = ETH_HEADER_LEN;
  const ihl = (bytes[ip] & 15) * 4;
  const totalLen = (bytes[ip + IPV4_FIELD.TOTAL_LEN] << 8) | bytes[ip + IPV4_FIELD.TOTAL_LEN + 1];
  const ff = (bytes[ip + IPV4_FIELD.FLAGS_FRAG] << 8) | bytes[ip + IPV4_FIELD.FLAGS_FRAG + 1];
  const ipSum = (bytes[ip + IPV4_FIELD.CHECKSUM] << 8) | bytes[ip + IPV4_FIELD.CHECKSUM + 1];
  const F = (o: number): number => ip + o;
  nodes.push(
    node('ip', m('inspIp', { src: ipText(p.src, info.names), dst: ipText(p.dst, info.names) }), ip, ip + ihl, undefined, {
      children: [
        node('ip.version', m('inspIpVersion'), F(0), F(1), String(bytes[ip] >> 4), { mask: 0xf0 }),
        node('ip.hdr_len', m('inspHeaderLength'), F(0), F(1), m('inspBytesWords', { bytes: ihl, words: ihl / 4 }), { mask: 0x0f }),
        node('ip.dsfield', m('inspIpDsfield'), F(1), F(2), hex(bytes[ip + 1], 2)),
        node('ip.len', m('inspIpTotalLength'), F(IPV4_FIELD.TOTAL_LEN), F(IPV4_FIELD.TOTAL_LEN + 2), String(totalLen)),
        node('ip.id', m('inspIpId'), F(IPV4_FIELD.IDENT), F(IPV4_FIELD.IDENT + 2), `${hex(p.ipId, 4)} (${p.ipId})`),
        node(
          'ip.flags',
          m('inspFlags'),
          F(IPV4_FIELD.FLAGS_FRAG),
          F(IPV4_FIELD.FLAGS_FRAG + 1),
          (ff & 0x4000) !== 0 ? m('inspIpFlagsDf', { hex: hex(ff >> 13, 1) }) : hex(ff >> 13, 1),
          {
            mask: 0xe0,
            children: [
              node('ip.flags.rb', m('inspIpFlagRb'), F(6), F(7), setOrNot((ff & 0x8000) !== 0), { mask: 0x80 }),
              node('ip.flags.df', m('inspIpFlagDf'), F(6), F(7), setOrNot((ff & 0x4000) !== 0), { mask: 0x40 }),
              node('ip.flags.mf', m('inspIpFlagMf'), F(6), F(7), setOrNot((ff & 0x2000) !== 0), { mask: 0x20 }),
            ],
          },
        ),
        node('ip.frag_offset', m('inspIpFragOffset'), F(6), F(8), String(ff & 0x1fff), { mask: 0x1fff }),
        node('ip.ttl', m('inspIpTtl'), F(IPV4_FIELD.TTL), F(IPV4_FIELD.TTL + 1), String(p.ttl)),
        node('ip.proto', m('inspIpProtocol'), F(IPV4_FIELD.PROTOCOL), F(IPV4_FIELD.PROTOCOL + 1), 'TCP (6)'),
        checksumNode('ip.checksum', 'inspIpChecksum', F(IPV4_FIELD.CHECKSUM), ipSum, parsed.value.ipChecksumOk),
        node('ip.src', m('inspIpSrc'), F(IPV4_FIELD.SRC), F(IPV4_FIELD.SRC + 4), ipText(p.src, info.names)),
        node('ip.dst', m('inspIpDst'), F(IPV4_FIELD.DST), F(IPV4_FIELD.DST + 4), ipText(p.dst, info.names)),
      ],
    }),
  );

  // TCP (RFC 9293 §3.1).
  const tcp = ip + ihl;
  const hl = (bytes[tcp + TCP_FIELD.DATA_OFF] >> 4) * 4;
  const T = (o: number): number => tcp + o;
  const seqBase = info.seqBase ?? -1;
  const ackBase = info.ackBase ?? -1;
  const hasAck = (p.flags & 0x10) !== 0;
  const seqRel = seqBase >= 0 ? (p.seq - seqBase) >>> 0 : null;
  const ackRel = ackBase >= 0 ? (p.ack - ackBase) >>> 0 : null;
  const flagsWord = ((bytes[tcp + 12] & 0x0f) << 8) | bytes[tcp + 13];
  const flagNames = TCP_FLAG_NAMES.filter(([b]) => (p.flags & b) !== 0).map(([, n]) => n).join(', ');
  const tcpSum = (bytes[tcp + TCP_FIELD.CHECKSUM] << 8) | bytes[tcp + TCP_FIELD.CHECKSUM + 1];
  const urg = (bytes[tcp + TCP_FIELD.URGENT] << 8) | bytes[tcp + TCP_FIELD.URGENT + 1];
  const seqShown = seqRel ?? p.seq;
  const ackShown = ackRel ?? p.ack;
  const tcpChildren: TreeNode[] = [
    node('tcp.srcport', m('inspTcpSrcPort'), T(0), T(2), String(p.sport)),
    node('tcp.dstport', m('inspTcpDstPort'), T(2), T(4), String(p.dport)),
  ];
  if (seqRel !== null) tcpChildren.push(node('tcp.seq', m('inspTcpSeq'), T(4), T(8), m('inspRelValue', { value: seqRel })));
  tcpChildren.push(node('tcp.seq_raw', m('inspTcpSeqRaw'), T(4), T(8), String(p.seq)));
  if (hasAck && ackRel !== null) tcpChildren.push(node('tcp.ack', m('inspTcpAck'), T(8), T(12), m('inspRelValue', { value: ackRel })));
  tcpChildren.push(node('tcp.ack_raw', m('inspTcpAckRaw'), T(8), T(12), String(p.ack)));
  tcpChildren.push(
    node('tcp.hdr_len', m('inspHeaderLength'), T(12), T(13), m('inspBytesWords', { bytes: hl, words: hl / 4 }), { mask: 0xf0 }),
    node('tcp.flags', m('inspFlags'), T(12), T(14), `${hex(flagsWord, 3)}${flagNames ? ` (${flagNames})` : ''}`, {
      mask: 0x0fff,
      children: [
        node('tcp.flags.res', m('inspTcpFlagRes'), T(12), T(14), setOrNot((flagsWord & 0xe00) !== 0), { mask: 0x0e00 }),
        node('tcp.flags.ae', m('inspTcpFlagAe'), T(12), T(14), setOrNot((flagsWord & 0x100) !== 0), { mask: 0x0100 }),
        node('tcp.flags.cwr', m('inspTcpFlagCwr'), T(12), T(14), setOrNot((p.flags & 0x80) !== 0), { mask: 0x0080 }),
        node('tcp.flags.ece', m('inspTcpFlagEce'), T(12), T(14), setOrNot((p.flags & 0x40) !== 0), { mask: 0x0040 }),
        node('tcp.flags.urg', m('inspTcpFlagUrg'), T(12), T(14), setOrNot((p.flags & 0x20) !== 0), { mask: 0x0020 }),
        node('tcp.flags.ack', m('inspTcpFlagAck'), T(12), T(14), setOrNot((p.flags & 0x10) !== 0), { mask: 0x0010 }),
        node('tcp.flags.push', m('inspTcpFlagPsh'), T(12), T(14), setOrNot((p.flags & 0x08) !== 0), { mask: 0x0008 }),
        node('tcp.flags.reset', m('inspTcpFlagRst'), T(12), T(14), setOrNot((p.flags & 0x04) !== 0), { mask: 0x0004 }),
        node('tcp.flags.syn', m('inspTcpFlagSyn'), T(12), T(14), setOrNot((p.flags & 0x02) !== 0), { mask: 0x0002 }),
        node('tcp.flags.fin', m('inspTcpFlagFin'), T(12), T(14), setOrNot((p.flags & 0x01) !== 0), { mask: 0x0001 }),
      ],
    }),
    node('tcp.window', m('inspTcpWindow'), T(TCP_FIELD.WIN_SIZE), T(TCP_FIELD.WIN_SIZE + 2), String(p.win)),
    checksumNode('tcp.checksum', 'inspTcpChecksum', T(TCP_FIELD.CHECKSUM), tcpSum, parsed.value.tcpChecksumOk),
    node('tcp.urgent', m('inspTcpUrgent'), T(TCP_FIELD.URGENT), T(TCP_FIELD.URGENT + 2), String(urg)),
  );
  if (hl > TCP_FIELD.OPTIONS) {
    const optNodes = tcpOptionNodes(bytes, T(TCP_FIELD.OPTIONS), tcp + hl, p.flags, p.payloadLen, info);
    tcpChildren.push(
      node('tcp.options', m('inspTcpOptions', { n: hl - TCP_FIELD.OPTIONS }), T(TCP_FIELD.OPTIONS), tcp + hl, undefined, { children: optNodes }),
    );
  }
  const tcpName = hasAck
    ? m('inspTcp', { sport: p.sport, dport: p.dport, seq: seqShown, ack: ackShown, len: p.payloadLen })
    : m('inspTcpNoAck', { sport: p.sport, dport: p.dport, seq: seqShown, len: p.payloadLen });
  nodes.push(node('tcp', tcpName, tcp, tcp + hl, undefined, { children: tcpChildren }));
  const payloadStart = tcp + hl;
  if (p.payloadLen > 0) {
    nodes.push(node('payload', m('inspPayload', { n: p.payloadLen }), payloadStart, Math.min(bytes.length, payloadStart + p.payloadLen)));
  }
  return { bytes, nodes, error: null };
}

const OPTION_NAMES: Record<number, string> = { 0: 'EOL', 1: 'NOP', 2: 'MSS', 3: 'WS', 4: 'SACK_PERM', 5: 'SACK', 8: 'TS', 30: 'MPTCP' };

/** The TCP options in bytes [from, to), one node each (NOPs included, as Wireshark lists them). */
function tcpOptionNodes(bytes: Uint8Array, from: number, to: number, tcpFlags: number, payloadLen: number, info: FrameInfo): TreeNode[] {
  const out: TreeNode[] = [];
  let i = from;
  // Ids by kind and occurrence (`tcp.opt.mptcp0`, `tcp.opt.nop1`): stable across packets whatever
  // options precede, so an opened option stays open from one packet to the next.
  const seen = new Map<string, number>();
  while (i < to) {
    const kind = bytes[i];
    const tag = (OPTION_NAMES[kind] ?? `kind${kind}`).toLowerCase().replace('_', '');
    const k = seen.get(tag) ?? 0;
    seen.set(tag, k + 1);
    const id = `tcp.opt.${tag}${k}`;
    const kindNode = node(`${id}.kind`, m('inspKind'), i, i + 1, `${OPTION_NAMES[kind] ?? '?'} (${kind})`);
    if (kind === 0) {
      out.push(node(id, m('inspOptEol'), i, to, undefined, { children: [kindNode] }));
      break;
    }
    if (kind === 1) {
      out.push(node(id, m('inspOptNop'), i, i + 1, undefined, { children: [kindNode] }));
      i++;
      continue;
    }
    const len = i + 1 < to ? bytes[i + 1] : 0;
    if (len < 2 || i + len > to) {
      out.push(node(id, m('inspOptBad', { kind }), i, to, undefined, { warn: true, children: [kindNode] }));
      break;
    }
    const lenNode = node(`${id}.len`, m('inspLength'), i + 1, i + 2, String(len));
    const get16 = (o: number): number => (bytes[o] << 8) | bytes[o + 1];
    const get32 = (o: number): number => ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
    switch (kind) {
      case 2: {
        const mss = get16(i + 2);
        out.push(
          node(id, m('inspOptMss', { mss }), i, i + len, undefined, {
            children: [kindNode, lenNode, node(`${id}.mss`, m('inspMssValue'), i + 2, i + 4, String(mss))],
          }),
        );
        break;
      }
      case 3: {
        const shift = bytes[i + 2];
        out.push(
          node(id, m('inspOptWs', { shift, mult: 2 ** shift }), i, i + len, undefined, {
            children: [
              kindNode,
              lenNode,
              node(`${id}.shift`, m('inspWsShift'), i + 2, i + 3, String(shift)),
              derived(`${id}.mult`, m('inspWsMultiplier'), String(2 ** shift)),
            ],
          }),
        );
        break;
      }
      case 4:
        out.push(node(id, m('inspOptSackPerm'), i, i + len, undefined, { children: [kindNode, lenNode] }));
        break;
      case 5: {
        const blocks: TreeNode[] = [];
        const ranges: string[] = [];
        const base = info.ackBase ?? -1;
        for (let b = i + 2; b + 8 <= i + len; b += 8) {
          const le = get32(b);
          const re = get32(b + 4);
          const l = base >= 0 ? (le - base) >>> 0 : le;
          const r = base >= 0 ? (re - base) >>> 0 : re;
          ranges.push(`${l}-${r}`);
          blocks.push(node(`${id}.le${b - i}`, m('inspSackLeft'), b, b + 4, String(l)), node(`${id}.re${b - i}`, m('inspSackRight'), b + 4, b + 8, String(r)));
        }
        out.push(node(id, m('inspOptSack', { ranges: ranges.join(', ') }), i, i + len, undefined, { children: [kindNode, lenNode, ...blocks] }));
        break;
      }
      case 8: {
        const val = get32(i + 2);
        const ecr = get32(i + 6);
        out.push(
          node(id, m('inspOptTs', { val, ecr }), i, i + len, undefined, {
            children: [
              kindNode,
              lenNode,
              node(`${id}.tsval`, m('inspTsVal'), i + 2, i + 6, String(val)),
              node(`${id}.tsecr`, m('inspTsEcr'), i + 6, i + 10, String(ecr)),
            ],
          }),
        );
        break;
      }
      case 30:
        out.push(mptcpNode(bytes, i, len, id, kindNode, lenNode, tcpFlags, payloadLen, info));
        break;
      default:
        out.push(node(id, m('inspOptUnknown', { kind }), i, i + len, undefined, { children: [kindNode, lenNode] }));
    }
    i += len;
  }
  return out;
}

const SUBTYPE_TEXT = (st: number): string => `${SUBTYPE_NAMES[st] ?? 'UNKNOWN'} (${st})`;

/**
 * A key, followed by the token and IDSN derived from it (RFC 8684 §3.1: the token is the most
 * significant 32 bits of SHA-256(key), the IDSN the least significant 64), as siblings so they are
 * in view whenever the option is open.
 */
function keyNodes(id: string, name: InspectorKey, start: number, key: bigint): TreeNode[] {
  const { token, idsn } = keyToTokenAndIdsn(key);
  return [
    node(id, m(name), start, start + 8, hex(key, 16)),
    derived(`${id}.token`, m('inspKeyToken'), hex(token, 8)),
    derived(`${id}.idsn`, m('inspKeyIdsn'), idsn.toString()),
  ];
}

function relNode(id: string, name: InspectorKey, v: bigint, base: bigint | null | undefined, bits: 32 | 64): TreeNode[] {
  if (base === null || base === undefined) return [];
  return [derived(id, m(name), BigInt.asUintN(bits, v - base).toString())];
}

/** One MPTCP option (kind 30) at bytes [o, o+len): decoded by wire/'s parser with the segment as context. */
function mptcpNode(
  bytes: Uint8Array,
  o: number,
  len: number,
  id: string,
  kindNode: TreeNode,
  lenNode: TreeNode,
  tcpFlags: number,
  payloadLen: number,
  info: FrameInfo,
): TreeNode {
  const subtype = bytes[o + 2] >> 4;
  const subtypeNode = node(`${id}.subtype`, m('inspMptcpSubtype'), o + 2, o + 3, SUBTYPE_TEXT(subtype), { mask: 0xf0 });
  const r = parseMptcpOption(bytes, o, len, { tcpFlags, payloadLen });
  if (!r.ok) {
    return node(id, m('inspOptMptcpBad', { message: r.error.message }), o, o + len, undefined, {
      warn: true,
      children: [kindNode, lenNode, subtypeNode, node(`${id}.raw`, m('inspOptionBytes'), o, o + len, bytesHex(bytes, o, o + len))],
    });
  }
  const rec: MptcpOption = r.value;
  const kids: TreeNode[] = [kindNode, lenNode, subtypeNode];
  const title = rec.kind === 'UNKNOWN' ? `subtype ${subtype}` : rec.kind;
  switch (rec.kind) {
    case 'MP_CAPABLE': {
      const fb = bytes[o + 3];
      kids.push(
        node(`${id}.version`, m('inspMptcpVersion'), o + 2, o + 3, String(rec.version), { mask: 0x0f }),
        node(`${id}.flags`, m('inspFlags'), o + 3, o + 4, hex(fb, 2), {
          children: [
            node(`${id}.flags.a`, m('inspMpcFlagA'), o + 3, o + 4, setOrNot((fb & MPC_FLAG_A) !== 0), { mask: MPC_FLAG_A }),
            node(`${id}.flags.b`, m('inspMpcFlagB'), o + 3, o + 4, setOrNot((fb & MPC_FLAG_B) !== 0), { mask: MPC_FLAG_B }),
            node(`${id}.flags.c`, m('inspMpcFlagC'), o + 3, o + 4, setOrNot((fb & MPC_FLAG_C) !== 0), { mask: MPC_FLAG_C }),
            node(`${id}.flags.dg`, m('inspMpcFlagDG'), o + 3, o + 4, hex((fb >> 1) & 0x0f, 1), { mask: 0x1e }),
            node(`${id}.flags.h`, m('inspMpcFlagH'), o + 3, o + 4, setOrNot((fb & MPC_FLAG_H) !== 0), { mask: MPC_FLAG_H }),
          ],
        }),
      );
      if (rec.senderKey !== undefined) kids.push(...keyNodes(`${id}.sendkey`, 'inspSenderKey', o + 4, rec.senderKey));
      if (rec.receiverKey !== undefined) kids.push(...keyNodes(`${id}.recvkey`, 'inspReceiverKey', o + 12, rec.receiverKey));
      if (rec.dataLevelLength !== undefined) kids.push(node(`${id}.dll`, m('inspDataLevelLength'), o + 20, o + 22, String(rec.dataLevelLength)));
      if (rec.checksum !== undefined) kids.push(node(`${id}.csum`, m('inspDssChecksum'), o + 22, o + 24, hex(rec.checksum, 4)));
      break;
    }
    case 'MP_JOIN': {
      if (rec.form === 'ack') {
        kids.push(
          node(`${id}.reserved`, m('inspReserved'), o + 2, o + 4, hex(((bytes[o + 2] & 0x0f) << 8) | bytes[o + 3], 3), { mask: 0x0fff }),
          node(`${id}.hmac`, m('inspSenderHmac'), o + 4, o + 24, bytesHex(bytes, o + 4, o + 24)),
        );
        break;
      }
      kids.push(
        node(`${id}.backup`, m('inspBackupFlag'), o + 2, o + 3, setOrNot(rec.backup), { mask: MPJ_FLAG_B }),
        node(`${id}.addrid`, m('inspAddressId'), o + 3, o + 4, String(rec.addressId)),
      );
      if (rec.form === 'syn') {
        kids.push(
          node(`${id}.token`, m('inspReceiverToken'), o + 4, o + 8, hex(rec.receiverToken, 8)),
          node(`${id}.nonce`, m('inspSenderNonce'), o + 8, o + 12, hex(rec.senderNonce, 8)),
        );
      } else {
        kids.push(
          node(`${id}.trunchmac`, m('inspSenderTruncHmac'), o + 4, o + 12, hex(rec.senderTruncatedHmac, 16)),
          node(`${id}.nonce`, m('inspSenderNonce'), o + 12, o + 16, hex(rec.senderNonce, 8)),
        );
      }
      break;
    }
    case 'DSS': {
      const fb = bytes[o + 3];
      kids.push(
        node(`${id}.flags`, m('inspFlags'), o + 3, o + 4, hex(fb, 2), {
          children: [
            node(`${id}.flags.F`, m('inspDssFlagF'), o + 3, o + 4, setOrNot((fb & DSS_FLAG_DATA_FIN) !== 0), { mask: DSS_FLAG_DATA_FIN }),
            node(`${id}.flags.m`, m('inspDssFlagm'), o + 3, o + 4, setOrNot((fb & DSS_FLAG_DSN64) !== 0), { mask: DSS_FLAG_DSN64 }),
            node(`${id}.flags.M`, m('inspDssFlagM'), o + 3, o + 4, setOrNot((fb & DSS_FLAG_MAP) !== 0), { mask: DSS_FLAG_MAP }),
            node(`${id}.flags.a`, m('inspDssFlaga'), o + 3, o + 4, setOrNot((fb & DSS_FLAG_ACK64) !== 0), { mask: DSS_FLAG_ACK64 }),
            node(`${id}.flags.A`, m('inspDssFlagA'), o + 3, o + 4, setOrNot((fb & DSS_FLAG_ACK) !== 0), { mask: DSS_FLAG_ACK }),
          ],
        }),
      );
      let at = o + 4;
      if (rec.dataAck !== undefined) {
        const n = rec.ack64 === true ? 8 : 4;
        kids.push(
          node(`${id}.ack`, m('inspDataAck'), at, at + n, rec.dataAck.toString()),
          ...relNode(`${id}.ack.rel`, 'inspDataAckRel', rec.dataAck, info.peerIdsn, n === 8 ? 64 : 32),
        );
        at += n;
      }
      const map = rec.mapping;
      if (map !== undefined) {
        const n = map.dsn64 ? 8 : 4;
        kids.push(
          node(`${id}.dsn`, m('inspDsn'), at, at + n, map.dsn.toString()),
          ...relNode(`${id}.dsn.rel`, 'inspDsnRel', map.dsn, info.ownIdsn, n === 8 ? 64 : 32),
          node(`${id}.ssn`, m('inspSsn'), at + n, at + n + 4, String(map.subflowSeq)),
          node(
            `${id}.dll`,
            m('inspDataLevelLength'),
            at + n + 4,
            at + n + 6,
            map.dataLevelLength === 0 ? m('inspInfiniteMapping') : String(map.dataLevelLength),
          ),
        );
        if (map.checksum !== undefined) kids.push(node(`${id}.csum`, m('inspDssChecksum'), at + n + 6, at + n + 8, hex(map.checksum, 4)));
      }
      break;
    }
    case 'ADD_ADDR': {
      const alen = rec.ipVersion === 6 ? 16 : 4;
      kids.push(
        node(`${id}.echo`, m('inspEchoFlag'), o + 2, o + 3, setOrNot(rec.echo), { mask: ADD_ADDR_FLAG_E }),
        node(`${id}.addrid`, m('inspAddressId'), o + 3, o + 4, String(rec.addressId)),
        node(`${id}.addr`, m(rec.ipVersion === 6 ? 'inspAddrV6' : 'inspAddrV4'), o + 4, o + 4 + alen, rec.address),
      );
      let at = o + 4 + alen;
      if (rec.port !== undefined) {
        kids.push(node(`${id}.port`, m('inspPort'), at, at + 2, String(rec.port)));
        at += 2;
      }
      if (rec.truncatedHmac !== undefined) kids.push(node(`${id}.hmac`, m('inspAddAddrHmac'), at, at + 8, hex(rec.truncatedHmac, 16)));
      break;
    }
    case 'REMOVE_ADDR':
      rec.addressIds.forEach((aid, j) => kids.push(node(`${id}.addrid${j}`, m('inspAddressId'), o + 3 + j, o + 4 + j, String(aid))));
      break;
    case 'MP_PRIO':
      kids.push(node(`${id}.backup`, m('inspBackupFlag'), o + 2, o + 3, setOrNot(rec.backup), { mask: MP_PRIO_FLAG_B }));
      break;
    case 'MP_FAIL':
      kids.push(
        node(`${id}.reserved`, m('inspReserved'), o + 2, o + 4, hex(((bytes[o + 2] & 0x0f) << 8) | bytes[o + 3], 3), { mask: 0x0fff }),
        node(`${id}.dsn`, m('inspDsn'), o + 4, o + 12, rec.dsn.toString()),
        ...relNode(`${id}.dsn.rel`, 'inspDsnRel', rec.dsn, info.peerIdsn, 64),
      );
      break;
    case 'MP_FASTCLOSE':
      kids.push(
        node(`${id}.reserved`, m('inspReserved'), o + 2, o + 4, hex(((bytes[o + 2] & 0x0f) << 8) | bytes[o + 3], 3), { mask: 0x0fff }),
        ...keyNodes(`${id}.recvkey`, 'inspReceiverKey', o + 4, rec.receiverKey),
      );
      break;
    case 'MP_TCPRST': {
      const reasonKey = REASON_KEYS[rec.reason];
      kids.push(
        node(`${id}.flags`, m('inspTcprstFlags'), o + 2, o + 3, hex(bytes[o + 2] & 0x0f, 1), {
          mask: 0x0f,
          children: [node(`${id}.flags.t`, m('inspTcprstFlagT'), o + 2, o + 3, setOrNot(rec.transient), { mask: MP_TCPRST_FLAG_T })],
        }),
        node(`${id}.reason`, m('inspTcprstReason'), o + 3, o + 4, m(reasonKey ?? 'inspReasonUnassigned', { code: rec.reason })),
      );
      break;
    }
    default:
      kids.push(node(`${id}.raw`, m('inspOptionBytes'), o, o + len, bytesHex(bytes, o, o + len)));
  }
  return node(id, m('inspOptMptcp', { name: title }), o, o + len, undefined, { children: kids });
}

/** MP_TCPRST reason codes 0–6 (RFC 8684 §3.6) → their strings. */
const REASON_KEYS: readonly InspectorKey[] = [
  'inspReason0',
  'inspReason1',
  'inspReason2',
  'inspReason3',
  'inspReason4',
  'inspReason5',
  'inspReason6',
];

/** A tree row as the tree view shows it: the node, its depth and its place among its siblings. */
export interface FlatNode {
  node: TreeNode;
  /** 1-based (aria-level). */
  level: number;
  /** 1-based position among its siblings, and how many they are (aria-posinset/-setsize). */
  pos: number;
  size: number;
  parent: string | null;
}

/** The rows a tree view shows: every node whose ancestors are all in `expanded`, in document order. */
export function flattenVisible(nodes: readonly TreeNode[], expanded: ReadonlySet<string>): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (list: readonly TreeNode[], level: number, parent: string | null): void => {
    list.forEach((n, i) => {
      out.push({ node: n, level, pos: i + 1, size: list.length, parent });
      if (n.children.length > 0 && expanded.has(n.id)) walk(n.children, level + 1, n.id);
    });
  };
  walk(nodes, 1, null);
  return out;
}

/** The nodes from the root down to the deepest one whose bytes hold `offset` (empty when none). */
export function nodePathAt(nodes: readonly TreeNode[], offset: number): TreeNode[] {
  const path: TreeNode[] = [];
  let list = nodes;
  for (;;) {
    // The smallest covering range wins among siblings (overlaps only come from bit fields).
    let best: TreeNode | null = null;
    for (const n of list) {
      if (n.derived || n.start === n.end) continue;
      if (offset >= n.start && offset < n.end && (best === null || n.end - n.start < best.end - best.start)) best = n;
    }
    if (best === null) return path;
    path.push(best);
    list = best.children;
  }
}

/** The node with id `id` and its ancestors' ids (outermost first), or null. */
export function findNode(nodes: readonly TreeNode[], id: string): { node: TreeNode; ancestors: string[] } | null {
  const walk = (list: readonly TreeNode[], anc: string[]): { node: TreeNode; ancestors: string[] } | null => {
    for (const n of list) {
      if (n.id === id) return { node: n, ancestors: anc };
      const r = walk(n.children, [...anc, n.id]);
      if (r) return r;
    }
    return null;
  };
  return walk(nodes, []);
}

/**
 * Wireshark's bit picture of a bit field: the bits of bytes [start, end) under `mask` as 0/1, the
 * others as '.', in groups of 4: `0100 ....` for the IPv4 version.
 */
export function bitPattern(bytes: Uint8Array, start: number, end: number, mask: number): string {
  const width = (end - start) * 8;
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + bytes[i];
  let s = '';
  for (let b = width - 1; b >= 0; b--) {
    const bit = 2 ** b;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    s += inMask ? String(Math.floor(v / bit) % 2) : '.';
    if (b % 4 === 0 && b > 0) s += ' ';
  }
  return s;
}

/** One line of the hex dump: its offset and the byte indices [start, end) it shows. */
export interface HexRow {
  offset: number;
  start: number;
  end: number;
}

/** The hex dump's lines for `length` bytes, `perRow` a line (Wireshark: 16). */
export function hexRows(length: number, perRow: number): HexRow[] {
  const rows: HexRow[] = [];
  for (let o = 0; o < length; o += perRow) rows.push({ offset: o, start: o, end: Math.min(length, o + perRow) });
  return rows;
}

/** A byte as two hex digits, and as the printable ASCII character Wireshark shows (or '.'). */
export function hexByte(b: number): string {
  return b.toString(16).padStart(2, '0');
}
export function asciiByte(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/** Ids of the nodes a new packet opens with: the TCP header, its options and each MPTCP option. */
export function defaultExpanded(nodes: readonly TreeNode[]): Set<string> {
  const open = new Set<string>(['tcp', 'tcp.options']);
  const tcp = nodes.find((n) => n.id === 'tcp');
  const opts = tcp?.children.find((n) => n.id === 'tcp.options');
  for (const o of opts?.children ?? []) if (o.name.key === 'inspOptMptcp') open.add(o.id);
  return open;
}
