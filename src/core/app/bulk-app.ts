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
import type { AppResult, Side } from '../sim/trace';
import type { World } from '../sim/world';
import { Rng } from '../sim/rng';
import { fromSeconds, SEC, type Nanos } from '../sim/time';
import { TcpSocket, type TcpApp, type TcpConfig } from '../tcp/tcp-socket';
import { intToIpv4, ipv4ToInt, type Packet } from '../net/packet';
import type { Host } from '../net/host';

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
    mptcp_info_error_at_start: proto === 'tcp' ? 'ENOPROTOOPT' : null,
    socket_error: null,
    stream_in_order: true,
    samples: [],
  };
}

const toS = (t: Nanos): number => Math.round(t / 1000) / 1e6;

/** One side's application: a TcpApp for its socket(s). */
class Endpoint implements TcpApp {
  readonly sockets: TcpSocket[] = [];
  private openFlows = 0;
  private eofFlows = 0;
  /** Bytes still to write (Infinity in duration mode until the deadline). */
  private toWrite: number;
  private writing = false;
  private done = false;

  constructor(
    readonly result: AppResult,
    private readonly sender: boolean,
    bytes: number | null,
    private readonly durationS: number | null,
    private readonly owner: BulkTransfer,
  ) {
    this.toWrite = sender ? (bytes ?? Infinity) : 0;
  }

  attach(sock: TcpSocket): void {
    sock.app = this;
    this.sockets.push(sock);
    this.openFlows++;
  }

  connected(sock: TcpSocket, now: Nanos): void {
    const r = this.result;
    if (r.t_connected === null && r.t_accept === null) this.owner.startSampling(this, now);
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
    for (const s of this.sockets) s.shutdownWrite();
  }

  writable(sock: TcpSocket, now: Nanos): void {
    if (!this.sender || this.toWrite <= 0 || !this.writing) return;
    const n = Math.min(this.toWrite, sock.sendSpace());
    if (n <= 0) return;
    this.toWrite -= n;
    this.result.bytes_sent += n;
    sock.write(n);
    if (this.toWrite === 0) this.finishWriting(now);
  }

  received(_sock: TcpSocket, n: number, now: Nanos): void {
    const r = this.result;
    if (r.bytes_received === 0) r.t_first_byte = toS(now);
    r.bytes_received += n;
    r.t_last_byte = toS(now);
  }

  eof(sock: TcpSocket, now: Nanos): void {
    this.eofFlows++;
    if (!sock.streamInOrder) this.result.stream_in_order = false;
    if (this.eofFlows < this.openFlows) return;
    this.result.t_eof = toS(now);
    // the receiver closes after EOF; the sender (already shut down) just closes
    for (const s of this.sockets) s.shutdownWrite();
    this.finish(now);
  }

  closed(sock: TcpSocket, now: Nanos, reason: string): void {
    if (!sock.streamInOrder) this.result.stream_in_order = false;
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
}

export class BulkTransfer {
  readonly client: Endpoint;
  readonly server: Endpoint;
  private doneSides = 0;
  private readonly rng: Rng;
  private readonly tcpCfgBase: Omit<TcpConfig, 'stream' | 'mtu'>;
  private nextStream = 0;

  constructor(
    readonly world: World,
    private readonly scenario: Scenario,
    seed: number,
  ) {
    const app = scenario.app;
    const cc = app.congestion_control ?? (scenario.sim?.congestion_control_default as string | undefined) ?? 'cubic';
    const upload = app.direction === 'upload';
    this.rng = Rng.derive(seed, 'app');
    this.client = new Endpoint(blankResult('client', app.client_proto, cc), upload, app.bytes, app.duration_s, this);
    this.server = new Endpoint(blankResult('server', app.server_proto, cc), !upload, app.bytes, app.duration_s, this);
    const sysctlOf = (key: string, side: Side): number | string | undefined => scenario[side].sysctl[key];
    const flag = (key: string, side: Side): boolean => {
      const v = sysctlOf(key, side);
      return v === undefined ? true : Number(v) !== 0;
    };
    // the two sides may differ in sysctls: SYN options are offered per side
    this.tcpCfgBase = {
      congestionControl: cc,
      sack: flag('net.ipv4.tcp_sack', 'client'),
      timestamps: flag('net.ipv4.tcp_timestamps', 'client'),
      windowScaling: flag('net.ipv4.tcp_window_scaling', 'client'),
      rcvbuf: app.rcvbuf,
      sndbuf: app.sndbuf,
    };
    this.serverCfg = {
      ...this.tcpCfgBase,
      sack: flag('net.ipv4.tcp_sack', 'server'),
      timestamps: flag('net.ipv4.tcp_timestamps', 'server'),
      windowScaling: flag('net.ipv4.tcp_window_scaling', 'server'),
    };
  }

  private readonly serverCfg: Omit<TcpConfig, 'stream' | 'mtu'>;

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
    server.listen(app.port, {
      onSyn: (pkt: Packet, now: Nanos) => {
        const key = `${pkt.src}:${pkt.sport}`;
        const stream = streams.get(key) ?? this.newStream();
        const path = server.ifaceOfSubnet(pkt.src)?.path ?? 1;
        const sock = new TcpSocket(w.tcpEnv(server), Rng.derive(this.rng.u32(), 'srv'), { ...this.serverCfg, stream, mtu: this.mtuOf(path) });
        this.server.attach(sock);
        server.register(pkt.dst, pkt.dport, pkt.src, pkt.sport, sock);
        sock.acceptSyn(pkt);
        void now;
        return sock;
      },
    });
    const perPath = this.scenario.sim?.tcp_flows === 'per_path';
    const targets = perPath
      ? this.scenario.paths.map((p) => ({ src: ipv4ToInt(p.client_addr), dst: ipv4ToInt(p.server_addr), path: p.id }))
      : [this.defaultTarget(w.client)];
    this.client.result.t_connect_start = 0;
    for (const t of targets) {
      const stream = this.newStream();
      const port = 32768 + this.rng.int(60999 - 32768 + 1);
      streams.set(`${t.src}:${port}`, stream);
      const sock = new TcpSocket(w.tcpEnv(w.client), Rng.derive(this.rng.u32(), 'cli'), { ...this.tcpCfgBase, stream, mtu: this.mtuOf(t.path) });
      this.client.attach(sock);
      w.client.register(t.src, port, t.dst, app.port, sock);
      sock.connect(t.src, port, t.dst, app.port);
    }
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
    const upload = this.scenario.app.direction === 'upload';
    const tick = (t: Nanos): void => {
      if (ep.isDone) return;
      const r = ep.result;
      const sending = (r.role === 'client') === upload;
      r.samples.push({ t: toS(t), app_bytes: sending ? r.bytes_sent : r.bytes_received, sf: ep.sockets.map((s) => s.sample()) });
      this.world.engine.at(t + iv, { fire: (_a: null, at: Nanos) => tick(at) }, null);
    };
    tick(now);
  }

  sideDone(now: Nanos): void {
    this.doneSides++;
    if (this.doneSides === 2) {
      // kernel-ref lingers linger_s after both apps exit, then stops everything
      this.world.engine.at(now + Math.round(this.scenario.app.linger_s * SEC), { fire: () => this.world.engine.stop() }, null);
    }
  }

  get allDone(): boolean {
    return this.doneSides === 2;
  }
}
