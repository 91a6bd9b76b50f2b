'use client';

import { useState } from 'react';
import { TOOLBAR_FIELD_STYLE } from '@/components/data-table/filter-select.tsx';

/**
 * The referrals list's one `due` filter, as two controls: "due now" (the "Follow-ups due" shortcut,
 * `due=due`) or due by a chosen date. Choosing one clears the other, and the date field has no name
 * while the box is ticked, so the form sends one `due` at most.
 */
export function DueFilter({ value }: { value: string | undefined }) {
  const [now, setNow] = useState(value === 'due');
  const [by, setBy] = useState(value && value !== 'due' ? value : '');
  return (
    <>
      <div className="field" style={TOOLBAR_FIELD_STYLE}>
        <label className="choice" htmlFor="filter-due-now">
          <input
            id="filter-due-now"
            type="checkbox"
            name="due"
            value="due"
            checked={now}
            onChange={(e) => {
              setNow(e.target.checked);
              if (e.target.checked) setBy('');
            }}
          />
          Follow-up due now
        </label>
      </div>
      <div className="field" style={TOOLBAR_FIELD_STYLE}>
        <label htmlFor="filter-due">Follow-up due by</label>
        <input
          id="filter-due"
          type="date"
          name={now ? undefined : 'due'}
          value={by}
          onChange={(e) => {
            setBy(e.target.value);
            if (e.target.value) setNow(false);
          }}
        />
      </div>
    </>
  );
}
