import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { auditActions, expectAppError, lastAudit } from '@/lib/staff/test-helpers.ts';
import { createParticipant, updateParticipant } from './mutations.ts';
import { birthYearBounds } from './rules.ts';

const BASIC = { alias: 'Rosie Quartz', consent: 'on' };
const FULL = {
  ...BASIC,
  birthYear: '1990',
  gender: 'self_described',
  genderSelfDescribed: 'femme',
  indigenousIdentity: 'metis',
  pronouns: 'she/they',
  languageDeclined: 'on',
  homeCommunity: 'Merritt',
  travelling: 'yes',
  safeContact: 'text only after 6',
  notes: 'likes tea',
};

const row = (id: string) => db.participant.findUniqueOrThrow({ where: { id } });

describe('createParticipant', () => {
  it('stores the answers, consent by the actor, a formatted random code, and audits field names only', async () => {
    const coordinator = await makeActor('coordinator');
    const { id, code } = await createParticipant(coordinator, FULL);
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$/);
    const p = await row(id);
    expect(p).toMatchObject({
      code,
      alias: 'Rosie Quartz',
      birthYear: 1990,
      birthYearState: 'answered',
      gender: 'self_described',
      genderSelfDescribed: 'femme',
      indigenousIdentity: 'metis',
      pronouns: 'she/they',
      pronounsState: 'answered',
      language: null,
      languageState: 'declined',
      homeCommunity: 'Merritt',
      homeCommunityState: 'answered',
      travelling: 'yes',
      consentById: coordinator.id,
      createdById: coordinator.id,
    });
    expect(Date.now() - p.consentAt.getTime()).toBeLessThan(60_000);
    expect(await lastAudit()).toMatchObject({
      action: 'participant.created',
      actorId: coordinator.id,
      entityType: 'participant',
      entityId: id,
      details: {
        answered: ['birthYear', 'gender', 'indigenousIdentity', 'pronouns', 'homeCommunity', 'travelling', 'safeContact', 'notes'],
        declined: ['language'],
      },
    });
    const audit = JSON.stringify(await db.auditEvent.findMany({ select: { details: true } }));
    for (const value of ['Rosie', 'femme', 'she/they', 'Merritt', 'tea', '1990']) expect(audit).not.toContain(value);
  });

  it('leaves every optional field "not asked" by default', async () => {
    const { id } = await createParticipant(await makeActor('outreach'), BASIC);
    expect(await row(id)).toMatchObject({
      birthYear: null,
      birthYearState: 'not_asked',
      gender: null,
      indigenousIdentity: null,
      pronounsState: 'not_asked',
      languageState: 'not_asked',
      homeCommunityState: 'not_asked',
      travelling: null,
      safeContactEnc: null,
      notesEnc: null,
    });
    expect((await lastAudit()).details).toEqual({ answered: [], declined: [] });
  });

  it('draws another code when the first one is taken', async () => {
    const manager = await makeActor('manager');
    const first = await createParticipant(manager, BASIC, { generateCode: () => 'KKK-KKK' });
    const codes = ['KKK-KKK', 'KKK-KKK', 'MMM-MMM'];
    const second = await createParticipant(manager, { ...BASIC, alias: 'Other' }, { generateCode: () => codes.shift()! });
    expect([first.code, second.code]).toEqual(['KKK-KKK', 'MMM-MMM']);
    expect(codes).toEqual([]);
    expect(await db.participant.count()).toBe(2);
    expect(await auditActions()).toEqual(['participant.created', 'participant.created']);
    await expectAppError(createParticipant(manager, BASIC, { generateCode: () => 'KKK-KKK' }), 'conflict', /could not be made/);
    expect(await db.participant.count()).toBe(2);
  });

  it('keeps HTML in an alias as text', async () => {
    const { id } = await createParticipant(await makeActor('coordinator'), { ...BASIC, alias: '  <b>Jade</b> & co ' });
    expect((await row(id)).alias).toBe('<b>Jade</b> & co');
  });

  const { min, max } = birthYearBounds();
  const BAD: [string, Record<string, unknown>, string, RegExp][] = [
    ['no consent', { consent: undefined }, 'consent', /anonymous visit/],
    ['an empty alias', { alias: '   ' }, 'alias', /Enter an alias/],
    ['a missing alias', { alias: undefined }, 'alias', /Enter an alias/],
    ['an alias of the wrong type', { alias: ['a', 'b'] }, 'alias', /Enter an alias/],
    ['an over-long alias', { alias: 'x'.repeat(61) }, 'alias', /60 characters or fewer/],
    ['a control character in the alias', { alias: 'Ro\u0007sie' }, 'alias', /special characters/],
    ['a line break in the alias', { alias: 'Ro\nsie' }, 'alias', /special characters/],
    ['a text-direction override in the alias', { alias: 'Ro\u202Esie' }, 'alias', /special characters/],
    ['a year of birth too early', { birthYear: String(min - 1) }, 'birthYear', /Enter a year between/],
    ['a year of birth too late', { birthYear: String(max + 1) }, 'birthYear', /Enter a year between/],
    ['a year of birth that is not a year', { birthYear: '19x0' }, 'birthYear', /Enter a year between/],
    ['a year of birth and "prefers not to answer"', { birthYear: '1990', birthYearDeclined: 'on' }, 'birthYear', /Leave this empty/],
    ['pronouns and "prefers not to answer"', { pronouns: 'she', pronounsDeclined: 'on' }, 'pronouns', /Leave this empty/],
    ['an unknown gender', { gender: 'other' }, 'gender', /Choose one of the options/],
    ['"in their own words" with no words', { gender: 'self_described' }, 'genderSelfDescribed', /their own words/],
    ['an unknown Indigenous identity', { indigenousIdentity: 'yes' }, 'indigenousIdentity', /Choose one/],
    ['over-long pronouns', { pronouns: 'x'.repeat(41) }, 'pronouns', /40 characters/],
    ['over-long notes', { notes: 'x'.repeat(4001) }, 'notes', /4000 characters/],
    ['a control character in the safe contact', { safeContact: 'call\u0000me' }, 'safeContact', /special characters/],
  ];
  for (const [what, patch, field, message] of BAD) {
    it(`refuses ${what} beside the field and changes nothing`, async () => {
      const coordinator = await makeActor('coordinator');
      await expectAppError(createParticipant(coordinator, { ...BASIC, ...patch }), 'invalid', message, field);
      expect(await db.participant.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(0);
    });
  }
});

describe('updateParticipant', () => {
  it('saves changes and audits the changed field names only; keeps the sensitive fields unless replaced', async () => {
    const coordinator = await makeActor('coordinator');
    const { id } = await createParticipant(coordinator, FULL);
    const before = await row(id);
    const result = await updateParticipant(coordinator, { ...FULL, id, alias: 'Rosie Q', pronouns: '', pronounsDeclined: 'on', safeContact: '', notes: '' });
    expect(result.changed).toEqual(['alias', 'pronouns']);
    const after = await row(id);
    expect(after).toMatchObject({ alias: 'Rosie Q', pronouns: null, pronounsState: 'declined', code: before.code });
    expect(after.safeContactEnc).toEqual(before.safeContactEnc);
    expect(after.notesEnc).toEqual(before.notesEnc);
    expect(await lastAudit()).toMatchObject({ action: 'participant.updated', entityId: id, details: { changed: ['alias', 'pronouns'] } });
    expect(JSON.stringify((await lastAudit()).details)).not.toContain('Rosie');
  });

  it('replaces the sensitive fields when the form carried them, and records nothing when nothing changed', async () => {
    const coordinator = await makeActor('coordinator');
    const { id } = await createParticipant(coordinator, FULL);
    expect((await updateParticipant(coordinator, { ...FULL, id, sensitive: 'replace' })).changed).toEqual([]);
    expect(await auditActions()).toEqual(['participant.created']);
    // Notes are dated entries now: the edit form carries none, and one sent anyway is ignored.
    const result = await updateParticipant(coordinator, { ...FULL, id, sensitive: 'replace', safeContact: '', notes: 'new note' });
    expect(result.changed).toEqual(['safeContact']);
    expect((await row(id)).safeContactEnc).toBeNull();
    expect(await db.participantNote.count({ where: { participantId: id } })).toBe(1); // the create form's first note only
  });

  it('refuses to edit a de-identified or merged-away record, with a plain message', async () => {
    const coordinator = await makeActor('coordinator');
    const kept = await createParticipant(coordinator, BASIC);
    const gone = await createParticipant(coordinator, BASIC);
    await db.participant.update({ where: { id: kept.id }, data: { alias: null, deidentifiedAt: new Date() } });
    await db.participant.update({ where: { id: gone.id }, data: { mergedIntoId: kept.id } });
    await expectAppError(updateParticipant(coordinator, { ...BASIC, id: kept.id }), 'conflict', /de-identified and can no longer be changed/);
    await expectAppError(updateParticipant(coordinator, { ...BASIC, id: gone.id }), 'conflict', /merged into another one/);
    expect(await auditActions()).toEqual(['participant.created', 'participant.created']);
  });

  it('answers "not found" for an unknown or malformed id, changing nothing', async () => {
    const coordinator = await makeActor('coordinator');
    await expectAppError(
      updateParticipant(coordinator, { ...BASIC, id: '00000000-0000-4000-8000-000000000000' }),
      'not_found',
      'That participant was not found.',
    );
    for (const id of ['nope', 7, undefined]) {
      await expectAppError(updateParticipant(coordinator, { ...BASIC, id }), 'invalid', 'That participant was not found.', 'id');
    }
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('refuses bad input beside the field and changes nothing', async () => {
    const coordinator = await makeActor('coordinator');
    const { id } = await createParticipant(coordinator, BASIC);
    await expectAppError(updateParticipant(coordinator, { id, alias: '' }), 'invalid', /Enter an alias/, 'alias');
    await expectAppError(updateParticipant(coordinator, { id, alias: 'ok', birthYear: '1700' }), 'invalid', /Enter a year/, 'birthYear');
    expect((await row(id)).alias).toBe('Rosie Quartz');
    expect(await auditActions()).toEqual(['participant.created']);
  });
});

describe('every role', () => {
  for (const role of ROLES) {
    it(`${role}: create and update only with the permission`, async () => {
      const actor = await makeActor(role);
      const { id } = await createParticipant(await makeActor('manager'), BASIC);
      if (roleCan(role, 'participant:create')) await createParticipant(actor, BASIC);
      else await expectAppError(createParticipant(actor, BASIC), 'forbidden');
      if (roleCan(role, 'participant:update')) await updateParticipant(actor, { ...BASIC, id, alias: 'Renamed' });
      else await expectAppError(updateParticipant(actor, { ...BASIC, id, alias: 'Renamed' }), 'forbidden');
      expect(await db.participant.count()).toBe(roleCan(role, 'participant:create') ? 2 : 1);
      expect((await row(id)).alias).toBe(roleCan(role, 'participant:update') ? 'Renamed' : 'Rosie Quartz');
    });
  }
});
