import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { auditActions, lastAudit } from '@/lib/staff/test-helpers.ts';
import { fixClock } from '@/lib/calendar/index.ts';
import { addNote } from './notes.ts';
import { activeNoteKinds, createNoteKind, listNoteKinds, setNoteKindStatus } from './note-kinds.ts';
import { revealSensitive } from './sensitive.ts';
import { dumpTable, expectAppError, makeParticipant } from './lifecycle-test-helpers.ts';

const kindId = async (key: string) => (await db.noteKind.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;

describe('addNote', () => {
  it('appends dated, signed entries; the reveal lists them newest first with kind, time and author, and is audited', async () => {
    const coordinator = await makeActor('coordinator', { displayName: 'Dana' });
    const outreach = await makeActor('outreach', { displayName: 'Sam' });
    const p = await makeParticipant(coordinator.id);
    fixClock(new Date('2026-11-20T18:00:00Z'));
    try {
      await addNote(coordinator, { participantId: p.id, kindId: await kindId('crisis'), text: 'Sat with her after a bad date.' });
      fixClock(new Date('2026-11-21T17:30:00Z'));
      await addNote(outreach, { participantId: p.id, kindId: await kindId('safety_plan'), text: '  Texts the desk at start and end.  ' });
    } finally {
      fixClock(null);
    }
    expect(await lastAudit()).toMatchObject({ action: 'participant.note_added', actorId: outreach.id, entityType: 'participant', entityId: p.id });
    const { notes } = await revealSensitive(coordinator, { id: p.id });
    expect(notes.map(({ kind, writtenAt, author, text, migrated }) => ({ kind, writtenAt, author, text, migrated }))).toEqual([
      { kind: 'Safety plan', writtenAt: '2026-11-21T17:30:00.000Z', author: 'Sam', text: 'Texts the desk at start and end.', migrated: false },
      { kind: 'Crisis', writtenAt: '2026-11-20T18:00:00.000Z', author: 'Dana', text: 'Sat with her after a bad date.', migrated: false },
    ]);
    expect(await auditActions()).toEqual(['participant.note_added', 'participant.note_added', 'participant.sensitive_viewed']);
    expect(await lastAudit()).toMatchObject({ action: 'participant.sensitive_viewed', actorId: coordinator.id, details: { fields: ['notes'], entries: 2 } });
    // The words are in no audit row and nowhere in clear in the table.
    expect(await dumpTable('audit_event')).not.toMatch(/bad date|Texts the desk/);
    expect(await dumpTable('participant_note')).not.toMatch(/bad date|Texts the desk/);
    // Writing counts as activity for retention.
    expect((await db.participant.findUniqueOrThrow({ where: { id: p.id } })).lastActivityAt.toISOString()).toBe('2026-11-21T17:30:00.000Z');
  });

  it('refuses bad input beside its field, changing nothing', async () => {
    const coordinator = await makeActor('coordinator');
    const p = await makeParticipant(coordinator.id);
    await expectAppError(addNote(coordinator, { participantId: p.id, kindId: '', text: 'x' }), 'invalid', 'Choose what kind of note this is.');
    await expectAppError(addNote(coordinator, { participantId: p.id, kindId: await kindId('note'), text: '   ' }), 'invalid', 'Write the note.');
    await expectAppError(addNote(coordinator, { participantId: p.id, kindId: await kindId('note'), text: 'x'.repeat(4001) }), 'invalid', /4000 characters/);
    await expectAppError(addNote(coordinator, { participantId: '00000000-0000-4000-8000-000000000000', kindId: await kindId('note'), text: 'x' }), 'not_found');
    const manager = await makeActor('manager');
    const { id: retired } = await createNoteKind(manager, { name: 'Old kind' });
    await setNoteKindStatus(manager, { id: retired, status: 'retired' });
    await expectAppError(addNote(coordinator, { participantId: p.id, kindId: retired, text: 'x' }), 'invalid', 'Choose one of the kinds offered.');
    expect(await db.participantNote.count()).toBe(0);
  });

  it('refuses a de-identified or merged-away record', async () => {
    const coordinator = await makeActor('coordinator');
    const p = await makeParticipant(coordinator.id, { deidentifiedAt: new Date(), alias: null });
    await expectAppError(addNote(coordinator, { participantId: p.id, kindId: await kindId('note'), text: 'x' }), 'conflict', /de-identified/);
  });

  it('is append-only in the database: an entry cannot be rewritten, only its text erased', async () => {
    const coordinator = await makeActor('coordinator');
    const p = await makeParticipant(coordinator.id, { notes: 'First words' });
    const c = await rawClient();
    await expect(c.query(`UPDATE participant_note SET text_enc = '\\x00'::bytea`)).rejects.toThrow(/append-only/);
    await expect(c.query(`UPDATE participant_note SET written_at = now() - interval '1 day'`)).rejects.toThrow(/append-only/);
    await expect(c.query(`UPDATE participant_note SET author_id = NULL, migrated = true`)).rejects.toThrow(/append-only/);
    await c.query(`UPDATE participant_note SET text_enc = NULL WHERE participant_id = $1`, [p.id]);
    expect(await db.participantNote.count({ where: { textEnc: null } })).toBe(1);
  });

  for (const role of ROLES) {
    const writes = roleCan(role, 'participant:update');
    it(`${role}: ${writes ? 'may add an entry and read the list' : 'may neither add nor read an entry, and nothing is recorded'}`, async () => {
      const coordinator = await makeActor('coordinator');
      const p = await makeParticipant(coordinator.id, { notes: 'Existing words' });
      const actor = await makeActor(role);
      const input = { participantId: p.id, kindId: await kindId('note'), text: 'More words' };
      if (writes) {
        await addNote(actor, input);
        expect((await revealSensitive(actor, { id: p.id })).notes.map((n) => n.text)).toEqual(['More words', 'Existing words']);
        expect(await activeNoteKinds(actor)).toHaveLength(3);
      } else {
        await expectAppError(addNote(actor, input), 'forbidden');
        await expectAppError(revealSensitive(actor, { id: p.id }), 'forbidden');
        await expectAppError(activeNoteKinds(actor), 'forbidden');
        expect(await auditActions()).toEqual([]);
        expect(await db.participantNote.count()).toBe(1);
      }
    });
  }
});

describe('note kinds', () => {
  it('are the seeded three; a manager adds one and takes it out of use; "Note" stays in use', async () => {
    const manager = await makeActor('manager');
    expect((await listNoteKinds(manager)).map((k) => k.name)).toEqual(['Note', 'Crisis', 'Safety plan']);
    const { id } = await createNoteKind(manager, { name: 'Follow-up' });
    await expectAppError(createNoteKind(manager, { name: 'crisis' }), 'conflict', /already/);
    await setNoteKindStatus(manager, { id, status: 'retired' });
    expect((await activeNoteKinds(manager)).map((k) => k.name)).toEqual(['Note', 'Crisis', 'Safety plan']);
    await expectAppError(setNoteKindStatus(manager, { id: await kindId('note'), status: 'retired' }), 'conflict');
    expect(await auditActions()).toEqual(['note_kind.created', 'note_kind.retired']);
    await expectAppError(listNoteKinds(await makeActor('coordinator')), 'forbidden');
  });
});
