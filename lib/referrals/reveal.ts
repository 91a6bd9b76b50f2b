import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { decryptField } from '@/lib/crypto/fields.ts';
import { AppError } from '@/lib/errors.ts';
import { outcomeContext, reasonDetailContext, summaryContext } from './create.ts';
import { parseOrRefuse, REFERRAL_NOT_FOUND, ReferralIdSchema } from './schema.ts';

export type ReferralText = { detail: string | null; summary: string | null; outcome: string | null };

/**
 * Reads a referral's reason detail, summary (what the person agreed to share) and outcome note, writing
 * `referral.text_viewed` in the same transaction: no audit row, no reading. Coordinators, outreach
 * and managers (`referral:read`).
 */
export async function revealReferralText(actor: Actor, input: unknown): Promise<ReferralText> {
  assertCan(actor, 'referral:read');
  const { referralId } = parseOrRefuse(ReferralIdSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.referral.findUnique({ where: { id: referralId }, select: { reasonDetailEnc: true, summaryEnc: true, outcomeEnc: true } });
    if (!row) throw new AppError('not_found', REFERRAL_NOT_FOUND);
    const text: ReferralText = {
      detail: decryptField(row.reasonDetailEnc, reasonDetailContext(referralId)),
      summary: decryptField(row.summaryEnc, summaryContext(referralId)),
      outcome: decryptField(row.outcomeEnc, outcomeContext(referralId)),
    };
    const fields = (['detail', 'summary', 'outcome'] as const).filter((k) => text[k] !== null);
    await recordAudit(tx, actor, 'referral.text_viewed', { entityType: 'referral', entityId: referralId, details: { fields: [...fields] } });
    return text;
  });
}
