'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import { useParticipantSearch, type ParticipantOption as PersonOption } from '@/components/participants/use-participant-search.ts';

export type Who = { kind: 'person'; id: string; alias: string; code: string } | { kind: 'anonymous' };

type Props = {
  /** Prefix for element ids, so two pickers can share a page. */
  id: string;
  chosen: Who | null;
  onChoose: (who: Who | null) => void;
  error?: string;
  /** The question and the anonymous choice's words, for pickers outside bookings. */
  label?: string;
  anonymousLabel?: string;
  /** False where a record is required (a Safe Suite stay): no "Anonymous" option. */
  allowAnonymous?: boolean;
};

const ANONYMOUS = { key: 'anonymous', who: { kind: 'anonymous' } as Who };
const TICKET_ONLY = 'Anonymous (ticket only)';

export function whoLabel(who: Who, anonymousLabel = TICKET_ONLY): string {
  return who.kind === 'anonymous' ? anonymousLabel : `${who.alias} · ${who.code}`;
}

/**
 * Who the booking is for: an ARIA 1.2 combobox over a listbox. Two or three letters of an alias
 * or code, then Enter picks the first match; arrow keys move; the last option is always
 * "Anonymous (ticket only)". Escape closes the list and is left to bubble (Esc twice hides the screen).
 */
export function PersonPicker({ id, chosen, onChoose, error, label = 'Who is it for?', anonymousLabel = TICKET_ONLY, allowAnonymous = true }: Props) {
  const [query, setQuery] = useState('');
  // The highlighted option by its key, not its place: when matches arrive after an arrow key,
  // what was picked on purpose (say "Anonymous") stays picked instead of whatever moved into its row.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // Enter pressed while the answer to the text is still on its way: the first match, once it comes.
  const enterWaiting = useRef(false);
  // Arrow keys used since the last keystroke: what is highlighted was picked on purpose.
  const moved = useRef(false);
  const choose = (who: Who) => {
    setQuery('');
    setActiveKey(null);
    enterWaiting.current = false;
    onChoose(who);
  };
  const { matches, searching } = useParticipantSearch(query, (found) => {
    if (enterWaiting.current && found[0]) choose({ kind: 'person', ...found[0] });
    enterWaiting.current = false;
  });
  const typed = query.trim().length > 0;
  const options = typed
    ? [...matches.map((m: PersonOption) => ({ key: m.id, who: { kind: 'person', ...m } as Who })), ...(allowAnonymous ? [ANONYMOUS] : [])]
    : [];
  const open = options.length > 0;
  const current = Math.max(
    0,
    options.findIndex((o) => o.key === activeKey),
  );
  const listbox = `${id}-matches`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
      e.preventDefault();
      moved.current = true;
      setActiveKey(options[(current + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length]!.key);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      // The first match is what two or three letters most likely meant: while it is on its way,
      // Enter waits for it rather than taking "Anonymous", the only option shown meanwhile.
      const picked = options[current]!;
      if (searching && picked.key === 'anonymous' && !moved.current) enterWaiting.current = true;
      else choose(picked.who);
    } else if (e.key === 'Enter' && typed && !allowAnonymous) {
      // No match shown yet (still searching): Enter waits for the first one rather than submitting.
      e.preventDefault();
      enterWaiting.current = true;
    } else if (e.key === 'Escape' && open) {
      setQuery('');
    }
  };
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field booking-picker">
      <label htmlFor={`${id}-search`} id={`${id}-label`}>
        {label}
      </label>
      <span id={`${id}-hint`} className="hint">
        {chosen ? (
          <>
            Chosen: <strong>{whoLabel(chosen, anonymousLabel)}</strong>. Type to choose someone else.
          </>
        ) : (
          'Two or three letters of an alias or code, then Enter.'
        )}
      </span>
      <div className="booking-combobox">
        <input
          id={`${id}-search`}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listbox}
          aria-activedescendant={open ? `${listbox}-${current}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={query}
          onChange={(e) => {
            setActiveKey(null);
            enterWaiting.current = false;
            moved.current = false;
            setQuery(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listbox} role="listbox" aria-labelledby={`${id}-label`} hidden={!open}>
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listbox}-${i}`}
              role="option"
              aria-selected={i === current}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o.who)}
            >
              {o.who.kind === 'person' ? (
                <>
                  <strong>{o.who.alias}</strong> <span className="booking-code">{o.who.code}</span>
                </>
              ) : (
                <strong>{anonymousLabel}</strong>
              )}
            </li>
          ))}
        </ul>
      </div>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
      <p className="visually-hidden" aria-live="polite">
        {typed && !searching ? `${matches.length} found.` : ''}
      </p>
    </div>
  );
}
