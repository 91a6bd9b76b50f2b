'use client';

import { useState } from 'react';
import { useParticipantSearch } from '@/components/participants/use-participant-search.ts';
import { useOutbox } from './queue/outbox.tsx';

export type Who = { kind: 'person'; id: string; alias: string; code: string } | { kind: 'anonymous' };
type Seen = { id: string; alias: string; code: string };

const bare = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
/** Offline, the search runs over the people this worker met lately (alias and code only, sent with the page). */
export function matchSeen(seen: readonly Seen[], text: string): Seen[] {
  const t = text.trim();
  if (t.length < 2) return [];
  return seen.filter((p) => p.alias.toLowerCase().includes(t.toLowerCase()) || bare(p.code).startsWith(bare(t)));
}

/** Who was met: a few letters of an alias or code and a tap on the match, or Anonymous. Built for a thumb, not a keyboard. */
export function PersonFinder({
  who,
  onChoose,
  error,
  seen = [],
}: {
  who: Who | null;
  onChoose: (who: Who | null) => void;
  error?: string;
  seen?: readonly Seen[];
}) {
  const [query, setQuery] = useState('');
  const { online } = useOutbox();
  const found = useParticipantSearch(online ? query : '');
  const matches = online ? found.matches : matchSeen(seen, query);
  const searching = online && found.searching;
  if (who) {
    return (
      <p className="outreach-who">
        {who.kind === 'anonymous' ? (
          <strong>Anonymous</strong>
        ) : (
          <>
            <strong>{who.alias}</strong> <span className="desk-code">{who.code}</span>
          </>
        )}{' '}
        <button
          type="button"
          className="button small secondary"
          onClick={() => {
            setQuery('');
            onChoose(null);
          }}
        >
          Change
        </button>
      </p>
    );
  }
  const searched = query.trim().length >= 2 && !searching;
  return (
    <div className="field outreach-finder">
      <label htmlFor="outreach-find">Who</label>
      <span id="outreach-find-hint" className="hint">
        Two or three letters of an alias or code, or Anonymous.{online ? '' : ' Offline: only people you met lately.'}
      </span>
      <div className="row">
        <input
          id="outreach-find"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={error ? 'outreach-find-hint outreach-find-error' : 'outreach-find-hint'}
          aria-invalid={error ? true : undefined}
        />
        <button type="button" className="button secondary" onClick={() => onChoose({ kind: 'anonymous' })}>
          Anonymous
        </button>
      </div>
      {error && (
        <span id="outreach-find-error" className="field-error">
          {error}
        </span>
      )}
      {matches.length > 0 && (
        <ul className="outreach-matches" aria-label="Matches">
          {matches.slice(0, 6).map((m) => (
            <li key={m.id}>
              <button type="button" className="button secondary" onClick={() => onChoose({ kind: 'person', id: m.id, alias: m.alias, code: m.code })}>
                {m.alias} <span className="desk-code">{m.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {searched ? (matches.length ? `${matches.length} found.` : 'No one found.') : ''}
      </p>
      {searched && !matches.length && <p className="muted">No one found. Check the spelling, or choose Anonymous.</p>}
    </div>
  );
}
