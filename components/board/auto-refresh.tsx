'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/**
 * Re-renders the page from the server every so often, in place (no reload, no flash, and no
 * <meta refresh>, which WCAG rules out for pages people read). A failed refresh (the network
 * dropped) leaves the board as it was until the next one succeeds.
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
