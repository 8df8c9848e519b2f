/**
 * The applications of a kernel-ref run (its `app_main`), simulated: a server that listens on
 * `app.port`, a client that calls connect() at t0 = 0, and a bulk transfer in `app.direction` of
 * `app.bytes` (or for `app.duration_s`). The sender writes as fast as its send buffer allows, then
 * shutdown(SHUT_WR) and reads until the peer's EOF; the receiver reads until EOF, then closes.
 * Times and counts land in an AppResult per side with kernel-ref's field names, so duration_s,
 * handshake_s and goodput_mbit mean the same thing here and on the real kernel.
 *
 * Simulator extension `sim.tcp_flows: "per_path"`: the client opens one plain TCP connection per
 * path (source = its path address, destination = the server's address on that path), like the ns-3
 * two-path workload; the app result then sums the flows.
 */
import type { Scenario } from '../scenario/types';
import type { AppResult, SchedDecisionRecord, Side } from '../sim/trace';
import type { World } from '../sim/world';
import { Rng } from '../sim/rng';
import { fromSeconds, SEC, type Nanos } from '../sim/time';
import { TcpSocket, type TcpApp, type TcpConfig } from '../tcp/tcp-socket';
import { intToIpv4, ipv4ToInt, type Packet } from '../net/packet';
import type { Host } from '../net/host';
import { MptcpConnection, type StreamApp } from '../mptcp/connection';
import { MptcpStack, mptcpSysctlFrom } from '../mptcp/stack';
import type { SocketSample } from '../sim/trace';
import { streamSeed } from '../net/payload';
import { ERRNO, hostKernel, openAppSocket, type AppSocketOutcome, type SocketErrno } from '../linux/socket-create';
import { attachScripts, type PmScriptHook } from '../script/attach';
import type { ScriptRuntime } from '../script/types';

/** What the application holds: a TCP socket or an MPTCP connection (the same calls either way). */
type AppSocket = TcpSocket | MptcpConnection;

/** The stream id of an app-level socket's payload. */
function streamOf(s: AppSocket): number {
  return s instanceof TcpSocket ? s.cfg.stream : s.stream;
}

function blankResult(role: Side, proto: 'mptcp' | 'tcp', cc: string): AppResult {
  return {
    role,
    proto_requested: proto,
    proto_socket: proto,
    error: null,
    t_connect_start: null,
    t_connected: null,
    local: null,
    congestion_control: cc,
    t_first_send: null,
    t_last_send: null,
    bytes_sent: 0,
    bytes_received: 0,
    sha256_sent: null,
    sha256_received: null,
    t_eof: null,
    t_first_byte: null,
    t_last_byte: null,
    t_accept: null,
    peer: null,
    t_done: null,
    mptcp_at_start: false,
    mptcp_info_error_at_start: null,
    socket_error: null,
    stream_in_order: true,
    samples: [],
  };
}

const toS = (t: Nanos): number => Math.round(t / 1000) / 1e6;

/** One side's application: the app of its socket(s), TCP or MPTCP. */
class Endpoint implements TcpApp, StreamApp {
  /** The sockets the application holds (TCP sockets or MPTCP connections). */
  readonly flows: AppSocket[] = [];
  /** Every TCP socket of this side, MPTCP subflows included (statistics, checkpoints). */
  readonly sockets: TcpSocket[] = [];
  private openFlows = 0;
  private eofFlows = 0;
  /** Bytes still to write (Infinity in duration mode until the deadline). */
  private toWrite: number;
  private writing = false;
  private done = false;
  /** When the sampler thread started (connect()/accept() returned), ns; -1 before. */
  samplerStart: Nanos = -1;

  constructor(
    readonly result: AppResult,
    private readonly sender: boolean,
    bytes: number | null,
    private readonly durationS: number | null,
    private readonly owner: BulkTransfer,
  ) {
    this.toWrite = sender ? (bytes ?? Infinity) : 0;
  }

  attach(sock: AppSocket): void {
    sock.app = this;
    this.flows.push(sock);
    if (sock instanceof TcpSocket) this.sockets.push(sock);
    this.openFlows++;
  }

  connected(sock: AppSocket, now: Nanos): void {
    const r = this.result;
    if (r.t_connected === null && r.t_accept === null) this.owner.startSampling(this, now);
    if (r.t_connected === null && r.t_accept === null) {
      // getsockopt(MPTCP_INFO) right after connect()/accept(): EOPNOTSUPP ("ENOTSUP") unless MPTCP is in use
      r.mptcp_at_start = sock instanceof MptcpConnection && !sock.fallback;
      r.mptcp_info_error_at_start = r.mptcp_at_start ? null : 'ENOTSUP';
    }
    if (r.role === 'client') {
      if (r.t_connected === null) r.t_connected = toS(now);
      if (r.local === null) r.local = `${intToIpv4(sock.localAddr)}:${sock.localPort}`;
    } else if (r.t_accept === null) {
      r.t_accept = toS(now);
      r.peer = `${intToIpv4(sock.remoteAddr)}:${sock.remotePort}`;
    }
    if (this.sender && !this.writing) {
      this.writing = true;
      r.t_first_send = toS(now);
      if (this.durationS !== null) {
        this.owner.world.engine.at(now + fromSeconds(this.durationS), { fire: (_a: null, t: Nanos) => this.stopWriting(t) }, null);
      }
    }
    if (this.sender) this.writable(sock, now);
  }

  private stopWriting(now: Nanos): void {
    if (this.toWrite === 0) return;
    this.toWrite = 0;
    this.finishWriting(now);
  }

  private finishWriting(now: Nanos): void {
    this.result.t_last_send = toS(now);
    for (const s of this.flows) s.shutdownWrite();
  }

  writable(sock: AppSocket, now: Nanos): void {
    if (!this.sender || this.toWrite <= 0 || !this.writing) return;
    if (sock instanceof MptcpConnection && !sock.fallback) {
      this.sendChunks(sock, now);
      return;
    }
    const n = Math.min(this.toWrite, sock.sendSpace());
    if (n <= 0) return;
    this.toWrite -= n;
    this.result.bytes_sent += n;
    sock.write(n);
    if (this.toWrite === 0) this.finishWriting(now);
  }

  /** Bytes left of the app's current write (kernel-ref's sendall of `app.chunk_bytes` chunks). */
  private chunkLeft = 0;

  /**
   * kernel-ref's sender: sock.sendall() of `chunk_bytes` at a time. One blocking sendmsg per chunk,
   * which the MPTCP socket copies in pieces (MptcpConnection.sendSpace) and waits in when its
   * send buffer is full; the next chunk follows at once.
   */
  private sendChunks(sock: MptcpConnection, now: Nanos): void {
    for (;;) {
      if (this.chunkLeft === 0) this.chunkLeft = Math.min(this.toWrite, this.owner.chunkBytes);
      const n = Math.min(this.chunkLeft, sock.sendSpace());
      if (n <= 0) return;
      this.chunkLeft -= n;
      this.toWrite -= n;
      this.result.bytes_sent += n;
      sock.write(n, this.chunkLeft > 0);
      if (this.toWrite === 0) {
        this.finishWriting(now);
        return;
      }
    }
  }

  received(_sock: AppSocket, n: number, now: Nanos): void {
    const r = this.result;
    if (r.bytes_received === 0) r.t_first_byte = toS(now);
    r.bytes_received += n;
    r.t_last_byte = toS(now);
  }

  eof(sock: AppSocket, now: Nanos): void {
    this.eofFlows++;
    if (!sock.streamInOrder) this.result.stream_in_order = false;
    if (this.eofFlows < this.openFlows) return;
    this.result.t_eof = toS(now);
    // kernel-ref's app reads MPTCP_INFO and the subflows' tcp_info right after recv() returned 0
    // (app_main: mptcp_info_end, subflows_end), then stops its sampler thread and joins it, which
    // returns at the sampler's next tick (it sleeps until then); only then does it close() the
    // socket and note t_done. The receiver's close sends its FIN (DATA_FIN); the sender has already shut down.
    const f = this.flows[0];
    const info = f instanceof MptcpConnection ? f.mptcpInfo(now) : null;
    this.result.mptcp_at_end = info !== null;
    this.result.mptcp_info_error_at_end = info === null ? 'ENOTSUP' : null;
    this.result.mptcp_info_end = info;
    this.result.subflows_end = this.subflowSamples();
    const at = this.owner.nextSampleTick(this, now);
    this.owner.world.engine.at(at, { fire: (_a: null, t: Nanos) => this.closeAfterEof(t) }, null);
  }

  private closeAfterEof(now: Nanos): void {
    if (this.done) return;
    for (const s of this.flows) {
      if (s instanceof MptcpConnection) s.close();
      else s.shutdownWrite();
    }
    this.finish(now);
  }

  closed(sock: AppSocket, now: Nanos, reason: string): void {
    if (!sock.streamInOrder) this.result.stream_in_order = false;
    // the app's recv()/send() fails; it then closes its socket (the CLOSED monitor event)
    if (reason !== 'closed' && sock instanceof MptcpConnection) sock.close();
    if (reason !== 'closed' && !this.done) {
      this.result.error = `${reason === 'reset' ? 'ConnectionResetError' : 'TimeoutError'}: connection ${reason}`;
      this.finish(now);
    }
  }

  private finish(now: Nanos): void {
    if (this.done) return;
    this.done = true;
    this.result.t_done = toS(now);
    this.owner.sideDone(now);
  }

  get isDone(): boolean {
    return this.done;
  }

  /** socket() failed for good (a forced MPTCP socket the kernel refuses): the app ends with kernel-ref's OSError. */
  socketFailed(now: Nanos): void {
    const e = (this.result.socket_error ?? 'EINVAL') as SocketErrno;
    this.result.error = `OSError: [Errno ${ERRNO[e].num}] ${ERRNO[e].text}`;
    this.finish(now);
  }

  /** tcp_info of every subflow of every flow, in kernel-ref's samples[].sf order. */
  subflowSamples(): SocketSample[] {
    const out: SocketSample[] = [];
    for (const f of this.flows) {
      if (f instanceof TcpSocket) out.push(f.sample());
      else for (const s of f.samples()) out.push(s);
    }
    return out;
  }
}

export class BulkTransfer {
  readonly client: Endpoint;
  readonly server: Endpoint;
  private doneSides = 0;
  private readonly rng: Rng;
  private readonly tcpCfgBase: Omit<TcpConfig, 'stream' | 'mtu'>;
  private nextStream = 0;

  /** The sender's write size (kernel-ref's `app.chunk_bytes`, sendall() per chunk). */
  get chunkBytes(): number {
    return this.scenario.app.chunk_bytes;
  }

  constructor(
    readonly world: World,
    private readonly scenario: Scenario,
    private readonly seed: number,
    /** The sandbox that runs the scenario's scripts (sim.pm_script, sim.scheduler_script); default: in-thread. */
    scripts?: ScriptRuntime,
  ) {
    const app = scenario.app;
    // sim.congestion_control (simulator-only, e.g. the coupled lia/olia/balia) overrides the app's choice
    const cc = (scenario.sim?.congestion_control as string | undefined) ?? app.congestion_control ?? (scenario.sim?.congestion_control_default as string | undefined) ?? 'cubic';
    const upload = app.direction === 'upload';
    this.rng = Rng.derive(seed, 'app');
    this.client = new Endpoint(blankResult('client', app.client_proto, cc), upload, app.bytes, app.duration_s, this);
    this.server = new Endpoint(blankResult('server', app.server_proto, cc), !upload, app.bytes, app.duration_s, this);
    const sysctlOf = (key: string, side: Side): number | string | undefined => scenario[side].sysctl[key];
    const flag = (key: string, side: Side): boolean => {
      const v = sysctlOf(key, side);
      return v === undefined ? true : Number(v) !== 0;
    };
    // net.ipv4.tcp_rmem "min default max": the max sets the offered window scale
    const rmemMax = (side: Side): number | undefined => {
      const parts = String(sysctlOf('net.ipv4.tcp_rmem', side) ?? '').trim().split(/\s+/);
      const max = Number(parts[2]);
      return parts.length === 3 && Number.isInteger(max) && max > 0 ? max : undefined;
    };
    // the two sides may differ in sysctls: SYN options are offered per side
    this.tcpCfgBase = {
      congestionControl: cc,
      sack: flag('net.ipv4.tcp_sack', 'client'),
      timestamps: flag('net.ipv4.tcp_timestamps', 'client'),
      windowScaling: flag('net.ipv4.tcp_window_scaling', 'client'),
      slowStartAfterIdle: flag('net.ipv4.tcp_slow_start_after_idle', 'client'),
      tcpRmemMax: rmemMax('client'),
      rcvbuf: app.rcvbuf,
      sndbuf: app.sndbuf,
    };
    this.serverCfg = {
      ...this.tcpCfgBase,
      sack: flag('net.ipv4.tcp_sack', 'server'),
      timestamps: flag('net.ipv4.tcp_timestamps', 'server'),
      windowScaling: flag('net.ipv4.tcp_window_scaling', 'server'),
      slowStartAfterIdle: flag('net.ipv4.tcp_slow_start_after_idle', 'server'),
      tcpRmemMax: rmemMax('server'),
    };
    this.stacks = { client: this.makeStack('client', this.tcpCfgBase), server: this.makeStack('server', this.serverCfg) };
    // sim.scheduler: a scheduler the kernel lacks, for both hosts or per host
    const sched = scenario.sim?.scheduler as string | { client?: string; server?: string } | undefined;
    for (const side of ['client', 'server'] as const) {
      const name = typeof sched === 'string' ? sched : sched?.[side];
      if (name !== undefined) this.stacks[side].schedulerName = name;
    }
    world.onSysctl = (side) => {
      this.stacks[side].sysctl = mptcpSysctlFrom(world.mptcpSysctl[side]);
    };
    // [userspace PM] sim.userspace_pm commands go to the host's stack (its token table)
    world.onPmCommand = (c) => this.stacks[c.ns].userspacePmCommand(c, c.token);
    // [scripts] sim.scheduler_script / sim.pm_script, compiled once per run (script/attach.ts)
    this.pmScripts = attachScripts(world, this.stacks, scenario, seed, scripts);
  }

  private readonly serverCfg: Omit<TcpConfig, 'stream' | 'mtu'>;
  /** [scripts] Per host, the PM script's hook for its monitor events. */
  private pmScripts: Partial<Record<Side, PmScriptHook>> = {};
  /** Each host's MPTCP stack (sysctls, PM namespace, token table). */
  readonly stacks: { client: MptcpStack; server: MptcpStack };

  private makeStack(side: Side, cfg: Omit<TcpConfig, 'stream' | 'mtu'>): MptcpStack {
    const w = this.world;
    const host = side === 'client' ? w.client : w.server;
    const ep = side === 'client' ? this.client : this.server;
    const mib = w.mib[side].MPTcpExt;
    return new MptcpStack(side, host, w.engine, Rng.derive(this.rng.u32(), `mptcp:${side}`), mptcpSysctlFrom(w.mptcpSysctl[side]), w.pmNs[side], w.tcpEnv(host), cfg, this.scenario.app.sndbuf, this.scenario.app.rcvbuf, {
      trace: (sd, conn, ev) => w.events.push({ t: w.engine.now, type: 'mptcp', side: sd, token: conn.localToken.toString(16).padStart(8, '0'), ev }),
      pmEvent: (sd, type, attrs) => {
        w.pmEvent(sd, type, attrs);
        this.pmScripts[sd]?.(type, attrs);
      },
      counters: mib,
      eagerRecords: w.opts.captures,
      subflowCreated: (_sd, _conn, sf) => {
        ep.sockets.push(sf.sock);
      },
      // scheduler decisions are per-packet detail, recorded with the captures (the views need both)
      ...(w.opts.captures ? { schedDecision: (rec: SchedDecisionRecord) => w.schedDecisions.push(rec) } : {}),
    }, (stream) => streamSeed(this.seed, stream));
  }

  /** Data direction's stream id (one per flow, in connect order). */
  private newStream(): number {
    return this.nextStream++;
  }

  private mtuOf(path: number): number {
    return this.scenario.paths[path - 1].mtu ?? 1500;
  }

  /** Listen, connect at t0 = 0, and sample both apps every sample_interval_s. */
  start(): void {
    const w = this.world;
    const app = this.scenario.app;
    const server = w.server;
    const streams = new Map<string, number>();
    const srvStack = this.stacks.server;
    const perPath = this.scenario.sim?.tcp_flows === 'per_path';
    // socket() at start on each host: the kernel's answer to IPPROTO_MPTCP, sim.force_mptcp, sim.kernel
    const cliOpen = this.openSocket('client');
    const srvOpen = this.openSocket('server');
    this.serverMptcp = srvOpen.proto_socket === 'mptcp';
    if (this.serverMptcp) w.pmEvent('server', 'LISTENER_CREATED', {});
    server.listen(app.port, {
      onSyn: (pkt: Packet, now: Nanos) => {
        // socket() failed for good: no listener, the SYN gets a RST
        if (srvOpen.proto_socket === null) return null;
        const key = `${pkt.src}:${pkt.sport}`;
        const path = server.ifaceOfSubnet(pkt.src)?.path ?? 1;
        // kernel-ref's server accept()s once; with sim.tcp_flows every flow. A further connection
        // (e.g. a join whose MP_JOIN a middlebox stripped) completes in the backlog, never read.
        const accept = (s: AppSocket): void => {
          if (perPath || this.server.flows.length === 0) this.server.attach(s);
        };
        if (this.serverMptcp && srvStack.sysctl.enabled) {
          return srvStack.onListenerSyn(pkt, () => streams.get(key) ?? this.newStream(), this.mtuOf(path), accept);
        }
        const stream = streams.get(key) ?? this.newStream();
        const sock = new TcpSocket(w.tcpEnv(server), Rng.derive(this.rng.u32(), 'srv'), { ...this.serverCfg, stream, mtu: this.mtuOf(path) });
        accept(sock);
        server.register(pkt.dst, pkt.dport, pkt.src, pkt.sport, sock);
        sock.acceptSyn(pkt);
        void now;
        return sock;
      },
    });
    const targets = perPath
      ? this.scenario.paths.map((p) => ({ src: ipv4ToInt(p.client_addr), dst: ipv4ToInt(p.server_addr), path: p.id }))
      : [this.defaultTarget(w.client)];
    if (srvOpen.proto_socket === null) this.server.socketFailed(0);
    if (cliOpen.proto_socket === null) {
      this.client.socketFailed(0);
      return;
    }
    this.client.result.t_connect_start = 0;
    const cliStack = this.stacks.client;
    for (const t of targets) {
      const stream = this.newStream();
      const port = 32768 + this.rng.int(60999 - 32768 + 1);
      streams.set(`${t.src}:${port}`, stream);
      if (cliOpen.proto_socket === 'mptcp') {
        this.client.attach(cliStack.connect(stream, t.src, port, t.dst, app.port, this.mtuOf(t.path)));
        continue;
      }
      const sock = new TcpSocket(w.tcpEnv(w.client), Rng.derive(this.rng.u32(), 'cli'), { ...this.tcpCfgBase, stream, mtu: this.mtuOf(t.path) });
      this.client.attach(sock);
      w.client.register(t.src, port, t.dst, app.port, sock);
      sock.connect(t.src, port, t.dst, app.port);
    }
  }

  /** The server app's listener is an MPTCP socket. */
  private serverMptcp = false;

  /**
   * socket() for one side's app at start (linux/socket-create.ts): the protocol it asks for, then
   * sim.force_mptcp, on the host's kernel (sim.kernel) with net.mptcp.enabled as it is now. A failed
   * socket(IPPROTO_MPTCP) falls back to TCP (kernel-ref's make_socket) and says so in the result.
   */
  private openSocket(side: Side): AppSocketOutcome {
    const sim = this.scenario.sim;
    const kind = sim?.kernel?.[side]?.mptcp ?? sim?.kernel?.mptcp ?? 'built';
    const requested = side === 'client' ? this.scenario.app.client_proto : this.scenario.app.server_proto;
    const o = openAppSocket(requested, sim?.force_mptcp?.[side] ?? null, hostKernel(kind, this.stacks[side].sysctl.enabled));
    const r = (side === 'client' ? this.client : this.server).result;
    r.proto_socket = o.proto_socket;
    r.socket_error = o.socket_error;
    return o;
  }

  /** Source address for the default connection: the route to server_addr picks the interface. */
  private defaultTarget(client: Host): { src: number; dst: number; path: number } {
    const dst = ipv4ToInt(this.scenario.app.server_addr);
    const ifc = client.ifaceOfSubnet(dst) ?? client.ifaces[0];
    return { src: ifc.addrs[0], dst, path: ifc.path };
  }

  /**
   * kernel-ref's sampler thread: each app samples its socket every sample_interval_s, starting when
   * connect() / accept() returns, until it is done.
   */
  startSampling(ep: Endpoint, now: Nanos): void {
    const iv = fromSeconds(this.scenario.app.sample_interval_s);
    ep.samplerStart = now;
    const upload = this.scenario.app.direction === 'upload';
    const tick = (t: Nanos): void => {
      if (ep.isDone) return;
      const r = ep.result;
      const sending = (r.role === 'client') === upload;
      const f = ep.flows[0];
      const info = f instanceof MptcpConnection ? f.mptcpInfo(t) : null;
      const mptcp = info === null ? {} : {
        extra_subflows: info.subflows,
        subflows_total: info.subflows_total,
        add_addr_signal: info.add_addr_signal,
        add_addr_accepted: info.add_addr_accepted,
        bytes_sent: info.bytes_sent,
        bytes_acked: info.bytes_acked,
        bytes_received: info.bytes_received,
        bytes_retrans: info.bytes_retrans,
        retransmits: info.retransmits,
        snd_una: info.snd_una,
        write_seq: info.write_seq,
        rcv_nxt: info.rcv_nxt,
        local_addr_used: info.local_addr_used,
        last_data_sent: info.last_data_sent,
        last_data_recv: info.last_data_recv,
        last_ack_recv: info.last_ack_recv,
      };
      r.samples.push({ t: toS(t), app_bytes: sending ? r.bytes_sent : r.bytes_received, ...mptcp, sf: ep.subflowSamples() });
      this.world.engine.at(t + iv, { fire: (_a: null, at: Nanos) => tick(at) }, null);
    };
    tick(now);
  }

  /** The sampler thread's first tick after `now` (ticks at start + k · sample_interval_s). */
  nextSampleTick(ep: Endpoint, now: Nanos): Nanos {
    const iv = fromSeconds(this.scenario.app.sample_interval_s);
    const start = ep.samplerStart < 0 ? now : ep.samplerStart;
    return start + (Math.floor((now - start) / iv) + 1) * iv;
  }

  sideDone(now: Nanos): void {
    this.doneSides++;
    if (this.doneSides === 1 || this.doneSides === 2) {
      // the server app closes its listener when it is done
      if (this.server.isDone && this.serverMptcp && !this.listenerClosed && this.stacks.server.sysctl.enabled) {
        this.listenerClosed = true;
        this.world.pmEvent('server', 'LISTENER_CLOSED', {});
      }
    }
    if (this.doneSides === 2) {
      // kernel-ref lingers linger_s after both apps exit, then stops everything
      this.world.engine.at(now + Math.round(this.scenario.app.linger_s * SEC), { fire: () => this.world.engine.stop() }, null);
    }
  }

  private listenerClosed = false;

  /** The stream id of the one data flow, or null when the app opened several (sim.tcp_flows). */
  get singleStream(): number | null {
    const flows = this.scenario.app.direction === 'upload' ? this.client.flows : this.server.flows;
    return flows.length === 1 ? streamOf(flows[0]) : null;
  }

  get allDone(): boolean {
    return this.doneSides === 2;
  }
}
