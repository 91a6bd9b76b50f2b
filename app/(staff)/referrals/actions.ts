'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { changeReferralStatus, setFollowUp } from '@/lib/referrals/change.ts';
import { reopenReferral } from '@/lib/referrals/reopen.ts';
import { revealReferralText } from '@/lib/referrals/reveal.ts';
import { createAgency, updateAgency } from '@/lib/referrals/agencies.ts';
import { STATUS_LABELS } from '@/lib/referrals/rules.ts';
import { ChangeStatusSchema, CreateReferralSchema, FollowUpSchema, ReferralIdSchema, SaveAgencySchema } from '@/lib/referrals/schema.ts';

// Referral and agency actions. Each is a public POST endpoint: defineAction checks the session and
// the permission, and the data layer checks again and judges every value (refusals come back
// beside the field they are about).

function refresh() {
  revalidatePath('/referrals');
  revalidatePath('/referrals/[id]', 'page');
  revalidatePath('/');
  revalidatePath('/participants/[id]', 'page');
}

export const createReferralAction = defineAction({
  permission: 'referral:manage',
  idempotent: true, // its key: Save again returns the first referral
  schema: CreateReferralSchema, // the person picker shows its own refusal, so participantId is not hidden
  run: async (actor, input) => {
    const { referralId, duplicate } = await createReferral(actor, input);
    refresh();
    return { message: duplicate ? 'This referral was already saved.' : 'Referral saved.', data: { referralId } };
  },
});

export const changeStatusAction = defineAction({
  permission: 'referral:manage',
  schema: ChangeStatusSchema,
  hidden: ['referralId'],
  run: async (actor, input) => {
    const { status } = await changeReferralStatus(actor, input);
    refresh();
    return { message: `Status changed to “${STATUS_LABELS[status].toLowerCase()}”.` };
  },
});

export const setFollowUpAction = defineAction({
  permission: 'referral:manage',
  schema: FollowUpSchema,
  hidden: ['referralId'],
  run: async (actor, input) => {
    await setFollowUp(actor, input);
    refresh();
    return { message: 'Follow-up date saved.' };
  },
});

/** The reason's details, the summary and the outcome note, on request (audited in the data layer). Nothing is cached. */
export const revealTextAction = defineAction({
  readOnly: true, // a look-up (its audit row aside): no save mark, and an outage says so plainly
  permission: 'referral:read',
  schema: ReferralIdSchema,
  hidden: true, // a "Show" button
  run: async (actor, input) => {
    const text = await revealReferralText(actor, input);
    return { data: { detail: text.detail ?? '', summary: text.summary ?? '', outcome: text.outcome ?? '' } };
  },
});

export const saveAgencyAction = defineAction({
  permission: 'agency:manage',
  schema: SaveAgencySchema,
  hidden: ['id'],
  run: async (actor, input) => {
    if (input.id) {
      await updateAgency(actor, input);
      revalidatePath('/agencies');
      return { message: 'Agency saved.', data: { id: input.id } };
    }
    const { id } = await createAgency(actor, input);
    revalidatePath('/agencies');
    return { message: 'Agency added.', data: { id } };
  },
});

/** Undo of a referral's end, for a while after it (lib/undo-window.ts). */
export const reopenReferralAction = defineAction({
  permission: 'referral:manage',
  schema: ReferralIdSchema,
  hidden: true, // its Undo button (components/ui/undo-notice.tsx)
  run: async (actor, input) => {
    const { status } = await reopenReferral(actor, input);
    refresh();
    return { message: `Referral reopened: “${STATUS_LABELS[status].toLowerCase()}” again.` };
  },
});
