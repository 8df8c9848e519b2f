/**
 * The scenario of an imported capture: not a plan that was run but a description of what the
 * capture shows, so the views and the summary writer, which read a `Scenario`, work on it. Paths,
 * addresses, interface names, the server port and the data direction come from the packets; every
 * other key keeps the kernel-ref default (link shaping is unknown: zero delay, no rate limit), and
 * `description` says so. The object is built directly, not validated: real captures use addresses
 * outside kernel-ref's 10.0.K.0/24 plan.
 */
import { validateScenario } from '../scenario/validate';
import type { PathConfig, Scenario } from '../scenario/types';

export interface CapturePath {
  id: number;
  /** Capture interface name (kernel-ref: srv-pK / cli-pK), or `addr-K` for address-based paths. */
  ifName: string;
  clientAddrs: string[];
  serverAddrs: string[];
}

export interface CaptureScenarioInput {
  fileName: string;
  paths: CapturePath[];
  side: 'client' | 'server';
  direction: 'upload' | 'download';
  clientProto: 'mptcp' | 'tcp';
  serverProto: 'mptcp' | 'tcp';
  port: number;
  serverAddr: string;
  snaplen: number;
  /** Time from t = 0 to the last packet, seconds. */
  spanS: number;
}

/** At most this many analysis bins (a stray timestamp years away must not allocate years of bins). */
export const MAX_ANALYSIS_BINS = 10_000;

let base: Scenario | null = null;

/** kernel-ref's defaults for everything a capture does not tell (validated once). */
function defaults(): Scenario {
  if (base === null) {
    const v = validateScenario({ name: 'capture', paths: [{}], app: { bytes: 1 } });
    if (!v.ok) throw new Error(`internal: default scenario invalid: ${v.errors.map((e) => e.message).join('; ')}`);
    base = v.scenario;
  }
  return structuredClone(base);
}

/** kernel-ref names interfaces srv-pK / cli-pK: the other end of the same path. */
function peerIf(name: string): { client: string; server: string } {
  const m = /^(srv|cli)-p(\d+)$/.exec(name);
  if (m === null) return { client: name, server: name };
  return { client: `cli-p${m[2]}`, server: `srv-p${m[2]}` };
}

/**
 * The subnet an address text is in, as kernel-ref lays out links (10.0.K.1 ⇄ 10.0.K.2 on path K):
 * the /24 of an IPv4 address, the /64 of an IPv6 one; null for anything else.
 */
export function subnetKey(addr: string): string | null {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(addr)) return addr.slice(0, addr.lastIndexOf('.'));
  if (!addr.includes(':')) return null;
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, null];
  const h = head === '' ? [] : head.split(':');
  const t = tail === null || tail === '' ? [] : tail.split(':');
  const words = tail === null ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return words.length === 8 ? words.slice(0, 4).map((w) => parseInt(w, 16).toString(16)).join(':') : null;
}

/**
 * Which of the addresses seen on a path are that link's own. A host accepts packets for any of
 * its addresses on any interface (Linux's weak host model; kernel-ref routes a client subflow by
 * its source address, so a join 10.0.2.1 → 10.0.1.2 runs on path 2), so the first address seen on
 * a path may belong to another link. The link's own address is the one in the same subnet as an
 * address of the other end on that path: it goes first (the path's client_addr / server_addr). An
 * address that is another path's own is not an extra address of this one. Addresses in no shared
 * subnet keep the order they were seen in.
 */
export function linkAddresses(paths: readonly CapturePath[]): CapturePath[] {
  const own = (mine: string[], peer: string[]): string[] => {
    const peerNets = new Set(peer.map(subnetKey).filter((k) => k !== null));
    const onLink = (a: string): boolean => peerNets.has(subnetKey(a) ?? '');
    return [...mine.filter(onLink), ...mine.filter((a) => !onLink(a))];
  };
  const sorted = paths.map((p) => ({ ...p, clientAddrs: own(p.clientAddrs, p.serverAddrs), serverAddrs: own(p.serverAddrs, p.clientAddrs) }));
  const onLink = (p: CapturePath, side: 'clientAddrs' | 'serverAddrs'): string | undefined => {
    const peer = new Set(p[side === 'clientAddrs' ? 'serverAddrs' : 'clientAddrs'].map(subnetKey));
    const a = p[side][0];
    const net = a === undefined ? null : subnetKey(a);
    return net !== null && peer.has(net) ? a : undefined;
  };
  return sorted.map((p) => {
    const foreign = (side: 'clientAddrs' | 'serverAddrs'): Set<string> =>
      new Set(sorted.filter((q) => q.id !== p.id).map((q) => onLink(q, side)).filter((a): a is string => a !== undefined));
    const fc = foreign('clientAddrs');
    const fs = foreign('serverAddrs');
    return { ...p, clientAddrs: p.clientAddrs.filter((a, i) => i === 0 || !fc.has(a)), serverAddrs: p.serverAddrs.filter((a, i) => i === 0 || !fs.has(a)) };
  });
}

export function captureScenario(inp: CaptureScenarioInput): Scenario {
  const s = defaults();
  const shape = s.paths[0].c2s;
  const paths: PathConfig[] = linkAddresses(inp.paths).map((p) => {
    const names = peerIf(p.ifName);
    return {
      ...s.paths[0],
      id: p.id,
      name: p.ifName,
      client_if: names.client,
      server_if: names.server,
      wire_client_if: names.client,
      wire_server_if: names.server,
      client_addr: p.clientAddrs[0] ?? '',
      server_addr: p.serverAddrs[0] ?? '',
      subnet: '',
      c2s: { ...shape },
      s2c: { ...shape },
      client_extra_addrs: p.clientAddrs.slice(1),
      server_extra_addrs: p.serverAddrs.slice(1),
    };
  });
  return {
    ...s,
    name: inp.fileName,
    description: `Imported capture ${inp.fileName}: paths, addresses and the data direction are read from the packets; link shaping, endpoints, limits and sysctls are unknown and left at kernel-ref's defaults.`,
    timeout_s: s.timeout_s,
    paths,
    app: {
      ...s.app,
      direction: inp.direction,
      bytes: null,
      duration_s: null,
      client_proto: inp.clientProto,
      server_proto: inp.serverProto,
      port: inp.port,
      server_addr: inp.serverAddr,
    },
    events: [],
    capture: { side: inp.side, snaplen: inp.snaplen },
    // kernel-ref's bin (0.1 s) unless the capture is longer than MAX_ANALYSIS_BINS of them.
    analysis: { bin_s: Math.max(s.analysis.bin_s, roundUp(inp.spanS / MAX_ANALYSIS_BINS)) },
    expect: {},
  };
}

/** The next 1, 2 or 5 × 10^k at or above v (a readable bin width). */
function roundUp(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  const e = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * e >= v) return m * e;
  return 10 * e;
}
