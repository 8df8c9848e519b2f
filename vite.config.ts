import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { sitePlugin } from './build/site-plugin';

// One config for the app (vite), the unit tests (vitest) and the build.
export default defineConfig({
  base: './',
  // sitePlugin: after the build, the <mptcp-playground> bundle (dist/embed/) and the offline service worker (dist/sw.js)
  plugins: [svelte(), sitePlugin()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // the app, the iframe route for embedding, and the embedding docs page
    rollupOptions: { input: { index: 'index.html', embed: 'embed.html', 'docs-embedding': 'docs/embedding.html' } },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts', 'tests/fidelity/**/*.test.ts', 'tests/exchanges/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
