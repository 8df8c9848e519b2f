/**
 * An exercise as a link (teacher authoring: "export it as a file and as a share link"):
 * `#exercise=1.<base64url(deflate-raw(JSON))>`. Decoding never throws: a corrupt, oversized or
 * invalid link gives a message, and the page shows it instead of the exercise.
 */
import { deflateRaw, fromBase64Url, inflateRaw, toBase64Url } from '../share';
import { validateExercise, type Exercise, type ExerciseProblem } from '../../core/exercise';
import { MAX_EXERCISE_LINK } from '../route';

const VERSION = '1.';
/** An exercise file is small; a link that inflates to more is refused. */
export const MAX_EXERCISE_BYTES = 256 * 1024;

export async function encodeExerciseLink(ex: Exercise): Promise<string> {
  return VERSION + toBase64Url(await deflateRaw(new TextEncoder().encode(JSON.stringify(ex))));
}

export type ExerciseLinkResult = { ok: true; exercise: Exercise } | { ok: false; message: string; problems?: ExerciseProblem[] };

export async function decodeExerciseLink(data: string): Promise<ExerciseLinkResult> {
  if (data.length > MAX_EXERCISE_LINK) return { ok: false, message: `the link is longer than ${MAX_EXERCISE_LINK} characters` };
  if (!data.startsWith(VERSION)) return { ok: false, message: 'the link does not start with a known version ("1.")' };
  const bytes = fromBase64Url(data.slice(VERSION.length));
  if (typeof bytes === 'string') return { ok: false, message: `not base64url: ${bytes}` };
  const raw = await inflateRaw(bytes, MAX_EXERCISE_BYTES);
  if (!(raw instanceof Uint8Array)) return { ok: false, message: raw.error === 'too-large' ? `it inflates to more than ${MAX_EXERCISE_BYTES} bytes` : `corrupt data: ${raw.message}` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (e) {
    return { ok: false, message: `not JSON text: ${(e as Error).message}` };
  }
  const v = validateExercise(json);
  return v.ok ? { ok: true, exercise: v.exercise } : { ok: false, message: 'the exercise in the link is not valid', problems: v.problems };
}

/** Parse an exercise file a teacher or student opens (same checks as a link). */
export function parseExerciseFile(text: string): ExerciseLinkResult {
  if (text.length > MAX_EXERCISE_BYTES) return { ok: false, message: `the file is larger than ${MAX_EXERCISE_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON: ${(e as Error).message}` };
  }
  const v = validateExercise(json);
  return v.ok ? { ok: true, exercise: v.exercise } : { ok: false, message: 'the exercise file is not valid', problems: v.problems };
}
