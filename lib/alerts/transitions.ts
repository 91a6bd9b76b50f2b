import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, dbErrorCode } from '@/lib/errors.ts';
import { parseOrRefuse } from '@/lib/validation.ts';
import type { AlertStatus } from './labels.ts';
import { nextStatus, publishProblem, toAlertView, TRANSITION_REFUSED, type ReportAction } from './rules.ts';
import { PrivateFieldsSchema, REPORT_NOT_FOUND, TransitionSchema } from './schema.ts';
import { reportTokens, SOURCE_SELECT, toSource } from './stored.ts';
import { dateOnly, localDay, programNow } from '@/lib/calendar/index.ts';

// Moving a report along: reviewed, published (with a description that may be shown), archived,
// withdrawn. The row is locked first, so two reviewers pressing at once get one change and one
// plain "reload"; the database's trigger refuses any other step.

async function lockedSource(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM alert_report WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.alertReport.findUnique({ where: { id }, select: { ...SOURCE_SELECT, status: true } });
  if (!row) throw new AppError('not_found', REPORT_NOT_FOUND);
  return row;
}

const stamps = (to: AlertStatus, now: Date) => {
  if (to === 'reviewed') return { reviewedAt: now };
  if (to === 'published') return { publishedAt: now, publishedOn: dateOnly(localDay(now)) };
  return { closedAt: now };
};

/** Reviews, publishes, archives or withdraws a report. Coordinators and managers (`alert:review`). */
export async function transitionReport(actor: Actor, input: unknown, now = programNow()): Promise<{ status: AlertStatus }> {
  assertCan(actor, 'alert:review');
  const { id, action } = parseOrRefuse(TransitionSchema, input, ['id']);
  return db
    .$transaction(async (tx) => {
      const row = await lockedSource(tx, id);
      const to = nextStatus(row.status, action as ReportAction);
      if (!to) throw new AppError('conflict', TRANSITION_REFUSED[action as ReportAction]);
      if (to === 'published') {
        const problem = publishProblem(toAlertView(toSource(row)));
        if (problem) throw new AppError('invalid', problem);
      }
      await tx.alertReport.update({ where: { id }, data: { status: to, ...stamps(to, now) }, select: { id: true } });
      await recordAudit(tx, actor, `alert.${to}`, { entityType: 'alert_report', entityId: id, details: { from: row.status } });
      return { status: to };
    })
    .catch((error: unknown) => {
      if (dbErrorCode(error) === '23514') throw new AppError('conflict', TRANSITION_REFUSED[action as ReportAction]);
      throw error;
    });
}

/**
 * Chooses which text fields stay off the alert. Not once the report is closed; a published alert
 * keeps a description that may be shown. Coordinators and managers (`alert:review`).
 */
export async function setPrivateFields(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'alert:review');
  const data = parseOrRefuse(PrivateFieldsSchema, input);
  await db.$transaction(async (tx) => {
    const row = await lockedSource(tx, data.id);
    if (row.status === 'archived' || row.status === 'withdrawn') throw new AppError('conflict', 'This report is closed: what it shows can no longer change.');
    const source = toSource(row);
    const privateFields = data.private.filter((f) => source.text[f as keyof typeof source.text] !== null);
    if (row.status === 'published' && publishProblem(toAlertView({ ...source, privateFields }))) {
      throw new AppError('invalid', 'A published alert must keep a description that may be shown. Withdraw it instead.');
    }
    await tx.alertReport.update({
      where: { id: data.id },
      data: { privateFields, publicTokens: reportTokens(source.text, privateFields).publicTokens },
      select: { id: true },
    });
    await recordAudit(tx, actor, 'alert.private_fields_changed', { entityType: 'alert_report', entityId: data.id, details: { private: privateFields } });
  });
}
