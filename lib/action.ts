import 'server-only';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import { AppError, DB_UNREACHABLE, DB_UNREACHABLE_READ, dbErrorCode, isDatabaseUnreachable } from './errors.ts';
import { SAVED_COOKIE } from './saved-cookie.ts';
import { programNow } from './calendar/index.ts';
import { can, type Permission } from './auth/permissions.ts';
import { auditRefusal, getActor, type Actor } from './auth/session.ts';
import { formToObject } from './validation.ts';

export type ActionState =
  | null
  | { ok: true; message?: string; data?: Record<string, string> }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

type RunResult = void | { message?: string; data?: Record<string, string> };

type ActionSpec<S extends z.ZodType> = {
  permission: Permission | 'signed-in';
  schema: S;
  run: (actor: Actor, input: z.infer<S>) => Promise<RunResult>;
  /** A look-up (picker, search): saves nothing, so it says so differently and leaves no saved mark. */
  readOnly?: boolean;
};

/**
 * Every Server Action goes through here: a Server Action is a public POST endpoint, so the
 * page's own check does not protect it. Signed-in check, permission, zod validation, then the
 * mutation; refusals and bad input come back as values for `useActionState`, never as a 500.
 *
 * A database that does not answer is not a bug either: the form gets a plain "not saved, try
 * again" with everything typed, and keeps its idempotency key, so pressing Save again is safe even
 * when the first try did commit before the answer was lost (the save returns the first record).
 */
export function defineAction<S extends z.ZodType>(spec: ActionSpec<S>) {
  return async function action(_prev: ActionState, formData: FormData): Promise<ActionState> {
    const raw = formData instanceof FormData ? formToObject(formData) : {};
    try {
      return await guarded(spec, raw);
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      // The code only, never the input: it may name a person.
      console.warn(`action not done: the database did not answer (${dbErrorCode(error) ?? (error as Error).name ?? 'no code'})`);
      return { ok: false, formError: spec.readOnly ? DB_UNREACHABLE_READ : DB_UNREACHABLE, values: echo(raw) };
    }
  };
}

async function guarded<S extends z.ZodType>(spec: ActionSpec<S>, raw: Record<string, unknown>): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return { ok: false, formError: 'Your session has ended. Sign in again.' };
  if (spec.permission !== 'signed-in' && !can(actor, spec.permission)) {
    await auditRefusal(actor, spec.permission);
    return { ok: false, formError: 'This is not available to your role.' };
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values: echo(raw) };
  try {
    const result = await spec.run(actor, parsed.data);
    if (!spec.readOnly) await markSaved();
    return { ok: true, ...(result ?? {}) };
  } catch (error) {
    if (error instanceof AppError) {
      return error.field
        ? { ok: false, fieldErrors: { [error.field]: error.userMessage }, values: echo(raw) }
        : { ok: false, formError: error.userMessage, values: echo(raw) };
    }
    // A redirect after the save is how the save succeeds, not a failure.
    if (isRedirect(error) && !spec.readOnly) await markSaved();
    throw error;
  }
}

/**
 * The save committed: say so in a short-lived cookie the browser can read (a time, nothing else).
 * The page drawn after a save (revalidation, redirect) can still fail, e.g. when the database goes
 * away just after the commit; the error page then reads this mark and says the save stands,
 * instead of leaving staff to guess and enter it twice.
 */
async function markSaved(): Promise<void> {
  (await cookies()).set(SAVED_COOKIE.name, String(programNow().getTime()), { httpOnly: false, sameSite: 'strict', path: '/', maxAge: SAVED_COOKIE.maxAgeSeconds });
}

function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'form';
    out[key] ??= issue.message;
  }
  return out;
}

// Echo back what was typed (never passwords) so a refused form keeps its values.
function echo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (/password/i.test(k) || typeof v !== 'string') continue;
    out[k] = v.slice(0, 500);
  }
  return out;
}
