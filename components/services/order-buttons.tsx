'use client';

import { useActionState } from 'react';
import { moveServiceTypeAction } from '@/app/(staff)/settings/services/actions.ts';
import type { ActionState } from '@/lib/action.ts';

/** Move up / Move down for one row; the list re-renders in its new order and focus stays on the button. */
export function OrderButtons({ id, name, first, last }: { id: string; name: string; first: boolean; last: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(moveServiceTypeAction, null);
  const error = state && !state.ok ? state.formError : undefined;
  return (
    <form action={action} className="row">
      <input type="hidden" name="id" value={id} />
      <button className="button small secondary" type="submit" name="direction" value="up" disabled={pending || first} aria-label={`Move ${name} up`}>
        Up
      </button>
      <button className="button small secondary" type="submit" name="direction" value="down" disabled={pending || last} aria-label={`Move ${name} down`}>
        Down
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
