/**
 * Lifecycle events reconstructed from captured packets, in the Trace's vocabulary (the state names
 * of src/machines), so the state diagrams and the timeline work on a capture:
 *
 * - `tcpState` per subflow and host, from the flags seen at the capture point (RFC 9293 §3.3.2):
 *   SYN → synSent (client) / synReceived (server); SYN/ACK → established (client); the handshake's
 *   ACK → established (server); FIN → finWait1 (sender) / closeWait (receiver); the ACK of a FIN →
 *   finWait2 / timeWait / closed; RST → closed. Hosts are seen from the capture point, so a host's
 *   own transition is stamped when its packet passed there.
 * - `mptcp` per connection and host (token = that host's token, computed from its key as RFC 8684
 *   §3.1 says): closed → synSent → established.preEstablished → established.fullyEstablished (the
 *   client on the first DATA_ACK, the server on the third ACK's keys), DATA_FIN → finWait1 /
 *   closeWait, MP_FASTCLOSE → closed; `fallback` when the SYN/ACK lacks MP_CAPABLE or a subflow
 *   carries payload without DSS after the handshake (RFC 8684 §3.7); `subflow` created / established
 *   / closed per subflow; `reinject` when a DSS mapping re-sends data already mapped on another
 *   subflow (the bytes mapped again; dsn-ranges.ts). A lower bound of the sender's reinjections:
 *   data whose first transmission never reached the capture point is not seen twice.
 */
import { ACK, FIN, RST, SYN } from '../net/packet';
import { endpointText, type AddressNames } from '../net/address-text';
import type { CaptureRecord, Side, TraceEvent } from '../sim/trace';
import { asMptcpOptions, type MptcpOption } from '../wire/mptcp';
import { keyToTokenIdsn } from '../export/mptcp-fields';
import { DsnRanges } from './dsn-ranges';

/** One TCP 4-tuple of the capture, its records in capture order. */
export interface CaptureStream {
  recs: CaptureRecord[];
  /** Socket number per host (1-based per side, in order of first packet). */
  sock: Record<Side, number>;
}

type TcpSt = 'closed' | 'synSent' | 'synReceived' | 'established' | 'finWait1' | 'finWait2' | 'closing' | 'timeWait' | 'closeWait' | 'lastAck';

const hex8 = (v: bigint | number): string => v.toString(16).padStart(8, '0');
const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function opts(rec: CaptureRecord): readonly MptcpOption[] {
  return rec.pkt.mptcp === null ? [] : asMptcpOptions(rec.pkt.mptcp);
}

/** TCP states of both hosts of one stream. */
function tcpEvents(st: CaptureStream, out: TraceEvent[]): void {
  const first = st.recs[0];
  const midStream = !(first.pkt.flags & SYN);
  const state: Record<Side, TcpSt> = { client: midStream ? 'established' : 'closed', server: midStream ? 'established' : 'closed' };
  const finSeq: Record<Side, number> = { client: -1, server: -1 };
  const set = (t: number, side: Side, to: TcpSt): void => {
    if (state[side] === to) return;
    out.push({ t, type: 'tcpState', side, sock: st.sock[side], from: state[side], to });
    state[side] = to;
  };
  for (const r of st.recs) {
    const p = r.pkt;
    const from: Side = r.dir === 'c2s' ? 'client' : 'server';
    const to = other(from);
    const f = p.flags;
    if (f & RST) {
      set(r.t, from, 'closed');
      set(r.t, to, 'closed');
      continue;
    }
    if (f & SYN) {
      if (!(f & ACK)) {
        if (state[from] === 'closed') set(r.t, from, 'synSent');
        if (state[to] === 'closed') set(r.t, to, 'synReceived');
      } else {
        if (state[to] === 'synSent') set(r.t, to, 'established');
        if (state[from] === 'closed') set(r.t, from, 'synReceived');
      }
      continue;
    }
    if (f & ACK) {
      if (state[from] === 'synSent') set(r.t, from, 'established');
      if (state[to] === 'synReceived') set(r.t, to, 'established');
      // The ACK of the peer's FIN (ack = FIN's seq + 1).
      const fs = finSeq[to];
      if (fs >= 0 && p.ack === ((fs + 1) >>> 0)) {
        const s = state[to];
        if (s === 'finWait1') set(r.t, to, 'finWait2');
        else if (s === 'closing') set(r.t, to, 'timeWait');
        else if (s === 'lastAck') set(r.t, to, 'closed');
      }
    }
    if (f & FIN && finSeq[from] < 0) {
      finSeq[from] = (p.seq + p.payloadLen) >>> 0;
      const s = state[from];
      set(r.t, from, s === 'closeWait' ? 'lastAck' : 'finWait1');
      const o = state[to];
      if (o === 'established' || o === 'synReceived') set(r.t, to, 'closeWait');
      else if (o === 'finWait1') set(r.t, to, 'closing');
      else if (o === 'finWait2') set(r.t, to, 'timeWait');
    }
  }
}

interface Conn {
  token: Record<Side, string>;
  state: Record<Side, string>;
  fallback: boolean;
  subflows: CaptureStream[];
  /** Per direction: which subflow first mapped each DSN. */
  mapped: [DsnRanges, DsnRanges];
  dataFin: [boolean, boolean];
  /** The capture's IPv6 placeholder names, for the subflows' endpoint texts. */
  names: AddressNames | undefined;
}

function endpoints(st: CaptureStream, names: AddressNames | undefined): string {
  const r = st.recs[0];
  const p = r.pkt;
  const a = endpointText(p.src, p.sport, names);
  const b = endpointText(p.dst, p.dport, names);
  return r.dir === 'c2s' ? `${a} → ${b}` : `${b} → ${a}`;
}

/** An MPTCP connection of a capture: its subflows (the MP_CAPABLE one first) and the hosts' keys. */
export interface CaptureConnection {
  /** Each host's token (hex), computed from its key (RFC 8684 §3.1); `streamN` when no key was seen. */
  token: Record<Side, string>;
  /** Each host's 64-bit key, when a packet of the capture carried it. */
  key: Partial<Record<Side, bigint>>;
  subflows: CaptureStream[];
}

/**
 * The capture's MPTCP connections, in order of first packet. Streams whose first SYN carries
 * MP_CAPABLE start connections; MP_JOIN streams attach to the connection whose token their SYN
 * names. Streams of neither kind (plain TCP, or joins whose connection started before the capture)
 * belong to none.
 */
export function captureConnections(streams: readonly CaptureStream[]): CaptureConnection[] {
  const conns: CaptureConnection[] = [];
  const byToken = new Map<string, CaptureConnection>();
  for (const st of streams) {
    const syn = st.recs.find((r) => r.pkt.flags & SYN && !(r.pkt.flags & ACK));
    if (syn === undefined) continue;
    const o = opts(syn);
    if (o.some((x) => x.kind === 'MP_CAPABLE')) {
      const c: CaptureConnection = { token: { client: '', server: '' }, key: {}, subflows: [st] };
      // Keys: the SYN/ACK carries the server's, the third ACK both (RFC 8684 §3.1).
      for (const r of st.recs) {
        for (const x of opts(r)) {
          if (x.kind !== 'MP_CAPABLE' || x.senderKey === undefined) continue;
          const sender: Side = r.dir === 'c2s' ? 'client' : 'server';
          if (c.key[sender] === undefined) c.key[sender] = x.senderKey;
          if (x.receiverKey !== undefined && c.key[other(sender)] === undefined) c.key[other(sender)] = x.receiverKey;
        }
        if (c.key.client !== undefined && c.key.server !== undefined) break;
      }
      for (const side of ['client', 'server'] as const) {
        const k = c.key[side];
        c.token[side] = k === undefined ? `stream${conns.length}` : hex8(keyToTokenIdsn(k).token);
      }
      conns.push(c);
      byToken.set(`client/${c.token.client}`, c);
      byToken.set(`server/${c.token.server}`, c);
    } else {
      const j = o.find((x) => x.kind === 'MP_JOIN');
      if (j === undefined || j.kind !== 'MP_JOIN' || j.form !== 'syn') continue;
      // The SYN names the receiver's token: the server's when the client joins.
      const receiver: Side = syn.dir === 'c2s' ? 'server' : 'client';
      byToken.get(`${receiver}/${hex8(j.receiverToken)}`)?.subflows.push(st);
    }
  }
  return conns;
}

/**
 * Every reconstructed event of the capture, in time order. `streams` in order of first packet;
 * `conns` their MPTCP connections (captureConnections).
 */
export function reconstructEvents(
  streams: readonly CaptureStream[],
  conns: readonly CaptureConnection[] = captureConnections(streams),
  names?: AddressNames,
): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const st of streams) tcpEvents(st, out);
  for (const cc of conns) {
    const c: Conn = { token: cc.token, state: { client: 'closed', server: 'closed' }, fallback: false, subflows: cc.subflows, mapped: [new DsnRanges(), new DsnRanges()], dataFin: [false, false], names };
    connectionEvents(c, out);
  }
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.t - b.e.t || a.i - b.i).map((x) => x.e);
}

function connectionEvents(c: Conn, out: TraceEvent[]): void {
  const ev = (t: number, side: Side, e: Extract<TraceEvent, { type: 'mptcp' }>['ev']): void => {
    out.push({ t, type: 'mptcp', side, token: c.token[side], ev: e });
  };
  const state = (t: number, side: Side, to: string): void => {
    if (c.state[side] === to) return;
    ev(t, side, { type: 'state', from: c.state[side], to });
    c.state[side] = to;
  };
  const fallback = (t: number, reason: string): void => {
    if (c.fallback) return;
    c.fallback = true;
    for (const s of ['client', 'server'] as const) {
      ev(t, s, { type: 'fallback', reason });
      state(t, s, 'fallback');
    }
  };
  // Merge the subflows' records in time order.
  const recs: { r: CaptureRecord; sf: number; st: CaptureStream }[] = [];
  c.subflows.forEach((st, i) => {
    for (const r of st.recs) recs.push({ r, sf: i + 1, st });
  });
  recs.sort((a, b) => a.r.t - b.r.t);
  const sfState = new Map<number, 'created' | 'established' | 'closed'>();
  for (const { r, sf, st } of recs) {
    const p = r.pkt;
    const from: Side = r.dir === 'c2s' ? 'client' : 'server';
    const o = opts(r);
    const has = (k: MptcpOption['kind']): boolean => o.some((x) => x.kind === k);
    const d = r.dir === 'c2s' ? 0 : 1;
    if (p.flags & SYN) {
      if (!sfState.has(sf)) {
        sfState.set(sf, 'created');
        for (const s of ['client', 'server'] as const) ev(r.t, s, { type: 'subflow', subflow: sf, what: 'created', detail: s === 'client' ? endpoints(st, c.names) : endpoints(st, c.names).split(' → ').reverse().join(' → ') });
      }
      if (sf === 1) {
        if (!(p.flags & ACK)) state(r.t, from, 'synSent');
        else if (has('MP_CAPABLE')) state(r.t, other(from), 'established.preEstablished');
        else fallback(r.t, 'the SYN/ACK carries no MP_CAPABLE: plain TCP (RFC 8684 §3.7)');
      }
      continue;
    }
    if (p.flags & RST || has('MP_FASTCLOSE')) {
      if (sfState.get(sf) !== 'closed') {
        sfState.set(sf, 'closed');
        for (const s of ['client', 'server'] as const) ev(r.t, s, { type: 'subflow', subflow: sf, what: 'closed', detail: has('MP_FASTCLOSE') ? 'MP_FASTCLOSE' : 'RST' });
      }
      if (has('MP_FASTCLOSE')) {
        state(r.t, 'client', 'closed');
        state(r.t, 'server', 'closed');
      }
      continue;
    }
    if (sfState.get(sf) === 'created' && p.flags & ACK) {
      sfState.set(sf, 'established');
      for (const s of ['client', 'server'] as const) ev(r.t, s, { type: 'subflow', subflow: sf, what: 'established', detail: s === 'client' ? endpoints(st, c.names) : endpoints(st, c.names).split(' → ').reverse().join(' → ') });
    }
    if (c.fallback) continue;
    if (sf === 1 && has('MP_CAPABLE') && from === 'client') state(r.t, 'server', 'established.fullyEstablished');
    const dss = o.find((x) => x.kind === 'DSS');
    if (p.payloadLen > 0 && dss === undefined && !has('MP_CAPABLE')) {
      fallback(r.t, 'payload without a DSS mapping after the handshake: the MPTCP options vanished (RFC 8684 §3.7)');
      continue;
    }
    if (dss === undefined || dss.kind !== 'DSS') continue;
    if (dss.dataAck !== undefined && from === 'server') state(r.t, 'client', 'established.fullyEstablished');
    const m = dss.mapping;
    // Data only: a DATA_FIN's own byte goes out on every subflow (RFC 8684 §3.3.3), not a reinjection.
    if (m !== undefined && p.payloadLen > 0 && m.dataLevelLength > 0) {
      const again = c.mapped[d].map(Number(BigInt.asUintN(32, m.dsn)), m.dataLevelLength - (dss.dataFin ? 1 : 0), sf);
      if (again !== null) ev(r.t, from, { type: 'reinject', from: again.from, bytes: again.bytes });
    }
    if (dss.dataFin && !c.dataFin[d]) {
      c.dataFin[d] = true;
      const s = c.state[from];
      state(r.t, from, s === 'closeWait' ? 'lastAck' : 'finWait1');
      if (c.state[other(from)].startsWith('established')) state(r.t, other(from), 'closeWait');
    }
  }
}
