import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { createReferral } from './create.ts';
import { revealReferralText } from './reveal.ts';
import { addDaysTo } from './rules.ts';
import { ALIAS_NEEDS_PERSON, CONSENT_NOT_RECORDED } from './schema.ts';
import { counts, expectAppError, makeAgency, makePerson, referralForm } from './test-helpers.ts';
import { localDay } from '@/lib/calendar/index.ts';

const NOW = new Date('2026-11-21T19:00:00Z'); // 11:00 in Kamloops

describe('making a referral', () => {
  it('records the person, agency, consent and who recorded it, with a follow-up a week later and a first history row', async () => {
    const coordinator = await makeActor('coordinator');
    const agency = await makeAgency();
    const person = await makePerson(coordinator);
    const { referralId } = await createReferral(coordinator, referralForm(agency.id, person.id, { consent: 'alias_only', consentConfirmed: 'on' }), NOW);
    const r = await db.referral.findUniqueOrThrow({ where: { id: referralId } });
    expect(r).toMatchObject({
      participantId: person.id,
      agencyId: agency.id,
      reasonCategory: 'housing',
      consent: 'alias_only',
      consentById: coordinator.id,
      staffId: coordinator.id,
      status: 'made',
    });
    expect(r.consentAt).toEqual(NOW);
    expect(r.referredOn.toISOString().slice(0, 10)).toBe('2026-11-21');
    expect(r.followUpOn.toISOString().slice(0, 10)).toBe('2026-11-28');
    const history = await db.referralStatusChange.findMany({ where: { referralId } });
    expect(history).toMatchObject([{ fromStatus: null, toStatus: 'made', byId: coordinator.id, at: NOW }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'referral.made' } });
    expect(JSON.stringify(audit.details)).not.toContain('place to stay');
    // The reason's words are encrypted, bound to this referral; reading them is audited.
    expect(Buffer.from(r.reasonDetailEnc!).includes('place to stay')).toBe(false);
    expect(await revealReferralText(coordinator, { referralId })).toEqual({ detail: 'Looking for a place to stay', summary: null, outcome: null });
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: 'referral.text_viewed' } })).details).toEqual({ fields: ['detail'] });
  });

  it('keeps a summary encrypted at rest; reading it is audited', async () => {
    const outreach = await makeActor('outreach');
    const agency = await makeAgency();
    const summary = 'Needs a ground-floor room; prefers texts after noon';
    const { referralId } = await createReferral(
      outreach,
      referralForm(agency.id, null, { consent: 'summary', consentConfirmed: 'on', summary, reasonDetail: undefined }),
      NOW,
    );
    const { rows } = await (await rawClient()).query(`SELECT encode(summary_enc, 'escape') AS raw FROM referral WHERE id = $1`, [referralId]);
    expect(rows[0].raw).not.toContain('ground-floor');
    expect(await revealReferralText(outreach, { referralId })).toEqual({ detail: null, summary, outcome: null });
    const viewed = await db.auditEvent.findFirstOrThrow({ where: { action: 'referral.text_viewed' } });
    expect(viewed.details).toEqual({ fields: ['summary'] });
  });

  it('a repeated submit of the same form makes one referral', async () => {
    const c = await makeActor('coordinator');
    const agency = await makeAgency();
    const form = referralForm(agency.id, null);
    const first = await createReferral(c, form, NOW);
    expect(await createReferral(c, form, NOW)).toEqual({ referralId: first.referralId, duplicate: true });
    expect((await counts()).referrals).toBe(1);
  });

  describe('bad input: a plain message beside the field, nothing changed', () => {
    const cases: [string, (a: { id: string }, p: string) => Record<string, unknown>, RegExp | string, string][] = [
      [
        'consent above "nothing" without a consent record',
        (a, p) => referralForm(a.id, p, { consent: 'alias_only' }),
        CONSENT_NOT_RECORDED,
        'consentConfirmed',
      ],
      ['a summary without its text', (a, p) => referralForm(a.id, p, { consent: 'summary', consentConfirmed: 'on' }), /Write the summary/, 'summary'],
      [
        'a summary over 500 characters',
        (a, p) => referralForm(a.id, p, { consent: 'summary', consentConfirmed: 'on', summary: 'x'.repeat(501) }),
        /500 characters or fewer/,
        'summary',
      ],
      ['alias only for someone anonymous', (a) => referralForm(a.id, null, { consent: 'alias_only', consentConfirmed: 'on' }), ALIAS_NEEDS_PERSON, 'consent'],
      ['an unknown agency', (_a, p) => referralForm('00000000-0000-4000-8000-000000000000', p), /Choose an agency/, 'agencyId'],
      ['a category the agency does not offer', (a, p) => referralForm(a.id, p, { category: 'legal_advocacy' }), /does not offer/, 'category'],
      [
        'a follow-up before the referral date',
        (a, p) => referralForm(a.id, p, { referredOn: '2026-11-20', followUpOn: '2026-11-19' }),
        'The follow-up cannot be before the referral date.',
        'followUpOn',
      ],
      ['a referral date in the future', (a, p) => referralForm(a.id, p, { referredOn: '2026-11-22' }), /future/, 'referredOn'],
      ['a reason’s details that are too long', (a, p) => referralForm(a.id, p, { reasonDetail: 'r'.repeat(121) }), /120 characters/, 'reasonDetail'],
      ['no reason chosen', (a, p) => referralForm(a.id, p, { reasonCategory: '' as never }), /Choose what the referral is for/, 'reasonCategory'],
      [
        'a reason not on the list',
        (a, p) => referralForm(a.id, p, { reasonCategory: 'exiting' as never }),
        /Choose what the referral is for/,
        'reasonCategory',
      ],
    ];
    for (const [name, form, message, field] of cases) {
      it(name, async () => {
        const c = await makeActor('coordinator');
        const agency = await makeAgency();
        const person = await makePerson(c);
        await expectAppError(createReferral(c, form(agency, person.id), NOW), 'invalid', message, field);
        expect(await counts()).toEqual({ referrals: 0, history: 0, audit: 0 });
      });
    }

    it('an inactive agency', async () => {
      const c = await makeActor('coordinator');
      const agency = await makeAgency({ active: false });
      await expectAppError(createReferral(c, referralForm(agency.id, null), NOW), 'invalid', /no longer active/, 'agencyId');
      expect(await counts()).toEqual({ referrals: 0, history: 0, audit: 0 });
    });
  });

  it('follow-up defaults count from a back-dated referral date', async () => {
    const c = await makeActor('coordinator');
    const agency = await makeAgency();
    const { referralId } = await createReferral(c, referralForm(agency.id, null, { referredOn: '2026-11-10' }), NOW);
    const r = await db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { followUpOn: true } });
    expect(r.followUpOn.toISOString().slice(0, 10)).toBe(addDaysTo('2026-11-10', 7));
    expect(localDay(NOW)).toBe('2026-11-21');
  });

  for (const role of ['peer', 'admin'] as const) {
    it(`refuses a ${role}`, async () => {
      const actor = await makeActor(role);
      const agency = await makeAgency();
      await expectAppError(createReferral(actor, referralForm(agency.id, null), NOW), 'forbidden');
      expect((await counts()).referrals).toBe(0);
    });
  }
});

describe('the database holds the consent and agency rules whatever code writes', () => {
  async function insert(fields: Record<string, string | null>) {
    const c = await makeActor('coordinator');
    const agency = await makeAgency(fields.agencyActive === 'no' ? { active: false } : {});
    const person = await makePerson(c);
    const v = { participant: person.id, consent: 'nothing', consentBy: null as string | null, category: 'housing', ...fields };
    return (await rawClient()).query(
      `INSERT INTO referral (id, participant_id, agency_id, category, reason_category, referred_on, follow_up_on, staff_id, consent, consent_by_id, consent_at,
         status, status_by_id, status_at, idempotency_key, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3::"AgencyCategory", 'housing', '2026-11-21', $4, $5, $6::"ReferralConsent", $7, $8, 'made', $5, now(), gen_random_uuid(), now())`,
      [
        v.participant,
        agency.id,
        v.category,
        fields.followUp ?? '2026-11-28',
        c.id,
        v.consent,
        v.consentBy === 'me' ? c.id : null,
        v.consentBy === 'me' ? new Date() : null,
      ],
    );
  }

  it('refuses consent above "nothing" with no one recorded', async () => {
    await expect(insert({ consent: 'summary' })).rejects.toThrow(/referral_consent_recorded_check/);
    await expect(insert({ consent: 'alias_only', consentBy: 'me' })).resolves.toBeTruthy();
  });

  it('refuses alias only without a participant', async () => {
    await expect(insert({ consent: 'alias_only', consentBy: 'me', participant: null })).rejects.toThrow(/referral_alias_needs_person_check/);
  });

  it('refuses a follow-up before the referral, an inactive agency, a category the agency lacks', async () => {
    await expect(insert({ followUp: '2026-11-20' })).rejects.toThrow(/referral_follow_up_check/);
    await expect(insert({ agencyActive: 'no' })).rejects.toThrow(/inactive/);
    await expect(insert({ category: 'crisis_lines' })).rejects.toThrow(/does not offer/);
  });
});
