/*
 * The site's service worker (issue 7, item 5: a classroom with bad Wi-Fi still works). The build
 * prepends `self.__PRECACHE = {version, files}` (build/precache.ts): on install every file of the
 * build is fetched into a cache named after the build's hash; on activate older caches of this site
 * are deleted; requests are answered from the cache first (query strings ignored, so
 * embed.html?scenario=… and the app's hash routes are served offline), then from the network.
 */
const PREFIX = 'mptcp-playground-';
const { version, files } = self.__PRECACHE;
const CACHE = `${PREFIX}${version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache, so a new build never precaches stale files
      await cache.addAll(files.map((f) => new Request(new URL(f, self.registration.scope), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (e) {
        // offline and not precached: a directory URL may still be a cached page
        if (req.mode === 'navigate') {
          const page = await cache.match(new URL('index.html', new URL('./', req.url)).href);
          if (page) return page;
        }
        throw e;
      }
    })(),
  );
});
