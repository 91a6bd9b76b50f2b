import { describe, expect, it } from 'vitest';
import { CreateParticipantSchema, toParticipantData, UpdateParticipantSchema } from './schema.ts';

const parse = (input: Record<string, unknown>) => toParticipantData(CreateParticipantSchema.parse({ alias: 'Sky', consent: 'on', ...input }));

describe('the participant form', () => {
  it('reads each optional answer as not asked, declined or answered', () => {
    expect(parse({})).toMatchObject({
      birthYear: null,
      birthYearState: 'not_asked',
      pronouns: null,
      pronounsState: 'not_asked',
      gender: null,
      travelling: null,
    });
    expect(parse({ birthYearDeclined: 'on', pronounsDeclined: 'on', gender: 'declined', travelling: 'declined' })).toMatchObject({
      birthYearState: 'declined',
      pronounsState: 'declined',
      gender: 'declined',
      travelling: 'declined',
    });
    expect(parse({ birthYear: '1990', pronouns: ' they ', gender: 'two_spirit', indigenousIdentity: 'first_nations' })).toMatchObject({
      birthYear: 1990,
      birthYearState: 'answered',
      pronouns: 'they',
      pronounsState: 'answered',
      gender: 'two_spirit',
      indigenousIdentity: 'first_nations',
    });
  });

  it('keeps their own words for gender only with that choice', () => {
    expect(parse({ gender: 'self_described', genderSelfDescribed: 'genderfluid' })).toMatchObject({ genderSelfDescribed: 'genderfluid' });
    expect(parse({ gender: 'woman', genderSelfDescribed: 'leftover' })).toMatchObject({ gender: 'woman', genderSelfDescribed: null });
  });

  it('counts alias length as PostgreSQL does (characters, not UTF-16 units)', () => {
    expect(parse({ alias: '🌹'.repeat(60) }).alias).toHaveLength(120);
    expect(CreateParticipantSchema.safeParse({ alias: '🌹'.repeat(61), consent: 'on' }).success).toBe(false);
  });

  it('accepts its own output again, so the action and the data layer can both parse it', () => {
    const once = UpdateParticipantSchema.parse({ id: '6F1E4A3C-2B1D-4C5E-9F7A-1B2C3D4E5F60', alias: ' Sky ', pronounsDeclined: 'on', sensitive: 'replace' });
    expect(UpdateParticipantSchema.parse(once)).toEqual(once);
    expect(once).toMatchObject({ id: '6f1e4a3c-2b1d-4c5e-9f7a-1b2c3d4e5f60', alias: 'Sky', sensitive: 'replace' });
  });
});
