import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { metricError, validateExercise, variantText, variantValues, type Exercise } from '../../../src/core/exercise';

const good = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../content/exercises/01-open-a-second-subflow.json'), 'utf8')) as Record<string, unknown>;
const edit = (f: (e: Record<string, unknown>) => void): unknown => {
  const e = structuredClone(good);
  f(e);
  return e;
};

describe('validateExercise', () => {
  it('accepts a good file', () => {
    expect(validateExercise(good).ok).toBe(true);
  });

  it.each([
    ['not an object', [], '$', 'expected an object'],
    ['unknown key', edit((e) => (e.extra = 1)), '$.extra', 'unknown key'],
    ['wrong format', edit((e) => (e.format = 'x')), '$.format', 'mptcp-playground-exercise/1'],
    ['bad id', edit((e) => (e.id = 'Open!')), '$.id', 'NN-slug'],
    ['missing Chinese', edit((e) => ((e.title as Record<string, string>).zh = '')), '$.title', 'both non-empty'],
    ['bad scenario', edit((e) => ((e.scenario as Record<string, unknown>).paths = 3)), '$.scenario.paths', ''],
    ['unknown metric', edit((e) => (((e.goal as { checks: Record<string, unknown>[] }).checks[0].metric = 'speed'))), '$.goal.checks[0].metric', 'unknown metric "speed"'],
    ['metric without its parameter', edit((e) => (((e.goal as { checks: Record<string, unknown>[] }).checks[0].metric = 'payload_share_path'))), '$.goal.checks[0].metric', 'needs a parameter'],
    ['bad op', edit((e) => (((e.goal as { checks: Record<string, unknown>[] }).checks[0].op = '=~'))), '$.goal.checks[0].op', 'expected one of'],
    ['no solution lines', edit((e) => ((e.solution as Record<string, unknown>).commands = [])), '$.solution.commands', 'console lines'],
    ['solution line without host', edit((e) => ((e.solution as Record<string, unknown>).commands = ['ip mptcp limits show'])), '$.solution.commands[0]', 'client$'],
    ['variant target that does not exist', edit((e) => (e.variant = [{ name: 'x', values: [1, 2], targets: ['/nope/0'] }])), '$.variant[0].targets[0]', 'existing value'],
    ['no hints', edit((e) => (e.hints = [])), '$.hints', 'at least one hint'],
    ['bad view', edit((e) => (e.views = ['topology', 'movie'])), '$.views', 'non-empty list'],
  ])('%s → a located problem', (_name, input, path, message) => {
    const r = validateExercise(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ path: expect.stringContaining(path), message: expect.stringContaining(message) });
  });

  it('checks questions of the other kinds', () => {
    const q = edit((e) => {
      e.kind = 'classify';
      delete e.goal;
      e.questions = [
        { id: 'a', prompt: { en: 'x', zh: '甲' }, answer: { kind: 'number', metric: 'subflows' } },
        { id: 'a', prompt: { en: 'x', zh: '甲' }, answer: { kind: 'choice', metric: 'outcome', options: [] } },
      ];
    });
    const r = validateExercise(q);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toContain('$.questions[0].answer');
    expect(paths).toContain('$.questions[0].answer.kind');
    expect(paths).toContain('$.questions[1].id');
    expect(paths).toContain('$.questions[1].answer.options');
  });
});

describe('metrics and variants', () => {
  it('names metrics and their parameters', () => {
    expect(metricError('subflows')).toBeNull();
    expect(metricError('counter:client:MPJoinAckRx')).toBeNull();
    expect(metricError('subflows:2')).toContain('takes no parameter');
    expect(metricError('signals:HELLO')).toContain('needs a parameter');
  });

  it('derives a student variant from the code, reproducibly', () => {
    const ex = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../content/exercises/04-survive-the-handover.json'), 'utf8')) as Exercise;
    expect(variantValues(ex, 'alice')).toEqual(variantValues(ex, 'alice'));
    expect(variantValues(ex, '')).toEqual({});
    const seen = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((c) => variantValues(ex, c).down_at));
    expect(seen.size).toBeGreaterThan(1);
    expect(variantText(ex, 'at {down_at} s', '')).toBe('at 0.4 s');
    expect(variantText(ex, 'at {down_at} s', 'alice')).toBe(`at ${variantValues(ex, 'alice').down_at} s`);
  });
});
