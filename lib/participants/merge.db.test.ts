import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient, runtimeRole } from '@/lib/db/test/reset.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { decryptSafeContact, revealSensitive } from './sensitive.ts';
import { MERGE_RULES, mergeParticipants } from './merge.ts';
import { dumpTable, expectAppError, logVisit, makeParticipant, participantRow } from './lifecycle-test-helpers.ts';

const days = (n: number) => new Date(Date.now() - n * 86_400_000);

async function audits() {
  return db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { action: true, entityId: true, details: true } });
}

describe('mergeParticipants', () => {
  it('moves every visit to the kept record; counts and last seen follow through the trigger', async () => {
    const staff = await makeActor('coordinator');
    const kept = await makeParticipant(staff.id);
    const merged = await makeParticipant(staff.id);
    await logVisit(staff.id, kept.id, days(10), { shower: 1 });
    await logVisit(staff.id, kept.id, days(1), {}, true); // voided: kept, not counted
    for (const d of [30, 3, 20]) await logVisit(staff.id, merged.id, days(d), { meal: 1, condoms: 2 });

    expect(await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id })).toEqual({ keptId: kept.id, moved: 3 });

    expect(await db.visit.count({ where: { participantId: kept.id } })).toBe(5);
    expect(await db.visit.count({ where: { participantId: merged.id } })).toBe(0);
    const after = await participantRow(kept.id);
    expect(after.visitCount).toBe(4);
    expect(after.lastSeenAt?.getTime()).toBe(
      (await db.visit.findFirstOrThrow({ where: { participantId: kept.id, voidedAt: null }, orderBy: { visitedAt: 'desc' } })).visitedAt.getTime(),
    );
    const gone = await participantRow(merged.id);
    expect(gone).toMatchObject({
      mergedIntoId: kept.id,
      alias: null,
      visitCount: 0,
      lastSeenAt: null,
      safeContactEnc: null,
      notesEnc: null,
      code: merged.code,
    });
    expect(await audits()).toEqual([
      {
        action: 'participant.merged',
        entityId: kept.id,
        details: { keptId: kept.id, mergedId: merged.id, filled: [], carriedNoteId: null, moved: ['visit.participant_id:3'] },
      },
    ]);
    // The merged alias is gone from the table and never reached the audit log.
    expect(await dumpTable('participant')).not.toContain(merged.alias!);
    expect(await dumpTable('audit_event')).not.toContain(merged.alias!);
  });

  it('fills only the questions the kept record never asked; "prefers not to answer" stays', async () => {
    const staff = await makeActor('manager');
    const kept = await makeParticipant(staff.id, { languageState: 'declined', birthYear: 1990, birthYearState: 'answered', indigenousIdentity: 'declined' });
    const merged = await makeParticipant(staff.id, {
      pronouns: 'she/her',
      pronounsState: 'answered',
      language: 'Cree',
      languageState: 'answered',
      birthYear: 1985,
      birthYearState: 'answered',
      gender: 'self_described',
      genderSelfDescribed: 'femme',
      indigenousIdentity: 'metis',
      travelling: 'yes',
      homeCommunityState: 'declined',
    });
    await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id });
    expect(await participantRow(kept.id)).toMatchObject({
      pronouns: 'she/her',
      pronounsState: 'answered',
      language: null,
      languageState: 'declined',
      birthYear: 1990,
      gender: 'self_described',
      genderSelfDescribed: 'femme',
      indigenousIdentity: 'declined',
      travelling: 'yes',
      homeCommunity: null,
      homeCommunityState: 'declined',
    });
    expect((await audits())[0]!.details).toMatchObject({ filled: ['gender', 'genderSelfDescribed', 'pronouns', 'homeCommunity', 'travelling'] });
    expect(await participantRow(merged.id)).toMatchObject({
      pronouns: null,
      pronounsState: 'not_asked',
      gender: null,
      genderSelfDescribed: null,
      birthYear: null,
    });
  });

  it('moves the merged record’s dated notes to the kept record, still readable and signed; a missing safe contact is taken over', async () => {
    const staff = await makeActor('coordinator');
    const kept = await makeParticipant(staff.id, { notes: 'Prefers the back door.' });
    const merged = await makeParticipant(staff.id, { notes: 'Asked about housing.', safeContact: 'Text first, never call.' });
    await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id });
    expect(decryptSafeContact(kept.id, await participantRow(kept.id))).toBe('Text first, never call.');
    const { notes } = await revealSensitive(staff, { id: kept.id });
    expect(notes.map((n) => [n.text, n.author]).sort()).toEqual([
      ['Asked about housing.', staff.displayName],
      ['Prefers the back door.', staff.displayName],
    ]);
    expect(await db.participantNote.count({ where: { participantId: merged.id } })).toBe(0);
    expect((await audits())[0]!.details).toMatchObject({ carriedNoteId: null, moved: ['participant_note.participant_id:1'] });
    expect(await dumpTable('participant')).not.toContain('housing');
    expect(await dumpTable('participant_note')).not.toContain('housing');
  });

  it('keeps the kept safe contact and carries a different merged one into a new note signed by the person merging', async () => {
    const staff = await makeActor('coordinator');
    const kept = await makeParticipant(staff.id, { safeContact: 'Call after 6.' });
    const merged = await makeParticipant(staff.id, { safeContact: 'Only by email.' });
    await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id });
    expect(decryptSafeContact(kept.id, await participantRow(kept.id))).toBe('Call after 6.');
    const { notes } = await revealSensitive(staff, { id: kept.id });
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'Note',
        author: staff.displayName,
        text: expect.stringMatching(new RegExp(`^From record ${merged.code}, merged on .*\nSafe contact: Only by email\.$`)),
      }),
    ]);
    expect((await audits())[0]!.details).toMatchObject({ carriedNoteId: notes[0]!.id });
  });

  it('points records merged earlier at the kept record, and keeps the later activity', async () => {
    const staff = await makeActor('coordinator');
    const kept = await makeParticipant(staff.id, { lastActivityAt: days(400) });
    const merged = await makeParticipant(staff.id, { lastActivityAt: days(2) });
    const earlier = await makeParticipant(staff.id);
    await mergeParticipants(staff, { keptId: merged.id, mergedId: earlier.id });
    const later = (await participantRow(merged.id)).lastActivityAt;
    await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id });
    expect((await participantRow(earlier.id)).mergedIntoId).toBe(kept.id);
    expect((await participantRow(kept.id)).lastActivityAt).toEqual(later);
  });
});

describe('tables added by later features', () => {
  afterEach(async () => {
    await (await rawClient()).query('DROP TABLE IF EXISTS lifecycle_extra, lifecycle_once');
    delete MERGE_RULES.lifecycle_once;
  });

  it('are found through their foreign keys and moved, whatever the column is called', async () => {
    const c = await rawClient();
    await c.query(
      `CREATE TABLE lifecycle_extra (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), person uuid REFERENCES participant(id), helper uuid REFERENCES participant(id), what text); GRANT SELECT, INSERT, UPDATE, DELETE ON lifecycle_extra TO ${runtimeRole()}`,
    );
    const staff = await makeActor('manager');
    const [kept, merged, other] = [await makeParticipant(staff.id), await makeParticipant(staff.id), await makeParticipant(staff.id)];
    await c.query(`INSERT INTO lifecycle_extra (person, helper, what) VALUES ($1, $2, 'a'), ($2, $1, 'b'), ($3, NULL, 'c')`, [merged.id, other.id, other.id]);
    await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id });
    const { rows } = await c.query(`SELECT person::text, helper::text, what FROM lifecycle_extra ORDER BY what`);
    expect(rows).toEqual([
      { person: kept.id, helper: other.id, what: 'a' },
      { person: other.id, helper: kept.id, what: 'b' },
      { person: other.id, helper: null, what: 'c' },
    ]);
    expect((await audits())[0]!.details).toMatchObject({ moved: ['lifecycle_extra.helper:1', 'lifecycle_extra.person:1'] });
  });

  it('a move a later table refuses (a check its trigger raises) is refused plainly, nothing changed', async () => {
    const c = await rawClient();
    const staff = await makeActor('manager');
    const [kept, merged] = [await makeParticipant(staff.id), await makeParticipant(staff.id)];
    await c.query(
      `CREATE TABLE lifecycle_extra (person uuid REFERENCES participant(id), CHECK (person IS DISTINCT FROM '${kept.id}')); GRANT SELECT, INSERT, UPDATE, DELETE ON lifecycle_extra TO ${runtimeRole()}`,
    );
    await c.query(`INSERT INTO lifecycle_extra VALUES ($1)`, [merged.id]);
    await expectAppError(
      mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id }),
      'conflict',
      /^Both records have lifecycle extra that cannot be combined automatically\. Nothing was merged\.$/,
    );
    expect((await participantRow(merged.id)).mergedIntoId).toBeNull();
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('with a once-per-person row on both records: refused, naming the table, nothing changed', async () => {
    const c = await rawClient();
    await c.query(
      `CREATE TABLE lifecycle_once (session text, participant_id uuid REFERENCES participant(id), UNIQUE (session, participant_id)); GRANT SELECT, INSERT, UPDATE, DELETE ON lifecycle_once TO ${runtimeRole()}`,
    );
    const staff = await makeActor('manager');
    const [kept, merged] = [await makeParticipant(staff.id), await makeParticipant(staff.id)];
    await logVisit(staff.id, merged.id);
    await c.query(`INSERT INTO lifecycle_once VALUES ('s1', $1), ('s1', $2), ('s2', $2)`, [kept.id, merged.id]);
    await expectAppError(
      mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id }),
      'conflict',
      /Both records have lifecycle once that can be recorded only once per person.*Nothing was merged\./,
    );
    expect(await participantRow(merged.id)).toMatchObject({ mergedIntoId: null, alias: merged.alias, visitCount: 1 });
    expect((await c.query(`SELECT count(*)::int AS n FROM lifecycle_once WHERE participant_id = $1`, [merged.id])).rows[0].n).toBe(2);
    expect(await db.auditEvent.count()).toBe(0);

    // A per-table rule resolves the duplicate first (here: the kept record's row stays, the merged one goes).
    MERGE_RULES.lifecycle_once = {
      label: 'sessions',
      resolveDuplicates: async (tx, { keptId, mergedId }) => {
        await tx.$executeRaw`DELETE FROM lifecycle_once m WHERE m.participant_id = ${mergedId}::uuid
          AND EXISTS (SELECT 1 FROM lifecycle_once k WHERE k.participant_id = ${keptId}::uuid AND k.session = m.session)`;
      },
    };
    await mergeParticipants(staff, { keptId: kept.id, mergedId: merged.id });
    const { rows } = await c.query(`SELECT session, participant_id::text AS p FROM lifecycle_once ORDER BY session`);
    expect(rows).toEqual([
      { session: 's1', p: kept.id },
      { session: 's2', p: kept.id },
    ]);
  });
});

describe('refusals change nothing', () => {
  it('a record with itself, an unknown or malformed id, a merged-away or de-identified record', async () => {
    const staff = await makeActor('coordinator');
    const [a, b, c] = [await makeParticipant(staff.id), await makeParticipant(staff.id), await makeParticipant(staff.id)];
    await logVisit(staff.id, b.id);
    const away = await makeParticipant(staff.id);
    await db.participant.update({ where: { id: away.id }, data: { mergedIntoId: c.id, alias: null } });
    const old = await makeParticipant(staff.id);
    await db.participant.update({ where: { id: old.id }, data: { deidentifiedAt: new Date(), alias: null } });
    const cases: [unknown, RegExp][] = [
      [{ keptId: a.id, mergedId: a.id }, /cannot be merged with itself/],
      [{ keptId: a.id, mergedId: a.id.toUpperCase() }, /cannot be merged with itself/],
      [{ keptId: a.id, mergedId: '00000000-0000-4000-8000-000000000000' }, /That participant was not found\./],
      [{ keptId: 'not-an-id', mergedId: b.id }, /That participant was not found\./],
      [{ keptId: a.id }, /That participant was not found\./],
      [{ keptId: a.id, mergedId: away.id }, new RegExp(`Record ${away.code} was already merged into another record`)],
      [{ keptId: away.id, mergedId: b.id }, /already merged/],
      [{ keptId: a.id, mergedId: old.id }, new RegExp(`Record ${old.code} was de-identified`)],
      [{ keptId: old.id, mergedId: b.id }, /de-identified/],
    ];
    for (const [input, message] of cases) {
      const error = await mergeParticipants(staff, input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toMatchObject({ userMessage: expect.stringMatching(message) });
    }
    expect(await db.participant.count({ where: { mergedIntoId: { not: null } } })).toBe(1);
    expect((await participantRow(b.id)).visitCount).toBe(1);
    expect(await db.auditEvent.count()).toBe(0);
  });

  for (const role of ROLES) {
    const allowed = roleCan(role, 'participant:merge');
    it(`${allowed ? 'lets' : 'refuses'} a ${role}`, async () => {
      const actor = await makeActor(role);
      const staff = await makeActor('coordinator');
      const [a, b] = [await makeParticipant(staff.id), await makeParticipant(staff.id)];
      const result = mergeParticipants(actor, { keptId: a.id, mergedId: b.id });
      if (allowed) {
        await result;
        expect((await participantRow(b.id)).mergedIntoId).toBe(a.id);
      } else {
        await expectAppError(result, 'forbidden');
        expect((await participantRow(b.id)).mergedIntoId).toBeNull();
        expect(await db.auditEvent.count()).toBe(0);
      }
    });
  }
});
