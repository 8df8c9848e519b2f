/**
 * Per-student variants (issue 7): parameters derived from a student code, so two students get
 * different numbers (and different right answers) while the teacher can reproduce any student's
 * exercise from the code. value index = first 4 bytes of SHA-256("exercise-id\0student-code\0param")
 * modulo the number of values. An empty code gives the exercise as written (index 0 of nothing:
 * the scenario's own values).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Exercise } from './types';

/** Student codes: letters, digits, dot, dash, underscore; 1–40 characters. */
export const STUDENT_CODE = /^[A-Za-z0-9._-]{1,40}$/;

export function variantValues(ex: Exercise, studentCode: string): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  if (!ex.variant || studentCode === '') return out;
  for (const p of ex.variant) {
    const h = sha256(new TextEncoder().encode(`${ex.id}\0${studentCode}\0${p.name}`));
    const n = ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
    out[p.name] = p.values[n % p.values.length];
  }
  return out;
}

/** RFC 6901 JSON pointer tokens ("/paths/1/delay_ms" → ["paths", "1", "delay_ms"]). */
export function pointerTokens(ptr: string): string[] | null {
  if (!ptr.startsWith('/')) return null;
  return ptr
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer, or undefined. */
export function getPointer(doc: unknown, ptr: string): unknown {
  const toks = pointerTokens(ptr);
  if (!toks) return undefined;
  let cur: unknown = doc;
  for (const t of toks) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

/** A copy of `doc` with `value` at `ptr` (the parent must exist). */
function setPointer(doc: unknown, ptr: string, value: unknown): void {
  const toks = pointerTokens(ptr);
  if (!toks || toks.length === 0) return;
  let cur: unknown = doc;
  for (const t of toks.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[t];
  }
  if (cur !== null && typeof cur === 'object') (cur as Record<string, unknown>)[toks[toks.length - 1]] = value;
}

/** The exercise's start scenario for a student (a deep copy; the variant's values put in). */
export function variantScenario(ex: Exercise, studentCode: string): Record<string, unknown> {
  const sc = structuredClone(ex.scenario);
  const values = variantValues(ex, studentCode);
  for (const p of ex.variant ?? []) if (p.name in values) for (const t of p.targets) setPointer(sc, t, values[p.name]);
  return sc;
}

/** The task text with `{param}` replaced by the student's values (or the scenario's own). */
export function variantText(ex: Exercise, text: string, studentCode: string): string {
  const values = variantValues(ex, studentCode);
  const sc = ex.scenario;
  return text.replace(/\{([a-z0-9_]+)\}/g, (m, name: string) => {
    if (name in values) return String(values[name]);
    const p = ex.variant?.find((v) => v.name === name);
    const v = p ? getPointer(sc, p.targets[0]) : undefined;
    return v === undefined ? m : String(v);
  });
}
