'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { createParticipantAction, updateParticipantAction } from '@/app/(staff)/participants/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formErrors } from '@/components/staff/form-errors.ts';
import type { ActionState } from '@/lib/action.ts';
import { ALIAS_MAX } from '@/lib/participants/schema.ts';
import { CheckboxField } from './answer-fields.tsx';
import { DuplicateHint } from './duplicate-hint.tsx';
import { OptionalAnswers } from './optional-answers.tsx';
import { SensitiveFields } from './sensitive-fields.tsx';
import { takeOfferedAlias } from './alias-prefill.ts';

type Props = { mode: 'create' } | { mode: 'edit'; id: string; code: string; defaults: Record<string, string>; sensitiveStored: boolean };

/** The participant form: create (with consent and the duplicate hint) or edit (same questions). */
export function ParticipantForm(props: Props) {
  const create = props.mode === 'create';
  const [state, action, pending] = useActionState<ActionState, FormData>(create ? createParticipantAction : updateParticipantAction, null);
  const { fields: errors, form } = formErrors(state);
  // After a refusal the form shows what was sent (unticked boxes included), not the stored record.
  const values = state && !state.ok && state.values ? state.values : create ? {} : props.defaults;
  const [alias, setAlias] = useState(values.alias ?? '');
  // The alias typed at the quick log's "Add this person", put in once the form is on screen.
  const prefill = (form: HTMLFormElement | null) => {
    const input = form?.elements.namedItem('alias');
    if (!create || !(input instanceof HTMLInputElement) || input.value) return;
    const offered = takeOfferedAlias();
    if (!offered) return;
    input.value = offered;
    setAlias(offered);
  };
  return (
    <form ref={prefill} action={action} noValidate>
      <FormStatus state={form} />
      {!create && <input type="hidden" name="id" value={props.id} />}
      <div className="card">
        <Field
          label="Alias"
          name="alias"
          required
          maxLength={ALIAS_MAX}
          autoComplete="off"
          defaultValue={values.alias ?? ''}
          hint="The name they want us to use: a street or working name, never a legal name. Two people may share one."
          error={errors.alias}
          onChange={create ? (e) => setAlias(e.currentTarget.value) : undefined}
        />
        {!create && <p className="muted">Code {props.code} stays the same.</p>}
        {create && <DuplicateHint alias={alias} />}
      </div>
      <OptionalAnswers values={values} errors={errors} />
      <SensitiveFields id={create ? undefined : props.id} stored={!create && props.sensitiveStored} values={values} errors={errors} />
      {create && (
        <div className="card">
          <CheckboxField label="The person agreed that we keep a record" name="consent" checked={values.consent === 'on'} error={errors.consent} required />
          <p className="muted">
            If they would rather not, log an <Link href="/">anonymous visit</Link> instead: it needs no record.
          </p>
        </div>
      )}
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          {create ? 'Create record' : 'Save changes'}
        </button>
        <Link href={create ? '/participants' : `/participants/${props.id}`}>Cancel</Link>
      </div>
    </form>
  );
}
