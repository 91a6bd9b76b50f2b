'use client';

import { useEffect, useRef, useState } from 'react';
import { hideScreenAction } from '@/app/(auth)/session-actions.ts';

const DOUBLE_PRESS_MS = 600;

/**
 * "Hide screen": Esc pressed twice, the button, or the idle timer covers the page at once
 * (before any network round trip), then locks the session on the server so a reload or the
 * back button shows only the neutral locked page.
 */
export function HideScreen({ idleMinutes }: { idleMinutes: number }) {
  const [hidden, setHidden] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const hide = () => {
      setHidden(true);
      formRef.current?.requestSubmit();
    };
    let lastEscape = 0;
    let idleTimer = setTimeout(hide, idleMinutes * 60_000);
    const onActivity = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(hide, idleMinutes * 60_000);
    };
    const onKey = (event: KeyboardEvent) => {
      onActivity();
      if (event.key !== 'Escape') return;
      const now = Date.now();
      if (now - lastEscape < DOUBLE_PRESS_MS) hide();
      lastEscape = now;
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onActivity);
    return () => {
      clearTimeout(idleTimer);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onActivity);
    };
  }, [idleMinutes]);

  return (
    <>
      <form ref={formRef} action={hideScreenAction} onSubmit={() => setHidden(true)}>
        <button className="button secondary small" type="submit" title="Hide screen (press Esc twice)">
          Hide screen
        </button>
      </form>
      {hidden && <div className="privacy-screen" aria-hidden="true" />}
    </>
  );
}
