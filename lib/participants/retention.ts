import 'server-only';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit, type AuditActor } from '@/lib/audit/record.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { monthsBefore, programNow } from '@/lib/calendar/index.ts';
import { unlinkReporters } from '@/lib/alerts/retention.ts';
import { erasePersonLinkedText } from '@/lib/privacy/erase.ts';

// Retention: a record with no activity for `retention.months` is de-identified. What could name
// the person goes (alias, notes, safe contact, pronouns, language, home community, self-described
// gender words); the code, birth year, gender category, Indigenous identity and travelling stay,
// and visits stay attached, so past statistics do not change. Answer states stay too: a report
// may still count that a question was answered, never what the answer was.

/** `npm run retention` (scripts/retention.ts): whoever holds DATABASE_URL; there is no role to check. */
export const OPERATOR = 'operator' as const;
export type RetentionRunner = Actor | typeof OPERATOR;

/** Records per transaction, so a run over 50,000 records never holds one giant lock. */
export const RETENTION_BATCH = 500;

/**
 * What else goes for the records being de-identified. Every text column linked to a person (a
 * stay's log, a referral's reason, summary and outcome, a void reason…) is erased from the one
 * inventory (lib/privacy/free-text-inventory.ts); a feature adds a hook for anything else (alerts
 * cut the reporter link). Each runs inside the batch's transaction, with the ids of that batch,
 * after the participant rows are erased.
 */
export const DEIDENTIFY_HOOKS: ((tx: Tx, participantIds: string[]) => Promise<void>)[] = [erasePersonLinkedText, unlinkReporters];

/** Records whose last activity is before this instant are due: `months` calendar months before now, in program time. */
export function retentionCutoff(now: Date, months: number): Date {
  return monthsBefore(now, months);
}

const due = (cutoff: Date): Prisma.ParticipantWhereInput => ({ deidentifiedAt: null, mergedIntoId: null, lastActivityAt: { lt: cutoff } });

const ERASED = {
  alias: null,
  safeContactEnc: null,
  notesEnc: null,
  pronouns: null,
  language: null,
  homeCommunity: null,
  genderSelfDescribed: null,
} as const satisfies Prisma.ParticipantUpdateManyMutationInput;

function authorize(runner: RetentionRunner): { audit: AuditActor; via: string } {
  if (runner === OPERATOR) return { audit: null, via: 'command' };
  assertCan(runner, 'retention:run');
  return { audit: runner, via: 'settings' };
}

export type RetentionPreview = { months: number; cutoff: Date; count: number };

/** How many records a run now would de-identify (a count, never who). Managers (`retention:run`) and the operator command. */
export async function previewRetention(runner: RetentionRunner, now = programNow()): Promise<RetentionPreview> {
  authorize(runner);
  const months = await getSetting('retention.months');
  const cutoff = retentionCutoff(now, months);
  return { months, cutoff, count: await db.participant.count({ where: due(cutoff) }) };
}

/** One transaction: up to `size` due records, locked (skipping any another run holds), erased and audited. */
type Batch = { cutoff: Date; now: Date; size: number; months: number; who: { audit: AuditActor; via: string } };

async function deidentifyBatch({ cutoff, now, size, months, who }: Batch): Promise<number> {
  return db.$transaction(async (tx) => {
    // Re-checked under the lock: a visit logged meanwhile moves last_activity_at past the cutoff.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM participant
      WHERE deidentified_at IS NULL AND merged_into_id IS NULL AND last_activity_at < ${cutoff}
      ORDER BY id LIMIT ${size} FOR UPDATE SKIP LOCKED`;
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx.participant.updateMany({ where: { id: { in: ids } }, data: { ...ERASED, deidentifiedAt: now } });
    for (const hook of DEIDENTIFY_HOOKS) await hook(tx, ids);
    // One event per record (found by the audit log's record filter), written in one statement.
    await tx.auditEvent.createMany({
      data: ids.map((id) => ({
        actorId: who.audit?.id ?? null,
        actorRole: who.audit?.role ?? null,
        action: 'participant.deidentified',
        entityType: 'participant',
        entityId: id,
        details: { months, via: who.via },
      })),
    });
    return ids.length;
  });
}

/**
 * De-identifies every record with no activity since the cutoff, `batchSize` per transaction, then
 * writes one `retention.ran` event with the count. Managers (`retention:run`) and the operator command.
 */
export async function runRetention(
  runner: RetentionRunner,
  { now = programNow(), batchSize = RETENTION_BATCH }: { now?: Date; batchSize?: number } = {},
): Promise<RetentionPreview & { batches: number }> {
  const who = authorize(runner);
  const months = await getSetting('retention.months');
  const cutoff = retentionCutoff(now, months);
  let count = 0;
  let batches = 0;
  for (;;) {
    const done = await deidentifyBatch({ cutoff, now, size: batchSize, months, who });
    if (done === 0) break;
    count += done;
    batches += 1;
  }
  await db.$transaction((tx) =>
    recordAudit(tx, who.audit, 'retention.ran', { entityType: 'retention', details: { count, months, batches, via: who.via, cutoff: cutoff.toISOString() } }),
  );
  return { months, cutoff, count, batches };
}
