'use client';

import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/action.ts';
import { saveAgencyAction } from '@/app/(staff)/referrals/actions.ts';
import { CATEGORIES, CATEGORY_LABELS } from '@/lib/referrals/rules.ts';
import type { Agency } from '@/lib/referrals/agencies.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { keptSubmit } from './kept-form.ts';

function TextArea({ name, label, value, error, max }: { name: string; label: string; value?: string | null; error?: string; max: number }) {
  const id = `field-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={max}
        defaultValue={value ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Adds or edits an agency: public details, the kinds of support it offers, notes for staff. */
export function AgencyForm({ agency }: { agency: Agency | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveAgencyAction, null);
  const router = useRouter();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  useEffect(() => {
    if (state?.ok && !agency) router.push('/agencies');
  }, [state, agency, router]);
  return (
    <form action={action} onSubmit={keptSubmit(action)} className="card referral-form" noValidate>
      {agency && <input type="hidden" name="id" value={agency.id} />}
      <Field label="Name" name="name" maxLength={80} defaultValue={agency?.name} error={errors.name} />
      <fieldset aria-describedby={errors.categories ? 'categories-error' : undefined}>
        <legend>Kinds of support</legend>
        {CATEGORIES.map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" name="categories" value={c} defaultChecked={agency?.categories.includes(c)} /> {CATEGORY_LABELS[c]}
          </label>
        ))}
        {errors.categories && (
          <span id="categories-error" className="field-error">
            {errors.categories}
          </span>
        )}
      </fieldset>
      <Field label="Phone" name="phone" type="tel" maxLength={40} defaultValue={agency?.phone ?? ''} error={errors.phone} />
      <Field label="Hours" name="hours" maxLength={200} defaultValue={agency?.hours ?? ''} error={errors.hours} />
      <TextArea name="offers" label="What they offer" value={agency?.offers} error={errors.offers} max={500} />
      <TextArea name="staffNotes" label="Notes for staff (e.g. who to ask for)" value={agency?.staffNotes} error={errors.staffNotes} max={500} />
      <label className="choice">
        <input type="checkbox" name="active" defaultChecked={agency?.active ?? true} /> Active (shown when making a referral)
      </label>
      <FormStatus state={state} />
      <button className="button" type="submit" disabled={pending}>
        {agency ? 'Save agency' : 'Add agency'}
      </button>
    </form>
  );
}
