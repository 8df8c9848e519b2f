/**
 * The options of an embedded playground, the same for the custom element (attributes) and the
 * iframe route (query parameters of embed.html): `scenario`, `lang`, `views`, `controls`,
 * `autoplay`, `seed`, `theme`, and for the iframe `parent-origin`. Pure, so it is unit-tested.
 * A bad value is reported with the option's name and the default is used instead.
 */
import type { LocaleId } from '../i18n/locale.svelte';
import { LESSON_VIEWS, type LessonViewName } from '../viz/lesson/parse';

/** What the embedder shows besides the views: nothing (the API drives it), the timeline, or the timeline and a toolbar. */
export const EMBED_CONTROLS = ['none', 'timeline', 'full'] as const;
export type EmbedControls = (typeof EMBED_CONTROLS)[number];

/** Views an embed may show besides the timeline. */
export type EmbedView = Exclude<LessonViewName, 'timeline'>;
export const EMBED_VIEWS: readonly EmbedView[] = LESSON_VIEWS.filter((v): v is EmbedView => v !== 'timeline');

export interface EmbedOptions {
  /** A gallery id, a URL of a scenario JSON file, or null (then `load()` must give one). */
  scenario: string | null;
  /** null: the host page's `<html lang>`. */
  lang: LocaleId | null;
  views: EmbedView[];
  controls: EmbedControls;
  autoplay: boolean;
  /** Overrides the scenario's seed. */
  seed: number | null;
  /** null: follow the reader's system setting. */
  theme: 'light' | 'dark' | null;
  /** Origins allowed to drive an iframe embed and to receive its events (iframe only). */
  parentOrigins: string[];
}

export interface OptionProblem {
  /** The attribute or query parameter. */
  option: string;
  /** The value given. */
  value: string;
  /** The values allowed, as literal tokens (the same in every language). */
  expected: string;
}

export const DEFAULT_VIEWS: readonly EmbedView[] = ['topology'];

/** Largest seed accepted (the scenario format's seed is an unsigned 32-bit integer). */
const MAX_SEED = 0xffff_ffff;

/** `lang` as an embedder may write it: en, zh, zh-CN, en-US… (any zh* is Chinese). */
export function langOf(value: string): LocaleId | null {
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v.startsWith('zh-')) return 'zh';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return null;
}

/** An origin as `URL.origin` writes it, or null when `value` is not an http(s) origin. */
export function originOf(value: string): string | null {
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.pathname !== '/' || u.search || u.hash || u.username) return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** Read the options through `get` (an attribute or query parameter by name; null when absent). */
export function parseEmbedOptions(get: (name: string) => string | null): { options: EmbedOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const bad = (option: string, value: string, expected: string): void => {
    problems.push({ option, value, expected });
  };

  const scenarioRaw = get('scenario');
  const scenario = scenarioRaw !== null && scenarioRaw.trim() !== '' ? scenarioRaw.trim() : null;

  let lang: LocaleId | null = null;
  const langRaw = get('lang');
  if (langRaw !== null && langRaw.trim() !== '') {
    lang = langOf(langRaw);
    if (lang === null) bad('lang', langRaw, 'en, zh');
  }

  let views: EmbedView[] = [...DEFAULT_VIEWS];
  const viewsRaw = get('views');
  if (viewsRaw !== null) {
    const names = viewsRaw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && s !== 'timeline');
    const unknown = names.filter((n) => !(EMBED_VIEWS as readonly string[]).includes(n));
    if (unknown.length > 0) bad('views', viewsRaw, EMBED_VIEWS.join(', '));
    views = [...new Set(names.filter((n): n is EmbedView => (EMBED_VIEWS as readonly string[]).includes(n)))];
  }

  let controls: EmbedControls = 'timeline';
  const controlsRaw = get('controls');
  if (controlsRaw !== null) {
    const c = controlsRaw.trim();
    if ((EMBED_CONTROLS as readonly string[]).includes(c)) controls = c as EmbedControls;
    else bad('controls', controlsRaw, EMBED_CONTROLS.join(', '));
  }

  const autoplayRaw = get('autoplay');
  let autoplay = false;
  if (autoplayRaw !== null) {
    const a = autoplayRaw.trim();
    if (a === '' || a === 'true' || a === 'autoplay' || a === '1') autoplay = true;
    else if (a !== 'false' && a !== '0') bad('autoplay', autoplayRaw, '(empty), true, false');
  }

  let seed: number | null = null;
  const seedRaw = get('seed');
  if (seedRaw !== null && seedRaw.trim() !== '') {
    const n = Number(seedRaw.trim());
    if (/^\d+$/.test(seedRaw.trim()) && Number.isSafeInteger(n) && n <= MAX_SEED) seed = n;
    else bad('seed', seedRaw, `0–${MAX_SEED}`);
  }

  let theme: EmbedOptions['theme'] = null;
  const themeRaw = get('theme');
  if (themeRaw !== null && themeRaw.trim() !== '') {
    const v = themeRaw.trim();
    if (v === 'light' || v === 'dark') theme = v;
    else if (v !== 'system') bad('theme', themeRaw, 'light, dark, system');
  }

  const parentOrigins: string[] = [];
  const originsRaw = get('parent-origin');
  if (originsRaw !== null) {
    for (const part of originsRaw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const o = originOf(part);
      if (o === null) bad('parent-origin', part, 'https://host[:port]');
      else if (!parentOrigins.includes(o)) parentOrigins.push(o);
    }
  }

  return { options: { scenario, lang, views, controls, autoplay, seed, theme, parentOrigins }, problems };
}
