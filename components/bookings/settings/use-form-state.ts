import type { ActionState } from '@/lib/action.ts';

/** Field errors, the form-level message and the echoed values of an action's state. */
export function formParts(state: ActionState) {
  const failed = state && !state.ok ? state : null;
  return {
    errors: failed?.fieldErrors ?? {},
    values: failed?.values ?? {},
    status: failed ? (failed.formError ? { ok: false as const, formError: failed.formError } : null) : state,
  };
}
