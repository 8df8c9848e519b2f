/**
 * After `vite build` of the site has written its files: build the custom element's bundle into OUT/embed/
 * (embed-build.ts), then write OUT/sw.js with the precache list of everything emitted
 * (precache.ts). In this order, so the service worker precaches the embed bundle too.
 */
import type { Plugin, ResolvedConfig } from 'vite';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildEmbed, EMBED_DIR, EMBED_ENTRY } from './embed-build';
import { writeServiceWorker } from './precache';
import { embedSize } from './embed-size';

export function sitePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'mptcp-playground-site',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    // writeBundle runs only after a successful write, and also for the worker sub-builds, which
    // Vite runs through the same plugins: only the site's own bundle (it has index.html) counts
    async writeBundle(_options, bundle) {
      if (!('index.html' in bundle)) return;
      const outDir = resolve(config.root, config.build.outDir);
      await buildEmbed(config.root, outDir);
      const size = await embedSize(resolve(outDir, EMBED_DIR), EMBED_ENTRY);
      const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
      config.logger.info(`embed: ${EMBED_DIR}/${EMBED_ENTRY} ${kb(size.initialGzip)} gzip to first render (${size.initialFiles.length} files), ${kb(size.lazyGzip)} lazy (views, gallery, worker)`);
      const template = await readFile(resolve(config.root, 'build/sw.js'), 'utf8');
      const pc = await writeServiceWorker(outDir, template);
      config.logger.info(`service worker: ${pc.files.length} files precached, version ${pc.version}`);
    },
  };
}
