import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { AppError } from '@/lib/errors.ts';
import { outcomeContext } from './create.ts';
import { followUpProblem, isFinal, isOpen, transitionProblem, type ReferralStatus } from './rules.ts';
import { ChangeStatusSchema, FollowUpSchema, parseOrRefuse, REFERRAL_NOT_FOUND } from './schema.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// A referral's status changes one step at a time (rules.ts says which). The row is locked, the rule
// checked against the status under the lock, and the history row written by a trigger from
// status_by_id / status_at, so every change keeps who and when.

type Locked = { status: ReferralStatus; referredOn: string; connectedOn: string | null; participantId: string | null };

async function lockReferral(tx: Tx, id: string): Promise<Locked> {
  const [row] = await tx.$queryRaw<Locked[]>`
    SELECT status::text AS status, to_char(referred_on, 'YYYY-MM-DD') AS "referredOn",
           to_char(connected_on, 'YYYY-MM-DD') AS "connectedOn", participant_id::text AS "participantId"
    FROM referral WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw new AppError('not_found', REFERRAL_NOT_FOUND);
  return row;
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Moves a referral to its next status; an outcome note (encrypted) may go with a status that ends
 * it. A change not allowed from the current status is refused and changes nothing. Coordinators,
 * outreach and managers (`referral:manage`).
 */
export async function changeReferralStatus(actor: Actor, input: unknown, now = programNow()): Promise<{ status: ReferralStatus }> {
  assertCan(actor, 'referral:manage');
  const { referralId, status, outcome } = parseOrRefuse(ChangeStatusSchema, input);
  if (outcome && !isFinal(status)) throw new AppError('invalid', 'An outcome note goes with a status that ends the referral.', 'outcome');
  await db.$transaction(async (tx) => {
    const r = await lockReferral(tx, referralId);
    const problem = transitionProblem(r.status, status);
    if (problem) throw new AppError('conflict', problem, 'status');
    // Days to connected count from the referral date; a referral back-dated past today still connects today.
    const today = localDay(now);
    const connectedOn = status === 'connected' && !r.connectedOn ? (today < r.referredOn ? r.referredOn : today) : undefined;
    await tx.referral.update({
      where: { id: referralId },
      data: {
        status,
        statusById: actor.id,
        statusAt: now,
        ...(connectedOn ? { connectedOn: asDate(connectedOn) } : {}),
        ...(outcome ? { outcomeEnc: encryptField(outcome, outcomeContext(referralId)) } : {}),
      },
      select: { id: true },
    });
    if (r.participantId) await tx.participant.update({ where: { id: r.participantId }, data: { lastActivityAt: now }, select: { id: true } });
    await recordAudit(tx, actor, 'referral.status_changed', {
      entityType: 'referral',
      entityId: referralId,
      details: { from: r.status, to: status, outcomeNote: !!outcome },
    });
  });
  return { status };
}

/** Sets the next follow-up date of an open referral (never before the referral date). Coordinators, outreach and managers. */
export async function setFollowUp(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'referral:manage');
  const { referralId, followUpOn } = parseOrRefuse(FollowUpSchema, input);
  await db.$transaction(async (tx) => {
    const r = await lockReferral(tx, referralId);
    if (!isOpen(r.status)) throw new AppError('conflict', 'This referral has ended: it needs no follow-up.', 'followUpOn');
    const problem = followUpProblem(r.referredOn, followUpOn);
    if (problem) throw new AppError('invalid', problem, 'followUpOn');
    await tx.referral.update({ where: { id: referralId }, data: { followUpOn: asDate(followUpOn) }, select: { id: true } });
    await recordAudit(tx, actor, 'referral.follow_up_set', { entityType: 'referral', entityId: referralId });
  });
}
