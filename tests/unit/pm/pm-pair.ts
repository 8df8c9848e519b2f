/**
 * A tiny fake mechanism for path-manager tests: two hosts (client and server, each with its own
 * `ip mptcp` namespace and one kernel PM), one MPTCP connection between them, a fixed one-way delay
 * and an event queue. It carries only what the PMs exchange — ADD_ADDR and echoes, REMOVE_ADDR,
 * MP_PRIO, MP_JOIN handshakes (SYN, SYN/ACK, third ACK checked by the listener's
 * `allowNewSubflow`, fourth ACK), subflow closes — and counts the MPTcpExt counters a real
 * mechanism would count for them. No data moves.
 *
 * Topology as mptcp_join.sh: the server (ns1) has 10.0.N.1, the client (ns2) 10.0.N.2; the client
 * connects from 10.0.1.2 to 10.0.1.1 port 10000. An IPADDRANY join takes the client address of the
 * remote's /24, as the selftest routing does.
 */
import { createKernelPm, type KernelPathManager } from '../../../src/core/pm/kernel-pm';
import { PmNamespace, type EndpointRequest, type PmLimits } from '../../../src/core/pm/pm-namespace';
import type { PmActions, PmConnectionView, PmSubflowView } from '../../../src/core/pm/types';
import { MS, SEC, type Nanos } from '../../../src/core/sim/time';

export interface SideConfig {
  addrs?: string[];
  endpoints?: EndpointRequest[];
  limits?: Partial<PmLimits>;
  /** net.mptcp.add_addr_timeout, s (default 120). */
  addAddrTimeoutS?: number;
  /** net.mptcp.allow_join_initial_addr_port (default true); false sets the C flag in our MP_CAPABLE. */
  allowJoinInitialAddrPort?: boolean;
  /** Drop every ADD_ADDR option this side sends (mptcp_join.sh reset_with_add_addr_timeout on ns2). */
  dropOutgoingAddAddr?: boolean;
}

export interface PairConfig {
  client?: SideConfig;
  server?: SideConfig;
  oneWayDelay?: Nanos;
  /** The subflows' RTO, which caps the ADD_ADDR timeout (mptcp_adjust_add_addr_timeout). */
  rto?: Nanos;
  /** Addresses whose connect() fails at once (MPJoinSynTxConnectErr), e.g. a multicast address. */
  connectError?: string[];
  /** Join sources the server refuses (mptcp_join.sh reset_with_tcp_filter ns1 ADDR REJECT). */
  rejectFrom?: string[];
}

export const SERVER_PORT = 10000;

export interface SentSignal {
  t: Nanos;
  kind: 'ADD_ADDR' | 'ECHO' | 'RM_ADDR' | 'MP_PRIO';
  id?: number;
  ids?: number[];
  addr?: string;
  backup?: boolean;
}

class FakeSubflow {
  closed = false;
  established = false;
  peer: FakeSubflow | null = null;
  peerBackup = false;
  constructor(
    readonly id: number,
    readonly localAddr: string,
    readonly localPort: number,
    readonly localId: number,
    readonly remoteAddr: string,
    readonly remotePort: number,
    public remoteId: number,
    public backup: boolean,
    readonly isJoin: boolean,
  ) {}

  view(): PmSubflowView {
    return {
      id: this.id,
      localAddr: this.localAddr,
      localPort: this.localPort,
      localId: this.localId,
      remoteAddr: this.remoteAddr,
      remotePort: this.remotePort,
      remoteId: this.remoteId,
      backup: this.backup,
      peerBackup: this.peerBackup,
      established: this.established,
      closed: this.closed,
      isJoin: this.isJoin,
    };
  }
}

interface Timer {
  t: Nanos;
  seq: number;
  fn: () => void;
  live: boolean;
}

export class EventQueue {
  now: Nanos = 0;
  private seq = 0;
  private items: Timer[] = [];

  schedule(delay: Nanos, fn: () => void): () => void {
    const item: Timer = { t: this.now + delay, seq: this.seq++, fn, live: true };
    let i = this.items.length;
    while (i > 0 && (this.items[i - 1].t > item.t || (this.items[i - 1].t === item.t && this.items[i - 1].seq > item.seq))) i--;
    this.items.splice(i, 0, item);
    return () => {
      item.live = false;
    };
  }

  /** Run events until none is left or the next one is after `until`. */
  run(until: Nanos = Infinity): void {
    let guard = 100_000;
    while (this.items.length > 0 && this.items[0].t <= until && guard-- > 0) {
      const item = this.items.shift()!;
      if (!item.live) continue;
      this.now = item.t;
      item.fn();
    }
    if (until !== Infinity && this.now < until) this.now = until;
  }
}

export class Side {
  readonly ns = new PmNamespace();
  readonly counters = new Map<string, number>();
  readonly events: { t: Nanos; type: string; [k: string]: unknown }[] = [];
  readonly sent: SentSignal[] = [];
  readonly subflows: FakeSubflow[] = [];
  readonly addrs: string[];
  pm!: KernelPathManager;
  peer!: Side;
  remoteDenyJoinId0 = false;
  private nextSubflowId = 1;
  private nextPort: number;

  constructor(
    readonly name: 'client' | 'server',
    readonly cfg: SideConfig,
    private readonly world: PmPair,
  ) {
    const n = name === 'client' ? 2 : 1;
    this.addrs = cfg.addrs ?? [1, 2, 3, 4].map((k) => `10.0.${k}.${n}`);
    this.nextPort = name === 'client' ? 40000 : 50000;
    if (cfg.limits) {
      const r = this.ns.setLimits(cfg.limits);
      if (!r.ok) throw new Error(r.message);
    }
    for (const ep of cfg.endpoints ?? []) {
      const r = this.ns.add(ep);
      if (!r.ok) throw new Error(`${name} endpoint ${ep.addr}: ${r.message}`);
    }
  }

  count(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  mib(name: string, by = 1): void {
    this.counters.set(name, this.count(name) + by);
  }

  eventCount(type: string): number {
    return this.events.filter((e) => e.type === type).length;
  }

  get initial(): FakeSubflow {
    return this.subflows[0];
  }

  /** Subflows not closed. */
  get live(): FakeSubflow[] {
    return this.subflows.filter((s) => !s.closed);
  }

  view(): PmConnectionView {
    const first = this.initial;
    return {
      side: this.name,
      token: this.name === 'client' ? 0x11111111 : 0x22222222,
      initialLocal: { addr: first.localAddr, port: first.localPort },
      initialRemote: { addr: first.remoteAddr, port: first.remotePort },
      remoteDenyJoinId0: this.remoteDenyJoinId0,
      subflows: this.subflows.map((s) => s.view()),
    };
  }

  addInitial(local: string, localPort: number, remote: string, remotePort: number): FakeSubflow {
    const sf = new FakeSubflow(this.nextSubflowId++, local, localPort, 0, remote, remotePort, 0, false, false);
    this.subflows.push(sf);
    return sf;
  }

  /** Deliver `fn` on the peer one one-way delay later. */
  private toPeer(fn: () => void): void {
    this.world.queue.schedule(this.world.delay, fn);
  }

  listens(addr: string, port: number): boolean {
    if (this.name !== 'server' || !this.addrs.includes(addr)) return false;
    return port === SERVER_PORT || this.ns.endpoints.some((e) => e.addr === addr && e.port === port);
  }

  /** The source address routing picks for an IPADDRANY join: ours on the remote's /24. */
  route(remote: string): string {
    const net = remote.split('.').slice(0, 3).join('.');
    return this.addrs.find((a) => a.startsWith(`${net}.`)) ?? this.addrs[0];
  }

  closeSubflow(sf: FakeSubflow, notifyPeer: boolean): void {
    if (sf.closed) return;
    sf.closed = true;
    sf.established = false;
    this.pm.subflowClosed(sf.view());
    const p = sf.peer;
    // the peer's subflow sits in CLOSE_WAIT until its MPTCP worker closes it, after the PM worker
    // (mptcp_worker runs mptcp_pm_worker before __mptcp_close_subflow)
    if (notifyPeer && p) this.toPeer(() => this.world.queue.schedule(0, () => this.peer.closeSubflow(p, false)));
  }

  /** An MP_JOIN from `local` (null: routing picks it) to `remote`. */
  join(local: { addr: string; id: number } | null, remote: { addr: string; port: number; id: number }, backup: boolean): boolean {
    if (local && !this.addrs.includes(local.addr)) {
      this.mib('MPJoinSynTxBindErr');
      return false;
    }
    if (this.world.connectError.includes(remote.addr)) {
      this.mib('MPJoinSynTxConnectErr');
      return false;
    }
    const src = local ? local.addr : this.route(remote.addr);
    const localId = local ? local.id : this.pm.localId(src);
    const sf = new FakeSubflow(this.nextSubflowId++, src, this.nextPort++, localId, remote.addr, remote.port, remote.id, backup, true);
    this.subflows.push(sf);
    this.mib('MPJoinSynTx');
    const peer = this.peer;
    this.toPeer(() => {
      if (!peer.listens(remote.addr, remote.port) || (peer.name === 'server' && this.world.rejectFrom.includes(src))) {
        // a host that has the address answers RST; an unknown address never answers
        if (peer.addrs.includes(remote.addr)) this.world.queue.schedule(this.world.delay, () => this.closeSubflow(sf, false));
        return;
      }
      peer.mib('MPJoinSynRx');
      if (backup) peer.mib('MPJoinSynBackupRx');
      const peerLocalId = peer.pm.localId(remote.addr, remote.port);
      const peerBackup = peer.pm.isBackup(remote.addr, remote.port);
      peer.toPeer(() => {
        if (sf.closed) return;
        this.mib('MPJoinSynAckRx');
        if (peerBackup) this.mib('MPJoinSynAckBackupRx');
        sf.remoteId = peerLocalId;
        sf.peerBackup = peerBackup;
        this.toPeer(() => {
          if (!peer.pm.allowNewSubflow()) {
            peer.toPeer(() => this.closeSubflow(sf, false));
            return;
          }
          peer.mib('MPJoinAckRx');
          const psf = new FakeSubflow(peer.nextSubflowId++, remote.addr, remote.port, peerLocalId, src, sf.localPort, localId, peerBackup, true);
          psf.peerBackup = backup;
          psf.established = true;
          psf.peer = sf;
          sf.peer = psf;
          peer.subflows.push(psf);
          peer.events.push({ t: this.world.queue.now, type: 'SF_ESTABLISHED', locid: peerLocalId, remid: localId });
          peer.pm.subflowEstablished(psf.view());
          peer.toPeer(() => {
            if (sf.closed) return;
            sf.established = true;
            this.events.push({ t: this.world.queue.now, type: 'SF_ESTABLISHED', locid: localId, remid: sf.remoteId });
            this.pm.subflowEstablished(sf.view());
          });
        });
      });
    });
    return true;
  }

  actions(): PmActions {
    const q = this.world.queue;
    const cfg = this.cfg;
    return {
      now: () => q.now,
      schedule: (delay, fn) => q.schedule(delay, fn),
      sendAddAddr: (a) => {
        this.sent.push({ t: q.now, kind: 'ADD_ADDR', id: a.id, addr: a.addr });
        if (cfg.dropOutgoingAddAddr) return;
        this.toPeer(() => this.peer.pm.addAddrReceived(a));
      },
      sendAddAddrEcho: (a) => {
        this.sent.push({ t: q.now, kind: 'ECHO', id: a.id, addr: a.addr });
        if (cfg.dropOutgoingAddAddr) return;
        this.toPeer(() => this.peer.pm.addAddrEchoed(a));
      },
      sendRmAddr: (ids) => {
        this.sent.push({ t: q.now, kind: 'RM_ADDR', ids: ids.slice() });
        this.toPeer(() => this.peer.pm.rmAddrReceived(ids));
      },
      createSubflow: (local, remote, opts) => this.join(local, remote, opts.backup),
      closeSubflows: (match) => {
        let n = 0;
        for (const sf of this.subflows.slice()) {
          if (sf.closed || !match(sf.view())) continue;
          n++;
          this.closeSubflow(sf, true);
        }
        return n;
      },
      sendMpPrio: (id, backup) => {
        const sf = this.subflows.find((s) => s.id === id);
        if (!sf) return;
        sf.backup = backup;
        this.sent.push({ t: q.now, kind: 'MP_PRIO', id, backup });
        const p = sf.peer;
        this.toPeer(() => {
          this.peer.mib('MPPrioRx');
          if (p) p.peerBackup = backup;
          this.peer.events.push({ t: q.now, type: 'SF_PRIO', backup: backup ? '1' : '0' });
        });
      },
      mib: (name, by) => this.mib(name, by),
      event: (type, attrs) => this.events.push({ t: q.now, type, ...attrs }),
      view: () => this.view(),
      addAddrTimeout: () => Math.min((cfg.addAddrTimeoutS ?? 120) * SEC, this.world.rto),
    };
  }
}

export class PmPair {
  readonly queue = new EventQueue();
  readonly delay: Nanos;
  readonly rto: Nanos;
  readonly connectError: string[];
  readonly rejectFrom: string[];
  readonly client: Side;
  readonly server: Side;

  constructor(cfg: PairConfig = {}) {
    this.delay = cfg.oneWayDelay ?? 10 * MS;
    this.rto = cfg.rto ?? 200 * MS;
    this.connectError = cfg.connectError ?? [];
    this.rejectFrom = cfg.rejectFrom ?? [];
    this.client = new Side('client', cfg.client ?? {}, this);
    this.server = new Side('server', cfg.server ?? {}, this);
    this.client.peer = this.server;
    this.server.peer = this.client;
    this.client.remoteDenyJoinId0 = cfg.server?.allowJoinInitialAddrPort === false;
    this.server.remoteDenyJoinId0 = cfg.client?.allowJoinInitialAddrPort === false;
  }

  /**
   * connect(): SYN at 0, SYN/ACK at D, the third ACK makes the server fully established at 2D… here
   * simplified to: the server's PM starts at 3D (third ACK received), the client's at 4D (fourth
   * packet received), as kernel-ref observes one RTT apart.
   */
  connect(): this {
    const c = this.client.addInitial(this.client.addrs[0], 40000 - 1, this.server.addrs[0], SERVER_PORT);
    const s = this.server.addInitial(this.server.addrs[0], SERVER_PORT, this.client.addrs[0], 40000 - 1);
    c.peer = s;
    s.peer = c;
    for (const side of [this.client, this.server]) {
      side.pm = createKernelPm(side.ns, side.actions(), {
        add_addr_timeout_s: side.cfg.addAddrTimeoutS ?? 120,
        allow_join_initial_addr_port: side.cfg.allowJoinInitialAddrPort ?? true,
      });
      // the mechanism forwards namespace changes to its connections' PMs
      side.ns.subscribe((change) => side.pm.namespaceChanged(change));
    }
    this.queue.schedule(2 * this.delay, () => {
      c.established = true;
    });
    this.queue.schedule(3 * this.delay, () => {
      s.established = true;
      this.server.pm.fullyEstablished();
    });
    this.queue.schedule(4 * this.delay, () => this.client.pm.fullyEstablished());
    return this;
  }

  run(until?: Nanos): this {
    this.queue.run(until);
    return this;
  }

  get now(): Nanos {
    return this.queue.now;
  }
}

/** mptcp_join.sh chk_join_nr: [server MPJoinSynRx, client MPJoinSynAckRx, server MPJoinAckRx]. */
export function joinNr(p: PmPair): [number, number, number] {
  return [p.server.count('MPJoinSynRx'), p.client.count('MPJoinSynAckRx'), p.server.count('MPJoinAckRx')];
}
