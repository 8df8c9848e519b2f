/**
 * Lessons (content/lessons/NN-slug/{en,zh}.md): Markdown plus two directives, parsed into blocks the
 * lesson player renders. Pure, so `npm test` checks every lesson in both languages without a browser.
 *
 *   ::: playground SCENARIO [views=a,b]      a live playground (gallery id or ./file.json)
 *   ::: quiz ID                              a multiple-choice question, closed by `:::`
 *   The question text (one or more lines).
 *   - [ ] a wrong answer
 *   - [x] the right answer
 *   :::
 *
 * Parsing never throws: a malformed directive becomes a located LessonError (1-based line) and the
 * rest of the lesson still parses.
 */

/** Views a lesson may embed, by the names the playground uses for them. */
export const LESSON_VIEWS = ['timeline', 'topology', 'ladder', 'inspector', 'diagrams', 'console'] as const;
export type LessonViewName = (typeof LESSON_VIEWS)[number];

export type LessonBlock =
  | { kind: 'markdown'; text: string; line: number }
  | { kind: 'playground'; scenario: string; views: LessonViewName[]; line: number }
  | { kind: 'quiz'; id: string; question: string; options: { text: string; correct: boolean }[]; line: number };

export interface LessonError {
  line: number;
  message: string;
}

export interface ParsedLesson {
  /** Text of the first `# ` heading (the lesson title), or '' when there is none. */
  title: string;
  blocks: LessonBlock[];
  errors: LessonError[];
}

const PLAYGROUND = /^:::\s*playground(?:\s+(.*))?$/;
const QUIZ = /^:::\s*quiz(?:\s+(.*))?$/;
const OPTION = /^- \[( |x|X)\] (.+)$/;
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Parse one lesson file. */
export function parseLesson(source: string): ParsedLesson {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: LessonBlock[] = [];
  const errors: LessonError[] = [];
  let md: string[] = [];
  let mdStart = 1;
  let inFence = false;
  let title = '';

  const flush = (): void => {
    const text = md.join('\n').trim();
    if (text) blocks.push({ kind: 'markdown', text, line: mdStart });
    md = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || !line.startsWith(':::')) {
      if (md.length === 0 && line.trim() === '') continue; // a block starts at its first non-blank line
      if (md.length === 0) mdStart = n;
      if (!inFence && title === '' && /^# /.test(line)) title = line.slice(2).trim();
      md.push(line);
      continue;
    }
    flush();
    const pg = PLAYGROUND.exec(line.trim());
    if (pg) {
      const block = parsePlayground(pg[1] ?? '', n, errors);
      if (block) blocks.push(block);
      continue;
    }
    const qz = QUIZ.exec(line.trim());
    if (qz) {
      i = parseQuiz(lines, i, (qz[1] ?? '').trim(), blocks, errors);
      continue;
    }
    errors.push({ line: n, message: `unknown directive "${line.trim()}": expected "::: playground" or "::: quiz"` });
  }
  if (inFence) errors.push({ line: lines.length, message: 'a code fence (```) is not closed' });
  flush();
  return { title, blocks, errors };
}

function parsePlayground(args: string, line: number, errors: LessonError[]): LessonBlock | null {
  const parts = args.trim().split(/\s+/).filter(Boolean);
  const scenario = parts.shift();
  if (!scenario) {
    errors.push({ line, message: '"::: playground" needs a scenario: a gallery id or ./file.json' });
    return null;
  }
  let views: LessonViewName[] = ['timeline', 'topology'];
  for (const p of parts) {
    const m = /^views=(.+)$/.exec(p);
    if (!m) {
      errors.push({ line, message: `unknown playground argument "${p}": expected views=a,b` });
      continue;
    }
    const names = m[1].split(',');
    const bad = names.filter((v) => !(LESSON_VIEWS as readonly string[]).includes(v));
    if (bad.length > 0) errors.push({ line, message: `unknown view "${bad.join('", "')}": expected ${LESSON_VIEWS.join(', ')}` });
    views = names.filter((v): v is LessonViewName => (LESSON_VIEWS as readonly string[]).includes(v));
  }
  return { kind: 'playground', scenario, views, line };
}

/** Parse a quiz starting at lines[start]; returns the index of its closing `:::` line. */
function parseQuiz(lines: string[], start: number, id: string, blocks: LessonBlock[], errors: LessonError[]): number {
  const line = start + 1;
  if (!ID.test(id)) errors.push({ line, message: `quiz id "${id}" must be 1-40 characters of a-z, 0-9 and -` });
  const question: string[] = [];
  const options: { text: string; correct: boolean }[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === ':::') break;
    const o = OPTION.exec(l.trim());
    if (o) options.push({ text: o[2].trim(), correct: o[1] !== ' ' });
    else if (options.length > 0 && l.trim() !== '') errors.push({ line: i + 1, message: 'text after the answers: answers must come last in a quiz' });
    else if (l.trim() !== '') question.push(l.trim());
  }
  if (i >= lines.length) errors.push({ line, message: `quiz "${id}" is not closed with ":::"` });
  if (question.length === 0) errors.push({ line, message: `quiz "${id}" has no question` });
  if (options.length < 2) errors.push({ line, message: `quiz "${id}" needs at least two answers` });
  if (options.length > 0 && !options.some((o) => o.correct)) errors.push({ line, message: `quiz "${id}" marks no answer right ("- [x] …")` });
  if (ID.test(id) && blocks.some((b) => b.kind === 'quiz' && b.id === id)) errors.push({ line, message: `quiz id "${id}" is used twice` });
  blocks.push({ kind: 'quiz', id, question: question.join(' '), options, line });
  return i;
}

/**
 * The structure two translations of a lesson must share: heading levels in order, embedded
 * playgrounds (scenario and views) and quizzes (id, number of answers, which are right). Text may
 * differ; this may not.
 */
export function lessonStructure(lesson: ParsedLesson): string[] {
  const out: string[] = [];
  for (const b of lesson.blocks) {
    if (b.kind === 'markdown') {
      let fence = false;
      for (const l of b.text.split('\n')) {
        if (/^(```|~~~)/.test(l)) fence = !fence;
        const h = fence ? null : /^(#{1,6}) /.exec(l);
        if (h) out.push(`h${h[1].length}`);
      }
    } else if (b.kind === 'playground') out.push(`playground ${b.scenario} ${b.views.join(',')}`);
    else out.push(`quiz ${b.id} ${b.options.map((o) => (o.correct ? 'x' : '-')).join('')}`);
  }
  return out;
}
