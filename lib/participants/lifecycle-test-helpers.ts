// Shared by the merge, retention and access-request data-layer tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import { makeParticipant as make, type ParticipantFields } from '@/lib/db/test/factories.ts';
import { db } from '@/lib/db/client.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { encryptSafeContact } from './sensitive.ts';
import { noteContext } from './notes.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

export { expectAppError, randomCode } from '@/lib/db/test/factories.ts';

type Extra = Omit<ParticipantFields, 'safeContactEnc' | 'notes'> & { safeContact?: string | null; notes?: string | null };

/** A participant record (the one factory), with sensitive text encrypted as the app does (notes: one dated entry). */
export async function makeParticipant(staffId: string, { safeContact = null, notes = null, ...data }: Extra = {}) {
  const id = randomUUID();
  await make(staffId, { id, alias: `Person ${id.slice(0, 6)}`, ...encryptSafeContact(id, safeContact), ...data });
  if (notes) await addNoteRow(id, staffId, notes);
  return db.participant.findUniqueOrThrow({ where: { id }, select: { id: true, code: true, alias: true } });
}

/** One dated note, as the app writes it (kind "note" unless given). */
export async function addNoteRow(participantId: string, authorId: string, text: string, kindKey = 'note', at = programNow()) {
  const id = randomUUID();
  const kind = await db.noteKind.findUniqueOrThrow({ where: { key: kindKey }, select: { id: true } });
  await db.participantNote.create({
    data: { id, participantId, kindId: kind.id, textEnc: encryptField(text, noteContext(id)), writtenAt: at, authorId },
    select: { id: true },
  });
  return id;
}

/** A drop-in visit with the given built-in services (by key), as the visits feature stores it. */
export async function logVisit(staffId: string, participantId: string | null, at = programNow(), services: Record<string, number> = {}, voided = false) {
  const types = await db.serviceType.findMany({ where: { key: { in: Object.keys(services) } }, select: { id: true, key: true } });
  const day = localDay(at);
  const id = randomUUID();
  return db.visit.create({
    data: {
      id,
      participantId,
      visitedAt: at,
      visitDate: new Date(`${day}T00:00:00Z`),
      idempotencyKey: randomUUID(),
      createdById: staffId,
      ...(voided ? { voidedAt: programNow(), voidedById: staffId, voidReasonEnc: encryptField('Logged for the wrong person', `visit:${id}:void_reason`) } : {}),
      services: { create: types.map((t) => ({ serviceTypeId: t.id, quantity: services[t.key!]! })) },
    },
    select: { id: true },
  });
}

export function participantRow(id: string) {
  return db.participant.findUniqueOrThrow({ where: { id } });
}

/** Every row of a table as PostgreSQL writes it out as text (bytea as hex), the way a dump shows it. */
export async function dumpTable(table: string): Promise<string> {
  const c = await rawClient();
  const { rows } = await c.query<{ line: string }>(`SELECT t::text AS line FROM ${table} t`);
  return rows.map((r) => r.line).join('\n');
}

/** Waits until `n` backends of this database are blocked on a lock. */
export async function waitForBlocked(n: number): Promise<void> {
  const c = await rawClient();
  for (let i = 0; i < 200; i++) {
    await c.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0]!.n >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`expected ${n} blocked transactions`);
}
