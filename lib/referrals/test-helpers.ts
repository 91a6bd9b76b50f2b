// Shared by the referrals data-layer tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Category } from './rules.ts';
import type { CreateReferralInput } from './schema.ts';

export { expectAppError, makePerson } from '@/lib/bookings/test-helpers.ts';

export async function makeAgency(opts: { name?: string; categories?: Category[]; active?: boolean } = {}) {
  return db.agency.create({
    data: {
      name: opts.name ?? `Agency ${randomUUID().slice(0, 6)}`,
      categories: opts.categories ?? ['housing'],
      active: opts.active ?? true,
      phone: '250-555-0100',
    },
    select: { id: true, name: true },
  });
}

/** A valid referral form for this agency; override what a test is about. */
export function referralForm(agencyId: string, participantId: string | null, over: Partial<CreateReferralInput> = {}): CreateReferralInput {
  return {
    idempotencyKey: randomUUID(),
    participantId: participantId ?? 'anonymous',
    agencyId,
    category: 'housing',
    reasonCategory: 'housing',
    reasonDetail: 'Looking for a place to stay',
    consent: 'nothing',
    ...over,
  };
}

export async function counts() {
  return {
    referrals: await db.referral.count(),
    history: await db.referralStatusChange.count(),
    audit: await db.auditEvent.count({ where: { action: { startsWith: 'referral.' } } }),
  };
}

export async function statusOf(id: string) {
  return (await db.referral.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

export type { Actor };
