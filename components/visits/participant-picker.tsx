'use client';

import Link from 'next/link';
import { useState, type KeyboardEvent } from 'react';
import { offerAlias } from '@/components/participants/alias-prefill.ts';
import type { Chosen } from './quick-log-state.ts';
import { useParticipantSearch, type ParticipantOption } from '@/components/participants/use-participant-search.ts';

type Props = {
  query: string;
  onQuery: (text: string) => void;
  onChoose: (chosen: Chosen) => void;
  /** Enter in the empty box once someone is chosen: save. */
  onEnterWhenClosed: () => void;
  error?: string;
  /** The role may add a participant: a search that finds nobody offers to. */
  mayAddPerson?: boolean;
};

type Option = { key: string; chosen: Chosen; person?: ParticipantOption };

const ANONYMOUS: Option = { key: 'anonymous', chosen: { kind: 'anonymous' } };
const LISTBOX = 'quick-log-matches';

/** "anon…" offers the anonymous visit: first once the word is clear, last while it could be an alias. */
function withAnonymous(text: string, people: ParticipantOption[]): Option[] {
  const options: Option[] = people.map((m) => ({ key: m.id, chosen: { kind: 'person', id: m.id, alias: m.alias, code: m.code }, person: m }));
  const t = text.trim().toLowerCase();
  if (t.length < 2 || !'anonymous'.startsWith(t)) return options;
  return t.length >= 4 ? [ANONYMOUS, ...options] : [...options, ANONYMOUS];
}

/**
 * Who the visit is for: an ARIA 1.2 combobox with a listbox popup and automatic selection of the
 * first match, so two or three characters and Enter pick the most likely person. Arrow keys
 * move; Escape closes (and is left to bubble, so Esc twice still hides the screen).
 */
export function ParticipantPicker({ query, onQuery, onChoose, onEnterWhenClosed, error, mayAddPerson }: Props) {
  const { matches, searching } = useParticipantSearch(query);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const options = withAnonymous(query, matches);
  const open = !dismissed && options.length > 0;
  const current = Math.min(active, options.length - 1);
  const choose = (option: Option | undefined) => {
    setActive(0);
    if (option) onChoose(option.chosen);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setDismissed(false);
      setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open) choose(options[current]);
      else if (!query.trim()) onEnterWhenClosed();
    } else if (e.key === 'Escape' && open) {
      setDismissed(true);
    }
  };
  const searched = query.trim().length >= 2 && !searching;
  return (
    <div className="field quick-log-picker">
      <label htmlFor="quick-log-search" id="quick-log-search-label">
        Find a participant
      </label>
      <span id="quick-log-search-hint" className="hint">
        Two or three letters of an alias or code, then Enter. Type “anon” for an anonymous visit.
      </span>
      <div className="desk-combobox">
        <input
          id="quick-log-search"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={LISTBOX}
          aria-activedescendant={open ? `${LISTBOX}-${current}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'quick-log-search-hint quick-log-search-error' : 'quick-log-search-hint'}
          value={query}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            setActive(0);
            setDismissed(false);
            onQuery(e.target.value);
          }}
        />
        <MatchList options={options} open={open} current={current} onPick={choose} />
      </div>
      {error && (
        <span id="quick-log-search-error" className="field-error">
          {error}
        </span>
      )}
      <p className="visually-hidden" aria-live="polite">
        {searched ? (matches.length ? `${matches.length} found. Enter picks the first.` : 'No one found.') : ''}
      </p>
      {searched && !matches.length && !open && <NobodyFound alias={query} mayAddPerson={!!mayAddPerson} />}
    </div>
  );
}

/**
 * A search that found nobody: check the spelling, log anonymously, or (roles that may) add the
 * person, with the typed text as their alias. It goes in this tab's storage, never the URL.
 */
function NobodyFound({ alias, mayAddPerson }: { alias: string; mayAddPerson: boolean }) {
  return (
    <p className="muted">
      No one found. Check the spelling, or log an anonymous visit.
      {mayAddPerson && (
        <>
          {' '}
          <Link href="/participants/new" onClick={() => offerAlias(alias)}>
            Add this person
          </Link>
        </>
      )}
    </p>
  );
}

/** The popup: each option shows alias beside code (and when last seen); a click picks it too. */
function MatchList({ options, open, current, onPick }: { options: Option[]; open: boolean; current: number; onPick: (o: Option) => void }) {
  return (
    <ul id={LISTBOX} role="listbox" aria-labelledby="quick-log-search-label" hidden={!open}>
      {options.map((o, i) => (
        // The input keeps focus while a pointer picks (mousedown would blur it first).
        <li key={o.key} id={`${LISTBOX}-${i}`} role="option" aria-selected={i === current} onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(o)}>
          {o.person ? (
            <>
              <strong>{o.person.alias}</strong> <span className="desk-code">{o.person.code}</span>
              <span className="muted"> {o.person.lastSeenOn ? `last seen ${o.person.lastSeenOn}` : 'not seen yet'}</span>
            </>
          ) : (
            <strong>Anonymous visit</strong>
          )}
        </li>
      ))}
    </ul>
  );
}
