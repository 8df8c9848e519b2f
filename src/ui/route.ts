/**
 * The page's routes, from the location hash: `#lessons` (the index), `#lessons/NN-slug` (a lesson),
 * `#exercises` and `#exercises/NN-slug`, `#author` (write an exercise), `#exercise=DATA` (an exercise
 * shared as a link), anything else the playground (including share links `#run=…`). Pure, so it is
 * unit-tested.
 */
export type Route =
  | { page: 'playground' }
  | { page: 'lessons'; slug: string | null }
  | { page: 'exercises'; id: string | null }
  | { page: 'shared-exercise'; data: string }
  | { page: 'author' };

/** Longest shared-exercise value accepted (the page refuses longer links with a message). */
export const MAX_EXERCISE_LINK = 64_000;

function section(h: string, name: string): { hit: boolean; rest: string | null } {
  if (h === name || h === `${name}/`) return { hit: true, rest: null };
  if (h.startsWith(`${name}/`)) return { hit: true, rest: h.slice(name.length + 1).slice(0, 80) };
  return { hit: false, rest: null };
}

export function routeOf(hash: string): Route {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const l = section(h, 'lessons');
  if (l.hit) return { page: 'lessons', slug: l.rest };
  const e = section(h, 'exercises');
  if (e.hit) return { page: 'exercises', id: e.rest };
  if (h === 'author') return { page: 'author' };
  if (h.startsWith('exercise=')) return { page: 'shared-exercise', data: h.slice('exercise='.length, 'exercise='.length + MAX_EXERCISE_LINK + 1) };
  return { page: 'playground' };
}
