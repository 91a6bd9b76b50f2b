import 'server-only';
import type { Tx } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { PARTICIPANT_MERGED, PARTICIPANT_NOT_FOUND } from './messages.ts';

/**
 * Locks an open participant record for the rest of the transaction (the database function
 * lock_open_participant, migration 20261121055000_single_statement_writes), so a merge or
 * de-identification cannot slip in before the row that refers to the person is written. Refuses an
 * unknown, de-identified or merged record beside the person field; `deidentified` is the feature's
 * own words for what to do instead. Internal: callers have checked the actor.
 */
export async function lockOpenParticipant(tx: Tx, id: string, deidentified: string): Promise<void> {
  const [row] = await tx.$queryRaw<{ refusal: string | null }[]>`SELECT lock_open_participant(${id}::uuid) AS refusal`;
  const refusal = participantRefusal(row?.refusal ?? null, deidentified);
  if (refusal) throw refusal;
}

/** lock_open_participant's answer (also given by database functions that call it) as a plain refusal, or null. */
export function participantRefusal(refusal: string | null, deidentified: string): AppError | null {
  if (refusal === 'participant_not_found') return new AppError('invalid', PARTICIPANT_NOT_FOUND, 'participantId');
  if (refusal === 'participant_deidentified') return new AppError('invalid', deidentified, 'participantId');
  if (refusal === 'participant_merged') return new AppError('invalid', PARTICIPANT_MERGED, 'participantId');
  return null;
}
