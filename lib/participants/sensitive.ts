import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { notFound } from '@/lib/errors.ts';
import { ParticipantIdSchema, parseOrRefuse } from './schema.ts';
import { notesWithText, type NoteEntry } from './notes.ts';

// Safe contact and notes: encrypted at rest (AES-256-GCM) and bound to the record (the safe
// contact) or the entry (each note, ./notes.ts), read only on request by the roles allowed to, and
// every reading written to the audit log in the same transaction. Their text never goes to a log,
// an audit row or an error message.

export type SensitiveColumn = 'safe_contact' | 'notes';

/** The associated data each ciphertext is bound to: a value moved to another row or column will not decrypt. */
export function sensitiveContext(participantId: string, column: SensitiveColumn): string {
  return `participant:${participantId}:${column}`;
}

/** The stored (encrypted) safe contact of one record. */
export function encryptSafeContact(participantId: string, safeContact: string | null) {
  return { safeContactEnc: encryptField(safeContact, sensitiveContext(participantId, 'safe_contact')) };
}

export function decryptSafeContact(participantId: string, row: { safeContactEnc: Uint8Array | null }): string | null {
  return decryptField(row.safeContactEnc, sensitiveContext(participantId, 'safe_contact'));
}

export type Revealed = { safeContact: string | null; notes: NoteEntry[] };

/**
 * Reveals one participant's safe contact and dated notes (newest first), writing
 * `participant.sensitive_viewed` (the names of the fields that held text, and how many entries)
 * in the same transaction: no audit row, no reading. `withNotes: false` (the edit form) reads the
 * safe contact alone. Roles with `participant:read_sensitive`.
 */
export async function revealSensitive(actor: Actor, input: unknown, { withNotes = true } = {}): Promise<Revealed> {
  assertCan(actor, 'participant:read_sensitive');
  const { id } = parseOrRefuse(ParticipantIdSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.participant.findUnique({ where: { id }, select: { safeContactEnc: true } });
    if (!row) throw notFound('That participant');
    const safeContact = decryptSafeContact(id, row);
    const notes = withNotes ? await notesWithText(tx, id) : [];
    const fields = [...(safeContact !== null ? ['safeContact'] : []), ...(notes.length ? ['notes'] : [])];
    await recordAudit(tx, actor, 'participant.sensitive_viewed', { entityType: 'participant', entityId: id, details: { fields, entries: notes.length } });
    return { safeContact, notes };
  });
}
