'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { changeReferralStatus, setFollowUp } from '@/lib/referrals/change.ts';
import { reopenReferral } from '@/lib/referrals/reopen.ts';
import { revealReferralText } from '@/lib/referrals/reveal.ts';
import { createAgency, updateAgency } from '@/lib/referrals/agencies.ts';
import { STATUS_LABELS } from '@/lib/referrals/rules.ts';
import { RawFormSchema, ReferralIdSchema } from '@/lib/referrals/schema.ts';

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
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { referralId, duplicate } = await createReferral(actor, raw);
    refresh();
    return { message: duplicate ? 'This referral was already saved.' : 'Referral saved.', data: { referralId } };
  },
});

export const changeStatusAction = defineAction({
  permission: 'referral:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { status } = await changeReferralStatus(actor, raw);
    refresh();
    return { message: `Status changed to “${STATUS_LABELS[status].toLowerCase()}”.` };
  },
});

export const setFollowUpAction = defineAction({
  permission: 'referral:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await setFollowUp(actor, raw);
    refresh();
    return { message: 'Follow-up date saved.' };
  },
});

/** The reason's details, the summary and the outcome note, on request (audited in the data layer). Nothing is cached. */
export const revealTextAction = defineAction({
  readOnly: true, // a look-up (its audit row aside): no save mark, and an outage says so plainly
  permission: 'referral:read',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const text = await revealReferralText(actor, raw);
    return { data: { detail: text.detail ?? '', summary: text.summary ?? '', outcome: text.outcome ?? '' } };
  },
});

export const saveAgencyAction = defineAction({
  permission: 'agency:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    if (typeof raw.id === 'string' && raw.id) {
      await updateAgency(actor, raw);
      revalidatePath('/agencies');
      return { message: 'Agency saved.', data: { id: raw.id } };
    }
    const { id } = await createAgency(actor, raw);
    revalidatePath('/agencies');
    return { message: 'Agency added.', data: { id } };
  },
});

/** Undo of a referral's end, for a while after it (lib/undo-window.ts). */
export const reopenReferralAction = defineAction({
  permission: 'referral:manage',
  schema: ReferralIdSchema,
  run: async (actor, input) => {
    const { status } = await reopenReferral(actor, input);
    refresh();
    return { message: `Referral reopened: “${STATUS_LABELS[status].toLowerCase()}” again.` };
  },
});
