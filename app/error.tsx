'use client';

import { startTransition, useSyncExternalStore } from 'react';
import { useRouter } from 'next/navigation';
import { formatLocal } from '@/lib/calendar/index.ts';
import { lastSaveAt, tabSubmitToken } from '@/lib/saved-cookie.ts';

/**
 * The page could not be drawn (a bug, or the database did not answer). It cannot know whether
 * something typed was lost, so it does not say so. When this tab's latest submission committed in
 * the past two minutes (lib/action.ts leaves a mark with that submission's token), it says that save
 * stands: the page drawn after a save can fail after the commit, and a person who believed nothing
 * was saved would enter it twice. A mark of any other save (earlier, another tab, another person)
 * says nothing about the one that just failed, so then it says to check.
 */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  // The mark lives only in the browser; read once (a number, so the snapshot is stable).
  const savedAt = useSyncExternalStore(
    noChanges,
    () => lastSaveAt(document.cookie, tabSubmitToken())?.getTime() ?? 0,
    () => 0,
  );
  // Draw the page again from the server, not only this boundary (the failure was on the server).
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main>
      <div className="card narrow" role="alert">
        <h1>This page could not be shown</h1>
        {savedAt ? (
          <p>
            <strong>Your save at {formatLocal(new Date(savedAt), 'HH:mm')} was stored.</strong> The page after it could not be drawn, perhaps because the
            database did not answer. Do not enter it again: try again in a moment to see it.
          </p>
        ) : (
          <p>If you had just pressed Save, check whether it was stored before entering it again.</p>
        )}
        <p>Tell the program manager if it keeps happening.</p>
        <button className="button" type="button" onClick={retry}>
          Try again
        </button>
      </div>
    </main>
  );
}

const noChanges = () => () => {};
