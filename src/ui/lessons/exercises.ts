/// <reference types="vite/client" />
/**
 * The exercises under content/exercises, bundled as data (small JSON files, loaded with the
 * exercise pages' chunk, not the playground's), validated on load like any input.
 */
import { validateExercise, type Exercise, type ExerciseProblem } from '../../core/exercise';

const files = import.meta.glob('../../../content/exercises/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export type LoadedExercise = { ok: true; exercise: Exercise } | { ok: false; id: string; problems: ExerciseProblem[] };

const idOf = (path: string): string => (path.split('/').at(-1) ?? '').replace(/\.json$/, '');

export const exercises: readonly LoadedExercise[] = Object.keys(files)
  .sort()
  .map((path) => {
    const r = validateExercise(files[path]);
    return r.ok ? { ok: true as const, exercise: r.exercise } : { ok: false as const, id: idOf(path), problems: r.problems };
  });

export function exerciseById(id: string): LoadedExercise | null {
  return exercises.find((e) => (e.ok ? e.exercise.id : e.id) === id) ?? null;
}

/** The student code remembered in this browser ('' when none). */
export const STUDENT_STORAGE_KEY = 'mptcp-playground.student';
