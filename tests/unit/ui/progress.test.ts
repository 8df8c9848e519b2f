import { describe, expect, it } from 'vitest';
import { PROGRESS_FORMAT, Progress, checkProgress } from '../../../src/ui/lessons/progress.svelte';

describe('lesson progress', () => {
  it('records answers and round-trips through a file', () => {
    const a = new Progress();
    a.answer('01-why-mptcp', 'q1', 1, true);
    a.answer('01-why-mptcp', 'q2', 0, false);
    expect(a.rightIn('01-why-mptcp')).toBe(1);
    const b = new Progress();
    expect(b.importText(JSON.stringify(a.toFile()))).toBeNull();
    expect(b.get('01-why-mptcp', 'q1')).toEqual({ answer: 1, right: true });
    expect(b.rightIn('01-why-mptcp')).toBe(1);
  });

  it.each([
    ['not json', 'not JSON'],
    ['[]', '$: expected an object'],
    ['{"format":"x","quizzes":{}}', '$.format'],
    [`{"format":"${PROGRESS_FORMAT}","quizzes":[]}`, '$.quizzes: expected an object'],
    [`{"format":"${PROGRESS_FORMAT}","quizzes":{"../etc":{"answer":0,"right":true}}}`, '$.quizzes["../etc"]'],
    [`{"format":"${PROGRESS_FORMAT}","quizzes":{"01-a/q1":{"answer":-1,"right":true}}}`, '$.quizzes["01-a/q1"]'],
    [`{"format":"${PROGRESS_FORMAT}","quizzes":{},"extra":1}`, '$.extra: unknown key'],
  ])('refuses %s with a located message, keeping the progress', (text, msg) => {
    const p = new Progress();
    p.answer('02-use-cases', 'q1', 1, true);
    expect(p.importText(text)).toContain(msg);
    expect(p.get('02-use-cases', 'q1')).toEqual({ answer: 1, right: true });
  });

  it('accepts an empty progress file', () => {
    expect(checkProgress({ format: PROGRESS_FORMAT, quizzes: {} }).ok).toBe(true);
  });
});
