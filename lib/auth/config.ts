import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate } from './authenticate.ts';
import { clientIp } from './client-ip.ts';
import { ABSOLUTE_SESSION_HOURS } from './resolve-session.ts';
import { REMEMBER_COOKIE } from './two-factor.ts';

/** One cookie's value from a Cookie header. */
function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** `invalid`, or `throttled:<seconds to wait>` (read back by the sign-in action). */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module 'next-auth' {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}

// The JWT carries only the id of an auth_session row. Role, active flag, session version, idle
// and lock state are read from PostgreSQL on every request (lib/auth/session.ts), so a change to
// an account takes effect on its next request.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: ABSOLUTE_SESSION_HOURS * 3600 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  // Auth.js logs the error on every refused sign-in; the audit log already records it.
  logger: {
    error: (error) => {
      if (!(error instanceof CredentialsSignin)) console.error(error.name);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await authenticate(credentials, clientIp(request.headers), undefined, cookieValue(request.headers.get('cookie'), REMEMBER_COOKIE));
        if (!result.ok) throw new SignInRefused(result.reason === 'throttled' ? `throttled:${Math.ceil(result.waitMs / 1000)}` : result.reason);
        return { id: result.userId, sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      // Nothing identifying rides in the cookie beyond the session id.
      delete token.email;
      delete token.name;
      delete token.picture;
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, sid: typeof token.sid === 'string' ? token.sid : undefined } as typeof session;
    },
  },
});
