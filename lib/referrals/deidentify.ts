import 'server-only';
import type { Tx } from '@/lib/db/client.ts';

/**
 * Retention hook (lib/participants/retention.ts): a de-identified person's referrals lose the text
 * written about them (the summary shared with the agency, the outcome note). Agency, category,
 * dates and status stay, so past referral figures do not change.
 */
export async function eraseReferralText(tx: Tx, participantIds: string[]): Promise<void> {
  if (participantIds.length === 0) return;
  await tx.referral.updateMany({
    where: { participantId: { in: participantIds }, OR: [{ summaryEnc: { not: null } }, { outcomeEnc: { not: null } }] },
    data: { summaryEnc: null, outcomeEnc: null },
  });
}
