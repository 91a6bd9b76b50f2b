'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { findMergeCandidatesAction } from '@/app/(staff)/participants/[id]/merge/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';

/** `lastSeenOn` is the Vancouver day, formatted on the server (see lib/calendar). */
type Match = { id: string; alias: string; code: string; lastSeenOn: string | null };

/**
 * Finds the other record by alias or code. The search goes through a Server Action so the text
 * never reaches the address bar or history; picking a result puts only its id in the URL.
 */
export function MergeSearch({ participantId }: { participantId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(findMergeCandidatesAction, null);
  const fieldError = state && !state.ok ? state.fieldErrors?.q : undefined;
  const typed = state && !state.ok ? state.values?.q : undefined;
  const matches: Match[] = state?.ok && state.data?.matches ? (JSON.parse(state.data.matches) as Match[]) : [];
  return (
    <section className="card" aria-labelledby="find-heading">
      <h2 id="find-heading">Find the other record</h2>
      <form action={action} noValidate>
        <FormStatus state={state && !state.ok ? { ok: false, formError: state.formError ?? state.fieldErrors?.id } : state} />
        <input type="hidden" name="id" value={participantId} />
        <div className="row">
          <Field label="Alias or code" name="q" autoComplete="off" maxLength={60} defaultValue={typed} error={fieldError} />
          <div className="field">
            <button className="button" type="submit" disabled={pending}>
              Search
            </button>
          </div>
        </div>
      </form>
      {matches.length > 0 && (
        <ul aria-label="Matching records">
          {matches.map((m) => (
            <li key={m.id}>
              <Link href={`/participants/${participantId}/merge?with=${m.id}`}>
                Compare with {m.alias} ({m.code})
              </Link>{' '}
              <span className="muted">{m.lastSeenOn ? `last seen ${m.lastSeenOn}` : 'no visits yet'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
