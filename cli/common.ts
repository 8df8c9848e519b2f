/** What the command-line tools (sim, analyze, lab) share. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Is the module at `metaUrl` the script node was started with (not imported by a test)? */
export function isEntryPoint(metaUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return metaUrl === pathToFileURL(resolve(script)).href;
  } catch {
    return false;
  }
}

/** An error's message for one line of stderr (never a stack trace). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}
