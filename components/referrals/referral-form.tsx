'use client';

import { useLiveErrors } from '@/components/ui/use-live-errors.ts';
import { useActionState, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { ActionState } from '@/lib/action.ts';
import { createReferralAction } from '@/app/(staff)/referrals/actions.ts';
import {
  CATEGORY_LABELS,
  CONSENT_LABELS,
  CONSENTS,
  FOLLOW_UP_DAYS,
  REASON_LABELS,
  REASON_MAX,
  REASONS,
  TEXT_MAX,
  type Category,
  type Consent,
} from '@/lib/referrals/rules.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { keptSubmit } from './kept-form.ts';
import { PersonPicker, type Who } from '@/components/bookings/person-picker.tsx';
import '@/components/bookings/bookings.css';

export type AgencyChoice = { id: string; name: string; categories: Category[] };

type Props = { agencies: AgencyChoice[]; initialKey: string; today: string; person: Who | null };

/**
 * A new referral: who, agency and category, what for (a choice, plus optional words kept encrypted), dates, and what the person agreed may
 * be shared. The summary is written with the person; "alias only" needs a participant.
 */
export function ReferralForm({ agencies, initialKey, today, person }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createReferralAction, null);
  const [who, setWho] = useState<Who | null>(person);
  const [agencyId, setAgencyId] = useState('');
  const [consent, setConsent] = useState<Consent>('nothing');
  const router = useRouter();
  const { errors, onChange, clear } = useLiveErrors(state);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const agency = agencies.find((a) => a.id === agencyId);

  useEffect(() => {
    if (state?.ok && state.data?.referralId) router.push(`/referrals/${state.data.referralId}`);
  }, [state, router]);

  return (
    <form action={action} onSubmit={keptSubmit(action)} onChange={onChange} className="card referral-form" aria-labelledby="referral-form-heading" noValidate>
      <h2 id="referral-form-heading">Make a referral</h2>
      <input type="hidden" name="idempotencyKey" value={initialKey} />
      <input type="hidden" name="participantId" value={who ? (who.kind === 'anonymous' ? 'anonymous' : who.id) : ''} />
      <PersonPicker
        id="referral-who"
        chosen={who}
        onChoose={(w) => {
          setWho(w);
          clear('participantId');
        }}
        error={errors.participantId}
        label="Who is being referred?"
        anonymousLabel="Anonymous (no record)"
      />
      <div className="field">
        <label htmlFor="field-agencyId">Agency</label>
        <select
          id="field-agencyId"
          name="agencyId"
          value={agencyId}
          onChange={(e) => setAgencyId(e.target.value)}
          aria-invalid={errors.agencyId ? true : undefined}
          aria-describedby={errors.agencyId ? 'field-agencyId-error' : undefined}
        >
          <option value="">Choose an agency</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {errors.agencyId && (
          <span id="field-agencyId-error" className="field-error">
            {errors.agencyId}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="field-category">Kind of support</label>
        <select
          id="field-category"
          name="category"
          key={agencyId}
          defaultValue={agency?.categories.length === 1 ? agency.categories[0] : ''}
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={errors.category ? 'field-category-error' : undefined}
        >
          <option value="">{agency ? 'Choose one' : 'Choose the agency first'}</option>
          {(agency?.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
        {errors.category && (
          <span id="field-category-error" className="field-error">
            {errors.category}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="field-reasonCategory">What for</label>
        <select
          id="field-reasonCategory"
          name="reasonCategory"
          defaultValue={values.reasonCategory ?? ''}
          aria-invalid={errors.reasonCategory ? true : undefined}
          aria-describedby={errors.reasonCategory ? 'field-reasonCategory-error' : undefined}
        >
          <option value="">Choose one</option>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {REASON_LABELS[r]}
            </option>
          ))}
        </select>
        {errors.reasonCategory && (
          <span id="field-reasonCategory-error" className="field-error">
            {errors.reasonCategory}
          </span>
        )}
      </div>
      <Field
        label="Details (optional)"
        name="reasonDetail"
        maxLength={REASON_MAX}
        defaultValue={values.reasonDetail}
        error={errors.reasonDetail}
        hint="Kept encrypted. Only if it helps; no names."
      />
      <div className="row">
        <Field label="Referral date" name="referredOn" type="date" max={today} defaultValue={values.referredOn ?? today} error={errors.referredOn} />
        <Field
          label="Follow up on"
          name="followUpOn"
          type="date"
          defaultValue={values.followUpOn}
          error={errors.followUpOn}
          hint={`Leave empty for ${FOLLOW_UP_DAYS} days after the referral date.`}
        />
      </div>
      <fieldset aria-describedby={errors.consent ? 'consent-error' : undefined}>
        <legend>What did the person agree may be shared with the agency?</legend>
        {CONSENTS.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name="consent" value={c} checked={consent === c} onChange={() => setConsent(c)} /> {CONSENT_LABELS[c]}
          </label>
        ))}
        {errors.consent && (
          <span id="consent-error" className="field-error">
            {errors.consent}
          </span>
        )}
      </fieldset>
      {consent === 'summary' && (
        <div className="field">
          <label htmlFor="field-summary">Summary written with the person</label>
          <span id="field-summary-hint" className="hint">
            Up to {TEXT_MAX} characters. Kept encrypted; only what they agreed to.
          </span>
          <textarea
            id="field-summary"
            name="summary"
            rows={4}
            defaultValue={values.summary}
            aria-invalid={errors.summary ? true : undefined}
            aria-describedby={`field-summary-hint${errors.summary ? ' field-summary-error' : ''}`}
          />
          {errors.summary && (
            <span id="field-summary-error" className="field-error">
              {errors.summary}
            </span>
          )}
        </div>
      )}
      {consent !== 'nothing' && (
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="consentConfirmed"
              aria-invalid={errors.consentConfirmed ? true : undefined}
              aria-describedby={errors.consentConfirmed ? 'consent-confirmed-error' : undefined}
            />{' '}
            The person agreed to share this, just now, with me
          </label>
          {errors.consentConfirmed && (
            <span id="consent-confirmed-error" className="field-error">
              {errors.consentConfirmed}
            </span>
          )}
        </div>
      )}
      <FormStatus state={state} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save referral'}
      </button>
    </form>
  );
}
