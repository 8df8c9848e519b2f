/**
 * The simulated world of one scenario: kernel-ref's three namespaces (client, wire, server) rebuilt
 * as two hosts joined by one virtual link per path. Path K is 10.0.K.0/24 with the client at .1 and
 * the server at .2 (plus the scenario's extra addresses); each direction of each path is a
 * LinkDirection with its own seeded random stream. Scenario events (link down/up, shape changes)
 * are scheduled here at their `at` times.
 */
import { Engine } from './engine';
import type { EventHandler } from './event-queue';
import { Rng } from './rng';
import { fromSeconds, MS, type Nanos } from './time';
import type { CaptureRecord, PmEventRecord, SchedDecisionRecord, Side, SocketSeries, TraceEvent } from './trace';
import type { EventConfig, Scenario } from '../scenario/types';
import { Host, type Iface, type LinkEntrance } from '../net/host';
import { LinkDirection } from '../net/link';
import { applyMiddleboxes, type MiddleboxConfig } from '../net/middlebox';
import { blankPacket, ipv4ToInt, type Packet } from '../net/packet';
import { frameLength } from '../wire/index';
import { plainRecords } from '../mptcp/sim-mapping';
import { installMptcpWire } from '../wire/mptcp/index';
import type { TcpEnv, TcpSocket } from '../tcp/tcp-socket';
import { PmNamespace } from '../pm/pm-namespace';
import type { EndpointFlagName } from '../pm/types';
import { effectiveMptcpSysctls, type MptcpSysctls } from '../scenario/mptcp-sysctls';
import type { EndpointConfig, UserspacePmCommandConfig } from '../scenario/types';
import { UPM_ERRNO, upmCommandLine, type UpmResult } from '../pm/userspace-pm';
import { isCoupled } from '../tcp/congestion/coupled';

export interface Mib {
  TcpExt: Record<string, number>;
  Tcp: Record<string, number>;
  MPTcpExt: Record<string, number>;
}

export interface WorldOptions {
  seed: number;
  captures: boolean;
  series: boolean;
  /** Tap both hosts whatever `capture.side` says (the page's views need each packet's send and arrival). */
  viewCaptures?: boolean;
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
  /** Per host: the `ip mptcp endpoint|limits` table and the effective `net.mptcp.*` values. */
  readonly pmNs: Record<Side, PmNamespace> = { client: new PmNamespace(), server: new PmNamespace() };
  readonly mptcpSysctl: Record<Side, MptcpSysctls>;
  /** `ip mptcp monitor` lines per host (kernel-ref pm_events). */
  readonly pmEvents: Record<Side, PmEventRecord[]> = { client: [], server: [] };
  /** Scheduler decisions that sent something (trace.schedDecisions); filled by the MPTCP connections. */
  readonly schedDecisions: SchedDecisionRecord[] = [];
  /**
   * The hosts' timestamp clock phase (TcpEnv.clockPhaseNs), drawn from the seed: on the real kernel
   * the millisecond ticks fall anywhere relative to the transfer's start, and the ms rounding of the
   * receiver's RTT sample (tcp_rcv_rtt_measure_ts) times its buffer autotuning, so without it every
   * seed of a loss-free scenario would be the same run. One clock for both hosts (kernel-ref's
   * namespaces share the machine's).
   */
  readonly clockPhaseNs: Nanos;
  packetsCreated = 0;
  socketsCreated = 0;
  dataPacketsDelivered = 0;
  private readonly seriesOf = new Map<TcpSocket, SocketSeries>();

  constructor(
    readonly scenario: Scenario,
    readonly opts: WorldOptions,
  ) {
    // MPTCP option records are sized and encoded by the wire codec (frame lengths, captures)
    installMptcpWire();
    this.clockPhaseNs = Rng.derive(opts.seed, 'clock:phase').u32() % MS;
    const newPacket = (): Packet => {
      const p = blankPacket();
      p.id = ++this.packetsCreated;
      return p;
    };
    this.newPacket = newPacket;
    this.client = new Host('client', this.engine, newPacket);
    this.server = new Host('server', this.engine, newPacket);
    const side = opts.viewCaptures ? 'both' : scenario.capture.side;
    if (opts.captures) {
      if (side === 'client' || side === 'both') this.client.capture = this.captures;
      if (side === 'server' || side === 'both') this.server.capture = this.captures;
      // captured packets hold the codec's plain records (the sender's DSNs are made on demand)
      this.client.beforeCapture = plainRecords;
      this.server.beforeCapture = plainRecords;
    }
    for (const p of scenario.paths) {
      const k = p.id;
      const toServer = { deliver: (pkt: Packet, now: Nanos) => this.arrive(this.server, pkt, k, now) };
      const toClient = { deliver: (pkt: Packet, now: Nanos) => this.arrive(this.client, pkt, k, now) };
      const c2s = new LinkDirection(`p${k}.c2s`, this.engine, Rng.derive(opts.seed, `link:${k}:c2s`), p.c2s, toServer, frameLength);
      const s2c = new LinkDirection(`p${k}.s2c`, this.engine, Rng.derive(opts.seed, `link:${k}:s2c`), p.s2c, toClient, frameLength);
      this.links.push({ path: k, c2s, s2c });
      const cIf: Iface = { path: k, name: p.client_if, addrs: [ipv4ToInt(p.client_addr), ...p.client_extra_addrs.map(ipv4ToInt)], up: true, out: this.withMiddleboxes(k, 'c2s', c2s) };
      const sIf: Iface = { path: k, name: p.server_if, addrs: [ipv4ToInt(p.server_addr), ...p.server_extra_addrs.map(ipv4ToInt)], up: true, out: this.withMiddleboxes(k, 's2c', s2c) };
      this.client.ifaces.push(cIf);
      this.server.ifaces.push(sIf);
    }
    this.mptcpSysctl = { client: effectiveMptcpSysctls(scenario.client), server: effectiveMptcpSysctls(scenario.server) };
    for (const side of ['client', 'server'] as const) {
      const ns = this.pmNs[side];
      const cfg = scenario[side];
      if (cfg.limits) {
        const lim: { subflows?: number; addAddrAccepted?: number } = {};
        if (cfg.limits.subflows !== null) lim.subflows = cfg.limits.subflows;
        if (cfg.limits.add_addr_accepted !== null) lim.addAddrAccepted = cfg.limits.add_addr_accepted;
        ns.setLimits(lim);
      }
      for (const ep of cfg.endpoints) this.noteConfigured(side, ep, ns.add(endpointRequest(ep)).ok);
    }
    this.scheduleScenarioEvents(scenario.events, -1);
    // [userspace PM] sim.userspace_pm: the scripted daemon's commands, after the scenario events of the same instant
    (scenario.sim?.userspace_pm ?? []).forEach((c, index) => {
      this.engine.atSeq(fromSeconds(c.at), PM_COMMAND_SEQ + index, { fire: () => this.firePmCommand(c, index) }, null);
    });
  }

  /**
   * Queue the scenario's events later than `after` (ns; -1: all), each with its own tie-break number
   * (below every event queued while running, in file order), so that re-queueing them in a paused
   * run (sim/fork.ts, an intervention) orders them exactly as a fresh run of the new scenario would.
   */
  scheduleScenarioEvents(events: readonly EventConfig[], after: Nanos): void {
    events.forEach((ev, index) => {
      const at = fromSeconds(ev.at);
      if (at > after) this.engine.atSeq(at, SCENARIO_EVENT_SEQ + index, new ScenarioEventFire(this, ev, index), null);
    });
  }

  /**
   * A paused run takes another version of its scenario (sim/fork.ts): the events still queued are
   * replaced by `next.events` later than now. The caller checked that `next` differs from the
   * running scenario only in events later than now.
   */
  replaceScenario(next: Scenario): void {
    this.engine.unschedule((h) => h instanceof ScenarioEventFire);
    (this as { scenario: Scenario }).scenario = next;
    this.scheduleScenarioEvents(next.events, this.engine.now);
  }

  /** [userspace PM] Set by the application: send a daemon command to a host's MPTCP stack. */
  onPmCommand: ((c: UserspacePmCommandConfig) => { result: UpmResult; token: number | null }) | null = null;

  /** [userspace PM] Run one `sim.userspace_pm` command and record the kernel's answer in the trace. */
  private firePmCommand(c: UserspacePmCommandConfig, index: number): void {
    const r = this.onPmCommand?.(c) ?? { result: { ok: false as const, errno: 'EINVAL' as const, message: 'invalid token' }, token: c.token };
    const line = upmCommandLine(c, r.token);
    const res = r.result;
    const detail = res.ok ? line : `${line}: ${res.errno} (-${UPM_ERRNO[res.errno]}, ${res.message})`;
    this.events.push({ t: this.engine.now, type: 'pmCommand', side: c.ns, index, cmd: c.cmd, ok: res.ok, errno: res.ok ? null : res.errno, detail });
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
      clockPhaseNs: this.clockPhaseNs,
      output: (pkt) => host.output(pkt),
      canTransmit: (src, dst) => host.canOutput(src, dst),
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
      if (isCoupled(sock.cc)) s.alpha = [];
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
    if (s.alpha && isCoupled(sock.cc)) s.alpha.push(sock.cc.alpha);
  }

  private hostsOf(side: 'client' | 'server' | 'both'): Host[] {
    return side === 'both' ? [this.client, this.server] : [side === 'client' ? this.client : this.server];
  }

  /** Run scenario event `index` (ScenarioEventFire). */
  fireEvent(ev: EventConfig, index: number): void {
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
      case 'endpoint_add':
      case 'endpoint_del':
      case 'endpoint_change':
      case 'endpoint_flush':
      case 'limits':
      case 'sysctl': {
        const r = this.controlEvent(ev);
        ok = r.ok;
        detail = r.detail;
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
        detail = `${ev.action}: not modelled yet`;
    }
    this.events.push({ t, type: 'scenarioEvent', index, action: ev.action, ok, detail });
  }

  /** `ip mptcp endpoint …`, `ip mptcp limits set …` and `sysctl -w net.mptcp.…` on a host, as kernel-ref runs them. */
  private controlEvent(ev: EventConfig): { ok: boolean; detail: string } {
    if (!('ns' in ev) || ev.ns === 'wire') return { ok: false, detail: 'no such namespace' };
    const ns = this.pmNs[ev.ns];
    const done = (r: { ok: true } | { ok: false; message: string }, cmd: string): { ok: boolean; detail: string } =>
      r.ok ? { ok: true, detail: cmd } : { ok: false, detail: `${cmd}: ${r.message}` };
    switch (ev.action) {
      case 'endpoint_add': {
        const req = endpointRequest(ev.endpoint);
        const r = ns.add(req);
        this.noteConfigured(ev.ns, ev.endpoint, r.ok);
        return done(r, `ip mptcp endpoint add ${req.addr}${req.id !== undefined ? ` id ${req.id}` : ''} ${(req.flags ?? []).join(' ')}`.trim());
      }
      case 'endpoint_del':
      case 'endpoint_change': {
        // a path alone names the first endpoint the scenario configured there (kernel-ref's find_endpoint)
        const onPath = ev.id === null && ev.addr === null && ev.path !== null ? this.configuredOnPath(ev.ns, ev.path) : undefined;
        if (onPath === null) return { ok: false, detail: `no endpoint on path ${ev.path}` };
        const addr = onPath === undefined ? (ev.addr ?? undefined) : undefined;
        if (ev.action === 'endpoint_change') {
          const target = onPath !== undefined ? { id: onPath } : ev.id !== null ? { id: ev.id } : { addr: addr ?? '' };
          return done(ns.change(target, ev.flags as unknown as EndpointFlagName[]), `ip mptcp endpoint change ${'id' in target ? `id ${target.id}` : addr} ${ev.flags.join(' ')}`);
        }
        const id = onPath ?? ev.id ?? (addr !== undefined ? (ns.lookup(addr)?.id ?? 0) : 0);
        this.configured[ev.ns] = this.configured[ev.ns].filter((e) => e.id !== id);
        return done(ns.del(id, addr), `ip mptcp endpoint delete id ${id}${addr ? ` ${addr}` : ''}`);
      }
      case 'endpoint_flush':
        this.configured[ev.ns] = [];
        return done(ns.flush(), 'ip mptcp endpoint flush');
      case 'limits': {
        const lim: { subflows?: number; addAddrAccepted?: number } = {};
        if (ev.subflows !== null) lim.subflows = ev.subflows;
        if (ev.add_addr_accepted !== null) lim.addAddrAccepted = ev.add_addr_accepted;
        return done(ns.setLimits(lim), 'ip mptcp limits set');
      }
      case 'sysctl': {
        const cfg = this.scenario[ev.ns];
        this.sysctlWrites[ev.ns][ev.key] = ev.value;
        this.mptcpSysctl[ev.ns] = effectiveMptcpSysctls({ mptcp_sysctl: cfg.mptcp_sysctl, sysctl: { ...cfg.sysctl, ...this.sysctlWrites[ev.ns] } });
        this.onSysctl?.(ev.ns);
        return { ok: true, detail: `sysctl -w ${ev.key}=${ev.value}` };
      }
      default:
        return { ok: false, detail: 'not a control event' };
    }
  }

  /**
   * The endpoints the scenario configured or added, in order, as kernel-ref keeps them (its
   * `self.endpoints`): an `endpoint_del` / `endpoint_change` event that names only a `path` means the first
   * of these on that path (kernel-ref's find_endpoint) — never an endpoint the path manager made by itself
   * (an implicit one) nor the initial address's id 0, which kernel-ref's events cannot reach. Events naming
   * an id or an address act as `ip mptcp endpoint … id N` / `… ADDR` do on the host.
   */
  private readonly configured: Record<Side, { id: number; path: number | null }[]> = { client: [], server: [] };

  private noteConfigured(side: Side, ep: EndpointConfig, added: boolean): void {
    if (!added) return;
    const id = ep.id ?? this.pmNs[side].lookup(ep.addr ?? '', ep.port)?.id;
    if (id === undefined) return;
    this.configured[side] = [...this.configured[side].filter((e) => e.id !== id), { id, path: ep.path }];
  }

  private configuredOnPath(side: Side, path: number): number | null {
    return this.configured[side].find((e) => e.path === path)?.id ?? null;
  }

  /** `sysctl` events so far, per host, in order. */
  private readonly sysctlWrites: Record<Side, Record<string, number | string>> = { client: {}, server: {} };

  /** Set by the applications: a host's net.mptcp values changed. */
  onSysctl: ((side: Side) => void) | null = null;

  /** The link's entrance, through the middleboxes declared on this path and direction (if any). */
  private withMiddleboxes(path: number, dir: 'c2s' | 's2c', link: LinkDirection): LinkEntrance {
    const boxes = ((this.scenario.sim?.middleboxes ?? []) as MiddleboxConfig[])
      .map((box, index) => ({ index, box, hits: 0 }))
      .filter(({ box }) => box.path === path && (box.dir === 'both' || box.dir === dir));
    if (boxes.length === 0) return link;
    return {
      send: (pkt: Packet, now: Nanos) => {
        const out = applyMiddleboxes(boxes, pkt, now, (a) => this.events.push({ t: now, type: 'middlebox', path, dir, ...a }));
        link.send(out, now);
      },
    };
  }

  /** Record an `ip mptcp monitor` event of a host. */
  pmEvent(side: Side, type: string, attrs: Record<string, string>): void {
    this.pmEvents[side].push({ t: this.engine.now, type, attrs });
  }
}

/** Tie-break numbers of the events queued at construction: scenario events first, then userspace-PM commands, then everything queued while running (≥ 0). */
const SCENARIO_EVENT_SEQ = -(2 ** 41);
const PM_COMMAND_SEQ = -(2 ** 40);

/** The queued firing of scenario event `index` (a class, so a paused run can find and replace it). */
class ScenarioEventFire implements EventHandler<null> {
  constructor(
    private readonly world: World,
    private readonly ev: EventConfig,
    private readonly index: number,
  ) {}

  fire(): void {
    this.world.fireEvent(this.ev, this.index);
  }
}

function endpointRequest(ep: EndpointConfig): { addr: string; id?: number; port?: number | null; dev?: string | null; flags?: EndpointFlagName[] } {
  return {
    addr: ep.addr ?? '',
    ...(ep.id !== null ? { id: ep.id } : {}),
    port: ep.port,
    dev: ep.dev,
    flags: ep.flags as EndpointFlagName[],
  };
}
