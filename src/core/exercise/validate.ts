/**
 * Exercise files are input like any other (a teacher writes them, a student imports them): every
 * problem is reported with its JSON path, nothing throws. The scenario itself is checked by the
 * scenario validator (validateScenario) with its own located errors, prefixed `$.scenario`.
 */
import { validateScenario } from '../scenario/index';
import { metricError } from './metrics';
import { getPointer } from './variant';
import { EXERCISE_FORMAT, type Exercise } from './types';

export interface ExerciseProblem {
  path: string;
  message: string;
}

const KINDS = ['configure', 'predict', 'fill', 'classify'];
const OPS = ['==', '!=', '>=', '<=', '>', '<'];
const VIEWS = ['timeline', 'topology', 'ladder', 'inspector', 'diagrams', 'console'];
const ID = /^[0-9]{2}-[a-z0-9-]{1,60}$/;
const QID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const TOP_KEYS = ['format', 'id', 'kind', 'title', 'task', 'scenario', 'views', 'variant', 'goal', 'questions', 'hints', 'solution'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateExercise(v: unknown): { ok: true; exercise: Exercise } | { ok: false; problems: ExerciseProblem[] } {
  const problems: ExerciseProblem[] = [];
  const bad = (path: string, message: string): void => void problems.push({ path, message });
  const textAt = (t: unknown, path: string): void => {
    if (!isObj(t) || typeof t.en !== 'string' || typeof t.zh !== 'string' || t.en.trim() === '' || t.zh.trim() === '') {
      bad(path, 'expected {"en": "…", "zh": "…"}, both non-empty');
    } else for (const x of Object.keys(t)) if (x !== 'en' && x !== 'zh') bad(`${path}.${x}`, 'unknown language (en, zh)');
  };
  const text = (o: Obj, k: string, path: string): void => textAt(o[k], `${path}.${k}`);
  const metric = (m: unknown, path: string): void => {
    if (typeof m !== 'string') return bad(path, 'expected a metric name');
    const e = metricError(m);
    if (e) bad(path, e);
  };

  if (!isObj(v)) return { ok: false, problems: [{ path: '$', message: 'expected an object' }] };
  for (const k of Object.keys(v)) if (!TOP_KEYS.includes(k)) bad(`$.${k}`, 'unknown key');
  if (v.format !== EXERCISE_FORMAT) bad('$.format', `expected "${EXERCISE_FORMAT}"`);
  if (typeof v.id !== 'string' || !ID.test(v.id)) bad('$.id', 'expected "NN-slug" (two digits, a dash, a-z 0-9 -)');
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind)) bad('$.kind', `expected one of ${KINDS.join(', ')}`);
  text(v, 'title', '$');
  text(v, 'task', '$');
  if (!isObj(v.scenario)) bad('$.scenario', 'expected a kernel-ref-scenario/1 object');
  else {
    const r = validateScenario(v.scenario);
    if (!r.ok) for (const e of r.errors) bad(`$.scenario${e.path.replace(/^(\$|scenario)/, '')}`, e.message);
  }
  if (!Array.isArray(v.views) || v.views.length === 0 || v.views.some((x) => typeof x !== 'string' || !VIEWS.includes(x))) bad('$.views', `expected a non-empty list of ${VIEWS.join(', ')}`);

  if (v.variant !== undefined) {
    if (!Array.isArray(v.variant)) bad('$.variant', 'expected a list of parameters');
    else
      v.variant.forEach((p, i) => {
        const path = `$.variant[${i}]`;
        if (!isObj(p)) return bad(path, 'expected {"name", "values", "targets"}');
        if (typeof p.name !== 'string' || !/^[a-z0-9_]{1,30}$/.test(p.name)) bad(`${path}.name`, 'expected a-z, 0-9, _');
        if (!Array.isArray(p.values) || p.values.length < 2 || p.values.some((x) => typeof x !== 'number' && typeof x !== 'string')) bad(`${path}.values`, 'expected at least two numbers or strings');
        if (!Array.isArray(p.targets) || p.targets.length === 0) bad(`${path}.targets`, 'expected JSON pointers into the scenario');
        else p.targets.forEach((t, j) => typeof t === 'string' && getPointer(v.scenario, t) !== undefined ? null : bad(`${path}.targets[${j}]`, 'expected a JSON pointer to an existing value of the scenario'));
      });
  }

  const kind = v.kind;
  if (kind === 'configure') {
    if (!isObj(v.goal)) bad('$.goal', 'a configure exercise needs {"checks": […], "locked": […]}');
    else {
      const g = v.goal;
      if (!Array.isArray(g.checks) || g.checks.length === 0) bad('$.goal.checks', 'expected at least one check');
      else
        g.checks.forEach((c, i) => {
          const path = `$.goal.checks[${i}]`;
          if (!isObj(c)) return bad(path, 'expected {"metric", "op", "value", "text"}');
          metric(c.metric, `${path}.metric`);
          if (typeof c.op !== 'string' || !OPS.includes(c.op)) bad(`${path}.op`, `expected one of ${OPS.join(' ')}`);
          if (!['number', 'boolean', 'string'].includes(typeof c.value)) bad(`${path}.value`, 'expected a number, boolean or string');
          text(c, 'text', path);
        });
      if (!Array.isArray(g.locked) || g.locked.some((p) => typeof p !== 'string' || !p.startsWith('/'))) bad('$.goal.locked', 'expected a list of JSON pointers ("/paths", …)');
    }
    if (!isObj(v.solution) || !Array.isArray(v.solution.commands) || v.solution.commands.length === 0) bad('$.solution.commands', 'a configure exercise needs the console lines that solve it');
    else v.solution.commands.forEach((c, i) => (typeof c === 'string' && /^(client|server)\$ \S/.test(c) ? null : bad(`$.solution.commands[${i}]`, 'expected "client$ …" or "server$ …"')));
  } else if (typeof kind === 'string' && KINDS.includes(kind)) {
    if (!Array.isArray(v.questions) || v.questions.length === 0) bad('$.questions', 'expected at least one question');
    else {
      const seen = new Set<string>();
      v.questions.forEach((q, i) => {
        const path = `$.questions[${i}]`;
        if (!isObj(q)) return bad(path, 'expected {"id", "prompt", "answer"}');
        if (typeof q.id !== 'string' || !QID.test(q.id)) bad(`${path}.id`, 'expected a-z, 0-9, -');
        else if (seen.has(q.id)) bad(`${path}.id`, `"${q.id}" is used twice`);
        else seen.add(q.id);
        text(q, 'prompt', path);
        const a = q.answer;
        if (!isObj(a)) return bad(`${path}.answer`, 'expected {"kind": "number"|"choice"|"field", "metric", …}');
        metric(a.metric, `${path}.answer.metric`);
        if (a.kind === 'number') {
          if (a.tolerance === undefined && a.tolerance_pct === undefined) bad(`${path}.answer`, 'a number answer needs "tolerance" or "tolerance_pct"');
          for (const k of ['tolerance', 'tolerance_pct']) if (a[k] !== undefined && (typeof a[k] !== 'number' || (a[k] as number) < 0)) bad(`${path}.answer.${k}`, 'expected a number ≥ 0');
        } else if (a.kind === 'choice') {
          if (!Array.isArray(a.options) || a.options.length < 2) bad(`${path}.answer.options`, 'expected at least two options');
          else a.options.forEach((o, j) => (isObj(o) ? text(o, 'text', `${path}.answer.options[${j}]`) : bad(`${path}.answer.options[${j}]`, 'expected {"value", "text"}')));
        } else if (a.kind !== 'field') bad(`${path}.answer.kind`, 'expected "number", "choice" or "field"');
        if (kind === 'fill' && a.kind !== 'field') bad(`${path}.answer.kind`, 'a fill exercise asks for packet fields ("field")');
        if (kind === 'classify' && a.kind !== 'choice') bad(`${path}.answer.kind`, 'a classify exercise asks for a choice');
      });
    }
  }
  if (!Array.isArray(v.hints) || v.hints.length === 0) bad('$.hints', 'expected at least one hint');
  else v.hints.forEach((h, i) => textAt(h, `$.hints[${i}]`));
  if (!isObj(v.solution)) bad('$.solution', 'expected {"explanation", …}');
  else text(v.solution, 'explanation', '$.solution');

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, exercise: v as unknown as Exercise };
}
