/* Lapor Kesbang service worker: keeps the app itself on the phone so it opens without signal. Reports are not its
   business: the page keeps them in IndexedDB and sends them itself (the API is never cached). */

const CACHE = 'halo-app-__VERSION__';
const SHELL = [
  '/app/',
  '/app/app.js',
  '/app/app.css',
  '/app/manifest.webmanifest',
  '/app/icon.svg',
  '/app/icon-192.png',
  '/app/icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('halo-app-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname !== '/app' && !url.pathname.startsWith('/app/')) return;
  const key = url.pathname === '/app' ? '/app/' : url.pathname;
  event.respondWith(caches.match(key).then((hit) => hit || fetch(event.request)));
});
