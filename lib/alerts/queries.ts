import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import type { AlertStatus, IncidentType, ReportText, WorkMode } from './labels.ts';
import { actionsFor, publishProblem, toAlertView, type AlertView, type ReportAction } from './rules.ts';
import { REPORT_NOT_FOUND, ReportIdSchema } from './schema.ts';
import { SOURCE_SELECT, toSource } from './stored.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Reading reports. Everyone on staff reads the alert sheet (redacted by `toAlertView`); the full
// report, with the account and the reporter, is for reviewers, and every reading is audited.

/**
 * The alert sheet: published alerts newer than `alerts.sheetDays`, newest first, redacted.
 * Every staff role (`alert:read_published`).
 */
export async function listSheet(actor: Actor, now = programNow(), limit = 200): Promise<AlertView[]> {
  assertCan(actor, 'alert:read_published');
  const days = await getSetting('alerts.sheetDays');
  const rows = await db.alertReport.findMany({
    where: { status: 'published', publishedAt: { gte: new Date(now.getTime() - days * 86_400_000) } },
    select: SOURCE_SELECT,
    orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
    take: limit,
  });
  return rows.map((r) => toAlertView(toSource(r)));
}

export type ReportSummary = {
  id: string;
  status: AlertStatus;
  receivedOn: string;
  incidentDate: string;
  mode: WorkMode;
  types: IncidentType[];
  possibleRepeat: boolean;
};

/** Reports for reviewers, newest first, without any text: no decryption, no audit. Coordinators and managers (`alert:review`). */
export async function listReports(actor: Actor, opts: { open?: boolean } = {}): Promise<ReportSummary[]> {
  assertCan(actor, 'alert:review');
  const open = opts.open ?? true;
  const rows = await db.$queryRaw<(Omit<ReportSummary, 'receivedOn' | 'incidentDate'> & { receivedOn: Date; incidentDate: Date })[]>`
    SELECT r.id::text AS id, r.status::text AS status, r.received_on AS "receivedOn", r.incident_date AS "incidentDate",
           r.mode::text AS mode, r.types::text[] AS types,
           EXISTS (SELECT 1 FROM alert_report o WHERE o.id <> r.id AND o.key_tokens && r.key_tokens) AS "possibleRepeat"
    FROM alert_report r
    WHERE (${open} = false OR r.status IN ('new', 'reviewed'))
    ORDER BY r.received_on DESC, r.created_at DESC, r.id
    LIMIT 300`;
  return rows.map((r) => ({ ...r, receivedOn: day(r.receivedOn), incidentDate: day(r.incidentDate) }));
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export type FullReport = {
  id: string;
  status: AlertStatus;
  receivedOn: string;
  text: ReportText;
  privateFields: string[];
  wantsFollowUp: boolean;
  policeConsent: boolean;
  reporter: { id: string; code: string; alias: string | null } | null;
  takenBy: string;
  /** Reports sharing a whole plate or phone number, earlier or later. */
  matches: { id: string; incidentDate: string; status: AlertStatus }[];
  /** Exactly what the alert shows (the sheet's own function). */
  preview: AlertView;
  publishProblem: string | null;
  actions: ReportAction[];
};

/** One report in full, decrypted, with `alert.viewed` written in the same transaction. Coordinators and managers (`alert:review`). */
export async function getReport(actor: Actor, input: unknown): Promise<FullReport> {
  assertCan(actor, 'alert:review');
  const parsed = ReportIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError('not_found', REPORT_NOT_FOUND);
  const { id } = parsed.data;
  return db.$transaction(async (tx) => {
    const row = await tx.alertReport.findUnique({
      where: { id },
      select: {
        ...SOURCE_SELECT,
        status: true,
        receivedOn: true,
        wantsFollowUp: true,
        policeConsent: true,
        keyTokens: true,
        reporter: { select: { id: true, code: true, alias: true } },
        createdBy: { select: { displayName: true } },
      },
    });
    if (!row) throw new AppError('not_found', REPORT_NOT_FOUND);
    const matches = row.keyTokens.length
      ? await tx.alertReport.findMany({
          where: { id: { not: id }, keyTokens: { hasSome: row.keyTokens } },
          select: { id: true, incidentDate: true, status: true },
          orderBy: { createdAt: 'asc' },
          take: 50,
        })
      : [];
    await recordAudit(tx, actor, 'alert.viewed', { entityType: 'alert_report', entityId: id, details: { matches: matches.length } });
    const source = toSource(row);
    const preview = toAlertView(source);
    return {
      id,
      status: row.status,
      receivedOn: day(row.receivedOn),
      text: source.text,
      privateFields: row.privateFields,
      wantsFollowUp: row.wantsFollowUp,
      policeConsent: row.policeConsent,
      reporter: row.reporter,
      takenBy: row.createdBy.displayName,
      matches: matches.map((m) => ({ id: m.id, incidentDate: day(m.incidentDate), status: m.status })),
      preview,
      publishProblem: publishProblem(preview),
      actions: actionsFor(row.status),
    };
  });
}
