import type { Actor } from '@/lib/auth/resolve-session.ts';

/**
 * One line on a participant's profile timeline. Every feature that records something about a
 * person (visits, bookings, stays, attendance, referrals…) contributes entries through a source.
 */
export type TimelineEntry = {
  at: Date;
  /** The feature, e.g. 'visit', 'booking', 'stay'. */
  kind: string;
  /** Short, plain words: "Drop-in visit: shower, meal". */
  title: string;
  detail?: string;
  /** A link to the record, when the actor may open it. */
  href?: string;
  /** Kept on the record but left out of counts (a voided visit, a cancelled booking). */
  muted?: boolean;
};

/** Reads one feature's entries for a person; checks the actor's permission itself and returns [] when it lacks it. */
export type TimelineSource = (actor: Actor, participantId: string) => Promise<TimelineEntry[]>;
