/**
 * Scenario files: the name an exported scenario is saved under. Pure, so it is unit-tested.
 */

/** `<scenario name>.json`, the name reduced to safe file-name characters; `scenario.json` when it has none. */
export function exportFileName(text: string): string {
  let name = '';
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { name?: unknown }).name === 'string') name = (v as { name: string }).name;
  } catch {
    // Not JSON (yet): still exported, under the default name.
  }
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 80);
  return `${safe || 'scenario'}.json`;
}
