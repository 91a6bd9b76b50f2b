import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { changeReferralStatus, setFollowUp } from './change.ts';
import { createReferral } from './create.ts';
import { revealReferralText } from './reveal.ts';
import { counts, expectAppError, makeAgency, makePerson, referralForm, statusOf } from './test-helpers.ts';

const DAY1 = new Date('2026-11-21T19:00:00Z');
const DAY4 = new Date('2026-11-24T19:00:00Z');
const DAY9 = new Date('2026-11-29T19:00:00Z');

async function aReferral() {
  const coordinator = await makeActor('coordinator');
  const agency = await makeAgency();
  const person = await makePerson(coordinator);
  const { referralId } = await createReferral(coordinator, referralForm(agency.id, person.id), DAY1);
  return { coordinator, referralId, person };
}

describe('status changes', () => {
  it('made → connected → completed keeps who and when for each, the connected date, and an encrypted outcome note', async () => {
    const { coordinator, referralId } = await aReferral();
    const outreach = await makeActor('outreach');
    await changeReferralStatus(outreach, { referralId, status: 'connected' }, DAY4);
    await changeReferralStatus(coordinator, { referralId, status: 'completed', outcome: 'Moved in on Friday' }, DAY9);
    const history = await db.referralStatusChange.findMany({
      where: { referralId },
      orderBy: { at: 'asc' },
      select: { fromStatus: true, toStatus: true, byId: true, at: true },
    });
    expect(history).toEqual([
      { fromStatus: null, toStatus: 'made', byId: coordinator.id, at: DAY1 },
      { fromStatus: 'made', toStatus: 'connected', byId: outreach.id, at: DAY4 },
      { fromStatus: 'connected', toStatus: 'completed', byId: coordinator.id, at: DAY9 },
    ]);
    const r = await db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { connectedOn: true, status: true } });
    expect(r).toMatchObject({ status: 'completed' });
    expect(r.connectedOn?.toISOString().slice(0, 10)).toBe('2026-11-24');
    const { rows } = await (await rawClient()).query(`SELECT encode(outcome_enc, 'escape') AS raw FROM referral WHERE id = $1`, [referralId]);
    expect(rows[0].raw).not.toContain('Friday');
    expect((await revealReferralText(coordinator, { referralId })).outcome).toBe('Moved in on Friday');
    const audit = await db.auditEvent.findMany({ where: { action: 'referral.status_changed' }, orderBy: { at: 'asc' }, select: { details: true } });
    expect(audit.map((a) => a.details)).toEqual([
      { from: 'made', to: 'connected', outcomeNote: false },
      { from: 'connected', to: 'completed', outcomeNote: true },
    ]);
  });

  it('refuses a change not allowed from the current status, changing nothing', async () => {
    const { coordinator, referralId } = await aReferral();
    const before = await counts();
    await expectAppError(
      changeReferralStatus(coordinator, { referralId, status: 'completed' }, DAY4),
      'conflict',
      'A referral that is "made" cannot become "completed".',
      'status',
    );
    expect(await statusOf(referralId)).toBe('made');
    expect(await counts()).toEqual(before);
    await changeReferralStatus(coordinator, { referralId, status: 'closed' }, DAY4);
    await expectAppError(changeReferralStatus(coordinator, { referralId, status: 'connected' }, DAY9), 'conflict', /has ended/);
    expect(await statusOf(referralId)).toBe('closed');
  });

  it('refuses an outcome note with a status that does not end the referral, and a note over the limit', async () => {
    const { coordinator, referralId } = await aReferral();
    await expectAppError(changeReferralStatus(coordinator, { referralId, status: 'connected', outcome: 'x' }, DAY4), 'invalid', /ends the referral/, 'outcome');
    await expectAppError(
      changeReferralStatus(coordinator, { referralId, status: 'closed', outcome: 'x'.repeat(501) }, DAY4),
      'invalid',
      /500 characters/,
      'outcome',
    );
    expect(await statusOf(referralId)).toBe('made');
  });

  it('an unknown referral gets a plain answer', async () => {
    const c = await makeActor('coordinator');
    await expectAppError(changeReferralStatus(c, { referralId: '00000000-0000-4000-8000-000000000000', status: 'connected' }), 'not_found', /not found/);
  });

  it('peers cannot change a referral', async () => {
    const { referralId } = await aReferral();
    await expectAppError(changeReferralStatus(await makeActor('peer'), { referralId, status: 'connected' }), 'forbidden');
    expect(await statusOf(referralId)).toBe('made');
  });

  it('the history is append-only', async () => {
    const { referralId } = await aReferral();
    const c = await rawClient();
    await expect(c.query(`UPDATE referral_status_change SET to_status = 'completed' WHERE referral_id = $1`, [referralId])).rejects.toThrow(/append-only/);
    await expect(c.query(`DELETE FROM referral_status_change WHERE referral_id = $1`, [referralId])).rejects.toThrow(/append-only/);
    await expect(c.query(`DELETE FROM referral WHERE id = $1`, [referralId])).rejects.toThrow(/append-only/);
  });

  describe.runIf(process.env.TEST_SERVER_URL)('under concurrency', () => {
    it('two staff recording different outcomes at once: one wins, the other is told, one history row', async () => {
      const { referralId } = await aReferral();
      const [a, b] = [await makeActor('coordinator'), await makeActor('outreach')];
      const results = await Promise.allSettled([
        changeReferralStatus(a, { referralId, status: 'declined_by_person' }, DAY4),
        changeReferralStatus(b, { referralId, status: 'declined_by_agency' }, DAY4),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason.userMessage).toMatch(/has ended/);
      expect(await db.referralStatusChange.count({ where: { referralId } })).toBe(2);
    });
  });
});

describe('follow-ups', () => {
  it('can be moved, never before the referral date, and not on an ended referral', async () => {
    const { coordinator, referralId } = await aReferral();
    await setFollowUp(coordinator, { referralId, followUpOn: '2026-12-02' });
    await expectAppError(
      setFollowUp(coordinator, { referralId, followUpOn: '2026-11-20' }),
      'invalid',
      'The follow-up cannot be before the referral date.',
      'followUpOn',
    );
    const r = await db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { followUpOn: true } });
    expect(r.followUpOn.toISOString().slice(0, 10)).toBe('2026-12-02');
    await changeReferralStatus(coordinator, { referralId, status: 'closed' }, DAY4);
    await expectAppError(setFollowUp(coordinator, { referralId, followUpOn: '2026-12-05' }), 'conflict', /needs no follow-up/);
  });
});
