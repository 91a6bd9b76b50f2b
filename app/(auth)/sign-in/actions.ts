'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/lib/auth/config.ts';
import { SignInSchema } from '@/lib/auth/authenticate.ts';
import { formToObject } from '@/lib/validation.ts';
import { waitMessage } from '@/lib/auth/throttle-rules.ts';
import type { ActionState } from '@/lib/action.ts';

const INVALID = 'That email and password do not match an active account.';

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const raw = formToObject(formData);
  const parsed = SignInSchema.safeParse(raw);
  const email = typeof raw.email === 'string' ? raw.email.slice(0, 254) : '';
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, fieldErrors, values: { email } };
  }
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: '/' });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const throttled = /^throttled:(\d+)$/.exec(error.code);
      return { ok: false, formError: throttled ? waitMessage(Number(throttled[1]) * 1000) : INVALID, values: { email } };
    }
    if (error instanceof AuthError) return { ok: false, formError: INVALID, values: { email } };
    throw error; // includes the redirect that completes a successful sign-in
  }
}
