/** Graded exercises: format, validation, metrics, variants, grading (see types.ts). */
export * from './types';
export { validateExercise, type ExerciseProblem } from './validate';
export { metricValue, metricError, outcome, METRIC_NAMES, type RunView, type MetricValue } from './metrics';
export { variantScenario, variantText, variantValues, getPointer, STUDENT_CODE } from './variant';
export { gradeConfigure, gradeAnswers, answerRight, solutionAnswers } from './grade';
export { applyCommands, type CommandsResult } from './commands';
