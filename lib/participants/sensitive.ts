import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { notFound } from '@/lib/errors.ts';
import { ParticipantIdSchema, parseOrRefuse } from './schema.ts';

// Safe contact and notes: encrypted at rest (AES-256-GCM) and bound to the record and column,
// read only on request by the roles allowed to, and every reading written to the audit log in
// the same transaction. Their text never goes to a log, an audit row or an error message.

export type SensitiveColumn = 'safe_contact' | 'notes';
export type SensitiveText = { safeContact: string | null; notes: string | null };

/** The associated data each ciphertext is bound to: a value moved to another row or column will not decrypt. */
export function sensitiveContext(participantId: string, column: SensitiveColumn): string {
  return `participant:${participantId}:${column}`;
}

/** The stored (encrypted) form of both fields for one record. */
export function encryptSensitive(participantId: string, text: SensitiveText) {
  return {
    safeContactEnc: encryptField(text.safeContact, sensitiveContext(participantId, 'safe_contact')),
    notesEnc: encryptField(text.notes, sensitiveContext(participantId, 'notes')),
  };
}

export function decryptSensitive(participantId: string, row: { safeContactEnc: Uint8Array | null; notesEnc: Uint8Array | null }): SensitiveText {
  return {
    safeContact: decryptField(row.safeContactEnc, sensitiveContext(participantId, 'safe_contact')),
    notes: decryptField(row.notesEnc, sensitiveContext(participantId, 'notes')),
  };
}

/**
 * Reveals one participant's safe contact and notes, writing `participant.sensitive_viewed` (with
 * the names of the fields that held text) in the same transaction: no audit row, no reading.
 * Roles with `participant:read_sensitive`.
 */
export async function revealSensitive(actor: Actor, input: unknown): Promise<SensitiveText> {
  assertCan(actor, 'participant:read_sensitive');
  const { id } = parseOrRefuse(ParticipantIdSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.participant.findUnique({ where: { id }, select: { safeContactEnc: true, notesEnc: true } });
    if (!row) throw notFound('That participant');
    const text = decryptSensitive(id, row);
    const fields = (['safeContact', 'notes'] as const).filter((k) => text[k] !== null);
    await recordAudit(tx, actor, 'participant.sensitive_viewed', { entityType: 'participant', entityId: id, details: { fields: [...fields] } });
    return text;
  });
}
