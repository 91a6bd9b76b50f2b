'use client';

import { useState } from 'react';
import Link from 'next/link';
import { PersonFinder, type Who } from './person-finder.tsx';
import { newEntryId } from './send-entry.ts';
import { useOutbox } from './queue/outbox.tsx';

type Option = { id: string; name: string };
type Props = { shiftId: string; kinds: Option[]; supplies: (Option & { unit: string | null })[]; seen?: Seen[] };
type Seen = { id: string; alias: string; code: string };
type Errors = Record<string, string>;

const EMPTY = {
  who: null as Who | null,
  isNew: '' as '' | 'new' | 'returning',
  people: '1',
  kinds: [] as string[],
  given: {} as Record<string, string>,
  others: {} as Record<string, string>,
};

const asCount = (v: string | undefined) => (v === undefined || v.trim() === '' ? 0 : Number(v));

/**
 * Adds a contact to the current shift. Each entry gets an id made here, so pressing Save twice, or
 * a resend, stores it once. A refusal shows beside its field and the form keeps what was typed.
 * With no connection the contact waits in the phone's queue and the form is ready for the next one.
 */
export function ContactForm({ shiftId, kinds, supplies, seen = [] }: Props) {
  const { submit } = useOutbox();
  const [draft, setDraft] = useState(EMPTY);
  const [id, setId] = useState(newEntryId);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<{ who: Who | null; waiting: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof EMPTY>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async () => {
    if (!draft.who) return setErrors({ participantId: 'Find the person, or choose Anonymous.' });
    if (!draft.isNew) return setErrors({ isNew: 'Choose new or returning.' });
    const lines = supplies
      .map((s) => ({ serviceTypeId: s.id, quantity: asCount(draft.given[s.id]), forOthers: asCount(draft.others[s.id]) }))
      .filter((l) => l.quantity !== 0 || l.forOthers !== 0);
    setBusy(true);
    const peopleCount = draft.who.kind === 'person' ? 1 : Number(draft.people);
    const result = await submit(
      {
        id,
        type: 'contact.add',
        payload: {
          id,
          shiftId,
          participantId: draft.who.kind === 'person' ? draft.who.id : null,
          isNew: draft.isNew === 'new',
          peopleCount,
          kindIds: draft.kinds,
          supplies: lines,
          contactedAt: new Date().toISOString(),
        },
      },
      { shiftId, people: Number.isInteger(peopleCount) ? peopleCount : 1 },
    );
    setBusy(false);
    if (!result.ok) return setErrors({ [result.field ?? 'form']: result.message });
    setSaved({ who: draft.who, waiting: result.waiting });
    setDraft(EMPTY);
    setErrors({});
    setId(newEntryId());
  };

  return (
    <section className="card outreach-contact" aria-labelledby="contact-heading">
      <h2 id="contact-heading">Add a contact</h2>
      {saved !== undefined && (
        <p className="outreach-saved" role="status">
          {saved.waiting ? 'Contact kept on this phone' : 'Contact saved'}
          {saved.who?.kind === 'person' ? ` for ${saved.who.alias}` : ''}.{saved.waiting ? ' It will be sent when the connection returns.' : ''}{' '}
          {saved.who?.kind === 'person' && !saved.waiting && <Link href={`/referrals/new?participant=${saved.who.id}`}>Make a referral</Link>}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <PersonFinder who={draft.who} onChoose={(who) => set({ who })} error={errors.participantId} seen={seen} />
        <Choice
          legend="New or returning"
          name="isNew"
          value={draft.isNew}
          error={errors.isNew}
          options={[
            { id: 'new', name: 'New' },
            { id: 'returning', name: 'Returning' },
          ]}
          onChange={(v) => set({ isNew: v as 'new' | 'returning' })}
        />
        {draft.who?.kind === 'anonymous' && (
          <div className="field">
            <label htmlFor="outreach-people">How many people</label>
            <input
              id="outreach-people"
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              value={draft.people}
              aria-invalid={errors.peopleCount ? true : undefined}
              aria-describedby={errors.peopleCount ? 'outreach-people-error' : undefined}
              onChange={(e) => set({ people: e.target.value })}
            />
            {errors.peopleCount && (
              <span id="outreach-people-error" className="field-error">
                {errors.peopleCount}
              </span>
            )}
          </div>
        )}
        <fieldset className="outreach-choice" aria-describedby={errors.kindIds ? 'kinds-error' : undefined}>
          <legend>What happened</legend>
          {kinds.map((k) => (
            <label key={k.id}>
              <input
                type="checkbox"
                checked={draft.kinds.includes(k.id)}
                onChange={(e) => set({ kinds: e.target.checked ? [...draft.kinds, k.id] : draft.kinds.filter((x) => x !== k.id) })}
              />{' '}
              {k.name}
            </label>
          ))}
          {errors.kindIds && (
            <span id="kinds-error" className="field-error">
              {errors.kindIds}
            </span>
          )}
        </fieldset>
        <Supplies
          supplies={supplies}
          given={draft.given}
          others={draft.others}
          errors={errors}
          onGiven={(sid, v) => set({ given: { ...draft.given, [sid]: v } })}
          onOthers={(sid, v) => set({ others: { ...draft.others, [sid]: v } })}
        />
        <button type="submit" className="button" disabled={busy}>
          Save contact
        </button>
      </form>
      <p className="muted outreach-more">
        <Link href="/alerts/new">Start a bad date report</Link>
      </p>
    </section>
  );
}

function Choice({
  legend,
  name,
  value,
  options,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  value: string;
  options: Option[];
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <fieldset className="outreach-choice" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id}>
          <input type="radio" name={name} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} /> {o.name}
        </label>
      ))}
      {error && (
        <span id={`${name}-error`} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** Supplies given: for the person(s) met, and to pass on to someone else, each counted apart. */
function Supplies({
  supplies,
  given,
  others,
  errors,
  onGiven,
  onOthers,
}: {
  supplies: (Option & { unit: string | null })[];
  given: Record<string, string>;
  others: Record<string, string>;
  errors: Errors;
  onGiven: (id: string, v: string) => void;
  onOthers: (id: string, v: string) => void;
}) {
  return (
    <fieldset className="outreach-supplies" aria-describedby={errors.supplies ? 'supplies-error' : undefined}>
      <legend>Supplies given</legend>
      {errors.supplies && (
        <span id="supplies-error" className="field-error">
          {errors.supplies}
        </span>
      )}
      {supplies.map((s) => {
        const error = errors[`quantity.${s.id}`] ?? errors[`forOthers.${s.id}`];
        return (
          <div key={s.id} className="outreach-supply" role="group" aria-label={s.name}>
            <span className="outreach-supply-name">{s.name}</span>
            <label>
              Given{' '}
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={500}
                value={given[s.id] ?? ''}
                onChange={(e) => onGiven(s.id, e.target.value)}
                aria-invalid={errors[`quantity.${s.id}`] ? true : undefined}
                aria-describedby={error ? `supply-${s.id}-error` : undefined}
              />
            </label>
            <label>
              For someone else{' '}
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={500}
                value={others[s.id] ?? ''}
                onChange={(e) => onOthers(s.id, e.target.value)}
                aria-invalid={errors[`forOthers.${s.id}`] ? true : undefined}
                aria-describedby={error ? `supply-${s.id}-error` : undefined}
              />
            </label>
            {error && (
              <span id={`supply-${s.id}-error`} className="field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
