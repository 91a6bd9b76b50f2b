// Shared by the bookings data-layer tests (not a test file itself).
import type { Actor } from '@/lib/auth/session.ts';
import { addToWaitlist } from './waitlist.ts';
import { type Kind } from './slots.ts';
import { localDay } from '@/lib/calendar/index.ts';

/** Puts an anonymous person on the waitlist of the day of `at`; returns the entry id. */
export async function addWaiting(by: Actor, kind: Kind, at: Date, participantId = 'anonymous'): Promise<string> {
  return (await addToWaitlist(by, { kind, day: localDay(at), participantId })).entryId;
}
