import { expect, test } from './fixtures.ts';

// Requests no form would send: crafted by hand, replayed, oversized. Each gets a plain answer
// and changes nothing; none may produce a 500 or a stack trace.

/** The hidden fields React renders for the sign-in form's Server Action (progressive enhancement). */
async function signInFormFields(request: import('@playwright/test').APIRequestContext): Promise<Record<string, string>> {
  const html = await (await request.get('/sign-in')).text();
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) {
    fields[m[1]!] = (m[2] ?? '').replaceAll('&quot;', '"');
  }
  expect(Object.keys(fields).some((k) => k.startsWith('$ACTION'))).toBe(true);
  return fields;
}

test.describe('hand-made requests', () => {
  test('an oversized body is refused with 413 before it reaches any action', async ({ request }) => {
    const fields = await signInFormFields(request);
    const response = await request.post('/sign-in', { multipart: { ...fields, email: 'a'.repeat(400_000), password: 'x' } });
    expect(response.status()).toBe(413);
    expect(await response.text()).toBe('That was too much to send at once.');
  });

  for (const [label, email] of [
    ['a script tag', '<script>alert(1)</script>@example.org'],
    ['control characters', 'a\u0000b\u0007@example.org'],
    ['an over-long address', `${'a'.repeat(300)}@example.org`],
  ] as const) {
    test(`the sign-in action answers ${label} with a plain message, without JavaScript`, async ({ request }) => {
      const fields = await signInFormFields(request);
      const response = await request.post('/sign-in', { multipart: { ...fields, email, password: 'whatever password' } });
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toMatch(/Enter a valid email|That email is too long/);
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toMatch(/at \w+ \(.*:\d+:\d+\)/); // no stack trace
    });
  }

  test('a wrong type or garbage to the sign-in endpoint is not a 500', async ({ request }) => {
    for (const data of ['{"email": 42, "password": ["x"]}', 'not json at all', '']) {
      const response = await request.post('/api/auth/callback/credentials', { headers: { 'Content-Type': 'application/json' }, data, maxRedirects: 0 });
      expect(response.status(), data).toBeLessThan(500);
    }
  });

  test('a made-up Server Action id is not a 500', async ({ request }) => {
    const response = await request.post('/sign-in', {
      headers: { 'Next-Action': 'ffffffffffffffffffffffffffffffffffffffffff', 'Content-Type': 'text/plain;charset=UTF-8' },
      data: '[]',
    });
    expect(response.status()).toBeLessThan(500);
  });

  for (const [label, headers] of [
    ['another site’s Origin', { Origin: 'https://elsewhere.example' }],
    ['an Origin of "null" (a sandboxed frame)', { Origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
  ] as const) {
    test(`a Server Action posted from ${label} is refused with a plain 403, and does nothing`, async ({ page, signInAs }) => {
      await signInAs('coordinator');
      // The "Hide screen" form's action, posted with this browser's session cookie, as a forged
      // form on another site would: had it run, the session would be locked.
      const html = await (await page.request.get('/')).text();
      const form = html.match(/<form[^>]*>(?:(?!<\/form>)[\s\S])*?Hide screen/)?.[0] ?? '';
      const actionField = form.match(/name="(\$ACTION_ID_[0-9a-f]+)"/)?.[1];
      expect(actionField).toBeTruthy();
      const post = (extra: Record<string, string>) => page.request.post('/', { headers: extra, multipart: { [actionField!]: '' }, maxRedirects: 0 });

      const response = await post(headers);
      expect(response.status()).toBe(403);
      expect(response.headers()['content-type']).toBe('text/plain');
      expect(await response.text()).toBe('Refused: this request came from another site.');
      await page.goto('/participants');
      await expect(page).toHaveURL('/participants');

      // The same post from this site goes through and locks: the refusal above was the origin's.
      const own = await post({ Origin: new URL(page.url()).origin, 'Sec-Fetch-Site': 'same-origin' });
      expect(own.status()).toBeLessThan(400);
      await page.goto('/participants');
      await expect(page).toHaveURL('/locked');
    });
  }
});
