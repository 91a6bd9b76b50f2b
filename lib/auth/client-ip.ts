import { CLIENT_ADDRESS_HEADER, HOOK_MARK } from './client-address.mjs';

/**
 * The caller's address for throttling, as the hook in front of Next decided it from the socket
 * (and TRUSTED_PROXIES, when set): see lib/auth/client-address.mjs. X-Forwarded-For itself is
 * never read here — a client writes what it likes there. Without the hook (`next dev` run by
 * hand) every caller is "unknown": the per-address limit then covers everyone together.
 */
export function clientIp(headers: Headers): string {
  if (!(globalThis as Record<symbol, unknown>)[HOOK_MARK]) return 'unknown';
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
