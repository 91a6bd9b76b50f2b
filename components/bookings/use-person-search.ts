'use client';

import { useEffect, useRef, useState } from 'react';
import { searchPeopleAction } from '@/app/(staff)/bookings/actions.ts';

export type PersonOption = { id: string; alias: string; code: string };

const WAIT_MS = 80;

/**
 * Matches for the text typed so far, from a Server Action (a POST: the text never reaches a URL).
 * A short pause between keystrokes saves round trips; an answer to older text is dropped.
 * `onAnswer` hears each answer to the latest text as it arrives.
 */
export function usePersonSearch(text: string, onAnswer?: (matches: PersonOption[]) => void): { matches: PersonOption[]; searching: boolean } {
  const [state, setState] = useState<{ for: string; matches: PersonOption[] }>({ for: '', matches: [] });
  const latest = useRef('');
  const answered = useRef(onAnswer);
  const wanted = text.trim().length >= 2 ? text.trim() : '';

  useEffect(() => {
    answered.current = onAnswer;
  });

  useEffect(() => {
    latest.current = wanted;
    if (!wanted) return;
    const timer = setTimeout(async () => {
      const form = new FormData();
      form.set('q', wanted);
      try {
        const result = await searchPeopleAction(null, form);
        if (latest.current !== wanted) return;
        const matches = result?.ok && result.data?.matches ? (JSON.parse(result.data.matches) as PersonOption[]) : [];
        setState({ for: wanted, matches });
        answered.current?.(matches);
      } catch {
        // A dropped connection leaves the last answer; the next keystroke asks again.
      }
    }, WAIT_MS);
    return () => clearTimeout(timer);
  }, [wanted]);

  if (!wanted) return { matches: [], searching: false };
  return state.for === wanted ? { matches: state.matches, searching: false } : { matches: [], searching: true };
}
