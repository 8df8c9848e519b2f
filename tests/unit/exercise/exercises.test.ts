/**
 * Every exercise under content/exercises (issue 7 item 2): valid, in both languages; for several
 * student codes, its start state does not meet the goal and its solution does (configure: the
 * solution's console lines typed at t = 0; questions: the answers computed from the run, while empty
 * and wrong answers fail); a choice's right value is always one of its options; variants differ
 * between students.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simulate, validateScenario } from '../../../src/core';
import { installMptcpWire } from '../../../src/core/wire/mptcp/index';
import {
  applyCommands,
  gradeAnswers,
  gradeConfigure,
  metricValue,
  solutionAnswers,
  validateExercise,
  variantScenario,
  variantText,
  type Exercise,
  type RunView,
} from '../../../src/core/exercise';

installMptcpWire();
const DIR = resolve(import.meta.dirname, '../../../content/exercises');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const CODES = ['', 'alice-01', 'bob-02'];

function run(raw: Record<string, unknown>): RunView {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const r = simulate(v.scenario, { viewCaptures: false });
  if (!r.summary) throw new Error('no summary');
  return { scenario: v.scenario, summary: r.summary, trace: r.trace };
}

describe('exercises', () => {
  it('at least twelve, of every kind', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const kinds = new Set(files.map((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Exercise).kind));
    expect([...kinds].sort()).toEqual(['classify', 'configure', 'fill', 'predict']);
  });

  for (const f of files) {
    describe(f, () => {
      const raw: unknown = JSON.parse(readFileSync(join(DIR, f), 'utf8'));
      const v = validateExercise(raw);

      it('is valid, its id is its file name, and every text exists in English and Chinese', () => {
        expect(v.ok ? [] : v.problems).toEqual([]);
        if (!v.ok) return;
        expect(`${v.exercise.id}.json`).toBe(f);
        expect(variantText(v.exercise, v.exercise.task.zh, 'x')).toMatch(/[\u4e00-\u9fff]/);
      });

      for (const code of CODES) {
        it(`student "${code}": the start fails, the solution passes`, () => {
          if (!v.ok) throw new Error('invalid exercise');
          const ex = v.exercise;
          const startRaw = variantScenario(ex, code);
          const start = run(startRaw);
          if (ex.kind === 'configure') {
            expect(gradeConfigure(ex, start, start.scenario).pass, 'start state must not pass').toBe(false);
            const sol = applyCommands(start.scenario, start.trace, ex.solution.commands ?? []);
            if (!sol.ok) throw new Error(`solution line ${sol.line}: ${sol.message}`);
            const solved = run(sol.raw);
            const g = gradeConfigure(ex, solved, start.scenario);
            expect(g.items.filter((i) => !i.pass)).toEqual([]);
          } else {
            expect(gradeAnswers(ex, {}, start).pass, 'no answers must not pass').toBe(false);
            const answers = solutionAnswers(ex, start);
            for (const q of ex.questions ?? []) {
              const want = metricValue(q.answer.metric, start);
              expect(want, `metric ${q.answer.metric}`).not.toBeNull();
              if (q.answer.kind === 'choice') expect(q.answer.options.map((o) => o.value), `${q.id}: the right value is an option`).toContain(want);
            }
            expect(gradeAnswers(ex, answers, start).items.filter((i) => !i.pass)).toEqual([]);
            // a wrong answer to any one question fails the exercise
            for (const q of ex.questions ?? []) {
              const wrong =
                q.answer.kind === 'choice' ? String(q.answer.options.find((o) => String(o.value) !== answers[q.id])?.value) : q.answer.kind === 'number' ? String(Number(answers[q.id]) * 3 + 100) : '0xdeadbeef1';
              expect(gradeAnswers(ex, { ...answers, [q.id]: wrong }, start).pass, `${q.id} wrong = ${wrong}`).toBe(false);
            }
          }
        });
      }

      it('gives students different variants when it has parameters', () => {
        if (!v.ok || !v.exercise.variant) return;
        const ex = v.exercise;
        const scenarios = new Set(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map((c) => JSON.stringify(variantScenario(ex, c))));
        expect(scenarios.size).toBeGreaterThan(1);
      });
    });
  }
});
