import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { lockOpenParticipant } from '@/lib/participants/lock.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { undoClosedMessage, undoOpen, undoUntilLabel } from '@/lib/undo-window.ts';
import { VISIT_NOT_FOUND } from './schema.ts';

// Undoing a void for a while after it (lib/undo-window.ts). The visit counts again, as it was; the
// void's reason is dropped with the void (the audit log keeps that it was voided and restored).

export const UnvoidVisitSchema = z.object({ visitId: z.string({ error: VISIT_NOT_FOUND }).trim().toLowerCase().pipe(z.uuid(VISIT_NOT_FOUND)) });

export const UNVOID_REFUSED = 'Only the person who voided this visit, or a program manager, can undo the void.';
export const LOGGED_AGAIN =
  'This visit cannot be restored: a later visit for this person that day is counted, so restoring it would count them twice. Void that one first if this one is right.';

type Voided = { voidedAt: Date | null; voidedById: string | null; participantId: string | null; visitDate: Date; createdAt: Date };

/**
 * Restores a visit voided in the last few minutes. The one who voided it, or a program manager
 * (`visit:create`, as for voiding).
 */
export async function unvoidVisit(actor: Actor, input: unknown, now = programNow()): Promise<void> {
  assertCan(actor, 'visit:create');
  const parsed = UnvoidVisitSchema.safeParse(input);
  if (!parsed.success) throw new AppError('invalid', VISIT_NOT_FOUND);
  const { visitId } = parsed.data;
  await db.$transaction(async (tx) => {
    const [v] = await tx.$queryRaw<Voided[]>`
      SELECT voided_at AS "voidedAt", voided_by_id::text AS "voidedById", participant_id::text AS "participantId", visit_date AS "visitDate",
             created_at AS "createdAt"
      FROM visit WHERE id = ${visitId}::uuid FOR UPDATE`;
    if (!v) throw notFound('That visit');
    if (!v.voidedAt) throw new AppError('conflict', 'This visit is not voided: there is nothing to undo.');
    if (actor.role !== 'manager' && actor.id !== v.voidedById) throw new AppError('forbidden', UNVOID_REFUSED);
    if (!undoOpen(v.voidedAt, now)) throw new AppError('conflict', undoClosedMessage('Log the visit again if it happened.'));
    if (v.participantId) {
      // The database's own rule for a record a visit may be written to; it also holds the person
      // (log_visit takes the same lock), so no visit slips in between the look below and the restore.
      await lockOpenParticipant(tx, v.participantId, 'This person’s record was de-identified, so the visit cannot be restored.');
      // Logged later than this one (both times are the database's) and still counted: most likely
      // the same visit logged again after the void.
      const again = await tx.visit.count({
        where: { participantId: v.participantId, visitDate: v.visitDate, voidedAt: null, createdAt: { gt: v.createdAt }, id: { not: visitId } },
      });
      if (again) throw new AppError('conflict', LOGGED_AGAIN);
    }
    await tx.visit.update({ where: { id: visitId }, data: { voidedAt: null, voidedById: null, voidReasonEnc: null }, select: { id: true } });
    await recordAudit(tx, actor, 'visit.unvoided', { entityType: 'visit', entityId: visitId, details: { participantId: v.participantId } });
  });
}

/**
 * When this actor's undo of a visit's void closes ("14:45"), or undefined when they cannot undo it
 * (not voided, voided by someone else, too long ago). For the visit's page; the mutation checks
 * again. Anyone who sees visits (`visit:read`).
 */
export async function unvoidUntil(actor: Actor, visitId: string, now = programNow()): Promise<string | undefined> {
  assertCan(actor, 'visit:read');
  if (!can(actor, 'visit:create')) return undefined;
  const v = await db.visit.findUnique({ where: { id: visitId }, select: { voidedAt: true, voidedById: true } });
  if (!v?.voidedAt || (actor.role !== 'manager' && actor.id !== v.voidedById)) return undefined;
  return undoUntilLabel(v.voidedAt, now);
}
