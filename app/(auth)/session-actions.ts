'use server';

import { cookies, headers } from 'next/headers';
import { WIPE_COOKIE } from '@/lib/auth/wipe.ts';
import { SAVED_COOKIE, SUBMIT_COOKIE } from '@/lib/saved-cookie.ts';
import { redirect } from 'next/navigation';
import { clientIp } from '@/lib/auth/client-ip.ts';
import { z } from 'zod';
import { signOut } from '@/lib/auth/config.ts';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';
import { changeOwnPassword, endSession, lockSession, signOutEverywhere, unlockSession } from '@/lib/auth/account.ts';
import { NewPasswordSchema } from '@/lib/auth/password.ts';
import { AppError } from '@/lib/errors.ts';
import { formToObject } from '@/lib/validation.ts';
import type { ActionState } from '@/lib/action.ts';

// Actions on one's own session. They work in states the general action wrapper refuses (a locked
// screen, a temporary password), so each checks the session state itself.

/**
 * Locks this browser's session; the page then loads /locked itself (components/shell/privacy.ts).
 * Says 'signed-out' where there is no session to lock, so a public page is not covered for nothing.
 */
export async function lockScreenAction(): Promise<'locked' | 'signed-out'> {
  await forgetSaves();
  const state = await getSessionState();
  if (state.status === 'none') return 'signed-out';
  if (state.status === 'ok' || state.status === 'must_change_password') await lockSession(state.actor);
  return 'locked';
}

/** The same, for the button's form posted without scripts: the server sends the browser on. */
export async function hideScreenAction(): Promise<void> {
  await forgetSaves();
  const state = await getSessionState();
  if (state.status === 'ok' || state.status === 'must_change_password') await lockSession(state.actor);
  redirect('/locked');
}

const UnlockSchema = z.object({ password: z.string().min(1, 'Enter your password.').max(256, 'That password is too long.') });

export async function unlockAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'locked') redirect(pageFor(state) ?? '/');
  const parsed = UnlockSchema.safeParse(formToObject(formData));
  if (!parsed.success) return { ok: false, fieldErrors: { password: parsed.error.issues[0]!.message } };
  try {
    await unlockSession(state.actor, parsed.data.password, clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError) return { ok: false, fieldErrors: { password: error.userMessage } };
    throw error;
  }
  redirect('/');
}

/**
 * Tells the sign-in page to wipe this browser's outreach queue and offline copies (WipeOffline). A
 * session that only timed out is not wiped: what waits there is sent after signing in again.
 */
async function markWipe(): Promise<void> {
  (await cookies()).set(WIPE_COOKIE, '1', { path: '/sign-in', maxAge: 300, httpOnly: true, sameSite: 'lax' });
}

/** The error page's save mark is this person's: the next one at this browser must not read it. */
async function forgetSaves(): Promise<void> {
  const jar = await cookies();
  jar.delete(SAVED_COOKIE.name);
  jar.delete(SUBMIT_COOKIE.name);
}

export async function signOutAction(): Promise<void> {
  await forgetSaves();
  const state = await getSessionState();
  if (state.status !== 'none') await endSession(state.actor);
  await markWipe();
  await signOut({ redirectTo: '/sign-in' });
}

export async function signOutEverywhereAction(): Promise<void> {
  await forgetSaves();
  const state = await getSessionState();
  if (state.status === 'ok') await signOutEverywhere(state.actor);
  await markWipe();
  await signOut({ redirectTo: '/sign-in' });
}

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(256, 'That password is too long.'),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords do not match.' });

export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'ok' && state.status !== 'must_change_password') redirect(pageFor(state) ?? '/sign-in');
  const parsed = ChangePasswordSchema.safeParse(formToObject(formData));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  try {
    await changeOwnPassword(state.actor, parsed.data.currentPassword, parsed.data.newPassword, clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.field) return { ok: false, fieldErrors: { [error.field]: error.userMessage } };
    throw error;
  }
  if (state.status === 'must_change_password') redirect('/');
  return { ok: true, message: 'Your password has been changed. Other devices have been signed out.' };
}
