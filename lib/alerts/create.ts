import 'server-only';
import { randomUUID } from 'node:crypto';
import { subYears } from 'date-fns';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { parseOrRefuse } from '@/lib/validation.ts';
import { REPORTER_NOT_FOUND, ReportSchema } from './schema.ts';
import { encryptDetails, fittingText, reportTokens } from './stored.ts';
import { dateOnly, localDay, programNow } from '@/lib/calendar/index.ts';

// Taking a bad date report, with the person or from a paper form.

export const FUTURE_DATE = 'The date it happened cannot be in the future.';
export const TOO_OLD = 'That date is more than 5 years ago. Check the year.';

/** Reports received earlier whose whole plate or phone number equals this one's. */
export async function earlierMatches(client: Tx | typeof db, id: string, key: string[]): Promise<string[]> {
  if (key.length === 0) return [];
  const rows = await client.alertReport.findMany({
    where: { id: { not: id }, keyTokens: { hasSome: key } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: 50,
  });
  return rows.map((r) => r.id);
}

async function checkReporter(tx: Tx, reporterId: string | null) {
  if (!reporterId) return;
  const p = await tx.participant.findUnique({ where: { id: reporterId }, select: { deidentifiedAt: true, mergedIntoId: true } });
  if (!p || p.deidentifiedAt || p.mergedIntoId) throw new AppError('invalid', REPORTER_NOT_FOUND, 'reporter');
}

/**
 * Records a new report (status new). The text fields are encrypted, only those that fit how the
 * person was working are kept, and a report sharing a whole plate or phone number with an earlier
 * one is flagged as a possible repeat (returned as a count). Staff who take reports (`alert:report`).
 */
export async function createReport(actor: Actor, input: unknown, now = programNow()): Promise<{ id: string; possibleRepeats: number }> {
  assertCan(actor, 'alert:report');
  const data = parseOrRefuse(ReportSchema, input);
  const today = localDay(now);
  if (data.incidentDate > today) throw new AppError('invalid', FUTURE_DATE, 'incidentDate');
  if (data.incidentDate < localDay(subYears(now, 5))) throw new AppError('invalid', TOO_OLD, 'incidentDate');
  const id = randomUUID();
  const text = fittingText(data.mode, data);
  const privateFields = data.private.filter((f) => text[f as keyof typeof text] !== null);
  const tokens = reportTokens(text, privateFields);
  return db.$transaction(async (tx) => {
    await checkReporter(tx, data.reporter);
    await tx.alertReport.create({
      data: {
        id,
        incidentDate: dateOnly(data.incidentDate),
        timeOfDay: data.timeOfDay,
        mode: data.mode,
        venue: data.mode === 'indoor_outcall' ? data.venue : null,
        types: data.types,
        detailsEnc: encryptDetails(id, text),
        privateFields,
        ...tokens,
        reporterId: data.reporter,
        wantsFollowUp: data.wantsFollowUp,
        policeConsent: data.policeConsent,
        receivedOn: dateOnly(today),
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    if (data.reporter) await tx.participant.update({ where: { id: data.reporter }, data: { lastActivityAt: now }, select: { id: true } });
    const repeats = await earlierMatches(tx, id, tokens.keyTokens);
    await recordAudit(tx, actor, 'alert.reported', {
      entityType: 'alert_report',
      entityId: id,
      details: { mode: data.mode, types: data.types, anonymous: data.reporter === null, possibleRepeatOf: repeats },
    });
    return { id, possibleRepeats: repeats.length };
  });
}
