'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIp } from '@/lib/auth/client-ip.ts';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';
import { confirmEnrolment, giveSecondFactor, rememberBrowser, REMEMBER_COOKIE, replaceRecoveryCodes } from '@/lib/auth/two-factor.ts';
import { confirmOwnPassword } from '@/lib/auth/account.ts';
import { AppError } from '@/lib/errors.ts';
import { formToObject } from '@/lib/validation.ts';
import type { ActionState } from '@/lib/action.ts';

// Two-step sign-in. These run before the session is fully signed in (the second factor, setting
// it up when it is required), so each checks the session's state itself, as session-actions.ts does.

const CodeSchema = z.object({
  code: z.string().max(64, 'That code is too long.'),
  remember: z.literal('on').optional(),
  password: z.string().max(256, 'That password is too long.').optional(),
});
const PasswordSchema = z.object({ password: z.string().max(256, 'That password is too long.').default('') });

function refusal(error: unknown): ActionState {
  if (error instanceof AppError) return { ok: false, fieldErrors: { [error.field === 'password' ? 'password' : 'code']: error.userMessage } };
  throw error;
}

/** The code from the app, or a recovery code, after the password. */
export async function giveSecondFactorAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'second_factor') redirect(pageFor(state) ?? '/');
  const parsed = CodeSchema.safeParse(formToObject(formData));
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues[0]!.message } };
  try {
    await giveSecondFactor(state.actor, parsed.data.code, clientIp(await headers()));
  } catch (error) {
    return refusal(error);
  }
  if (parsed.data.remember) {
    const { token, expiresAt } = await rememberBrowser(state.actor);
    (await cookies()).set(REMEMBER_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      expires: expiresAt,
      secure: (process.env.AUTH_URL ?? '').startsWith('https://'),
    });
  }
  redirect('/');
}

/** Confirms the new key with a code from the app; answers with the recovery codes, to be shown once. */
export async function confirmTwoStepAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'enrol' && state.status !== 'ok') redirect(pageFor(state) ?? '/');
  const parsed = CodeSchema.safeParse(formToObject(formData));
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues[0]!.message } };
  try {
    const ip = clientIp(await headers());
    // Set up from Your account (a session signed in for a while): the password again first. At the
    // first sign-in (`enrol`) it was typed a moment ago.
    if (state.status === 'ok') await confirmOwnPassword(state.actor, parsed.data.password ?? '', ip, 'password');
    const codes = await confirmEnrolment(state.actor, parsed.data.code, ip);
    return { ok: true, message: 'Two-step sign-in is set up.', data: { codes: codes.join(' ') } };
  } catch (error) {
    return refusal(error);
  }
}

/** Ten new recovery codes for the signed-in account; the old ones stop working. */
export async function replaceRecoveryCodesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'ok') redirect(pageFor(state) ?? '/');
  const parsed = PasswordSchema.safeParse(formToObject(formData));
  if (!parsed.success) return { ok: false, fieldErrors: { password: parsed.error.issues[0]!.message } };
  try {
    await confirmOwnPassword(state.actor, parsed.data.password, clientIp(await headers()), 'password');
    const codes = await replaceRecoveryCodes(state.actor);
    return { ok: true, message: 'New recovery codes made. The old ones no longer work.', data: { codes: codes.join(' ') } };
  } catch (error) {
    if (error instanceof AppError)
      return error.field ? { ok: false, fieldErrors: { [error.field]: error.userMessage } } : { ok: false, formError: error.userMessage };
    throw error;
  }
}
