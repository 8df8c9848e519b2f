/// <reference types="vite/client" />
/**
 * The lessons under content/lessons, loaded lazily (each file its own chunk, so the playground's
 * initial JavaScript does not grow with the course): `lessonSlugs` is known at build time, the text
 * of a lesson is fetched when it is opened.
 */
import type { LocaleId } from '../../i18n/locale.svelte';

const files = import.meta.glob('../../../content/lessons/*/*.md', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
const jsonFiles = import.meta.glob('../../../content/lessons/*/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

const slugOf = (path: string): string => path.split('/').at(-2) ?? '';

/** Every lesson folder, in order (NN-slug). */
export const lessonSlugs: readonly string[] = [...new Set(Object.keys(files).map(slugOf))].filter((s) => /^\d\d-/.test(s)).sort();

/** The lesson's Markdown in `lang`, or null when the folder or the translation does not exist. */
export async function loadLesson(slug: string, lang: LocaleId): Promise<string | null> {
  const load = files[`../../../content/lessons/${slug}/${lang}.md`];
  return load ? load() : null;
}

/** A scenario file next to a lesson (`./name.json` in a playground directive), or null. */
export async function loadLessonScenario(slug: string, ref: string): Promise<string | null> {
  if (!/^\.\/[A-Za-z0-9._-]+\.json$/.test(ref)) return null;
  const load = jsonFiles[`../../../content/lessons/${slug}/${ref.slice(2)}`];
  return load ? load() : null;
}

/** The lesson number shown to readers: "01-why-mptcp" → 1. */
export const lessonNumber = (slug: string): number => Number(slug.slice(0, 2));
