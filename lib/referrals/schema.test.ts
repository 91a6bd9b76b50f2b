import { describe, expect, it } from 'vitest';
import { AgencySchema, ALIAS_NEEDS_PERSON, CONSENT_NOT_RECORDED, CreateReferralSchema } from './schema.ts';

const base = {
  idempotencyKey: '6f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10', participantId: '7f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10',
  agencyId: '8f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10', category: 'housing', reasonCategory: 'housing', consent: 'nothing',
};
const issue = (input: object) => {
  const r = CreateReferralSchema.safeParse(input);
  return r.success ? null : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message };
};

describe('referral form', () => {
  it('takes "nothing" without a consent tick, and "anonymous" as no participant', () => {
    expect(issue(base)).toBeNull();
    expect(CreateReferralSchema.parse({ ...base, participantId: 'anonymous' }).participantId).toBeNull();
  });

  it('needs the consent tick for anything above "nothing"', () => {
    expect(issue({ ...base, consent: 'alias_only' })).toEqual({ path: 'consentConfirmed', message: CONSENT_NOT_RECORDED });
    expect(issue({ ...base, consent: 'alias_only', consentConfirmed: 'on' })).toBeNull();
  });

  it('refuses alias only for someone anonymous, and a summary without text or over 500 characters', () => {
    expect(issue({ ...base, participantId: 'anonymous', consent: 'alias_only', consentConfirmed: 'on' })).toEqual({ path: 'consent', message: ALIAS_NEEDS_PERSON });
    expect(issue({ ...base, consent: 'summary', consentConfirmed: 'on' })?.path).toBe('summary');
    expect(issue({ ...base, consent: 'summary', consentConfirmed: 'on', summary: 'x'.repeat(501) })?.message).toMatch(/500 characters/);
    expect(issue({ ...base, consent: 'summary', consentConfirmed: 'on', summary: 'x'.repeat(500) })).toBeNull();
  });

  it('refuses an impossible date', () => {
    expect(issue({ ...base, referredOn: '2026-02-30' })?.path).toBe('referredOn');
  });

  it('needs what the referral is for from the list; its details are optional, up to 120 characters', () => {
    expect(issue({ ...base, reasonCategory: undefined })).toEqual({ path: 'reasonCategory', message: 'Choose what the referral is for.' });
    expect(issue({ ...base, reasonCategory: 'exiting' })?.path).toBe('reasonCategory');
    expect(CreateReferralSchema.parse({ ...base, reasonDetail: '  ' }).reasonDetail).toBeNull();
    expect(CreateReferralSchema.parse({ ...base, reasonDetail: 'Court date coming up' }).reasonDetail).toBe('Court date coming up');
    expect(issue({ ...base, reasonDetail: 'x'.repeat(121) })).toEqual({ path: 'reasonDetail', message: 'Keep the details to 120 characters or fewer.' });
  });
});

describe('agency form', () => {
  it('takes one ticked category as a string and an unticked "active" as false', () => {
    expect(AgencySchema.parse({ name: 'A', categories: 'housing' })).toMatchObject({ categories: ['housing'], active: false, phone: null });
    expect(AgencySchema.safeParse({ name: 'A' }).success).toBe(false);
    expect(AgencySchema.safeParse({ name: 'A', categories: ['exiting'] }).success).toBe(false);
  });
});
