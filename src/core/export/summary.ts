/**
 * The `kernel-ref-summary/1` writer: summary.json of a simulated run, with the same keys, nesting,
 * value formats and meanings as the real-kernel harness writes (../shared/kernel-ref/README.md
 * "Summary schema", and `Runner.run` / `app_summary` / `run_checks` / `analyze` in
 * ../shared/kernel-ref/run), so the two compare field by field.
 *
 * Times are seconds since t0 = the client's connect() (trace times are integer ns with t0 = 0),
 * rounded like kernel-ref: packet times to 6 decimals, durations to 4, event times to 4.
 * What the simulator cannot know (kernel version, epoch of t0, `ss` snapshots, `ip` config dumps,
 * the link emulator's scheduling lateness) is null, never invented. Our only extra top-level key is
 * `ignored`: the scenario keys that only mean something to the kernel harness.
 */
import type { Scenario, Shape } from '../scenario/types';
import type { AppResult, LinkStats, Side, Trace } from '../sim/trace';
import type { MptcpInfo } from '../mptcp/connection';
import { analyzeCaptures, type CaptureAnalysis } from './capture-analysis';
import { pyRound } from './py-format';
import pkg from '../../../package.json';

export type {
  CaptureAnalysis,
  SubflowSummary,
  ConnectionSummary,
  HandshakeSummary,
  HandshakePacket,
  MptcpSignal,
  DataGap,
  PathSummary,
  PerDir,
  AckRttStats,
  JoinInfo,
  OptionCounts,
} from './capture-analysis';

export const SUMMARY_SCHEMA = 'kernel-ref-summary/1';

/** One `expect` assertion's outcome (kernel-ref `run_checks`). */
export interface Check {
  check: string;
  pass: boolean;
  detail: string;
}

export interface Environment {
  simulator: 'mptcp-playground';
  version: string;
  engine: 'discrete-event';
  kernel: null;
  iproute2: null;
  tshark: null;
  python: null;
  namespaces: null;
}

/** kernel-ref's `app_summary`. Keys that kernel-ref leaves out when unknown are optional here too. */
export interface AppSummary {
  direction: Scenario['app']['direction'];
  client_proto: Scenario['app']['client_proto'];
  server_proto: Scenario['app']['server_proto'];
  client: AppResult;
  server: AppResult;
  bytes_sent: number;
  bytes_received: number;
  sha256_sent: string | null;
  sha256_received: string | null;
  stream_equal: boolean;
  error?: string;
  mptcp_used: { client: boolean; server: boolean };
  socket_fallback: Partial<Record<Side, string>>;
  /** Client connect() → client done; absent when either is unknown. */
  duration_s?: number;
  handshake_s: number | null;
  /** Client connected → receiver's last byte; absent when unknown or nothing was received. */
  data_duration_s?: number;
  goodput_mbit?: number | null;
  /** {} when the sender's socket is not MPTCP (kernel-ref: MPTCP_INFO fails); null: not simulated. */
  /** The sender's MPTCP_INFO at the end, {} when it failed (plain TCP, fallback). */
  sender_mptcp_info_end: MptcpInfo | Record<string, never> | null;
}

export type SummaryEvent =
  | { at: number; t_actual: number; action: string; params: Record<string, unknown>; results: { sim: string; rc: number }[]; ok: boolean }
  | { at: number; action: string; skipped: string };

/** kernel-ref's `wire.paths.K.dir`: the link counters (LinkStats, incl. our drop_down) in its shape. */
export interface WireDirStats extends Omit<LinkStats, 'drops'> {
  tx_error: number;
  in_flight_at_exit: number | null;
  sched_lateness_ms: null;
  shape_at_end: Shape;
  drops: [number, string, number][];
  drops_truncated: boolean;
}

export type CounterGroups = Record<string, Record<string, number>>;

export interface Summary extends CaptureAnalysis {
  schema: typeof SUMMARY_SCHEMA;
  scenario_name: string;
  scenario: Scenario;
  environment: Environment;
  t0_epoch: null;
  time_base: string;
  app: AppSummary;
  events: SummaryEvent[];
  pm_events: { client: Record<string, unknown>[]; server: Record<string, unknown>[] };
  kernel_counters: { client: CounterGroups; server: CounterGroups };
  ss_snapshots: unknown[];
  config: { at_start: null; at_end: null; tc_qdisc_stats: null };
  wire: { model: string; socket_stats: null; paths: Record<string, { c2s: WireDirStats; s2c: WireDirStats }> };
  capture: { side: Scenario['capture']['side']; snaplen: number; files: string[]; note: string };
  /** With `capture.side: "both"`: the same analysis from the client-side capture. */
  client_view?: CaptureAnalysis;
  checks: Check[];
  result: { status: 'ok' | 'timeout' | 'transfer_failed' | 'check_failed'; exit_code: number; wall_time_s: number | null; transfer_phase_s: number };
  /** Ours: scenario keys accepted but without meaning in the simulator (harness-only). */
  ignored: string[];
}

export interface SummaryOptions {
  ignored: string[];
  /** Host wall-clock seconds of the run, measured outside the core; null if not measured. */
  wallTimeS: number | null;
  /** Precomputed checks; default: runChecks(scenario, summary). */
  checks?: Check[];
}

const TIME_BASE = 'seconds relative to t0 = the moment the client app calls connect() (simulated time, t0 = 0)';
const WIRE_MODEL =
  'mptcp-playground virtual link: per direction FIFO queue (queue_pkts) drained at rate_mbit (Ethernet frame bytes), ' +
  'then one-way delay_ms +/- uniform jitter_ms; Bernoulli loss_pct applied on arrival';
const CAPTURE_NOTE: Record<Scenario['capture']['side'], string> = {
  server:
    'server-side capture: client->server packets are stamped on arrival (after the link), server->client packets on departure (before the link)',
  client:
    'client-side capture: server->client packets are stamped on arrival (after the link), client->server packets on departure (before the link)',
  both:
    'server-side capture: client->server packets are stamped on arrival (after the link), server->client packets on departure (before the link); client_view: the client side, the other way round',
};
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_TIMEOUT = 3;

/** Python's str() of the values run_checks formats (True/False/None, floats keep ".0"). */
function pyStr(v: unknown, float = false): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number' && float && Number.isInteger(v)) return `${v}.0`;
  return String(v);
}

/**
 * kernel-ref's `pm_events`: one entry per `ip mptcp monitor` line, `t` in seconds from t0, the raw
 * line as iproute2 prints it (`[       CREATED] token=… remid=0 …`) and its fields.
 */
function pmEvents(trace: Trace, side: Side): Record<string, unknown>[] {
  return (trace.pmEvents?.[side] ?? []).map((e) => {
    const kv = Object.entries(e.attrs).map(([k, v]) => `${k}=${v}`);
    return { t: pyRound(e.t / 1e9, 4), raw: [`[${e.type.padStart(14)}]`, ...kv].join(' '), type: e.type, ...e.attrs };
  });
}

/** kernel-ref's `app_summary(app, cres, sres)`. */
export function appSummary(scenario: Scenario, cres: AppResult, sres: AppResult): AppSummary {
  const upload = scenario.app.direction === 'upload';
  const snd = upload ? cres : sres;
  const rcv = upload ? sres : cres;
  const errs = [cres, sres].filter((r) => r.error).map((r) => `${r.role}: ${r.error}`);
  const fallback: Partial<Record<Side, string>> = {};
  for (const r of [cres, sres]) if (r.socket_error) fallback[r.role] = r.socket_error;
  const duration =
    cres.t_connect_start !== null && cres.t_done !== null ? { duration_s: pyRound(cres.t_done - cres.t_connect_start, 4) } : {};
  let data: { data_duration_s: number; goodput_mbit: number | null } | Record<string, never> = {};
  if (rcv.t_last_byte !== null && cres.t_connected !== null && rcv.bytes_received) {
    const dt = rcv.t_last_byte - cres.t_connected;
    data = { data_duration_s: pyRound(dt, 4), goodput_mbit: dt > 0 ? pyRound((rcv.bytes_received * 8) / dt / 1e6, 3) : null };
  }
  // kernel-ref: `snd.get("mptcp_info_end") or {}` — {} whenever MPTCP_INFO fails (plain TCP, fallback)
  // Keys in kernel-ref's order; the optional ones only when kernel-ref writes them.
  return {
    direction: scenario.app.direction,
    client_proto: scenario.app.client_proto,
    server_proto: scenario.app.server_proto,
    client: cres,
    server: sres,
    bytes_sent: snd.bytes_sent,
    bytes_received: rcv.bytes_received,
    sha256_sent: snd.sha256_sent,
    sha256_received: rcv.sha256_received,
    stream_equal: snd.bytes_sent === rcv.bytes_received && snd.sha256_sent === rcv.sha256_received,
    ...(errs.length > 0 ? { error: errs.join('; ') } : {}),
    mptcp_used: { client: cres.mptcp_at_start, server: sres.mptcp_at_start },
    socket_fallback: fallback,
    ...duration,
    handshake_s:
      cres.t_connected !== null && cres.t_connect_start !== null ? pyRound(cres.t_connected - cres.t_connect_start, 4) : null,
    ...data,
    sender_mptcp_info_end: snd.mptcp_info_end ?? {},
  };
}

/** kernel-ref's `run_checks(sc, s)`: the `expect` block, with stream_intact defaulting to true. */
export function runChecks(scenario: Scenario, s: Pick<Summary, 'app' | 'connections' | 'subflows' | 'option_counts_total'>): Check[] {
  const checks: Check[] = [];
  const ex = { stream_intact: true, ...scenario.expect };
  const add = (check: string, pass: boolean, detail: string): void => {
    checks.push({ check, pass, detail });
  };
  if (ex.stream_intact) add('stream_intact', s.app.stream_equal === true, `stream_equal=${pyStr(s.app.stream_equal)}`);
  const conns = s.connections ?? [];
  const sfs = s.subflows ?? [];
  if (ex.mptcp !== undefined) {
    const used = conns.length > 0 && !conns[0].fallback && Boolean(s.app.mptcp_used?.client);
    add('mptcp', used === ex.mptcp, `mptcp in use=${pyStr(used)}`);
  }
  if (ex.min_subflows !== undefined) add('min_subflows', sfs.length >= ex.min_subflows, `subflows=${sfs.length}`);
  if (ex.max_subflows !== undefined) add('max_subflows', sfs.length <= ex.max_subflows, `subflows=${sfs.length}`);
  if (ex.min_subflows_with_payload !== undefined) {
    const d = scenario.app.direction === 'upload' ? 'c2s' : 's2c';
    const n = sfs.filter((x) => x.payload_bytes[d] > 0).length;
    add('min_subflows_with_payload', n >= ex.min_subflows_with_payload, `subflows with payload=${n}`);
  }
  if (ex.max_duration_s !== undefined) {
    const d = s.app.duration_s;
    add('max_duration_s', d !== undefined && d !== null && d <= ex.max_duration_s, `duration_s=${pyStr(d, true)}`);
  }
  if (ex.min_add_addr !== undefined) {
    const n = s.option_counts_total?.ADD_ADDR ?? 0;
    add('min_add_addr', n >= ex.min_add_addr, `ADD_ADDR options=${n}`);
  }
  if (ex.min_mp_prio !== undefined) {
    const n = s.option_counts_total?.MP_PRIO ?? 0;
    add('min_mp_prio', n >= ex.min_mp_prio, `MP_PRIO options=${n}`);
  }
  return checks;
}

/** kernel-ref's `counters_delta`: the simulated counters start at zero, so the values are the deltas. */
function kernelCounters(groups: Record<string, Record<string, number>>): CounterGroups {
  const out: CounterGroups = {};
  let sawMptcp = false;
  for (const [grp, vals] of Object.entries(groups)) {
    const nz: Record<string, number> = {};
    for (const [k, v] of Object.entries(vals)) if (v !== 0) nz[k] = v;
    if (grp === 'MPTcpExt') sawMptcp = true;
    if (grp === 'MPTcpExt' || Object.keys(nz).length > 0) out[grp] = nz;
  }
  if (!sawMptcp) out.MPTcpExt = {};
  out.MPTcpExt_all = { ...(groups.MPTcpExt ?? {}) };
  return out;
}

/** The scenario events as kernel-ref's `event_log`: fired ones in firing order, then the skipped. */
function summaryEvents(scenario: Scenario, trace: Trace, timedOut: boolean): SummaryEvent[] {
  const out: SummaryEvent[] = [];
  const fired = new Set<number>();
  for (const ev of trace.events) {
    if (ev.type !== 'scenarioEvent') continue;
    const sc = scenario.events[ev.index];
    if (sc === undefined) continue;
    fired.add(ev.index);
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sc)) if (k !== 'at' && k !== 'action') params[k] = v;
    out.push({
      at: sc.at,
      t_actual: pyRound(ev.t / 1e9, 4),
      action: ev.action,
      params,
      results: ev.detail ? [{ sim: ev.detail, rc: ev.ok ? 0 : 1 }] : [],
      ok: ev.ok,
    });
  }
  scenario.events.forEach((sc, i) => {
    if (!fired.has(i)) out.push({ at: sc.at, action: sc.action, skipped: timedOut ? 'timeout' : 'transfer already finished' });
  });
  return out;
}

/** Link shaping at the end of the run: the scenario's, changed by the `shape`/`shape_reset` events that fired. */
function shapesAtEnd(scenario: Scenario, trace: Trace): Map<number, { c2s: Shape; s2c: Shape }> {
  const m = new Map<number, { c2s: Shape; s2c: Shape }>();
  for (const p of scenario.paths) m.set(p.id, { c2s: { ...p.c2s }, s2c: { ...p.s2c } });
  for (const ev of trace.events) {
    if (ev.type !== 'scenarioEvent' || !ev.ok) continue;
    const sc = scenario.events[ev.index];
    if (sc === undefined || (sc.action !== 'shape' && sc.action !== 'shape_reset')) continue;
    const cur = m.get(sc.path);
    const base = scenario.paths.find((p) => p.id === sc.path);
    if (cur === undefined || base === undefined) continue;
    for (const d of ['c2s', 's2c'] as const) {
      if (sc.dir !== 'both' && sc.dir !== d) continue;
      cur[d] = sc.action === 'shape' ? { ...cur[d], ...sc.set } : { ...base[d] };
    }
  }
  return m;
}

function wireDir(st: LinkStats, shape: Shape): WireDirStats {
  const totalDrops = st.drop_loss + st.drop_queue + st.drop_down;
  const inFlight = st.rx_pkts - st.tx_pkts - totalDrops;
  const drops = st.drops.slice(0, 2000).map((x): [number, string, number] => [pyRound(x.t / 1e9, 4), x.reason, x.bytes]);
  return {
    rx_pkts: st.rx_pkts,
    rx_bytes: st.rx_bytes,
    tx_pkts: st.tx_pkts,
    tx_bytes: st.tx_bytes,
    drop_loss: st.drop_loss,
    drop_queue: st.drop_queue,
    drop_down: st.drop_down,
    tx_error: 0,
    max_queue_pkts: st.max_queue_pkts,
    in_flight_at_exit: inFlight >= 0 ? inFlight : null,
    sched_lateness_ms: null,
    shape_at_end: shape,
    drops,
    drops_truncated: totalDrops > drops.length,
  };
}

/**
 * kernel-ref's "timeout": the transfer phase ended before the apps did. The simulator's 'until'
 * (stopped at SimOptions.untilS) is reported the same way: the transfer did not finish.
 */
function didTimeOut(trace: Trace): boolean {
  return trace.status !== 'ok';
}

/** Builds summary.json of a simulated run. */
export function buildSummary(scenario: Scenario, trace: Trace, opts: SummaryOptions): Summary {
  const { client, server } = trace.app;
  const timedOut = didTimeOut(trace);
  const side = scenario.capture.side;
  const primary = analyzeCaptures(scenario, trace.captures, side === 'both' ? 'server' : side);
  const clientView = side === 'both' ? analyzeCaptures(scenario, trace.captures, 'client') : undefined;
  const shapes = shapesAtEnd(scenario, trace);
  const wirePaths: Summary['wire']['paths'] = {};
  for (const l of trace.links) {
    const sh = shapes.get(l.path);
    const p = scenario.paths.find((x) => x.id === l.path);
    if (sh === undefined || p === undefined) continue;
    wirePaths[String(l.path)] = { c2s: wireDir(l.c2s, sh.c2s), s2c: wireDir(l.s2c, sh.s2c) };
  }

  const app = appSummary(scenario, client, server);
  const partial: Omit<Summary, 'checks' | 'result' | 'ignored'> = {
    schema: SUMMARY_SCHEMA,
    scenario_name: scenario.name,
    scenario,
    environment: {
      simulator: 'mptcp-playground',
      version: pkg.version,
      engine: 'discrete-event',
      kernel: null,
      iproute2: null,
      tshark: null,
      python: null,
      namespaces: null,
    } satisfies Environment,
    t0_epoch: null,
    time_base: TIME_BASE,
    app,
    events: summaryEvents(scenario, trace, timedOut),
    pm_events: { client: pmEvents(trace, 'client'), server: pmEvents(trace, 'server') },
    kernel_counters: { client: kernelCounters(trace.counters.client), server: kernelCounters(trace.counters.server) },
    ss_snapshots: [],
    config: { at_start: null, at_end: null, tc_qdisc_stats: null },
    wire: { model: WIRE_MODEL, socket_stats: null, paths: wirePaths },
    capture: { side, snaplen: scenario.capture.snaplen, files: ['capture.pcapng'], note: CAPTURE_NOTE[side] },
    ...primary,
    ...(clientView !== undefined ? { client_view: clientView } : {}),
  };
  const checks = opts.checks ?? runChecks(scenario, partial);

  let status: Summary['result']['status'] = 'ok';
  let code = EXIT_OK;
  if (timedOut) {
    status = 'timeout';
    code = EXIT_TIMEOUT;
  } else if (app.error || !app.stream_equal) {
    status = 'transfer_failed';
    code = EXIT_FAILED;
  } else if (checks.some((c) => !c.pass)) {
    status = 'check_failed';
    code = EXIT_FAILED;
  }
  const tAppEnd = client.t_done !== null && server.t_done !== null ? Math.max(client.t_done, server.t_done) : trace.end / 1e9;
  return {
    ...partial,
    checks,
    result: {
      status,
      exit_code: code,
      wall_time_s: opts.wallTimeS === null ? null : pyRound(opts.wallTimeS, 2),
      transfer_phase_s: pyRound(tAppEnd, 3),
    },
    ignored: opts.ignored,
  };
}
