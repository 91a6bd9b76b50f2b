import 'server-only';
import type { z } from 'zod';
import { AppError } from './errors.ts';
import { can, type Permission } from './auth/permissions.ts';
import { auditRefusal, getActor, type Actor } from './auth/session.ts';
import { formToObject } from './validation.ts';

export type ActionState =
  | null
  | { ok: true; message?: string; data?: Record<string, string> }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

type RunResult = void | { message?: string; data?: Record<string, string> };

/**
 * Every Server Action goes through here: a Server Action is a public POST endpoint, so the
 * page's own check does not protect it. Signed-in check, permission, zod validation, then the
 * mutation; refusals and bad input come back as values for `useActionState`, never as a 500.
 */
export function defineAction<S extends z.ZodType>(spec: {
  permission: Permission | 'signed-in';
  schema: S;
  run: (actor: Actor, input: z.infer<S>) => Promise<RunResult>;
}) {
  return async function action(_prev: ActionState, formData: FormData): Promise<ActionState> {
    const actor = await getActor();
    if (!actor) return { ok: false, formError: 'Your session has ended. Sign in again.' };
    if (spec.permission !== 'signed-in' && !can(actor, spec.permission)) {
      await auditRefusal(actor, spec.permission);
      return { ok: false, formError: 'This is not available to your role.' };
    }
    const raw = formData instanceof FormData ? formToObject(formData) : {};
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values: echo(raw) };
    try {
      const result = await spec.run(actor, parsed.data);
      return { ok: true, ...(result ?? {}) };
    } catch (error) {
      if (error instanceof AppError) {
        return error.field
          ? { ok: false, fieldErrors: { [error.field]: error.userMessage }, values: echo(raw) }
          : { ok: false, formError: error.userMessage, values: echo(raw) };
      }
      throw error;
    }
  };
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
