/**
 * The embed bundle's size as a page pays for it: the element's module plus every chunk it imports
 * statically (found by following `from "./…"` / `import "./…"` in the built files), gzip level 9.
 * Lazy chunks (views, gallery) and the worker are reported apart.
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EmbedSize {
  /** Files loaded before the element can render, relative to the embed folder. */
  initialFiles: string[];
  initialGzip: number;
  /** All other JS (lazy views, gallery, worker), gzip. */
  lazyGzip: number;
}

const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;

/** Relative static import specifiers of a module's source (dynamic `import("…")` is not matched). */
export function staticImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(STATIC_IMPORT)) out.push(m[1]);
  return out;
}

async function jsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await jsFiles(p)));
    else if (d.name.endsWith('.js')) out.push(p);
  }
  return out;
}

export async function embedSize(embedDir: string, entry: string): Promise<EmbedSize> {
  const seen = new Set<string>();
  const queue = [resolve(embedDir, entry)];
  let initialGzip = 0;
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const buf = await readFile(file);
    initialGzip += gzipSync(buf, { level: 9 }).length;
    for (const spec of staticImports(buf.toString('utf8'))) queue.push(resolve(dirname(file), spec));
  }
  let lazyGzip = 0;
  for (const f of await jsFiles(embedDir)) if (!seen.has(f)) lazyGzip += gzipSync(await readFile(f), { level: 9 }).length;
  return { initialFiles: [...seen].map((f) => relative(embedDir, f)).sort(), initialGzip, lazyGzip };
}
