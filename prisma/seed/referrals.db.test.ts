import { describe, expect, it } from 'vitest';
import { ownerDb } from '../../lib/db/test/open-db.ts';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { followUpsDue } from '@/lib/referrals/queries.ts';
import { revealReferralText } from '@/lib/referrals/reveal.ts';
import { STATUSES } from '@/lib/referrals/rules.ts';
import { seedStaff } from './staff.ts';
import { seedParticipants } from './participants.ts';
import { seedReferrals } from './referrals.ts';

const NOW = new Date('2026-11-18T21:30:00Z');

describe('demo seed: agencies and referrals', () => {
  it('loads the Kamloops agencies with their public numbers and referrals in every status, some due', async () => {
    await seedStaff(await ownerDb());
    await seedParticipants(await ownerDb(), NOW);
    await seedReferrals(await ownerDb(), NOW);
    const clinic = await db.agency.findUniqueOrThrow({ where: { name: 'Interior Health Sexual Health Clinic' }, select: { phone: true } });
    expect(clinic.phone).toBe('250-851-7300');
    expect(await db.agency.count()).toBe(16);
    const statuses = (await db.referral.groupBy({ by: ['status'], _count: true })).map((g) => g.status).sort();
    expect(statuses).toEqual([...STATUSES].sort());
    // Every referral has its history: one row for being made plus one per later change.
    const referrals = await db.referral.count();
    const changes = await db.referralStatusChange.count();
    expect(changes).toBeGreaterThan(referrals);
    expect(await db.referralStatusChange.count({ where: { fromStatus: null } })).toBe(referrals);
    const coordinator = await makeActor('coordinator');
    expect((await followUpsDue(coordinator, NOW)).total).toBe(6);
    const withSummary = await db.referral.findFirstOrThrow({ where: { summaryEnc: { not: null } }, select: { id: true } });
    expect((await revealReferralText(coordinator, { referralId: withSummary.id })).summary).toMatch(/Agreed with the person/);
  });
});
