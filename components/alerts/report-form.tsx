'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { createReportAction } from '@/app/(staff)/alerts/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import {
  COMMON_FIELDS,
  FIELD_LABELS,
  MODE_FIELDS,
  MODE_LABELS,
  MODES,
  PRIVATE_CHOICES,
  TIME_LABELS,
  TIMES,
  TYPE_LABELS,
  TYPES,
  VENUE_LABELS,
  VENUES,
  type IncidentType,
  type PublicField,
  type WorkMode,
} from '@/lib/alerts/labels.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { CheckboxField } from '@/components/participants/answer-fields.tsx';
import { PersonPicker, type Who } from '@/components/bookings/person-picker.tsx';
import { formErrors } from '@/components/staff/form-errors.ts';
import { Choices, OneOf, TextInput } from './report-fields.tsx';
import { submitKeepingValues } from './keep-values.ts';

const toggle = <T,>(set: Set<T>, v: T) => {
  const next = new Set(set);
  if (next.has(v)) next.delete(v);
  else next.add(v);
  return next;
};

/**
 * Taking a bad date report. The fields follow how the person was working: a vehicle for street
 * work, the kind of place for indoor or outcall, the platform and contact details for online or
 * phone. Choices live in React state so a refused form keeps them.
 */
export function ReportForm({ today }: { today: string }) {
  const [round, setRound] = useState(0);
  return <OneReport key={round} today={today} onAgain={() => setRound((r) => r + 1)} />;
}

function OneReport({ today, onAgain }: { today: string; onAgain: () => void }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createReportAction, null);
  const { fields: errors, form } = formErrors(state);
  const values = state && !state.ok && state.values ? state.values : {};
  const [who, setWho] = useState<Who | null>(null);
  const [mode, setMode] = useState<WorkMode | null>(null);
  const [types, setTypes] = useState<Set<IncidentType>>(new Set());
  const [hidden, setHidden] = useState<Set<PublicField>>(new Set());
  const textFields = mode ? [...MODE_FIELDS[mode]] : [];
  const privateChoices = PRIVATE_CHOICES.filter((f) => (COMMON_FIELDS as readonly string[]).includes(f) || textFields.includes(f));
  if (state?.ok) {
    return (
      <div className="card">
        <FormStatus state={state} />
        <div className="row">
          <button className="button" type="button" onClick={onAgain}>
            Take another report
          </button>
          <Link href="/alerts">Back to alerts</Link>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={submitKeepingValues(action)} noValidate>
      <FormStatus state={form} />
      <div className="card">
        <PersonPicker id="reporter" chosen={who} onChoose={setWho} error={errors.reporter} label="Who is reporting?" anonymousLabel="Anonymous" />
        <input type="hidden" name="reporter" value={who ? (who.kind === 'anonymous' ? 'anonymous' : who.id) : ''} />
        <CheckboxField label="They would like follow-up support" name="wantsFollowUp" checked={values.wantsFollowUp === 'on'} />
        <CheckboxField
          label="They agree that details may be shared with police (police get nothing without this)"
          name="policeConsent"
          checked={values.policeConsent === 'on'}
        />
      </div>
      <div className="card">
        <div className="alert-grid">
          <Field
            label="Date it happened"
            name="incidentDate"
            type="date"
            max={today}
            required
            defaultValue={values.incidentDate ?? ''}
            error={errors.incidentDate}
          />
          <div className="field">
            <label htmlFor="field-timeOfDay">Roughly when</label>
            <select id="field-timeOfDay" name="timeOfDay" defaultValue={values.timeOfDay ?? 'unknown'} aria-invalid={errors.timeOfDay ? true : undefined}>
              {TIMES.map((t) => (
                <option key={t} value={t}>
                  {TIME_LABELS[t]}
                </option>
              ))}
            </select>
            {errors.timeOfDay && <span className="field-error">{errors.timeOfDay}</span>}
          </div>
        </div>
        <TextInput name="area" values={values} errors={errors} />
        <OneOf legend="How they were working" name="mode" options={MODES} labels={MODE_LABELS} value={mode} onChange={setMode} error={errors.mode} />
        {mode === 'indoor_outcall' && (
          <div className="field">
            <label htmlFor="field-venue">Kind of place</label>
            <select id="field-venue" name="venue" defaultValue={values.venue ?? ''}>
              <option value="">Not said</option>
              {VENUES.map((v) => (
                <option key={v} value={v}>
                  {VENUE_LABELS[v]}
                </option>
              ))}
            </select>
          </div>
        )}
        {textFields.length > 0 && (
          <div className="alert-grid">
            {textFields.map((f) => (
              <TextInput key={f} name={f} values={values} errors={errors} />
            ))}
          </div>
        )}
      </div>
      <div className="card">
        <Choices
          legend="What happened (one or more)"
          name="types"
          options={TYPES}
          labels={TYPE_LABELS}
          chosen={types}
          onToggle={(t) => setTypes((s) => toggle(s, t))}
          error={errors.types}
        />
        <TextInput name="appearance" values={values} errors={errors} />
        <TextInput name="nameUsed" values={values} errors={errors} />
        <TextInput name="account" values={values} errors={errors} />
        <Choices
          legend="Keep off the alert"
          spokenPrefix="Keep off the alert:"
          name="private"
          options={privateChoices}
          labels={FIELD_LABELS}
          chosen={hidden}
          onToggle={(f) => setHidden((s) => toggle(s, f))}
          error={errors.private}
          hint="Anything that could tell who reported stays with the report. A reviewer sees a preview before publishing."
        />
      </div>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          Save report
        </button>
        <Link href="/alerts">Cancel</Link>
      </div>
    </form>
  );
}
