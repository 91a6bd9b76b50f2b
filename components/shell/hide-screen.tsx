'use client';

import { useEffect } from 'react';
import { hideScreenAction } from '@/app/(auth)/session-actions.ts';
import { hideScreen } from './privacy.ts';

/**
 * The "Hide screen" button, and the idle timer that presses it. Esc twice is heard on every page by
 * PrivacyGuard (the root layout). Without scripts the button still locks: the form posts to the server.
 */
export function HideScreen({ idleMinutes }: { idleMinutes: number }) {
  useEffect(() => {
    let idleTimer = setTimeout(() => void hideScreen(), idleMinutes * 60_000);
    const onActivity = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => void hideScreen(), idleMinutes * 60_000);
    };
    window.addEventListener('keydown', onActivity);
    window.addEventListener('pointerdown', onActivity);
    return () => {
      clearTimeout(idleTimer);
      window.removeEventListener('keydown', onActivity);
      window.removeEventListener('pointerdown', onActivity);
    };
  }, [idleMinutes]);

  return (
    <form
      action={hideScreenAction}
      onSubmit={(event) => {
        event.preventDefault();
        void hideScreen();
      }}
    >
      <button className="button secondary small" type="submit" title="Hide screen (press Esc twice)">
        Hide screen
      </button>
    </form>
  );
}
