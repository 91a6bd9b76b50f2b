import 'server-only';
import type { Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { ENTRY_EXPIRED, VOIDED_REPLAY, type OutreachList } from './schema.ts';

// Shared by shifts and contacts: how a resent entry is answered, and the list checks. Internal:
// callers have checked the actor.

/**
 * The answer to an entry whose id is already stored: the same entry sent again (an offline queue's
 * resend, a double tap) is accepted once and not stored again; one voided since it was first sent is
 * refused, so the phone shows why instead of quietly dropping it; someone else's id is a forged
 * request. Returns whether the id was already stored.
 */
export async function answerReplay(tx: Tx, table: 'outreach_shift' | 'outreach_contact', id: string, actor: Actor): Promise<boolean> {
  const rows =
    table === 'outreach_shift'
      ? await tx.$queryRaw<{ createdById: string; voided: boolean }[]>`
        SELECT created_by_id::text AS "createdById", voided_at IS NOT NULL AS voided FROM outreach_shift WHERE id = ${id}::uuid`
      : await tx.$queryRaw<{ createdById: string; voided: boolean }[]>`
        SELECT created_by_id::text AS "createdById", voided_at IS NOT NULL AS voided FROM outreach_contact WHERE id = ${id}::uuid`;
  const row = rows[0];
  if (!row) return false;
  replayAnswer(actor, row);
  return true;
}

/** An entry sent again: fine from its author, unless voided since; from anyone else, a forged or stale form. */
export function replayAnswer(actor: Actor, earlier: { createdById: string; voided: boolean }): void {
  if (earlier.createdById !== actor.id) throw new AppError('conflict', ENTRY_EXPIRED);
  if (earlier.voided) throw new AppError('conflict', VOIDED_REPLAY);
}

/** Every id names an option of this list that is still in use; else a plain refusal beside `field`. */
export async function checkOptions(tx: Tx, list: OutreachList, ids: readonly string[], field: string, message: string): Promise<void> {
  if (!ids.length) return;
  const found = await tx.outreachOption.findMany({ where: { id: { in: [...ids] }, list, active: true }, select: { id: true } });
  if (found.length !== new Set(ids).size) throw new AppError('invalid', message, field);
}
