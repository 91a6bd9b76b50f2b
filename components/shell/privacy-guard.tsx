'use client';

import { useEffect } from 'react';
import { noteSubmission } from '@/lib/saved-cookie.ts';
import { coverScreen, drawnBeforeHide, hideScreen, HIDDEN_AT_KEY, HIDING_KEY, redrawFromServer } from './privacy.ts';

const DOUBLE_PRESS_MS = 600;

/**
 * On every page (the root layout), 404 and error pages included:
 * - Esc pressed twice hides the screen;
 * - another tab hiding the screen covers this one at once, and once the server holds the lock, has
 *   the server draw it again;
 * - a page the browser restores from its back/forward cache after a hide is covered and drawn again,
 *   so Back and Forward never show what was on screen before the hide.
 * The cover itself is this element, shown by CSS while html[data-hidden] is set.
 * It also notes each form submission in this tab (capture, so before React sends the form), so the
 * error page speaks only of this tab's latest save (lib/saved-cookie.ts).
 */
export function PrivacyGuard() {
  useEffect(() => {
    let lastEscape = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = Date.now();
      if (now - lastEscape < DOUBLE_PRESS_MS) void hideScreen();
      lastEscape = now;
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key === HIDING_KEY && event.newValue) coverScreen();
      if (event.key === HIDDEN_AT_KEY && event.newValue) redrawFromServer();
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && drawnBeforeHide()) redrawFromServer();
    };
    document.addEventListener('submit', noteSubmission, true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('storage', onStorage);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      document.removeEventListener('submit', noteSubmission, true);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('storage', onStorage);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, []);
  return <div className="privacy-screen" aria-hidden="true" />;
}
