'use client';

import { useEffect, useRef, useState } from 'react';
import { matchParticipantsAction } from '@/app/(staff)/participants/actions.ts';

/** `lastSeenOn` is the Vancouver day, formatted on the server (see lib/calendar). */
export type ParticipantOption = { id: string; alias: string; code: string; lastSeenOn: string | null };

const WAIT_MS = 60;

/**
 * Matches for the text typed so far, for every participant picker (quick log, bookings,
 * attendance, referrals, stays), from a Server Action: a POST, so the text never reaches a URL.
 * A short pause between keystrokes saves round trips; an answer to older text is dropped.
 * `onAnswer` hears each answer to the latest text as it arrives (a picker waiting to take the
 * first match on Enter).
 */
export function useParticipantSearch(text: string, onAnswer?: (matches: ParticipantOption[]) => void): { matches: ParticipantOption[]; searching: boolean } {
  const [state, setState] = useState<{ for: string; matches: ParticipantOption[] }>({ for: '', matches: [] });
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
        const result = await matchParticipantsAction(null, form);
        if (latest.current !== wanted) return;
        const matches = result?.ok && result.data?.matches ? (JSON.parse(result.data.matches) as ParticipantOption[]) : [];
        setState({ for: wanted, matches });
        answered.current?.(matches);
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
