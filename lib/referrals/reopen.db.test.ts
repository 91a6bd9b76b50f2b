import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { UNDO_MINUTES } from '@/lib/undo-window.ts';
import { changeReferralStatus } from './change.ts';
import { createReferral } from './create.ts';
import { reopenReferral } from './reopen.ts';
import { expectAppError, makeAgency, makePerson, referralForm, statusOf } from './test-helpers.ts';

// Undoing the end of a referral (issue 21), at fixed instants.
const DAY1 = new Date('2026-11-21T19:00:00Z');
const ENDED = new Date('2026-11-24T19:00:00Z');
const after = (minutes: number) => new Date(ENDED.getTime() + minutes * 60_000);

async function ended() {
  const coordinator = await makeActor('coordinator');
  const agency = await makeAgency();
  const person = await makePerson(coordinator);
  const { referralId } = await createReferral(coordinator, referralForm(agency.id, person.id), DAY1);
  await changeReferralStatus(coordinator, { referralId, status: 'connected' }, DAY1);
  await changeReferralStatus(coordinator, { referralId, status: 'completed', outcome: 'Moved in' }, ENDED);
  return { coordinator, referralId };
}

describe('reopening an ended referral', () => {
  it('within the window: back to the status before, its outcome note gone, in the history and audited', async () => {
    const { coordinator, referralId } = await ended();
    expect(await reopenReferral(coordinator, { referralId }, after(UNDO_MINUTES))).toEqual({ status: 'connected' });
    const r = await db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true, outcomeEnc: true, connectedOn: true } });
    expect(r).toMatchObject({ status: 'connected', outcomeEnc: null });
    expect(r.connectedOn).not.toBeNull();
    const history = await db.referralStatusChange.findMany({ where: { referralId }, orderBy: { at: 'asc' }, select: { fromStatus: true, toStatus: true } });
    expect(history.at(-1)).toEqual({ fromStatus: 'completed', toStatus: 'connected' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'referral.reopened' }, select: { entityId: true, details: true } });
    expect(audit).toEqual({ entityId: referralId, details: { from: 'completed', to: 'connected' } });
  });

  it('after the window: refused plainly, nothing changed', async () => {
    const { coordinator, referralId } = await ended();
    await expectAppError(reopenReferral(coordinator, { referralId }, after(UNDO_MINUTES + 1)), 'conflict', /first 15 minutes.*new referral/);
    expect(await statusOf(referralId)).toBe('completed');
  });

  it('refused when the referral has not ended (reopened already, or never ended)', async () => {
    const { coordinator, referralId } = await ended();
    await reopenReferral(coordinator, { referralId }, after(1));
    await expectAppError(reopenReferral(coordinator, { referralId }, after(2)), 'conflict', /has not ended/);
    expect(await statusOf(referralId)).toBe('connected');
  });

  it('refuses someone else who manages referrals (a manager may), and roles that may not', async () => {
    const { referralId } = await ended();
    await expectAppError(reopenReferral(await makeActor('outreach'), { referralId }, after(1)), 'forbidden', /Only the person who ended/);
    await expectAppError(reopenReferral(await makeActor('peer'), { referralId }, after(1)), 'forbidden');
    await expectAppError(reopenReferral(await makeActor('admin'), { referralId }, after(1)), 'forbidden');
    expect(await statusOf(referralId)).toBe('completed');
    await reopenReferral(await makeActor('manager'), { referralId }, after(1));
    expect(await statusOf(referralId)).toBe('connected');
  });
});
