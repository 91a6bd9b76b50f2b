'use client';

import { useEffect } from 'react';

/**
 * Makes this page open with no connection: registers public/sw.js and stores a copy of the page and
 * of every script and style it has loaded so far (the worker starts controlling the page only after
 * they were fetched, so it cannot have seen them). Renders nothing.
 */
export function OfflineCopy() {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('caches' in window)) return;
    void (async () => {
      try {
        await navigator.serviceWorker.register('/sw.js', { scope: '/' });
        const assets = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((name) => new URL(name).origin === location.origin && new URL(name).pathname.startsWith('/_next/static/'));
        await (await caches.open('lantern-static')).addAll([...new Set(assets)]);
        if (navigator.onLine) await (await caches.open('lantern-pages')).add('/outreach');
      } catch {
        // No offline copy this time (private mode, storage full): the page still works online.
      }
    })();
  }, []);
  return null;
}
