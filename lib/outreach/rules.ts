import type { Role } from '@/lib/auth/permissions.ts';
import { CHANGE_REFUSED, SHIFT_ENDS_BEFORE_START, SHIFT_TOO_LONG } from './schema.ts';

// Pure rules for outreach entries: which times may be recorded and who may void an entry. The
// mutations read and lock the rows, then ask here; the database's constraints stand behind them.

/** How far back an entry may be recorded: a phone that was offline for a while, not last year. */
export const MAX_BACKDATE_DAYS = 31;
/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_SHIFT_HOURS = 36; // matches outreach_shift_length_check

/** Why an entry's time is refused, or null when it may be recorded. */
export function entryTimeProblem(at: Date, now: Date, what: string): string | null {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return `The ${what} cannot be in the future.`;
  if (now.getTime() - at.getTime() > MAX_BACKDATE_DAYS * 86_400_000) {
    return `Entries more than ${MAX_BACKDATE_DAYS} days old cannot be recorded here. Ask a program manager.`;
  }
  return null;
}

/** Why a shift's end is refused, or null. */
export function shiftEndProblem(startedAt: Date, endedAt: Date): string | null {
  if (endedAt.getTime() <= startedAt.getTime()) return SHIFT_ENDS_BEFORE_START;
  if (endedAt.getTime() - startedAt.getTime() > MAX_SHIFT_HOURS * 3_600_000) return SHIFT_TOO_LONG;
  return null;
}

/** Its author voids a mistaken entry; so may a coordinator or manager, who look after the records. */
export function voidProblem(actor: { id: string; role: Role }, entry: { createdById: string }): string | null {
  if (entry.createdById === actor.id || actor.role === 'coordinator' || actor.role === 'manager') return null;
  return CHANGE_REFUSED;
}

/** Hours between two instants, to one decimal (a shift under way counts up to now). */
export function hoursBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 360_000) / 10;
}
