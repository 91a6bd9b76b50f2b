'use client';

import { useEffect, useId, useSyncExternalStore } from 'react';

// A page shows one confirmation at a time: a new "Saved." or "Done." replaces the one before it,
// wherever on the page that was, so repeated actions never leave a stack of old notices that no
// longer say what just happened. Errors are not confirmations: they stay beside their form until
// fixed. The latest is kept per owner, so a form whose component is remounted (a booking that
// moves in the grid when it is done) still shows what its own action did.

type Latest = { owner: string; state: object; message: string };

let latest: Latest | null = null;
// Each result confirms once: a form remounted with an old result (its key changed) does not claim again.
const claimed = new WeakSet<object>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    // Every form gone (another page): forget the message, so it does not come back with the page.
    // Deferred: a remounted form subscribes again in the same commit.
    setTimeout(() => {
      if (listeners.size === 0) latest = null;
    }, 0);
  };
}

/** Makes `message` the page's latest confirmation, for `owner`; for a result whose form may be gone by the time it renders. */
export function confirm(owner: string, state: object, message: string): void {
  if (claimed.has(state)) return;
  claimed.add(state);
  latest = { owner, state, message };
  for (const listener of listeners) listener();
}

const snapshot = () => latest;
const serverSnapshot = () => null;

/**
 * The confirmation to show for an action's state: its message while it is the page's latest, else
 * nothing. `state` is the action's result object (a new one each time it runs); `owner` names what
 * it confirms when that outlives the component (e.g. `booking:<id>`), otherwise each component is
 * its own owner.
 */
export function useLatestConfirmation(state: object | null, message: string | undefined, owner?: string): string | null {
  const own = useId();
  const key = owner ?? own;
  useEffect(() => {
    if (state && message) confirm(key, state, message);
  }, [state, message, key]);
  const current = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  if (!current || current.owner !== key) return null;
  // A remounted owner shows the latest even though its own state was reset.
  return owner || current.state === state ? current.message : null;
}
