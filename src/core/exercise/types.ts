/**
 * Graded classroom exercises (issue 7 item 2), as data: `content/exercises/NN-slug.json` in the
 * format `mptcp-playground-exercise/1`. Grading is evaluating predicates over a run (design.md §3):
 * the same scenario and seed give the same run, so the page and `npm test` grade alike.
 *
 * Four kinds:
 * - `configure`: change the network's configuration (console commands, the topology's forms) until
 *   the run meets `goal.checks`, without touching what `goal.locked` protects;
 * - `predict`: answer `questions` before the run; each answer is compared with a metric of the run;
 * - `fill`: give the hidden fields of captured packets (a metric naming the field), found elsewhere
 *   in the playground (the console's `ip mptcp monitor`, `ss -M`, the counters);
 * - `classify`: say what a middlebox did (a choice compared with the run's `outcome`).
 */

export const EXERCISE_FORMAT = 'mptcp-playground-exercise/1';

/** A text in both languages (Markdown). */
export interface Text {
  en: string;
  zh: string;
}

export type ExerciseKind = 'configure' | 'predict' | 'fill' | 'classify';
export type CompareOp = '==' | '!=' | '>=' | '<=' | '>' | '<';

/** A predicate over a run: `metric op value`, explained to the learner by `text`. */
export interface GoalCheck {
  metric: string;
  op: CompareOp;
  value: number | boolean | string;
  text: Text;
}

export type Answer =
  /** A number; right when within `tolerance` (absolute) or `tolerance_pct` (relative) of the metric. */
  | { kind: 'number'; metric: string; tolerance?: number; tolerance_pct?: number; unit?: string }
  /** One of `options`; right when the option's value equals the metric. */
  | { kind: 'choice'; metric: string; options: { value: string | number | boolean; text: Text }[] }
  /** A packet field as text (hex or decimal); right when it names the same value as the metric. */
  | { kind: 'field'; metric: string };

export interface Question {
  id: string;
  prompt: Text;
  answer: Answer;
}

/** Per-student variants: a parameter's value chosen from `values` by the student code's hash. */
export interface VariantParam {
  name: string;
  values: (number | string)[];
  /** JSON pointers into the scenario (RFC 6901) that get the chosen value. */
  targets: string[];
}

export interface Exercise {
  format: typeof EXERCISE_FORMAT;
  id: string;
  kind: ExerciseKind;
  title: Text;
  /** The task (Markdown); `{name}` is replaced by a variant parameter's value. */
  task: Text;
  /** The start scenario (kernel-ref-scenario/1). */
  scenario: Record<string, unknown>;
  /** Views of the embedded playground (lesson view names). */
  views: string[];
  variant?: VariantParam[];
  /** configure: what the run must show, and the scenario parts the learner may not change. */
  goal?: { checks: GoalCheck[]; locked: string[] };
  /** predict / fill / classify. */
  questions?: Question[];
  hints: Text[];
  solution: {
    /** configure: console lines, each `client$ …` or `server$ …`, typed at t = 0. */
    commands?: string[];
    explanation: Text;
  };
}

/** The result of grading: one line per check or question, and whether all passed. */
export interface Grade {
  pass: boolean;
  items: { id: string; pass: boolean; expected: string; got: string }[];
}
