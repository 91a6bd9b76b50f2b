import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AGENCY_NOT_FOUND,
  AgencySchema,
  ALIAS_NEEDS_PERSON,
  ChangeStatusSchema,
  CONSENT_NOT_RECORDED,
  CreateReferralSchema,
  FollowUpSchema,
  REFERRAL_NOT_FOUND,
  SaveAgencySchema,
} from './schema.ts';

const base = {
  idempotencyKey: '6f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10',
  participantId: '7f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10',
  agencyId: '8f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10',
  category: 'housing',
  reasonCategory: 'housing',
  consent: 'nothing',
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
    expect(issue({ ...base, participantId: 'anonymous', consent: 'alias_only', consentConfirmed: 'on' })).toEqual({
      path: 'consent',
      message: ALIAS_NEEDS_PERSON,
    });
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

// The actions judge the forms' strings with these schemas and hand what they decoded to the data
// layer, which judges it again: each schema must take its own output back unchanged.
const again = <S extends z.ZodType>(schema: S, input: object) => {
  const once = schema.parse(input);
  expect(schema.parse(once)).toEqual(once);
  return once;
};
const firstIssue = (schema: z.ZodType, input: object) => {
  const r = schema.safeParse(input);
  return r.success ? null : { path: String(r.error.issues[0]!.path[0]), message: r.error.issues[0]!.message };
};
const referralId = '9a1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10';

describe('the forms, as the actions decode them', () => {
  it('a referral: "anonymous" and the consent tick decode once and read back the same', () => {
    expect(
      again(CreateReferralSchema, { ...base, participantId: 'anonymous', consent: 'summary', consentConfirmed: 'on', summary: 'Needs a bed', followUpOn: '' }),
    ).toMatchObject({ participantId: null, consentConfirmed: true, summary: 'Needs a bed', reasonDetail: null });
    expect(again(CreateReferralSchema, base)).toMatchObject({ participantId: base.participantId, consentConfirmed: false });
  });

  it('the agency form: its checkbox group is a list (one, several, repeated), "active" a tick, and its id optional', () => {
    const form = { name: 'Harbour House', phone: '', hours: '', offers: '', staffNotes: '' };
    expect(again(SaveAgencySchema, { ...form, categories: 'housing', id: '' })).toMatchObject({ categories: ['housing'], active: false, id: undefined });
    expect(again(SaveAgencySchema, { ...form, categories: ['housing', 'health', 'housing'], active: 'on', id: referralId })).toMatchObject({
      categories: ['housing', 'health'],
      active: true,
      id: referralId,
    });
  });

  it('the agency form refuses on the path of the bad value', () => {
    expect(firstIssue(SaveAgencySchema, { name: 'A', categories: [] })).toEqual({ path: 'categories', message: 'Tick at least one category.' });
    expect(firstIssue(SaveAgencySchema, { name: 'A', categories: ['housing', 'exiting'] })).toEqual({
      path: 'categories',
      message: 'Tick at least one category.',
    });
    expect(firstIssue(SaveAgencySchema, { name: 'A', categories: 'housing', id: 'nope' })).toEqual({ path: 'id', message: AGENCY_NOT_FOUND });
  });

  it('a status change and a follow-up date name the referral, and refuse beside their fields', () => {
    expect(again(ChangeStatusSchema, { referralId, status: 'completed', outcome: '' })).toEqual({ referralId, status: 'completed', outcome: null });
    expect(firstIssue(ChangeStatusSchema, { referralId, status: '' })).toEqual({ path: 'status', message: 'Choose what happened.' });
    expect(firstIssue(FollowUpSchema, { referralId: 'x', followUpOn: '2026-12-01' })).toEqual({ path: 'referralId', message: REFERRAL_NOT_FOUND });
    expect(firstIssue(FollowUpSchema, { referralId, followUpOn: '2026-02-30' })?.path).toBe('followUpOn');
  });
});
