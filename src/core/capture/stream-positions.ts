/**
 * Data-level positions of an imported capture's payload: `Packet.stream` / `streamPos`, which a
 * simulated run's packets carry and every view that counts data reads (throughput, reorder queue,
 * scheduler inspector). A capture has no application stream, so they are derived as the receiver
 * derives them:
 *
 * - MPTCP: one stream per connection and direction; a payload byte's position is its data sequence
 *   number relative to the sender's IDSN: DSN − IDSN − 1 (RFC 8684 §3.3.1; the IDSN is the low 64
 *   bits of SHA-256 of the sender's key, §3.1). A segment's DSN comes from the DSS mapping that
 *   covers its subflow sequence number (the segment's own or an earlier one on the subflow: a
 *   mapping may span many segments); the first data segment's MP_CAPABLE length maps implicitly
 *   from IDSN + 1 at subflow sequence 1 (§3.1), as does the initial subflow's data when the
 *   connection carries no DSS at all (a fallback, §3.7). Without a key in the capture, the lowest
 *   DSN mapped in that direction stands in for IDSN + 1.
 * - Plain TCP: one stream per 4-tuple and direction; position = seq − ISN − 1 (RFC 9293 §3.4), the
 *   ISN from the SYN (or SYN/ACK), else the lowest sequence number with payload.
 *
 * Payload no mapping covers (data of a join whose SYN is not in the capture, say) keeps
 * stream = −1. DSNs sent in 32 bits are placed modulo 2³², which is exact below 4 GB per
 * connection and direction.
 */
import { ACK, SYN, type Packet } from '../net/packet';
import type { Dir } from '../sim/trace';
import { asMptcpOptions } from '../wire/mptcp';
import { keyToTokenIdsn } from '../export/mptcp-fields';
import type { CaptureConnection, CaptureStream } from './capture-events';

const MASK32 = 0xffffffffn;
const MASK64 = (1n << 64n) - 1n;

/** A data sequence mapping of one subflow: [ssn, ssn + len) → [dsn, dsn + len); len 0 = infinite. */
interface Mapping {
  dsn: bigint;
  dsn64: boolean;
  ssn: number;
  len: number;
}

const DIRS: readonly Dir[] = ['c2s', 's2c'];

/** The ISN of `dir` on a stream: the SYN's (c2s) or the SYN/ACK's (s2c) sequence number. */
function isnOf(st: CaptureStream, dir: Dir): number | null {
  for (const r of st.recs) {
    const f = r.pkt.flags;
    if (r.dir === dir && f & SYN && (dir === 'c2s' ? !(f & ACK) : f & ACK)) return r.pkt.seq;
  }
  return null;
}

/** The mapping a segment carries itself: a DSS mapping, or the implicit one of MP_CAPABLE with data. */
function ownMapping(p: Packet, idsn: bigint | null): Mapping | null {
  if (p.mptcp === null) return null;
  for (const o of asMptcpOptions(p.mptcp)) {
    if (o.kind === 'DSS' && o.mapping !== undefined) return { dsn: o.mapping.dsn, dsn64: o.mapping.dsn64, ssn: o.mapping.subflowSeq, len: o.mapping.dataLevelLength };
    if (o.kind === 'MP_CAPABLE' && o.dataLevelLength !== undefined && idsn !== null) return { dsn: (idsn + 1n) & MASK64, dsn64: true, ssn: 1, len: o.dataLevelLength };
  }
  return null;
}

const covers = (m: Mapping, ssn: number): boolean => ((ssn - m.ssn) | 0) >= 0 && (m.len === 0 || ((ssn - m.ssn) | 0) < m.len);

/** Position of DSN `dsn` relative to IDSN + 1 (modulo 2³² for a 32-bit DSN); null beyond 2⁵³. */
function relative(m: Mapping, idsn: bigint): number | null {
  const rel = m.dsn64 ? (m.dsn - idsn - 1n) & MASK64 : ((m.dsn & MASK32) - (idsn & MASK32) - 1n) & MASK32;
  return rel <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(rel) : null;
}

/** The lowest 64-bit DSN mapped in `dir` on the connection's subflows (a keyless capture's IDSN + 1). */
function lowestDsn(c: CaptureConnection, dir: Dir): bigint | null {
  let lo: bigint | null = null;
  for (const st of c.subflows) {
    for (const r of st.recs) {
      if (r.dir !== dir || r.pkt.payloadLen === 0) continue;
      const m = ownMapping(r.pkt, null);
      if (m !== null && (lo === null || m.dsn < lo)) lo = m.dsn;
    }
  }
  return lo;
}

/** Places the payload of one subflow in one direction on its connection's stream `id`. */
function placeSubflow(st: CaptureStream, dir: Dir, id: number, idsn: bigint, implicitFromStart: boolean): void {
  let isn = isnOf(st, dir);
  const maps: Mapping[] = [];
  for (const r of st.recs) {
    const p = r.pkt;
    if (r.dir !== dir || p.payloadLen === 0 || p.flags & SYN) continue;
    const own = ownMapping(p, idsn);
    // Without the handshake, a segment that carries a mapping is taken to start it.
    if (isn === null && own !== null) isn = (p.seq - own.ssn) >>> 0;
    if (isn === null) continue;
    const ssn = (p.seq - isn) >>> 0;
    if (own !== null) {
      const last = maps[maps.length - 1];
      if (last === undefined || last.ssn !== own.ssn || last.dsn !== own.dsn || last.len !== own.len) maps.push(own);
    }
    let m: Mapping | null = own !== null && covers(own, ssn) ? own : null;
    for (let i = maps.length - 1; m === null && i >= 0; i--) if (covers(maps[i], ssn)) m = maps[i];
    if (m === null && implicitFromStart) m = { dsn: (idsn + 1n) & MASK64, dsn64: true, ssn: 1, len: 0 };
    if (m === null) continue;
    const base = relative(m, idsn);
    if (base === null) continue;
    p.stream = id;
    p.streamPos = base + ((ssn - m.ssn) >>> 0);
  }
}

/** Places the payload of a plain TCP stream in one direction on stream `id`; false if it has none. */
function placeTcp(st: CaptureStream, dir: Dir, id: number): boolean {
  const data = st.recs.filter((r) => r.dir === dir && r.pkt.payloadLen > 0);
  if (data.length === 0) return false;
  let isn = isnOf(st, dir);
  if (isn === null) {
    // the lowest sequence number with payload, compared modulo 2³² from the first one
    let lo = data[0].pkt.seq;
    for (const r of data) if (((r.pkt.seq - lo) | 0) < 0) lo = r.pkt.seq;
    isn = (lo - 1) >>> 0;
  }
  for (const r of data) {
    r.pkt.stream = id;
    r.pkt.streamPos = (r.pkt.seq - isn - 1) >>> 0;
  }
  return true;
}

/**
 * Sets `stream` and `streamPos` of every payload packet of the capture that can be placed (see the
 * file comment). Streams are numbered from 0: each MPTCP connection's two directions, then each
 * plain TCP stream's directions that carry payload.
 */
export function assignStreamPositions(streams: readonly CaptureStream[], conns: readonly CaptureConnection[]): void {
  let next = 0;
  const inConn = new Set<CaptureStream>();
  for (const c of conns) {
    for (const st of c.subflows) inConn.add(st);
    // a connection without a single DSS: fallen back to TCP on its initial subflow (RFC 8684 §3.7)
    const anyDss = c.subflows.some((st) => st.recs.some((r) => r.pkt.mptcp !== null && asMptcpOptions(r.pkt.mptcp).some((o) => o.kind === 'DSS' && o.mapping !== undefined)));
    for (const dir of DIRS) {
      const id = next++;
      const key = c.key[dir === 'c2s' ? 'client' : 'server'];
      let idsn: bigint | null = key === undefined ? null : keyToTokenIdsn(key).idsn;
      if (idsn === null) {
        const lo = lowestDsn(c, dir);
        idsn = lo === null ? 0n : (lo - 1n) & MASK64;
      }
      c.subflows.forEach((st, i) => placeSubflow(st, dir, id, idsn, i === 0 && !anyDss));
    }
  }
  for (const st of streams) {
    if (inConn.has(st)) continue;
    for (const dir of DIRS) if (placeTcp(st, dir, next)) next++;
  }
}

/**
 * Application bytes per direction [c2s, s2c] from the placed payload: each stream's span from its
 * lowest to its highest position, so data sent twice (a retransmission, a reinjection on another
 * subflow) counts once, as the kernel's byte counts do. Null for a direction with payload that
 * could not be placed.
 */
export function dataLevelBytes(captures: readonly { dir: Dir; pkt: Packet }[]): [number | null, number | null] {
  const spans = new Map<number, { dir: Dir; lo: number; hi: number }>();
  const unplaced: Record<Dir, boolean> = { c2s: false, s2c: false };
  for (const c of captures) {
    const p = c.pkt;
    if (p.payloadLen === 0) continue;
    if (p.stream < 0) {
      unplaced[c.dir] = true;
      continue;
    }
    const s = spans.get(p.stream);
    const end = p.streamPos + p.payloadLen;
    if (s === undefined) spans.set(p.stream, { dir: c.dir, lo: p.streamPos, hi: end });
    else {
      if (p.streamPos < s.lo) s.lo = p.streamPos;
      if (end > s.hi) s.hi = end;
    }
  }
  const total: Record<Dir, number> = { c2s: 0, s2c: 0 };
  for (const s of spans.values()) total[s.dir] += s.hi - s.lo;
  return [unplaced.c2s ? null : total.c2s, unplaced.s2c ? null : total.s2c];
}
