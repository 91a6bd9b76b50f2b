import { Field } from '@/components/ui/field.tsx';
import { TextAreaField } from '@/components/participants/answer-fields.tsx';
import { FIELD_LABELS, type TextField } from '@/lib/alerts/labels.ts';
import { MAX } from '@/lib/alerts/schema.ts';

// Pieces of the report form. Values and errors come from the action's state (a refused form keeps
// what was typed); choices kept in React state are passed in as sets.

export type Bag = Record<string, string>;

const MAXLEN: Record<TextField, number> = {
  area: MAX.area,
  vehicleMake: MAX.vehicle,
  vehicleModel: MAX.vehicle,
  vehicleColour: MAX.vehicle,
  plate: MAX.plateTyped,
  platform: MAX.platform,
  handle: MAX.handleTyped,
  phone: MAX.phoneTyped,
  email: MAX.email,
  appearance: MAX.appearance,
  nameUsed: MAX.nameUsed,
  account: MAX.account,
};

const HINTS: Partial<Record<TextField, string>> = {
  area: 'A street, block or part of town. Never an exact address.',
  plate: 'Any part they remember, with or without spaces.',
  phone: 'Any formatting; digits are what count.',
  appearance: 'What they looked like: height, build, hair, clothes, anything that stands out. Shown on the alert unless kept off.',
  account: 'Kept with the report for reviewers; never shown on an alert.',
};

export function TextInput({ name, values, errors }: { name: TextField; values: Bag; errors: Bag }) {
  const common = {
    label: FIELD_LABELS[name],
    name,
    hint: HINTS[name],
    error: errors[name],
    defaultValue: values[name] ?? '',
    maxLength: MAXLEN[name],
    autoComplete: 'off',
  };
  if (name === 'appearance' || name === 'account') return <TextAreaField {...common} rows={name === 'account' ? 5 : 3} />;
  return <Field {...common} inputMode={name === 'phone' ? 'tel' : undefined} spellCheck={name === 'plate' || name === 'handle' ? false : undefined} />;
}

type ChoicesProps<T extends string> = {
  legend: string;
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  chosen: Set<T>;
  onToggle: (v: T) => void;
  error?: string;
  hint?: string;
  /** Read before each choice's label by screen readers, when the labels repeat other fields' names. */
  spokenPrefix?: string;
};

/** A group of checkboxes (one or more) with its error announced with the group. */
export function Choices<T extends string>({ legend, name, options, labels, chosen, onToggle, error, hint, spokenPrefix }: ChoicesProps<T>) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="alert-fieldset" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      )}
      <div className="alert-choices">
        {options.map((o) => (
          <label key={o}>
            <input type="checkbox" name={name} value={o} checked={chosen.has(o)} onChange={() => onToggle(o)} />
            {spokenPrefix && <span className="visually-hidden">{spokenPrefix} </span>}
            {labels[o]}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One choice of several (radio buttons). */
export function OneOf<T extends string>({
  legend,
  name,
  options,
  labels,
  value,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T | null;
  onChange: (v: T) => void;
  error?: string;
}) {
  return (
    <fieldset className="alert-fieldset" aria-describedby={error ? `${name}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className="alert-choices">
        {options.map((o) => (
          <label key={o}>
            <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
            {labels[o]}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
