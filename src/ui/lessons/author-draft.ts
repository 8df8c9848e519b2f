/**
 * The authoring form's state (plain strings, as the inputs hold them) and its translation to and from
 * an exercise file. Pure, so it is unit-tested; the exercise it builds is checked by validateExercise
 * like any other file.
 */
import { EXERCISE_FORMAT, type CompareOp, type Exercise, type ExerciseKind } from '../../core/exercise';

export interface DraftCheck {
  metric: string;
  op: CompareOp;
  value: string;
  en: string;
  zh: string;
}

export interface DraftQuestion {
  id: string;
  en: string;
  zh: string;
  kind: 'number' | 'choice' | 'field';
  metric: string;
  /** number: absolute ("0.5") or relative ("20%"). */
  tolerance: string;
  /** number: the unit shown after the field (optional). */
  unit: string;
  /** choice: one option per line, `value | English | 中文`. */
  options: string;
}

export interface Draft {
  id: string;
  kind: ExerciseKind;
  titleEn: string;
  titleZh: string;
  taskEn: string;
  taskZh: string;
  views: string[];
  scenario: string;
  checks: DraftCheck[];
  locked: string[];
  questions: DraftQuestion[];
  hints: { en: string; zh: string }[];
  commands: string;
  explanationEn: string;
  explanationZh: string;
}

export const LOCKABLE = ['/paths', '/app', '/client', '/server', '/events', '/sim'] as const;

export function emptyDraft(scenario = ''): Draft {
  return {
    id: '90-my-exercise',
    kind: 'configure',
    titleEn: '',
    titleZh: '',
    taskEn: '',
    taskZh: '',
    views: ['timeline', 'topology', 'console'],
    scenario,
    checks: [{ metric: 'joins', op: '>=', value: '1', en: '', zh: '' }],
    locked: ['/paths', '/app'],
    questions: [{ id: 'q1', en: '', zh: '', kind: 'number', metric: 'subflows', tolerance: '0', unit: '', options: '' }],
    hints: [{ en: '', zh: '' }],
    commands: '',
    explanationEn: '',
    explanationZh: '',
  };
}

/** A typed value from a form field: true/false, a number, else the text. */
export function parseValue(s: string): number | boolean | string {
  const t = s.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

function parseOptions(text: string): { value: number | boolean | string; text: { en: string; zh: string } }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [v = '', en = '', zh = ''] = l.split('|').map((x) => x.trim());
      return { value: parseValue(v), text: { en, zh } };
    });
}

/** The exercise file the draft describes (validate it with validateExercise); the scenario's JSON error as a string. */
export function draftToExercise(d: Draft): { exercise: Record<string, unknown>; scenarioError: string | null } {
  let scenario: unknown = null;
  let scenarioError: string | null = null;
  try {
    scenario = JSON.parse(d.scenario);
  } catch (e) {
    scenarioError = (e as Error).message;
  }
  const ex: Record<string, unknown> = {
    format: EXERCISE_FORMAT,
    id: d.id.trim(),
    kind: d.kind,
    title: { en: d.titleEn, zh: d.titleZh },
    task: { en: d.taskEn, zh: d.taskZh },
    scenario,
    views: d.views,
    hints: d.hints.map((h) => ({ en: h.en, zh: h.zh })),
    solution: { explanation: { en: d.explanationEn, zh: d.explanationZh } },
  };
  if (d.kind === 'configure') {
    ex.goal = { checks: d.checks.map((c) => ({ metric: c.metric.trim(), op: c.op, value: parseValue(c.value), text: { en: c.en, zh: c.zh } })), locked: [...d.locked] };
    (ex.solution as Record<string, unknown>).commands = d.commands
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  } else {
    ex.questions = d.questions.map((q) => {
      const answer: Record<string, unknown> = { kind: q.kind, metric: q.metric.trim() };
      if (q.kind === 'number') {
        const tol = q.tolerance.trim();
        if (tol.endsWith('%')) answer.tolerance_pct = Number(tol.slice(0, -1));
        else answer.tolerance = Number(tol || '0');
        if (q.unit.trim() !== '') answer.unit = q.unit.trim();
      }
      if (q.kind === 'choice') answer.options = parseOptions(q.options);
      return { id: q.id.trim(), prompt: { en: q.en, zh: q.zh }, answer };
    });
  }
  return { exercise: ex, scenarioError };
}

/** The form state for an existing exercise (to edit a file). */
export function exerciseToDraft(ex: Exercise): Draft {
  return {
    id: ex.id,
    kind: ex.kind,
    titleEn: ex.title.en,
    titleZh: ex.title.zh,
    taskEn: ex.task.en,
    taskZh: ex.task.zh,
    views: [...ex.views],
    scenario: `${JSON.stringify(ex.scenario, null, 2)}\n`,
    checks: (ex.goal?.checks ?? []).map((c) => ({ metric: c.metric, op: c.op, value: String(c.value), en: c.text.en, zh: c.text.zh })),
    locked: [...(ex.goal?.locked ?? [])],
    questions: (ex.questions ?? []).map((q) => ({
      id: q.id,
      en: q.prompt.en,
      zh: q.prompt.zh,
      kind: q.answer.kind,
      metric: q.answer.metric,
      tolerance: q.answer.kind === 'number' ? (q.answer.tolerance_pct !== undefined ? `${q.answer.tolerance_pct}%` : String(q.answer.tolerance ?? 0)) : '0',
      unit: q.answer.kind === 'number' ? (q.answer.unit ?? '') : '',
      options: q.answer.kind === 'choice' ? q.answer.options.map((o) => `${String(o.value)} | ${o.text.en} | ${o.text.zh}`).join('\n') : '',
    })),
    hints: ex.hints.map((h) => ({ en: h.en, zh: h.zh })),
    commands: (ex.solution.commands ?? []).join('\n'),
    explanationEn: ex.solution.explanation.en,
    explanationZh: ex.solution.explanation.zh,
  };
}
