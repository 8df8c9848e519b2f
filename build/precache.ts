/**
 * The service worker's precache list, made after the build: every file the site emitted (HTML,
 * JS chunks, worker chunks, CSS, lesson and exercise chunks, the embed bundle, public files),
 * except source maps and the worker itself, and a version that is a hash of the list and the
 * files' contents, so a new build gets a new cache (and the old one is deleted on activate).
 * OUT/sw.js = `self.__PRECACHE = {version, files};` + build/sw.js.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const SW_FILE = 'sw.js';

export interface Precache {
  version: string;
  /** URLs relative to the site root (`./index.html`), plus `./` for the root page. */
  files: string[];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await walk(p)));
    else if (d.isFile()) out.push(p);
  }
  return out;
}

/** Whether a built file belongs in the precache. */
export function precached(rel: string): boolean {
  return !rel.endsWith('.map') && rel !== SW_FILE && !rel.split('/').some((part) => part.startsWith('.'));
}

export async function precacheOf(outDir: string): Promise<Precache> {
  const rels = (await walk(outDir))
    .map((p) => relative(outDir, p).split(sep).join('/'))
    .filter(precached)
    .sort();
  const hash = createHash('sha256');
  for (const rel of rels) {
    hash.update(rel);
    hash.update('\0');
    hash.update(createHash('sha256').update(await readFile(join(outDir, rel))).digest());
  }
  const files = rels.map((r) => `./${r}`);
  if (rels.includes('index.html')) files.unshift('./');
  return { version: hash.digest('hex').slice(0, 16), files };
}

export async function writeServiceWorker(outDir: string, template: string): Promise<Precache> {
  const pc = await precacheOf(outDir);
  await writeFile(join(outDir, SW_FILE), `self.__PRECACHE = ${JSON.stringify(pc)};\n${template}`);
  return pc;
}
