/**
 * A host (the client or the server network namespace of kernel-ref): interfaces on the paths, IP
 * output with kernel-ref's routing, capture taps where dumpcap would sit, and TCP demultiplexing.
 *
 * Routing, as kernel-ref sets it up: the client routes by *source* address (policy routing table
 * 100+K, `ip rule from 10.0.K.1`), so a subflow runs on the path of its source address even towards
 * the server's path-1 address; the server routes by destination (connected /24 routes).
 */
import type { Engine } from '../sim/engine';
import type { CaptureRecord, Side } from '../sim/trace';
import type { Nanos } from '../sim/time';
import { RST, ACK, SYN, type Packet } from './packet';

export interface Iface {
  path: number;
  name: string;
  /** Addresses on this interface (the path address first, then extras). */
  addrs: number[];
  up: boolean;
  /** Outgoing direction of the path's link (c2s for the client, s2c for the server), middleboxes first. */
  out: LinkEntrance;
}

/** Where a host hands a packet to its path: the link itself, or middleboxes in front of it. */
export interface LinkEntrance {
  send(pkt: Packet, now: Nanos): void;
}

/** Something that consumes packets for a local port (a TCP socket or a listener). */
export interface PacketConsumer {
  input(pkt: Packet, now: Nanos): void;
}

export interface Listener {
  /** A SYN for the listening port: the new child socket; 'handled' if the listener answered itself; null to refuse (RST). */
  onSyn(pkt: Packet, now: Nanos): PacketConsumer | 'handled' | null;
}

export class Host {
  readonly ifaces: Iface[] = [];
  /** Capture taps (dumpcap on this host's interfaces), or null. */
  capture: CaptureRecord[] | null = null;
  /** Called on a packet before it is captured (the MPTCP layer makes its on-demand fields plain). */
  beforeCapture: ((p: Packet) => void) | null = null;
  private readonly listeners = new Map<number, Listener>();
  /** Listeners bound to one local address (addr · 65536 + port); they win over a wildcard one. */
  private readonly boundListeners = new Map<number, Listener>();
  /** Demux: (localPort << 16 | remotePort) → sockets with those ports (addresses checked on lookup). */
  private readonly conns = new Map<number, { local: number; remote: number; c: PacketConsumer }[]>();
  /** Packets this host could not route or send (interface down). */
  outDrops = 0;

  constructor(
    readonly side: Side,
    private readonly engine: Engine,
    private readonly newPacket: () => Packet,
  ) {}

  /** The interface owning a local address, or undefined. */
  ifaceOfAddr(addr: number): Iface | undefined {
    for (const i of this.ifaces) if (i.addrs.includes(addr)) return i;
    return undefined;
  }

  /** The interface whose /24 holds `addr` (connected route). */
  ifaceOfSubnet(addr: number): Iface | undefined {
    const net = addr >>> 8;
    for (const i of this.ifaces) if (i.addrs[0] >>> 8 === net) return i;
    return undefined;
  }

  /** Listen on `port` of every local address, or only of `addr` (bind to an address). */
  listen(port: number, l: Listener, addr?: number): void {
    if (addr === undefined) this.listeners.set(port, l);
    else this.boundListeners.set(addr * 65536 + port, l);
  }

  /** close() of a listener: SYNs to it get a RST from now on. */
  unlisten(port: number, addr?: number): void {
    if (addr === undefined) this.listeners.delete(port);
    else this.boundListeners.delete(addr * 65536 + port);
  }

  register(localAddr: number, localPort: number, remoteAddr: number, remotePort: number, c: PacketConsumer): void {
    const key = localPort * 65536 + remotePort;
    let list = this.conns.get(key);
    if (!list) this.conns.set(key, (list = []));
    list.push({ local: localAddr, remote: remoteAddr, c });
  }

  private route(pkt: Packet): Iface | undefined {
    if (this.side === 'client') return this.ifaceOfAddr(pkt.src) ?? this.ifaceOfSubnet(pkt.dst);
    return this.ifaceOfSubnet(pkt.dst);
  }

  /** Would IP output send a packet from `src` to `dst` now (routed, interface up)? */
  canOutput(src: number, dst: number): boolean {
    const ifc = this.side === 'client' ? (this.ifaceOfAddr(src) ?? this.ifaceOfSubnet(dst)) : this.ifaceOfSubnet(dst);
    return ifc !== undefined && ifc.up;
  }

  /** IP output. */
  output(pkt: Packet): void {
    const ifc = this.route(pkt);
    if (!ifc || !ifc.up) {
      this.outDrops++;
      return;
    }
    const now = this.engine.now;
    if (this.capture) {
      this.beforeCapture?.(pkt);
      this.capture.push({ t: now, pkt, path: ifc.path, side: this.side, dir: this.side === 'client' ? 'c2s' : 's2c' });
    }
    ifc.out.send(pkt, now);
  }

  /** A packet arrives from the link of `path`. */
  input(pkt: Packet, path: number, now: Nanos): void {
    if (this.capture) {
      this.beforeCapture?.(pkt);
      this.capture.push({ t: now, pkt, path, side: this.side, dir: this.side === 'client' ? 's2c' : 'c2s' });
    }
    const list = this.conns.get(pkt.dport * 65536 + pkt.sport);
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        if (e.local === pkt.dst && e.remote === pkt.src) {
          e.c.input(pkt, now);
          return;
        }
      }
    }
    if (pkt.flags & RST) return;
    const l = (pkt.flags & SYN) && !(pkt.flags & ACK) ? (this.boundListeners.get(pkt.dst * 65536 + pkt.dport) ?? this.listeners.get(pkt.dport)) : undefined;
    if (l && this.ifaceOfAddr(pkt.dst)) {
      const c = l.onSyn(pkt, now);
      if (c !== null) return;
    }
    this.reset(pkt);
  }

  /** RFC 9293 §3.10.7.1: a segment for no connection gets a RST. */
  private reset(pkt: Packet): void {
    const r = this.newPacket();
    r.src = pkt.dst;
    r.dst = pkt.src;
    r.sport = pkt.dport;
    r.dport = pkt.sport;
    resetFields(r, pkt);
    this.output(r);
  }
}

/**
 * RFC 9293 §3.10.7.1, the reset for a segment of no connection: RST at the segment's ACK number if
 * it has one, else RST|ACK acknowledging its end (flags, seq and ack of `r`; addresses are the caller's).
 */
export function resetFields(r: Packet, pkt: Packet): void {
  if (pkt.flags & ACK) {
    r.flags = RST;
    r.seq = pkt.ack;
  } else {
    r.flags = RST | ACK;
    r.seq = 0;
    r.ack = (pkt.seq + pkt.payloadLen + (pkt.flags & SYN ? 1 : 0) + (pkt.flags & 1 ? 1 : 0)) >>> 0;
  }
}
