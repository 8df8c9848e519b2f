import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeExerciseLink, encodeExerciseLink, parseExerciseFile } from '../../../src/ui/lessons/exercise-link';
import type { Exercise } from '../../../src/core/exercise';

const text = readFileSync(resolve(import.meta.dirname, '../../../content/exercises/12-classify-the-middlebox.json'), 'utf8');
const ex = JSON.parse(text) as Exercise;

describe('exercise links and files', () => {
  it('round-trips an exercise through a link', async () => {
    const link = await encodeExerciseLink(ex);
    expect(link.startsWith('1.')).toBe(true);
    const back = await decodeExerciseLink(link);
    expect(back.ok && back.exercise).toEqual(ex);
  });

  it.each([
    ['2.abc', 'known version'],
    ['1.@@@', 'not base64url'],
    ['1.AAAA', 'corrupt data'],
    [`1.${'A'.repeat(70_000)}`, 'longer than'],
  ])('refuses %s with a message', async (link, msg) => {
    const r = await decodeExerciseLink(link.slice(0, 70_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(msg);
  });

  it('reports the located problems of an invalid exercise in a file', () => {
    const r = parseExerciseFile(JSON.stringify({ ...ex, kind: 'dance' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path: '$.kind', message: expect.stringContaining('expected one of') });
    expect(parseExerciseFile('{').ok).toBe(false);
    expect(parseExerciseFile(text).ok).toBe(true);
  });
});
