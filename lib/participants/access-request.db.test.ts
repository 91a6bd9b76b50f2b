import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient, runtimeRole } from '@/lib/db/test/reset.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { getAccessRequest, participantReferences } from './access-request.ts';
import { mergeParticipants } from './merge.ts';
import { dumpTable, expectAppError, logVisit, makeParticipant } from './lifecycle-test-helpers.ts';

describe('getAccessRequest', () => {
  afterEach(async () => {
    await (await rawClient()).query('DROP TABLE IF EXISTS lifecycle_stay');
  });

  it('holds every field (sensitive ones decrypted), visits with services, and rows of every table that refers to the person', async () => {
    const manager = await makeActor('manager');
    const p = await makeParticipant(manager.id, {
      alias: 'Robin <b>R</b>',
      pronouns: 'she/her',
      pronounsState: 'answered',
      gender: 'woman',
      safeContact: 'Text first',
      notes: 'Likes the Tuesday breakfast',
    });
    const earlier = await makeParticipant(manager.id);
    await logVisit(manager.id, earlier.id, new Date('2026-01-05T18:00:00Z'), { meal: 1 });
    await mergeParticipants(manager, { keptId: p.id, mergedId: earlier.id });
    await logVisit(manager.id, p.id, new Date('2026-02-10T18:00:00Z'), { shower: 1, condoms: 3 }, true);
    await logVisit(manager.id, null, new Date('2026-02-10T18:00:00Z'), { meal: 1 }); // anonymous: not theirs

    // A later feature's table, with text encrypted the app's way and a column it cannot read.
    const c = await rawClient();
    await c.query(
      `CREATE TABLE lifecycle_stay (id uuid PRIMARY KEY, guest_id uuid REFERENCES participant(id), nights int, log_enc bytea, other_enc bytea); GRANT SELECT, INSERT, UPDATE, DELETE ON lifecycle_stay TO ${runtimeRole()}`,
    );
    const stayId = '11111111-1111-4111-8111-111111111111';
    await c.query(`INSERT INTO lifecycle_stay VALUES ($1, $2, 3, $3, $4)`, [
      stayId,
      p.id,
      Buffer.from(encryptField('Slept well', `lifecycle_stay:${stayId}:log`)!),
      Buffer.from('junk'),
    ]);
    const someoneElse = await makeParticipant(manager.id);
    await c.query(`INSERT INTO lifecycle_stay VALUES (gen_random_uuid(), $1, 1, NULL, NULL)`, [someoneElse.id]);

    const result = await getAccessRequest(manager, p.id, 'view');
    expect(result.participant).toMatchObject({
      id: p.id,
      code: p.code,
      alias: 'Robin <b>R</b>',
      pronouns: 'she/her',
      gender: 'woman',
      safe_contact: 'Text first',
      notes: null,
      visit_count: 1,
    });
    expect(result.participant).not.toHaveProperty('notes_enc');
    expect(result.visits).toHaveLength(2);
    expect(result.visits.map((v) => v.services)).toEqual([
      [{ service: 'Meal or food', kind: 'service', quantity: 1, unit: null }],
      [
        { service: 'Shower', kind: 'service', quantity: 1, unit: null },
        { service: 'Condoms', kind: 'supply', quantity: 3, unit: 'pack' },
      ],
    ]);
    expect(result.visits[1]).toMatchObject({ void_reason: 'Logged for the wrong person' });
    const related = Object.fromEntries(result.related.map((r) => [`${r.table}.${r.column}`, r.rows]));
    expect(related['participant.merged_into_id']).toEqual([expect.objectContaining({ id: earlier.id, code: earlier.code, alias: null })]);
    expect(related['lifecycle_stay.guest_id']).toEqual([
      { id: stayId, guest_id: p.id, nights: 3, log: 'Slept well', other: '(encrypted; Lantern cannot read this value)' },
    ]);
    expect(Object.keys(related)).not.toContain('visit.participant_id'); // visits have their own section
    // The dated notes, decrypted, with their kind, time and author.
    expect(related['participant_note.participant_id']).toEqual([
      expect.objectContaining({
        participant_id: p.id,
        text: 'Likes the Tuesday breakfast',
        author_id: manager.id,
        migrated: false,
        written_at: expect.any(String),
      }),
    ]);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'participant.access_request_viewed' } });
    expect(event).toMatchObject({
      actorId: manager.id,
      entityType: 'participant',
      entityId: p.id,
      details: { visits: 2, tables: ['lifecycle_stay', 'participant', 'participant_note'] },
    });
    expect(await dumpTable('audit_event')).not.toMatch(/Robin|Text first|Slept|Tuesday/);
  });

  it('audits an export as such', async () => {
    const manager = await makeActor('manager');
    const p = await makeParticipant(manager.id);
    await getAccessRequest(manager, p.id, 'export');
    expect(await db.auditEvent.findMany({ select: { action: true, entityId: true } })).toEqual([
      { action: 'participant.access_request_exported', entityId: p.id },
    ]);
  });

  it('finds every foreign key to participant, including ones added later', async () => {
    const before = (await participantReferences()).map((r) => `${r.table}.${r.column}`);
    expect(before).toEqual(expect.arrayContaining(['participant.merged_into_id', 'visit.participant_id']));
    await (
      await rawClient()
    ).query(
      `CREATE TABLE lifecycle_stay (id uuid PRIMARY KEY, guest_id uuid REFERENCES participant(id)); GRANT SELECT, INSERT, UPDATE, DELETE ON lifecycle_stay TO ${runtimeRole()}`,
    );
    expect((await participantReferences()).map((r) => `${r.table}.${r.column}`)).toEqual([...before, 'lifecycle_stay.guest_id'].sort());
  });

  it('says "not found" for an unknown or malformed id, recording nothing', async () => {
    const manager = await makeActor('manager');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', undefined, "' OR 1=1 --"]) {
      await expectAppError(getAccessRequest(manager, id, 'view'), 'not_found', /was not found/);
    }
    expect(await db.auditEvent.count()).toBe(0);
  });

  for (const role of ROLES.filter((r) => !roleCan(r, 'participant:access_request'))) {
    it(`refuses a ${role}`, async () => {
      const actor = await makeActor(role);
      const p = await makeParticipant(actor.id);
      await expectAppError(getAccessRequest(actor, p.id, 'view'), 'forbidden');
      await expectAppError(getAccessRequest(actor, p.id, 'export'), 'forbidden');
      expect(await db.auditEvent.count()).toBe(0);
    });
  }
});
