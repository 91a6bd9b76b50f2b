'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIp } from '@/lib/auth/client-ip.ts';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';
import { confirmEnrolment, giveSecondFactor, replaceRecoveryCodes } from '@/lib/auth/two-factor.ts';
import { AppError } from '@/lib/errors.ts';
import { formToObject } from '@/lib/validation.ts';
import type { ActionState } from '@/lib/action.ts';

// Two-step sign-in. These run before the session is fully signed in (the second factor, setting
// it up when it is required), so each checks the session's state itself, as session-actions.ts does.

const CodeSchema = z.object({ code: z.string().max(64, 'That code is too long.') });

function refusal(error: unknown): ActionState {
  if (error instanceof AppError) return { ok: false, fieldErrors: { code: error.userMessage } };
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
  redirect('/');
}

/** Confirms the new key with a code from the app; answers with the recovery codes, to be shown once. */
export async function confirmTwoStepAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'enrol' && state.status !== 'ok') redirect(pageFor(state) ?? '/');
  const parsed = CodeSchema.safeParse(formToObject(formData));
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues[0]!.message } };
  try {
    const codes = await confirmEnrolment(state.actor, parsed.data.code, clientIp(await headers()));
    return { ok: true, message: 'Two-step sign-in is set up.', data: { codes: codes.join(' ') } };
  } catch (error) {
    return refusal(error);
  }
}

/** Ten new recovery codes for the signed-in account; the old ones stop working. */
export async function replaceRecoveryCodesAction(_prev: ActionState): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status !== 'ok') redirect(pageFor(state) ?? '/');
  try {
    const codes = await replaceRecoveryCodes(state.actor);
    return { ok: true, message: 'New recovery codes made. The old ones no longer work.', data: { codes: codes.join(' ') } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, formError: error.userMessage };
    throw error;
  }
}
