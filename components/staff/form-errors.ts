import type { ActionState } from '@/lib/action.ts';

/**
 * Field errors and the form-level message of an action's state. A bad hidden `id` (a tampered
 * or stale form) has no field to sit beside, so it is shown as the form's message.
 */
export function formErrors(state: ActionState): { fields: Record<string, string>; form: ActionState } {
  if (!state || state.ok) return { fields: {}, form: state };
  const fields = state.fieldErrors ?? {};
  const formError = state.formError ?? fields.id;
  return { fields, form: formError ? { ok: false, formError } : null };
}
