/**
 * The mark a committed save leaves for the error page (lib/action.ts sets it, app/error.tsx reads
 * it): "<program-clock time of the save in ms>.<submission token>", readable by the page's script.
 * The browser drops it after two minutes by itself (Max-Age).
 *
 * The token ties the mark to one submission, so the error page claims "stored" only for the save
 * this tab just sent, never for an earlier one (an earlier save in this tab, another tab, or the
 * person before on a shared computer): each form submission draws a fresh token, keeps it in this
 * tab's sessionStorage and sends it in the SUBMIT_COOKIE with the request; the action copies it into
 * the mark only when the save committed. Tokens are compared, not clocks, so a browser clock that is
 * off (or a fixed program clock) cannot make an old save look like the latest one.
 */
export const SAVED_COOKIE = { name: 'lantern-saved', maxAgeSeconds: 120 } as const;
/** The latest submission's token, sent by the browser with the save. */
export const SUBMIT_COOKIE = { name: 'lantern-submit', maxAgeSeconds: 600 } as const;
const TAB_KEY = 'lantern-submit';
const TOKEN = /^[0-9a-f]{32}$/;

function cookieValue(cookieHeader: string, name: string): string | undefined {
  const prefix = `${name}=`;
  return cookieHeader
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(prefix))
    ?.slice(prefix.length);
}

/** The mark's value for a committed save, or null when the request carried no usable token. */
export function savedMark(at: Date, submitToken: string | undefined): string | null {
  return submitToken && TOKEN.test(submitToken) ? `${at.getTime()}.${submitToken}` : null;
}

/**
 * When this tab's latest submission committed, from `document.cookie` and this tab's token; null
 * when it did not (or not within two minutes, or the mark is another submission's).
 */
export function lastSaveAt(cookieHeader: string, tabToken: string | null): Date | null {
  const [time, token] = (cookieValue(cookieHeader, SAVED_COOKIE.name) ?? '').split('.');
  if (!tabToken || !token || token !== tabToken) return null;
  const at = Number(time);
  return Number.isSafeInteger(at) && at > 0 ? new Date(at) : null;
}

/** This tab's latest submission token (browser only); null when none or storage is refused. */
export function tabSubmitToken(): string | null {
  try {
    return sessionStorage.getItem(TAB_KEY);
  } catch {
    return null;
  }
}

/**
 * A form is being submitted in this tab (browser only, from a document-level capture listener, so
 * it runs before React sends the form): draw a fresh token, keep it for this tab, send it along.
 */
export function noteSubmission(): void {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    sessionStorage.setItem(TAB_KEY, token);
  } catch {
    return; // no storage for this tab: it never claims a save, so nothing needs sending
  }
  document.cookie = `${SUBMIT_COOKIE.name}=${token}; Path=/; Max-Age=${SUBMIT_COOKIE.maxAgeSeconds}; SameSite=Strict`;
}
