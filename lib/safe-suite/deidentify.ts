import 'server-only';
import type { Tx } from '@/lib/db/client.ts';

/**
 * Retention hook (lib/participants/retention.ts): a de-identified person's stay log loses its
 * text. The entries stay (when, which kind, by whom) so a stay's history and the nights counted
 * do not change; what was written about the person goes.
 */
export async function eraseStayLogText(tx: Tx, participantIds: string[]): Promise<void> {
  if (participantIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE stay_log_entry SET text_enc = NULL
    WHERE text_enc IS NOT NULL AND participant_id = ANY(${participantIds}::uuid[])`;
}
