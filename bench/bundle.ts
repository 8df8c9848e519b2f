/**
 * The bench measures the simulator as the page runs it: bundled into one module (Vite's own
 * bundler, as `vite build` does for the page), not through tsx's on-the-fly loader, whose
 * per-module export getters cost ≈ 16 % of a run's CPU samples (w3: 0.52 s bundled vs 0.77 s
 * under tsx) and more in code that calls across many small modules (the MPTCP layer).
 * BENCH_BUNDLE=0 measures under tsx instead.
 */
import { build } from 'vite';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * Bundle `entry` (a path from the project root) for node into node_modules/.cache (inside the
 * project, so the bundle's external imports — xstate, @noble/hashes — resolve from node_modules).
 * Returns the bundle's path.
 */
export async function bundleForNode(entry: string): Promise<string> {
  const outDir = join(ROOT, 'node_modules', '.cache', 'mptcp-playground-bench');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: join(ROOT, entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  return join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
}
