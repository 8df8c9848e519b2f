import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// One config for the app (vite), the unit tests (vitest) and the build.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts', 'tests/fidelity/**/*.test.ts', 'tests/exchanges/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
