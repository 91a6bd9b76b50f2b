'use client';

import { useEffect } from 'react';

/**
 * Signing out wipes the queue (and the server destroys its key), so entries still waiting would be
 * lost: ask first. Listens before React does (capture, on window) for the header's Sign out button,
 * which lives in the staff layout, outside the outreach page. Renders nothing.
 */
export function SignOutGuard({ waiting }: { waiting: number }) {
  useEffect(() => {
    if (!waiting) return;
    const guard = (event: SubmitEvent) => {
      if (event.submitter?.textContent?.trim() !== 'Sign out') return;
      const entries = waiting === 1 ? '1 entry is' : `${waiting} entries are`;
      if (window.confirm(`${entries} still waiting on this phone and will be deleted if you sign out now. Sign out anyway?`)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('submit', guard, true);
    return () => window.removeEventListener('submit', guard, true);
  }, [waiting]);
  return null;
}
