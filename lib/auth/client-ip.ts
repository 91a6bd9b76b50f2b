/**
 * The caller's address for per-IP throttling. The right-most X-Forwarded-For entry is the one
 * added by the nearest proxy (Next's own server adds it), so a client cannot choose it by sending
 * the header itself.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  return last ?? headers.get('x-real-ip') ?? 'unknown';
}
