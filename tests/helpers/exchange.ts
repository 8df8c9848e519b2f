/**
 * Exchange tests (packetdrill-like): run a scenario through the real simulator, optionally reaching
 * inside before it starts (tamper with packets on a link, schedule an action), and render the
 * captured packets as compact lines, so a test reads like a script of the exchange on the wire:
 *
 *   p1 c2s SYN mss=1460 MP_CAPABLE[4](v1 h)
 *   p1 s2c SYN,ACK mss=1460 MP_CAPABLE[12](v1 h key=Ks)
 *   p1 c2s ACK MP_CAPABLE[20](v1 h key=Kc rkey=Ks)
 *   p1 c2s ACK len=1424 MP_CAPABLE[22](v1 h key=Kc rkey=Ks dll=1424)
 *   p1 s2c ACK DSS[12](ack64=1425)
 *
 * - `pK` is the path, `c2s`/`s2c` the direction; TCP flags as kernel-ref's summary writes them
 *   (PSH left out: it says nothing about MPTCP and moves with the TCP send path); `len=` the payload.
 * - Each MPTCP option is `NAME[length byte](fields)`: the length is the option's own length byte as
 *   the wire codec encodes it (RFC 8684 figures; padding NOPs excluded).
 * - Keys, tokens, nonces and HMACs print as the names the test gave them (`names`), else in hex.
 * - DSNs and DATA_ACKs print relative to the IDSN of the side whose data they number, as Wireshark's
 *   relative sequence numbers: the first data byte is 1, so `ack64=1425` acknowledges 1424 bytes.
 *   The MP_CAPABLE data segment's implicit mapping is DSN IDSN + 1 ↔ subflow sequence 1.
 */
import type { Packet } from '../../src/core/net/packet';
import { ACK, FIN, RST, SYN } from '../../src/core/net/packet';
import type { CaptureRecord, Dir, Side, Trace } from '../../src/core/sim/trace';
import type { World } from '../../src/core/sim/world';
import type { BulkTransfer } from '../../src/core/app/bulk-app';
import type { MptcpConnection } from '../../src/core/mptcp/connection';
import { executeRun, prepareRun, type RunOptions } from '../../src/core/sim/run';
import { dssFlags, mpCapableFlagsByte, mptcpOptionLength, type MptcpOption } from '../../src/core/wire/mptcp/index';
import type { Nanos } from '../../src/core/sim/time';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenario } from './scenario';
import { KERNEL_REF } from './paths';

const U64 = (1n << 64n) - 1n;

/** How to print one run's values: names for keys/tokens/nonces/HMACs and the IDSN of each side. */
export interface RenderContext {
  /** Exact values (bigint keys and HMACs, number tokens and nonces, hex of byte strings) → names. */
  names: Map<bigint | number | string, string>;
  /** IDSN of each side's data stream; DSNs and DATA_ACKs print relative to them when known. */
  idsn: Partial<Record<Side, bigint>>;
}

export function emptyContext(): RenderContext {
  return { names: new Map(), idsn: {} };
}

function hex(v: bigint | number, digits: number): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}

/** A byte string in hex, as MP_JOIN third-ACK HMACs are named in `RenderContext.names`. */
export function bytesHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

function named(ctx: RenderContext, v: bigint | number, digits: number): string {
  return ctx.names.get(v) ?? hex(v, digits);
}

/** A DSN numbering `side`'s data, relative to its IDSN (first data byte = 1), or hex when unknown. */
function relDsn(ctx: RenderContext, side: Side, v: bigint, ack32: boolean): string {
  const base = ctx.idsn[side];
  if (base === undefined) return hex(v, ack32 ? 8 : 16);
  const mask = ack32 ? 0xffffffffn : U64;
  return String((v - base) & mask);
}

/** TCP flags as kernel-ref's summary writes them ("SYN", "SYN,ACK", "FIN,ACK", "RST,ACK"); PSH left out. */
export function tcpFlags(f: number): string {
  const out: string[] = [];
  if (f & FIN) out.push('FIN');
  if (f & SYN) out.push('SYN');
  if (f & RST) out.push('RST');
  if (f & ACK) out.push('ACK');
  return out.join(',');
}

/** One MPTCP option as `NAME[len](fields)`; `dir` says whose data its DSNs number. */
export function renderOption(o: MptcpOption, dir: Dir, ctx: RenderContext): string {
  const sender: Side = dir === 'c2s' ? 'client' : 'server';
  const receiver: Side = dir === 'c2s' ? 'server' : 'client';
  const f: string[] = [];
  switch (o.kind) {
    case 'MP_CAPABLE': {
      f.push(`v${o.version}`);
      const fl = (['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const).filter((k) => o.flags[k] === true);
      f.push(fl.join(''));
      if (o.senderKey !== undefined) f.push(`key=${named(ctx, o.senderKey, 16)}`);
      if (o.receiverKey !== undefined) f.push(`rkey=${named(ctx, o.receiverKey, 16)}`);
      if (o.dataLevelLength !== undefined) f.push(`dll=${o.dataLevelLength}`);
      if (o.checksum !== undefined) f.push(`csum=${named(ctx, o.checksum, 4)}`);
      break;
    }
    case 'MP_JOIN':
      if (o.form === 'syn') {
        f.push('syn', `id=${o.addressId}`);
        if (o.backup) f.push('B');
        f.push(`token=${named(ctx, o.receiverToken, 8)}`, `nonce=${named(ctx, o.senderNonce, 8)}`);
      } else if (o.form === 'synAck') {
        f.push('synack', `id=${o.addressId}`);
        if (o.backup) f.push('B');
        f.push(`hmac=${named(ctx, o.senderTruncatedHmac, 16)}`, `nonce=${named(ctx, o.senderNonce, 8)}`);
      } else {
        const h = bytesHex(o.senderHmac);
        f.push('ack', `hmac=${ctx.names.get(h) ?? h}`);
      }
      break;
    case 'DSS':
      if (o.dataAck !== undefined) {
        const a64 = o.ack64 === true;
        f.push(`${a64 ? 'ack64' : 'ack32'}=${relDsn(ctx, receiver, o.dataAck, !a64)}`);
      }
      if (o.mapping !== undefined) {
        const m = o.mapping;
        f.push(`${m.dsn64 ? 'dsn64' : 'dsn32'}=${relDsn(ctx, sender, m.dsn, !m.dsn64)}`, `ssn=${m.subflowSeq}`, `dll=${m.dataLevelLength}`);
        if (m.checksum !== undefined) f.push(`csum=${named(ctx, m.checksum, 4)}`);
      }
      if (o.dataFin) f.push('F');
      break;
    case 'ADD_ADDR':
      if (o.echo) f.push('echo');
      f.push(`id=${o.addressId}`, `${o.address}${o.port !== undefined ? `:${o.port}` : ''}`);
      if (o.truncatedHmac !== undefined) f.push(`hmac=${named(ctx, o.truncatedHmac, 16)}`);
      break;
    case 'REMOVE_ADDR':
      f.push(`ids=${o.addressIds.join(',')}`);
      break;
    case 'MP_PRIO':
      f.push(o.backup ? 'B' : 'no-B');
      break;
    case 'MP_FAIL': {
      // the DSN of the mapping that failed, which numbers the option receiver's data (RFC 8684 §3.7);
      // a value far from that stream prints in hex
      const base = ctx.idsn[receiver];
      const rel = base === undefined ? -1n : (o.dsn - base) & U64;
      f.push(`dsn=${rel >= 0n && rel < 1n << 40n ? String(rel) : hex(o.dsn, 16)}`);
      break;
    }
    case 'MP_FASTCLOSE':
      f.push(`key=${named(ctx, o.receiverKey, 16)}`);
      break;
    case 'MP_TCPRST':
      f.push(`reason=${o.reason}`);
      if (o.transient) f.push('T');
      if (o.flags !== undefined && (o.flags & 0xe) !== 0) f.push(`flags=${hex(o.flags, 1)}`);
      break;
    case 'UNKNOWN':
      f.push(`subtype=${o.subtype}`);
      break;
  }
  return `${o.kind}[${mptcpOptionLength(o)}](${f.filter((s) => s !== '').join(' ')})`;
}

/** The MPTCP options of a packet as this module's records. */
export function optionsOf(p: Packet): readonly MptcpOption[] {
  return (p.mptcp ?? []) as unknown as readonly MptcpOption[];
}

/** One captured packet as one line (see the module comment). */
export function renderPacket(c: CaptureRecord, ctx: RenderContext = emptyContext()): string {
  const p = c.pkt;
  const parts = [`p${c.path}`, c.dir, tcpFlags(p.flags)];
  if (p.payloadLen > 0) parts.push(`len=${p.payloadLen}`);
  if (p.mss !== 0) parts.push(`mss=${p.mss}`);
  for (const o of optionsOf(p)) parts.push(renderOption(o, c.dir, ctx));
  return parts.join(' ');
}

/** Render a list of captures. */
export function renderAll(caps: readonly CaptureRecord[], ctx: RenderContext = emptyContext()): string[] {
  return caps.map((c) => renderPacket(c, ctx));
}

/** Does a packet carry an MPTCP option of this kind? */
export function hasOption(p: Packet, kind: MptcpOption['kind']): boolean {
  return optionsOf(p).some((o) => o.kind === kind);
}

/** The first MPTCP option of a kind on a packet, typed. */
export function optionOf<K extends MptcpOption['kind']>(p: Packet, kind: K): Extract<MptcpOption, { kind: K }> | undefined {
  return optionsOf(p).find((o) => o.kind === kind) as Extract<MptcpOption, { kind: K }> | undefined;
}

/** What a run gives an exchange test: the trace and the simulator objects it ran. */
export interface Exchange {
  trace: Trace;
  world: World;
  app: BulkTransfer;
  /** Names Kc/Ks (keys), Tc/Ts (tokens) of the first connection of each side, and both IDSNs. */
  ctx: RenderContext;
  /** Captures as lines; `side` picks the capture point ('server' is kernel-ref's default). */
  lines(filter?: (c: CaptureRecord) => boolean, side?: Side): string[];
  /** The captures of one capture point, in order. */
  caps(side?: Side): CaptureRecord[];
  /** trace.events of type 'mptcp' of one side, as `ev.type:…` strings (state from→to, fallback reason, …). */
  mptcpEvents(side: Side, type?: string): string[];
  /** `ip mptcp monitor` event types of one side, in order. */
  pmEventTypes(side: Side): string[];
  /** MPTcpExt counters of one side (absent = 0). */
  mib(side: Side): Record<string, number>;
}

export interface ExchangeSetup {
  world: World;
  app: BulkTransfer;
  /** The first MPTCP connection of a side once it exists (null before). */
  conn(side: Side): MptcpConnection | null;
  /** Run `fn` at simulated time `t` (ns). */
  at(t: Nanos, fn: (now: Nanos) => void): void;
  /**
   * Pass every packet entering the link of `path` in `dir` through `fn`, before the link's loss and
   * queue: return the packet (or a modified copy from `copyPacket`) to send it, or null to lose it.
   * Never modify the packet handed in: the sender's capture holds it.
   */
  tamper(path: number, dir: Dir, fn: (p: Packet, now: Nanos) => Packet | null): void;
}

/** A shallow copy of a packet with its own option list and option records (safe to edit). */
export function copyPacket(p: Packet): Packet {
  return { ...p, mptcp: p.mptcp === null ? null : p.mptcp.map((o) => ({ ...o })) };
}

/**
 * Run a raw kernel-ref-scenario/1 JSON through the simulator with server-and-client captures,
 * calling `setup` before the applications start.
 */
export function runExchange(raw: Record<string, unknown>, setup?: (s: ExchangeSetup) => void, opts: Partial<RunOptions> = {}): Exchange {
  const sc = scenario({ capture: { side: 'both' }, ...raw });
  const runOpts: RunOptions = { seed: sc.seed, captures: true, series: false, ...opts };
  const { world, app } = prepareRun(sc, runOpts);
  const conn = (side: Side): MptcpConnection | null => app.stacks[side].connections[0] ?? null;
  if (setup) {
    setup({
      world,
      app,
      conn,
      at: (t, fn) => world.engine.at(t, { fire: (_a: null, now: Nanos) => fn(now) }, null),
      tamper: (path, dir, fn) => {
        const link = world.links[path - 1][dir];
        const send = link.send.bind(link);
        link.send = (pkt: Packet, now: Nanos) => {
          const out = fn(pkt, now);
          if (out !== null) send(out, now);
        };
      },
    });
  }
  const trace = executeRun(world, app, sc, runOpts);
  const ctx = emptyContext();
  for (const [side, k, t] of [
    ['client', 'Kc', 'Tc'],
    ['server', 'Ks', 'Ts'],
  ] as const) {
    const c = conn(side);
    if (c === null) continue;
    ctx.names.set(c.localKey, k);
    ctx.names.set(c.localToken, t);
    ctx.idsn[side] = c.localIdsn;
  }
  const caps = (side: Side = 'server'): CaptureRecord[] => trace.captures.filter((c) => c.side === side);
  return {
    trace,
    world,
    app,
    ctx,
    caps,
    lines: (filter, side = 'server') => renderAll(filter ? caps(side).filter(filter) : caps(side), ctx),
    mptcpEvents: (side, type) => mptcpEventsOf(trace, side, type).map((e) => e.what),
    pmEventTypes: (side) => trace.pmEvents[side].map((e) => e.type),
    mib: (side) => trace.counters[side].MPTcpExt ?? {},
  };
}

/** The time (ns) of the first record matching, or -1. */
export function firstTime(caps: readonly CaptureRecord[], pred: (c: CaptureRecord) => boolean): Nanos {
  for (const c of caps) if (pred(c)) return c.t;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Kernel-ref comparison: a handshake packet in the vocabulary of kernel-ref's summary.json
// (`handshakes[].packets[]`: dir, tcp_flags, tcp_len, tcp_mss, mptcp_subtypes, mptcp fields), so a
// simulated exchange can be compared line by line with the real kernel's.

/** One packet of kernel-ref's `handshakes[].packets[]`. */
export interface KernelHandshakePacket {
  dir: Dir;
  tcp_flags: string;
  tcp_len: number;
  tcp_mss?: number;
  mptcp_subtypes: string[];
  mptcp?: Record<string, string>;
}

/** kernel-ref's handshake of one stream: its path and its packets. */
export interface KernelHandshake {
  stream: number;
  kind: string;
  path: number;
  packets: KernelHandshakePacket[];
}

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** A kernel-ref handshake packet as a comparison line (PSH dropped, like `tcpFlags`). */
export function kernelPacketLine(path: number, k: KernelHandshakePacket): string {
  const flags = k.tcp_flags
    .split(',')
    .filter((f) => f !== 'PSH')
    .join(',');
  const parts = [`p${path}`, k.dir, flags, `len=${k.tcp_len}`];
  if (k.tcp_mss !== undefined) parts.push(`mss=${k.tcp_mss}`);
  const m = k.mptcp ?? {};
  for (const st of k.mptcp_subtypes) {
    if (st === 'MP_CAPABLE') {
      const f = [`v${m.version}`, `flags=${m.flags}`];
      if (m.sender_key !== undefined) f.push('key');
      if (m.receiver_key !== undefined) f.push('rkey');
      if (m.data_level_length !== undefined) f.push(`dll=${m.data_level_length}`);
      parts.push(`MP_CAPABLE(${f.join(' ')})`);
    } else if (st === 'MP_JOIN') {
      if (m.receiver_token !== undefined) parts.push(`MP_JOIN(syn id=${m.addr_id} backup=${m.backup})`);
      else if (m.sender_truncated_hmac !== undefined) parts.push(`MP_JOIN(synack id=${m.addr_id} backup=${m.backup})`);
      else parts.push('MP_JOIN(ack)');
    } else if (st === 'DSS') parts.push(`DSS(flags=${m.flags})`);
    else parts.push(st);
  }
  return parts.join(' ');
}

/** A simulated packet as the same comparison line as `kernelPacketLine`. */
export function kernelStyleLine(c: CaptureRecord): string {
  const p = c.pkt;
  const parts = [`p${c.path}`, c.dir, tcpFlags(p.flags), `len=${p.payloadLen}`];
  if (p.mss !== 0) parts.push(`mss=${p.mss}`);
  for (const o of optionsOf(p)) {
    if (o.kind === 'MP_CAPABLE') {
      const f = [`v${o.version}`, `flags=${hex2(mpCapableFlagsByte(o.flags))}`];
      if (o.senderKey !== undefined) f.push('key');
      if (o.receiverKey !== undefined) f.push('rkey');
      if (o.dataLevelLength !== undefined) f.push(`dll=${o.dataLevelLength}`);
      parts.push(`MP_CAPABLE(${f.join(' ')})`);
    } else if (o.kind === 'MP_JOIN') {
      if (o.form === 'ack') parts.push('MP_JOIN(ack)');
      else parts.push(`MP_JOIN(${o.form === 'syn' ? 'syn' : 'synack'} id=${o.addressId} backup=${o.backup ? 1 : 0})`);
    } else if (o.kind === 'DSS') parts.push(`DSS(flags=${hex2(dssFlags(o))})`);
    else parts.push(o.kind);
  }
  return parts.join(' ');
}

export interface KernelRefSummary {
  handshakes: KernelHandshake[];
  pm_events: Record<Side, { t: number; type: string; [k: string]: unknown }[]>;
  kernel_counters: Record<Side, { MPTcpExt: Record<string, number> }>;
  app: { duration_s: number; stream_equal: boolean; [k: string]: unknown };
}

/** kernel-ref's summary.json of one of its example runs (`../shared/kernel-ref/results/<name>/`). */
export function kernelRefSummary(name: string): KernelRefSummary {
  return JSON.parse(readFileSync(resolve(KERNEL_REF, 'results', name, 'summary.json'), 'utf8'));
}

/** A kernel-ref example scenario (`../shared/kernel-ref/scenarios/<name>.json`) as raw JSON. */
export function kernelRefScenario(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(KERNEL_REF, 'scenarios', `${name}.json`), 'utf8'));
}

/** kernel-ref's a_aggregation (two paths, a client `subflow` endpoint on path 2) uploading `bytes`, with top-level overrides. */
export function twoPathUpload(bytes: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const raw = kernelRefScenario('a_aggregation');
  return { ...raw, expect: {}, app: { ...(raw.app as Record<string, unknown>), bytes }, ...over };
}

/** One 10 Mbit/s, 20 ms path, MPTCP on both sides, uploading `bytes`, with top-level overrides. */
export function onePathUpload(bytes: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }], app: { bytes, congestion_control: 'cubic' }, ...over };
}

/**
 * The trace's 'mptcp' events of one side as `{t, what}`, `what` being `state FROM→TO`,
 * `fallback REASON`, `subflow N WHAT` or `reinject from N`; `type` keeps one event type.
 */
export function mptcpEventsOf(tr: Trace, side: Side, type?: string): { t: Nanos; what: string }[] {
  const out: { t: Nanos; what: string }[] = [];
  for (const e of tr.events) {
    if (e.type !== 'mptcp' || e.side !== side) continue;
    const ev = e.ev;
    if (type !== undefined && ev.type !== type) continue;
    let what: string;
    if (ev.type === 'state') what = `state ${ev.from}→${ev.to}`;
    else if (ev.type === 'fallback') what = `fallback ${ev.reason}`;
    else if (ev.type === 'subflow') what = `subflow ${ev.subflow} ${ev.what}`;
    else what = `reinject from ${ev.from}`;
    out.push({ t: e.t, what });
  }
  return out;
}

/** The time (ns) of the first 'mptcp' event of `side` rendered as `what` (see mptcpEventsOf), or -1. */
export function mptcpEventTime(tr: Trace, side: Side, what: string): Nanos {
  return mptcpEventsOf(tr, side).find((e) => e.what === what)?.t ?? -1;
}

/**
 * The RSTs a closed (reset) socket sends after `first`, at capture point `side` in direction `dir`:
 * each must answer a segment of the other direction arriving on the same path at the same instant
 * (a bare RST at its ACK number: tcp_v4_send_reset for no socket). Returns how many there were.
 */
export function expectBareResetsAfter(x: Exchange, side: Side, dir: Dir, first: CaptureRecord): number {
  const later = x.caps(side).filter((c) => c.dir === dir && c.pkt.flags & RST && c.t > first.t);
  const incoming = x.caps(side).filter((c) => c.dir !== dir && !(c.pkt.flags & RST));
  for (const r of later) {
    const answered = incoming.find((c) => c.path === r.path && c.t === r.t && c.pkt.ack === r.pkt.seq);
    if (answered === undefined || r.pkt.mptcp !== null) throw new Error(`RST at ${r.t} on path ${r.path} answers no segment or carries MPTCP options`);
  }
  return later.length;
}
