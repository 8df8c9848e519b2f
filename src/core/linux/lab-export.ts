/**
 * Export a scenario as a Linux lab (issue 8, item 3): a self-contained bash script that builds the
 * scenario's topology on a real Linux machine and runs it, so a teacher can reproduce a lesson on a
 * real kernel. `exportLab(scenario, lang)` is pure: the same scenario and language give the same
 * text; the namespace names are drawn when the script runs (pid + random suffix), so two labs can run
 * at once.
 *
 * What the script does, with the facts it relies on from ../shared/kernel-ref (README, `run`):
 *  - two namespaces, client and server; path K = a veth pair cli-pK <-> srv-pK in 10.0.K.0/24
 *    (client .1, server .2), gso_max_segs 1, IPv6 and rp_filter off, client source-address policy
 *    routing (table 100+K, rule pref 1000+K), permanent ARP entries (static_arp);
 *  - shaping per direction at the sender's egress with sch_netem (rate, delay ± jitter, loss, limit)
 *    plus the scenario's tbf; where sch_netem is missing (kernel-ref's kernel has none), or when
 *    `LAB_LINK=emulator` asks for it, each path runs through a userspace link emulator in a third
 *    "wire" namespace, as kernel-ref does (lab-wire.ts: loss, queue, rate, delay ± jitter per
 *    direction, seeded), and the scenario's tbf stays at the hosts' egress;
 *  - before the transfer, a probe of each path (lab-app.py `probe`/`echo`, `LAB_PROBE` datagrams):
 *    its round-trip time and loss, to check the shaping (the report's `PROBE` lines);
 *  - `sysctl net.mptcp.*` and `net.*`, `ip mptcp limits set`, `ip mptcp endpoint add ADDR dev IF
 *    [id N] [port P] FLAGS` per host (RFC 8684 §3.4: the path manager that opens subflows and
 *    announces addresses is configured by these);
 *  - every kernel-ref event type at t0 + at (t0 = the client's connect()); a `cmd` in the `wire`
 *    namespace, endpoint events matching no endpoint, and simulator-only `sim` keys cannot be
 *    expressed: a comment in the script and a located warning in the returned list;
 *  - the transfer (lab-app.ts), `ip mptcp monitor` on both hosts, `ss -Mtin` snapshots, a capture
 *    with dumpcap or tcpdump, `nstat` counters, and a report with one `SUBFLOW` line per subflow.
 */
import type { EndpointConfig, EventConfig, NsName, PathConfig, Scenario, Shape } from '../scenario/types';
import { LAB_APP_PY } from './lab-app';
import { LAB_WIRE_PY } from './lab-wire';
import { labText, type LabLang, type LabTextKey } from './lab-text';

export type { LabLang } from './lab-text';

/** Something of the scenario the script cannot reproduce; `path` is the scenario's JSON path. */
export interface LabWarning {
  path: string;
  message: string;
}

export interface LabExport {
  /** `lab-<scenario name>.sh` */
  fileName: string;
  script: string;
  warnings: LabWarning[];
}

/** Ethernet frame bytes of a full-size packet (1500 + 14), as kernel-ref's emulator counts them. */
const FRAME_BYTES = 1514;

/** A word for the shell: unquoted when safe, else in single quotes. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_.,:/=+@%^-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A number as tc / sysctl read it (no exponent). */
function num(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').trim();

/** A file-name-safe form of the scenario name. */
export function labFileName(sc: Scenario): string {
  const base = sc.name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '') || 'scenario';
  return `lab-${base.slice(0, 60)}.sh`;
}

class ScriptWriter {
  readonly lines: string[] = [];
  constructor(readonly lang: LabLang) {}
  t(key: LabTextKey, params?: Record<string, string | number>): string {
    return labText(this.lang, key, params);
  }
  /** A comment, wrapped at 100 columns where the text has spaces. */
  comment(text: string, indent = ''): void {
    const words = oneLine(text).split(' ');
    let cur = '';
    for (const w of words) {
      if (cur !== '' && indent.length + 2 + cur.length + 1 + w.length > 100) {
        this.lines.push(`${indent}# ${cur}`);
        cur = w;
      } else cur = cur === '' ? w : `${cur} ${w}`;
    }
    this.lines.push(`${indent}# ${cur}`);
  }
  c(key: LabTextKey, params?: Record<string, string | number>, indent = ''): void {
    this.comment(this.t(key, params), indent);
  }
  line(...ls: string[]): void {
    this.lines.push(...ls);
  }
  blank(): void {
    this.lines.push('');
  }
  /** A section heading comment. */
  step(key: LabTextKey, params?: Record<string, string | number>): void {
    this.blank();
    this.line('# ' + '='.repeat(98));
    this.c(key, params);
    this.line('# ' + '='.repeat(98));
  }
  /** `say` of a translated message (stderr, at run time). */
  say(key: LabTextKey, params?: Record<string, string | number>, indent = ''): void {
    this.line(`${indent}say ${shellQuote(oneLine(this.t(key, params)))}`);
  }
}

const nsVar = (ns: NsName): string => (ns === 'client' ? '"$NS_C"' : '"$NS_S"');
const ifOf = (p: PathConfig, ns: NsName): string => (ns === 'client' ? p.client_if : p.server_if);
/** The wire namespace's end of a path's client or server veth (link emulator mode). */
const wireIf = (p: PathConfig, ns: NsName): string => `w${ns === 'client' ? 'c' : 's'}-p${p.id}`;
const macOf = (k: number, ns: NsName): string => `02:6c:61:62:${k.toString(16).padStart(2, '0')}:0${ns === 'client' ? 1 : 2}`;

/** State the script has at a point of its timeline (events are applied in order at export time). */
interface LabState {
  shapes: Map<number, { c2s: Shape; s2c: Shape }>;
  /** Addresses added by addr_add events, per side, per path. */
  extraAddrs: Record<NsName, Map<number, string[]>>;
  endpoints: Record<NsName, { id: number | null; addr: string; path: number | null }[]>;
}

/** Arguments of the script's `shape` function for one direction of a path. */
function shapeArgs(sc: Scenario, p: PathConfig, dir: 'c2s' | 's2c', s: Shape): string {
  const ns: NsName = dir === 'c2s' ? 'client' : 'server';
  // netem's limit holds its delay line too: the scenario's FIFO plus the bandwidth-delay product
  const lineRate = s.rate_mbit ?? 10000;
  const bdp = Math.ceil((lineRate * 1e6 * ((s.delay_ms + s.jitter_ms) / 1000)) / (FRAME_BYTES * 8));
  const limit = s.queue_pkts + bdp + (s.rate_mbit === null ? 1000 : 0);
  // tbf fallback: a bucket of 4 ms at the rate, at least two frames (tbf needs burst >= one packet)
  const burst = s.rate_mbit === null ? 0 : Math.max(2 * FRAME_BYTES, Math.ceil((s.rate_mbit * 1e6) / 8 / 250));
  const tbf = p.tbf ? `rate ${num(p.tbf.rate_mbit)}mbit burst ${p.tbf.burst_bytes} latency ${num(p.tbf.latency_ms)}ms` : '';
  return [
    nsVar(ns),
    ifOf(p, ns),
    s.rate_mbit === null ? '-' : num(s.rate_mbit),
    num(s.delay_ms),
    num(s.jitter_ms),
    num(s.loss_pct),
    String(s.queue_pkts),
    String(limit),
    String(burst),
    shellQuote(tbf),
    String(p.id),
    dir,
    s.allow_reorder ? '1' : '0',
  ].join(' ');
}

function shapeComment(w: ScriptWriter, k: number, dir: string, s: Shape, indent = ''): void {
  w.c(
    'shapeLine',
    {
      k,
      dir,
      rate: s.rate_mbit === null ? w.t('unlimited') : `${num(s.rate_mbit)} Mbit/s`,
      delay: num(s.delay_ms),
      jitter: num(s.jitter_ms),
      loss: num(s.loss_pct),
      queue: s.queue_pkts,
    },
    indent,
  );
}

/** Client policy routes of path k for its addresses (kernel-ref client_routes). */
function clientRoutes(p: PathConfig, addrs: string[], indent = ''): string[] {
  const table = 100 + p.id;
  const out = [
    `${indent}ip -n "$NS_C" route replace ${p.subnet} dev ${p.client_if} src ${p.client_addr} table ${table}`,
    `${indent}ip -n "$NS_C" route replace default via ${p.server_addr} dev ${p.client_if} table ${table}`,
  ];
  for (const a of addrs) out.push(`${indent}add_rule ${a} ${table} ${1000 + p.id}`);
  return out;
}

/** Permanent neighbour entries of path k on both sides for every address of the peer. */
function neighbours(sc: Scenario, p: PathConfig, st: LabState, indent = ''): string[] {
  if (!sc.static_arp) return [];
  const out: string[] = [];
  for (const [side, peer] of [['client', 'server'], ['server', 'client']] as const) {
    const peerAddrs = [p[`${peer}_addr`], ...p[`${peer}_extra_addrs`], ...(st.extraAddrs[peer].get(p.id) ?? [])];
    for (const a of peerAddrs) out.push(`${indent}ip -n ${nsVar(side)} neigh replace ${a} lladdr ${macOf(p.id, peer)} dev ${ifOf(p, side)} nud permanent`);
  }
  return out;
}

function endpointArgs(ep: EndpointConfig): string {
  const parts = ['add', ep.addr ?? ''];
  if (ep.dev) parts.push('dev', ep.dev);
  if (ep.id !== null) parts.push('id', String(ep.id));
  if (ep.port !== null) parts.push('port', String(ep.port));
  parts.push(...ep.flags);
  return parts.map(shellQuote).join(' ');
}

function hostName(w: ScriptWriter, ns: NsName | 'wire'): string {
  return ns === 'client' ? w.t('hostClient') : ns === 'server' ? w.t('hostServer') : 'wire';
}

/** Warnings for simulator-only keys (`sim`) and for shaping netem cannot reproduce exactly. */
function staticWarnings(sc: Scenario, lang: LabLang): LabWarning[] {
  const out: LabWarning[] = [];
  const t = (key: LabTextKey, params?: Record<string, string | number>) => labText(lang, key, params);
  const sim = sc.sim ?? {};
  if (Array.isArray(sim.middleboxes) && sim.middleboxes.length > 0) out.push({ path: 'scenario.sim.middleboxes', message: t('warnMiddleboxes') });
  const sched = sim.scheduler;
  const schedNames = typeof sched === 'string' ? [['scenario.sim.scheduler', sched]] : sched && typeof sched === 'object' ? Object.entries(sched as Record<string, unknown>).map(([k, v]) => [`scenario.sim.scheduler.${k}`, String(v)]) : [];
  for (const [path, name] of schedNames) if (name !== 'default') out.push({ path, message: t('warnScheduler', { name }) });
  if (typeof sim.congestion_control === 'string' && !['cubic', 'reno'].includes(sim.congestion_control)) {
    out.push({ path: 'scenario.sim.congestion_control', message: t('warnCoupledCc', { name: sim.congestion_control }) });
  }
  if (Array.isArray(sim.userspace_pm) && sim.userspace_pm.length > 0) out.push({ path: 'scenario.sim.userspace_pm', message: t('warnUserspacePm') });
  if (sim.tcp_flows === 'per_path') out.push({ path: 'scenario.sim.tcp_flows', message: t('warnTcpFlows') });
  const random = (s: Shape) => s.loss_pct > 0 || s.jitter_ms > 0;
  const reorders = (s: Shape) => s.jitter_ms > 0 && s.rate_mbit === null && !s.allow_reorder;
  sc.paths.forEach((p, i) => {
    for (const dir of ['c2s', 's2c'] as const) if (reorders(p[dir])) out.push({ path: `scenario.paths[${i}].${dir}.jitter_ms`, message: t('warnReorder') });
  });
  const shapedEvents = sc.events.filter((e) => e.action === 'shape' && ((e.set.loss_pct ?? 0) > 0 || (e.set.jitter_ms ?? 0) > 0));
  if (sc.paths.some((p) => random(p.c2s) || random(p.s2c)) || shapedEvents.length > 0) out.push({ path: 'scenario.seed', message: t('warnSeed', { seed: sc.seed }) });
  return out;
}

/** The congestion control the lab's sockets use: sim.congestion_control when Linux has it, else the app's. */
function appCc(sc: Scenario): string | null {
  const simCc = sc.sim?.congestion_control;
  if (typeof simCc === 'string' && ['cubic', 'reno'].includes(simCc)) return simCc;
  return sc.app.congestion_control;
}

function writePreamble(w: ScriptWriter, sc: Scenario, fileName: string, warnings: LabWarning[]): void {
  w.line('#!/usr/bin/env bash');
  w.c('title', { name: oneLine(sc.name) });
  w.c('what');
  w.c('usage', { file: fileName });
  if (sc.description) w.c('description', { text: oneLine(sc.description) });
  w.c('safety');
  if (warnings.length > 0) {
    w.line('#');
    w.c('warningsHeading');
    for (const x of warnings) w.comment(`- ${x.path}: ${x.message}`);
  }
  w.line('set -euo pipefail');
  w.line('say() { printf \'%s\\n\' "$*" >&2; }');
}

function writeChecks(w: ScriptWriter): void {
  w.step('stepChecks');
  w.line(`if [ "$(id -u)" -ne 0 ]; then say ${shellQuote(w.t('errRoot'))}; exit 4; fi`);
  w.line('for tool in ip tc ss sysctl python3 timeout; do');
  w.line(`  command -v "$tool" >/dev/null 2>&1 || { say ${shellQuote(w.t('errTool'))} "$tool"; exit 4; }`);
  w.line('done');
  w.line(`sysctl -n net.mptcp.enabled >/dev/null 2>&1 || { say ${shellQuote(w.t('errMptcp'))}; exit 4; }`);
}

function writeNamesAndCleanup(w: ScriptWriter, sc: Scenario): void {
  w.step('stepNames');
  const base = labFileName(sc).replace(/^lab-/, '').replace(/\.sh$/, '');
  w.line('SUFFIX="$$-$(od -An -N3 -tx1 /dev/urandom | tr -d \' \\n\')"');
  w.line('NS_C="mplab-c-$SUFFIX"');
  w.line('NS_S="mplab-s-$SUFFIX"');
  w.line('NS_W="mplab-w-$SUFFIX"');
  w.line(`OUT="\${1:-./lab-${base}-$SUFFIX}"`);
  w.line('mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd)"');
  w.line('PIDS=()');
  w.c('cleanupWhat');
  w.line('cleanup() {');
  w.line('  local rc=$?');
  w.line('  trap - EXIT INT TERM HUP');
  w.line('  for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; done');
  w.line('  for p in ${PIDS[@]+"${PIDS[@]}"}; do wait "$p" 2>/dev/null || true; done');
  w.line('  for ns in "$NS_C" "$NS_S" "$NS_W"; do');
  w.line('    if [ -e "/var/run/netns/$ns" ]; then');
  w.line('      for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done');
  w.line('      ip netns del "$ns" 2>/dev/null || true');
  w.line('    fi');
  w.line('  done');
  w.line('  exit "$rc"');
  w.line('}');
  w.line('trap cleanup EXIT');
  w.line("trap 'exit 130' INT TERM HUP");
  w.say('outDir');
  w.line('say "  $OUT"');
  w.line('now_us() { printf \'%s\' "${EPOCHREALTIME//[!0-9]/}"; }');
  w.line('since_t0() { local d=$(( $(now_us) - T0_US )) s=""; if [ "$d" -lt 0 ]; then s="-"; d=$(( -d )); fi; printf \'%s%d.%06d\' "$s" $(( d / 1000000 )) $(( d % 1000000 )); }');
  w.line('at_time() { local d=$(( T0_US + $1 - $(now_us) )); if [ "$d" -gt 0 ]; then sleep "$(printf \'%d.%06d\' $(( d / 1000000 )) $(( d % 1000000 )))" & wait $!; fi; }');
  w.line('stamp() { while IFS= read -r l; do printf \'%s %s\\n\' "$(now_us)" "$l"; done; }');
  w.line('try() { "$@" || say "! failed ($?): $*"; }');
  w.line('add_rule() { local rules; rules="$(ip -n "$NS_C" rule show)"; case "$rules" in *"from $1 lookup $2"*) ;; *) ip -n "$NS_C" rule add from "$1" table "$2" pref "$3" ;; esac; }');
}

function writeNamespaces(w: ScriptWriter, sc: Scenario): void {
  w.step('stepNetns');
  w.line('ip netns add "$NS_C"', 'ip netns add "$NS_S"');
  w.line('for ns in "$NS_C" "$NS_S"; do');
  w.line('  ip -n "$ns" link set lo up');
  w.line('  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1');
  w.line('  ip netns exec "$ns" sysctl -q -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0');
  w.line('done');
  w.c('linkMode');
  w.line('HAVE_NETEM=0');
  w.line('if [ "${LAB_LINK:-auto}" != emulator ] && ip netns exec "$NS_C" tc qdisc add dev lo root netem delay 0ms 2>/dev/null; then');
  w.line('  HAVE_NETEM=1');
  w.line('  ip netns exec "$NS_C" tc qdisc del dev lo root');
  w.line('elif [ "${LAB_LINK:-auto}" = netem ]; then');
  w.line(`  say ${shellQuote(w.t('errNetem'))}; exit 4`);
  w.line('else');
  w.line('  [ "${LAB_LINK:-auto}" = emulator ] || ' + `say ${shellQuote(oneLine(w.t('noNetem')))}`);
  w.line('  ip netns add "$NS_W"');
  w.line('  ip -n "$NS_W" link set lo up');
  w.line('  ip netns exec "$NS_W" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1');
  w.line('  WIRE="$OUT/wire"; mkdir -p "$WIRE"');
  w.line('fi');
  w.line('if [ "$HAVE_NETEM" = 1 ]; then echo netem >"$OUT/link_mode"; else echo emulator >"$OUT/link_mode"; fi');
  for (const ns of ['client', 'server'] as const) {
    const cfg = sc[ns];
    const entries = [...Object.entries(cfg.mptcp_sysctl).map(([k, v]) => [`net.mptcp.${k}`, v] as const), ...Object.entries(cfg.sysctl)];
    const cc = sc.sim?.congestion_control_default;
    if (typeof cc === 'string' && !('net.ipv4.tcp_congestion_control' in cfg.sysctl)) entries.push(['net.ipv4.tcp_congestion_control', cc]);
    if (entries.length === 0) continue;
    w.c('nsSysctl', { ns: hostName(w, ns) });
    for (const [k, v] of entries) w.line(`ip netns exec ${nsVar(ns)} sysctl -q -w ${shellQuote(`${k}=${v}`)}`);
  }
}

function writePaths(w: ScriptWriter, sc: Scenario, st: LabState): void {
  w.step('stepPaths');
  for (const p of sc.paths) {
    w.blank();
    w.c('path', { k: p.id, name: oneLine(p.name), cif: p.client_if, caddr: p.client_addr, sif: p.server_if, saddr: p.server_addr });
    w.line('if [ "$HAVE_NETEM" = 1 ]; then');
    w.line(`  ip -n "$NS_C" link add ${p.client_if} address ${macOf(p.id, 'client')} type veth peer name ${p.server_if} address ${macOf(p.id, 'server')} netns "$NS_S"`);
    w.line('else');
    w.c('pathWire', { k: p.id, cif: p.client_if, sif: p.server_if, wc: wireIf(p, 'client'), ws: wireIf(p, 'server') }, '  ');
    w.line(`  ip -n "$NS_C" link add ${p.client_if} address ${macOf(p.id, 'client')} type veth peer name ${wireIf(p, 'client')} netns "$NS_W"`);
    w.line(`  ip -n "$NS_S" link add ${p.server_if} address ${macOf(p.id, 'server')} type veth peer name ${wireIf(p, 'server')} netns "$NS_W"`);
    w.line(`  ip -n "$NS_W" link set dev ${wireIf(p, 'client')} mtu ${p.mtu ?? 1500} up promisc on`, `  ip -n "$NS_W" link set dev ${wireIf(p, 'server')} mtu ${p.mtu ?? 1500} up promisc on`);
    w.line('fi');
    w.c('gso');
    const mtu = p.mtu ? ` mtu ${p.mtu}` : '';
    if (p.mtu) w.c('mtu', { mtu: p.mtu });
    w.line(`ip -n "$NS_C" link set dev ${p.client_if} gso_max_segs 1${mtu}`, `ip -n "$NS_S" link set dev ${p.server_if} gso_max_segs 1${mtu}`);
    w.line(`ip -n "$NS_C" addr add ${p.client_addr}/24 dev ${p.client_if}`, `ip -n "$NS_S" addr add ${p.server_addr}/24 dev ${p.server_if}`);
    for (const ns of ['client', 'server'] as const) {
      for (const a of p[`${ns}_extra_addrs`]) {
        w.c('extraAddr', { ns: hostName(w, ns), addr: a });
        w.line(`ip -n ${nsVar(ns)} addr add ${a}/24 dev ${ifOf(p, ns)}`);
      }
    }
    w.line(`ip -n "$NS_C" link set dev ${p.client_if} up`, `ip -n "$NS_S" link set dev ${p.server_if} up`);
    const addrs = [p.client_addr, ...p.client_extra_addrs];
    w.c('routes', { addrs: addrs.join(', '), k: p.id, table: 100 + p.id });
    w.line(...clientRoutes(p, addrs));
    if (sc.static_arp) {
      w.c('neigh');
      w.line(...neighbours(sc, p, st));
    }
  }
}

function writeShaping(w: ScriptWriter, sc: Scenario): void {
  w.step('stepShape');
  w.c('shapeHow');
  w.line('shape() {');
  w.line('  local ns=$1 dev=$2 rate=$3 delay=$4 jitter=$5 loss=$6 queue=$7 limit=$8 burst=$9 tbf=${10} k=${11} dir=${12} reorder=${13} parent=root args');
  w.line('  ip netns exec "$ns" tc qdisc del dev "$dev" root 2>/dev/null || true');
  w.line('  if [ -n "$tbf" ]; then');
  w.line('    # shellcheck disable=SC2086');
  w.line('    ip netns exec "$ns" tc qdisc add dev "$dev" root handle 1: tbf $tbf');
  w.line('    parent="parent 1:1"');
  w.line('  fi');
  w.line('  if [ "$HAVE_NETEM" = 0 ]; then');
  w.comment(w.t('shapeWire'), '    ');
  w.line('    printf \'%s %s %s %s %s %s\\n\' "$rate" "$delay" "$jitter" "$loss" "$queue" "$reorder" >"$WIRE/p$k-$dir.tmp"');
  w.line('    mv "$WIRE/p$k-$dir.tmp" "$WIRE/p$k-$dir"');
  w.line('    return');
  w.line('  fi');
  w.line('  if [ "$HAVE_NETEM" = 1 ]; then');
  w.line('    args="limit $limit delay ${delay}ms"');
  w.line('    if [ "$jitter" != 0 ]; then args="$args ${jitter}ms"; fi');
  w.line('    if [ "$loss" != 0 ]; then args="$args loss ${loss}%"; fi');
  w.line('    if [ "$rate" != - ]; then args="$args rate ${rate}mbit"; fi');
  w.line('    # shellcheck disable=SC2086');
  w.line('    ip netns exec "$ns" tc qdisc add dev "$dev" $parent handle 10: netem $args');
  w.line('  fi');
  w.line('}');
  for (const p of sc.paths) {
    if (p.tbf) w.c('tbf', { rate: num(p.tbf.rate_mbit), burst: p.tbf.burst_bytes, latency: num(p.tbf.latency_ms) });
    for (const dir of ['c2s', 's2c'] as const) {
      shapeComment(w, p.id, dir, p[dir]);
      w.line(`shape ${shapeArgs(sc, p, dir, p[dir])}`);
    }
  }
  w.c('wireStart', { seed: sc.seed });
  w.line('if [ "$HAVE_NETEM" = 0 ]; then');
  w.line(`  cat >"$OUT/lab-wire.py" <<'LAB_WIRE_PY'`);
  w.line(...LAB_WIRE_PY.replace(/\n$/, '').split('\n'));
  w.line('LAB_WIRE_PY');
  for (const p of sc.paths) {
    w.line(`  ip netns exec "$NS_W" python3 "$OUT/lab-wire.py" "$WIRE" ${p.id} ${wireIf(p, 'client')} ${wireIf(p, 'server')} ${sc.seed} 2>>"$OUT/wire.log" &`);
    w.line('  PIDS+=($!)');
  }
  w.line(`  for _ in $(seq 100); do [ "$(ls "$WIRE"/p*.ready 2>/dev/null | wc -l)" -ge ${sc.paths.length} ] && break; sleep 0.05; done`);
  w.line('fi');
}

function writeProbe(w: ScriptWriter, sc: Scenario): void {
  w.step('stepProbe');
  const port = sc.app.port === 7 ? 8 : 7;
  w.line('PROBES="${LAB_PROBE:-20}"');
  w.line('if [ "$PROBES" -gt 0 ]; then');
  w.line(`  ip netns exec "$NS_S" python3 "$OUT/lab-app.py" echo ${port} &`);
  w.line('  ECHO_PID=$!');
  w.line('  sleep 0.2');
  w.line('  PROBE_PIDS=()');
  for (const p of sc.paths) {
    w.line(`  ip netns exec "$NS_C" python3 "$OUT/lab-app.py" probe "$PROBES" 0.01 ${port} ${p.client_addr} ${p.server_addr} "$OUT/probe-p${p.id}.json" &`);
    w.line('  PROBE_PIDS+=($!)');
  }
  w.line('  for p in "${PROBE_PIDS[@]}"; do wait "$p" || true; done');
  w.line('  kill "$ECHO_PID" 2>/dev/null || true; wait "$ECHO_PID" 2>/dev/null || true');
  w.line('fi');
}

function writeMptcp(w: ScriptWriter, sc: Scenario): void {
  w.step('stepMptcp');
  for (const ns of ['client', 'server'] as const) {
    const cfg = sc[ns];
    const lim = cfg.limits;
    if (lim && (lim.subflows !== null || lim.add_addr_accepted !== null)) {
      w.c('limits', { ns: hostName(w, ns), subflows: lim.subflows ?? w.t('keep'), accepted: lim.add_addr_accepted ?? w.t('keep') });
      const args = [...(lim.subflows !== null ? ['subflows', String(lim.subflows)] : []), ...(lim.add_addr_accepted !== null ? ['add_addr_accepted', String(lim.add_addr_accepted)] : [])];
      w.line(`ip -n ${nsVar(ns)} mptcp limits set ${args.join(' ')}`);
    }
    for (const ep of cfg.endpoints) {
      w.c('endpoint', { ns: hostName(w, ns), addr: ep.addr ?? '', dev: ep.dev ?? '', flags: ep.flags.length ? ep.flags.join(' ') : w.t('noFlags') });
      w.line(`ip -n ${nsVar(ns)} mptcp endpoint ${endpointArgs(ep)}`);
    }
  }
  w.line('ip -n "$NS_C" mptcp endpoint show >"$OUT/config-client.txt"; ip -n "$NS_C" mptcp limits show >>"$OUT/config-client.txt"');
  w.line('ip -n "$NS_S" mptcp endpoint show >"$OUT/config-server.txt"; ip -n "$NS_S" mptcp limits show >>"$OUT/config-server.txt"');
}

function appConfig(sc: Scenario, role: 'client' | 'server'): string {
  const a = sc.app;
  const cfg: Record<string, unknown> = {
    direction: a.direction,
    bytes: a.bytes,
    duration: a.duration_s,
    chunk: a.chunk_bytes,
    client_proto: a.client_proto,
    server_proto: a.server_proto,
    port: a.port,
    addr: a.server_addr,
    cc: appCc(sc),
    sndbuf: a.sndbuf,
    rcvbuf: a.rcvbuf,
  };
  return `${shellQuote(JSON.stringify(cfg))} "$OUT/${role}.json"`;
}

function writeAppAndCapture(w: ScriptWriter, sc: Scenario, beforeCapture: () => void): void {
  w.step('stepApp');
  w.line(`cat >"$OUT/lab-app.py" <<'LAB_APP_PY'`);
  w.line(...LAB_APP_PY.replace(/\n$/, '').split('\n'));
  w.line('LAB_APP_PY');
  beforeCapture();

  w.step('stepCapture', { side: sc.capture.side, snaplen: sc.capture.snaplen });
  w.line('ip -n "$NS_C" mptcp monitor > >(stamp >"$OUT/monitor-client.txt") 2>&1 &', 'PIDS+=($!)');
  w.line('ip -n "$NS_S" mptcp monitor > >(stamp >"$OUT/monitor-server.txt") 2>&1 &', 'PIDS+=($!)');
  const ifaces: [NsName, string, number][] = [];
  for (const p of sc.paths) {
    if (sc.capture.side !== 'client') ifaces.push(['server', p.server_if, p.id]);
    if (sc.capture.side !== 'server') ifaces.push(['client', p.client_if, p.id]);
  }
  w.line('CAPTURES=()');
  w.line('capture() {');
  w.line('  local ns=$1 dev=$2 file="$OUT/$3"');
  w.line('  command -v dumpcap >/dev/null 2>&1 || command -v tcpdump >/dev/null 2>&1 || return 0');
  w.line('  if command -v dumpcap >/dev/null 2>&1; then');
  w.line(`    ip netns exec "$ns" dumpcap -q -i "$dev" -s ${sc.capture.snaplen} -w "$file" 2>>"$OUT/capture.log" &`);
  w.line('  else');
  w.line(`    ip netns exec "$ns" tcpdump -i "$dev" -s ${sc.capture.snaplen} -U -w "$file" 2>>"$OUT/capture.log" &`);
  w.line('  fi');
  w.line('  PIDS+=($!); CAPTURES+=("$file")');
  w.line('}');
  w.line('if command -v dumpcap >/dev/null 2>&1 || command -v tcpdump >/dev/null 2>&1; then');
  for (const [ns, dev, k] of ifaces) w.line(`  capture ${nsVar(ns)} ${dev} path${k}-${dev}.pcapng`);
  w.line('  for _ in $(seq 50); do');
  w.line('    ready=1; for f in "${CAPTURES[@]}"; do [ -s "$f" ] || ready=0; done');
  w.line('    [ "$ready" = 1 ] && break; sleep 0.1');
  w.line('  done');
  w.line('else');
  w.say('noCapture', {}, '  ');
  w.line('fi');
}

interface EventOut {
  comment: string[];
  lines: string[];
}

/** The shell lines of one event, or null when it cannot be expressed (a warning is added). */
function eventLines(w: ScriptWriter, sc: Scenario, ev: EventConfig, j: number, st: LabState, warnings: LabWarning[]): EventOut | null {
  const t = (key: LabTextKey, params?: Record<string, string | number>) => w.t(key, params);
  const path = (k: number) => sc.paths[k - 1];
  const where = `scenario.events[${j}]`;
  const dirs = (d: 'c2s' | 's2c' | 'both') => (d === 'both' ? (['c2s', 's2c'] as const) : ([d] as const));
  const dirName = (d: 'c2s' | 's2c' | 'both') => (d === 'both' ? t('dirBoth') : d);
  const findEp = (ns: NsName, id: number | null, addr: string | null, k: number | null) =>
    st.endpoints[ns].find((e) => (id !== null && e.id === id) || (addr !== null && e.addr === addr) || (k !== null && e.path === k));
  switch (ev.action) {
    case 'link_down':
    case 'link_up': {
      const p = path(ev.path);
      const sides: NsName[] = ev.side === 'both' ? ['client', 'server'] : [ev.side];
      const lines = sides.map((s) => `try ip -n ${nsVar(s)} link set dev ${ifOf(p, s)} ${ev.action === 'link_down' ? 'down' : 'up'}`);
      if (ev.action === 'link_up') {
        // dumpcap and tcpdump stop when their interface goes admin-down: a new capture segment
        for (const s of sides) if (sc.capture.side === s || sc.capture.side === 'both') lines.push(`try capture ${nsVar(s)} ${ifOf(p, s)} path${p.id}-${ifOf(p, s)}.up${j}.pcapng`);
        if (sides.includes('client')) lines.push(...clientRoutes(p, [p.client_addr, ...p.client_extra_addrs, ...(st.extraAddrs.client.get(p.id) ?? [])]).map((l) => `try ${l}`));
        lines.push(...neighbours(sc, p, st).map((l) => `try ${l}`));
      }
      const side = ev.side === 'both' ? `${t('hostClient')}+${t('hostServer')}` : hostName(w, ev.side);
      return { comment: [t(ev.action === 'link_down' ? 'evLinkDown' : 'evLinkUp', { side, k: ev.path })], lines };
    }
    case 'shape':
    case 'shape_reset': {
      const p = path(ev.path);
      const cur = st.shapes.get(p.id)!;
      const lines: string[] = [];
      const comment = [t(ev.action === 'shape' ? 'evShape' : 'evShapeReset', { k: ev.path, dir: dirName(ev.dir) })];
      for (const d of dirs(ev.dir)) {
        const next: Shape = ev.action === 'shape' ? { ...cur[d], ...ev.set } : { ...p[d] };
        cur[d] = next;
        const cw = new ScriptWriter(w.lang);
        shapeComment(cw, p.id, d, next);
        comment.push(...cw.lines.map((l) => l.replace(/^# /, '')));
        lines.push(`try shape ${shapeArgs(sc, p, d, next)}`);
      }
      return { comment, lines };
    }
    case 'endpoint_add': {
      const ep = ev.endpoint;
      st.endpoints[ev.ns].push({ id: ep.id, addr: ep.addr ?? '', path: ep.path });
      return {
        comment: [t('evEndpointAdd', { ns: hostName(w, ev.ns), addr: ep.addr ?? '', flags: ep.flags.length ? ep.flags.join(' ') : t('noFlags') })],
        lines: [`try ip -n ${nsVar(ev.ns)} mptcp endpoint ${endpointArgs(ep)}`],
      };
    }
    case 'endpoint_del':
    case 'endpoint_change': {
      const ep = findEp(ev.ns, ev.id, ev.addr, ev.path);
      if (!ep) {
        warnings.push({ path: where, message: t('warnNoEndpoint', { ns: hostName(w, ev.ns) }) });
        return null;
      }
      // an endpoint added without an id got one from the kernel: look it up by address at run time
      const idExpr = ep.id !== null ? String(ep.id) : `"$(ip -n ${nsVar(ev.ns)} mptcp endpoint show | awk '$1 == "${ep.addr}" { for (i = 1; i < NF; i++) if ($i == "id") print $(i + 1) }')"`;
      const ref = ep.id !== null ? `id ${ep.id}` : ep.addr;
      if (ev.action === 'endpoint_del') {
        st.endpoints[ev.ns] = st.endpoints[ev.ns].filter((e) => e !== ep);
        return { comment: [t('evEndpointDel', { ns: hostName(w, ev.ns), ref })], lines: [`try ip -n ${nsVar(ev.ns)} mptcp endpoint delete id ${idExpr}`] };
      }
      return {
        comment: [t('evEndpointChange', { ns: hostName(w, ev.ns), ref, flags: ev.flags.join(' ') })],
        lines: [`try ip -n ${nsVar(ev.ns)} mptcp endpoint change id ${idExpr} ${ev.flags.join(' ')}`],
      };
    }
    case 'endpoint_flush':
      st.endpoints[ev.ns] = [];
      return { comment: [t('evEndpointFlush', { ns: hostName(w, ev.ns) })], lines: [`try ip -n ${nsVar(ev.ns)} mptcp endpoint flush`] };
    case 'limits': {
      const args = [...(ev.subflows !== null ? ['subflows', String(ev.subflows)] : []), ...(ev.add_addr_accepted !== null ? ['add_addr_accepted', String(ev.add_addr_accepted)] : [])];
      return { comment: [t('evLimits', { ns: hostName(w, ev.ns), what: args.join(' ') })], lines: [`try ip -n ${nsVar(ev.ns)} mptcp limits set ${args.join(' ')}`] };
    }
    case 'sysctl':
      return {
        comment: [t('evSysctl', { ns: hostName(w, ev.ns), key: ev.key, value: String(ev.value) })],
        lines: [`try ip netns exec ${nsVar(ev.ns)} sysctl -q -w ${shellQuote(`${ev.key}=${ev.value}`)}`],
      };
    case 'addr_add':
    case 'addr_del': {
      const p = path(ev.path);
      const lines = [`try ip -n ${nsVar(ev.ns)} addr ${ev.action === 'addr_add' ? 'add' : 'del'} ${ev.addr}/24 dev ${ifOf(p, ev.ns)}`];
      const list = st.extraAddrs[ev.ns].get(p.id) ?? [];
      if (ev.action === 'addr_add') {
        st.extraAddrs[ev.ns].set(p.id, [...list, ev.addr]);
        if (ev.ns === 'client') lines.push(...clientRoutes(p, [ev.addr]).map((l) => `try ${l}`));
        lines.push(...neighbours(sc, p, st).map((l) => `try ${l}`));
      } else st.extraAddrs[ev.ns].set(p.id, list.filter((a) => a !== ev.addr));
      return { comment: [t(ev.action === 'addr_add' ? 'evAddrAdd' : 'evAddrDel', { ns: hostName(w, ev.ns), addr: ev.addr, k: ev.path })], lines };
    }
    case 'ss':
      return { comment: [t('evSs')], lines: [`ss_snap "event@${num(ev.at)}"`] };
    case 'cmd':
      if (ev.ns === 'wire') {
        warnings.push({ path: where, message: t('warnWireCmd') });
        return null;
      }
      return { comment: [t('evCmd', { ns: hostName(w, ev.ns) })], lines: [`try ip netns exec ${nsVar(ev.ns)} ${ev.argv.map(shellQuote).join(' ')}`] };
  }
}

function writeTransfer(w: ScriptWriter, sc: Scenario, st: LabState, warnings: LabWarning[]): void {
  const a = sc.app;
  const what = [
    w.t(a.direction === 'upload' ? 'upload' : 'download'),
    a.bytes !== null ? w.t('bytes', { n: a.bytes }) : w.t('duration', { s: num(a.duration_s ?? 0) }),
    w.t('proto', { client: a.client_proto, server: a.server_proto }),
    ...(appCc(sc) ? [w.t('cc', { cc: appCc(sc)! })] : []),
  ].join(', ');
  w.step('stepTransfer', { what, addr: a.server_addr, port: a.port });
  w.line('ss_snap() { { echo "### t=$(since_t0) $1 client"; ip netns exec "$NS_C" ss -Mtin; echo "### t=$(since_t0) $1 server"; ip netns exec "$NS_S" ss -Mtin; } >>"$OUT/ss.txt" 2>&1 || true; }');
  w.line(`ip netns exec "$NS_S" python3 "$OUT/lab-app.py" server ${appConfig(sc, 'server')} &`);
  w.line('SERVER_PID=$!; PIDS+=("$SERVER_PID")');
  w.line(`for _ in $(seq 100); do [ -n "$(ip netns exec "$NS_S" ss -Hltn 'sport = :${a.port}')" ] && break; sleep 0.05; done`);
  // t0 lies 1 s ahead: the client program starts, then sleeps until t0 and calls connect() (python3 may start slowly)
  w.line('T0_US=$(( $(now_us) + 1000000 ))');
  w.line('echo "$T0_US" >"$OUT/t0_us"');

  w.step('stepEvents');
  const evs = sc.events.map((ev, j) => ({ ev, j })).sort((x, y) => x.ev.at - y.ev.at || x.j - y.j);
  if (evs.length === 0) w.c('noEvents');
  w.line('(');
  w.line("  trap 'exit 0' TERM");
  for (const { ev, j } of evs) {
    const out = eventLines(w, sc, ev, j, st, warnings);
    w.blank();
    const first = out ? out.comment[0] : w.t('evSkipped');
    w.comment(`[${j}] ${w.t('evAt', { at: num(ev.at), what: `${ev.action}: ${first}` })}`, '  ');
    if (out) for (const c of out.comment.slice(1)) w.comment(c, '  ');
    if (typeof ev.note === 'string' && ev.note) w.c('evNote', { note: oneLine(ev.note) }, '  ');
    if (!out) {
      w.comment(w.t('evSkipped'), '  ');
      continue;
    }
    w.line(`  at_time ${Math.round(ev.at * 1e6)}`);
    w.line(`  echo "t=$(since_t0) [${j}] ${ev.action}"`);
    for (const l of out.lines) w.line(`  ${l}`);
  }
  // the events' output (and that of `cmd` events) goes to events.log; failures are said on stderr
  w.line(') >>"$OUT/events.log" &');
  w.line('EVENTS_PID=$!; PIDS+=("$EVENTS_PID")');
  if (sc.ss_interval_s > 0) {
    w.c('ssPeriodic', { s: num(sc.ss_interval_s) });
    w.line(`( trap 'exit 0' TERM; while :; do ss_snap periodic; sleep ${num(sc.ss_interval_s)} & wait $!; done ) &`);
    w.line('SS_PID=$!; PIDS+=("$SS_PID")');
  } else w.line('SS_PID=');
  w.c('timeout', { s: num(sc.timeout_s) });
  w.say('waiting');
  w.line('set +e');
  // in the background, so that Ctrl-C or a TERM reaches the cleanup at once (bash runs traps between commands)
  w.line(`timeout ${num(sc.timeout_s)} ip netns exec "$NS_C" python3 "$OUT/lab-app.py" client ${appConfig(sc, 'client')} "$(( T0_US * 1000 ))" &`);
  w.line('CLIENT_PID=$!; PIDS+=("$CLIENT_PID")');
  w.line('wait "$CLIENT_PID"');
  w.line('CLIENT_RC=$?');
  w.line('set -e');
  w.line('kill "$EVENTS_PID" ${SS_PID:+"$SS_PID"} 2>/dev/null || true');
  w.line('for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done');
  w.line(`sleep ${num(a.linger_s)}`);
  w.line('ss_snap end');
}

function writeReport(w: ScriptWriter): void {
  w.step('stepReport');
  w.line('for ns in "$NS_C" "$NS_S"; do');
  w.line('  host=client; [ "$ns" = "$NS_S" ] && host=server');
  w.line('  ip netns exec "$ns" nstat -asz >"$OUT/counters-$host.txt" 2>&1 || true');
  w.line('done');
  w.line('for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; done');
  w.line('for p in ${PIDS[@]+"${PIDS[@]}"}; do wait "$p" 2>/dev/null || true; done');
  w.line('PIDS=()');
  w.line('sleep 0.2');
  w.line('for f in "$OUT"/monitor-*.txt; do');
  w.line('  awk -v t0="$T0_US" \'{ $1 = sprintf("%.6f", ($1 - t0) / 1e6); print }\' "$f" >"$f.tmp" && mv "$f.tmp" "$f"');
  w.line('done');
  w.say('subflowsSeen');
  w.line('set +e');
  w.line('python3 "$OUT/lab-app.py" report "$OUT"');
  w.line('REPORT_RC=$?');
  w.line('set -e');
  w.line('if [ "${#CAPTURES[@]}" -gt 0 ]; then');
  w.say('captureFiles', {}, '  ');
  w.line('  for f in "$OUT"/*.pcapng; do say "  $f"; done');
  w.line('fi');
  const saved = w.t('savedFiles', { ss: '@@', mon: '@@', cnt: '@@', ev: '@@' }).replace(/%/g, '%%').split('@@').join('%s');
  w.line(`say "$(printf ${shellQuote(saved)} "$OUT/ss.txt" "$OUT/monitor-*.txt" "$OUT/counters-*.txt" "$OUT/events.log")"`);
  w.line('if [ "$CLIENT_RC" = 124 ]; then exit 3; fi');
  w.line('exit "$REPORT_RC"');
}

/**
 * The lab script of `sc` (a validated scenario) with its comments in `lang`, and the located
 * warnings for what it cannot reproduce (also written at the top of the script).
 */
export function exportLab(sc: Scenario, lang: LabLang): LabExport {
  const fileName = labFileName(sc);
  const warnings = staticWarnings(sc, lang);
  const st: LabState = {
    shapes: new Map(sc.paths.map((p) => [p.id, { c2s: { ...p.c2s }, s2c: { ...p.s2c } }])),
    extraAddrs: { client: new Map(), server: new Map() },
    endpoints: {
      client: sc.client.endpoints.map((e) => ({ id: e.id, addr: e.addr ?? '', path: e.path })),
      server: sc.server.endpoints.map((e) => ({ id: e.id, addr: e.addr ?? '', path: e.path })),
    },
  };
  // the body is written first: the events add warnings that the preamble lists
  const body = new ScriptWriter(lang);
  writeChecks(body);
  writeNamesAndCleanup(body, sc);
  writeNamespaces(body, sc);
  writePaths(body, sc, st);
  writeShaping(body, sc);
  writeMptcp(body, sc);
  writeAppAndCapture(body, sc, () => writeProbe(body, sc));
  writeTransfer(body, sc, st, warnings);
  writeReport(body);
  const head = new ScriptWriter(lang);
  writePreamble(head, sc, fileName, warnings);
  return { fileName, script: [...head.lines, ...body.lines].join('\n') + '\n', warnings };
}
