import type { TextareaHTMLAttributes } from 'react';
import { Field } from '@/components/ui/field.tsx';
import { DECLINED } from '@/lib/participants/labels.ts';

// Form pieces for the participant form. Every optional question sits in its own fieldset, so its
// "prefers not to answer" box is announced with the question it belongs to.

type Values = Record<string, string>;
type Errors = Record<string, string>;

type DeclinableProps = { label: string; name: string; hint?: string; values: Values; errors: Errors; maxLength?: number; inputMode?: 'numeric' };

/** A text answer with its own "prefers not to answer" box; both empty means "not asked". */
export function DeclinableText({ label, name, hint, values, errors, maxLength, inputMode }: DeclinableProps) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend className="visually-hidden">{label}</legend>
      <Field
        label={label}
        name={name}
        hint={hint}
        defaultValue={values[name] ?? ''}
        error={errors[name]}
        maxLength={maxLength}
        inputMode={inputMode}
        autoComplete="off"
      />
      <CheckboxField label={DECLINED} name={`${name}Declined`} checked={values[`${name}Declined`] === 'on'} />
    </fieldset>
  );
}

type CheckboxProps = { label: string; name: string; checked: boolean; error?: string; required?: boolean };

/** A labelled checkbox with its error beside it. */
export function CheckboxField({ label, name, checked, error, required }: CheckboxProps) {
  const id = `field-${name}`;
  return (
    <div className="field">
      <label htmlFor={id} style={{ fontWeight: 400, display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={checked}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {label}
      </label>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; hint?: string; error?: string };

/** A labelled multi-line field, like `Field`. */
export function TextAreaField({ label, name, hint, error, ...area }: TextAreaProps) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <textarea id={id} name={name} rows={3} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...area} />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
