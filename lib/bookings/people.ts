import 'server-only';
import type { Tx } from '@/lib/db/client.ts';
import { AppError, dbErrorCode } from '@/lib/errors.ts';
import { SETTINGS } from '@/lib/settings/definitions.ts';
import { KIND_LABEL, LIMIT_MESSAGE } from './rules.ts';
import { participantRefusal } from '@/lib/participants/lock.ts';
import { PARTICIPANT_DEIDENTIFIED } from './schema.ts';
import type { Kind } from './slots.ts';

// The person a booking or waitlist entry is for. Their row is locked for the transaction, so a
// merge or de-identification cannot slip in, and two desks booking the same person are counted
// one after the other by the booking_daily_limit trigger, which takes the same lock.

type Limit = { kind: Kind; day: string; exceptBookingId?: string };

/** What lock_booking_person (and place_booking, which calls it) answers when the person may not hold one more place. */
export type PersonRefusal = { refused: 'participant_not_found' | 'participant_deidentified' | 'participant_merged' | 'limit'; max?: number };

/** The desk's words for a PersonRefusal, beside the person field. */
export function personRefusal(answer: PersonRefusal, kind: Kind): AppError {
  if (answer.refused === 'limit') return new AppError('conflict', LIMIT_MESSAGE(kind, answer.max ?? 1), 'participantId');
  return participantRefusal(answer.refused, PARTICIPANT_DEIDENTIFIED)!;
}

/**
 * Locks an open participant record and checks the daily limit with the database function
 * lock_booking_person, the check place_booking makes, the limit read as place_booking and the
 * booking_daily_limit trigger read it (booking_day_limit): one reading of the setting everywhere.
 * Refuses an unknown, de-identified or merged record, or one over the limit, beside the person
 * field. The count follows the lock, so a booking another desk committed while this one waited is
 * counted; the trigger stays the guarantee (limitRefusal).
 */
export async function lockParticipantForBooking(tx: Tx, id: string, limit: Limit): Promise<void> {
  const [row] = await tx.$queryRaw<{ answer: PersonRefusal | null }[]>`
    SELECT lock_booking_person(${id}::uuid, ${limit.kind}::"ResourceKind", ${limit.day}::date, ${limit.exceptBookingId ?? null}::uuid,
                               booking_day_limit(${SETTINGS['bookings.perPersonPerDay'].default}::int)) AS answer`;
  if (row?.answer) throw personRefusal(row.answer, limit.kind);
}

/**
 * The booking_daily_limit trigger's refusal as the desk reads it. The code counts first and
 * answers with the exact limit; the trigger is the guarantee behind it, should anything get past.
 */
export function limitRefusal(error: unknown, kind: Kind): AppError | null {
  if (dbErrorCode(error) !== '23514' || !String((error as Error).message).includes('daily booking limit')) return null;
  return new AppError('conflict', `This person already has the most ${KIND_LABEL[kind]} bookings allowed that day.`, 'participantId');
}
