import { localTime, programNow } from '@/lib/calendar/index.ts';

// How long a destructive action (a stay cancelled, a visit or referral voided or ended, a shift
// ended) can be undone, in one place for every feature.
//
// Fifteen minutes: undo is for the mis-click noticed at once, while the person is still at the
// desk or the worker still on the corner. Much longer and the undo would be quietly rewriting what
// others have since acted on (the freed suite offered to the waitlist, the day's counts read); "until
// the end of the program day" was considered and refused because it gives a cancel at 23:55 five
// minutes and one at 08:00 sixteen hours. After the window the ordinary way applies: book again,
// log again, make a new referral, start a new shift.

export const UNDO_MINUTES = 15;

/** The last instant the action done at `doneAt` can be undone. */
export function undoUntil(doneAt: Date): Date {
  return new Date(doneAt.getTime() + UNDO_MINUTES * 60_000);
}

/** Whether the action done at `doneAt` can still be undone now (the program clock). */
export function undoOpen(doneAt: Date | null | undefined, now: Date = programNow()): boolean {
  return !!doneAt && now.getTime() <= undoUntil(doneAt).getTime();
}

/** The earliest instant an action still undoable now was done at (for lists of what can be undone). */
export function undoWindowStart(now: Date = programNow()): Date {
  return new Date(now.getTime() - UNDO_MINUTES * 60_000);
}

/** "14:45" (program time) when the undo of an action done at `doneAt` closes, or undefined once closed. */
export function undoUntilLabel(doneAt: Date | null | undefined, now: Date = programNow()): string | undefined {
  return doneAt && undoOpen(doneAt, now) ? localTime(undoUntil(doneAt)) : undefined;
}

/** The plain refusal once the window has closed; `instead` says the ordinary way ("Book the stay again."). */
export function undoClosedMessage(instead: string): string {
  return `This can be undone only in the first ${UNDO_MINUTES} minutes, and that time has passed. ${instead}`;
}
