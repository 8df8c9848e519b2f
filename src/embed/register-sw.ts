/// <reference types="vite/client" />
/**
 * Register the site's service worker (build/sw.js, written into the build by build/precache.ts)
 * so the site works offline after one visit. Production builds only (the dev server has no sw.js),
 * only over http(s), after the page has loaded (precaching must not compete with the first render).
 * A failure only means no offline copy: it is logged as information, never as an error.
 */
export function registerServiceWorker(swPath: string): void {
  if (!import.meta.env.PROD) return;
  const loc = globalThis.location;
  if (!loc || (loc.protocol !== 'http:' && loc.protocol !== 'https:')) return;
  if (!('serviceWorker' in navigator)) return;
  const go = (): void => {
    navigator.serviceWorker.register(new URL(swPath, loc.href)).catch((e: unknown) => {
      console.info('offline copy not available:', e instanceof Error ? e.message : e);
    });
  };
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}
