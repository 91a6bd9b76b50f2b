import type { CSSProperties } from 'react';

// A select is as wide as its longest option (a long staff name): let the field shrink to the
// screen instead of widening the page on a phone.
export const TOOLBAR_FIELD_STYLE: CSSProperties = { minWidth: 0, maxWidth: '100%' };

type FilterSelectProps = {
  label: string;
  name: string;
  value: string | undefined;
  /** The "no filter" choice, e.g. "All roles". */
  anyLabel: string;
  options: readonly { value: string; label: string }[];
};

/** A labelled select for a DataTable's filter form; an empty value means "no filter". */
export function FilterSelect({ label, name, value, anyLabel, options }: FilterSelectProps) {
  const id = `filter-${name}`;
  return (
    <div className="field" style={TOOLBAR_FIELD_STYLE}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type FilterDateProps = { label: string; name: string; value: string | undefined };

/** A labelled date input (YYYY-MM-DD) for a DataTable's filter form. */
export function FilterDate({ label, name, value }: FilterDateProps) {
  const id = `filter-${name}`;
  return (
    <div className="field" style={TOOLBAR_FIELD_STYLE}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" name={name} defaultValue={value ?? ''} />
    </div>
  );
}
