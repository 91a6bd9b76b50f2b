'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { similarAliasesAction } from '@/app/(staff)/participants/actions.ts';
import type { SimilarAlias } from '@/lib/participants/queries.ts';

const DEBOUNCE_MS = 300;

/**
 * Similar aliases already on record, looked up while the alias is typed, so staff can open the
 * person's existing record instead of making a second one. Posted to a Server Action: the typed
 * alias never reaches a URL. Only the newest answer is shown.
 */
export function DuplicateHint({ alias }: { alias: string }) {
  const [matches, setMatches] = useState<SimilarAlias[]>([]);
  const [, startTransition] = useTransition();
  const latest = useRef(0);

  useEffect(() => {
    const ask = ++latest.current;
    const timer = setTimeout(() => {
      if ([...alias.trim()].length < 2) return setMatches([]);
      const form = new FormData();
      form.set('alias', alias);
      startTransition(async () => {
        const state = await similarAliasesAction(null, form);
        if (ask !== latest.current) return;
        setMatches(state?.ok && state.data?.matches ? (JSON.parse(state.data.matches) as SimilarAlias[]) : []);
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [alias]);

  return (
    <div aria-live="polite" className="duplicate-hint">
      {matches.length > 0 && (
        <section className="card" aria-labelledby="similar-heading">
          <h2 id="similar-heading">Already on record?</h2>
          <p className="muted">These aliases look alike. If one of them is this person, open their record instead of making a new one.</p>
          <ul>
            {matches.map((m) => (
              <li key={m.id}>
                <Link href={`/participants/${m.id}`}>{m.alias}</Link>{' '}
                <span className="muted">
                  · {m.code} · last seen {m.lastSeenOn ?? 'not yet'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
