import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { undoClosedMessage, undoOpen, undoUntilLabel } from '@/lib/undo-window.ts';
import { isFinal, STATUS_LABELS, type ReferralStatus } from './rules.ts';
import { parseOrRefuse, REFERRAL_NOT_FOUND, ReferralIdSchema } from './schema.ts';

// Undoing the end of a referral (completed, declined, no more contact: "closed") for a while after
// it (lib/undo-window.ts). It goes back to the status it had before, read from its history (which
// the database writes on every change, this one included); the outcome note written with the end
// goes with the end.

export const REOPEN_REFUSED = 'Only the person who ended this referral, or a program manager, can undo it.';

type Locked = { status: ReferralStatus; statusById: string; statusAt: Date; previous: ReferralStatus | null };

/**
 * Reopens a referral ended in the last few minutes. The one who ended it, or a program manager
 * (`referral:manage`).
 */
export async function reopenReferral(actor: Actor, input: unknown, now = programNow()): Promise<{ status: ReferralStatus }> {
  assertCan(actor, 'referral:manage');
  const { referralId } = parseOrRefuse(ReferralIdSchema, input);
  return db.$transaction(async (tx) => {
    const [r] = await tx.$queryRaw<Locked[]>`
      SELECT r.status::text AS status, r.status_by_id::text AS "statusById", r.status_at AS "statusAt",
             (SELECT h.from_status::text FROM referral_status_change h WHERE h.referral_id = r.id AND h.to_status = r.status
              ORDER BY h.at DESC LIMIT 1) AS previous
      FROM referral r WHERE r.id = ${referralId}::uuid FOR UPDATE OF r`;
    if (!r) throw new AppError('not_found', REFERRAL_NOT_FOUND);
    if (!isFinal(r.status) || !r.previous)
      throw new AppError('conflict', `This referral is “${STATUS_LABELS[r.status].toLowerCase()}”: it has not ended, so there is nothing to undo.`);
    if (actor.role !== 'manager' && actor.id !== r.statusById) throw new AppError('forbidden', REOPEN_REFUSED);
    if (!undoOpen(r.statusAt, now)) throw new AppError('conflict', undoClosedMessage('Make a new referral if the person wants one.'));
    await tx.referral.update({
      where: { id: referralId },
      data: { status: r.previous, statusById: actor.id, statusAt: now, outcomeEnc: null },
      select: { id: true },
    });
    await recordAudit(tx, actor, 'referral.reopened', { entityType: 'referral', entityId: referralId, details: { from: r.status, to: r.previous } });
    return { status: r.previous };
  });
}

/**
 * When this actor's undo of a referral's end closes ("14:45"), or undefined when they cannot undo
 * it. For the referral's page; the mutation checks again. Roles that manage referrals (`referral:manage`).
 */
export async function reopenUntil(actor: Actor, referralId: string, now = programNow()): Promise<string | undefined> {
  assertCan(actor, 'referral:manage');
  const r = await db.referral.findUnique({ where: { id: referralId }, select: { status: true, statusById: true, statusAt: true } });
  if (!r || !isFinal(r.status) || (actor.role !== 'manager' && actor.id !== r.statusById)) return undefined;
  return undoUntilLabel(r.statusAt, now);
}
