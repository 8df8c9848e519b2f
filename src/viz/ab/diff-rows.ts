/**
 * The A/B difference summary (issue 6 item 9): two `kernel-ref-summary/1` objects of variants of one
 * scenario (two simulated runs, or a simulated run and a real kernel run) turned into rows with a
 * verdict each. The values are read with the row definitions of `npm run compare`
 * (src/core/export/compare-rows.ts: longest stall, subflow order, 4-tuples, signals, MPTcpExt), so
 * the page and the command line read a summary the same way.
 *
 * Verdicts: completion time, goodput and longest stall have a better direction (lower, higher,
 * lower): `better` / `worse` for B against A, `same` when both show the same value at the table's
 * precision. Everything else (subflows, bytes per subflow and per path, signals, counters) is
 * `same` or `differs`. Row labels are i18n keys (src/i18n/features/ab.*.ts) with parameters; values
 * are language-neutral text (numbers with SI units, 4-tuples, counter names).
 */
import {
  dataDirection,
  fourTupleKey,
  longestStall,
  mptcpExt,
  orderedSubflows,
  signalsOf,
  SIGNAL_KINDS,
  type CompareSummary,
} from '../../core/export/compare-rows';

export type AbVerdict = 'same' | 'better' | 'worse' | 'differs';
export type AbGroup = 'macro' | 'subflows' | 'paths' | 'signals' | 'counters';

export interface AbRow {
  /** Stable id (tests, data-testid): `macro.duration`, `subflow.0`, `counter.client.MPJoinSynRx`… */
  id: string;
  group: AbGroup;
  /** i18n key of the row label and its parameters. */
  label: string;
  params: Record<string, string | number>;
  /** The numeric values when the row is numeric (null: absent in that run). */
  a: number | null;
  b: number | null;
  aText: string;
  bText: string;
  /** B − A, with the relative change for numeric rows; '' when not numeric or either is absent. */
  delta: string;
  verdict: AbVerdict;
}

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Fixed-precision text of a value (null → em dash); integers without decimals. */
export function fmtValue(v: number | null, digits: number, unit: string): string {
  if (v === null) return '—';
  const s = digits === 0 ? String(Math.round(v)) : v.toFixed(digits);
  return unit ? `${s} ${unit}` : s;
}

function deltaText(a: number | null, b: number | null, digits: number, unit: string): string {
  if (a === null || b === null) return '';
  const d = Number((b - a).toFixed(digits));
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = fmtValue(Math.abs(d), digits, unit);
  const rel = a !== 0 ? ` (${sign}${Math.abs(((b - a) / a) * 100).toFixed(1)} %)` : '';
  return `${sign}${abs}${d === 0 ? '' : rel}`;
}

function numericRow(
  id: string,
  group: AbGroup,
  label: string,
  params: Record<string, string | number>,
  a: number | null,
  b: number | null,
  digits: number,
  unit: string,
  better: 'lower' | 'higher' | null,
): AbRow {
  const aText = fmtValue(a, digits, unit);
  const bText = fmtValue(b, digits, unit);
  let verdict: AbVerdict;
  if (aText === bText) verdict = 'same';
  else if (better === null || a === null || b === null) verdict = 'differs';
  else verdict = (better === 'lower' ? b < a : b > a) ? 'better' : 'worse';
  return { id, group, label, params, a, b, aText, bText, delta: deltaText(a, b, digits, unit), verdict };
}

function textRow(id: string, group: AbGroup, label: string, params: Record<string, string | number>, aText: string, bText: string): AbRow {
  return { id, group, label, params, a: null, b: null, aText, bText, delta: '', verdict: aText === bText ? 'same' : 'differs' };
}

/** Payload bytes of each subflow in the data direction, in SYN order. */
function subflowBytes(s: CompareSummary): number[] {
  const dir = dataDirection(s);
  return orderedSubflows(s).map((sf) => num(sf.payload_bytes?.[dir]) ?? 0);
}

/** Payload bytes in the data direction per path id. */
function pathBytes(s: CompareSummary): Map<number, number> {
  const dir = dataDirection(s);
  const out = new Map<number, number>();
  for (const sf of arr(s.subflows)) {
    const p = num(sf.path);
    if (p === null) continue;
    out.set(p, (out.get(p) ?? 0) + (num(sf.payload_bytes?.[dir]) ?? 0));
  }
  return out;
}

/**
 * The difference rows of run B against run A. `directional: false` (a real kernel run against the
 * simulated one: neither is a variant to prefer) judges every row `same` / `differs`.
 */
export function abRows(a: CompareSummary, b: CompareSummary, opts: { directional?: boolean } = {}): AbRow[] {
  const rows: AbRow[] = [];
  const dirn = (d: 'lower' | 'higher'): 'lower' | 'higher' | null => (opts.directional === false ? null : d);
  rows.push(numericRow('macro.duration', 'macro', 'abRowDuration', {}, num(a.app?.duration_s), num(b.app?.duration_s), 3, 's', dirn('lower')));
  rows.push(numericRow('macro.goodput', 'macro', 'abRowGoodput', {}, num(a.app?.goodput_mbit), num(b.app?.goodput_mbit), 3, 'Mbit/s', dirn('higher')));
  rows.push(numericRow('macro.stall', 'macro', 'abRowStall', {}, longestStall(a), longestStall(b), 3, 's', dirn('lower')));

  const sa = orderedSubflows(a);
  const sb = orderedSubflows(b);
  rows.push(numericRow('subflows.count', 'subflows', 'abRowSubflowCount', {}, sa.length, sb.length, 0, '', null));
  rows.push(textRow('subflows.kinds', 'subflows', 'abRowSubflowKinds', {}, sa.map((x) => x.kind).join(', ') || '—', sb.map((x) => x.kind).join(', ') || '—'));
  const ba = subflowBytes(a);
  const bb = subflowBytes(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const tuple = fourTupleKey(sa[i] ?? sb[i]);
    rows.push(numericRow(`subflow.${i}`, 'subflows', 'abRowSubflowBytes', { n: i, tuple }, i < ba.length ? ba[i] : null, i < bb.length ? bb[i] : null, 0, 'B', null));
  }
  const pa = pathBytes(a);
  const pb = pathBytes(b);
  for (const p of [...new Set([...pa.keys(), ...pb.keys()])].sort((x, y) => x - y)) {
    rows.push(numericRow(`path.${p}`, 'paths', 'abRowPathBytes', { path: p }, pa.get(p) ?? 0, pb.get(p) ?? 0, 0, 'B', null));
  }

  for (const kind of SIGNAL_KINDS) {
    const na = signalsOf(a, kind).length;
    const nb = signalsOf(b, kind).length;
    if (na === 0 && nb === 0) continue;
    rows.push(numericRow(`signal.${kind}`, 'signals', 'abRowSignal', { kind }, na, nb, 0, '', null));
  }

  for (const side of ['client', 'server'] as const) {
    const ca = mptcpExt(a, side);
    const cb = mptcpExt(b, side);
    for (const name of [...new Set([...Object.keys(ca), ...Object.keys(cb)])].sort()) {
      rows.push(numericRow(`counter.${side}.${name}`, 'counters', 'abRowCounter', { side, name }, ca[name] ?? 0, cb[name] ?? 0, 0, '', null));
    }
  }
  return rows;
}

/** Counts of rows per verdict (for the caption and tests). */
export function verdictCounts(rows: readonly AbRow[]): Record<AbVerdict, number> {
  const out: Record<AbVerdict, number> = { same: 0, better: 0, worse: 0, differs: 0 };
  for (const r of rows) out[r.verdict]++;
  return out;
}
