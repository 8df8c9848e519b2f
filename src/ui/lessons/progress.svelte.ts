/**
 * Learner progress without accounts: which quiz answers were right, kept in localStorage under one
 * key, exportable as a JSON file and importable again (issue 7: "progress is kept in the browser
 * without accounts and can be exported/imported as a file"). Reading a corrupt store or file never
 * throws: it yields a located message and leaves the progress as it was.
 */

export const PROGRESS_STORAGE_KEY = 'mptcp-playground.progress';
export const PROGRESS_FORMAT = 'mptcp-playground-progress/1';

export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  /** `lesson-slug/quiz-id` → the index of the answer chosen last and whether it was right. */
  quizzes: Record<string, { answer: number; right: boolean }>;
  /** exercise id → solved (for this student code), and the answers given last (question exercises). */
  exercises?: Record<string, { solved: boolean; code: string; answers: Record<string, string> }>;
}

const KEY = /^[0-9]{2}-[a-z0-9-]+\/[a-z0-9][a-z0-9-]{0,39}$/;

/** Validate a parsed progress file; returns it normalised, or the first problem with its JSON path. */
export function checkProgress(v: unknown): { ok: true; value: ProgressFile } | { ok: false; error: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: '$: expected an object' };
  const o = v as Record<string, unknown>;
  if (o.format !== PROGRESS_FORMAT) return { ok: false, error: `$.format: expected "${PROGRESS_FORMAT}"` };
  const q = o.quizzes;
  if (typeof q !== 'object' || q === null || Array.isArray(q)) return { ok: false, error: '$.quizzes: expected an object' };
  const quizzes: ProgressFile['quizzes'] = {};
  for (const [k, e] of Object.entries(q)) {
    if (!KEY.test(k)) return { ok: false, error: `$.quizzes["${k}"]: expected "NN-lesson/quiz-id"` };
    const r = e as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null || !Number.isInteger(r.answer) || (r.answer as number) < 0 || (r.answer as number) > 20 || typeof r.right !== 'boolean') {
      return { ok: false, error: `$.quizzes["${k}"]: expected {"answer": 0…20, "right": true|false}` };
    }
    quizzes[k] = { answer: r.answer as number, right: r.right };
  }
  const exercises: NonNullable<ProgressFile['exercises']> = {};
  if (o.exercises !== undefined) {
    const ex = o.exercises;
    if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) return { ok: false, error: '$.exercises: expected an object' };
    for (const [k, e] of Object.entries(ex)) {
      const r = e as Record<string, unknown> | null;
      const where = `$.exercises["${k}"]`;
      if (!/^[0-9]{2}-[a-z0-9-]{1,60}$/.test(k)) return { ok: false, error: `${where}: expected an exercise id "NN-slug"` };
      if (typeof r !== 'object' || r === null || typeof r.solved !== 'boolean' || typeof r.code !== 'string' || r.code.length > 40) {
        return { ok: false, error: `${where}: expected {"solved": true|false, "code": "…", "answers": {…}}` };
      }
      const answers: Record<string, string> = {};
      const a = r.answers ?? {};
      if (typeof a !== 'object' || a === null || Array.isArray(a)) return { ok: false, error: `${where}.answers: expected an object` };
      for (const [q, v] of Object.entries(a)) {
        if (typeof v !== 'string' || v.length > 200) return { ok: false, error: `${where}.answers["${q}"]: expected a string of at most 200 characters` };
        answers[q] = v;
      }
      exercises[k] = { solved: r.solved, code: r.code, answers };
    }
  }
  for (const k of Object.keys(o)) if (k !== 'format' && k !== 'quizzes' && k !== 'exercises') return { ok: false, error: `$.${k}: unknown key` };
  return { ok: true, value: { format: PROGRESS_FORMAT, quizzes, exercises } };
}

export class Progress {
  quizzes = $state<ProgressFile['quizzes']>({});
  exercises = $state<NonNullable<ProgressFile['exercises']>>({});

  constructor() {
    try {
      const raw = globalThis.localStorage?.getItem(PROGRESS_STORAGE_KEY);
      if (raw) {
        const c = checkProgress(JSON.parse(raw));
        if (c.ok) {
          this.quizzes = c.value.quizzes;
          this.exercises = c.value.exercises ?? {};
        }
      }
    } catch {
      // unreadable store or storage disabled: start empty
    }
  }

  #save(): void {
    try {
      globalThis.localStorage?.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(this.toFile()));
    } catch {
      // storage full or disabled: kept for this page only
    }
  }

  answer(lesson: string, quiz: string, answer: number, right: boolean): void {
    this.quizzes = { ...this.quizzes, [`${lesson}/${quiz}`]: { answer, right } };
    this.#save();
  }

  get(lesson: string, quiz: string): { answer: number; right: boolean } | undefined {
    return this.quizzes[`${lesson}/${quiz}`];
  }

  /** Record an exercise attempt; once solved (for a student code) it stays solved. */
  attempt(id: string, code: string, solved: boolean, answers: Record<string, string> = {}): void {
    const was = this.exercises[id];
    const keep = was !== undefined && was.solved && was.code === code;
    this.exercises = { ...this.exercises, [id]: { solved: keep || solved, code, answers } };
    this.#save();
  }

  exercise(id: string): { solved: boolean; code: string; answers: Record<string, string> } | undefined {
    return this.exercises[id];
  }

  /** Right answers in one lesson. */
  rightIn(lesson: string): number {
    return Object.entries(this.quizzes).filter(([k, v]) => k.startsWith(`${lesson}/`) && v.right).length;
  }

  toFile(): ProgressFile {
    return { format: PROGRESS_FORMAT, quizzes: { ...this.quizzes }, exercises: { ...this.exercises } };
  }

  /** Replace the progress with a file's; null when done, else a message saying what is wrong and where. */
  importText(text: string): string | null {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return `not JSON: ${(e as Error).message}`;
    }
    const c = checkProgress(v);
    if (!c.ok) return c.error;
    this.quizzes = c.value.quizzes;
    this.exercises = c.value.exercises ?? {};
    this.#save();
    return null;
  }
}

/** The page's one progress store. */
export const progress = new Progress();
