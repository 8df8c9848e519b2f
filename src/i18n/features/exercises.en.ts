/** English strings of the graded exercises (index, exercise page, authoring); zh twin in exercises.zh.ts. */
export const exercisesEn = {
  /** Top navigation: the exercises. */
  navExercises: 'Exercises',
  /** Heading of the exercise index. */
  exercisesHeading: 'Exercises',
  /** Text under the index heading. */
  exercisesIntro: 'Each exercise is checked automatically against the simulated run. With a student code, your numbers differ from your neighbour’s. Progress stays in this browser; export it from the lessons page.',
  /** Kind of exercise: configure the network until a goal is met. */
  exerciseKindConfigure: 'Configure',
  /** Kind: predict numbers before running. */
  exerciseKindPredict: 'Predict',
  /** Kind: fill in hidden packet fields. */
  exerciseKindFill: 'Fill in',
  /** Kind: classify what happened. */
  exerciseKindClassify: 'Classify',
  /** Badge of a solved exercise. */
  exerciseSolved: 'Solved',
  /** Label of the student code field. */
  exerciseStudentCode: 'Student code',
  /** Help under the student code field. */
  exerciseStudentCodeHelp: 'Your teacher may give you a code: it changes the exercise’s numbers for you. Leave it empty for the exercise as written.',
  /** A student code with characters that are not allowed. */
  exerciseStudentCodeBad: 'Use 1–40 letters, digits, dots, dashes or underscores.',
  /** Heading of the goal list (configure exercises). */
  exerciseGoal: 'Goal',
  /** Heading of the questions. */
  exerciseQuestions: 'Questions',
  /** Button that grades the current run (configure). */
  exerciseCheckConfig: 'Check my configuration',
  /** Button that grades the answers (runs the scenario first if needed). */
  exerciseCheckAnswers: 'Check my answers',
  /** While a check waits for the run. */
  exerciseChecking: 'Running the scenario to check…',
  /** All checks passed. */
  exercisePass: 'Solved! Every check passes.',
  /** Some checks failed. */
  exerciseFail: 'Not yet: {failed} of {total} checks fail.',
  /** One check's result: what was expected and what the run gave. */
  exerciseResult: 'expected {expected}, got {got}',
  /** A locked part of the scenario was changed; {path} is its JSON path. */
  exerciseLockedChanged: 'You changed {path}, which this exercise keeps fixed.',
  /** A locked part of the scenario was left as it was. */
  exerciseLockedKept: '{path} left as it was.',
  /** Button that reveals the next hint. */
  exerciseShowHint: 'Show a hint',
  /** Heading of a hint; {n} is its number. */
  exerciseHint: 'Hint {n}',
  /** Button that reveals the solution. */
  exerciseShowSolution: 'Show the solution',
  /** Heading of the solution. */
  exerciseSolution: 'Solution',
  /** Before the solution's console lines. */
  exerciseSolutionCommands: 'Type these lines in the console (at the start of the run, t = 0):',
  /** Before the solution's answers; they come from the run. */
  exerciseSolutionAnswers: 'The answers, read from the run of your variant:',
  /** The solution's answers need a run first. */
  exerciseSolutionNeedsRun: 'Run the scenario to see the answers of your variant.',
  /** Placeholder of an answer field. */
  exerciseAnswerPlaceholder: 'Your answer',
  /** An exercise that does not exist; {id} is the name from the address. */
  exerciseMissing: 'There is no exercise "{id}".',
  /** The exercise file has problems; {count} is how many. */
  exerciseInvalid: 'This exercise file has {count} problems:',
  /** One problem: {path} and {message}. */
  exerciseProblem: '{path}: {message}',
  /** Link back to the index. */
  exerciseBack: 'All exercises',
  /** Button: open an exercise file from the teacher. */
  exerciseOpenFile: 'Open an exercise file',
  /** The grading could not run (the run failed); {message} says why. */
  exerciseRunFailed: 'The run failed, so nothing could be checked: {message}',
  /** Link from the playground / exercises to the authoring page. */
  authorLink: 'Write an exercise',
  /** Heading of the authoring page. */
  authorHeading: 'Write an exercise',
  /** Text under the heading. */
  authorIntro: 'Build a graded exercise from a scenario: the goal or the questions, hints and the solution, in English and Chinese. Preview it as a student, then share it as a file or a link. Nothing leaves this browser.',
  /** Button: take the playground's last run as the start scenario. */
  authorUsePlayground: 'Use the playground’s current run',
  /** There is no playground run to take. */
  authorNoPlayground: 'Run a scenario in the playground first.',
  /** Label: exercise id. */
  authorId: 'Id (NN-name)',
  /** Label: kind. */
  authorKind: 'Kind',
  /** Label: title (with language). */
  authorTitle: 'Title ({lang})',
  /** Label: task text (with language). */
  authorTask: 'Task, Markdown ({lang})',
  /** Label: the views of the exercise's playground. */
  authorViews: 'Views',
  /** Label: the start scenario. */
  authorScenario: 'Start scenario (kernel-ref-scenario/1 JSON)',
  /** Heading: goal checks. */
  authorChecks: 'Goal checks',
  /** Label: metric. */
  authorMetric: 'Metric',
  /** Label: comparison. */
  authorOp: 'Comparison',
  /** Label: value. */
  authorValue: 'Value',
  /** Label: text shown to the student (with language). */
  authorText: 'Text ({lang})',
  /** Heading: the locked parts. */
  authorLocked: 'Parts the student may not change',
  /** Heading: questions. */
  authorQuestions: 'Questions',
  /** Label: question id. */
  authorQuestionId: 'Id',
  /** Label: prompt (with language). */
  authorPrompt: 'Question ({lang})',
  /** Label: answer kind. */
  authorAnswerKind: 'Answer',
  /** Label: tolerance. */
  authorTolerance: 'Tolerance (absolute)',
  /** Label: options of a choice, one per line. */
  authorOptions: 'Options, one per line: value | English | 中文',
  /** Heading: hints. */
  authorHints: 'Hints',
  /** Label: hint (with language). */
  authorHint: 'Hint ({lang})',
  /** Label: solution's console lines. */
  authorCommands: 'Solution: console lines, each "client$ …" or "server$ …"',
  /** Label: explanation (with language). */
  authorExplanation: 'Explanation ({lang})',
  /** Button: add a row. */
  authorAdd: 'Add',
  /** Button: remove a row. */
  authorRemove: 'Remove',
  /** The draft is valid. */
  authorValid: 'The exercise is valid.',
  /** The draft has problems; {count} is how many. */
  authorProblems: '{count} problems to fix:',
  /** Button: preview as a student. */
  authorPreview: 'Preview as a student',
  /** Button: hide the preview. */
  authorHidePreview: 'Hide the preview',
  /** Button: download the exercise file. */
  authorDownload: 'Download the exercise file',
  /** Button: copy the share link. */
  authorCopyLink: 'Copy a link to the exercise',
  /** The link was copied. */
  authorLinkCopied: 'Link copied.',
  /** Label of the link field (when copying is not possible). */
  authorLinkLabel: 'Link to the exercise',
  /** Button: open an exercise file to edit. */
  authorOpenFile: 'Edit an exercise file',
};
