'use client';

import { useEffect } from 'react';
import { wipeOffline } from './store.ts';

/**
 * On the lock screen and after signing out: deletes the outreach queue and every offline copy of
 * pages from this browser. The server has already destroyed the queue's key (lib/auth/account.ts),
 * so even a copy taken before this ran cannot be read. Renders nothing.
 */
export function WipeOffline() {
  useEffect(() => {
    void wipeOffline().catch(() => undefined);
  }, []);
  return null;
}
