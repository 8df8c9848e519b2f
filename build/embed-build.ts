/**
 * The custom element's bundle (src/embed/element.ts → OUT/embed/mptcp-playground.js), built after
 * the site by a second Vite build: one ES module a docs site loads with `<script type="module">`,
 * its views and the gallery as lazy chunks next to it, and the simulation worker, all addressed
 * relative to the module's own URL. Svelte styles are injected at run time (`css: 'injected'`),
 * which puts them into the element's shadow root, not the page.
 */
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';

/** Folder of the bundle inside the site. */
export const EMBED_DIR = 'embed';
/** File name of the element's module. */
export const EMBED_ENTRY = 'mptcp-playground.js';

export async function buildEmbed(root: string, siteOutDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [svelte({ compilerOptions: { css: 'injected' }, emitCss: false })],
    worker: { format: 'es' },
    build: {
      outDir: join(siteOutDir, EMBED_DIR),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      copyPublicDir: false,
      modulePreload: false,
      rollupOptions: {
        input: join(root, 'src/embed/element.ts'),
        output: {
          entryFileNames: EMBED_ENTRY,
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
}
