'use client';

import { useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { addAttendeeAction } from '@/app/(staff)/programs/actions.ts';
import { useParticipantSearch, type ParticipantOption as PersonOption } from '@/components/participants/use-participant-search.ts';
import type { ActionState } from '@/lib/action.ts';

const LISTBOX = 'attendee-matches';

/**
 * Search-and-add at a busy session: two or three letters of an alias or code, Enter counts the
 * first match at once and clears the box for the next person. Arrow keys move; Escape clears.
 * An ARIA 1.2 combobox; the answer ("Counted", "Already counted") is announced.
 */
export function AttendeeAdder({ sessionId }: { sessionId: string }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [result, setResult] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();
  const enterWaiting = useRef(false);
  const add = (person: PersonOption) => {
    setQuery('');
    setActive(0);
    enterWaiting.current = false;
    const form = new FormData();
    form.set('sessionId', sessionId);
    form.set('participantId', person.id);
    startTransition(async () => setResult(await addAttendeeAction(null, form)));
  };
  const { matches, searching } = useParticipantSearch(query, (found) => {
    if (enterWaiting.current && found[0]) add(found[0]);
    enterWaiting.current = false;
  });
  const open = query.trim().length >= 2 && matches.length > 0;
  const current = Math.min(active, matches.length - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
      e.preventDefault();
      setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open) add(matches[current]!);
      else if (searching) enterWaiting.current = true;
    } else if (e.key === 'Escape' && query) {
      setQuery('');
    }
  };
  // The action declares its inputs hidden (ids only), so every refusal arrives as the form's own.
  const message = result ? (result.ok ? result.message : result.formError) : '';
  const none = query.trim().length >= 2 && !searching && matches.length === 0;
  return (
    <div className="field">
      <label htmlFor="attendee-search" id="attendee-search-label">
        Add someone by alias or code
      </label>
      <span id="attendee-search-hint" className="hint">
        Two or three letters, then Enter. The box clears for the next person.
      </span>
      <div className="attendance-combobox">
        <input
          id="attendee-search"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={LISTBOX}
          aria-activedescendant={open ? `${LISTBOX}-${current}` : undefined}
          aria-describedby="attendee-search-hint attendee-result"
          value={query}
          onChange={(e) => {
            setActive(0);
            enterWaiting.current = false;
            setQuery(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={LISTBOX} role="listbox" aria-labelledby="attendee-search-label" hidden={!open}>
          {matches.map((m, i) => (
            <li key={m.id} id={`${LISTBOX}-${i}`} role="option" aria-selected={i === current} onMouseDown={(e) => e.preventDefault()} onClick={() => add(m)}>
              <strong>{m.alias}</strong> <span className="muted">{m.code}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id="attendee-result" className={result && !result.ok ? 'field-error' : 'form-ok'} role="status">
        {pending ? 'Adding…' : message}
      </p>
      {none && <p className="muted">No one found. Check the spelling, or count them without a name.</p>}
    </div>
  );
}
