/**
 * Message templates: `{name}` placeholders replaced by values. Pure, so the locale class and the
 * parity test share one definition of what a placeholder is.
 */

/** Matches one placeholder; group 1 is its name. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type MessageParams = Record<string, string | number>;

/**
 * Replace every `{name}` in `template` by `params[name]`. A placeholder without a value stays as
 * written, so a missing parameter is visible on screen instead of silently blank.
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (params === undefined) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The placeholder names used by `template`, sorted and without duplicates. */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) names.add(m[1]);
  return [...names].sort();
}
