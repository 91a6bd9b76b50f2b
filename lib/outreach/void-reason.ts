import { decryptField } from '@/lib/crypto/fields.ts';

// A contact's void reason may name someone ("logged the wrong person"): encrypted at rest (issue 18),
// bound to the contact, and emptied when the person is de-identified. A shift's stays in clear: a
// shift has no person on it (lib/privacy/free-text-inventory.ts).

export const contactVoidContext = (contactId: string) => `outreach_contact:${contactId}:void_reason`;

/** The words to show beside a voided contact; a plain note once they were erased. */
export function readContactVoidReason(contactId: string, stored: Uint8Array | null): string {
  return decryptField(stored, contactVoidContext(contactId)) ?? 'reason removed';
}
