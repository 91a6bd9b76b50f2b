import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { dbErrorCode, AppError, notFound } from '@/lib/errors.ts';
import { participantReferences } from './access-request.ts';
import { PARTICIPANT_NOT_FOUND } from './schema.ts';
import { MERGE_ANSWER_SELECT, mergedAnswers, mergedSensitive, TOMBSTONE } from './merge-rules.ts';
import { insertNote, plainNoteKindId } from './notes.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { uuidOf, parseOrRefuse } from '@/lib/validation.ts';

// Merging two records of the same person: everything attached to the merged record moves to the
// kept one, in one transaction. References are found in the catalog (every foreign key to
// participant), so later features' tables move without a change here.

export type MergeIds = { keptId: string; mergedId: string };

/**
 * A table that allows a row only once per person (a unique key including the participant column)
 * may hold one for each record, and both cannot point at the kept record. Without a rule here such
 * a merge is refused with a plain message naming the table. A rule's `resolveDuplicates` runs
 * first, inside the transaction, and must keep the kept record's row and void or remove the merged
 * record's duplicate (e.g. "counted once per session": drop the merged record's attendance row).
 */
export type MergeRule = { label: string; resolveDuplicates?: (tx: Tx, ids: MergeIds) => Promise<void> };
export const MERGE_RULES: Record<string, MergeRule> = {
  participant: { label: 'records merged earlier' },
  visit: { label: 'drop-in visits' },
  // Counted once per session: where both records came to the same session, the kept record's row stays.
  attendance: {
    label: 'program attendance',
    resolveDuplicates: async (tx, { keptId, mergedId }) => {
      await tx.$executeRaw`DELETE FROM attendance m USING attendance k
        WHERE m.participant_id = ${mergedId}::uuid AND k.participant_id = ${keptId}::uuid AND k.session_id = m.session_id`;
    },
  },
};

const recordId = uuidOf(PARTICIPANT_NOT_FOUND);
export const MergeSchema = z.object({ keptId: recordId, mergedId: recordId });

function parse(input: unknown): MergeIds {
  const ids = parseOrRefuse(MergeSchema, input, () => undefined);
  if (ids.keptId === ids.mergedId) throw new AppError('invalid', 'A record cannot be merged with itself. Choose another record.');
  return ids;
}

export type MergeCandidate = {
  id: string;
  alias: string | null;
  code: string;
  visitCount: number;
  lastSeenAt: string | null;
  createdAt: string;
  /** Whether sensitive text is held; the text itself stays off the merge page. */
  hasSafeContact: boolean;
  hasNotes: boolean;
  mergedIntoId: string | null;
  deidentified: boolean;
};

/** One record as the merge page compares it; null when the id is unknown or malformed. Coordinators and managers (`participant:merge`). */
export async function getMergeCandidate(actor: Actor, id: unknown): Promise<MergeCandidate | null> {
  assertCan(actor, 'participant:merge');
  const parsed = recordId.safeParse(id);
  if (!parsed.success) return null;
  // Whether sensitive text is held is asked of the database; the ciphertext stays there.
  const [row] = await db.$queryRaw<(Omit<MergeCandidate, 'lastSeenAt' | 'createdAt'> & { lastSeenAt: Date | null; createdAt: Date })[]>`
    SELECT id::text AS id, alias, code, visit_count AS "visitCount", last_seen_at AS "lastSeenAt", created_at AS "createdAt",
           safe_contact_enc IS NOT NULL AS "hasSafeContact", EXISTS (SELECT 1 FROM participant_note n WHERE n.participant_id = participant.id) AS "hasNotes",
           merged_into_id::text AS "mergedIntoId", deidentified_at IS NOT NULL AS deidentified
    FROM participant WHERE id = ${parsed.data}::uuid`;
  if (!row) return null;
  return { ...row, lastSeenAt: row.lastSeenAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
}

// A unique or exclusion constraint, or a check a later feature's trigger raises, refusing the move.
const UNIQUE_VIOLATIONS = ['P2002', '23505', '23P01', 'P2039'];
const CHECK_VIOLATION = '23514';
const tableLabel = (table: string) => MERGE_RULES[table]?.label ?? table.replaceAll('_', ' ');

/** Locks both rows in id order, so two merges sharing a record queue instead of deadlocking. */
async function lockPair(tx: Tx, { keptId, mergedId }: MergeIds) {
  await tx.$queryRaw`SELECT id FROM participant WHERE id IN (${keptId}::uuid, ${mergedId}::uuid) ORDER BY id FOR UPDATE`;
  const rows = await tx.participant.findMany({ where: { id: { in: [keptId, mergedId] } }, select: MERGE_ANSWER_SELECT });
  const kept = rows.find((r) => r.id === keptId);
  const merged = rows.find((r) => r.id === mergedId);
  if (!kept || !merged) throw notFound('That participant');
  for (const r of [kept, merged]) {
    if (r.mergedIntoId) throw new AppError('conflict', `Record ${r.code} was already merged into another record. Open that record instead.`);
    if (r.deidentifiedAt) throw new AppError('conflict', `Record ${r.code} was de-identified and can no longer be merged.`);
  }
  return { kept, merged };
}

/** Points every reference to the merged record at the kept one; returns "table.column" → rows moved. */
async function moveReferences(tx: Tx, ids: MergeIds): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const ref of await participantReferences(tx)) {
    await MERGE_RULES[ref.table]?.resolveDuplicates?.(tx, ids);
    try {
      // Identifiers are quoted by PostgreSQL's format('%I'); the ids are bound parameters.
      const n = await tx.$executeRawUnsafe(
        `UPDATE ${ref.qualifiedTable} SET ${ref.quotedColumn} = $1::uuid WHERE ${ref.quotedColumn} = $2::uuid`,
        ids.keptId,
        ids.mergedId,
      );
      if (n) moved[`${ref.table}.${ref.column}`] = n;
    } catch (error) {
      const code = dbErrorCode(error) ?? '';
      const what = UNIQUE_VIOLATIONS.includes(code) ? ' that can be recorded only once per person, so they' : code === CHECK_VIOLATION ? ' that' : null;
      if (what === null) throw error;
      throw new AppError('conflict', `Both records have ${tableLabel(ref.table)}${what} cannot be combined automatically. Nothing was merged.`);
    }
  }
  return moved;
}

/**
 * Merges `mergedId` into `keptId`: moves everything attached, fills the kept record's "not asked"
 * answers from the merged one (its dated notes move with the rest; a differing safe contact becomes
 * a note on the kept record), and leaves the merged record as an empty pointer to the kept one.
 * Coordinators and managers (`participant:merge`).
 */
export async function mergeParticipants(actor: Actor, input: unknown): Promise<{ keptId: string; moved: number }> {
  assertCan(actor, 'participant:merge');
  const ids = parse(input);
  return db.$transaction(async (tx) => {
    const { kept, merged } = await lockPair(tx, ids);
    const moved = await moveReferences(tx, ids);
    const answers = mergedAnswers(kept, merged);
    const now = programNow();
    const sensitive = mergedSensitive(kept, merged, now);
    const lastActivityAt = kept.lastActivityAt > merged.lastActivityAt ? kept.lastActivityAt : merged.lastActivityAt;
    await tx.participant.update({ where: { id: merged.id }, data: { ...TOMBSTONE, mergedIntoId: kept.id }, select: { id: true } });
    await tx.participant.update({ where: { id: kept.id }, data: { ...answers, ...sensitive.update, lastActivityAt }, select: { id: true } });
    // The merged record's notes moved with its other rows (moveReferences); a differing safe contact becomes one more.
    const carriedNoteId = sensitive.carriedNote
      ? await insertNote(tx, actor, { participantId: kept.id, kindId: await plainNoteKindId(tx), text: sensitive.carriedNote, at: now })
      : null;
    await recordAudit(tx, actor, 'participant.merged', {
      entityType: 'participant',
      entityId: kept.id,
      details: {
        keptId: kept.id,
        mergedId: merged.id,
        filled: Object.keys(answers).filter((k) => !k.endsWith('State')),
        carriedNoteId,
        moved: Object.entries(moved).map(([k, n]) => `${k}:${n}`),
      },
    });
    return { keptId: kept.id, moved: Object.values(moved).reduce((a, b) => a + b, 0) };
  });
}
