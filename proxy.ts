import { NextResponse, type NextRequest } from 'next/server';

// Runs before every page: sets a per-request CSP nonce and forbids caching. It does not decide
// who may see what — every page, action and data function checks that itself.
// Matches experimental.serverActions.bodySizeLimit in next.config.js. Next enforces that limit too,
// but answers with a 500; refusing here first gives the honest 413 (or 411 without a length).
const MAX_BODY_BYTES = 256 * 1024;

function refuseOversizedBody(request: NextRequest): Response | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  const length = request.headers.get('content-length');
  if (length === null) {
    if (!request.headers.get('transfer-encoding')) return null; // no body at all
    return new Response('Send the request with a Content-Length.', { status: 411, headers: { 'Content-Type': 'text/plain' } });
  }
  if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) {
    return new Response('That was too much to send at once.', { status: 413, headers: { 'Content-Type': 'text/plain' } });
  }
  return null;
}

/**
 * A post from another site's page (a forged form, a fetch with the visitor's cookie): a plain 403
 * before it reaches a Server Action or route. Next refuses a foreign Origin on Server Actions too,
 * but with a 500. Browsers send Origin with every POST and Sec-Fetch-Site with every request; a
 * request without either is not a browser acting for someone and goes on to the usual checks.
 */
function refuseCrossSite(request: NextRequest): Response | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  const forbidden = () => new Response('Refused: this request came from another site.', { status: 403, headers: { 'Content-Type': 'text/plain' } });
  if (request.headers.get('sec-fetch-site') === 'cross-site') return forbidden();
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a file) or garbage: not this site.
  }
  return originHost !== null && originHost === host ? null : forbidden();
}

export function proxy(request: NextRequest) {
  const refused = refuseCrossSite(request) ?? refuseOversizedBody(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV !== 'production';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    // The outreach page's offline copy (public/sw.js); 'strict-dynamic' would otherwise ignore 'self'.
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  // Signed-in pages must not survive in the browser's cache or back/forward history.
  response.headers.set('Cache-Control', 'no-store, max-age=0');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
