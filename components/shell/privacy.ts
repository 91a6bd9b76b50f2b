import { lockScreenAction } from '@/app/(auth)/session-actions.ts';

/**
 * When this browser last hid a screen (ms since the epoch), in localStorage: every other tab hears it
 * at once (a storage event), and a page the browser brings back from its back/forward cache can tell
 * it was drawn before the hide.
 */
export const HIDDEN_AT_KEY = 'lantern.hiddenAt';
/** Written the moment a tab starts hiding, so every other tab covers itself at once too. */
export const HIDING_KEY = 'lantern.hiding';

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, quota): the lock still holds on the server.
  }
}

/** Covers the page at once, before any network round trip (CSS on html[data-hidden]). */
export function coverScreen(): void {
  document.documentElement.dataset.hidden = 'true';
}

function uncoverScreen(): void {
  delete document.documentElement.dataset.hidden;
}

let hiding = false;

/**
 * Hides the screen: covers it and every other tab, locks the session on the server, has the other
 * tabs drawn again by the server (so they show the locked page), then loads
 * the locked page as a new document. A new document, not a client-side navigation: what this one
 * drew (the router's cache, React state) is thrown away, so Back and Forward can only reach pages
 * the server draws again, and it draws only the locked page until the password is given.
 * Offline, the page stays covered.
 */
export async function hideScreen(): Promise<void> {
  coverScreen();
  if (hiding) return;
  hiding = true;
  const startedAt = String(Date.now());
  remember(HIDING_KEY, startedAt);
  let result: Awaited<ReturnType<typeof lockScreenAction>>;
  try {
    result = await lockScreenAction();
  } catch {
    hiding = false;
    return; // the server could not be reached: stay covered; a reload asks the server again
  }
  if (result === 'signed-out') {
    // Nobody is signed in here (the sign-in page, a public 404): nothing to hide. Other tabs covered
    // meanwhile are drawn again; with no session, that is the sign-in page.
    hiding = false;
    remember(HIDDEN_AT_KEY, startedAt);
    uncoverScreen();
    return;
  }
  // Only now that the server holds the lock: other tabs asked to redraw before it would be drawn
  // unlocked again.
  remember(HIDDEN_AT_KEY, startedAt);
  window.location.replace('/locked');
}

/** True when this document was drawn before the last hide in this browser. */
export function drawnBeforeHide(): boolean {
  let at = 0;
  try {
    at = Number(localStorage.getItem(HIDDEN_AT_KEY) ?? 0);
  } catch {
    return false;
  }
  return at > performance.timeOrigin;
}

/** Covers the page and asks the server for it again: it answers the locked page while locked. */
export function redrawFromServer(): void {
  coverScreen();
  window.location.reload();
}
