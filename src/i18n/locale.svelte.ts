/**
 * The UI language: a reactive class (Svelte 5 runes), remembered in localStorage, first chosen from
 * navigator.language. Templates call `t('key', { name: value })`; reading `locale.current` inside
 * `t` makes every string re-render instantly when the language changes.
 */
import { en, type MessageKey } from './en';
import { zh } from './zh';
import { interpolate, type MessageParams } from './interpolate';

export type LocaleId = 'en' | 'zh';

export const LOCALES: readonly LocaleId[] = ['en', 'zh'];

/** Name of each language in itself, for the switch. */
export const LOCALE_NAMES: Record<LocaleId, string> = { en: 'EN', zh: '中文' };

/** BCP 47 tag for `<html lang>` and Intl formatting. */
export const LOCALE_TAGS: Record<LocaleId, string> = { en: 'en', zh: 'zh-CN' };

const TABLES: Record<LocaleId, Record<MessageKey, string>> = { en, zh };

export const LOCALE_STORAGE_KEY = 'mptcp-playground.locale';

/** 'zh' for any Chinese browser language (zh, zh-CN, zh-Hans-…, zh-TW), else 'en'. */
export function localeFromLanguage(language: string | undefined | null): LocaleId {
  return language && language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function isLocaleId(v: unknown): v is LocaleId {
  return v === 'en' || v === 'zh';
}

function readStored(): LocaleId | null {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocaleId(v) ? v : null;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed iframe)
  }
}

export class Locale {
  current = $state<LocaleId>('en');

  constructor() {
    this.current = readStored() ?? localeFromLanguage(globalThis.navigator?.language);
  }

  /** BCP 47 tag of the current language. */
  get tag(): string {
    return LOCALE_TAGS[this.current];
  }

  set(id: LocaleId): void {
    this.current = id;
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, id);
    } catch {
      // not remembered, still switched
    }
  }

  /** The string for `key` in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params?: MessageParams): string => interpolate(TABLES[this.current][key], params);
}

/** The app's one locale. */
export const locale = new Locale();

/** Shorthand for `locale.t`. */
export const t = locale.t;
