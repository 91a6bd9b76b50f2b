import 'server-only';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import { AppError, DB_UNREACHABLE, DB_UNREACHABLE_MAYBE_SAVED, DB_UNREACHABLE_READ, dbErrorCode, isDatabaseUnreachable } from './errors.ts';
import { SAVED_COOKIE, SUBMIT_COOKIE, savedMark } from './saved-cookie.ts';
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
  /**
   * Pressing Save again is safe even if the first try committed (the form carries an idempotency
   * key and the save returns the first record), so an outage may say "not saved, try again". A
   * function decides per form, for an action whose forms differ (raw: the fields as sent).
   */
  idempotent?: boolean | ((raw: Record<string, unknown>) => boolean);
  /**
   * Inputs the form does not show (ids, the pressed button's value): a refusal that names one is
   * said for the whole form, so no component has to move field errors itself. `true`: the form
   * shows no input at all (a row of buttons). The idempotency key is always hidden.
   */
  hidden?: readonly string[] | true;
};

/**
 * Every Server Action goes through here: a Server Action is a public POST endpoint, so the
 * page's own check does not protect it. Signed-in check, permission, zod validation, then the
 * mutation; refusals and bad input come back as values for `useActionState`, never as a 500.
 *
 * A database that does not answer is not a bug either: the form gets a plain answer with
 * everything typed. The commit may have gone through with only its answer lost, so "not saved, try
 * again" is said only by an idempotent save (its key makes Save again return the first record);
 * any other save says it may not have been saved and to check before entering it again.
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
      return { ok: false, formError: outageMessage(spec, raw), values: echo(raw) };
    }
  };
}

function outageMessage(spec: Pick<ActionSpec<z.ZodType>, 'readOnly' | 'idempotent'>, raw: Record<string, unknown>): string {
  if (spec.readOnly) return DB_UNREACHABLE_READ;
  const idempotent = typeof spec.idempotent === 'function' ? spec.idempotent(raw) : spec.idempotent === true;
  return idempotent ? DB_UNREACHABLE : DB_UNREACHABLE_MAYBE_SAVED;
}

async function guarded<S extends z.ZodType>(spec: ActionSpec<S>, raw: Record<string, unknown>): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return { ok: false, formError: 'Your session has ended. Sign in again.' };
  if (spec.permission !== 'signed-in' && !can(actor, spec.permission)) {
    await auditRefusal(actor, spec.permission);
    return { ok: false, formError: 'This is not available to your role.' };
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) return { ok: false, ...refusal(spec, parsed.error.issues), values: echo(raw) };
  try {
    const result = await spec.run(actor, parsed.data);
    if (!spec.readOnly) await markSaved();
    return { ok: true, ...(result ?? {}) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, ...refusal(spec, [{ path: error.field ? [error.field] : [], message: error.userMessage }]), values: echo(raw) };
    }
    // A redirect after the save is how the save succeeds, not a failure.
    if (isRedirect(error) && !spec.readOnly) await markSaved();
    throw error;
  }
}

/**
 * The save committed: say so in a short-lived cookie the browser can read (a time and the token of
 * the submission that sent it, nothing else). The page drawn after a save (revalidation, redirect)
 * can still fail, e.g. when the database goes away just after the commit; the error page then reads
 * this mark and, when it is this tab's latest submission's, says the save stands, instead of leaving
 * staff to guess and enter it twice. A request without a token (no script) leaves the old mark gone.
 */
async function markSaved(): Promise<void> {
  const jar = await cookies();
  const mark = savedMark(programNow(), jar.get(SUBMIT_COOKIE.name)?.value);
  if (mark) jar.set(SAVED_COOKIE.name, mark, { httpOnly: false, sameSite: 'strict', path: '/', maxAge: SAVED_COOKIE.maxAgeSeconds });
  else jar.delete(SAVED_COOKIE.name);
}

function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}

type Issue = { path: readonly PropertyKey[]; message: string };

/**
 * Where each refusal is said: beside the field its path names (the first message per field), or
 * for the whole form when it names none or a hidden input (the first such message).
 */
function refusal(spec: Pick<ActionSpec<z.ZodType>, 'hidden'>, issues: readonly Issue[]): { formError?: string; fieldErrors?: Record<string, string> } {
  const hidden = (field: string) => spec.hidden === true || field === 'idempotencyKey' || (spec.hidden ?? []).includes(field);
  let formError: string | undefined;
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length ? String(issue.path[0]) : undefined;
    if (field === undefined || hidden(field)) formError ??= issue.message;
    else fieldErrors[field] ??= issue.message;
  }
  return { ...(formError !== undefined && { formError }), ...(Object.keys(fieldErrors).length > 0 && { fieldErrors }) };
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
