/**
 * Light/dark theme. 'system' follows prefers-color-scheme (the CSS does that on its own); 'light'
 * and 'dark' pin it via `<html data-theme>`. The choice is remembered in localStorage.
 */
export type ThemeMode = 'system' | 'light' | 'dark';

export const THEME_MODES: readonly ThemeMode[] = ['system', 'light', 'dark'];

export const THEME_STORAGE_KEY = 'mptcp-playground.theme';

function isThemeMode(v: unknown): v is ThemeMode {
  return v === 'system' || v === 'light' || v === 'dark';
}

function readStored(): ThemeMode {
  try {
    const v = globalThis.localStorage?.getItem(THEME_STORAGE_KEY);
    return isThemeMode(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

export class Theme {
  mode = $state<ThemeMode>(readStored());

  set(mode: ThemeMode): void {
    this.mode = mode;
    try {
      globalThis.localStorage?.setItem(THEME_STORAGE_KEY, mode);
    } catch {
      // not remembered, still applied
    }
    this.apply();
  }

  /** Write the mode onto `<html>`; the stylesheet does the rest. */
  apply(): void {
    const root = globalThis.document?.documentElement;
    if (!root) return;
    if (this.mode === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.mode;
  }
}

export const theme = new Theme();
