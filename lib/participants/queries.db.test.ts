import { describe, expect, it } from 'vitest';
import { subDays } from 'date-fns';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { parseTableParams } from '@/lib/table/params.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { createParticipant, updateParticipant } from './mutations.ts';
import { findSimilarAliases, getParticipantForEdit, getParticipantProfile, listParticipants } from './queries.ts';
import { PARTICIPANT_TABLE } from './schema.ts';
import { programYear } from './rules.ts';

const params = (search: Record<string, string> = {}) => parseTableParams(PARTICIPANT_TABLE, search);
const aliases = (r: { rows: { alias: string | null }[] }) => r.rows.map((x) => x.alias);
const NOW = new Date();

/** Five people: seen 2 days, 60 days, 400 days ago, never; one de-identified; one merged away. */
async function seed() {
  const coordinator = await makeActor('coordinator');
  const make = async (alias: string, extra: Record<string, string> = {}) => (await createParticipant(coordinator, { alias, consent: 'on', ...extra })).id;
  const ids = {
    jade: await make('Jade River', { travelling: 'yes' }),
    rose: await make('rose petal', { travelling: 'no' }),
    kit: await make('Kit 50%'),
    never: await make('Nova'),
    gone: await make('Gone Person'),
    merged: await make('Jade R'),
  };
  const seen = (id: string, daysAgo: number, visits: number) =>
    db.participant.update({ where: { id }, data: { lastSeenAt: subDays(NOW, daysAgo), visitCount: visits } });
  await seen(ids.jade, 2, 12);
  await seen(ids.rose, 60, 3);
  await seen(ids.kit, 400, 40);
  await db.participant.update({ where: { id: ids.gone }, data: { alias: null, deidentifiedAt: NOW, lastSeenAt: subDays(NOW, 900) } });
  await db.participant.update({ where: { id: ids.merged }, data: { mergedIntoId: ids.jade, lastSeenAt: subDays(NOW, 1) } });
  return { coordinator, ids };
}

describe('listParticipants', () => {
  it('sorts by last seen (never seen last, both ways), alias and visits', async () => {
    const { coordinator } = await seed();
    expect(aliases(await listParticipants(coordinator, params(), NOW))).toEqual(['Jade River', 'rose petal', 'Kit 50%', 'Nova']);
    expect(aliases(await listParticipants(coordinator, params({ sort: 'lastSeen', dir: 'asc' }), NOW))).toEqual([
      'Kit 50%',
      'rose petal',
      'Jade River',
      'Nova',
    ]);
    expect(aliases(await listParticipants(coordinator, params({ sort: 'alias', dir: 'asc' }), NOW))).toEqual(['Jade River', 'Kit 50%', 'Nova', 'rose petal']);
    expect(aliases(await listParticipants(coordinator, params({ sort: 'visits', dir: 'desc' }), NOW))).toEqual(['Kit 50%', 'Jade River', 'rose petal', 'Nova']);
  });

  it('filters by last seen, travelling and record state; merged-away records never show', async () => {
    const { coordinator } = await seed();
    expect(aliases(await listParticipants(coordinator, params({ seen: '30d' }), NOW))).toEqual(['Jade River']);
    expect(aliases(await listParticipants(coordinator, params({ seen: '6m' }), NOW))).toEqual(['Jade River', 'rose petal']);
    expect(aliases(await listParticipants(coordinator, params({ travelling: 'no' }), NOW))).toEqual(['rose petal']);
    const gone = await listParticipants(coordinator, params({ records: 'deidentified' }), NOW);
    expect(gone.rows).toMatchObject([{ alias: null, deidentified: true }]);
    expect((await listParticipants(coordinator, params({ records: 'all' }), NOW)).total).toBe(5);
  });

  it('searches alias (any case, wildcards literal) and code (part, any case, without hyphen)', async () => {
    const { coordinator, ids } = await seed();
    const code = (await db.participant.findUniqueOrThrow({ where: { id: ids.rose } })).code;
    const search = async (q: string) => aliases(await listParticipants(coordinator, { ...params(), q }, NOW));
    expect(await search('JADE')).toEqual(['Jade River']);
    expect(await search('50%')).toEqual(['Kit 50%']);
    expect(await search('%')).toEqual(['Kit 50%']);
    expect(await search('_')).toEqual([]);
    expect(await search(code)).toContain('rose petal');
    expect(await search(code.replace('-', '').toLowerCase())).toContain('rose petal');
    expect(await search(code.slice(0, 3).toLowerCase())).toContain('rose petal');
  });

  it('pages without repeats or gaps across the never-seen boundary, and clamps a page past the end', async () => {
    const coordinator = await makeActor('coordinator');
    const rows = Array.from({ length: 60 }, (_, i) => ({
      code: `AAA-${'ACDEFGHJKMNPQRTUVWXY34679'[Math.floor(i / 25)]}${'ACDEFGHJKMNPQRTUVWXY34679'[i % 25]}A`,
      alias: `Person ${String(i).padStart(2, '0')}`,
      consentAt: NOW,
      consentById: coordinator.id,
      createdById: coordinator.id,
      // Every third person has never been seen; the others share a handful of dates (ties).
      lastSeenAt: i % 3 === 0 ? null : subDays(NOW, i % 4),
    }));
    await db.participant.createMany({ data: rows });
    for (const dir of ['desc', 'asc']) {
      const pages = [];
      for (const page of ['1', '2', '3']) pages.push(...(await listParticipants(coordinator, params({ dir, page }), NOW)).rows);
      expect(pages).toHaveLength(60);
      expect(new Set(pages.map((r) => r.id)).size).toBe(60);
      expect(pages.slice(-20).every((r) => r.lastSeenOn === null)).toBe(true);
    }
    expect((await listParticipants(coordinator, params({ page: '9' }), NOW)).page).toBe(3);
  });

  it('gives peers alias, code and last seen only, and ignores what they may not sort or filter by', async () => {
    await seed();
    const peer = await makeActor('peer');
    const list = await listParticipants(peer, params({ sort: 'visits', dir: 'desc', travelling: 'no' }), NOW);
    expect(aliases(list)).toEqual(['Jade River', 'rose petal', 'Kit 50%', 'Nova']);
    expect(list.rows.every((r) => r.visitCount === null)).toBe(true);
    expect(Object.keys(list.rows[0]!).sort()).toEqual(['alias', 'code', 'deidentified', 'id', 'lastSeenOn', 'visitCount']);
  });
});

describe('findSimilarAliases', () => {
  it('offers up to five current records with a similar alias, most alike first', async () => {
    const { coordinator } = await seed();
    for (const alias of ['Jade', 'Jade Rivers', 'Jaded River', 'jade river', 'Jade Riverside', 'Jade Stone']) {
      await createParticipant(coordinator, { alias, consent: 'on' });
    }
    const hint = await findSimilarAliases(coordinator, 'Jade River');
    expect(hint).toHaveLength(5);
    expect(hint[0]).toMatchObject({ alias: expect.stringMatching(/^jade river$/i), code: expect.any(String) });
    // The merged-away "Jade R" would be the closest match for its own alias.
    expect((await findSimilarAliases(coordinator, 'Jade R')).map((h) => h.alias)).not.toContain('Jade R');
    expect(await findSimilarAliases(coordinator, 'Zzyzx')).toEqual([]);
    expect(await findSimilarAliases(coordinator, 'J')).toEqual([]);
    expect((await findSimilarAliases(coordinator, 'rose  petal'))[0]).toMatchObject({
      alias: 'rose petal',
      lastSeenOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    });
  });
});

describe('getParticipantProfile and getParticipantForEdit', () => {
  it('shows workers the answers as an age range, consent and presence of sensitive fields; peers alias and code only', async () => {
    const coordinator = await makeActor('coordinator', { displayName: 'Dana' });
    const { id, code } = await createParticipant(coordinator, { alias: 'Sky', consent: 'on', birthYear: String(programYear() - 30), notes: 'n' });
    const profile = await getParticipantProfile(coordinator, id);
    expect(profile).toMatchObject({ id, code, alias: 'Sky', deidentified: false, mergedInto: null });
    expect(profile.details).toMatchObject({ ageRange: '25_34', consentBy: 'Dana', hasSafeContact: false, hasNotes: true, visitCount: 0 });
    expect(JSON.stringify(profile)).not.toMatch(/Enc|"n"/);
    const peerView = await getParticipantProfile(await makeActor('peer'), id);
    expect(peerView).toEqual({ id, code, alias: 'Sky', deidentified: false, mergedInto: null, details: null });
  });

  it('answers "not found" for an unknown or malformed id', async () => {
    const coordinator = await makeActor('coordinator');
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000', 7, undefined]) {
      await expectAppError(getParticipantProfile(coordinator, id), 'not_found', 'That participant was not found.');
      await expectAppError(getParticipantForEdit(coordinator, id), 'not_found', 'That participant was not found.');
    }
  });

  it('tells the edit page why a de-identified record cannot be edited', async () => {
    const { coordinator, ids } = await seed();
    expect((await getParticipantForEdit(coordinator, ids.jade)).refusal).toBeNull();
    expect((await getParticipantForEdit(coordinator, ids.gone)).refusal).toMatch(/de-identified/);
    await updateParticipant(coordinator, { id: ids.jade, alias: 'Jade River', travelling: 'no' });
    expect((await getParticipantForEdit(coordinator, ids.jade)).travelling).toBe('no');
  });
});

describe('every role', () => {
  for (const role of ROLES) {
    it(`${role}: reads only what the matrix allows`, async () => {
      const { ids } = await seed();
      const actor = await makeActor(role);
      const check = async (allowed: boolean, call: () => Promise<unknown>) => {
        if (allowed) await call();
        else await expectAppError(call(), 'forbidden');
      };
      await check(roleCan(role, 'participant:read'), () => listParticipants(actor, params()));
      await check(roleCan(role, 'participant:read'), () => getParticipantProfile(actor, ids.jade));
      await check(roleCan(role, 'participant:update'), () => getParticipantForEdit(actor, ids.jade));
      await check(roleCan(role, 'participant:create'), () => findSimilarAliases(actor, 'Jade'));
    });
  }
});
