/**
 * The rows of `npm run compare` (scripts/compare.ts) and of the page's A/B view against a real
 * kernel run (src/ui/components/ABCompare.svelte): one real-kernel run set and one simulator run
 * set of the same scenario, both as `kernel-ref-summary/1` objects, turned into a side-by-side table
 * with a verdict per row. The fidelity tests use the same rows (mptcp-vs-kernel.test.ts), so the
 * command line and the tests judge by one definition.
 *
 * Rules (issue 4's acceptance, design.md §6):
 *   - exact: status, MPTCP use, subflow count, kinds, 4-tuple addresses (client port is ephemeral and
 *     not compared), address ids and backup bits, handshake packets, non-DSS option counts, signals
 *     (ADD_ADDR / echo / REMOVE_ADDR / MP_PRIO / MP_FAIL / MP_FASTCLOSE / MP_TCPRST), MPTcpExt counters;
 *   - ±30 %: traffic-volume counters (VOLUME_COUNTERS), the DSS option count, the longest stall;
 *   - ±20 points: each subflow's share of the payload bytes in the data direction;
 *   - ±20 %: completion time (`app.duration_s`) and goodput.
 * With several runs per side, an exact row passes when every simulator run shows a value that some
 * kernel run showed; a numeric row compares the means, and also passes when the simulator mean lies
 * inside the range the kernel runs spread over.
 */

/** A `kernel-ref-summary/1` object as read from JSON (a real kernel's or the simulator's). */
export type CompareSummary = Record<string, any>;
export type Verdict = 'pass' | 'FAIL';

export interface CompareRow {
  /** Row group: run, subflows, handshake, options, signals, MPTcpExt client/server, macro. */
  group: string;
  name: string;
  kernel: string;
  sim: string;
  verdict: Verdict;
  /** The rule applied, e.g. "exact", "±20 %". */
  rule: string;
}

/** MPTcpExt counters that count traffic (segments, windows), compared within ±30 %. */
export const VOLUME_COUNTERS: ReadonlySet<string> = new Set([
  'OFOQueue',
  'OFOQueueTail',
  'OFOMerge',
  'DuplicateData',
  'RcvWndShared',
  'SndWndShared',
  'RcvPruned',
  'MPTCPRetrans',
]);

export const TOLERANCES = {
  volumeCounterRel: 0.3,
  dssRel: 0.3,
  bytesSharePoints: 20,
  durationRel: 0.2,
  goodputRel: 0.2,
  stallRel: 0.3,
} as const;

export const SIGNAL_KINDS = ['ADD_ADDR', 'ADD_ADDR echo', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'] as const;

type Dir = 'c2s' | 's2c';

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function dataDirection(s: CompareSummary): Dir {
  return s.data_direction ?? (s.app?.direction === 'download' ? 's2c' : 'c2s');
}

/** Subflows in the order their first SYN was seen (the capture's stream order). */
export function orderedSubflows(s: CompareSummary): any[] {
  return [...arr(s.subflows)].sort((a, b) => (num(a.first_syn_t) ?? Infinity) - (num(b.first_syn_t) ?? Infinity) || a.stream - b.stream);
}

/**
 * The subflows of `s` paired with a reference order of 4-tuple keys (the first kernel run's subflows in SYN
 * order): each subflow takes the first unused reference position with its key, and subflows the reference
 * lacks follow in their own SYN order. Row "#i" of the comparison is then the kernel's i-th subflow in every
 * run: subflows one path-manager decision opens together race each other over different paths (fullmesh: the
 * kernel's SYNs arrive a few ms apart in whatever order the paths' queues allow), so SYN order alone would
 * pair different subflows.
 */
export function subflowsInOrderOf(s: CompareSummary, reference: readonly string[]): any[] {
  const own = orderedSubflows(s);
  const slot = new Array<any>(reference.length).fill(undefined);
  const rest: any[] = [];
  for (const sf of own) {
    const key = fourTupleKey(sf);
    const i = reference.findIndex((k, j) => k === key && slot[j] === undefined);
    if (i >= 0) slot[i] = sf;
    else rest.push(sf);
  }
  // positions of the reference this run lacks are filled by its unmatched subflows, in SYN order
  for (let j = 0; j < slot.length && rest.length > 0; j++) if (slot[j] === undefined) slot[j] = rest.shift();
  return [...slot.filter((x) => x !== undefined), ...rest];
}

/** "10.0.2.1:* → 10.0.1.2:5201 (client)": the client port is ephemeral, so it is not part of it. */
export function fourTupleKey(sf: any): string {
  const ft = sf.four_tuple ?? {};
  return `${ft.client_ip}:* → ${ft.server_ip}:${ft.server_port} (${sf.initiator})`;
}

export function addressIdsKey(sf: any): string {
  const j = sf.join;
  if (!j) return sf.kind === 'MP_CAPABLE' ? 'id 0 (initial)' : '—';
  return `ids ${j.initiator_addr_id}/${j.responder_addr_id} backup ${j.backup_requested_by_initiator ? 1 : 0}/${j.backup_requested_by_responder ? 1 : 0}`;
}

/**
 * One handshake packet without its random fields (keys, nonces, HMACs, tokens, sequence numbers):
 * direction, TCP flags, TCP payload length, MSS option, MPTCP subtypes and the option fields that
 * the protocol fixes (version, flags — which hold the checksum and HMAC bits —, addr_id, backup,
 * data_level_length).
 */
export function handshakePacketKey(p: any): string {
  const m = p.mptcp ?? {};
  const fields: string[] = [];
  for (const k of ['version', 'flags', 'addr_id', 'backup', 'data_level_length']) {
    if (m[k] !== undefined && m[k] !== null) fields.push(`${k}=${m[k]}`);
  }
  const present = ['sender_key', 'receiver_key', 'receiver_token', 'sender_nonce', 'sender_truncated_hmac', 'sender_hmac', 'data_ack', 'dsn'].filter((k) => m[k] !== undefined && m[k] !== null);
  if (present.length > 0) fields.push(`has ${present.join('+')}`);
  const mss = p.tcp_mss !== undefined && p.tcp_mss !== null ? ` mss=${p.tcp_mss}` : '';
  return `${p.dir} ${p.tcp_flags} len=${p.tcp_len}${mss} [${arr(p.mptcp_subtypes).join(',')}${fields.length ? ' ' + fields.join(' ') : ''}]`;
}

/**
 * Every handshake of a summary as `kind: packet; packet; …`, in stream order — or, given its subflows in
 * a chosen order (subflowsInOrderOf), in the order of the subflows they belong to.
 */
export function handshakeKeys(s: CompareSummary, subflows?: readonly any[]): string[] {
  const pos = new Map<number, number>((subflows ?? []).map((sf, i) => [sf.stream, i]));
  const at = (h: any) => pos.get(h.stream) ?? subflows?.length ?? 0;
  return [...arr(s.handshakes)].sort((a, b) => at(a) - at(b) || a.stream - b.stream).map((h) => `${h.kind}: ${arr(h.packets).map(handshakePacketKey).join(' ; ')}`);
}

/** The signal's kind in SIGNAL_KINDS terms (an ADD_ADDR with E=1 is an echo). */
function signalKinds(sig: any): string[] {
  return arr(sig.subtypes)
    .filter((t: string) => t !== 'DSS')
    .map((t: string) => (t === 'ADD_ADDR' && String(sig.echo) === '1' ? 'ADD_ADDR echo' : t));
}

/** One signal without time, frame and HMAC: "sf1 c2s id=1 10.0.2.2 backup=1". */
export function signalKey(sig: any, kind: string): string {
  const parts = [`sf${sig.stream}`, sig.dir];
  if (kind.startsWith('ADD_ADDR') || kind === 'REMOVE_ADDR') parts.push(`id=${sig.addr_id}`);
  if (sig.ipv4 !== undefined && sig.ipv4 !== null) parts.push(String(sig.ipv4) + (sig.port ? `:${sig.port}` : ''));
  if (kind === 'REMOVE_ADDR' && sig.rm_count !== undefined) parts.push(`count=${sig.rm_count}`);
  if (kind === 'MP_PRIO') parts.push(`backup=${sig.backup}`);
  if (kind === 'MP_TCPRST') parts.push(`reason=${sig.rst_reason}`);
  return parts.join(' ');
}

export function signalsOf(s: CompareSummary, kind: string): string[] {
  const out: string[] = [];
  for (const sig of arr(s.mptcp_signals)) for (const k of signalKinds(sig)) if (k === kind) out.push(signalKey(sig, k));
  return out;
}

export function mptcpExt(s: CompareSummary, side: 'client' | 'server'): Record<string, number> {
  const c = s.kernel_counters?.[side]?.MPTcpExt ?? {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(c)) if (typeof v === 'number' && v !== 0) out[k] = v;
  return out;
}

/** Each subflow's share (0–100) of the payload bytes in the data direction, in SYN order (or the order given). */
export function byteShares(s: CompareSummary, subflows: readonly any[] = orderedSubflows(s)): number[] {
  const dir = dataDirection(s);
  const bytes = subflows.map((sf) => num(sf.payload_bytes?.[dir]) ?? 0);
  const total = bytes.reduce((a, b) => a + b, 0);
  return bytes.map((b) => (total > 0 ? (100 * b) / total : 0));
}

/** The longest pause in data delivery (data_gaps_top), seconds. */
export function longestStall(s: CompareSummary): number | null {
  const gaps = arr(s.data_gaps_top).map((g) => num(g.gap_s)).filter((g): g is number => g !== null);
  return gaps.length ? Math.max(...gaps) : null;
}

function mean(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function fmtNum(x: number | null, digits = 4): string {
  if (x === null) return '—';
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

function showValues(values: string[]): string {
  const distinct = [...new Set(values)];
  if (distinct.length <= 1) return distinct[0] ?? '—';
  return `${distinct.join(' | ')} (${values.length} runs)`;
}

/** Exact row: every sim run's value must be one some kernel run showed. */
function exactRow(group: string, name: string, kernel: string[], sim: string[]): CompareRow {
  const ok = sim.length > 0 && sim.every((v) => kernel.includes(v));
  return { group, name, kernel: showValues(kernel), sim: showValues(sim), verdict: ok ? 'pass' : 'FAIL', rule: 'exact' };
}

/** Range of the values, or null when there are none. */
function range(xs: (number | null)[]): [number, number] | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? [Math.min(...v), Math.max(...v)] : null;
}

/**
 * Numeric row: the simulator mean within ±rel of the kernel mean, or inside the range the kernel
 * runs themselves spread over (with several kernel runs that disagree, e.g. a counter that moves in
 * some runs only).
 */
function relRow(group: string, name: string, kernel: (number | null)[], sim: (number | null)[], rel: number, digits = 4): CompareRow {
  const k = mean(kernel);
  const s = mean(sim);
  const kr = range(kernel);
  const inRange = kr !== null && s !== null && kr[0] !== kr[1] && s >= kr[0] && s <= kr[1];
  const ok = k !== null && s !== null && (inRange || (k === 0 ? s === 0 : Math.abs(s - k) <= rel * Math.abs(k) + 1e-12));
  const diff = k !== null && s !== null && k !== 0 ? ` (${s >= k ? '+' : ''}${(((s - k) / k) * 100).toFixed(1)} %)` : '';
  const spread = kr !== null && kr[0] !== kr[1] ? ` (${fmtNum(kr[0], digits)}–${fmtNum(kr[1], digits)})` : '';
  return { group, name, kernel: fmtNum(k, digits) + spread, sim: fmtNum(s, digits) + diff, verdict: ok ? 'pass' : 'FAIL', rule: `±${Math.round(rel * 100)} %` };
}

function pointsRow(group: string, name: string, kernel: (number | null)[], sim: (number | null)[], points: number): CompareRow {
  const k = mean(kernel);
  const s = mean(sim);
  const ok = k !== null && s !== null && Math.abs(s - k) <= points + 1e-9;
  const show = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} %`);
  return { group, name, kernel: show(k), sim: show(s), verdict: ok ? 'pass' : 'FAIL', rule: `±${points} points` };
}

const OPTION_KINDS = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'];

/** The comparison table of kernel runs against simulator runs of one scenario. */
export function compareRuns(kernelRuns: CompareSummary[], simRuns: CompareSummary[]): CompareRow[] {
  if (kernelRuns.length === 0 || simRuns.length === 0) throw new Error('compareRuns needs at least one kernel run and one simulator run');
  const rows: CompareRow[] = [];
  const both = <T>(f: (s: CompareSummary) => T): [T[], T[]] => [kernelRuns.map(f), simRuns.map(f)];
  const exact = (group: string, name: string, f: (s: CompareSummary) => string) => rows.push(exactRow(group, name, ...both(f)));

  exact('run', 'status', (s) => `${s.result?.status ?? '?'}, stream_equal=${s.app?.stream_equal}`);
  exact('run', 'MPTCP used (client/server)', (s) => {
    const u = s.app?.mptcp_used ?? {};
    const fb = arr(s.connections).map((c) => (c.fallback ? 'fallback' : 'mptcp'));
    return `${u.client}/${u.server} connections: ${fb.join(',') || 'none'}`;
  });

  exact('subflows', 'count', (s) => String(arr(s.subflows).length));
  // every run's subflows paired with the first kernel run's by 4-tuple (subflowsInOrderOf)
  const reference = orderedSubflows(kernelRuns[0]).map(fourTupleKey);
  const paired = new Map<CompareSummary, any[]>();
  const sfs = (s: CompareSummary) => {
    let v = paired.get(s);
    if (v === undefined) paired.set(s, (v = subflowsInOrderOf(s, reference)));
    return v;
  };
  exact('subflows', 'kinds', (s) => sfs(s).map((sf) => sf.kind).join(', ') || 'none');
  const nSub = Math.max(...kernelRuns.map((s) => arr(s.subflows).length), ...simRuns.map((s) => arr(s.subflows).length));
  for (let i = 0; i < nSub; i++) {
    const sfAt = (s: CompareSummary) => sfs(s)[i];
    exact('subflows', `#${i} 4-tuple`, (s) => (sfAt(s) ? fourTupleKey(sfAt(s)) : 'absent'));
    exact('subflows', `#${i} address ids`, (s) => (sfAt(s) ? addressIdsKey(sfAt(s)) : 'absent'));
    rows.push(pointsRow('subflows', `#${i} byte share`, ...both((s) => byteShares(s, sfs(s))[i] ?? null), TOLERANCES.bytesSharePoints));
  }

  const nHs = Math.max(...kernelRuns.map((s) => arr(s.handshakes).length), ...simRuns.map((s) => arr(s.handshakes).length));
  for (let i = 0; i < nHs; i++) exact('handshake', `#${i} packets`, (s) => handshakeKeys(s, sfs(s))[i] ?? 'absent');

  for (const kind of OPTION_KINDS) {
    const [k, s] = both((x) => num(x.option_counts_total?.[kind]) ?? 0);
    if (kind === 'DSS') rows.push(relRow('options', kind, k, s, TOLERANCES.dssRel, 1));
    else if (k.some((v) => v !== 0) || s.some((v) => v !== 0)) rows.push(exactRow('options', kind, k.map(String), s.map(String)));
  }

  for (const kind of SIGNAL_KINDS) {
    const [k, s] = both((x) => signalsOf(x, kind));
    if (['MP_FAIL', 'MP_FASTCLOSE'].includes(kind) && k.every((v) => v.length === 0) && s.every((v) => v.length === 0)) continue;
    const show = (v: string[]) => (v.length ? `${v.length}: ${v.join('; ')}` : 'none');
    rows.push(exactRow('signals', kind, k.map(show), s.map(show)));
  }

  for (const side of ['client', 'server'] as const) {
    const [k, s] = both((x) => mptcpExt(x, side));
    const names = [...new Set([...k, ...s].flatMap((c) => Object.keys(c)))].sort();
    for (const name of names) {
      const kv = k.map((c) => c[name] ?? 0);
      const sv = s.map((c) => c[name] ?? 0);
      if (VOLUME_COUNTERS.has(name)) rows.push(relRow(`MPTcpExt ${side}`, name, kv, sv, TOLERANCES.volumeCounterRel, 1));
      else rows.push(exactRow(`MPTcpExt ${side}`, name, kv.map(String), sv.map(String)));
    }
    if (names.length === 0) rows.push(exactRow(`MPTcpExt ${side}`, '(none moved)', ['—'], s.map(() => '—')));
  }

  rows.push(relRow('macro', 'duration_s', ...both((s) => num(s.app?.duration_s)), TOLERANCES.durationRel));
  rows.push(relRow('macro', 'goodput_mbit', ...both((s) => num(s.app?.goodput_mbit)), TOLERANCES.goodputRel, 3));
  rows.push(relRow('macro', 'longest stall (s)', ...both(longestStall), TOLERANCES.stallRel));
  return rows;
}

export function allRowsPass(rows: readonly CompareRow[]): boolean {
  return rows.every((r) => r.verdict === 'pass');
}

/** The table as fixed-width text; long cells are wrapped at `width` characters. */
export function formatRows(rows: readonly CompareRow[], opts: { width?: number } = {}): string {
  const width = opts.width ?? 60;
  const wrap = (s: string): string[] => {
    const out: string[] = [];
    let rest = s;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) cut = width;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    out.push(rest);
    return out;
  };
  const header = { row: 'row', kernel: 'kernel', sim: 'sim', rule: 'rule', verdict: 'verdict' };
  const cells = rows.map((r) => ({ row: `${r.group} · ${r.name}`, kernel: wrap(r.kernel), sim: wrap(r.sim), rule: r.rule, verdict: r.verdict }));
  const wRow = Math.max(header.row.length, ...cells.map((c) => c.row.length));
  const wK = Math.max(header.kernel.length, ...cells.flatMap((c) => c.kernel.map((l) => l.length)));
  const wS = Math.max(header.sim.length, ...cells.flatMap((c) => c.sim.map((l) => l.length)));
  const wRule = Math.max(header.rule.length, ...cells.map((c) => c.rule.length));
  const line = (a: string, b: string, c: string, d: string, e: string) => `${a.padEnd(wRow)}  ${b.padEnd(wK)}  ${c.padEnd(wS)}  ${d.padEnd(wRule)}  ${e}`.trimEnd();
  const out = [line(header.row, header.kernel, header.sim, header.rule, header.verdict), line('-'.repeat(wRow), '-'.repeat(wK), '-'.repeat(wS), '-'.repeat(wRule), '-------')];
  for (const c of cells) {
    const n = Math.max(c.kernel.length, c.sim.length);
    for (let i = 0; i < n; i++) out.push(i === 0 ? line(c.row, c.kernel[0] ?? '', c.sim[0] ?? '', c.rule, c.verdict) : line('', c.kernel[i] ?? '', c.sim[i] ?? '', '', ''));
  }
  const failed = rows.filter((r) => r.verdict !== 'pass').length;
  out.push('', `${rows.length - failed}/${rows.length} rows pass${failed ? `, ${failed} FAIL` : ''}`);
  return out.join('\n');
}
