/**
 * English strings of the lessons (the lesson index, the lesson page, quizzes and embedded
 * playgrounds; merged into en.ts, zh twin in lessons.zh.ts). The lessons' own text is in
 * content/lessons/NN-slug/{en,zh}.md.
 */
export const lessonsEn = {
  /** Top navigation: the playground page. */
  navPlayground: 'Playground',
  /** Top navigation: the lessons. */
  navLessons: 'Lessons',
  /** Accessible name of the top navigation. */
  navLabel: 'Sections',
  /** Heading of the lesson index. */
  lessonsHeading: 'Lessons',
  /** Text under the index heading. */
  lessonsIntro: 'Multipath TCP step by step, each lesson with live scenarios to play with and a few questions. Your answers stay in this browser.',
  /** Index entry: lesson number; {n} is the number. */
  lessonNumber: 'Lesson {n}',
  /** Index entry: how many questions are answered right; {right} and {total} are counts. */
  lessonProgress: '{right} of {total} questions answered right',
  /** Loading a lesson. */
  lessonLoading: 'Loading the lesson…',
  /** A lesson that does not exist; {slug} is the name from the address. */
  lessonMissing: 'There is no lesson "{slug}".',
  /** A lesson file with mistakes (shown to authors); {count} is how many. */
  lessonErrors: 'This lesson has {count} mistakes in its source:',
  /** One mistake: {line} is the line number, {message} the mistake. */
  lessonErrorLine: 'line {line}: {message}',
  /** Link back to the index. */
  lessonBack: 'All lessons',
  /** Link to the previous lesson. */
  lessonPrev: 'Previous: {title}',
  /** Link to the next lesson. */
  lessonNext: 'Next: {title}',
  /** Heading of a quiz; {n} is its number in the lesson. */
  quizHeading: 'Question {n}',
  /** Button that checks the chosen answer. */
  quizCheck: 'Check',
  /** Feedback: right. */
  quizRight: 'Right.',
  /** Feedback: wrong. */
  quizWrong: 'Not quite — try again.',
  /** Feedback: nothing chosen. */
  quizChoose: 'Choose an answer first.',
  /** Accessible name of an embedded playground; {scenario} is its name. */
  embedLabel: 'Live scenario: {scenario}',
  /** Button that starts an embedded playground. */
  embedStart: 'Run this scenario',
  /** An embedded playground is computing its run. */
  embedRunning: 'Simulating…',
  /** Link that opens the embedded scenario in the full playground. */
  embedOpenFull: 'Open in the playground',
  /** The embedded scenario could not be loaded; {scenario} is its name. */
  embedMissing: 'The scenario "{scenario}" could not be loaded.',
  /** The embedded run failed; {message} says why. */
  embedFailed: 'The simulation failed: {message}',
  /** Button: save the learner's progress as a file. */
  progressExport: 'Export progress',
  /** Button: load progress from a file. */
  progressImport: 'Import progress',
  /** After a successful import. */
  progressImported: 'Progress imported.',
  /** A progress file that could not be read; {error} says what and where. */
  progressImportError: 'This file could not be imported: {error}',
};
