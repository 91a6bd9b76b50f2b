import type { ActionState } from '@/lib/action.ts';

/** The form-level outcome of an action, announced to screen readers. */
export function FormStatus({ state }: { state: ActionState }) {
  if (!state) return <div aria-live="polite" />;
  if (state.ok) return state.message ? <p className="form-ok" role="status">{state.message}</p> : <div aria-live="polite" />;
  return state.formError ? <p className="form-error" role="alert">{state.formError}</p> : <div aria-live="polite" />;
}
