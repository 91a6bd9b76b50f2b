import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { undoClosedMessage, undoOpen, undoUntil } from '@/lib/undo-window.ts';
import { voidProblem } from './rules.ts';
import { parseOrRefuse, SHIFT_NOT_FOUND, SHIFT_VOIDED } from './schema.ts';

// Undoing the end of a shift for a while after it (lib/undo-window.ts): the shift goes on as if it
// had not ended. The window counts from the end recorded on the shift, so an end that waited in a
// phone's queue past the window cannot be undone when it arrives: by then the worker has moved
// on, and starts a new shift instead.
//
// Online only, on purpose: while the end still waits in the phone's queue, Undo takes it back out
// of the queue (nothing reached the server); once the server holds it, a resume queued offline
// would arrive after the window, after other shifts may have started, and be refused anyway.

export const ResumeShiftSchema = z.object({ shiftId: z.string({ error: SHIFT_NOT_FOUND }).trim().toLowerCase().pipe(z.uuid(SHIFT_NOT_FOUND)) });

export const ON_ANOTHER_SHIFT = 'This shift cannot be resumed: someone on it has started another shift since. End that one first.';

type Locked = { endedAt: Date | null; voidedAt: Date | null; createdById: string; otherOpen: boolean };

/**
 * Resumes a shift ended in the last few minutes. Its author, a coordinator or a manager
 * (`outreach:log`, as for voiding it).
 */
export async function resumeShift(actor: Actor, input: unknown, now = programNow()): Promise<void> {
  assertCan(actor, 'outreach:log');
  const { shiftId } = parseOrRefuse(ResumeShiftSchema, input);
  await db.$transaction(async (tx) => {
    const [s] = await tx.$queryRaw<Locked[]>`
      SELECT s.ended_at AS "endedAt", s.voided_at AS "voidedAt", s.created_by_id::text AS "createdById",
             EXISTS (SELECT 1 FROM outreach_shift o JOIN outreach_shift_staff os ON os.shift_id = o.id
                     JOIN outreach_shift_staff me ON me.staff_id = os.staff_id AND me.shift_id = s.id
                     WHERE o.id <> s.id AND o.ended_at IS NULL AND o.voided_at IS NULL) AS "otherOpen"
      FROM outreach_shift s WHERE s.id = ${shiftId}::uuid FOR UPDATE OF s`;
    if (!s) throw notFound('That shift');
    const problem = voidProblem(actor, s);
    if (problem) throw new AppError('forbidden', problem);
    if (s.voidedAt) throw new AppError('conflict', SHIFT_VOIDED);
    if (!s.endedAt) throw new AppError('conflict', 'This shift has not ended: there is nothing to undo.');
    if (!undoOpen(s.endedAt, now)) throw new AppError('conflict', undoClosedMessage('Start a new shift.'));
    if (s.otherOpen) throw new AppError('conflict', ON_ANOTHER_SHIFT);
    await tx.outreachShift.update({ where: { id: shiftId }, data: { endedAt: null }, select: { id: true } });
    await recordAudit(tx, actor, 'outreach_shift.resumed', { entityType: 'outreach_shift', entityId: shiftId });
  });
}

/**
 * This person's shift ended in the last few minutes, to offer "Resume" while they are on no other
 * shift; null otherwise. Outreach workers, coordinators, managers (`outreach:read`).
 */
export async function resumableShift(actor: Actor, now = programNow()): Promise<{ id: string; until: Date } | null> {
  assertCan(actor, 'outreach:read');
  const mine = { voidedAt: null, staff: { some: { staffId: actor.id } } };
  const open = await db.outreachShift.count({ where: { ...mine, endedAt: null } });
  if (open) return null;
  const last = await db.outreachShift.findFirst({
    where: { ...mine, endedAt: { not: null } },
    select: { id: true, endedAt: true },
    orderBy: [{ endedAt: 'desc' }, { id: 'desc' }],
  });
  return last?.endedAt && undoOpen(last.endedAt, now) ? { id: last.id, until: undoUntil(last.endedAt) } : null;
}
