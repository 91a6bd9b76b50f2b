'use client';

import { useActionState } from 'react';
import { searchAlertsAction } from '@/app/(staff)/alerts/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import type { SearchHit } from '@/lib/alerts/search.ts';
import { SEARCH_MAX } from '@/lib/alerts/schema.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { AlertCard } from './alert-card.tsx';

/** Search by part of a plate, a phone number, a handle or words; posted, so the text stays out of URLs. */
export function SearchPanel({ scopeNote }: { scopeNote: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(searchAlertsAction, null);
  const failed = state && !state.ok ? state : null;
  const hits = state?.ok && state.data?.hits ? (JSON.parse(state.data.hits) as SearchHit[]) : null;
  return (
    <section className="card" aria-labelledby="alert-search-heading">
      <h2 id="alert-search-heading">Search</h2>
      <form action={action} className="row" noValidate>
        <Field
          label="Plate, phone number, handle or words"
          name="q"
          maxLength={SEARCH_MAX}
          autoComplete="off"
          spellCheck={false}
          defaultValue={failed?.values?.q ?? ''}
          hint={scopeNote}
          error={failed?.fieldErrors?.q}
        />
        <button className="button" type="submit" disabled={pending}>
          Search
        </button>
      </form>
      <FormStatus state={failed?.formError ? state : null} />
      <div aria-live="polite">
        {hits && (
          <>
            <p role="status">{hits.length === 0 ? 'Nothing matches.' : `${hits.length}${state?.ok && state.data?.more ? '+' : ''} found.`}</p>
            <div className="alert-list">
              {hits.map((h) => (
                <AlertCard key={h.id} alert={h} status={h.status} />
              ))}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
