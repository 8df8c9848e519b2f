/**
 * What the sequence views (connection and subflow time–sequence graphs, DSN ↔ SSN mapping) draw
 * from: one capture point, one data direction, one MPTCP connection.
 *
 * - Direction: the one that carried the most DSS-mapped payload (an upload is client → server).
 * - Capture point: the data sender's (its records are send times, as mptcptrace and tcptrace plot a
 *   sender-side trace); when the run captured only the receiver, the receiver's (arrival times).
 *   The page's runs capture both hosts (viewCaptures), so the sender's is the normal case.
 * - Connection: the MPTCP connection (ladder.ts groups subflows by token) with the most data.
 *
 * Relative numbers: DSNs relative to the sender's IDSN (RFC 8684 §3.3.1: the first data byte is
 * IDSN + 1), subflow sequence numbers relative to the subflow's ISN, as Wireshark's relative
 * sequence numbers.
 */
import type { CaptureRecord, Dir, Side } from '../core/sim/trace';
import { MPTCP_SUBTYPE } from '../core/wire/mptcp/types';
import { ladderFor, type LadderModel } from './ladder';

export interface SeqSource {
  model: LadderModel;
  /** The data direction, its sender and the capture point used. */
  dir: Dir;
  sender: Side;
  side: Side;
  /** True when `side` is the sender's. */
  atSender: boolean;
  /** Index into model.conns, or -1 (no MPTCP data: plain TCP or fallback). */
  conn: number;
  /** IDSN of the data sender (null when its key was not seen). */
  idsn: bigint | null;
  /** Indices into the captures of the records at `side` of the connection's subflows (time order). */
  records: Int32Array;
}

type Opt = { subtype: number } & Record<string, unknown>;

/** The DSS option of a packet, or null. */
export function dssOf(opts: readonly Opt[] | null): (Opt & { mapping?: { dsn: bigint; dsn64: boolean; subflowSeq: number; dataLevelLength: number }; dataAck?: bigint; ack64?: boolean }) | null {
  if (!opts) return null;
  for (const o of opts) if (o.subtype === MPTCP_SUBTYPE.DSS) return o;
  return null;
}

export type SeqMapping = { dsn: bigint; dsn64: boolean; subflowSeq: number; dataLevelLength: number };

/**
 * The data sequence mapping a packet carries: its DSS mapping, or MP_CAPABLE's on the first data
 * segment (RFC 8684 §3.1: Data-Level Length, mapped implicitly to DSN IDSN + 1 and subflow sequence
 * number 1), or null.
 */
export function mappingOf(opts: readonly ({ subtype: number } & Record<string, unknown>)[] | null, idsn: bigint | null): SeqMapping | null {
  if (!opts) return null;
  for (const o of opts) {
    if (o.subtype === MPTCP_SUBTYPE.DSS && o.mapping) return o.mapping as SeqMapping;
    if (o.subtype === MPTCP_SUBTYPE.MP_CAPABLE && typeof o.dataLevelLength === 'number' && idsn !== null) {
      return { dsn: idsn + 1n, dsn64: true, subflowSeq: 1, dataLevelLength: o.dataLevelLength };
    }
  }
  return null;
}

const cache = new WeakMap<readonly CaptureRecord[], SeqSource>();

/** The sequence views' source of a run's captures (computed once per run). */
export function seqSourceFor(captures: readonly CaptureRecord[]): SeqSource {
  let s = cache.get(captures);
  if (!s) {
    s = buildSeqSource(captures);
    cache.set(captures, s);
  }
  return s;
}

export function buildSeqSource(captures: readonly CaptureRecord[]): SeqSource {
  const model = ladderFor(captures);
  // Mapped payload bytes per (connection, direction), counted once per packet.
  const bytes = new Map<number, number>();
  const sides = new Set<Side>();
  for (let r = 0; r < model.count; r++) {
    const rec = captures[model.capture[r]];
    sides.add(rec.side);
    if (rec.pkt.payloadLen === 0) continue;
    const conn = model.subflows[model.subflow[r]].conn;
    if (conn < 0) continue;
    const c = model.conns[conn];
    if (!mappingOf(rec.pkt.mptcp as Opt[] | null, model.dir[r] === 0 ? c.c2sIdsn : c.s2cIdsn)) continue;
    const k = conn * 2 + model.dir[r];
    bytes.set(k, (bytes.get(k) ?? 0) + rec.pkt.payloadLen);
  }
  let bestK = -1;
  let best = 0;
  for (const [k, b] of bytes) {
    if (b > best) {
      best = b;
      bestK = k;
    }
  }
  const conn = bestK < 0 ? -1 : bestK >> 1;
  const dir: Dir = bestK < 0 || (bestK & 1) === 0 ? 'c2s' : 's2c';
  const sender: Side = dir === 'c2s' ? 'client' : 'server';
  const side: Side = sides.has(sender) || sides.size === 0 ? sender : sender === 'client' ? 'server' : 'client';
  const c = conn >= 0 ? model.conns[conn] : null;
  const idsn = c ? (dir === 'c2s' ? c.c2sIdsn : c.s2cIdsn) : null;
  const inConn = new Uint8Array(model.subflows.length);
  for (const sf of model.subflows) inConn[sf.index] = conn >= 0 && sf.conn === conn ? 1 : 0;
  const out = new Int32Array(captures.length);
  let n = 0;
  const laneOf = (ci: number): number => {
    const row = model.rowOfId.get(captures[ci].pkt.id);
    return row === undefined ? -1 : model.subflow[row];
  };
  if (conn >= 0) {
    for (let ci = 0; ci < captures.length; ci++) {
      if (captures[ci].side !== side) continue;
      const lane = laneOf(ci);
      if (lane >= 0 && inConn[lane] === 1) out[n++] = ci;
    }
  }
  return { model, dir, sender, side, atSender: side === sender, conn, idsn, records: out.slice(0, n) };
}

/** The ladder lane (subflow index) of capture record `ci`. */
export function laneOfCapture(src: SeqSource, captures: readonly CaptureRecord[], ci: number): number {
  const row = src.model.rowOfId.get(captures[ci].pkt.id);
  return row === undefined ? -1 : src.model.subflow[row];
}

/** `v − base` modulo 2^bits as a number (relative sequence numbers; exact below 2^53). */
export function relSeq(v: bigint, base: bigint, bits: 32 | 64): number {
  return Number(BigInt.asUintN(bits, v - base));
}

/** A 32-bit relative value placed next to `near` (unwrapping 2^32 wraps of truncated DSNs/ACKs). */
export function unwrap32(v32: number, near: number): number {
  const M = 4294967296;
  const base = near - (near % M);
  let best = base + v32;
  for (const cand of [base - M + v32, base + M + v32]) if (Math.abs(cand - near) < Math.abs(best - near)) best = cand;
  return best;
}
