/**
 * Grading (design.md §3: "grading an exercise is evaluating a predicate over the trace"): a
 * configure exercise over the learner's run (its checks, and the locked parts of the scenario
 * unchanged); a predict/fill/classify exercise over the learner's answers compared with the run of
 * the start scenario. Pure; the page and the tests call the same functions.
 */
import { metricValue, type MetricValue, type RunView } from './metrics';
import { getPointer } from './variant';
import type { Answer, CompareOp, Exercise, Grade } from './types';
import type { Scenario } from '../scenario/types';

function compare(got: MetricValue, op: CompareOp, want: number | boolean | string): boolean {
  if (got === null) return false;
  switch (op) {
    case '==':
      return got === want;
    case '!=':
      return got !== want;
    case '>=':
      return typeof got === 'number' && typeof want === 'number' && got >= want;
    case '<=':
      return typeof got === 'number' && typeof want === 'number' && got <= want;
    case '>':
      return typeof got === 'number' && typeof want === 'number' && got > want;
    case '<':
      return typeof got === 'number' && typeof want === 'number' && got < want;
  }
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

/** Deep equality of JSON values (key order ignored). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Grade a configure exercise: `run` is the learner's run (its scenario: the start scenario plus the
 * learner's changes, validated), `start` the validated start scenario of the learner's variant.
 * Locked parts are compared on the validated forms, so writing a default out does not count as a change.
 */
export function gradeConfigure(ex: Exercise, run: RunView, start: Scenario): Grade {
  const items: Grade['items'] = [];
  for (const p of ex.goal?.locked ?? []) {
    const same = sameJson(getPointer(run.scenario, p), getPointer(start, p));
    items.push({ id: `locked:${p}`, pass: same, expected: 'unchanged', got: same ? 'unchanged' : 'changed' });
  }
  (ex.goal?.checks ?? []).forEach((c, i) => {
    const got = metricValue(c.metric, run);
    items.push({ id: `check:${i}`, pass: compare(got, c.op, c.value), expected: `${c.metric} ${c.op} ${show(c.value)}`, got: show(got) });
  });
  return { pass: items.every((i) => i.pass), items };
}

/** A packet field as a number, whatever way it is written (0x-hex, decimal, dotted quad stays text). */
function fieldValue(v: string): bigint | string {
  const s = v.trim().toLowerCase();
  if (/^0x[0-9a-f]+$/.test(s)) return BigInt(s);
  if (/^[0-9]+$/.test(s)) return BigInt(s);
  if (/^[0-9a-f]+$/.test(s) && /[a-f]/.test(s)) return BigInt(`0x${s}`);
  return s;
}

/** Is `given` (what the learner typed or chose) right for `answer` on this run? */
export function answerRight(answer: Answer, given: string, run: RunView): { pass: boolean; expected: string } {
  const want = metricValue(answer.metric, run);
  if (want === null) return { pass: false, expected: '—' };
  switch (answer.kind) {
    case 'number': {
      const n = Number(given.trim().replace(',', '.'));
      if (given.trim() === '' || !Number.isFinite(n) || typeof want !== 'number') return { pass: false, expected: show(want) };
      const tol = Math.max(answer.tolerance ?? 0, ((answer.tolerance_pct ?? 0) / 100) * Math.abs(want));
      return { pass: Math.abs(n - want) <= tol + 1e-9, expected: show(want) };
    }
    case 'choice': {
      const opt = answer.options.find((o) => String(o.value) === given);
      return { pass: opt !== undefined && opt.value === want, expected: show(want) };
    }
    case 'field': {
      if (given.trim() === '') return { pass: false, expected: show(want) };
      return { pass: fieldValue(given) === fieldValue(String(want)), expected: show(want) };
    }
  }
}

/** Grade a predict/fill/classify exercise: `answers` by question id, `run` the run of the start scenario. */
export function gradeAnswers(ex: Exercise, answers: Record<string, string>, run: RunView): Grade {
  const items = (ex.questions ?? []).map((q) => {
    const given = answers[q.id] ?? '';
    const r = answerRight(q.answer, given, run);
    return { id: q.id, pass: r.pass, expected: r.expected, got: given === '' ? '—' : given };
  });
  return { pass: items.length > 0 && items.every((i) => i.pass), items };
}

/** The right answers on a run (the "solution" of a question exercise is computed, never stored). */
export function solutionAnswers(ex: Exercise, run: RunView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of ex.questions ?? []) {
    const v = metricValue(q.answer.metric, run);
    out[q.id] = v === null ? '' : String(v);
  }
  return out;
}
