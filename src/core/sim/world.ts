/**
 * The simulated world of one scenario: kernel-ref's three namespaces (client, wire, server) rebuilt
 * as two hosts joined by one virtual link per path. Path K is 10.0.K.0/24 with the client at .1 and
 * the server at .2 (plus the scenario's extra addresses); each direction of each path is a
 * LinkDirection with its own seeded random stream. Scenario events (link down/up, shape changes)
 * are scheduled here at their `at` times.
 */
import { Engine } from './engine';
import { Rng } from './rng';
import { fromSeconds, type Nanos } from './time';
import type { CaptureRecord, Side, SocketSeries, TraceEvent } from './trace';
import type { EventConfig, Scenario } from '../scenario/types';
import { Host, type Iface } from '../net/host';
import { LinkDirection } from '../net/link';
import { blankPacket, ipv4ToInt, type Packet } from '../net/packet';
import { frameLength } from '../wire/index';
import type { TcpEnv, TcpSocket } from '../tcp/tcp-socket';

export interface Mib {
  TcpExt: Record<string, number>;
  Tcp: Record<string, number>;
  MPTcpExt: Record<string, number>;
}

export interface WorldOptions {
  seed: number;
  captures: boolean;
  series: boolean;
}

export class World {
  readonly engine = new Engine();
  readonly client: Host;
  readonly server: Host;
  readonly links: { path: number; c2s: LinkDirection; s2c: LinkDirection }[] = [];
  readonly events: TraceEvent[] = [];
  readonly captures: CaptureRecord[] = [];
  readonly series: SocketSeries[] = [];
  readonly mib: Record<Side, Mib> = {
    client: { TcpExt: {}, Tcp: {}, MPTcpExt: {} },
    server: { TcpExt: {}, Tcp: {}, MPTcpExt: {} },
  };
  packetsCreated = 0;
  socketsCreated = 0;
  dataPacketsDelivered = 0;
  private readonly seriesOf = new Map<TcpSocket, SocketSeries>();

  constructor(
    readonly scenario: Scenario,
    readonly opts: WorldOptions,
  ) {
    const newPacket = (): Packet => {
      const p = blankPacket();
      p.id = ++this.packetsCreated;
      return p;
    };
    this.newPacket = newPacket;
    this.client = new Host('client', this.engine, newPacket);
    this.server = new Host('server', this.engine, newPacket);
    const side = scenario.capture.side;
    if (opts.captures) {
      if (side === 'client' || side === 'both') this.client.capture = this.captures;
      if (side === 'server' || side === 'both') this.server.capture = this.captures;
    }
    for (const p of scenario.paths) {
      const k = p.id;
      const toServer = { deliver: (pkt: Packet, now: Nanos) => this.arrive(this.server, pkt, k, now) };
      const toClient = { deliver: (pkt: Packet, now: Nanos) => this.arrive(this.client, pkt, k, now) };
      const c2s = new LinkDirection(`p${k}.c2s`, this.engine, Rng.derive(opts.seed, `link:${k}:c2s`), p.c2s, toServer, frameLength);
      const s2c = new LinkDirection(`p${k}.s2c`, this.engine, Rng.derive(opts.seed, `link:${k}:s2c`), p.s2c, toClient, frameLength);
      this.links.push({ path: k, c2s, s2c });
      const cIf: Iface = { path: k, name: p.client_if, addrs: [ipv4ToInt(p.client_addr), ...p.client_extra_addrs.map(ipv4ToInt)], up: true, out: c2s };
      const sIf: Iface = { path: k, name: p.server_if, addrs: [ipv4ToInt(p.server_addr), ...p.server_extra_addrs.map(ipv4ToInt)], up: true, out: s2c };
      this.client.ifaces.push(cIf);
      this.server.ifaces.push(sIf);
    }
    scenario.events.forEach((ev, index) => {
      this.engine.at(fromSeconds(ev.at), { fire: () => this.fireEvent(ev, index) }, null);
    });
  }

  readonly newPacket: () => Packet;

  private arrive(host: Host, pkt: Packet, path: number, now: Nanos): void {
    if (pkt.payloadLen > 0) this.dataPacketsDelivered++;
    host.input(pkt, path, now);
  }

  /** The environment a TCP socket on `host` needs. */
  tcpEnv(host: Host): TcpEnv {
    const side = host.side;
    const mib = this.mib[side];
    return {
      engine: this.engine,
      newPacket: this.newPacket,
      newSocketId: () => ++this.socketsCreated,
      output: (pkt) => host.output(pkt),
      mib,
      onState: (sock, from, to) => this.events.push({ t: this.engine.now, type: 'tcpState', side, sock: sock.id, from, to }),
      onCwnd: (sock) => this.recordSeries(side, sock),
      onRecovery: (sock, kind) => this.events.push({ t: this.engine.now, type: 'recovery', side, sock: sock.id, kind }),
    };
  }

  private recordSeries(side: Side, sock: TcpSocket): void {
    if (!this.opts.series) return;
    let s = this.seriesOf.get(sock);
    if (!s) {
      s = { side, sock: sock.id, t: [], cwnd: [], ssthresh: [], srttUs: [], rtoUs: [], inflight: [] };
      this.seriesOf.set(sock, s);
      this.series.push(s);
    }
    const n = s.t.length;
    if (n > 0 && s.cwnd[n - 1] === sock.cwnd && s.ssthresh[n - 1] === sock.ssthresh) return;
    s.t.push(this.engine.now);
    s.cwnd.push(sock.cwnd);
    s.ssthresh.push(sock.ssthresh);
    s.srttUs.push(Math.round(sock.srttUs));
    s.rtoUs.push(sock.rtt.rtoUs);
    s.inflight.push(sock.inflight);
  }

  private hostsOf(side: 'client' | 'server' | 'both'): Host[] {
    return side === 'both' ? [this.client, this.server] : [side === 'client' ? this.client : this.server];
  }

  private fireEvent(ev: EventConfig, index: number): void {
    const t = this.engine.now;
    let ok = true;
    let detail: string;
    switch (ev.action) {
      case 'link_down':
      case 'link_up': {
        const up = ev.action === 'link_up';
        const link = this.links[ev.path - 1];
        for (const h of this.hostsOf(ev.side)) {
          h.ifaces[ev.path - 1].up = up;
          // frames still in the link are lost at a downed receiving interface
          if (h.side === 'client') link.s2c.farEndUp = up;
          else link.c2s.farEndUp = up;
        }
        this.events.push({ t, type: 'linkState', path: ev.path, side: ev.side, up });
        detail = `ip link set dev ${ev.side === 'server' ? 'srv' : 'cli'}-p${ev.path} ${up ? 'up' : 'down'}`;
        break;
      }
      case 'shape':
      case 'shape_reset': {
        const link = this.links[ev.path - 1];
        const dirs = ev.dir === 'both' ? (['c2s', 's2c'] as const) : ([ev.dir] as const);
        for (const d of dirs) {
          if (ev.action === 'shape') link[d].setShape(ev.set);
          else link[d].resetShape();
          this.events.push({ t, type: 'linkShape', path: ev.path, dir: d });
        }
        detail = ev.action === 'shape' ? JSON.stringify(ev.set) : 'reset';
        break;
      }
      case 'ss':
        detail = 'snapshot (not modelled: no ss output in the simulator)';
        break;
      case 'cmd':
        ok = false;
        detail = 'ignored: arbitrary commands only run on the real kernel';
        break;
      default:
        ok = false;
        detail = `${ev.action}: needs the MPTCP path manager, not modelled yet`;
    }
    this.events.push({ t, type: 'scenarioEvent', index, action: ev.action, ok, detail });
  }
}
