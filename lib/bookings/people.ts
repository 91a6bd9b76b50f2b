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

/**
 * Locks an open participant record (lib/participants/lock.ts's database function, in the same
 * statement) and, when given a kind and day, checks the daily limit (setting
 * bookings.perPersonPerDay), in one round trip; refuses an unknown, de-identified or merged record,
 * or one over the limit, beside the person field. The count is read with the statement's snapshot,
 * so a booking another desk committed while this one waited for the lock can be missed: then the
 * trigger, which counts after the lock, refuses (see limitRefusal).
 */
export async function lockParticipantForBooking(tx: Tx, id: string, limit?: Limit): Promise<void> {
  const [row] = await tx.$queryRaw<{ refusal: string | null; held: number; setting: unknown }[]>`
    SELECT lock_open_participant(${id}::uuid) AS refusal,
           (SELECT count(*)::int FROM booking b
            WHERE b.participant_id = ${id}::uuid AND b.kind = ${limit?.kind ?? 'shower'}::"ResourceKind" AND b.day = ${limit?.day ?? '1970-01-01'}::date
              AND b.status IN ('booked', 'checked_in') AND b.id IS DISTINCT FROM ${limit?.exceptBookingId ?? null}::uuid) AS held,
           (SELECT value FROM setting WHERE key = 'bookings.perPersonPerDay') AS setting`;
  const refusal = participantRefusal(row?.refusal ?? null, PARTICIPANT_DEIDENTIFIED);
  if (refusal) throw refusal;
  if (!limit || !row) return;
  // Read as lib/settings reads it: the default when missing or not a number.
  const parsed = SETTINGS['bookings.perPersonPerDay'].schema.safeParse(row.setting);
  const max = parsed.success ? parsed.data : SETTINGS['bookings.perPersonPerDay'].default;
  if (row.held >= max) throw new AppError('conflict', LIMIT_MESSAGE(limit.kind, max), 'participantId');
}

/**
 * The booking_daily_limit trigger's refusal as the desk reads it. The code counts first and
 * answers with the exact limit; the trigger is the guarantee behind it, should anything get past.
 */
export function limitRefusal(error: unknown, kind: Kind): AppError | null {
  if (dbErrorCode(error) !== '23514' || !String((error as Error).message).includes('daily booking limit')) return null;
  return new AppError('conflict', `This person already has the most ${KIND_LABEL[kind]} bookings allowed that day.`, 'participantId');
}
