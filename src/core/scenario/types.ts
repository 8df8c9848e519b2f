/**
 * `kernel-ref-scenario/1`, normalised: the shape `validateScenario()` returns, with every default
 * filled in exactly as ../shared/kernel-ref's `run --validate` prints it, so one file runs on the real
 * kernel and here. Simulator-only extensions live under `sim` (see SimExtensions).
 */

export const SCENARIO_SCHEMA = 'kernel-ref-scenario/1';

export interface Shape {
  delay_ms: number;
  jitter_ms: number;
  loss_pct: number;
  /** null = unlimited. Counts Ethernet frame bytes. */
  rate_mbit: number | null;
  queue_pkts: number;
  allow_reorder: boolean;
}

export interface Tbf {
  rate_mbit: number;
  burst_bytes: number;
  latency_ms: number;
}

export interface PathConfig {
  id: number;
  name: string;
  client_if: string;
  server_if: string;
  wire_client_if: string;
  wire_server_if: string;
  client_addr: string;
  server_addr: string;
  subnet: string;
  c2s: Shape;
  s2c: Shape;
  mtu: number | null;
  client_extra_addrs: string[];
  server_extra_addrs: string[];
  tbf: Tbf | null;
}

export type EndpointFlag = 'signal' | 'subflow' | 'backup' | 'fullmesh';

export interface EndpointConfig {
  id: number | null;
  addr: string | null;
  dev: string | null;
  path: number | null;
  flags: EndpointFlag[];
  port: number | null;
}

export interface NsConfig {
  limits: { subflows: number | null; add_addr_accepted: number | null } | null;
  endpoints: EndpointConfig[];
  mptcp_sysctl: Record<string, number | string>;
  sysctl: Record<string, number | string>;
}

export interface AppConfig {
  direction: 'upload' | 'download';
  bytes: number | null;
  duration_s: number | null;
  client_proto: 'mptcp' | 'tcp';
  server_proto: 'mptcp' | 'tcp';
  port: number;
  server_addr: string;
  chunk_bytes: number;
  sample_interval_s: number;
  sndbuf: number | null;
  rcvbuf: number | null;
  linger_s: number;
  congestion_control: string | null;
}

export type NsName = 'client' | 'server';

export type EventConfig = { at: number; note?: unknown } & (
  | { action: 'link_down' | 'link_up'; path: number; side: 'client' | 'server' | 'both' }
  | { action: 'shape'; path: number; dir: 'c2s' | 's2c' | 'both'; set: Partial<Shape> }
  | { action: 'shape_reset'; path: number; dir: 'c2s' | 's2c' | 'both' }
  | { action: 'endpoint_add'; ns: NsName; endpoint: EndpointConfig }
  | { action: 'endpoint_del'; ns: NsName; id: number | null; addr: string | null; path: number | null }
  | {
      action: 'endpoint_change';
      ns: NsName;
      id: number | null;
      addr: string | null;
      path: number | null;
      flags: ('backup' | 'nobackup' | 'fullmesh' | 'nofullmesh')[];
    }
  | { action: 'endpoint_flush'; ns: NsName }
  | { action: 'limits'; ns: NsName; subflows: number | null; add_addr_accepted: number | null }
  | { action: 'sysctl'; ns: NsName; key: string; value: number | string }
  | { action: 'addr_add' | 'addr_del'; ns: NsName; path: number; addr: string }
  | { action: 'ss' }
  | { action: 'cmd'; ns: NsName | 'wire'; argv: string[] }
);

export interface Expect {
  stream_intact?: boolean;
  mptcp?: boolean;
  min_subflows?: number;
  max_subflows?: number;
  min_subflows_with_payload?: number;
  max_duration_s?: number;
  min_add_addr?: number;
  min_mp_prio?: number;
}

/**
 * A nested address of a userspace-PM command (netlink MPTCP_PM_ATTR_ADDR / ADDR_REMOTE,
 * mptcp_pm.yaml): an absent id or port is null (the kernel reads 0).
 */
export interface UpmAddrConfig {
  addr: string;
  id: number | null;
  port: number | null;
  /** Only on the local address; `announce` defaults to ['signal'] (as pm_nl_ctl sends it), the others to []. */
  flags: EndpointFlag[];
}

/**
 * `sim.userspace_pm[]`: one command of a scripted userspace path-manager daemon (pm/userspace-pm.ts),
 * sent at `at` seconds to host `ns`'s connection named by `token` (null: its first MPTCP connection).
 */
export type UserspacePmCommandConfig = { at: number; ns: NsName; token: number | null; note?: unknown } & (
  | { cmd: 'announce'; local: UpmAddrConfig }
  | { cmd: 'remove'; id: number }
  | { cmd: 'subflow_create' | 'subflow_destroy' | 'set_flags'; local: UpmAddrConfig; remote: UpmAddrConfig }
);

/** `sim.pm_script` / `sim.scheduler_script`: JavaScript source run in a sandbox, for one host or both. */
export interface ScriptConfig {
  side: 'client' | 'server' | 'both';
  source: string;
  note?: unknown;
}

/** Simulator-only extensions (the kernel harness carries `sim` along and ignores it). */
export interface SimExtensions {
  /** Free-form lesson annotations, carried along. */
  notes?: unknown;
  /** A scripted userspace PM daemon's commands, normalised by validateScenario. */
  userspace_pm?: UserspacePmCommandConfig[];
  /** A user-written userspace PM daemon (pm/script-pm.ts), normalised by validateScenario. */
  pm_script?: ScriptConfig;
  /** A user-written packet scheduler (sched/script.ts), normalised by validateScenario. */
  scheduler_script?: ScriptConfig;
  /** Force MPTCP on a host's TCP application (linux/socket-create.ts): `mptcpize`, `mptcpify` or `godebug`. */
  force_mptcp?: { client?: 'mptcpize' | 'mptcpify' | 'godebug'; server?: 'mptcpize' | 'mptcpify' | 'godebug' };
  /** The hosts' kernel as far as socket(IPPROTO_MPTCP) is concerned: MPTCP `built` (default), `absent`, or `pre-5.6`. */
  kernel?: { mptcp?: 'built' | 'absent' | 'pre-5.6'; client?: { mptcp?: 'built' | 'absent' | 'pre-5.6' }; server?: { mptcp?: 'built' | 'absent' | 'pre-5.6' } };
  [key: string]: unknown;
}

export interface Scenario {
  schema: typeof SCENARIO_SCHEMA;
  name: string;
  description: string;
  notes?: unknown;
  sim?: SimExtensions;
  timeout_s: number;
  seed: number;
  ss_interval_s: number;
  static_arp: boolean;
  paths: PathConfig[];
  client: NsConfig;
  server: NsConfig;
  app: AppConfig;
  events: EventConfig[];
  capture: { side: 'server' | 'client' | 'both'; snaplen: number };
  analysis: { bin_s: number };
  expect: Expect;
}
