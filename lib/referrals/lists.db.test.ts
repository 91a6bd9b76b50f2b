import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { parseTableParams } from '@/lib/table/params.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { runRetention } from '@/lib/participants/retention.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { changeReferralStatus } from './change.ts';
import { createReferral } from './create.ts';
import { followUpsDue, listReferrals } from './queries.ts';
import { REFERRAL_TABLE } from './table.ts';
import { expectAppError, makeAgency, makePerson, referralForm } from './test-helpers.ts';

const at = (day: string) => new Date(`${day}T19:00:00Z`);
const params = (q: Record<string, string>) => parseTableParams(REFERRAL_TABLE, q);

describe('follow-ups due and the referrals list', () => {
  async function three() {
    const c = await makeActor('coordinator');
    const housing = await makeAgency({ name: 'Housing place', categories: ['housing'] });
    const health = await makeAgency({ name: 'Health place', categories: ['health'] });
    const person = await makePerson(c, { alias: 'Robin' });
    const due = await createReferral(c, referralForm(housing.id, person.id, { referredOn: '2026-11-10' }), at('2026-11-21')); // due 11-17
    const later = await createReferral(c, referralForm(health.id, null, { category: 'health', referredOn: '2026-11-20' }), at('2026-11-21')); // due 11-27
    const ended = await createReferral(c, referralForm(housing.id, null, { referredOn: '2026-11-01' }), at('2026-11-21'));
    await changeReferralStatus(c, { referralId: ended.referralId, status: 'closed' }, at('2026-11-21'));
    return { c, housing, health, ids: { due: due.referralId, later: later.referralId, ended: ended.referralId } };
  }

  it('lists open referrals whose follow-up date has come, as the days pass', async () => {
    const { c, ids } = await three();
    expect((await followUpsDue(c, at('2026-11-21'))).rows.map((r) => r.id)).toEqual([ids.due]);
    expect((await followUpsDue(c, at('2026-11-27'))).rows.map((r) => r.id)).toEqual([ids.due, ids.later]);
    const [row] = (await followUpsDue(c, at('2026-11-21'))).rows;
    expect(row).toMatchObject({ who: expect.stringMatching(/^Robin \(/), agencyName: 'Housing place', followUpOn: '2026-11-17', status: 'made' });
  });

  it('filters on the server by status, category, agency, staff and due date', async () => {
    const { c, health, ids } = await three();
    const other = await makeActor('outreach');
    const ids3 = async (q: Record<string, string>) => (await listReferrals(c, params(q), at('2026-11-21'))).rows.map((r) => r.id).sort();
    expect(await ids3({})).toEqual([ids.due, ids.later, ids.ended].sort());
    expect(await ids3({ status: 'closed' })).toEqual([ids.ended]);
    expect(await ids3({ status: 'open' })).toEqual([ids.due, ids.later].sort());
    expect(await ids3({ category: 'health' })).toEqual([ids.later]);
    expect(await ids3({ agency: health.id })).toEqual([ids.later]);
    expect(await ids3({ staff: other.id })).toEqual([]);
    expect(await ids3({ staff: c.id })).toHaveLength(3);
    expect(await ids3({ due: 'due' })).toEqual([ids.due]);
    expect(await ids3({ due: '2026-11-30' })).toEqual([ids.due, ids.later].sort());
    expect(await ids3({ status: 'nonsense' })).toHaveLength(3); // a stale URL shows everything rather than failing
  });

  it('peers see no referrals', async () => {
    const peer = await makeActor('peer');
    await expectAppError(followUpsDue(peer), 'forbidden');
    await expectAppError(listReferrals(peer, params({})), 'forbidden');
  });
});

describe('referrals and the person’s record', () => {
  it('show on the timeline for workers, not for peers, without their text', async () => {
    const c = await makeActor('coordinator');
    const agency = await makeAgency({ name: 'Housing place' });
    const person = await makePerson(c);
    const { referralId } = await createReferral(
      c,
      referralForm(agency.id, person.id, { consent: 'summary', consentConfirmed: 'on', summary: 'private words' }),
    );
    await changeReferralStatus(c, { referralId, status: 'connected' });
    const { entries } = await timelineFor(c, person.id);
    const mine = entries.filter((e) => e.kind === 'referral');
    expect(mine.map((e) => e.title).sort()).toEqual(['Referral connected', 'Referred to Housing place']);
    expect(JSON.stringify(mine)).not.toContain('private words');
    const peerView = await timelineFor(await makeActor('peer'), person.id);
    expect(peerView.entries.filter((e) => e.kind === 'referral')).toEqual([]);
  });

  it('move with a merge', async () => {
    const manager = await makeActor('manager');
    const agency = await makeAgency();
    const [kept, merged] = [await makePerson(manager), await makePerson(manager)];
    const { referralId } = await createReferral(manager, referralForm(agency.id, merged.id));
    await mergeParticipants(manager, { keptId: kept.id, mergedId: merged.id });
    expect((await db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { participantId: true } })).participantId).toBe(kept.id);
  });

  it('lose their reason’s words, summary and outcome when the person is de-identified; the figures stay', async () => {
    const manager = await makeActor('manager');
    const agency = await makeAgency();
    const person = await makePerson(manager);
    const { referralId } = await createReferral(manager, referralForm(agency.id, person.id, { consent: 'summary', consentConfirmed: 'on', summary: 'words' }));
    await changeReferralStatus(manager, { referralId, status: 'closed', outcome: 'an outcome' });
    await db.participant.update({ where: { id: person.id }, data: { lastActivityAt: new Date('2020-01-01T00:00:00Z') } });
    await runRetention(manager);
    const r = await db.referral.findUniqueOrThrow({
      where: { id: referralId },
      select: { reasonDetailEnc: true, summaryEnc: true, outcomeEnc: true, status: true, consent: true, agencyId: true, reasonCategory: true },
    });
    expect(r).toEqual({
      reasonDetailEnc: null,
      summaryEnc: null,
      outcomeEnc: null,
      status: 'closed',
      consent: 'summary',
      agencyId: agency.id,
      reasonCategory: 'housing',
    });
  });
});
