import 'server-only';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { lockStay, TX_OPTIONS } from './hold.ts';
import { LogEntrySchema, parseStayInput, StayIdSchema } from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';

// The staff log of a stay: welfare checks and shift handover notes, with time and staff member.
// The text is sensitive: encrypted at rest, bound to its entry, and every reading is audited.

export const logContext = (entryId: string) => `stay_log_entry:${entryId}:text`;

export type LogEntry = { id: string; kind: 'welfare_check' | 'handover'; at: Date; staff: string; text: string | null };

/**
 * Writes a welfare check or a handover note on a stay in progress. Outreach workers, coordinators
 * and managers (`stay:manage`). A stay not checked in gets a plain refusal and nothing is written.
 */
export async function addLogEntry(actor: Actor, input: unknown): Promise<{ entryId: string }> {
  assertCan(actor, 'stay:manage');
  const data = parseStayInput(LogEntrySchema, input);
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    const s = await lockStay(tx, data.stayId);
    if (s.status !== 'checked_in') {
      throw new AppError('conflict', 'Welfare checks and handover notes are written while the guest is in the suite (checked in).');
    }
    await tx.stayLogEntry.create({
      data: {
        id,
        stayId: s.id,
        participantId: s.participantId,
        kind: data.kind,
        textEnc: encryptField(data.text, logContext(id)),
        at: programNow(),
        staffId: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, data.kind === 'welfare_check' ? 'stay.welfare_checked' : 'stay.handover_noted', {
      entityType: 'stay',
      entityId: s.id,
      details: { entryId: id, withText: data.text !== '' },
    });
  }, TX_OPTIONS);
  return { entryId: id };
}

/**
 * A stay's log with its text, newest first, writing `stay.log_viewed` in the same transaction: no
 * audit row, no reading. Roles that see stays (`stay:read`; never peer).
 */
export async function readStayLog(actor: Actor, input: unknown): Promise<LogEntry[]> {
  assertCan(actor, 'stay:read');
  const { stayId } = parseStayInput(StayIdSchema, input);
  return db.$transaction(async (tx) => {
    const rows = await tx.stayLogEntry.findMany({
      where: { stayId },
      select: { id: true, kind: true, at: true, textEnc: true, staff: { select: { displayName: true } } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
    });
    if (rows.length > 0) {
      await recordAudit(tx, actor, 'stay.log_viewed', { entityType: 'stay', entityId: stayId, details: { entries: rows.length } });
    }
    return rows.map((r) => ({ id: r.id, kind: r.kind, at: r.at, staff: r.staff.displayName, text: decryptField(r.textEnc, logContext(r.id)) }));
  });
}
