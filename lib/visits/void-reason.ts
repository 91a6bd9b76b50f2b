import { decryptField } from '@/lib/crypto/fields.ts';

// A visit's void reason is free text that may name someone ("logged for the wrong person — Robin"):
// encrypted at rest (issue 18), bound to the visit, and emptied when the person is de-identified.

export const voidReasonContext = (visitId: string) => `visit:${visitId}:void_reason`;

/** The words to show beside a voided visit; a plain note once they were erased. */
export function readVoidReason(visitId: string, stored: Uint8Array | null): string {
  return decryptField(stored, voidReasonContext(visitId)) ?? 'reason removed';
}
