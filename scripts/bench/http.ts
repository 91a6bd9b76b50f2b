import { performance } from 'node:perf_hooks';

// Talking to the running app as a browser would: sign in through Auth.js's credentials endpoint
// (the same authorize() the sign-in form's action calls, so a real auth_session row and cookie),
// then time page loads to the first byte of the response body.

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token=/;

function cookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** Signs in and returns the Cookie header a signed-in browser would send. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
  await res.arrayBuffer();
  const session = cookies(res).find((c) => SESSION_COOKIE.test(c));
  // The location may carry an error code (e.g. ?error=CredentialsSignin&code=throttled); never a password.
  if (!session) throw new Error(`sign-in refused (HTTP ${res.status} → ${res.headers.get('location') ?? 'no redirect'})`);
  return session;
}

/** A page that did not answer 200 with a body: its path (never the query) and where it redirected. */
function refused(res: Response, path: string): Error {
  const location = res.headers.get('location');
  return new Error(`GET ${path.split('?')[0]} answered ${res.status}${location ? ` → ${location}` : ''}`);
}

/**
 * GETs a page and returns the milliseconds until the first byte of its body arrived. Anything but
 * a 200 (a redirect to sign-in, an error page) fails, so a broken page cannot look fast.
 */
export async function timeToFirstByte(baseUrl: string, path: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
  const reader = res.body!.getReader();
  const first = await reader.read();
  const ttfb = performance.now() - started;
  while (!(await reader.read()).done) {
    // drain: the connection is reused for the next request
  }
  if (res.status !== 200 || first.done) throw refused(res, path);
  return ttfb;
}

/**
 * GETs a page or file and returns the milliseconds until the last byte of its body arrived: what
 * a person waits for a whole report or download. Anything but a 200 fails, as above.
 */
export async function timeWholeResponse(baseUrl: string, path: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  const elapsed = performance.now() - started;
  if (res.status !== 200 || body.byteLength === 0) throw refused(res, path);
  return elapsed;
}
