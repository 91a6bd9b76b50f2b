import 'server-only';
import type { z } from 'zod';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { changedFields, diffServices, visitChangeProblem, visitTimeProblem, type ServiceLine } from './rules.ts';
import {
  FORM_EXPIRED,
  LogVisitSchema,
  PARTICIPANT_DEIDENTIFIED,
  SERVICE_NOT_FOUND,
  UpdateVisitSchema,
  visitField,
  VoidVisitSchema,
  type LogVisitInput,
} from './schema.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { participantRefusal } from '@/lib/participants/lock.ts';
import { voidReasonContext } from './void-reason.ts';
import { formatLocal, localDay, programNow } from '@/lib/calendar/index.ts';
import { parseOrRefuse } from '@/lib/validation.ts';

export type { LogVisitInput };

// Writes to drop-in visits, each in one transaction with its audit row. Visits are voided with a
// reason, never deleted (a trigger refuses DELETE); a trigger keeps the participant's visit count
// and last visit in step. Audit details carry ids and field names only.

/** The data layer validates too: a caller that skipped the form still gets a plain refusal beside the right field. */
export const parseVisitInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseOrRefuse(schema, input, visitField);

type LineRefusal = { refused: 'service_not_found' | 'service_inactive' | 'service_quantity'; serviceTypeId: string; name: string | null };

/** The plain message and field for each refusal of service_lines_refusal (log_visit asks it too). */
function lineRefusal(answer: LineRefusal): AppError {
  switch (answer.refused) {
    case 'service_not_found':
      return new AppError('invalid', SERVICE_NOT_FOUND, 'services');
    case 'service_inactive':
      return new AppError('invalid', `${answer.name} is no longer offered. Reload the page and try again.`, 'services');
    case 'service_quantity':
      return new AppError('invalid', `${answer.name} is counted once per visit; only supplies have a quantity.`, `quantity.${answer.serviceTypeId}`);
  }
}

/**
 * Every line names a known type; new lines only types still offered (`alreadyOnVisit` may stay);
 * only supplies carry a quantity above 1. The database function service_lines_refusal is the one
 * check, the same log_visit makes, in one round trip.
 */
async function checkServices(tx: Tx, lines: ServiceLine[], alreadyOnVisit: readonly string[] = []): Promise<void> {
  if (!lines.length) return;
  const [row] = await tx.$queryRaw<{ answer: LineRefusal | null }[]>`
    SELECT service_lines_refusal(${JSON.stringify(lines)}::jsonb, ${[...alreadyOnVisit]}::uuid[]) AS answer`;
  if (row?.answer) throw lineRefusal(row.answer);
}

type LogVisitAnswer =
  | { visitId: string; duplicate: boolean; createdById: string; refused?: undefined }
  | { refused: 'participant_not_found' | 'participant_deidentified' | 'participant_merged' }
  | LineRefusal;

/** The plain message and field for each refusal log_visit gives: the person (lib/participants/lock.ts's words), or a line. */
function logVisitRefusal(answer: Extract<LogVisitAnswer, { refused: string }>): AppError {
  if ('serviceTypeId' in answer) return lineRefusal(answer);
  return participantRefusal(answer.refused, PARTICIPANT_DEIDENTIFIED)!;
}

/**
 * Logs a drop-in visit. Anyone who logs visits (`visit:create`). A second call with the same
 * idempotency key (a double click, a network retry) returns the first visit with `duplicate: true`
 * and writes nothing: the unique constraint on the key decides, not a look-up before the insert.
 * The checks and writes run in one database call, `log_visit` (migration
 * 20261121055000_single_statement_writes): the desk's busiest write makes one round trip, not seven.
 */
export async function logVisit(actor: Actor, input: LogVisitInput): Promise<{ visitId: string; duplicate: boolean }> {
  assertCan(actor, 'visit:create');
  const data = parseVisitInput(LogVisitSchema, input);
  const now = programNow();
  const visitedAt = data.visitedAt ?? now;
  const timeProblem = visitTimeProblem(visitedAt, now);
  if (timeProblem) throw new AppError('invalid', timeProblem, 'visitedAt');
  // A person already in today is asked first ("add to that visit" is addToVisit, same-day.ts).
  if (data.sameDay === 'ask' && data.participantId && localDay(visitedAt) === localDay(now)) {
    const earlier = await firstVisitToday(data.participantId, localDay(now), data.idempotencyKey);
    if (earlier) throw new AppError('conflict', alreadyInMessage(earlier.visitedAt), 'sameDay');
  }
  const [row] = await db.$queryRaw<{ answer: LogVisitAnswer }[]>`
    SELECT log_visit(${data.participantId}::uuid, ${visitedAt}, ${localDay(visitedAt)}::date, ${data.idempotencyKey}::uuid,
                     ${actor.id}::uuid, ${actor.role}::"Role", ${JSON.stringify(data.services)}::jsonb, ${!!data.visitedAt}) AS answer`;
  const answer = row!.answer;
  if (answer.refused) throw logVisitRefusal(answer);
  // A key is a random uuid held by one browser tab; someone else's key is a forged request.
  if (answer.duplicate && answer.createdById !== actor.id) throw new AppError('conflict', FORM_EXPIRED);
  return { visitId: answer.visitId, duplicate: answer.duplicate };
}

export /**
 * The person's latest visit on this program day that is still counted, other than the one this
 * key already saved (a retry of a save that went through returns that visit, it is not asked).
 */
async function firstVisitToday(participantId: string, date: string, key: string): Promise<{ visitedAt: Date } | null> {
  const [row] = await db.$queryRaw<{ visitedAt: Date }[]>`
    SELECT visited_at AS "visitedAt" FROM visit
    WHERE participant_id = ${participantId}::uuid AND visit_date = ${date}::date AND voided_at IS NULL AND idempotency_key <> ${key}::uuid
    ORDER BY visited_at DESC LIMIT 1`;
  return row ?? null;
}

/** The question the desk answers when the person already has a visit today. */
export function alreadyInMessage(visitedAt: Date): string {
  return `Already in today at ${formatLocal(visitedAt, 'HH:mm')}. Choose Add to that visit or New visit.`;
}

type LockedVisit = {
  createdById: string;
  createdAt: Date;
  voidedAt: Date | null;
  participantId: string | null;
  participantDeidentified: boolean;
  visitDate: string;
};

/** Locks a visit's row for a change (two changes to one visit queue rather than lose one). */
export async function lockVisit(tx: Tx, id: string): Promise<LockedVisit> {
  const [row] = await tx.$queryRaw<LockedVisit[]>`
    SELECT v.created_by_id::text AS "createdById", v.created_at AS "createdAt", v.voided_at AS "voidedAt", v.visit_date::text AS "visitDate",
           v.participant_id::text AS "participantId", coalesce(p.deidentified_at IS NOT NULL, false) AS "participantDeidentified"
    FROM visit v LEFT JOIN participant p ON p.id = v.participant_id
    WHERE v.id = ${id}::uuid FOR UPDATE OF v`;
  if (!row) throw notFound('That visit');
  return row;
}

export function assertMayChange(actor: Actor, visit: LockedVisit, kind: 'edit' | 'void' | 'add'): void {
  const problem = visitChangeProblem(actor, visit, programNow(), kind);
  if (problem) throw new AppError(visit.voidedAt || visit.participantDeidentified ? 'conflict' : 'forbidden', problem);
}

/**
 * Changes a visit's services and quantities (not who or when: a wrong person is voided and logged
 * again). Its author on the day they logged it, a program manager at any time (`visit:create`).
 */
export async function updateVisit(actor: Actor, input: unknown): Promise<{ changed: string[] }> {
  assertCan(actor, 'visit:create');
  const { visitId, services } = parseVisitInput(UpdateVisitSchema, input);
  return db.$transaction(async (tx) => {
    assertMayChange(actor, await lockVisit(tx, visitId), 'edit');
    return changeServices(tx, actor, visitId, () => services);
  });
}

/**
 * The one way a visit's lines change (an edit, or a second visit added to it): reads its lines,
 * takes the new ones from `next`, writes the difference and the `visit.updated` audit row. The
 * caller holds the visit's lock and has asked `assertMayChange`. `details` add to the audit row.
 */
export async function changeServices(
  tx: Tx,
  actor: Actor,
  visitId: string,
  next: (before: ServiceLine[]) => ServiceLine[],
  details: Record<string, string> = {},
): Promise<{ changed: string[] }> {
  const before = await tx.visitService.findMany({ where: { visitId }, select: { serviceTypeId: true, quantity: true } });
  const services = next(before);
  // A type no longer offered may stay on the visit it was used on, but cannot be added to it.
  await checkServices(
    tx,
    services,
    before.map((l) => l.serviceTypeId),
  );
  const diff = diffServices(before, services);
  const fields = changedFields(diff);
  if (!fields.length) return { changed: [] };
  if (diff.removed.length) await tx.visitService.deleteMany({ where: { visitId, serviceTypeId: { in: diff.removed } } });
  if (diff.added.length) await tx.visitService.createMany({ data: diff.added.map((l) => ({ visitId, ...l })) });
  for (const line of diff.requantified) {
    await tx.visitService.update({
      where: { visitId_serviceTypeId: { visitId, serviceTypeId: line.serviceTypeId } },
      data: { quantity: line.quantity },
      select: { visitId: true },
    });
  }
  await tx.visit.update({ where: { id: visitId }, data: { updatedAt: programNow() }, select: { id: true } });
  await recordAudit(tx, actor, 'visit.updated', {
    entityType: 'visit',
    entityId: visitId,
    details: {
      fields,
      added: diff.added.map((l) => l.serviceTypeId),
      removed: diff.removed,
      requantified: diff.requantified.map((l) => l.serviceTypeId),
      ...details,
    },
  });
  return { changed: fields };
}

/**
 * Voids a wrong visit with a reason: kept, shown muted, left out of every count. Its author on the
 * day they logged it, a program manager at any time (`visit:create`).
 */
export async function voidVisit(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'visit:create');
  const { visitId, reason } = parseVisitInput(VoidVisitSchema, input);
  await db.$transaction(async (tx) => {
    const visit = await lockVisit(tx, visitId);
    assertMayChange(actor, visit, 'void');
    await tx.visit.update({
      where: { id: visitId },
      data: { voidedAt: programNow(), voidedById: actor.id, voidReasonEnc: encryptField(reason, voidReasonContext(visitId)) },
      select: { id: true },
    });
    // The reason is free text and may name someone: encrypted on the visit, never in the audit log.
    await recordAudit(tx, actor, 'visit.voided', { entityType: 'visit', entityId: visitId, details: { participantId: visit.participantId } });
  });
}
