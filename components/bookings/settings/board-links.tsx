'use client';

import { useActionState } from 'react';
import { createBoardLinkAction, revokeBoardLinkAction } from '@/app/(staff)/settings/resources/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { BOARD_LABEL_MAX } from '@/lib/bookings/schema.ts';
import { formParts } from './use-form-state.ts';

export type BoardLinkItem = { id: string; label: string; created: string; revoked: string | null };

/**
 * Links for the wall display. The address is shown once, when made (only its hash is kept):
 * open it on the screen's browser. Turning a link off stops that screen at its next refresh.
 */
export function BoardLinks({ links }: { links: BoardLinkItem[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createBoardLinkAction, null);
  const { errors, values, status } = formParts(state);
  const token = state?.ok ? state.data?.token : undefined;
  return (
    <section className="card booking-section" aria-labelledby="board-heading">
      <h2 id="board-heading">Queue board for a wall display</h2>
      <p className="muted">
        The board shows ticket numbers only, never names or codes, and refreshes itself every 20 seconds. Anyone with the address can see it.
      </p>
      {token ? (
        <div className="form-ok" role="status">
          <p>Open this address on the wall display now. It is shown only once:</p>
          <p>
            <code data-testid="board-url" className="booking-code">{`${window.location.origin}/board/${token}`}</code>
          </p>
        </div>
      ) : (
        <form action={action} noValidate className="row">
          <FormStatus state={status} />
          <Field
            label="Name of the screen"
            name="label"
            autoComplete="off"
            maxLength={BOARD_LABEL_MAX}
            defaultValue={values.label}
            error={errors.label}
            hint="For example Waiting room."
          />
          <button className="button" type="submit" disabled={pending}>
            Make a board link
          </button>
        </form>
      )}
      {links.length > 0 && (
        <ul>
          {links.map((l) => (
            <LinkLine key={l.id} link={l} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LinkLine({ link }: { link: BoardLinkItem }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeBoardLinkAction, null);
  return (
    <li>
      <strong>{link.label}</strong>, made {link.created}
      {link.revoked ? `, turned off ${link.revoked}` : ''}{' '}
      {!link.revoked && (
        <form action={action} className="booking-inline-form">
          <input type="hidden" name="id" value={link.id} />
          <button className="button small danger" type="submit" disabled={pending} aria-label={`Turn off the board link ${link.label}`}>
            Turn off
          </button>
        </form>
      )}
      <FormStatus state={state} />
    </li>
  );
}
