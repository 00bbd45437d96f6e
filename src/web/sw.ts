// The service worker: keeps every built file of the site in a cache so the trainer and the
// playground work offline once loaded. The build (vite.config.ts) replaces the mark below with
// this build's file list and version; each build gets its own cache and drops the older ones.

export type {};

declare const self: ServiceWorkerGlobalScope;

interface Precache {
  version: string;
  files: string[];
}

const PRECACHE: Precache = JSON.parse('__GOTRAP_PRECACHE__');
const CACHE = `gotrap-${PRECACHE.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('gotrap-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // The page: the network first, so a new build shows up when online; the cached copy offline.
    event.respondWith(
      fetch(req).catch(async () => (await caches.match('./', { ignoreSearch: true })) ?? Response.error()),
    );
    return;
  }
  // Assets carry a content hash in their names: a cached copy is always right.
  event.respondWith(caches.match(req).then((hit) => hit ?? fetch(req)));
});
