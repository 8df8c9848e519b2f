/**
 * The rows that judge a path-manager scenario, simulator against stored kernel runs: the `npm run compare`
 * rows (compare-rows.ts) with the 4-tuple rows keyed by the subflow's initiator, plus the `ip mptcp monitor`
 * event sequence of each side; and the three kinds of row the fidelity tests judge differently (structural:
 * exact; macro: byte share, duration, goodput; traffic volume). Used by pm-vs-kernel.test.ts and
 * join-vs-kernel.test.ts.
 */
import { compareRuns, fourTupleKey, orderedSubflows, subflowsInOrderOf, VOLUME_COUNTERS, type CompareRow, type Summary } from './compare-rows';

export const rowId = (r: CompareRow) => `${r.group} · ${r.name}`;

/** Linux's ephemeral ports start at 32768 (ip_local_port_range); lower ports are the scenario's own. */
const port = (p: unknown) => (Number(p) < 32768 ? String(p) : '*');

/**
 * A subflow's 4-tuple with the *initiator's* port masked. compare-rows' fourTupleKey masks the client
 * port, which is the fixed (listening) one when the server opens the subflow, and keeps the server's
 * ephemeral port — a row no two kernel runs agree on. This key is used for the 4-tuple rows instead.
 */
export function fourTuple(sf: any): string {
  const ft = sf.four_tuple ?? {};
  return sf.initiator === 'server' ? `${ft.server_ip}:* → ${ft.client_ip}:${ft.client_port} (server)` : `${ft.client_ip}:* → ${ft.server_ip}:${ft.server_port} (client)`;
}

/** One `ip mptcp monitor` event without time, token and ephemeral ports. */
export function pmEventKey(e: Record<string, string>): string {
  const parts = [e.type];
  if (e.remid !== undefined) parts.push(`rem ${e.remid}`);
  if (e.locid !== undefined) parts.push(`loc ${e.locid}`);
  if (e.saddr4 !== undefined) parts.push(`${e.saddr4}:${port(e.sport)}`);
  if (e.daddr4 !== undefined) parts.push(`→ ${e.daddr4}:${port(e.dport)}`);
  if (e.backup !== undefined) parts.push(`backup ${e.backup}`);
  return parts.join(' ');
}

export function pmEventSequence(s: Summary, side: 'client' | 'server'): string {
  return (s.pm_events?.[side] ?? []).map(pmEventKey).join(' | ');
}

export function exact(group: string, name: string, kernel: string[], sim: string[]): CompareRow {
  const show = (v: string[]) => ([...new Set(v)].length === 1 ? v[0] : [...new Set(v)].join(' || '));
  return { group, name, kernel: show(kernel), sim: show(sim), verdict: sim.every((v) => kernel.includes(v)) ? 'pass' : 'FAIL', rule: 'exact' };
}

/** The compare rows with the 4-tuple rows keyed by fourTuple(), plus the PM event rows. */
export function rowsFor(kernel: Summary[], sim: Summary[]): CompareRow[] {
  // the subflows paired as compareRuns pairs them (by 4-tuple with the first kernel run's)
  const reference = orderedSubflows(kernel[0]).map(fourTupleKey);
  const rows = compareRuns(kernel, sim).map((r) => {
    const m = /^#(\d+) 4-tuple$/.exec(r.name);
    if (r.group !== 'subflows' || !m) return r;
    const at = (s: Summary) => {
      const sf = subflowsInOrderOf(s, reference)[Number(m[1])];
      return sf ? fourTuple(sf) : 'absent';
    };
    return exact('subflows', r.name, kernel.map(at), sim.map(at));
  });
  for (const side of ['client', 'server'] as const) rows.push(exact('pm events', side, kernel.map((k) => pmEventSequence(k, side)), sim.map((s) => pmEventSequence(s, side))));
  return rows;
}

export const isVolumeRow = (r: CompareRow) => (r.group.startsWith('MPTcpExt') && VOLUME_COUNTERS.has(r.name)) || (r.group === 'options' && r.name === 'DSS') || rowId(r) === 'macro · longest stall (s)';
export const isMacroRow = (r: CompareRow) => (r.group === 'subflows' && r.name.endsWith('byte share')) || rowId(r) === 'macro · duration_s' || rowId(r) === 'macro · goodput_mbit';
export const isStructuralRow = (r: CompareRow) => !isVolumeRow(r) && !isMacroRow(r);
