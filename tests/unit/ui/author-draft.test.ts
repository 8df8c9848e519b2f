import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { draftToExercise, emptyDraft, exerciseToDraft, parseValue } from '../../../src/ui/lessons/author-draft';
import { validateExercise, type Exercise } from '../../../src/core/exercise';

const DIR = resolve(import.meta.dirname, '../../../content/exercises');

describe('authoring drafts', () => {
  it('round-trips every bundled exercise through the form state', () => {
    for (const f of readdirSync(DIR).filter((x) => x.endsWith('.json'))) {
      const ex = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Exercise;
      const back = draftToExercise(exerciseToDraft(ex));
      expect(back.scenarioError).toBeNull();
      const v = validateExercise(back.exercise);
      expect(v.ok ? [] : v.problems, f).toEqual([]);
      const { variant: _v, ...rest } = ex;
      expect(back.exercise, f).toMatchObject({ ...rest, hints: ex.hints });
    }
  });

  it('an empty draft is not a valid exercise, and says where', () => {
    const d = draftToExercise(emptyDraft('{"schema":'));
    expect(d.scenarioError).not.toBeNull();
    const v = validateExercise(d.exercise);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.title', '$.task', '$.scenario', '$.solution.commands']));
  });

  it('parses values and choice options', () => {
    expect([parseValue('true'), parseValue('false'), parseValue(' 12.5 '), parseValue('mptcp-ok'), parseValue('')]).toEqual([true, false, 12.5, 'mptcp-ok', '']);
    const d = { ...emptyDraft('{}'), kind: 'classify' as const };
    d.questions = [{ id: 'o', en: 'What?', zh: '什么？', kind: 'choice', metric: 'outcome', tolerance: '0', unit: '', options: 'mptcp-ok | Fine | 正常\n\nsyn-stripped | SYN | SYN 被删' }];
    const q = (draftToExercise(d).exercise.questions as { answer: { options: unknown[] } }[])[0];
    expect(q.answer.options).toEqual([
      { value: 'mptcp-ok', text: { en: 'Fine', zh: '正常' } },
      { value: 'syn-stripped', text: { en: 'SYN', zh: 'SYN 被删' } },
    ]);
  });
});
