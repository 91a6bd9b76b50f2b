// The outreach page, usable with no connection. Hand-written on purpose: two rules, no build step.
//  - Opening /outreach: the network first (the page is always current when there is a signal), the
//    last good copy when there is none. Only a real page is kept, never a redirect to sign-in.
//  - /_next/static/*: file names carry a content hash, so the cached copy is always right.
// Nothing else is touched: API posts, other pages and server actions go straight to the network.
// The page itself puts its first copy and its assets here (components/outreach/queue/offline-copy.tsx),
// and the sign-out and lock screens delete every cache (components/outreach/queue/wipe-offline.tsx).
const PAGES = 'lantern-pages';
const STATIC = 'lantern-static';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/_next/static/')) event.respondWith(cacheFirst(request));
  else if (request.mode === 'navigate' && url.pathname === '/outreach') event.respondWith(networkFirst(request));
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(STATIC)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) (await caches.open(PAGES)).put('/outreach', response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match('/outreach', { cacheName: PAGES, ignoreVary: true, ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}
