import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';
import { assertMayChange, changeServices, lockVisit, logVisit, parseVisitInput } from './mutations.ts';
import { mergeLines } from './rules.ts';
import { AddToVisitSchema, NOT_THEIR_VISIT, QUANTITY_MAX, type AddToVisitInput, type DeskVisitInput } from './schema.ts';

// A person back the same day: one entry per person per drop-in, so the desk may add what they
// use now to the visit already logged today instead of logging a second one.

/**
 * The quick log's save: a new visit (`ask` or `new`, see logVisit), or (`add`) the lines added to
 * the person's visit today. Anyone who logs visits (`visit:create`).
 */
export async function saveDeskVisit(actor: Actor, input: DeskVisitInput): Promise<{ visitId: string; duplicate: boolean; added: boolean }> {
  assertCan(actor, 'visit:create');
  const { sameDay, addToVisitId, ...visit } = input;
  if (sameDay !== 'add') return { ...(await logVisit(actor, { ...visit, sameDay })), added: false };
  const added = await addToVisit(actor, {
    idempotencyKey: visit.idempotencyKey,
    visitId: addToVisitId ?? '',
    participantId: visit.participantId ?? '',
    services: visit.services,
  });
  return { ...added, added: true };
}

/**
 * Adds services and supplies to the person's visit today (quantities of a supply already on it
 * are summed), as a change of that visit: anyone who logs visits may add to today's visit (only
 * its author or a manager may remove or correct, see visitChangeProblem), with the same
 * `visit.updated` audit row as an edit, marked `merged` with the form's key. The key makes a
 * retry of the same save return without adding twice. Anyone who logs visits (`visit:create`).
 */
export async function addToVisit(actor: Actor, input: AddToVisitInput): Promise<{ visitId: string; duplicate: boolean }> {
  assertCan(actor, 'visit:create');
  const { idempotencyKey, visitId, participantId, services } = parseVisitInput(AddToVisitSchema, input);
  return db.$transaction(async (tx) => {
    const visit = await lockVisit(tx, visitId);
    // Not this person's, or not today's: the panel's question is out of date; it asks again.
    if (visit.participantId !== participantId || visit.visitDate !== localDay(programNow())) {
      throw new AppError('conflict', NOT_THEIR_VISIT, 'sameDay');
    }
    assertMayChange(actor, visit, 'add');
    // Under the visit's lock, so two retries of one save cannot both pass this check.
    const [seen] = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM audit_event WHERE entity_type = 'visit' AND entity_id = ${visitId} AND action = 'visit.updated' AND details->>'merged' = ${idempotencyKey}`;
    if (seen) return { visitId, duplicate: true };
    const types = await tx.serviceType.findMany({ where: { id: { in: services.map((l) => l.serviceTypeId) } }, select: { id: true, kind: true } });
    const kinds = new Map(types.map((t) => [t.id, t.kind]));
    await changeServices(tx, actor, visitId, (before) => withinLimit(mergeLines(before, services, kinds)), { merged: idempotencyKey });
    return { visitId, duplicate: false };
  });
}

/** A sum past the most one visit may record is refused beside that supply's quantity, not left to the constraint. */
function withinLimit(lines: { serviceTypeId: string; quantity: number }[]) {
  const over = lines.find((l) => l.quantity > QUANTITY_MAX);
  if (over)
    throw new AppError(
      'invalid',
      `With the earlier visit that makes ${over.quantity}; one visit records at most ${QUANTITY_MAX}.`,
      `quantity.${over.serviceTypeId}`,
    );
  return lines;
}
