import { describe, expect, it } from 'vitest';
import { lessonStructure, parseLesson } from '../../../src/viz/lesson/parse';

const GOOD = `# Title

Some *text*.

::: playground handover views=topology,ladder

## Section

\`\`\`
::: not a directive inside a fence
\`\`\`

::: quiz q1
What is it?
- [ ] no
- [x] yes
:::
`;

describe('parseLesson', () => {
  it('splits Markdown, playgrounds and quizzes, with their lines', () => {
    const p = parseLesson(GOOD);
    expect(p.errors).toEqual([]);
    expect(p.title).toBe('Title');
    expect(p.blocks.map((b) => [b.kind, b.line])).toEqual([
      ['markdown', 1],
      ['playground', 5],
      ['markdown', 7],
      ['quiz', 13],
    ]);
    expect(p.blocks[1]).toMatchObject({ scenario: 'handover', views: ['topology', 'ladder'] });
    expect(p.blocks[2]).toMatchObject({ text: expect.stringContaining('::: not a directive inside a fence') });
    expect(p.blocks[3]).toMatchObject({ id: 'q1', question: 'What is it?', options: [{ text: 'no', correct: false }, { text: 'yes', correct: true }] });
  });

  it('gives the structure two translations must share', () => {
    expect(lessonStructure(parseLesson(GOOD))).toEqual(['h1', 'playground handover topology,ladder', 'h2', 'quiz q1 -x']);
  });

  it('defaults a playground to the timeline and topology', () => {
    expect(parseLesson('::: playground backup').blocks[0]).toMatchObject({ views: ['timeline', 'topology'] });
  });

  it.each([
    ['::: playground', 1, 'needs a scenario'],
    ['::: playground handover views=topology,nope', 1, 'unknown view "nope"'],
    ['::: playground handover colour=red', 1, 'unknown playground argument "colour=red"'],
    ['::: video x', 1, 'unknown directive'],
    ['::: quiz Bad_Id\nQ?\n- [ ] a\n- [x] b\n:::', 1, 'quiz id "Bad_Id"'],
    ['::: quiz q\nQ?\n- [ ] a\n- [ ] b\n:::', 1, 'marks no answer right'],
    ['::: quiz q\nQ?\n- [x] a\n:::', 1, 'at least two answers'],
    ['::: quiz q\n- [ ] a\n- [x] b\n:::', 1, 'has no question'],
    ['::: quiz q\nQ?\n- [ ] a\n- [x] b', 1, 'not closed'],
    ['::: quiz q\nQ?\n- [ ] a\nmore\n- [x] b\n:::', 4, 'answers must come last'],
    ['::: quiz q\nQ?\n- [ ] a\n- [x] b\n:::\n::: quiz q\nQ?\n- [ ] a\n- [x] b\n:::', 6, 'used twice'],
    ['```\ncode', 2, 'not closed'],
  ])('reports %j at line %i', (src, line, message) => {
    const p = parseLesson(src);
    expect(p.errors).toContainEqual({ line, message: expect.stringContaining(message) });
  });

  it('never throws on arbitrary text', () => {
    for (const s of ['', ':::', '::: quiz', '- [x]', ':::\n:::\n:::', '\r\n::: playground a\r\n']) expect(() => parseLesson(s)).not.toThrow();
  });
});
