import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { AppError, dbErrorCode, isUniqueViolation } from '@/lib/errors.ts';
import { defaultFollowUp, followUpProblem } from './rules.ts';
import { lockOpenParticipant } from '@/lib/participants/lock.ts';
import {
  AGENCY_INACTIVE,
  AGENCY_NOT_FOUND,
  ALIAS_NEEDS_PERSON,
  CATEGORY_NOT_OFFERED,
  CONSENT_NOT_RECORDED,
  CreateReferralSchema,
  parseOrRefuse,
  PARTICIPANT_NOT_FOUND,
} from './schema.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Making a referral: the person (or someone anonymous), the agency and category, what it is for
// (a choice, plus optional words), and what the person agreed may be shared. Anything above "nothing"
// carries who recorded the consent and when (a check constraint refuses it otherwise); the summary
// and the reason's words are encrypted at rest.

export const summaryContext = (referralId: string) => `referral:${referralId}:summary`;
export const outcomeContext = (referralId: string) => `referral:${referralId}:outcome`;
export const reasonDetailContext = (referralId: string) => `referral:${referralId}:reason_detail`;

async function checkParticipant(tx: Tx, id: string, now: Date): Promise<void> {
  await lockOpenParticipant(tx, id, 'This person’s record was de-identified. Refer anonymously instead.');
  await tx.participant.update({ where: { id }, data: { lastActivityAt: now }, select: { id: true } });
}

/** Checks the agency in the same transaction (the trigger is the guarantee behind it). */
async function checkAgency(tx: Tx, id: string, category: string): Promise<void> {
  const agency = await tx.agency.findUnique({ where: { id }, select: { active: true, categories: true } });
  if (!agency) throw new AppError('invalid', AGENCY_NOT_FOUND, 'agencyId');
  if (!agency.active) throw new AppError('invalid', AGENCY_INACTIVE, 'agencyId');
  if (!(agency.categories as string[]).includes(category)) throw new AppError('invalid', CATEGORY_NOT_OFFERED, 'category');
}

/** The database's refusals, as the form reads them. */
function constraintRefusal(error: unknown): AppError | null {
  const code = dbErrorCode(error);
  const message = String((error as Error)?.message ?? '');
  if (code === '23503')
    return new AppError(
      'invalid',
      message.includes('participant') ? PARTICIPANT_NOT_FOUND : AGENCY_NOT_FOUND,
      message.includes('participant') ? 'participantId' : 'agencyId',
    );
  if (code !== '23514') return null;
  if (message.includes('inactive')) return new AppError('invalid', AGENCY_INACTIVE, 'agencyId');
  if (message.includes('category')) return new AppError('invalid', CATEGORY_NOT_OFFERED, 'category');
  if (message.includes('referral_alias_needs_person')) return new AppError('invalid', ALIAS_NEEDS_PERSON, 'consent');
  if (message.includes('referral_consent_recorded')) return new AppError('invalid', CONSENT_NOT_RECORDED, 'consentConfirmed');
  return null;
}

export type Created = { referralId: string; duplicate: boolean };

/**
 * Records a referral made today (or on an earlier date) with its follow-up date (default a week
 * later). A repeated submit of the same form returns the first referral. Coordinators, outreach
 * and managers (`referral:manage`).
 */
export async function createReferral(actor: Actor, input: unknown, now = programNow()): Promise<Created> {
  assertCan(actor, 'referral:manage');
  const v = parseOrRefuse(CreateReferralSchema, input);
  const today = localDay(now);
  const referredOn = v.referredOn ?? today;
  if (referredOn > today) throw new AppError('invalid', 'The referral date cannot be in the future.', 'referredOn');
  const followUpOn = v.followUpOn || defaultFollowUp(referredOn);
  const problem = followUpProblem(referredOn, followUpOn);
  if (problem) throw new AppError('invalid', problem, 'followUpOn');
  const earlier = await db.referral.findUnique({ where: { idempotencyKey: v.idempotencyKey }, select: { id: true } });
  if (earlier) return { referralId: earlier.id, duplicate: true };
  const id = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      await checkAgency(tx, v.agencyId, v.category);
      if (v.participantId) await checkParticipant(tx, v.participantId, now);
      const shares = v.consent !== 'nothing';
      await tx.referral.create({
        data: {
          id,
          participantId: v.participantId,
          agencyId: v.agencyId,
          category: v.category,
          reasonCategory: v.reasonCategory,
          reasonDetailEnc: encryptField(v.reasonDetail, reasonDetailContext(id)),
          referredOn: new Date(`${referredOn}T00:00:00Z`),
          followUpOn: new Date(`${followUpOn}T00:00:00Z`),
          staffId: actor.id,
          consent: v.consent,
          summaryEnc: v.consent === 'summary' ? encryptField(v.summary, summaryContext(id)) : null,
          consentById: shares ? actor.id : null,
          consentAt: shares ? now : null,
          status: 'made',
          statusById: actor.id,
          statusAt: now,
          idempotencyKey: v.idempotencyKey,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, 'referral.made', {
        entityType: 'referral',
        entityId: id,
        details: { participantId: v.participantId, agencyId: v.agencyId, category: v.category, reasonCategory: v.reasonCategory, consent: v.consent },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const first = await db.referral.findUnique({ where: { idempotencyKey: v.idempotencyKey }, select: { id: true } });
      if (first) return { referralId: first.id, duplicate: true };
    }
    throw constraintRefusal(error) ?? error;
  }
  return { referralId: id, duplicate: false };
}
