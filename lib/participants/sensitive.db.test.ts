import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { auditActions, expectAppError, lastAudit } from '@/lib/staff/test-helpers.ts';
import { createParticipant, updateParticipant } from './mutations.ts';
import { revealSensitive } from './sensitive.ts';
import { addNote } from './notes.ts';

const SAFE = 'Text Ruby only after 6pm, never call';
const NOTES = 'Prefers the side door; allergic to latex';

async function withSensitive() {
  const coordinator = await makeActor('coordinator');
  const { id } = await createParticipant(coordinator, { alias: 'Ruby', consent: 'on', safeContact: SAFE, notes: NOTES });
  return { coordinator, id };
}

/** `COPY … TO STDOUT`, what pg_dump runs for each table's data, read off the wire as text. */
function copyOut(client: pg.Client, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let failure: Error | undefined;
    const ignore = () => {};
    client.query({
      submit: (connection: { query(text: string): void }) => connection.query(sql),
      handleCopyData: (msg: { chunk: Buffer }) => chunks.push(msg.chunk),
      handleError: (e: Error) => (failure = e),
      handleReadyForQuery: () => (failure ? reject(failure) : resolve(Buffer.concat(chunks).toString('utf8'))),
      handleCommandComplete: ignore,
      handleRowDescription: ignore,
      handleDataRow: ignore,
      handleEmptyQuery: ignore,
      handlePortalSuspended: ignore,
      handleCopyInResponse: ignore,
    } as never);
  });
}

/** The table as text, three ways: every row and column, a dump, and the stored bytes themselves (in case they were never encrypted). */
async function dumpParticipants(): Promise<string> {
  const c = await rawClient();
  const rows = (await c.query<Record<string, unknown>>('SELECT * FROM participant')).rows;
  const notes = (await c.query<Record<string, unknown>>('SELECT * FROM participant_note')).rows;
  const bytes = [...rows.flatMap((r) => [r.safe_contact_enc, r.notes_enc]), ...notes.map((r) => r.text_enc)].map((b) =>
    b instanceof Buffer ? b.toString('utf8') : '',
  );
  return [
    JSON.stringify(rows),
    JSON.stringify(notes),
    await copyOut(c, 'COPY participant TO STDOUT'),
    await copyOut(c, 'COPY participant_note TO STDOUT'),
    ...bytes,
  ].join('\n');
}

describe('sensitive fields at rest', () => {
  it('never appear in plaintext in the table, nor in a dump of it, nor in the audit log', async () => {
    await withSensitive();
    const dump = await dumpParticipants();
    expect(dump).toContain('Ruby'); // the alias is plain text: the dump is real
    expect(dump).toMatch(/participant_id/); // and the notes table is in it
    for (const secret of ['Ruby only', 'side door', 'latex', SAFE, NOTES]) expect(dump).not.toContain(secret);
    const audit = JSON.stringify(await db.auditEvent.findMany({ select: { action: true, entityId: true, details: true } }));
    for (const secret of ['Ruby', 'side door', 'latex']) expect(audit).not.toContain(secret);
  });

  it('are bound to their record and column: a ciphertext moved elsewhere does not decrypt', async () => {
    const { coordinator, id } = await withSensitive();
    const c = await rawClient();
    await c.query('UPDATE participant SET safe_contact_enc = (SELECT text_enc FROM participant_note WHERE participant_id = $1) WHERE id = $1', [id]);
    await expect(revealSensitive(coordinator, { id })).rejects.toThrow();
    expect(await auditActions()).toEqual(['participant.created']);
  });
});

describe('revealSensitive', () => {
  it('returns the text and writes participant.sensitive_viewed in the same request', async () => {
    const { coordinator, id } = await withSensitive();
    expect(await revealSensitive(coordinator, { id })).toEqual({
      safeContact: SAFE,
      notes: [expect.objectContaining({ kind: 'Note', text: NOTES, author: coordinator.displayName, migrated: false })],
    });
    expect(await lastAudit()).toMatchObject({
      action: 'participant.sensitive_viewed',
      actorId: coordinator.id,
      entityType: 'participant',
      entityId: id,
      details: { fields: ['safeContact', 'notes'], entries: 1 },
    });
    await updateParticipant(coordinator, { id, alias: 'Ruby', sensitive: 'replace', safeContact: '' });
    const kind = await db.noteKind.findUniqueOrThrow({ where: { key: 'crisis' }, select: { id: true } });
    await addNote(coordinator, { participantId: id, kindId: kind.id, text: 'Only notes now' });
    expect((await revealSensitive(coordinator, { id })).notes.map((n) => [n.kind, n.text])).toEqual([
      ['Crisis', 'Only notes now'],
      ['Note', NOTES],
    ]);
    expect((await lastAudit()).details).toEqual({ fields: ['notes'], entries: 2 });
    // The edit form's reveal reads the safe contact alone, and says so.
    expect(await revealSensitive(coordinator, { id }, { withNotes: false })).toEqual({ safeContact: null, notes: [] });
    expect((await lastAudit()).details).toEqual({ fields: [], entries: 0 });
  });

  it('answers "not found" for an unknown or malformed id, recording nothing', async () => {
    const { coordinator } = await withSensitive();
    await expectAppError(revealSensitive(coordinator, { id: '00000000-0000-4000-8000-000000000000' }), 'not_found');
    await expectAppError(revealSensitive(coordinator, { id: 'x' }), 'invalid', 'That participant was not found.');
    expect(await auditActions()).toEqual(['participant.created']);
  });

  for (const role of ROLES) {
    it(`${role}: ${roleCan(role, 'participant:read_sensitive') ? 'may reveal' : 'is refused, and nothing is recorded as viewed'}`, async () => {
      const { id } = await withSensitive();
      const actor = await makeActor(role);
      if (roleCan(role, 'participant:read_sensitive')) {
        expect((await revealSensitive(actor, { id })).notes[0]!.text).toBe(NOTES);
        expect(await auditActions()).toEqual(['participant.created', 'participant.sensitive_viewed']);
      } else {
        await expectAppError(revealSensitive(actor, { id }), 'forbidden');
        expect(await auditActions()).toEqual(['participant.created']);
      }
    });
  }
});
