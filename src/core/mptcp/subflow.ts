/**
 * Heads up: read RFC 8684 §3.1 (MP_CAPABLE), §3.2 (MP_JOIN), §3.3 (DSS) before editing.
 *
 * One MPTCP subflow: the ULP context Linux attaches to a TCP socket (struct mptcp_subflow_context).
 * It speaks the handshake options, maps the subflow's bytes to data sequence numbers (one DSS
 * mapping per segment, as Linux emits them), hands in-order subflow bytes to the connection with
 * their data-level position, and reads DATA_ACKs and signals off incoming segments.
 */
import { ACK, DSS_INLINE_ACK64, DSS_INLINE_FIN, DSS_INLINE_MAP, RST, SYN, intToIpv4, mptcpOptions, noMptcpOptions, type Packet, type SizedMptcpOption } from '../net/packet';
import type { Nanos } from '../sim/time';
import type { SubflowUlp, TcpApp, TcpSocket } from '../tcp/tcp-socket';
import { drsWindow, TCP_INIT_CWND } from '../tcp/rcv-space';
import type { AddAddrOption, DssMapping, DssOption, MpCapableOption, MpTcpRstOption, MptcpOption, RemoveAddrOption } from '../wire/mptcp/types';
import { MP_TCPRST_REASON } from '../wire/mptcp/types';
import type { MptcpConnection } from './connection';
import { addOption, findOption } from './options';
import { SimDss, type SimDssSource } from './sim-mapping';
import { joinAckHmac, joinSynAckHmac } from './crypto';
import { add64 } from './dsn';

/** A stretch of subflow sequence space mapped to the data stream. */
interface TxMapping {
  ssn: number; // relative subflow sequence of the first byte
  pos: number; // data-level stream position of the first byte
  len: number;
}

export type SubflowKind = 'mpc' | 'join';

/** DSS option bytes on a data segment, NOP padding included: 4 + DATA_ACK (4|8) + 64-bit mapping 14 → 22|26, padded to 24|28. */
export function dssDataOptionLength(ack64: boolean): number {
  return ack64 ? 28 : 24;
}

export class MptcpSubflow implements SubflowUlp, TcpApp {
  /** Subflow number within the connection (1 = initial), as MPTCP_SUBFLOW_ADDRS ids. */
  readonly id: number;
  readonly stream: number;
  localId: number;
  remoteId = 0;
  /** Our backup request (request_bkup) and the peer's backup flag for this subflow. */
  backup: boolean;
  peerBackup = false;
  /** Join: nonces (RFC 8684 §3.2). */
  localNonce = 0;
  remoteNonce = 0;
  /** Created by a SYN we received (a join we accepted), not by our connect(). */
  passive = false;
  /** MP_CAPABLE subflow: always; join: once the third ACK is acknowledged (the "4th ACK"). */
  fullyEstablished = false;
  /** MP_CAPABLE third ACK still to send / MP_JOIN third ACK still unacknowledged. */
  private sendMpcAck = false;
  private joinAckPending = false;
  /** Being closed by our path manager (endpoint removed): no new data is scheduled on it. */
  closing = false;
  /** mptcp_close_ssk ran (Linux close_event_done): the connection let go of it, its socket may linger. */
  closeEventDone = false;
  /** Stale (RFC 8684 §3.3.6 / Linux stale_loss_cnt). */
  stale = false;
  staleCount = 0;
  /** Last time anything arrived on this subflow (Linux rcv_tstamp), ns; and its value when marked stale. */
  lastRcvNs: Nanos = 0;
  staleRcvNs: Nanos = -1;
  lastRcvSeenByTimer: Nanos = -1;
  /** Default scheduler state (Linux subflow->avg_pacing_rate). */
  avgPacingRate = 0;
  /** The TCP socket has closed (renamed from `closed`, which is the TcpApp callback). */
  isClosed = false;
  closeReason: string | null = null;
  /** A DSS with DATA_FIN is due on the next pure ACK. */
  dataFinPending = false;
  /** MP_TCPRST reason for the next RST we send on this subflow (RFC 8684 §3.6), or null. */
  rstReason: number | null = null;
  /** MP_FASTCLOSE with the peer's key goes on the next RST (RFC 8684 §3.5). */
  fastclosePending = false;
  /** DSS checksums (RFC 8684 §3.3.1, §3.7): a valid one seen; MP_FAIL to send (its DSN); infinite mapping to send. */
  validCsumSeen = false;
  sendMpFail: bigint | null = null;
  mpFailSent = false;
  sendInfiniteMap = false;
  private infiniteMapSent = false;
  /**
   * The segment that carried the infinite mapping (its subflow sequence and DSN): its skb keeps the
   * DSS, so a TCP retransmission of it carries the infinite mapping again (mptcp_established_options
   * writes options after fallback only for it: mptcp_check_infinite_map). Null: none sent.
   */
  private infiniteMap: { ssn: number; dsn: bigint } | null = null;
  /** Pending signals to piggyback on the next pure ACK. */
  pendingAddAddr: AddAddrOption | null = null;
  pendingRmAddr: RemoveAddrOption | null = null;
  pendingPrio = false;
  private readonly tx: TxMapping[] = [];
  private txHead = 0;
  /** Index of the mapping txPosition found last (only a hint: checked before use). */
  private txHint = 0;
  /** The subflow socket's DRS space (tp->rcvq_space.space), 0 until it first follows the connection (rcvbufGrow). */
  private rcvqSpace = 0;

  constructor(
    readonly conn: MptcpConnection,
    readonly sock: TcpSocket,
    readonly kind: SubflowKind,
    id: number,
    opts: { localId: number; backup: boolean },
  ) {
    this.id = id;
    this.stream = conn.stream;
    this.localId = opts.localId;
    this.backup = opts.backup;
    this.fullyEstablished = kind === 'mpc';
    this.rcvClamp = conn.subflowRcvSpace;
    sock.ulp = this;
    sock.app = this;
  }

  /** A join we opened that is not fully established yet (Linux request_join && !fully_established). */
  get joinPending(): boolean {
    return this.kind === 'join' && !this.fullyEstablished;
  }

  /** `__tcp_can_send` (ESTABLISHED or CLOSE_WAIT) and not being closed by the path manager (SchedIdleSubflow). */
  get tcpCanSend(): boolean {
    const st = this.sock.state;
    return (st === 'established' || st === 'closeWait') && !this.closing;
  }

  /** sk_wmem_queued of the subflow's socket (SchedIdleSubflow). */
  get wmemQueued(): number {
    return this.sock.wmemQueued;
  }

  /** Room left in the subflow's send buffer (SchedIdleSubflow). */
  sendSpace(): number {
    return this.sock.sendSpace();
  }

  // ------------------------------------------------------------------ sending

  /** The scheduler gives this subflow `len` bytes of the data stream starting at `pos`. */
  pushMapped(pos: number, len: number): void {
    const sock = this.sock;
    const ssn = sock.writeEndSeq;
    const n = this.tx.length;
    const last = n > this.txHead ? this.tx[n - 1] : null;
    // Linux extends the tail skb's mapping when the data continues it (mptcp_sendmsg_frag can_coalesce)
    if (last !== null && last.ssn + last.len === ssn && last.pos + last.len === pos) last.len += len;
    else this.tx.push({ ssn, pos, len });
    sock.write(len);
  }

  /** Forget mappings the peer has acknowledged at the subflow level. */
  private trimTx(): void {
    const una = this.sock.sndUna;
    const tx = this.tx;
    while (this.txHead < tx.length && tx[this.txHead].ssn + tx[this.txHead].len <= una) this.txHead++;
    if (this.txHead > 64 && this.txHead * 2 > tx.length) {
      tx.splice(0, this.txHead);
      this.txHint -= this.txHead;
      this.txHead = 0;
    }
  }

  /**
   * The data-level position of subflow sequence `seq` and the end of its mapping. Called for every
   * segment sent (twice; the DSS mapping reads the packet's streamPos): the answer is one reused
   * object, valid until the next call.
   */
  txPosition(_sock: TcpSocket, seq: number): { readonly pos: number; readonly end: number } {
    const tx = this.tx;
    const out = this.txPos;
    // segments go out in sequence, mostly from the mapping found last or the next ones (the send
    // buffer holds many mappings beyond the one being sent): walk forward from it
    let h = this.txHint;
    if (h >= this.txHead && h < tx.length && seq >= tx[h].ssn) {
      let m = tx[h];
      while (seq >= m.ssn + m.len && h + 1 < tx.length) m = tx[++h];
      if (seq >= m.ssn && seq < m.ssn + m.len) {
        this.txHint = h;
        out.pos = m.pos + (seq - m.ssn);
        out.end = m.ssn + m.len;
        return out;
      }
    }
    // otherwise search from the tail (retransmissions are rarer)
    for (let i = tx.length - 1; i >= this.txHead; i--) {
      const m = tx[i];
      if (seq >= m.ssn) {
        if (seq < m.ssn + m.len) {
          this.txHint = i;
          out.pos = m.pos + (seq - m.ssn);
          out.end = m.ssn + m.len;
          return out;
        }
        break;
      }
    }
    out.pos = -1;
    out.end = seq + 1;
    return out;
  }

  private readonly txPos = { pos: 0, end: 0 };

  /** Unacknowledged data-level ranges queued on this subflow (for reinjection). */
  unackedRanges(): { pos: number; len: number }[] {
    this.trimTx();
    const una = this.sock.sndUna;
    const out: { pos: number; len: number }[] = [];
    for (let i = this.txHead; i < this.tx.length; i++) {
      const m = this.tx[i];
      const skip = Math.max(0, una - m.ssn);
      if (skip < m.len) out.push({ pos: m.pos + skip, len: m.len - skip });
    }
    return out;
  }

  decorate(_sock: TcpSocket, p: Packet, kind: 'syn' | 'synack' | 'ack' | 'data' | 'rst', dataStart: number): void {
    const conn = this.conn;
    if (kind === 'rst') {
      this.decorateRst(p);
      return;
    }
    // after the infinite mapping the subflow carries plain TCP, retransmissions included — except
    // the infinite mapping's own segment, sent again
    if (conn.fallback || this.infiniteMapSent) {
      const inf = this.infiniteMap;
      if (kind === 'data' && inf !== null && dataStart === inf.ssn) addOption(p, this.infiniteMapRecord(inf.dsn, inf.ssn));
      return;
    }
    switch (kind) {
      case 'syn':
        if (this.kind === 'mpc') {
          addOption(p, { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: conn.mpcFlags() });
        } else {
          addOption(p, { subtype: 1, kind: 'MP_JOIN', form: 'syn', backup: this.backup, addressId: this.localId, receiverToken: conn.remoteToken, senderNonce: this.localNonce });
        }
        return;
      case 'synack':
        if (this.kind === 'mpc') {
          addOption(p, { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: conn.mpcFlags(), senderKey: conn.localKey });
        } else {
          addOption(p, {
            subtype: 1,
            kind: 'MP_JOIN',
            form: 'synAck',
            backup: this.backup,
            addressId: this.localId,
            senderTruncatedHmac: joinSynAckHmac(conn.localKey, conn.remoteKey, this.localNonce, this.remoteNonce),
            senderNonce: this.localNonce,
          });
        }
        return;
      case 'ack':
        if (this.sendMpcAck || (this.kind === 'mpc' && conn.side === 'client' && !conn.fullyEstablished && !this.dataFinPending)) {
          // third ACK of the MP_CAPABLE exchange: both keys (RFC 8684 §3.1); repeated on every pure
          // ACK until the connection is fully established, e.g. if the third ACK was lost (kernel.md §2)
          this.sendMpcAck = false;
          addOption(p, { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: conn.mpcFlags(), senderKey: conn.localKey, receiverKey: conn.remoteKey });
          return;
        }
        if (this.joinAckPending) {
          addOption(p, { subtype: 1, kind: 'MP_JOIN', form: 'ack', senderHmac: joinAckHmac(conn.localKey, conn.remoteKey, this.localNonce, this.remoteNonce) });
          return;
        }
        if (this.pendingAddAddr !== null) {
          // a pure-ACK ADD_ADDR drops the other suboptions (kernel.md §1)
          addOption(p, this.pendingAddAddr);
          this.pendingAddAddr = null;
          this.addPrioAndRm(p);
          return;
        }
        this.addDss(p, -1, 0);
        this.addMpFail(p);
        this.addPrioAndRm(p);
        return;
      case 'data':
        if (this.kind === 'mpc' && conn.side === 'client' && !conn.fullyEstablished && dataStart === 1) {
          // MP_CAPABLE repeated on the first data segment with both keys and the data-level length:
          // an implicit mapping DSN = IDSN + 1 ↔ subflow sequence 1 (RFC 8684 §3.1, kernel.md §2)
          const mpc: MpCapableOption = { subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: conn.mpcFlags(), senderKey: conn.localKey, receiverKey: conn.remoteKey, dataLevelLength: p.payloadLen };
          if (conn.checksum) mpc.checksum = conn.payloadChecksum(conn.localDsn(0), 1, p.payloadLen, 0, p.payloadLen, 0);
          addOption(p, mpc);
          return;
        }
        this.addDss(p, dataStart, p.payloadLen);
        this.addMpFail(p);
        this.addPrioAndRm(p);
        return;
    }
  }

  /** MP_FAIL (RFC 8684 §3.7) rides after a DSS or on a RST. */
  private addMpFail(p: Packet): void {
    if (this.sendMpFail === null) return;
    addOption(p, { subtype: 6, kind: 'MP_FAIL', dsn: this.sendMpFail });
    this.sendMpFail = null;
    this.mpFailSent = true;
    this.conn.mib('MPFailTx');
  }

  /** MP_PRIO then REMOVE_ADDR, in mptcp_write_options order. */
  private addPrioAndRm(p: Packet): void {
    if (this.pendingPrio) {
      this.pendingPrio = false;
      addOption(p, { subtype: 5, kind: 'MP_PRIO', backup: this.backup });
    }
    if (this.pendingRmAddr !== null) {
      addOption(p, this.pendingRmAddr);
      this.pendingRmAddr = null;
    }
  }

  /** A RST: MP_FASTCLOSE (peer's key) first, then MP_TCPRST with our reason (RFC 8684 §3.5, §3.6). */
  private decorateRst(p: Packet): void {
    const conn = this.conn;
    if (this.fastclosePending) {
      addOption(p, { subtype: 7, kind: 'MP_FASTCLOSE', receiverKey: conn.remoteKey });
    } else this.addMpFail(p);
    if (this.rstReason !== null && !conn.fallback) {
      const rst: MpTcpRstOption = { subtype: 8, kind: 'MP_TCPRST', transient: false, reason: this.rstReason };
      addOption(p, rst);
    }
  }

  /** DSS: DATA_ACK always (once keys are known), a mapping for data, DATA_FIN when due. */
  private addDss(p: Packet, dataStart: number, len: number): void {
    const conn = this.conn;
    let mapping: DssMapping | undefined;
    let dataFin = false;
    if (len > 0) {
      // the socket has just set streamPos from txPosition(dataStart): the same answer, without a second search
      const pos = p.streamPos;
      const end = pos + len;
      if (this.sendInfiniteMap) {
        const dsn = conn.localDsn(pos);
        // the answer to MP_FAIL: an infinite mapping (data-level length 0), then plain TCP (RFC 8684 §3.7)
        this.sendInfiniteMap = false;
        this.infiniteMapSent = true;
        this.infiniteMap = { ssn: dataStart, dsn };
        addOption(p, this.infiniteMapRecord(dsn, dataStart));
        conn.mib('InfiniteMapTx');
        conn.fallbackAfter('MP_FAIL received: infinite mapping sent', null);
        return;
      }
      // the final mapping also carries the DATA_FIN: data_len counts it (kernel.md §8)
      dataFin = conn.dataFinPos >= 0 && end === conn.dataFinPos;
      const dll = dataFin ? len + 1 : len;
      if (dataFin) this.dataFinPending = false;
      if (conn.checksum) {
        const dsn = conn.localDsn(pos);
        mapping = { dsn, dsn64: true, subflowSeq: dataStart, dataLevelLength: dll, checksum: conn.payloadChecksum(dsn, dataStart, dll, pos, len, 0) };
      } else if (conn.remoteKeyKnown) {
        // DATA_ACK and mapping as numbers on the packet (Packet.dssSrc), or in one record whose 64-bit
        // numbers are made only if read (sim-mapping.ts)
        if (!conn.inlineDss(p, dataFin, pos, dataStart, dll)) this.putDss(p, conn.simDataDss(dataFin, pos, dataStart, dll));
        return;
      } else {
        // the DSN (IDSN + 1 + pos) is made only if something reads it (sim-mapping.ts)
        mapping = conn.simMapping(pos, dataStart, dll);
      }
    } else if (this.dataFinPending) {
      // DATA_FIN on a pure ACK: data_len 1, subflow_seq 0, DSN = the DATA_FIN's own DSN (kernel.md §8)
      this.dataFinPending = false;
      dataFin = true;
      const dsn = conn.localDsn(conn.dataFinPos);
      mapping = { dsn, dsn64: true, subflowSeq: 0, dataLevelLength: 1 };
      if (conn.checksum) mapping.checksum = conn.payloadChecksum(dsn, 0, 1, 0, 0, 0);
    }
    // a DATA_ACK alone (with DATA_FIN or not) as numbers on the packet when it can be (Packet.dssSrc)
    if (mapping === undefined && conn.inlineDss(p, dataFin, -1, 0, 0)) return;
    this.putDss(p, this.dssRecord(dataFin, mapping));
  }

  /** The segment's DSS: our own record, first on the packet, is held apart from the option list (Packet.dss). */
  private putDss(p: Packet, rec: SimDss | DssOption): void {
    if (rec instanceof SimDss && p.mptcp === null) p.dss = rec as unknown as SizedMptcpOption;
    else addOption(p, rec as DssOption);
  }

  /** The infinite mapping: data-level length 0 (and checksum 0 when checksums are on) from `dsn` at subflow sequence `ssn`. */
  private infiniteMapRecord(dsn: bigint, ssn: number): DssOption {
    return this.dssRecord(false, { dsn, dsn64: true, subflowSeq: ssn, dataLevelLength: 0, ...(this.conn.checksum ? { checksum: 0 } : {}) });
  }

  /**
   * The DSS record, built in its final shape at once (same fields in the same order as the codec's:
   * one allocation per segment, no shape transitions on the hot path).
   */
  private dssRecord(dataFin: boolean, mapping: DssMapping | undefined): DssOption {
    const conn = this.conn;
    // with the peer's key known: the DATA_ACK is made only if something reads it (sim-mapping.ts)
    if (conn.remoteKeyKnown) return conn.simDss(dataFin, mapping) as unknown as DssOption;
    return mapping === undefined ? { subtype: 2, kind: 'DSS', dataFin } : { subtype: 2, kind: 'DSS', dataFin, mapping };
  }

  /**
   * Check a received mapping's DSS checksum (RFC 8684 §3.7, Linux subflow_check_data_avail).
   * Returns false when the segment must be dropped (the subflow is reset).
   */
  private checkChecksum(p: Packet, dsn: bigint, subflowSeq: number, dll: number, want: number, now: Nanos): boolean {
    const conn = this.conn;
    const dataLen = Math.min(p.payloadLen, dll);
    const got = conn.payloadChecksum(dsn, subflowSeq, dll, p.streamPos, dataLen, p.mangled, p.stream);
    if (got === want) {
      this.validCsumSeen = true;
      return true;
    }
    conn.mib('DataCsumErr');
    if (this.mpFailSent || this.sendMpFail !== null) return true;
    if (this.kind === 'join' || this.validCsumSeen) {
      this.sendMpFail = dsn;
      if (!conn.allowInfiniteFallback) {
        // other subflows exist: reset this one with MP_FAIL + MP_TCPRST "middlebox interference"
        conn.resetSubflow(this, MP_TCPRST_REASON.middleboxInterference, 'DSS checksum failed');
        return false;
      }
      // the only subflow: MP_FAIL now, the peer answers with an infinite mapping
      this.sock.sendAck();
      return true;
    }
    // no valid checksum seen yet: fall back at once if still allowed (RFC 8684 §3.7)
    if (conn.allowInfiniteFallback) {
      conn.fallbackNow('DSS checksum failed on the first mapping', 'DssFallback', now);
      return true;
    }
    conn.resetSubflow(this, MP_TCPRST_REASON.mptcpError, 'DSS checksum failed');
    return false;
  }

  /**
   * This subflow's window_clamp: what tcp_grow_window may open its rcv_ssthresh to. Linux sets it
   * in tcp_init_buffer_space from the subflow's own buffer (tcp_rmem[1] for a new subflow; SO_RCVBUF
   * when the application locked it), and mptcp_rcv_space_adjust raises it with the connection's
   * buffer ("make subflows follow along") — only when that grows, so a subflow that joins after the
   * connection's buffer has grown keeps the initial clamp until the next growth: its rcv_ssthresh
   * does not open, and it does not ACK every segment for it (icsk_ack.quick) as the first one did.
   * Half the subflow's own buffer, so it is tcp_space too (rcvbufGrow).
   */
  rcvClamp: number;

  rcvSpace(_sock: TcpSocket): number {
    return this.rcvClamp;
  }

  /**
   * tcp_rcvbuf_grow(ssk, copied) (net/ipv4/tcp_input.c), called by mptcp_rcv_space_adjust for every
   * subflow once the connection's buffer grew: the DRS rule of MptcpConnection.rcvSpaceAdjust, but
   * measured from this subflow's own rcvq_space.space (which only these calls move) — for a subflow
   * that never followed, tcp_init_buffer_space's TCP_INIT_CWND · advmss — plus what the subflow holds
   * out of order; window_clamp follows the new buffer (tcp_win_from_space). As the subflow's space
   * lags the connection's (which moves every period the app read more), its step is at least the
   * connection's: a join established while the connection already moves far more than ten segments
   * per RTT takes a much larger one, and tcp_grow_window lets its rcv_ssthresh open past the
   * connection's half buffer — the two subflows' own right edges stop meeting there, and one of them
   * is raised to the shared edge on nearly every ACK (RcvWndShared), as in the kernel's captures
   * (subflow-rcvbuf.test.ts).
   */
  rcvbufGrow(copied: number, advmss: number, cap: number): void {
    const st = this.sock.state;
    if (st !== 'established' && st !== 'closeWait') return; // "subflows can be added before tcp_init_transfer()"
    const old = this.rcvqSpace > 0 ? this.rcvqSpace : TCP_INIT_CWND * this.sock.advertisedMss;
    this.rcvqSpace = copied;
    // what the subflow holds out of order counts too, as tcp_rcvbuf_grow adds it
    const rcvwin = drsWindow(copied, old, advmss) + this.sock.oooSpan;
    const clamp = Math.min(2 * rcvwin, cap) >> 1;
    if (clamp > this.rcvClamp) this.rcvClamp = clamp;
  }

  rcvWindow(sock: TcpSocket): number {
    // __tcp_select_window on a subflow: the connection's free space, at most this subflow's rcv_ssthresh
    return this.conn.rcvWindow(sock.rcvSsthreshBytes, sock.rcvWindowScale);
  }

  // ------------------------------------------------------------------ receiving

  incoming(sock: TcpSocket, p: Packet, now: Nanos): boolean {
    this.lastRcvNs = now;
    const conn = this.conn;
    if (p.flags & SYN) return conn.fallback ? true : this.incomingSynAck(p, now);
    if (conn.fallback) return true;
    // the handshake's checks, until each can no longer apply (rxSetupDone)
    if (!this.rxSetupDone) {
      if (this.kind === 'mpc' && conn.side === 'server' && !conn.accepted) {
        // the third ACK (or the first data) must carry MP_CAPABLE with both keys (RFC 8684 §3.1)
        const mpc = findOption(p, 'MP_CAPABLE');
        if (mpc === undefined || mpc.senderKey === undefined) {
          conn.fallbackNow('third ACK without MP_CAPABLE', 'MPCapableFallbackACK', now);
          return true;
        }
        conn.accept(mpc.senderKey, now);
      }
      if (this.kind === 'join' && this.passive && !this.fullyEstablished) {
        const j = findOption(p, 'MP_JOIN');
        if (j !== undefined && j.form === 'ack') {
          const want = joinAckHmac(conn.remoteKey, conn.localKey, this.remoteNonce, this.localNonce);
          // a refused join is disposed of before mptcp_finish_join attaches it to the connection:
          // no SF_CLOSED event, nothing for the path manager to give back (subflow_syn_recv_sock)
          if (!equalBytes(want, j.senderHmac)) {
            conn.mib('MPJoinAckHMacFailure');
            this.closeEventDone = true;
            conn.resetSubflow(this, MP_TCPRST_REASON.administrativelyProhibited, 'join ACK HMAC mismatch');
            return false;
          }
          // subflow_syn_recv_sock: the path manager takes the join only now, at its third ACK
          // (mptcp_can_accept_new_subflow; the SYN was answered whatever the limits): over the
          // subflows limit it is refused (MPJoinRejected) and reset, "administratively prohibited"
          if (conn.pm !== null && !conn.pm.allowNewSubflow()) {
            this.closeEventDone = true;
            conn.resetSubflow(this, MP_TCPRST_REASON.administrativelyProhibited, 'join refused: the subflows limit is reached');
            return false;
          }
          conn.mib('MPJoinAckRx');
          // subflow_syn_recv_sock: accepted on another port than the connection's (a port endpoint's listener)
          if (sock.localPort !== conn.localPort) conn.mib('MPJoinPortAckRx');
          this.fullyEstablished = true;
          conn.subflowFullyEstablished(this, now);
          // the 4th ACK: acknowledge the third ACK at once so the joiner may send data
          sock.sendAck();
        } else if (j === undefined) {
          // a join's third ACK without MP_JOIN: Linux resets the subflow (MPTCP error)
          conn.resetSubflow(this, MP_TCPRST_REASON.mptcpError, 'join third ACK without MP_JOIN');
          return false;
        }
      }
      if (this.kind === 'mpc' && conn.side === 'client' && !conn.fullyEstablished && noMptcpOptions(p) && sock.relativeSeq(p) === 1) {
        // Linux check_fully_established: the in-sequence 4th packet must carry a DSS DATA_ACK (or an
        // ADD_ADDR); a plain one means the server fell back (e.g. its third ACK came after reordered
        // data): fall back too (kernel.md §3). Out-of-sequence segments decide nothing.
        conn.fallbackNow('segment without DSS before fully established', 'MPCapableDataFallback', now);
        return true;
      }
      if (this.joinAckPending && p.flags & ACK) {
        // our third ACK was acknowledged: the join subflow is fully established (kernel.md §2)
        this.joinAckPending = false;
        this.fullyEstablished = true;
        conn.subflowFullyEstablished(this, now);
      }
      this.rxSetupDone = this.kind === 'mpc' ? (conn.side === 'server' ? conn.accepted : conn.fullyEstablished) : this.fullyEstablished && !this.joinAckPending;
    }
    if (this.kind === 'mpc' && conn.allowInfiniteFallback && conn.subflows.length === 1 && noMptcpOptions(p) && !(p.flags & RST) && sock.relativeAck(p) > Math.max(1, sock.sndUna)) {
      // RFC 8684 §3.7: an ACK for data (not just for the SYN) without a DATA_ACK, on the first
      // subflow before any other was added: the sender drops back to TCP. Only a segment without
      // any MPTCP option counts here (an MP_CAPABLE third-ACK repeat or a pure ACK with ADD_ADDR
      // carries no DSS legitimately). The peer fell back already (its check_fully_established saw
      // a segment whose options a middlebox stripped), so it reads this subflow as a plain byte
      // stream: MPTCP-level reinjection would put data twice into it. (Linux 6.18 does not check
      // this: ACKs without DATA_ACK leave snd_una alone and the retransmission timer reinjects,
      // mptcp_net-next issue 545.)
      conn.fallbackNow('data acknowledged without DATA_ACK', null, now);
      return true;
    }
    const src = p.dssSrc as SimDssSource | null;
    const d = p.dss as unknown as DssOption | null;
    const opts = p.mptcp;
    if (src === null && d === null && opts === null) return p.payloadLen > 0 ? this.unmappedData(sock, p, now) : true;
    // what rxPosition will ask for this packet, found on the way: the first mapping that places data
    // (or the MP_CAPABLE implicit one), so it need not walk the options again
    this.rxPlacePkt = null;
    this.rxPlaceSsn = -1;
    this.rxPlaceMpc = false;
    this.rxMapped = false;
    // our own stack's DSS, held apart from the list (Packet.dssSrc, Packet.dss), comes first
    if (src !== null) this.rxInlineDss(src, p, sock, now);
    if (d !== null && !this.rxDss(d, p, sock, now)) return false;
    if (opts !== null) for (let i = 0; i < opts.length; i++) {
      const o = opts[i] as unknown as MptcpOption;
      switch (o.kind) {
        case 'DSS':
          if (!this.rxDss(o, p, sock, now)) return false;
          break;
        case 'MP_CAPABLE':
          if (o.dataLevelLength !== undefined) this.rxMapped = true;
          if (this.rxPlaceSsn < 0 && o.dataLevelLength !== undefined) this.rxPlaceMpc = true;
          // the first data segment's implicit mapping is a 64-bit one (Linux mpc_map sets use_64bit_ack)
          if (o.dataLevelLength !== undefined && !conn.ack64) conn.useAck64();
          if (o.dataLevelLength !== undefined && o.checksum !== undefined && conn.checksum && p.payloadLen > 0) {
            if (!this.checkChecksum(p, conn.remoteDsn(0), 1, o.dataLevelLength, o.checksum, now)) return false;
          }
          break;
        case 'MP_FAIL':
          conn.mib('MPFailRx');
          if (!this.mpFailSent && this.sendMpFail === null) {
            // we are the sender of the failed data: answer MP_FAIL and switch to an infinite mapping
            this.sendMpFail = o.dsn;
            this.sendInfiniteMap = true;
            sock.sendAck();
          }
          break;
        case 'ADD_ADDR':
          conn.onAddAddr(o, now);
          break;
        case 'REMOVE_ADDR':
          conn.onRmAddr(o.addressIds, now);
          break;
        case 'MP_PRIO':
          conn.onPrio(this, o.backup, now);
          break;
        case 'MP_FASTCLOSE':
          conn.onFastclose(o.receiverKey, this, now);
          return false;
        default:
          break;
      }
    }
    this.rxPlacePkt = p;
    if (p.payloadLen > 0 && !conn.fallback && !this.rxMapped) return this.unmappedData(sock, p, now);
    return true;
  }

  /**
   * Our peer's ordinary DSS written as numbers on the packet (Packet.dssSrc): what rxDss does with
   * the SimDss they stand for — a 64-bit mapping (noted for rxPosition) without checksum, the DATA_ACK,
   * DATA_FIN — without making it.
   */
  private rxInlineDss(src: SimDssSource, p: Packet, sock: TcpSocket, now: Nanos): void {
    const conn = this.conn;
    const bits = p.dssBits;
    const map = (bits & DSS_INLINE_MAP) !== 0;
    if (map) {
      this.rxMapped = true;
      if (this.rxPlaceSsn < 0 && !this.rxPlaceMpc && p.dssMapSsn !== 0) {
        this.rxPlacePos = conn.inlineMapPos(src, p.dssMapPos);
        this.rxPlaceSsn = p.dssMapSsn;
      }
      if (p.payloadLen > 0 && !conn.ack64) conn.useAck64();
    }
    conn.onInlineDataAck(src, p.dssAckPos, (bits & DSS_INLINE_ACK64) !== 0, p.win << sock.peerWscale, now);
    if (map && (bits & DSS_INLINE_FIN) !== 0) conn.onDataFin(add64(src.mapIdsn1, p.dssMapPos), p.dssMapDll, now);
  }

  /**
   * One DSS option of an incoming segment (RFC 8684 §3.3): its mapping (noted for rxPosition), its
   * checksum, DATA_ACK and DATA_FIN. False when the segment must be dropped (the subflow is reset).
   */
  private rxDss(o: DssOption, p: Packet, sock: TcpSocket, now: Nanos): boolean {
    const conn = this.conn;
    if (o instanceof SimDss && o.mapPos >= 0) {
      // our own stack's data segment: its ordinary mapping inline (64-bit, no checksum, length > 0)
      this.rxMapped = true;
      if (this.rxPlaceSsn < 0 && !this.rxPlaceMpc && o.mapSsn !== 0) {
        this.rxPlacePos = conn.inlineMappingPos(o);
        this.rxPlaceSsn = o.mapSsn;
      }
      if (p.payloadLen > 0 && !conn.ack64) conn.useAck64();
      conn.onSimDataAck(o, p.win << sock.peerWscale, now);
      if (o.dataFin) conn.onDataFin(o.mapping!.dsn, o.mapDll, now);
      return true;
    }
    // each field read once: the records come in several shapes, so every read is a slow one
    const m = o.mapping;
    if (m !== undefined) {
      this.rxMapped = true;
      if (this.rxPlaceSsn < 0 && !this.rxPlaceMpc && m.subflowSeq !== 0 && m.dataLevelLength > 0) {
        this.rxPlacePos = conn.mappingPos(m);
        this.rxPlaceSsn = m.subflowSeq;
      }
      // use_64bit_ack: set by a data segment's 64-bit mapping (get_mapping_status), not by a bare DATA_FIN
      if (m.dsn64 && p.payloadLen > 0 && !conn.ack64) conn.useAck64();
      if (m.dataLevelLength === 0 && !conn.fallback) {
        // an infinite mapping: the peer fell back after MP_FAIL (RFC 8684 §3.7)
        conn.mib('InfiniteMapRx');
        conn.fallbackNow('infinite mapping received', 'DssFallback', now);
      } else if (m.checksum !== undefined && conn.checksum && p.payloadLen > 0) {
        if (!this.checkChecksum(p, m.dsn, m.subflowSeq, m.dataLevelLength, m.checksum, now)) return false;
      }
    }
    if (o instanceof SimDss) conn.onSimDataAck(o, p.win << sock.peerWscale, now);
    else {
      const ack = o.dataAck;
      if (ack !== undefined) conn.onDataAck(ack, o.ack64 === true, p.win << sock.peerWscale, now);
    }
    if (o.dataFin && m !== undefined) conn.onDataFin(m.dsn, m.dataLevelLength, now);
    return true;
  }

  /**
   * Data without a DSS mapping. Linux judges an skb's mapping when it is in order
   * (subflow_check_data_avail): after our MP_FAIL, plain data beyond a hole waits in TCP's queue for
   * the segment before it, which carries the peer's infinite mapping (lost once, sent again).
   */
  private unmappedData(sock: TcpSocket, p: Packet, now: Nanos): boolean {
    if (this.mpFailSent && sock.outOfOrder(p)) return true;
    return this.conn.dataWithoutMapping(this, now);
  }

  /** The packet `incoming` last walked completely, and what it found for rxPosition. */
  private rxPlacePkt: Packet | null = null;
  /** The first mapping that places data: its stream position and subflow sequence (-1: none). */
  private rxPlacePos = 0;
  private rxPlaceSsn = -1;
  private rxPlaceMpc = false;
  /**
   * The checks `incoming` makes while the handshake is under way (the MP_CAPABLE third ACK, the join's
   * ACKs, the client's check_fully_established) can no longer apply: the server accepted, the client
   * is fully established, a join is fully established with its third ACK acknowledged — each for good.
   */
  private rxSetupDone = false;
  /** Whether the packet `incoming` is walking carries a mapping (DSS or MP_CAPABLE's implicit one). */
  private rxMapped = false;

  inputStart(_sock: TcpSocket): void {
    this.conn.deferPush();
  }

  inputDone(_sock: TcpSocket, now: Nanos): void {
    this.conn.flushPush(now);
  }

  /**
   * The stateless reset answering `incoming` (e.g. data after close(), TCPAbortOnData) carries
   * MP_TCPRST when the segment carried a DSS (mptcp_reset_option: the skb's MPTCP extension, zeroed,
   * so reason 0, unspecified). It is not counted as MPRstTx (that counts full sockets' resets).
   */
  statelessReset(_sock: TcpSocket, incoming: Packet, rst: Packet): void {
    if (this.conn.fallback || findOption(incoming, 'DSS') === undefined) return;
    addOption(rst, { subtype: 8, kind: 'MP_TCPRST', transient: false, reason: MP_TCPRST_REASON.unspecified });
  }

  /** A RST arrived: MP_TCPRST / MP_FASTCLOSE on it are read here (TCP then closes the socket). */
  incomingRst(_sock: TcpSocket, p: Packet, now: Nanos): void {
    const conn = this.conn;
    if (conn.fallback) return;
    if (this.joinAckPending) {
      // tcp_reset → mptcp_incoming_options → check_fully_established: a join still waiting for its
      // fourth ACK takes only a DATA_ACK (or ADD_ADDR) as one; anything else — this RST too — makes
      // it reset the subflow itself (mptcp_subflow_reset: RST + MP_TCPRST "unspecified", MPRstTx),
      // and the RST's own options go unread (no MPRstRx). Seen on the real kernel when a listener
      // over its subflows limit resets a join at its third ACK (tests/fidelity/join-vs-kernel.test.ts).
      conn.resetSubflow(this, MP_TCPRST_REASON.unspecified, 'reset before the fourth ACK');
      return;
    }
    const rst = findOption(p, 'MP_TCPRST');
    if (rst !== undefined) {
      conn.mib('MPRstRx');
      this.closeReason = `MP_TCPRST reason ${rst.reason}`;
    }
    if (findOption(p, 'MP_FAIL') !== undefined) conn.mib('MPFailRx');
    const fc = findOption(p, 'MP_FASTCLOSE');
    if (fc !== undefined) conn.onFastclose(fc.receiverKey, this, now);
  }

  private incomingSynAck(p: Packet, now: Nanos): boolean {
    const conn = this.conn;
    if (this.kind === 'mpc') {
      const mpc = findOption(p, 'MP_CAPABLE');
      if (mpc === undefined || mpc.senderKey === undefined) {
        // RFC 8684 §3.7: a SYN/ACK without MP_CAPABLE: fall back to TCP
        conn.fallbackNow('SYN/ACK without MP_CAPABLE', 'MPCapableFallbackSYNACK', now);
        return true;
      }
      conn.mib('MPCapableSYNACKRX');
      conn.synAckReceived(mpc.senderKey, mpc.flags.c, mpc.flags.a, now);
      this.sendMpcAck = true;
      return true;
    }
    const j = findOption(p, 'MP_JOIN');
    if (j === undefined || j.form !== 'synAck') {
      // a join answered without MP_JOIN (e.g. a middlebox stripped it): this subflow fails (RFC 8684 §3.2)
      conn.rejectSynAck(this, p, MP_TCPRST_REASON.mptcpError, 'SYN/ACK without MP_JOIN');
      return false;
    }
    this.remoteNonce = j.senderNonce;
    this.remoteId = j.addressId;
    this.peerBackup = j.backup;
    const want = joinSynAckHmac(conn.remoteKey, conn.localKey, this.remoteNonce, this.localNonce);
    if (want !== j.senderTruncatedHmac) {
      conn.mib('MPJoinSynAckHMacFailure');
      conn.rejectSynAck(this, p, MP_TCPRST_REASON.mptcpError, 'join SYN/ACK HMAC mismatch');
      return false;
    }
    conn.mib('MPJoinSynAckRx');
    if (j.backup) conn.mib('MPJoinSynAckBackupRx');
    // subflow_finish_connect: the join went to another port than the connection's (a port endpoint)
    if (this.sock.remotePort !== conn.remotePort) conn.mib('MPJoinPortSynAckRx');
    this.joinAckPending = true;
    return true;
  }

  rxPosition(_sock: TcpSocket, p: Packet, seq: number): number {
    const conn = this.conn;
    if (conn.fallback) return seq - 1 + conn.fallbackBase;
    if (p === this.rxPlacePkt) {
      // incoming() has just walked this packet's options
      if (this.rxPlaceSsn >= 0) return this.rxPlacePos + (seq - this.rxPlaceSsn);
      return this.rxPlaceMpc ? seq - 1 : -1;
    }
    const opts = mptcpOptions(p);
    if (opts !== null) {
      for (let i = 0; i < opts.length; i++) {
        const o = opts[i] as unknown as MptcpOption;
        if (o.kind === 'DSS') {
          const m = o.mapping;
          if (m !== undefined && m.subflowSeq !== 0 && m.dataLevelLength > 0) return conn.mappingPos(m) + (seq - m.subflowSeq);
        } else if (o.kind === 'MP_CAPABLE' && o.dataLevelLength !== undefined) {
          // implicit mapping of the first data segment: DSN = IDSN + 1 ↔ subflow sequence 1
          return seq - 1;
        }
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ TcpApp (the subflow's events)

  connected(sock: TcpSocket, now: Nanos): void {
    this.lastRcvNs = now;
    this.conn.subflowConnected(this, sock, now);
  }

  received(_sock: TcpSocket, n: number, now: Nanos, pos: number, segs: number): void {
    this.conn.onData(this, pos, n, now, segs);
  }

  eof(_sock: TcpSocket, now: Nanos): void {
    this.conn.subflowFin(this, now);
  }

  writable(_sock: TcpSocket, now: Nanos): void {
    this.trimTx();
    this.conn.subflowWritable(this, now);
  }

  closed(_sock: TcpSocket, now: Nanos, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.closeReason === null) this.closeReason = reason;
    this.conn.subflowClosed(this, now, this.closeReason);
  }

  /** A readable label, e.g. `10.0.2.1:46019 → 10.0.1.2:5201`. */
  get label(): string {
    const s = this.sock;
    return `${intToIpv4(s.localAddr)}:${s.localPort} → ${intToIpv4(s.remoteAddr)}:${s.remotePort}`;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
