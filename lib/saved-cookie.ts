/**
 * The mark a committed save leaves for the error page (lib/action.ts sets it, app/error.tsx reads
 * it): the program-clock time of the save in milliseconds, readable by the page's script. The
 * browser drops it after two minutes by itself (Max-Age), so no clocks are compared.
 */
export const SAVED_COOKIE = { name: 'lantern-saved', maxAgeSeconds: 120 } as const;

/** When the last save in the past two minutes committed, from `document.cookie`; null when none did. */
export function lastSaveAt(cookieHeader: string): Date | null {
  const prefix = `${SAVED_COOKIE.name}=`;
  const entry = cookieHeader.split(';').map((c) => c.trim()).find((c) => c.startsWith(prefix));
  const at = entry ? Number(entry.slice(prefix.length)) : NaN;
  return Number.isSafeInteger(at) && at > 0 ? new Date(at) : null;
}
