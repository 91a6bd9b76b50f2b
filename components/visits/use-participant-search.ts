'use client';

import { useEffect, useRef, useState } from 'react';
import { searchParticipantsAction } from '@/app/(staff)/visits/actions.ts';

export type ParticipantOption = { id: string; alias: string; code: string; lastSeenAt: string | null };

const WAIT_MS = 60;

/**
 * Matches for the text typed so far, from a Server Action (a POST: the text never reaches a URL).
 * A short pause between keystrokes saves round trips; an answer to older text is dropped.
 */
export function useParticipantSearch(text: string): { matches: ParticipantOption[]; searching: boolean } {
  const [state, setState] = useState<{ for: string; matches: ParticipantOption[] }>({ for: '', matches: [] });
  const latest = useRef('');
  const wanted = text.trim().length >= 2 ? text.trim() : '';

  useEffect(() => {
    latest.current = wanted;
    if (!wanted) return;
    const timer = setTimeout(async () => {
      const form = new FormData();
      form.set('q', wanted);
      try {
        const result = await searchParticipantsAction(null, form);
        if (latest.current !== wanted) return;
        const matches = result?.ok && result.data?.matches ? (JSON.parse(result.data.matches) as ParticipantOption[]) : [];
        setState({ for: wanted, matches });
      } catch {
        // A dropped connection leaves the last answer in place; the next keystroke asks again.
      }
    }, WAIT_MS);
    return () => clearTimeout(timer);
  }, [wanted]);

  if (!wanted) return { matches: [], searching: false };
  if (state.for === wanted) return { matches: state.matches, searching: false };
  // While the answer to "riv" is on its way, the matches for "ri" that still fit stay on screen.
  const narrowing = state.for && wanted.toLowerCase().startsWith(state.for.toLowerCase());
  return { matches: narrowing ? state.matches.filter((m) => stillMatches(m, wanted)) : [], searching: true };
}

function stillMatches(option: ParticipantOption, text: string): boolean {
  const bare = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
  return option.alias.toLowerCase().includes(text.toLowerCase()) || bare(option.code).startsWith(bare(text));
}
